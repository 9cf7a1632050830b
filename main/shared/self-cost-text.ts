/**
 * Hostwatch's own cost in words, with the one value formatter (format.ts), for the status view
 * footer and the tray's About line alike: `0.3% CPU · 71.2 MiB` / `CPU 0.3% · 71.2 MiB`.
 */
import type { SelfCost } from './contract';
import { formatUnit, type Language } from './format';

/** CPU and memory of a {@link SelfCost}; a figure not measured yet is left out (null if both). */
export function selfCostFigures(
  cost: SelfCost | null | undefined,
  language: Language,
): string | null {
  if (!cost) return null;
  const parts: string[] = [];
  if (cost.cpuRatio !== null && Number.isFinite(cost.cpuRatio)) {
    const cpu = formatUnit('percent', cost.cpuRatio * 100, language);
    parts.push(language === 'ko' ? `CPU ${cpu}` : `${cpu} CPU`);
  }
  if (cost.rssBytes !== null && Number.isFinite(cost.rssBytes)) {
    parts.push(formatUnit('bytes', cost.rssBytes, language));
  }
  return parts.length > 0 ? parts.join(' · ') : null;
}

/**
 * The tray menu's About line (issue 11): "Hostwatch 0.1.0 — 0.3% CPU · 71 MiB", the figures of
 * every Hostwatch process (main with its sampler worker thread, renderer, GPU and utility
 * processes). Electron's `app.getAppMetrics()` is the port for the processes beyond this one:
 * {@link appProcessCosts} turns it into what the own-cost meter folds into its reading.
 *
 * The figures change every tick, but Linux needs the whole menu set again for any label change,
 * so the line takes new figures at most once a minute (sooner while it has none, or when the
 * language changes).
 */
import type { ProcessMetric } from 'electron';
import type { Clock } from '../core/ports';
import type { Language } from '../core/health';
import type { ProcessCostSample } from '../adapters/self-cost-proc';
import type { SelfCost } from '../shared/contract';
import { selfCostFigures } from '../shared/self-cost-text';
import { strings } from './strings';

/** How often the About line takes new figures. */
export const ABOUT_REFRESH_MS = 60_000;

/** The part of a ProcessMetric the meter reads. */
export type AppProcessMetric = Pick<ProcessMetric, 'pid' | 'type'> & {
  readonly cpu: Pick<ProcessMetric['cpu'], 'cumulativeCPUUsage'>;
  readonly memory: Pick<ProcessMetric['memory'], 'workingSetSize'>;
};

/**
 * Every process of `app.getAppMetrics()` as the meter's samples: cumulative CPU seconds → ms,
 * working set KB → bytes. The meter prefers /proc where there is one and skips its own pid.
 */
export function appProcessCosts(metrics: readonly AppProcessMetric[]): ProcessCostSample[] {
  return metrics.map((m) => ({
    pid: m.pid,
    ...(m.cpu.cumulativeCPUUsage !== undefined ? { cpuMs: m.cpu.cumulativeCPUUsage * 1000 } : {}),
    rssBytes: m.memory.workingSetSize * 1024,
  }));
}

/** Builds the About line for each repaint, with figures at most once per {@link ABOUT_REFRESH_MS}. */
export function createAboutLine(
  version: string,
  clock: Pick<Clock, 'monotonic'>,
): (cost: SelfCost | undefined, language: Language) => string {
  let shown: { text: string; at: number; language: Language; figures: boolean } | null = null;
  return (cost, language) => {
    const now = clock.monotonic();
    if (
      shown &&
      shown.language === language &&
      shown.figures &&
      now - shown.at < ABOUT_REFRESH_MS
    ) {
      return shown.text;
    }
    const figures = selfCostFigures(cost, language);
    const text = strings(language).about(version, figures);
    shown = { text, at: now, language, figures: figures !== null };
    return text;
  };
}

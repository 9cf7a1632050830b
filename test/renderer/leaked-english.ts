/**
 * Finds English UI strings on a screen that should be Korean; shared by the component test of
 * the Korean UI and the browser test against the real agent.
 */
import { METRIC_LABELS } from '../../main/shared/metric-labels';
import { en } from '../../renderer/i18n/en';

/** Keys whose text is the same in both languages: the product name, acronyms, placeholders only. */
export const SHARED = new Set([
  'app.name',
  'card.cpu',
  'proc.pid',
  'proc.cpu',
  'banner.alert',
  'title.format',
  // Endpoint checks: "URL" is the word in Korean too.
  'checks.field.url',
  'delivery.messageId',
]);

/** English UI strings (their presence on a Korean screen means a leak), metric labels included. */
const englishOnly = [
  ...Object.entries(en)
    .filter(([k, v]) => !SHARED.has(k) && !v.includes('{'))
    .map(([, v]) => v),
  // The shared table's labels that differ from their Korean ("CPU" is the word in both).
  ...Object.entries(METRIC_LABELS.en)
    .filter(([k, v]) => METRIC_LABELS.ko[k as keyof typeof METRIC_LABELS.ko] !== v)
    .map(([, v]) => v),
];

/** English UI strings found as whole words in a text. */
export function leakedEnglish(text: string): string[] {
  return englishOnly.filter((s) => {
    const escaped = s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^A-Za-z.])${escaped}($|[^A-Za-z])`).test(text);
  });
}

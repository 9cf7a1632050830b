/**
 * Overall health and the short words for alerts: the worst firing rule decides the tray colour,
 * and {@link describeAlert} / {@link formatValue} give the tray, emails and logs one wording.
 */
import type { AlertState, Health } from '../shared/contract';
import { formatValue, type Language } from '../shared/format';
import { metricLabel } from '../shared/metric-labels';
import type { MetricName } from '../shared/metrics';

export { formatUnit, formatValue, type Language } from '../shared/format';
export { metricLabel } from '../shared/metric-labels';

/**
 * Overall health: `unknown` without data yet or when the sampler is stale; otherwise the worst
 * firing severity, and `ok` when nothing fires (pending is not a problem yet).
 */
export function overallHealth(input: {
  readonly alerts: readonly AlertState[];
  readonly hasData: boolean;
  readonly stale: boolean;
}): Health {
  if (!input.hasData || input.stale) return 'unknown';
  let health: Health = 'ok';
  for (const a of input.alerts) {
    if (a.state !== 'firing') continue;
    if (a.severity === 'critical') return 'critical';
    health = 'warning';
  }
  return health;
}

/**
 * The worst firing alert (critical before warning, then the one furthest past its threshold,
 * then the oldest), or undefined when nothing fires. Pending alerts are ignored, as in
 * {@link overallHealth}, so the tooltip never names a problem the colour does not show.
 */
export function worstAlert(alerts: readonly AlertState[]): AlertState | undefined {
  let worst: AlertState | undefined;
  for (const a of alerts) {
    if (a.state !== 'firing') continue;
    if (!worst || compareWorst(a, worst) < 0) worst = a;
  }
  return worst;
}

function compareWorst(a: AlertState, b: AlertState): number {
  const sev = (x: AlertState): number => (x.severity === 'critical' ? 0 : 1);
  const over = (x: AlertState): number =>
    x.value === null || x.threshold <= 0 ? 0 : x.value / x.threshold;
  return sev(a) - sev(b) || over(b) - over(a) || a.since - b.since;
}

/** How a host that stopped answering is named after its id in alert text. */
const UNREACHABLE_WORD: Record<Language, string> = { en: 'unreachable', ko: '연결 불가' };

/** The metric's label with its target, e.g. `CPU`, `Disk /`, `디스크 /`. */
export function alertLabel(
  alert: { readonly metric: MetricName; readonly target?: string },
  language: Language,
): string {
  const label = metricLabel(alert.metric, language);
  if (alert.target === undefined || alert.target === '') return label;
  // The watcher's own alert about a host: its subject must say so (`web02 unreachable`), not
  // "Silence web02".
  if (alert.metric === 'fleet.silence_s') return `${alert.target} ${UNREACHABLE_WORD[language]}`;
  return `${label} ${alert.target}`;
}

/** A short description of an alert for tooltips and subjects: `Disk / 96%`, `CPU 97%`. */
export function describeAlert(alert: AlertState, language: Language): string {
  return `${alertLabel(alert, language)} ${formatValue(alert.metric, alert.value, language)}`;
}

/**
 * One alert instance: a rule applied to one series. Rules, policy, dispatcher, ports and the
 * contract all carry these same fields, declared once here, and name an instance with
 * {@link instanceKey} only.
 */
import type { MetricName, SeriesKey } from './metrics';

/** A rule applied to one series (e.g. rule `disk` on `disk.used_pct{/var}`). */
export interface AlertInstance {
  readonly ruleId: string;
  readonly series: SeriesKey;
  readonly metric: MetricName;
  /** The series' target (mount, interface, core) when its metric has one. */
  readonly target?: string;
}

/**
 * The key of an instance in maps and sets. In memory only, never persisted: NUL can appear in
 * neither a rule id nor a series key, so two different instances never share a key.
 */
export function instanceKey(instance: Pick<AlertInstance, 'ruleId' | 'series'>): string {
  return `${instance.ruleId}\u0000${instance.series}`;
}

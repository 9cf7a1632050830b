/**
 * The engine's forecasts: once a minute (by the snapshots' wall clock, off the per-tick path),
 * fit the trend of each disk mount's use and of memory from history ({@link forecast}), keep
 * the good ones for `Status.forecasts`, and feed `forecast.seconds_to_full{<mount>}` into every
 * snapshot so the forecast rule is an ordinary `below` rule on it, through the same rules,
 * policy, history and /metrics as any sampled series.
 *
 * Between two fits the fed value counts down with the snapshot's time, so a rule sees the
 * time to full shrink steadily rather than in one-minute steps. A mount without a good fit has
 * no value: undefined to the rules, which never transition on it.
 *
 * Pure: history, rules and time come in as arguments.
 */
import type { StatusForecast } from '../shared/contract';
import { parseSeriesKey, seriesKey, type SeriesKey, type Snapshot } from '../shared/metrics';
import type { Rule } from '../shared/settings';
import { forecast } from './forecast';
import type { History } from './history';
import { compareText } from '../shared/compare-text';

/** How often the trends are fitted again (ms of snapshot wall time). */
export const FORECAST_EVERY_MS = 60_000;

/** What the feed reads: the history's minute query and its keys. */
export type ForecastHistory = Pick<History, 'query' | 'seriesKeys'>;

/** Series whose trend is forecast: every mount's use, and memory. */
function forecastable(key: SeriesKey): boolean {
  const parsed = parseSeriesKey(key);
  return (
    (parsed?.metric === 'disk.used_pct' && parsed.target !== undefined) ||
    parsed?.metric === 'mem.used_pct'
  );
}

/** The warning (else critical) level of the first enabled `above` rule watching `key`. */
function ruleLevel(rules: readonly Rule[], key: SeriesKey): number | null {
  const parsed = parseSeriesKey(key);
  if (!parsed) return null;
  for (const r of rules) {
    if (!r.enabled || r.metric !== parsed.metric || r.direction === 'below') continue;
    if (r.target !== undefined && r.target !== '*' && r.target !== parsed.target) continue;
    return r.warning ?? r.critical;
  }
  return null;
}

/** Fits every forecastable series of `history` at `now`; soonest full first. */
export function computeForecasts(
  history: ForecastHistory,
  rules: readonly Rule[],
  now: number,
): StatusForecast[] {
  const keys = history.seriesKeys().filter(forecastable);
  if (keys.length === 0) return [];
  const out: StatusForecast[] = [];
  for (const s of history.query(keys, '24h', now).series) {
    const full = forecast(s, { now, target: 100 });
    if (!full) continue;
    const parsed = parseSeriesKey(s.key)!;
    const level = ruleLevel(rules, s.key);
    const toLevel = level === null ? null : forecast(s, { now, target: level });
    out.push({
      series: s.key,
      metric: parsed.metric,
      ...(parsed.target === undefined ? {} : { target: parsed.target }),
      secondsToFull: full.secondsToTarget,
      level,
      secondsToLevel: toLevel && toLevel.secondsToTarget > 0 ? toLevel.secondsToTarget : null,
      slopePerHour: full.slopePerHour,
      window: full.window,
      confidence: full.confidence,
      at: now,
    });
  }
  return out.sort((a, b) => a.secondsToFull - b.secondsToFull || compareText(a.series, b.series));
}

/** The `forecast.seconds_to_full{<mount>}` values of `forecasts` at `time`, counted down. */
export function forecastSeriesValues(
  forecasts: readonly StatusForecast[],
  time: number,
): Record<SeriesKey, number> {
  const out: Record<SeriesKey, number> = {};
  for (const f of forecasts) {
    if (f.metric !== 'disk.used_pct' || f.target === undefined) continue;
    const elapsed = Math.max(0, (time - f.at) / 1000);
    out[seriesKey('forecast.seconds_to_full', f.target)] = Math.max(0, f.secondsToFull - elapsed);
  }
  return out;
}

/** Keeps the latest forecasts and adds their series to each snapshot. */
export class ForecastFeed {
  private forecasts: StatusForecast[] = [];
  private fittedAt: number | null = null;

  /** The latest good forecasts, soonest full first. */
  list(): readonly StatusForecast[] {
    return this.forecasts;
  }

  /**
   * Refits when a minute has passed since the last fit (or the clock went back), then returns
   * `snap` with the forecast series added.
   */
  augment(snap: Snapshot, history: ForecastHistory, rules: readonly Rule[]): Snapshot {
    const t = snap.time;
    if (this.fittedAt === null || t - this.fittedAt >= FORECAST_EVERY_MS || t < this.fittedAt) {
      this.forecasts = computeForecasts(history, rules, t);
      this.fittedAt = t;
    }
    const values = forecastSeriesValues(this.forecasts, t);
    if (Object.keys(values).length === 0) return snap;
    return { ...snap, values: { ...snap.values, ...values } };
  }
}

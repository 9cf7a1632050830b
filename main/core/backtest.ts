/**
 * Backtest: what one rule would have done over the stored history, by running the real
 * {@link RuleEngine} (the same state machine, with its for, clear and gap semantics) over it.
 *
 * The data: the raw hour at full resolution, and before it the minute rollups, each minute
 * standing as one sample at its start with its max (an `above` rule) or its min (a `below`
 * rule), so a breach anywhere in the minute counts. Consequences, reported in the result:
 * - a "for" shorter than a minute cannot be told apart from one minute: `approximate` is true
 *   whenever rollups were used and forSeconds < 60 (never silently rounded);
 * - the gap length is one minute over rollups (a minute without data is a gap) and the engine's
 *   own `gapMs` over raw samples; the step from the last rollup to the first raw sample may be
 *   up to two minutes, because the minute the raw hour begins in is read raw, not rolled up;
 * - rollups are 16-bit log codes (error ≤ 0.03 % of the value), so a minute exactly at a
 *   threshold may land either side of it.
 *
 * Pure: the history comes in as an argument (a {@link History} or anything with its queries).
 */
import type { Severity } from '../shared/contract';
import { RANGE_MS } from '../shared/contract';
import { METRICS, parseSeriesKey, type SeriesKey } from '../shared/metrics';
import type { Rule } from '../shared/settings';
import { MINUTE_MS, type History } from './history';
import type { Transition } from './ports';
import { RuleEngine, type RuleSample } from './rules';
import { compareText } from '../shared/compare-text';

/** The ranges a backtest covers. */
export type BacktestRange = '24h' | '7d';

/** What a backtest reads: the history's raw export, its minute query and its keys. */
export type BacktestHistory = Pick<History, 'exportRaw' | 'query' | 'seriesKeys'>;

/** Options of {@link backtest}. */
export interface BacktestOptions {
  readonly range: BacktestRange;
  /** Wall-clock ms the range ends at. */
  readonly now: number;
  /** The live engine's gap length over raw samples (the engine uses max(5 s, 3 × interval)). */
  readonly gapMs: number;
}

/** One alert episode the rule would have had. */
export interface BacktestEpisode {
  readonly series: SeriesKey;
  /** Wall-clock ms the breach began (the pending start). */
  readonly since: number;
  /** Wall-clock ms it would have fired. */
  readonly start: number;
  /** Wall-clock ms it would have resolved; null when still open at the end of the range. */
  readonly end: number | null;
  /** The worst severity it reached. */
  readonly severity: Severity;
}

/** What data a backtest ran over. */
export type BacktestResolution = 'raw' | 'minute' | 'mixed' | 'none';

/** The answer of {@link backtest}. */
export interface BacktestResult {
  readonly range: BacktestRange;
  /** Wall-clock ms of the range: (from, to]. */
  readonly from: number;
  readonly to: number;
  /** Oldest first. */
  readonly episodes: readonly BacktestEpisode[];
  /** Episodes that fired in the range (one per FIRING). */
  readonly fired: number;
  /** Episodes that also resolved in the range. */
  readonly resolved: number;
  /** Fraction (0…1) of the range's minutes that had data for a series of the rule. */
  readonly coverage: number;
  /** Rollups were used and the rule's "for" is shorter than their minute. */
  readonly approximate: boolean;
  readonly resolution: BacktestResolution;
  /** Wall-clock ms from which the data is at full resolution; null without raw samples. */
  readonly rawFrom: number | null;
  /** Which value of each minute stood for it: max for `above` rules, min for `below` rules. */
  readonly minuteValue: 'max' | 'min';
}

/** Counts behind "would have fired 3 times (2 warning, 1 critical), longest 40 min". */
export interface BacktestSummary {
  readonly fired: number;
  readonly warning: number;
  readonly critical: number;
  /** Longest episode in ms; an open one counts up to the end of the range. 0 when none. */
  readonly longestMs: number;
}

/** Runs `rule` (enabled or not) over `history` for the range ending at `options.now`. */
export function backtest(
  rule: Rule,
  history: BacktestHistory,
  options: BacktestOptions,
): BacktestResult {
  const to = options.now;
  const from = to - RANGE_MS[options.range];
  const below = rule.direction === 'below';
  const keys = history.seriesKeys().filter((k) => matches(rule, k));
  const raw = rawSamples(history, keys, from, to);
  const rawFrom = raw.length > 0 ? raw[0]!.time : null;
  const minutes = minuteSamples(history, keys, options, rawFrom, below);

  const engine = new RuleEngine([{ ...rule, enabled: true }], { gapMs: MINUTE_MS });
  const episodes = new Episodes();
  for (const s of minutes) episodes.add(engine.evaluate(s));
  raw.forEach((s, i) => {
    // The step from the last rollup into the raw hour spans the skipped partial minute.
    if (i === 0) engine.setGapMs(minutes.length > 0 ? 2 * MINUTE_MS : options.gapMs);
    episodes.add(engine.evaluate(s));
    if (i === 0) engine.setGapMs(options.gapMs);
  });

  const list = episodes.list();
  return {
    range: options.range,
    from,
    to,
    episodes: list,
    fired: list.length,
    resolved: list.filter((e) => e.end !== null).length,
    coverage: coverage([minutes, raw], from, to),
    approximate: minutes.length > 0 && rule.forSeconds * 1000 < MINUTE_MS,
    resolution:
      minutes.length > 0 ? (raw.length > 0 ? 'mixed' : 'minute') : raw.length > 0 ? 'raw' : 'none',
    rawFrom,
    minuteValue: below ? 'min' : 'max',
  };
}

/** The counts by severity and the longest episode, for the summary sentence. */
export function backtestSummary(result: BacktestResult): BacktestSummary {
  let warning = 0;
  let critical = 0;
  let longestMs = 0;
  for (const e of result.episodes) {
    if (e.severity === 'critical') critical++;
    else warning++;
    longestMs = Math.max(longestMs, (e.end ?? result.to) - e.start);
  }
  return { fired: result.fired, warning, critical, longestMs };
}

/** Collects transitions into episodes, keyed by series. */
class Episodes {
  private readonly done: BacktestEpisode[] = [];
  private readonly open = new Map<
    SeriesKey,
    { since: number; start: number; severity: Severity }
  >();

  add(transitions: readonly Transition[]): void {
    for (const t of transitions) {
      const cur = this.open.get(t.series);
      if (t.kind === 'firing') {
        this.open.set(t.series, { since: t.since, start: t.at, severity: t.severity });
      } else if (cur && t.kind === 'escalated') {
        cur.severity = 'critical';
      } else if (cur && t.kind === 'resolved') {
        this.open.delete(t.series);
        this.done.push({ series: t.series, ...cur, end: t.at });
      }
    }
  }

  list(): BacktestEpisode[] {
    const open = [...this.open].map(([series, e]) => ({ series, ...e, end: null }));
    return [...this.done, ...open].sort(
      (a, b) => a.start - b.start || compareText(a.series, b.series),
    );
  }
}

/** Raw samples of `keys` in (from, to], oldest first; rows without any of them are kept. */
function rawSamples(
  history: BacktestHistory,
  keys: readonly SeriesKey[],
  from: number,
  to: number,
): RuleSample[] {
  if (keys.length === 0) return [];
  const exp = history.exportRaw();
  const cols = keys
    .map((key) => ({ key, col: exp.columns[exp.keys.indexOf(key)] }))
    .filter((c) => c.col !== undefined);
  const out: RuleSample[] = [];
  for (let i = 0; i < exp.times.length; i++) {
    const time = exp.times[i]!;
    if (!(time > from && time <= to)) continue;
    const values: Record<SeriesKey, number> = {};
    for (const c of cols) {
      const v = c.col![i]!;
      if (!Number.isNaN(v)) values[c.key] = v;
    }
    // A row where the series is absent still happened: the live engine saw that tick too.
    out.push({ mono: time, time, values });
  }
  return out;
}

/** One sample per minute with data, for the minutes that end before the raw data begins. */
function minuteSamples(
  history: BacktestHistory,
  keys: readonly SeriesKey[],
  options: BacktestOptions,
  rawFrom: number | null,
  below: boolean,
): RuleSample[] {
  if (keys.length === 0) return [];
  const series = history.query(keys, options.range, options.now).series;
  const t = series[0]?.t ?? [];
  const out: RuleSample[] = [];
  for (let i = 0; i < t.length; i++) {
    const time = t[i]!;
    if (rawFrom !== null && time + MINUTE_MS > rawFrom) break;
    const values: Record<SeriesKey, number> = {};
    let any = false;
    for (const s of series) {
      const v = (below ? s.min : s.max)?.[i];
      if (v === null || v === undefined) continue;
      values[s.key] = v;
      any = true;
    }
    // A minute without data is left out, so the step over it is a gap for the engine.
    if (any) out.push({ mono: time, time, values });
  }
  return out;
}

/** Fraction of the range's minutes holding at least one defined value. */
function coverage(parts: readonly (readonly RuleSample[])[], from: number, to: number): number {
  const first = Math.floor(from / MINUTE_MS) + 1;
  const last = Math.floor(to / MINUTE_MS);
  const total = last - first + 1;
  if (total <= 0) return 0;
  const seen = new Set<number>();
  for (const samples of parts) {
    for (const s of samples) {
      const m = Math.floor(s.time / MINUTE_MS);
      if (m < first || m > last) continue;
      for (const _ in s.values) {
        seen.add(m);
        break;
      }
    }
  }
  return seen.size / total;
}

/** Whether a series key is one the rule watches (same matching as the engine's). */
function matches(rule: Rule, key: SeriesKey): boolean {
  const parsed = parseSeriesKey(key);
  if (!parsed || parsed.metric !== rule.metric) return false;
  if (!METRICS[parsed.metric].targeted) return parsed.target === undefined;
  return rule.target === undefined || rule.target === '*' || rule.target === parsed.target;
}

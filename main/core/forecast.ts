/**
 * Forecast: when will a steadily growing series (disk use per mount, memory) reach a level —
 * "full in ~3 days", "at 90 % in ~5 h" — or null when no steady trend can be trusted.
 *
 * How, for each window (the last 6 h and the last 24 h):
 * 1. The window is cut into {@link BUCKETS} buckets; each non-empty bucket becomes one point
 *    (mean time, median value), so spikes and sampling density do not weigh in. At least half
 *    the buckets must hold data, and the newest data must be at most {@link STALE_MS} old.
 * 2. A Theil–Sen line through those points (the median of all pairwise slopes; robust to up
 *    to ~29 % outliers), with Sen's 95 % confidence interval of the slope from Kendall's S.
 * 3. The fit is good only when: the slope is positive and its whole interval too (a flat,
 *    falling or noisy series is refused); the interval's half-width is at most
 *    {@link MAX_RELATIVE_HALF_WIDTH} of the slope; and each half of the window rises at
 *    between a third and three times the whole window's slope (a step change is not a trend).
 * 4. Confidence = 1 − the relative half-width; the window with the higher confidence wins.
 *
 * The time to target runs from the fitted line's value now. A series whose newest bucket is
 * already at or past the target answers 0 s (an observation, confidence 1), whatever its trend.
 * Pure: the series and `now` come in as arguments.
 */
import type { HistorySeries } from '../shared/contract';

/** The fit windows, newest data last. */
export type ForecastWindow = '6h' | '24h';

/** Points to fit: wall-clock ms and values (null where there was no data), e.g. a history series. */
export type ForecastSeries = Pick<HistorySeries, 't' | 'avg'>;

/** Options of {@link forecast}. */
export interface ForecastOptions {
  /** Wall-clock ms the windows end at. */
  readonly now: number;
  /** The level to reach: 100 for "full", or a rule's threshold. */
  readonly target: number;
}

/** A trend good enough to show. */
export interface Forecast {
  /** Seconds until the fitted line reaches the target; 0 when it is already reached. */
  readonly secondsToTarget: number;
  /** The fitted slope in the series' unit per hour (> 0 unless already reached). */
  readonly slopePerHour: number;
  /** The window whose fit was used. */
  readonly window: ForecastWindow;
  /** 0…1: one minus the slope's relative 95 % half-width; 1 for an already reached target. */
  readonly confidence: number;
}

/** Newest data older than this (ms) gives no forecast: the agent was not sampling. */
export const STALE_MS = 45 * 60_000;
/** Buckets per window (6 h: 7.5 min each; 24 h: 30 min each). */
export const BUCKETS = 48;
/** Largest accepted 95 % half-width of the slope, relative to the slope. */
export const MAX_RELATIVE_HALF_WIDTH = 0.06;
/** The forecast rule's default levels for disks: warning under 3 days, critical under 12 h. */
export const DISK_FORECAST_LEVELS = { warningSeconds: 3 * 86_400, criticalSeconds: 12 * 3_600 };

const HOUR_MS = 3_600_000;
const WINDOWS: readonly { readonly name: ForecastWindow; readonly ms: number }[] = [
  { name: '6h', ms: 6 * HOUR_MS },
  { name: '24h', ms: 24 * HOUR_MS },
];
/** Two-sided 95 % normal quantile. */
const Z95 = 1.96;

interface Point {
  /** Hours relative to now (negative: in the past). */
  readonly x: number;
  readonly y: number;
}

interface Fit {
  readonly window: ForecastWindow;
  /** Per hour. */
  readonly slope: number;
  /** The line's value now. */
  readonly level: number;
  readonly confidence: number;
}

/** The time until `series` reaches `options.target`, from the better of two windows, or null. */
export function forecast(series: ForecastSeries, options: ForecastOptions): Forecast | null {
  const { now, target } = options;
  if (!Number.isFinite(target) || !Number.isFinite(now)) return null;
  const byWindow = WINDOWS.map((w) => ({ w, points: bucketed(series, now, w.ms) }));

  const newest = byWindow[0]?.points ?? [];
  const last = newest[newest.length - 1];
  if (last && last.x >= -STALE_MS / HOUR_MS && last.y >= target) {
    return {
      secondsToTarget: 0,
      slopePerHour: theilSen(newest).slope,
      window: '6h',
      confidence: 1,
    };
  }

  let best: Fit | null = null;
  for (const { w, points } of byWindow) {
    const fit = goodFit(points, w.name, w.ms / HOUR_MS);
    if (fit && (!best || fit.confidence > best.confidence)) best = fit;
  }
  if (!best) return null;
  const hours = Math.max(0, (target - best.level) / best.slope);
  return {
    secondsToTarget: hours * 3_600,
    slopePerHour: best.slope,
    window: best.window,
    confidence: best.confidence,
  };
}

/** One point per non-empty bucket of the window ending at `now`: mean time, median value. */
function bucketed(series: ForecastSeries, now: number, windowMs: number): Point[] {
  const size = windowMs / BUCKETS;
  const from = now - windowMs;
  const ts: number[][] = Array.from({ length: BUCKETS }, () => []);
  const vs: number[][] = Array.from({ length: BUCKETS }, () => []);
  const n = Math.min(series.t.length, series.avg.length);
  for (let i = 0; i < n; i++) {
    const t = series.t[i]!;
    const v = series.avg[i];
    if (!(t > from && t <= now) || v === null || v === undefined || !Number.isFinite(v)) continue;
    const b = Math.min(BUCKETS - 1, Math.floor((t - from) / size));
    ts[b]!.push(t);
    vs[b]!.push(v);
  }
  const out: Point[] = [];
  for (let b = 0; b < BUCKETS; b++) {
    const bt = ts[b]!;
    if (bt.length === 0) continue;
    const meanT = bt.reduce((s, t) => s + t, 0) / bt.length;
    out.push({ x: (meanT - now) / HOUR_MS, y: median(vs[b]!) });
  }
  return out;
}

/** The fit of one window when it is good enough to show (see the header), or null. */
function goodFit(points: readonly Point[], window: ForecastWindow, hours: number): Fit | null {
  if (points.length < BUCKETS / 2) return null;
  if (points[points.length - 1]!.x < -STALE_MS / HOUR_MS) return null;
  const { slope, level, lower, upper } = theilSen(points);
  if (!(slope > 0 && lower > 0)) return null;
  const relative = (upper - lower) / 2 / slope;
  if (relative > MAX_RELATIVE_HALF_WIDTH) return null;
  const mid = -hours / 2;
  const halves = [points.filter((p) => p.x < mid), points.filter((p) => p.x >= mid)];
  for (const half of halves) {
    if (half.length < BUCKETS / 8) return null;
    const s = theilSen(half).slope;
    if (!(s >= slope / 3 && s <= slope * 3)) return null;
  }
  return { window, slope, level, confidence: 1 - relative };
}

/** Theil–Sen slope, the line's value at x = 0, and Sen's 95 % interval of the slope. */
function theilSen(points: readonly Point[]): {
  slope: number;
  level: number;
  lower: number;
  upper: number;
} {
  const n = points.length;
  // A typed array sorts numerically in native code. The agent runs V8's interpreter only, where
  // sorting with a comparator (~10,000 calls a fit) cost ~30 ms of a start-up with a week stored.
  const all = new Float64Array((n * (n - 1)) / 2);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const a = points[i]!;
    for (let j = i + 1; j < n; j++) {
      const b = points[j]!;
      if (b.x !== a.x) all[count++] = (b.y - a.y) / (b.x - a.x);
    }
  }
  if (count === 0) return { slope: 0, level: points[0]?.y ?? 0, lower: 0, upper: 0 };
  const slopes = all.subarray(0, count).sort();
  const slope = medianSorted(slopes);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = points[i]!.y - slope * points[i]!.x;
  const level = medianSorted(residuals.sort());
  // Sen (1968): the interval's ranks are (N ∓ z·sqrt(Var S)) / 2, Var S = n(n−1)(2n+5)/18.
  const big = slopes.length;
  const c = Z95 * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const lo = Math.max(0, Math.floor((big - c) / 2) - 1);
  const hi = Math.min(big - 1, Math.ceil((big + c) / 2));
  return { slope, level, lower: slopes[lo]!, upper: slopes[hi]! };
}

function median(values: readonly number[]): number {
  return medianSorted(Float64Array.from(values).sort());
}

function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

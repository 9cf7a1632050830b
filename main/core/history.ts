/**
 * Metric history in memory: the last hour at full resolution and min/avg/max per minute for
 * 7 days (+1 h), per series, in typed-array rings so the size is fixed and small.
 *
 * Memory, per series: raw hour {@link RAW_CAPACITY} × 4 B (Float32) ≈ 14 KB; minute rollups
 * {@link ROLLUP_MINUTES} × 3 × 2 B ≈ 59 KB. Rollups are stored as 16-bit log-scale codes
 * (error ≤ 0.03 % of the value, ≤ 0.0003 below 1: far below a chart pixel; values 0…1e15),
 * half of Float32. So ~40 series take ≈ 3 MB and the cap of {@link MAX_SERIES} ≈ 19 MB at most. Past the cap,
 * new series are not recorded (listed by {@link History.stats}) until a series has had no data
 * for 7 days and its slot is freed; keys longer than {@link MAX_KEY_LENGTH} are not recorded.
 *
 * Endpoint checks have a pool of their own ({@link MAX_CHECK_SERIES}), so they never take the
 * host's slots: only the series worth a chart or a rule's backtest (`CHECK_HISTORY_METRICS`:
 * up, response time, certificate days, failures in a row; the phases and status code stay in the
 * status and /metrics) and one rollup code per minute (the average; min and max read as the
 * average), since a check runs at most every 10 s and by default once a minute: ≈ 35 KB a series,
 * ≈ 140 KB a check, ≈ 35 MB for {@link MAX_CHECKS} checks at most.
 */
import { RANGE_MS, type HistoryResponse, type HistorySeries, type Range } from '../shared/contract';
import { isCheckMetric, MAX_CHECKS } from '../shared/limits';
import { CHECK_HISTORY_METRICS, type SeriesKey, type Snapshot } from '../shared/metrics';

/** One minute in ms. */
export const MINUTE_MS = 60_000;
/** One hour in ms: the raw window. */
export const HOUR_MS = 3_600_000;
/** Raw samples kept: one hour at 1 Hz plus slack for jitter (the ring evicts by time too). */
export const RAW_CAPACITY = 3_660;
/** Minute rollups kept: 7 days plus one hour, so a '7d' chart is always complete. */
export const ROLLUP_MINUTES = 7 * 1_440 + 60;
/** Most host series recorded at once. */
export const MAX_SERIES = 256;
/** Most check series recorded at once, apart from {@link MAX_SERIES}: four per check. */
export const MAX_CHECK_SERIES = CHECK_HISTORY_METRICS.size * MAX_CHECKS;
/** Longest series key recorded (a mount path can be long; disk and memory stay bounded). */
export const MAX_KEY_LENGTH = 160;
/** Closed minutes kept for the store to drain; older ones are then only in memory. */
const MAX_CLOSED = 60;

const EMPTY = 0xffff;
const MAX_CODE = 0xfffe;
const SCALE = MAX_CODE / Math.log1p(1e15);

function encode(v: number): number {
  return v <= 0 ? 0 : Math.min(MAX_CODE, Math.round(Math.log1p(v) * SCALE));
}

function decode(code: number): number | null {
  return code === EMPTY ? null : Math.expm1(code / SCALE);
}

/** One closed minute: min, avg and max of every series with data in it. */
export interface MinuteRollup {
  /** Wall-clock ms of the minute's start. */
  readonly start: number;
  readonly values: Readonly<Record<SeriesKey, readonly [min: number, avg: number, max: number]>>;
}

/** One persisted minute as a day file holds it: the minute number and a cell per key. */
export interface PersistedMinute {
  /** Minutes since the epoch. */
  readonly m: number;
  readonly v: readonly (readonly [min: number, avg: number, max: number] | null)[];
}

/** The raw hour as columns, oldest first (for the history store). */
export interface RawExport {
  readonly keys: readonly SeriesKey[];
  readonly times: Float64Array;
  /** One column per key; NaN where the series had no value. */
  readonly columns: readonly Float32Array[];
  /** Series given by their values alone, not as columns (the check series, when asked). */
  readonly points?: readonly RawPoints[];
}

/** A series of the raw hour as the samples that hold a value: indexes into `times`, values. */
export interface RawPoints {
  readonly key: SeriesKey;
  readonly at: Uint16Array;
  readonly values: Float32Array;
}

/** Options of {@link History}. */
export interface HistoryOptions {
  /** Most host series recorded at once (default {@link MAX_SERIES}). */
  readonly maxSeries?: number;
  /** Most check series recorded at once (default {@link MAX_CHECK_SERIES}). */
  readonly maxCheckSeries?: number;
  /**
   * Shortest step between raw samples drawn as a gap (default 5 s); the gap is also at least
   * 3 × the median step in the queried window, so a 10 s interval draws no false gaps.
   */
  readonly minGapMs?: number;
}

/** Diagnostics of the history. */
export interface HistoryStats {
  readonly series: number;
  readonly maxSeries: number;
  readonly maxCheckSeries: number;
  readonly rawSamples: number;
  /** Keys not recorded because of the series cap or key length (at most 100 listed). */
  readonly dropped: readonly SeriesKey[];
}

/** The history of every series: append snapshots, query chart ranges. */
export class History {
  private readonly maxSeries: number;
  private readonly maxCheckSeries: number;
  /** Free slots of check series: slots maxSeries … maxSeries + maxCheckSeries − 1. */
  private readonly freeCheck: number[] = [];
  private readonly minGapMs: number;
  private readonly slotOf = new Map<SeriesKey, number>();
  private readonly keyOf: (SeriesKey | undefined)[] = [];
  private readonly active: number[] = [];
  /** The active host slots: cleared to NaN at every new raw position. */
  private readonly activeHost: number[] = [];
  /**
   * The check slots written at each raw position: a check writes about once a minute, so only
   * these are cleared when the position is reused, instead of every check slot on every tick.
   */
  private readonly checkWritten: (number[] | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly raw: (Float32Array | undefined)[] = [];
  private readonly roll: (Uint16Array | undefined)[] = [];
  private readonly rawTime = new Float64Array(RAW_CAPACITY);
  private rawStart = 0;
  private rawCount = 0;
  /** Minute number (ms / 60 000) held by each rollup slot, or -1. */
  private readonly rollMinute = new Float64Array(ROLLUP_MINUTES).fill(-1);
  private openMinute: number | null = null;
  private readonly accSum: Float64Array;
  private readonly accCount: Uint32Array;
  private readonly accMin: Float64Array;
  private readonly accMax: Float64Array;
  private readonly lastMinute: Float64Array;
  private readonly lastSeen: Float64Array;
  private closed: MinuteRollup[] = [];
  private readonly dropped = new Set<SeriesKey>();
  private loadedThrough = -Infinity;

  constructor(options: HistoryOptions = {}) {
    this.maxSeries = Math.max(1, options.maxSeries ?? MAX_SERIES);
    this.maxCheckSeries = Math.max(0, options.maxCheckSeries ?? MAX_CHECK_SERIES);
    this.minGapMs = options.minGapMs ?? 5_000;
    const n = this.maxSeries + this.maxCheckSeries;
    this.accSum = new Float64Array(n);
    this.accCount = new Uint32Array(n);
    this.accMin = new Float64Array(n);
    this.accMax = new Float64Array(n);
    this.lastMinute = new Float64Array(n);
    this.lastSeen = new Float64Array(n);
    for (let s = this.maxSeries - 1; s >= 0; s--) this.free.push(s);
    for (let s = n - 1; s >= this.maxSeries; s--) this.freeCheck.push(s);
  }

  /** Appends one snapshot; closes the previous minute's rollup when a new minute begins. */
  append(snapshot: Pick<Snapshot, 'time' | 'values'>): void {
    this.appendRow(snapshot.time, snapshot.values, true);
  }

  /** Takes the minutes closed since the last call (at most the last hour's), oldest first. */
  drainClosed(): MinuteRollup[] {
    const out = this.closed;
    this.closed = [];
    return out;
  }

  /** Wall-clock ms of the newest raw sample, or null. */
  latestTime(): number | null {
    return this.rawCount === 0 ? null : (this.rawTime[this.rawIndex(this.rawCount - 1)] ?? null);
  }

  /** Keys of every recorded series, sorted. */
  seriesKeys(): SeriesKey[] {
    return [...this.slotOf.keys()].sort();
  }

  /** Diagnostics: series count, cap, raw samples and keys not recorded. */
  stats(): HistoryStats {
    return {
      series: this.slotOf.size,
      maxSeries: this.maxSeries,
      maxCheckSeries: this.maxCheckSeries,
      rawSamples: this.rawCount,
      dropped: [...this.dropped],
    };
  }

  /**
   * History of `keys` over `range` ending at `now`: '5m' and '1h' give raw samples (a null
   * point marks each gap), '24h' and '7d' one point per minute with min/avg/max (null for
   * minutes without data; leading minutes without any data are left out). Unknown keys give
   * all-null columns.
   */
  query(keys: readonly SeriesKey[], range: Range, now: number): HistoryResponse {
    return range === '5m' || range === '1h'
      ? { range, resolution: 'raw', series: this.queryRaw(keys, now - RANGE_MS[range], now) }
      : {
          range,
          resolution: 'minute',
          series: this.queryMinutes(keys, now - RANGE_MS[range], now),
        };
  }

  /** Loads one persisted minute (older data never overwrites newer data in the same slot). */
  loadMinute(rollup: MinuteRollup): void {
    const keys = Object.keys(rollup.values);
    const m = Math.floor(rollup.start / MINUTE_MS);
    this.minuteLoader(keys)({ m, v: keys.map((k) => rollup.values[k]!) });
  }

  /**
   * A loader of persisted minutes whose cells follow `keys` (a day file's dictionary), null
   * where a series has no data: {@link History.loadMinute} for each row it is given, with each
   * key's slot looked up once instead of once a row (a week is 10,000 rows at start-up). Rows
   * are taken one at a time, so a day file's parsed lines never pile up in the heap.
   */
  minuteLoader(keys: readonly SeriesKey[]): (row: PersistedMinute) => void {
    const slots: (number | undefined)[] = [];
    const looked: boolean[] = [];
    return ({ m: minute, v }) => {
      const at = minute % ROLLUP_MINUTES;
      if ((this.rollMinute[at] ?? -1) > minute) return;
      this.claimRollSlot(minute);
      for (let i = 0; i < v.length; i++) {
        const cell = v[i];
        if (!cell) continue;
        if (!looked[i]) {
          looked[i] = true;
          const key = keys[i];
          slots[i] = key === undefined ? undefined : this.slotFor(key);
        }
        const slot = slots[i];
        if (slot === undefined) continue;
        this.writeRollup(slot, at, cell[0], cell[1], cell[2]);
        if (minute > (this.lastMinute[slot] ?? -Infinity)) this.lastMinute[slot] = minute;
      }
      if (minute > this.loadedThrough) this.loadedThrough = minute;
    };
  }

  /**
   * Loads the persisted raw hour (after {@link History.loadMinute}). Samples of minutes newer
   * than every loaded rollup are re-accumulated, so minutes lost in a crash are closed again
   * (and drained to the store) and the last partial minute continues.
   */
  loadRaw(raw: RawExport): void {
    const n = raw.times.length;
    const extra: (Record<SeriesKey, number> | undefined)[] = [];
    for (const p of raw.points ?? [])
      p.at.forEach((i, j) => ((extra[i] ??= {})[p.key] = p.values[j]!));
    const columnOf = new Map(raw.keys.map((key, k) => [key, k]));
    // Each column's slot is looked up once, at its first value (3,600 rows of up to 40 columns).
    const slots: (number | undefined)[] = [];
    const looked: boolean[] = [];
    for (let i = 0; i < n; i++) {
      const time = raw.times[i] ?? NaN;
      const accumulate = Math.floor(time / MINUTE_MS) > this.loadedThrough;
      const pos = this.beginRow(time, accumulate);
      if (pos === undefined) continue;
      const points = extra[i];
      for (const key in points) {
        const k = columnOf.get(key);
        if (k !== undefined && Number.isFinite(raw.columns[k]?.[i])) continue; // the column's wins
        const v = points[key]!;
        const slot = Number.isFinite(v) ? this.slotFor(key) : undefined;
        if (slot !== undefined) this.putValue(slot, pos, v, time, accumulate);
      }
      for (let k = 0; k < raw.keys.length; k++) {
        const v = raw.columns[k]?.[i];
        if (v === undefined || !Number.isFinite(v)) continue;
        if (!looked[k]) {
          looked[k] = true;
          slots[k] = this.slotFor(raw.keys[k]!);
        }
        const slot = slots[k];
        if (slot !== undefined) this.putValue(slot, pos, v, time, accumulate);
      }
    }
  }

  /**
   * The raw hour as columns, oldest first. With `sparseChecks` the check series come as
   * {@link RawPoints} of the positions they wrote (a check writes about once a minute), so a
   * save neither scans nor stores their mostly empty columns.
   */
  exportRaw({ sparseChecks = false }: { sparseChecks?: boolean } = {}): RawExport {
    const n = this.rawCount;
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) times[i] = this.rawTime[this.rawIndex(i)] ?? NaN;
    const keys: SeriesKey[] = [];
    const columns: Float32Array[] = [];
    for (const slot of sparseChecks ? this.activeHost : this.active) {
      const src = this.raw[slot];
      const key = this.keyOf[slot];
      if (!src || key === undefined) continue;
      const col = new Float32Array(n);
      let any = false;
      for (let i = 0; i < n; i++) {
        const v = src[this.rawIndex(i)] ?? NaN;
        col[i] = v;
        any ||= !Number.isNaN(v);
      }
      if (!any) continue;
      keys.push(key);
      columns.push(col);
    }
    return sparseChecks
      ? { keys, times, columns, points: this.checkPoints(n) }
      : { keys, times, columns };
  }

  /** The check series of the last `n` raw positions, from the slots written at each. */
  private checkPoints(n: number): RawPoints[] {
    const at = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      for (const slot of this.checkWritten[this.rawIndex(i)] ?? []) {
        if (at.has(slot)) at.get(slot)!.push(i);
        else at.set(slot, [i]);
      }
    }
    return [...at].map(([slot, idx]) => {
      const src = this.raw[slot]!;
      const values = new Float32Array(idx.length);
      for (let j = 0; j < idx.length; j++) values[j] = src[this.rawIndex(idx[j]!)]!;
      return { key: this.keyOf[slot]!, at: Uint16Array.from(idx), values };
    });
  }

  private rawIndex(i: number): number {
    return (this.rawStart + i) % RAW_CAPACITY;
  }

  private appendRow(
    time: number,
    values: Readonly<Record<SeriesKey, number>>,
    accumulate: boolean,
  ): void {
    const pos = this.beginRow(time, accumulate);
    if (pos === undefined) return;
    for (const key in values) {
      const v = values[key];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      const slot = this.slotFor(key);
      if (slot !== undefined) this.putValue(slot, pos, v, time, accumulate);
    }
  }

  /**
   * Starts the raw row of a sample at `time` (closing the open minute when a new one begins,
   * dropping samples older than an hour); its position in the raw ring, or undefined for a time
   * that is not a number.
   */
  private beginRow(time: number, accumulate: boolean): number | undefined {
    if (!Number.isFinite(time)) return undefined;
    // The wall clock stepped back: samples "from the future" would break the time order.
    while (this.rawCount > 0 && (this.rawTime[this.rawIndex(this.rawCount - 1)] ?? 0) >= time)
      this.rawCount--;
    const minute = Math.floor(time / MINUTE_MS);
    if (accumulate) {
      if (this.openMinute !== null && minute !== this.openMinute) this.closeMinute();
      this.openMinute = minute;
    }
    while (this.rawCount > 0 && (this.rawTime[this.rawStart] ?? 0) <= time - HOUR_MS) {
      this.rawStart = (this.rawStart + 1) % RAW_CAPACITY;
      this.rawCount--;
    }
    if (this.rawCount === RAW_CAPACITY) {
      this.rawStart = (this.rawStart + 1) % RAW_CAPACITY;
      this.rawCount--;
    }
    const pos = this.rawIndex(this.rawCount);
    this.rawCount++;
    this.rawTime[pos] = time;
    for (const slot of this.activeHost) this.raw[slot]![pos] = NaN;
    const stale = this.checkWritten[pos];
    if (stale !== undefined) {
      for (const slot of stale) {
        const col = this.raw[slot];
        if (col) col[pos] = NaN;
      }
      this.checkWritten[pos] = undefined;
    }
    return pos;
  }

  /** Puts a finite value of series `slot` into the raw row at `pos` (and its open minute). */
  private putValue(slot: number, pos: number, v: number, time: number, accumulate: boolean): void {
    this.raw[slot]![pos] = v;
    if (slot >= this.maxSeries) (this.checkWritten[pos] ??= []).push(slot);
    this.lastSeen[slot] = time;
    if (!accumulate) return;
    const count = this.accCount[slot] ?? 0;
    this.accSum[slot] = (count === 0 ? 0 : (this.accSum[slot] ?? 0)) + v;
    this.accMin[slot] = count === 0 ? v : Math.min(this.accMin[slot] ?? v, v);
    this.accMax[slot] = count === 0 ? v : Math.max(this.accMax[slot] ?? v, v);
    this.accCount[slot] = count + 1;
  }

  private closeMinute(): void {
    const minute = this.openMinute;
    if (minute === null) return;
    this.openMinute = null;
    const at = minute % ROLLUP_MINUTES;
    this.claimRollSlot(minute);
    const values: Record<SeriesKey, [number, number, number]> = {};
    let any = false;
    for (const slot of this.active) {
      const count = this.accCount[slot] ?? 0;
      if (count === 0) continue;
      const min = this.accMin[slot] ?? 0;
      const avg = (this.accSum[slot] ?? 0) / count;
      const max = this.accMax[slot] ?? 0;
      this.writeRollup(slot, at, min, avg, max);
      this.lastMinute[slot] = minute;
      this.accCount[slot] = 0;
      values[this.keyOf[slot]!] = [min, avg, max];
      any = true;
    }
    if (any) {
      this.closed.push({ start: minute * MINUTE_MS, values });
      if (this.closed.length > MAX_CLOSED) this.closed.shift();
    }
    this.freeDeadSeries(minute);
  }

  /** Makes rollup slot `minute % ROLLUP_MINUTES` hold `minute`, clearing an older minute's codes. */
  private claimRollSlot(minute: number): void {
    const at = minute % ROLLUP_MINUTES;
    const held = this.rollMinute[at];
    if (held === minute) return;
    this.rollMinute[at] = minute;
    // A slot never held a minute: every series' codes there are still EMPTY.
    if (held === -1) return;
    for (const slot of this.active) {
      const w = this.width(slot);
      this.roll[slot]!.fill(EMPTY, at * w, at * w + w);
    }
  }

  /** Rollup codes per minute: min, avg, max for a host series; the average for a check's. */
  private width(slot: number): 1 | 3 {
    return slot >= this.maxSeries ? 1 : 3;
  }

  private writeRollup(slot: number, at: number, min: number, avg: number, max: number): void {
    const r = this.roll[slot]!;
    if (this.width(slot) === 1) {
      r[at] = encode(avg);
      return;
    }
    // A steady series (sizes, totals) has min = avg = max: one logarithm instead of three.
    const a = encode(avg);
    r[at * 3] = min === avg ? a : encode(min);
    r[at * 3 + 1] = a;
    r[at * 3 + 2] = max === avg ? a : encode(max);
  }

  private slotFor(key: SeriesKey): number | undefined {
    const known = this.slotOf.get(key);
    if (known !== undefined) return known;
    const metric = key.split('{', 1)[0]!;
    const check = isCheckMetric(metric);
    if (check && !CHECK_HISTORY_METRICS.has(metric)) return undefined;
    const pool = check ? this.freeCheck : this.free;
    const slot = key.length <= MAX_KEY_LENGTH ? pool.pop() : undefined;
    if (slot === undefined) {
      if (this.dropped.size < 100) this.dropped.add(key);
      return undefined;
    }
    this.slotOf.set(key, slot);
    this.keyOf[slot] = key;
    this.active.push(slot);
    if (!check) this.activeHost.push(slot);
    this.raw[slot] = new Float32Array(RAW_CAPACITY).fill(NaN);
    this.roll[slot] = new Uint16Array(ROLLUP_MINUTES * this.width(slot)).fill(EMPTY);
    this.accCount[slot] = 0;
    this.lastMinute[slot] = -Infinity;
    this.lastSeen[slot] = -Infinity;
    return slot;
  }

  /** Frees the slots of series without data in the raw hour and the rollup window. */
  private freeDeadSeries(minute: number): void {
    const newest = this.latestTime() ?? -Infinity;
    for (let i = this.active.length - 1; i >= 0; i--) {
      const slot = this.active[i]!;
      const dead =
        (this.lastMinute[slot] ?? -Infinity) <= minute - ROLLUP_MINUTES &&
        (this.lastSeen[slot] ?? -Infinity) <= newest - HOUR_MS &&
        (this.accCount[slot] ?? 0) === 0;
      if (!dead) continue;
      this.slotOf.delete(this.keyOf[slot]!);
      this.keyOf[slot] = undefined;
      this.raw[slot] = undefined;
      this.roll[slot] = undefined;
      this.active.splice(i, 1);
      if (slot < this.maxSeries) this.activeHost.splice(this.activeHost.indexOf(slot), 1);
      (slot >= this.maxSeries ? this.freeCheck : this.free).push(slot);
    }
  }

  private queryRaw(keys: readonly SeriesKey[], from: number, to: number): HistorySeries[] {
    const idx: number[] = [];
    for (let i = 0; i < this.rawCount; i++) {
      const p = this.rawIndex(i);
      const t = this.rawTime[p] ?? NaN;
      if (t > from && t <= to) idx.push(p);
    }
    const steps: number[] = [];
    for (let i = 1; i < idx.length; i++)
      steps.push(this.rawTime[idx[i]!]! - this.rawTime[idx[i - 1]!]!);
    const median = steps.length === 0 ? 0 : [...steps].sort((a, b) => a - b)[steps.length >> 1]!;
    const gap = Math.max(this.minGapMs, 3 * median);
    // Row positions with -1 for an inserted gap marker.
    const rows: number[] = [];
    const t: number[] = [];
    idx.forEach((p, i) => {
      const time = this.rawTime[p]!;
      if (i > 0 && steps[i - 1]! > gap) {
        rows.push(-1);
        t.push(Math.round((time + this.rawTime[idx[i - 1]!]!) / 2));
      }
      rows.push(p);
      t.push(time);
    });
    return keys.map((key) => {
      const slot = this.slotOf.get(key);
      const col = slot === undefined ? undefined : this.raw[slot];
      const avg = rows.map((p) => {
        const v = p < 0 || !col ? NaN : (col[p] ?? NaN);
        return Number.isNaN(v) ? null : v;
      });
      return { key, t, avg };
    });
  }

  private queryMinutes(keys: readonly SeriesKey[], from: number, to: number): HistorySeries[] {
    const first = Math.floor(from / MINUTE_MS) + 1;
    const last = Math.floor(to / MINUTE_MS);
    const cols = keys.map((key) => ({
      key,
      slot: this.slotOf.get(key),
      min: [] as (number | null)[],
      avg: [] as (number | null)[],
      max: [] as (number | null)[],
    }));
    const t: number[] = [];
    let started = false;
    for (let m = first; m <= last; m++) {
      const at = m % ROLLUP_MINUTES;
      const stored = this.rollMinute[at] === m;
      const row = cols.map((c) => this.minuteValue(c.slot, m, at, stored));
      if (!started && row.every((v) => v === null)) continue;
      started = true;
      t.push(m * MINUTE_MS);
      row.forEach((v, i) => {
        const c = cols[i]!;
        c.min.push(v?.[0] ?? null);
        c.avg.push(v?.[1] ?? null);
        c.max.push(v?.[2] ?? null);
      });
    }
    return cols.map((c) => ({ key: c.key, t, avg: c.avg, min: c.min, max: c.max }));
  }

  private minuteValue(
    slot: number | undefined,
    minute: number,
    at: number,
    stored: boolean,
  ): readonly [number | null, number | null, number | null] | null {
    if (slot === undefined) return null;
    if (minute === this.openMinute) {
      const count = this.accCount[slot] ?? 0;
      if (count === 0) return null;
      return [this.accMin[slot]!, this.accSum[slot]! / count, this.accMax[slot]!];
    }
    if (!stored) return null;
    const r = this.roll[slot]!;
    if (this.width(slot) === 1) {
      const only = decode(r[at]!);
      return only === null ? null : [only, only, only];
    }
    const avg = decode(r[at * 3 + 1]!);
    return avg === null ? null : [decode(r[at * 3]!), avg, decode(r[at * 3 + 2]!)];
  }
}

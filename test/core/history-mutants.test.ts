/** History edges mutation testing found unpinned: bounds, gaps, loading, export and freeing. */
import { describe, expect, it } from 'vitest';
import {
  HOUR_MS,
  History,
  MAX_KEY_LENGTH,
  MINUTE_MS,
  RAW_CAPACITY,
  ROLLUP_MINUTES,
} from '../../main/core/history';

const T0 = 28_333_333 * MINUTE_MS;

function near(actual: number | null | undefined, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    Math.max(Math.abs(expected), 1) * 3e-4,
  );
}

describe('History bounds', () => {
  it('names its sizes', () => {
    expect([MINUTE_MS, HOUR_MS, RAW_CAPACITY, ROLLUP_MINUTES, MAX_KEY_LENGTH]).toEqual([
      60_000,
      3_600_000,
      3_660,
      7 * 1_440 + 60,
      160,
    ]);
  });

  it('records a key of exactly the longest length and drops one character more', () => {
    const h = new History();
    const ok = `disk.used_pct{${'x'.repeat(MAX_KEY_LENGTH - 15)}}`;
    const long = `disk.used_pct{${'x'.repeat(MAX_KEY_LENGTH - 14)}}`;
    expect(ok).toHaveLength(MAX_KEY_LENGTH);
    h.append({ time: T0, values: { [ok]: 1, [long]: 2 } });
    expect(h.seriesKeys()).toEqual([ok]);
    expect(h.stats().dropped).toEqual([long]);
  });

  it('lists at most 100 dropped keys and at least one series whatever the cap', () => {
    const h = new History({ maxSeries: 0 });
    const values: Record<string, number> = {};
    for (let i = 0; i < 150; i++) values[`cpu.core{${i}}`] = i;
    h.append({ time: T0, values });
    expect(h.stats()).toMatchObject({ series: 1, maxSeries: 1 });
    expect(h.stats().dropped).toHaveLength(100);
    expect(h.stats().dropped[0]).toBe('cpu.core{1}');
  });

  it('keeps at most RAW_CAPACITY raw samples even when they are all inside the hour', () => {
    const h = new History();
    for (let i = 0; i < RAW_CAPACITY + 10; i++)
      h.append({ time: T0 + i * 500, values: { 'cpu.total': i } });
    expect(h.stats().rawSamples).toBe(RAW_CAPACITY);
    const s = h.query(['cpu.total'], '1h', T0 + (RAW_CAPACITY + 9) * 500).series[0]!;
    expect(s.avg[0]).toBe(10);
    expect(s.avg.at(-1)).toBe(RAW_CAPACITY + 9);
  });

  it('evicts a raw sample exactly one hour old', () => {
    const h = new History();
    h.append({ time: T0, values: { 'cpu.total': 1 } });
    h.append({ time: T0 + HOUR_MS - 1, values: { 'cpu.total': 2 } });
    expect(h.stats().rawSamples).toBe(2);
    h.append({ time: T0 + HOUR_MS, values: { 'cpu.total': 3 } });
    expect(h.stats().rawSamples).toBe(2);
    expect(h.latestTime()).toBe(T0 + HOUR_MS);
  });

  it('ignores a sample with a non-finite time and non-finite values', () => {
    const h = new History();
    expect(h.latestTime()).toBeNull();
    h.append({ time: Number.NaN, values: { 'cpu.total': 1 } });
    expect(h.stats().rawSamples).toBe(0);
    h.append({ time: T0, values: { 'cpu.total': Number.POSITIVE_INFINITY, 'mem.used_pct': 5 } });
    expect(h.seriesKeys()).toEqual(['mem.used_pct']);
    expect(h.latestTime()).toBe(T0);
  });

  it('lists series keys sorted', () => {
    const h = new History();
    h.append({ time: T0, values: { 'temp.cpu': 1, 'cpu.total': 1, 'mem.used_pct': 1 } });
    expect(h.seriesKeys()).toEqual(['cpu.total', 'mem.used_pct', 'temp.cpu']);
  });
});

describe('History rollups', () => {
  it('stores values at or below zero as zero and values past 1e15 as the largest code', () => {
    const h = new History();
    h.append({ time: T0, values: { 'net.rx_bps{a}': -5, 'net.rx_bps{b}': 1e18 } });
    h.append({ time: T0 + MINUTE_MS, values: {} });
    const r = h.query(['net.rx_bps{a}', 'net.rx_bps{b}'], '24h', T0 + MINUTE_MS);
    expect(r.series[0]!.avg[0]).toBe(0);
    near(r.series[1]!.avg[0], 1e15);
  });

  it('keeps only the last 60 closed minutes for the store', () => {
    const h = new History();
    for (let m = 0; m <= 70; m++)
      h.append({ time: T0 + m * MINUTE_MS, values: { 'cpu.total': m } });
    const closed = h.drainClosed();
    expect(closed).toHaveLength(60);
    expect(closed[0]!.start).toBe(T0 + 10 * MINUTE_MS);
    expect(closed.at(-1)!.start).toBe(T0 + 69 * MINUTE_MS);
  });

  it('closes no rollup for a minute without values', () => {
    const h = new History();
    h.append({ time: T0, values: {} });
    h.append({ time: T0 + MINUTE_MS, values: { 'cpu.total': 1 } });
    expect(h.drainClosed()).toEqual([]);
  });

  it('leaves out leading minutes without data but keeps empty minutes after the first', () => {
    const h = new History();
    h.append({ time: T0 + 5 * MINUTE_MS, values: { 'cpu.total': 4 } });
    h.append({ time: T0 + 7 * MINUTE_MS, values: { 'cpu.total': 6 } });
    const s = h.query(['cpu.total', 'nope'], '24h', T0 + 7 * MINUTE_MS).series;
    expect(s[0]!.t).toEqual([5, 6, 7].map((m) => T0 + m * MINUTE_MS));
    expect(s[0]!.avg.map((v) => (v === null ? null : Math.round(v)))).toEqual([4, null, 6]);
    expect(s[1]!.avg).toEqual([null, null, null]);
  });

  it('a minute query starts after the range start and includes the minute of now', () => {
    const h = new History();
    for (let m = 0; m < 1_441; m++)
      h.append({ time: T0 + m * MINUTE_MS, values: { 'cpu.total': 1 } });
    const now = T0 + 1_440 * MINUTE_MS;
    const s = h.query(['cpu.total'], '24h', now).series[0]!;
    expect(s.t[0]).toBe(T0 + MINUTE_MS);
    expect(s.t.at(-1)).toBe(now);
    expect(s.t).toHaveLength(1_440);
  });

  it('the open minute reports its running min, avg and max', () => {
    const h = new History();
    h.append({ time: T0, values: { 'cpu.total': 4 } });
    h.append({ time: T0 + 1_000, values: { 'cpu.total': 8 } });
    h.append({ time: T0 + 2_000, values: { 'cpu.total': 3 } });
    const s = h.query(['cpu.total'], '24h', T0 + 2_000).series[0]!;
    expect([s.min![0], s.avg[0], s.max![0]]).toEqual([3, 5, 8]);
  });

  it('a new minute starts its accumulators afresh', () => {
    const h = new History();
    h.append({ time: T0, values: { 'cpu.total': 100 } });
    h.append({ time: T0 + MINUTE_MS, values: { 'cpu.total': 2 } });
    h.append({ time: T0 + MINUTE_MS + 1, values: { 'cpu.total': 4 } });
    const s = h.query(['cpu.total'], '24h', T0 + MINUTE_MS + 1).series[0]!;
    expect([s.min![1], s.avg[1], s.max![1]]).toEqual([2, 3, 4]);
  });
});

describe('History raw gaps', () => {
  it('draws a gap only for a step longer than minGapMs and 3 × the median step', () => {
    const h = new History({ minGapMs: 2_000 });
    for (const t of [0, 1_000, 2_000, 3_000, 5_000, 8_001])
      h.append({ time: T0 + t, values: { 'cpu.total': 1 } });
    const s = h.query(['cpu.total'], '5m', T0 + 8_001).series[0]!;
    // Steps 1,1,1,2,3.001 s: the median is 1 s, so the gap is 3 s; only 3.001 s is one.
    expect(s.avg).toEqual([1, 1, 1, 1, 1, null, 1]);
    expect(s.t[5]).toBe(Math.round(T0 + (5_000 + 8_001) / 2));
  });

  it('uses the default 5 s floor', () => {
    const h = new History();
    for (const t of [0, 100, 200, 300, 400, 5_400, 10_401])
      h.append({ time: T0 + t, values: { 'cpu.total': 1 } });
    const s = h.query(['cpu.total'], '5m', T0 + 10_401).series[0]!;
    expect(s.avg).toEqual([1, 1, 1, 1, 1, 1, null, 1]);
  });

  it('a raw query covers (now − range, now]', () => {
    const h = new History();
    for (let t = 0; t <= 300_000; t += 1_000)
      h.append({ time: T0 + t, values: { 'cpu.total': t } });
    const s = h.query(['cpu.total'], '5m', T0 + 300_000).series[0]!;
    expect(s.t[0]).toBe(T0 + 1_000);
    expect(s.t.at(-1)).toBe(T0 + 300_000);
    const earlier = h.query(['cpu.total'], '5m', T0 + 150_000).series[0]!;
    expect(earlier.t.at(-1)).toBe(T0 + 150_000);
    expect(earlier.t[0]).toBe(T0);
  });
});

describe('History load and export', () => {
  it('an older persisted minute never overwrites a newer one in the same slot', () => {
    const h = new History();
    const newer = T0 + ROLLUP_MINUTES * MINUTE_MS;
    h.loadMinute({ start: newer, values: { 'cpu.total': [5, 5, 5] } });
    h.loadMinute({ start: T0, values: { 'cpu.total': [9, 9, 9] } });
    const s = h.query(['cpu.total'], '24h', newer + 1).series[0]!;
    expect(s.t).toEqual([newer]);
    near(s.avg[0], 5);
    // The same minute loaded again replaces its values.
    h.loadMinute({ start: newer, values: { 'cpu.total': [7, 7, 7] } });
    near(h.query(['cpu.total'], '24h', newer + 1).series[0]!.avg[0], 7);
  });

  it('a loaded minute of another series clears what an older minute left in the slot', () => {
    const h = new History();
    h.loadMinute({ start: T0, values: { 'cpu.total': [1, 1, 1] } });
    const later = T0 + ROLLUP_MINUTES * MINUTE_MS;
    h.loadMinute({ start: later, values: { 'mem.used_pct': [2, 2, 2] } });
    expect(h.query(['cpu.total'], '7d', later + 1).series[0]!.avg).toEqual([]);
  });

  it('exports only series with a value in the raw hour', () => {
    const h = new History();
    h.append({ time: T0, values: { 'cpu.total': 1, 'mem.used_pct': 2 } });
    h.append({ time: T0 + HOUR_MS, values: { 'cpu.total': 3 } });
    const raw = h.exportRaw();
    expect(raw.keys).toEqual(['cpu.total']);
    expect([...raw.times]).toEqual([T0 + HOUR_MS]);
    expect([...raw.columns[0]!]).toEqual([3]);
  });

  it('loads raw samples with NaN holes as missing values', () => {
    const h = new History();
    h.loadRaw({
      keys: ['cpu.total', 'mem.used_pct'],
      times: new Float64Array([T0, T0 + 1_000]),
      columns: [new Float32Array([1, Number.NaN]), new Float32Array([Number.NaN, 2])],
    });
    const r = h.query(['cpu.total', 'mem.used_pct'], '5m', T0 + 1_000).series;
    expect(r[0]!.avg).toEqual([1, null]);
    expect(r[1]!.avg).toEqual([null, 2]);
  });

  it('raw samples of already loaded minutes are not accumulated again', () => {
    const h = new History();
    h.loadMinute({ start: T0, values: { 'cpu.total': [50, 50, 50] } });
    h.loadRaw({
      keys: ['cpu.total'],
      times: new Float64Array([T0 + 1_000, T0 + MINUTE_MS + 1_000]),
      columns: [new Float32Array([1, 7])],
    });
    const s = h.query(['cpu.total'], '24h', T0 + MINUTE_MS + 1_000).series[0]!;
    near(s.avg[0], 50);
    expect(s.avg[1]).toBe(7);
  });
});

describe('History frees dead series', () => {
  it('keeps a series seen within the last hour even when its minutes are old', () => {
    const h = new History({ maxSeries: 2 });
    h.append({ time: T0, values: { 'net.rx_bps{a}': 1 } });
    // Only raw samples (not accumulated): a long idle stretch, then the series shows up again.
    h.append({ time: T0 + (ROLLUP_MINUTES + 1) * MINUTE_MS, values: { 'cpu.total': 1 } });
    h.append({ time: T0 + (ROLLUP_MINUTES + 2) * MINUTE_MS, values: { 'cpu.total': 1 } });
    expect(h.seriesKeys()).toEqual(['cpu.total']);
    const g = new History({ maxSeries: 2 });
    g.append({ time: T0, values: { 'net.rx_bps{a}': 1 } });
    g.append({ time: T0 + (ROLLUP_MINUTES - 1) * MINUTE_MS, values: { 'cpu.total': 1 } });
    g.append({ time: T0 + ROLLUP_MINUTES * MINUTE_MS, values: { 'cpu.total': 1 } });
    expect(g.seriesKeys()).toEqual(['cpu.total', 'net.rx_bps{a}']);
  });
});

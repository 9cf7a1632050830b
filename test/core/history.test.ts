import { describe, expect, it } from 'vitest';
import { History, MAX_SERIES, MINUTE_MS, ROLLUP_MINUTES } from '../../main/core/history';

/** A minute boundary, so tests can reason about which minute a sample falls in. */
const T0 = 28_333_333 * MINUTE_MS;

/** Closeness for rollups (stored with ≤ 0.03 % relative error, ≤ 0.0003 absolute below 1). */
function near(actual: number | null | undefined, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    Math.max(Math.abs(expected), 1) * 3e-4,
  );
}

function feed(
  h: History,
  from: number,
  to: number,
  step: number,
  values: (t: number) => Record<string, number>,
): void {
  for (let t = from; t < to; t += step) h.append({ time: t, values: values(t) });
}

describe('History', () => {
  it('rolls each minute up into exact min/avg/max when the minute ends', () => {
    const h = new History();
    h.append({ time: T0 + 1_000, values: { 'cpu.total': 10, 'mem.used_pct': 50 } });
    h.append({ time: T0 + 20_000, values: { 'cpu.total': 20 } });
    h.append({ time: T0 + 59_999, values: { 'cpu.total': 60, 'mem.used_pct': 52 } });
    expect(h.drainClosed()).toEqual([]); // the minute is still open
    h.append({ time: T0 + 60_000, values: { 'cpu.total': 1 } });
    expect(h.drainClosed()).toEqual([
      { start: T0, values: { 'cpu.total': [10, 30, 60], 'mem.used_pct': [50, 51, 52] } },
    ]);
    expect(h.drainClosed()).toEqual([]);

    const r = h.query(['cpu.total', 'mem.used_pct'], '24h', T0 + 61_000);
    expect(r.resolution).toBe('minute');
    const [cpu, mem] = r.series;
    expect(cpu!.t).toEqual([T0, T0 + MINUTE_MS]);
    near(cpu!.min![0], 10);
    near(cpu!.avg[0], 30);
    near(cpu!.max![0], 60);
    // The open minute comes straight from the accumulators.
    expect([cpu!.min![1], cpu!.avg[1], cpu!.max![1]]).toEqual([1, 1, 1]);
    near(mem!.avg[0], 51);
    expect(mem!.avg[1]).toBeNull();
  });

  it('keeps rollups accurate across the value range', () => {
    const h = new History();
    const values = [0, 0.004, 0.5, 3.3, 99.99, 1_234.5, 7.5e8, 1.2e13];
    values.forEach((v, i) =>
      h.append({ time: T0 + i * MINUTE_MS, values: { 'net.rx_bps{eth0}': v } }),
    );
    const r = h.query(['net.rx_bps{eth0}'], '24h', T0 + values.length * MINUTE_MS);
    expect(r.series[0]!.avg[0]).toBe(0);
    values.slice(1).forEach((v, i) => near(r.series[0]!.avg[i + 1], v));
  });

  it('keeps one hour of raw samples and evicts older ones', () => {
    const h = new History();
    feed(h, T0, T0 + 2 * 3_600_000, 1_000, (t) => ({ 'cpu.total': (t / 1000) % 100 }));
    const now = T0 + 2 * 3_600_000 - 1_000;
    expect(h.stats().rawSamples).toBe(3_600);
    const r = h.query(['cpu.total'], '1h', now);
    expect(r.resolution).toBe('raw');
    const s = r.series[0]!;
    expect(s.t.length).toBe(3_600);
    expect(s.t[0]).toBe(now - 3_600_000 + 1_000);
    expect(s.t.at(-1)).toBe(now);
    expect(s.avg.at(-1)).toBe((now / 1000) % 100);
    expect(s.min).toBeUndefined();
    // Older raw data is gone, but its minutes remain.
    expect(h.query(['cpu.total'], '24h', now).series[0]!.t.length).toBe(120);
  });

  it('returns only the last five minutes for 5m', () => {
    const h = new History();
    feed(h, T0, T0 + 600_000, 1_000, () => ({ 'cpu.total': 1 }));
    const now = T0 + 599_000;
    const s = h.query(['cpu.total'], '5m', now).series[0]!;
    expect(s.t.length).toBe(300);
    expect(s.t[0]).toBeGreaterThan(now - 300_000);
  });

  it('marks gaps with nulls in raw and minute ranges', () => {
    const h = new History();
    feed(h, T0, T0 + 30_000, 1_000, () => ({ 'cpu.total': 5 }));
    feed(h, T0 + 300_000, T0 + 330_000, 1_000, () => ({ 'cpu.total': 7 })); // slept ~4.5 min
    h.append({ time: T0 + 330_000, values: { 'mem.used_pct': 3 } }); // cpu missing in one sample
    const raw = h.query(['cpu.total'], '1h', T0 + 330_000).series[0]!;
    expect(raw.t.length).toBe(30 + 1 + 30 + 1);
    expect(raw.avg[30]).toBeNull();
    expect(raw.t[30]).toBeGreaterThan(T0 + 29_000);
    expect(raw.t[30]).toBeLessThan(T0 + 300_000);
    expect(raw.avg[31]).toBe(7);
    expect(raw.avg.at(-1)).toBeNull();
    expect(raw.avg.filter((v) => v === null)).toHaveLength(2);

    const min = h.query(['cpu.total'], '24h', T0 + 330_000).series[0]!;
    expect(min.t).toEqual([0, 1, 2, 3, 4, 5].map((m) => T0 + m * MINUTE_MS));
    expect(min.avg.map((v) => (v === null ? null : Math.round(v)))).toEqual([
      5,
      null,
      null,
      null,
      null,
      7,
    ]);
  });

  it('draws no false gaps for a slow sampling interval', () => {
    const h = new History();
    feed(h, T0, T0 + 600_000, 10_000, () => ({ 'cpu.total': 5 }));
    const raw = h.query(['cpu.total'], '1h', T0 + 600_000).series[0]!;
    expect(raw.avg.every((v) => v === 5)).toBe(true);
  });

  it('covers 7 days of minutes and forgets older ones', () => {
    const h = new History();
    const days = 8;
    feed(h, T0, T0 + days * 1_440 * MINUTE_MS, MINUTE_MS, (t) => ({
      'disk.used_pct{/}': t < T0 + 1_440 * MINUTE_MS ? 99 : 40,
    }));
    const now = T0 + days * 1_440 * MINUTE_MS - 1;
    const s = h.query(['disk.used_pct{/}'], '7d', now).series[0]!;
    expect(s.t.length).toBe(7 * 1_440);
    expect(s.t[0]).toBe(T0 + 1_440 * MINUTE_MS);
    expect(s.max!.every((v) => v !== null && Math.round(v) === 40)).toBe(true);
    expect(h.query(['disk.used_pct{/}'], '24h', now).series[0]!.t.length).toBe(1_440);
  });

  it('answers unknown keys and empty history with nulls', () => {
    const h = new History();
    expect(h.query(['cpu.total'], '7d', T0).series).toEqual([
      { key: 'cpu.total', t: [], avg: [], min: [], max: [] },
    ]);
    h.append({ time: T0, values: { 'cpu.total': 1 } });
    const r = h.query(['cpu.total', 'nope'], '5m', T0);
    expect(r.series[1]).toEqual({ key: 'nope', t: [T0], avg: [null] });
  });

  it('caps the number of series and reports the dropped ones', () => {
    const h = new History({ maxSeries: 4 });
    const values: Record<string, number> = {};
    for (let i = 0; i < 6; i++) values[`cpu.core{${i}}`] = i;
    h.append({ time: T0, values });
    expect(h.seriesKeys()).toEqual(['cpu.core{0}', 'cpu.core{1}', 'cpu.core{2}', 'cpu.core{3}']);
    expect(h.stats()).toMatchObject({
      series: 4,
      maxSeries: 4,
      dropped: ['cpu.core{4}', 'cpu.core{5}'],
    });
    expect(h.query(['cpu.core{5}'], '5m', T0).series[0]!.avg).toEqual([null]);
    expect(new History().stats().maxSeries).toBe(MAX_SERIES);
    h.append({ time: T0 + 1, values: { ['disk.used_pct{/' + 'x'.repeat(300) + '}']: 1 } });
    expect(h.stats().dropped).toHaveLength(3);
  });

  it('frees the slot of a series without data for 7 days', () => {
    const h = new History({ maxSeries: 2 });
    h.append({ time: T0, values: { 'net.rx_bps{veth1}': 1, 'cpu.total': 1 } });
    feed(h, T0 + MINUTE_MS, T0 + (ROLLUP_MINUTES + 2) * MINUTE_MS, MINUTE_MS, () => ({
      'cpu.total': 1,
    }));
    expect(h.seriesKeys()).toEqual(['cpu.total']);
    h.append({
      time: T0 + (ROLLUP_MINUTES + 3) * MINUTE_MS,
      values: { 'cpu.total': 1, 'net.rx_bps{veth2}': 2 },
    });
    expect(h.seriesKeys()).toEqual(['cpu.total', 'net.rx_bps{veth2}']);
  });

  it('exports and reloads the raw hour, continuing the open minute', () => {
    const a = new History();
    feed(a, T0, T0 + 90_000, 1_000, (t) => ({ 'cpu.total': (t - T0) / 1000, 'temp.cpu': 40.25 }));
    const closed = a.drainClosed();
    const b = new History();
    for (const m of closed) b.loadMinute(m);
    b.loadRaw(a.exportRaw());
    expect(b.drainClosed()).toEqual([]); // minute 0 was loaded, not re-closed
    expect(b.query(['cpu.total', 'temp.cpu'], '1h', T0 + 90_000)).toEqual(
      a.query(['cpu.total', 'temp.cpu'], '1h', T0 + 90_000),
    );
    expect(b.query(['cpu.total'], '24h', T0 + 90_000)).toEqual(
      a.query(['cpu.total'], '24h', T0 + 90_000),
    );
    b.append({ time: T0 + 120_000, values: { 'cpu.total': 0 } });
    expect(b.drainClosed()).toEqual([
      {
        start: T0 + MINUTE_MS,
        values: { 'cpu.total': [60, 74.5, 89], 'temp.cpu': [40.25, 40.25, 40.25] },
      },
    ]);
  });

  it('re-closes minutes that were in the raw hour but never persisted', () => {
    const a = new History();
    feed(a, T0, T0 + 150_000, 10_000, () => ({ 'cpu.total': 2 }));
    const b = new History();
    b.loadRaw(a.exportRaw());
    expect(b.drainClosed().map((m) => m.start)).toEqual([T0, T0 + MINUTE_MS]);
  });

  it('survives the wall clock stepping back', () => {
    const h = new History();
    feed(h, T0, T0 + 120_000, 1_000, () => ({ 'cpu.total': 1 }));
    h.append({ time: T0 + 30_000, values: { 'cpu.total': 2 } });
    const raw = h.query(['cpu.total'], '1h', T0 + 30_000).series[0]!;
    expect(raw.t.at(-1)).toBe(T0 + 30_000);
    expect(raw.avg.at(-1)).toBe(2);
    expect([...raw.t].sort((x, y) => x - y)).toEqual(raw.t);
  });
});

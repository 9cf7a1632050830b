/**
 * The raw hour exported with sparse check series (what the history store saves): host series as
 * columns, each check series as the raw positions it wrote, and the same shape loads back.
 */
import { describe, expect, it } from 'vitest';
import { History, RAW_CAPACITY } from '../../main/core/history';
import { checkSeriesKey } from '../../main/shared/metrics';

const T0 = Date.UTC(2025, 0, 10, 12, 0, 0);
const MS = checkSeriesKey('check.response_ms', 'c0');
const UP = checkSeriesKey('check.up', 'c0');

describe('history sparse raw export', () => {
  it('gives host series as columns and check series as the samples they wrote', () => {
    const h = new History();
    for (let i = 0; i < 5; i++) {
      const check = i === 1 ? { [MS]: 120, [UP]: 1 } : i === 4 ? { [MS]: 130, [UP]: 0 } : {};
      h.append({ time: T0 + i * 1_000, values: { 'cpu.total': i, ...check } });
    }
    const raw = h.exportRaw({ sparseChecks: true });
    expect(raw.keys).toEqual(['cpu.total']);
    expect([...raw.columns[0]!]).toEqual([0, 1, 2, 3, 4]);
    expect(raw.points?.map((p) => [p.key, [...p.at], [...p.values]])).toEqual([
      [MS, [1, 4], [120, 130]],
      [UP, [1, 4], [1, 0]],
    ]);
    // The default export still gives every series as a column (the backtest reads those).
    expect(h.exportRaw().keys).toEqual(['cpu.total', MS, UP]);
    expect(h.exportRaw().points).toBeUndefined();

    const b = new History();
    b.loadRaw(raw);
    const at = T0 + 4_000;
    expect(b.query(['cpu.total', MS, UP], '5m', at)).toEqual(
      h.query(['cpu.total', MS, UP], '5m', at),
    );
  });

  it('indexes points from the oldest sample once the ring has wrapped, without stale values', () => {
    const h = new History();
    const n = RAW_CAPACITY + 5;
    for (let i = 0; i < n; i++) {
      const check = i === 2 ? { [MS]: 111 } : i === n - 3 ? { [MS]: 222 } : {};
      h.append({ time: T0 + i * 500, values: { 'cpu.total': i, ...check } });
    }
    const raw = h.exportRaw({ sparseChecks: true });
    expect(raw.times).toHaveLength(RAW_CAPACITY);
    expect(raw.points?.map((p) => [p.key, [...p.at], [...p.values]])).toEqual([
      [MS, [RAW_CAPACITY - 3], [222]],
    ]);
    expect(raw.times[RAW_CAPACITY - 3]).toBe(T0 + (n - 3) * 500);
  });
});

/** Loading a day file's minutes through History.minuteLoader (the store's start-up path). */
import { describe, expect, it } from 'vitest';
import { History, MINUTE_MS, ROLLUP_MINUTES } from '../../main/core/history';

const T0 = 28_333_333 * MINUTE_MS;
const M0 = T0 / MINUTE_MS;

function near(actual: number | null | undefined, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    Math.max(Math.abs(expected), 1) * 1e-3, // the log code's step
  );
}

describe('History.minuteLoader', () => {
  it('puts each cell under its dictionary key, min, avg and max apart, and steady values whole', () => {
    const h = new History();
    const load = h.minuteLoader(['cpu.total', 'mem.total_bytes']);
    load({
      m: M0,
      v: [
        [1, 5, 9],
        [8e9, 8e9, 8e9],
      ],
    });
    load({ m: M0 + 1, v: [[2, 2, 7], null] });
    const [cpu, mem] = h.query(['cpu.total', 'mem.total_bytes'], '24h', T0 + 2 * MINUTE_MS).series;
    expect(cpu!.t.slice(0, 2)).toEqual([T0, T0 + MINUTE_MS]);
    near(cpu!.min![0], 1);
    near(cpu!.avg[0], 5);
    near(cpu!.max![0], 9);
    near(cpu!.min![1], 2);
    near(cpu!.avg[1], 2);
    near(cpu!.max![1], 7);
    expect(mem!.t[0]).toBe(T0);
    expect(mem!.avg[1] ?? null).toBeNull();
    near(mem!.min![0], 8e9);
    near(mem!.max![0], 8e9);
  });

  it('gives a key whose cells are all empty no series at all', () => {
    const h = new History();
    const load = h.minuteLoader(['cpu.total', 'temp.cpu']);
    load({ m: M0, v: [[1, 1, 1], null] });
    load({ m: M0 + 1, v: [[2, 2, 2], null] });
    expect(h.seriesKeys()).toEqual(['cpu.total']);
  });

  it('loads the same as loadMinute, older rows never over newer ones in the same slot', () => {
    const a = new History();
    const b = new History();
    const newer = M0 + ROLLUP_MINUTES;
    const rows = [
      { m: newer, v: [[5, 5, 5] as const] },
      { m: M0, v: [[9, 9, 9] as const] },
      { m: newer + 1, v: [[3, 4, 6] as const] },
    ];
    const load = a.minuteLoader(['cpu.total']);
    for (const row of rows) load(row);
    for (const row of rows) {
      b.loadMinute({ start: row.m * MINUTE_MS, values: { 'cpu.total': row.v[0]! } });
    }
    const at = (newer + 2) * MINUTE_MS;
    expect(a.query(['cpu.total'], '24h', at)).toEqual(b.query(['cpu.total'], '24h', at));
    expect(a.query(['cpu.total'], '24h', at).series[0]!.t.slice(0, 2)).toEqual([
      newer * MINUTE_MS,
      (newer + 1) * MINUTE_MS,
    ]);
    // Live samples after the load close into the minute after the last loaded one.
    expect(a.latestTime()).toBe(b.latestTime());
  });
});

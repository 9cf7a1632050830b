/**
 * The endpoint checks' pool of the history: a full set of checks (all nine series of each) is
 * recorded without taking the host's slots, only the charted metrics are kept, a check series
 * past the pool is refused and listed, and a check's minute rollup reads as its average.
 */
import { describe, expect, it } from 'vitest';
import {
  History,
  MAX_CHECK_SERIES,
  MAX_SERIES,
  MINUTE_MS,
  RAW_CAPACITY,
} from '../../main/core/history';
import { checkSeriesValues } from '../../main/shared/check-series';
import type { CheckResult } from '../../main/shared/checks';
import { MAX_CHECKS } from '../../main/shared/limits';
import { checkSeriesKey } from '../../main/shared/metrics';

const T0 = Date.UTC(2025, 0, 10, 12, 0, 0);

function result(id: string, ms: number): CheckResult {
  return {
    checkId: id,
    at: T0,
    up: true,
    failure: null,
    phases: { dns: 1, connect: 2, tls: 3, firstByte: 4, total: ms },
    status: 200,
    cert: {
      daysLeft: 40,
      subject: 'CN=x',
      issuer: 'CN=ca',
      notAfter: T0 + 40 * 86_400_000,
      validFrom: T0,
    },
    redirects: 0,
  };
}

/** The series of `n` checks' runs, as the engine merges them into one tick (check-state.ts). */
function checksRow(n: number, ms: number, from = 0): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = from; i < from + n; i++) {
    Object.assign(out, checkSeriesValues(result(`c${i}`, ms)), {
      [checkSeriesKey('check.fail_streak', `c${i}`)]: -1,
    });
  }
  return out;
}

describe('history of endpoint checks', () => {
  it('records up, response time, certificate days and failures in a row of the most checks, apart from the host', () => {
    const h = new History();
    const host: Record<string, number> = {};
    for (let i = 0; i < MAX_SERIES; i++) host[`net.rx_bps{if${i}}`] = i;
    h.append({ time: T0, values: { ...host, ...checksRow(MAX_CHECKS, 120) } });
    expect(MAX_CHECK_SERIES).toBe(4 * MAX_CHECKS);
    expect(h.stats()).toMatchObject({ series: MAX_SERIES + MAX_CHECK_SERIES, dropped: [] });
    const last = `c${MAX_CHECKS - 1}`;
    expect(h.seriesKeys()).toContain(checkSeriesKey('check.response_ms', last));
    expect(h.seriesKeys()).toContain(checkSeriesKey('check.cert_days', last));
    // The "down" rule's metric, so that rule can be backtested.
    expect(h.seriesKeys()).toContain(checkSeriesKey('check.fail_streak', last));
    // Phases and the status code are current values (status, /metrics), not history.
    expect(h.seriesKeys()).not.toContain(checkSeriesKey('check.tls_ms', 'c0'));
    expect(h.seriesKeys()).not.toContain(checkSeriesKey('check.status_code', 'c0'));
    const raw = h.query([checkSeriesKey('check.response_ms', last)], '5m', T0);
    expect(raw.series[0]!.avg).toEqual([120]);
  });

  it('a raw position reused by the ring holds no stale check value', () => {
    const h = new History();
    const key = checkSeriesKey('check.response_ms', 'c0');
    const n = RAW_CAPACITY + 5; // positions 0 … 4 are written twice
    for (let i = 0; i < n; i++) {
      const run = i === 2 ? checksRow(1, 111) : i === 100 ? checksRow(1, 222) : {};
      h.append({ time: T0 + i * 500, values: { 'cpu.total': i, ...run } });
    }
    const raw = h.query([key], '1h', T0 + (n - 1) * 500);
    expect(raw.series[0]!.avg.filter((v) => v !== null)).toEqual([222]);
    const exported = h.exportRaw();
    const col = exported.columns[exported.keys.indexOf(key)]!;
    expect([...col].filter((v) => !Number.isNaN(v))).toEqual([222]);
  });

  it('refuses a check series past its pool and lists it, while host series still fit', () => {
    const h = new History({ maxSeries: 4, maxCheckSeries: 4 });
    h.append({ time: T0, values: { ...checksRow(2, 100), 'cpu.total': 5 } });
    expect(h.stats().series).toBe(5); // 4 of the first check … and the host's CPU
    expect([...h.stats().dropped].sort()).toEqual(
      [
        checkSeriesKey('check.up', 'c1'),
        checkSeriesKey('check.response_ms', 'c1'),
        checkSeriesKey('check.cert_days', 'c1'),
        checkSeriesKey('check.fail_streak', 'c1'),
      ].sort(),
    );
    expect(h.seriesKeys()).toContain('cpu.total');
  });

  it('keeps one code a minute for a check: the minute reads as its average', () => {
    const h = new History();
    const key = checkSeriesKey('check.response_ms', 'c0');
    h.append({ time: T0 + 1_000, values: { 'cpu.total': 10, [key]: 100 } });
    h.append({ time: T0 + 11_000, values: { 'cpu.total': 30, [key]: 300 } });
    h.append({ time: T0 + MINUTE_MS + 1_000, values: { 'cpu.total': 20 } });
    const day = h.query(['cpu.total', key], '24h', T0 + MINUTE_MS + 1_000);
    const cpu = day.series[0]!;
    const check = day.series[1]!;
    expect([cpu.min![0], cpu.avg[0], cpu.max![0]].map((v) => Math.round(v!))).toEqual([10, 20, 30]);
    expect([check.min![0], check.avg[0], check.max![0]].map((v) => Math.round(v!))).toEqual([
      200, 200, 200,
    ]);
    // The store still gets min, avg and max of the closed minute.
    expect(h.drainClosed()[0]!.values[key]!.map(Math.round)).toEqual([100, 200, 300]);
  });
});

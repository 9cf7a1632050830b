import { describe, expect, it } from 'vitest';
import { backtest, backtestSummary } from '../../main/core/backtest';
import { History, MINUTE_MS } from '../../main/core/history';
import type { Rule } from '../../main/shared/settings';

// A minute-aligned "now" (plus half a second, as real sampling is never aligned).
const M_NOW = 28_333_333; // minute number
const NOW = M_NOW * MINUTE_MS + 500;
const DAY_MIN = 1_440;

function rule(over: Partial<Rule> = {}): Rule {
  return {
    id: 'cpu',
    metric: 'cpu.total',
    direction: 'above',
    enabled: true,
    warning: 85,
    critical: 95,
    clear: 75,
    forSeconds: 300,
    repeatMinutes: 0,
    ...over,
  };
}

type Triple = readonly [min: number, avg: number, max: number];

/**
 * A history of minute rollups only, the current minute included: `at(minutesAgo)` gives each
 * minute's triple or null.
 */
function minutes(
  count: number,
  at: (ago: number) => Triple | null,
  key = 'cpu.total',
  h = new History(),
): History {
  for (let ago = count - 1; ago >= 0; ago--) {
    const v = at(ago);
    if (v) h.loadMinute({ start: (M_NOW - ago) * MINUTE_MS, values: { [key]: v } });
  }
  return h;
}

const calm: Triple = [20, 30, 40];
const run = (r: Rule, h: History, range: '24h' | '7d' = '24h') =>
  backtest(r, h, { range, now: NOW, gapMs: 5_000 });

describe('backtest over minute rollups', () => {
  it('uses each minute max for an above rule: a spike the average hides fires', () => {
    // Ten minutes 3 h ago whose average is calm but whose max breaches warning.
    const h = minutes(DAY_MIN, (ago) => (ago <= 180 && ago > 170 ? [20, 50, 90] : calm));
    const r = run(rule(), h);
    expect(r.resolution).toBe('minute');
    expect(r.minuteValue).toBe('max');
    expect(r.approximate).toBe(false);
    expect(r.episodes).toEqual([
      {
        series: 'cpu.total',
        since: (M_NOW - 180) * MINUTE_MS,
        start: (M_NOW - 175) * MINUTE_MS, // for 300 s = five minute steps later
        end: (M_NOW - 170) * MINUTE_MS, // the first calm minute
        severity: 'warning',
      },
    ]);
    expect(r).toMatchObject({ fired: 1, resolved: 1 });
  });

  it('uses each minute min for a below rule', () => {
    const h = minutes(DAY_MIN, (ago) => (ago <= 60 && ago > 40 ? [5, 50, 80] : [60, 70, 80]));
    const r = run(
      rule({ direction: 'below', warning: 21, critical: 7, clear: 30, forSeconds: 60 }),
      h,
    );
    expect(r.minuteValue).toBe('min');
    expect(r.episodes).toMatchObject([
      { start: (M_NOW - 59) * MINUTE_MS, end: (M_NOW - 40) * MINUTE_MS, severity: 'critical' },
    ]);
  });

  it('reports a "for" shorter than a minute as approximate, and a whole minute as not', () => {
    const h = minutes(DAY_MIN, (ago) => (ago === 30 || ago === 29 ? [20, 50, 90] : calm));
    const short = run(rule({ forSeconds: 30 }), h);
    expect(short.approximate).toBe(true);
    expect(short.fired).toBe(1);
    expect(run(rule({ forSeconds: 0 }), h).approximate).toBe(true);
    expect(run(rule({ forSeconds: 60 }), h).approximate).toBe(false);
  });

  it('treats a minute without data as a gap that restarts the "for" timer', () => {
    // Breaching for 30 minutes, but every fourth minute is missing: never five in a row.
    const holey = minutes(DAY_MIN, (ago) =>
      ago > 60 ? calm : ago % 4 === 0 ? null : [80, 90, 92],
    );
    expect(run(rule(), holey).fired).toBe(0);
    const whole = minutes(DAY_MIN, (ago) => (ago > 60 ? calm : [80, 90, 92]));
    expect(run(rule(), whole).episodes).toMatchObject([{ end: null, severity: 'warning' }]);
  });

  it('keeps the worst severity reached and leaves a still-open episode open', () => {
    const h = minutes(DAY_MIN, (ago) =>
      ago > 100 ? calm : ago > 50 ? [80, 88, 90] : ago > 20 ? [90, 96, 99] : [80, 85, 86],
    );
    const r = run(rule(), h);
    expect(r.episodes).toEqual([
      {
        series: 'cpu.total',
        since: (M_NOW - 100) * MINUTE_MS,
        start: (M_NOW - 95) * MINUTE_MS,
        end: null,
        severity: 'critical',
      },
    ]);
    expect(r).toMatchObject({ fired: 1, resolved: 0 });
  });

  it('measures coverage as the fraction of the range that had data', () => {
    const half = minutes(DAY_MIN, (ago) => (ago < 720 ? calm : null));
    expect(run(rule(), half).coverage).toBeCloseTo(0.5, 3);
    expect(run(rule(), half, '7d').coverage).toBeCloseTo(720 / (7 * DAY_MIN), 4);
    expect(
      run(
        rule(),
        minutes(DAY_MIN, () => calm),
      ).coverage,
    ).toBe(1);
  });

  it('answers "none" with no episodes and no coverage when nothing matches', () => {
    const r = run(
      rule({ metric: 'mem.used_pct' }),
      minutes(DAY_MIN, () => calm),
    );
    expect(r).toMatchObject({
      episodes: [],
      fired: 0,
      resolved: 0,
      coverage: 0,
      resolution: 'none',
      rawFrom: null,
    });
  });

  it('backtests a disabled rule too: it asks what the rule would have done', () => {
    const h = minutes(DAY_MIN, (ago) => (ago <= 10 ? [80, 90, 92] : calm));
    expect(run(rule({ enabled: false }), h).fired).toBe(1);
  });

  it('follows every matching target of a "*" rule, and only the named one otherwise', () => {
    const h = minutes(DAY_MIN, (ago) => (ago <= 30 ? [90, 92, 93] : calm), 'disk.used_pct{/data}');
    minutes(DAY_MIN, () => calm, 'disk.used_pct{/}', h);
    const disk = rule({ id: 'disk', metric: 'disk.used_pct', target: '*', forSeconds: 60 });
    expect(run(disk, h).episodes.map((e) => e.series)).toEqual(['disk.used_pct{/data}']);
    expect(run({ ...disk, target: '/' }, h).fired).toBe(0);
    expect(run({ ...disk, target: '/data' }, h).fired).toBe(1);
  });

  it('only looks inside the range', () => {
    // A breach two days ago is outside 24 h but inside 7 d.
    const h = minutes(7 * DAY_MIN, (ago) =>
      ago <= 2 * DAY_MIN && ago > 2 * DAY_MIN - 30 ? [90, 92, 93] : calm,
    );
    expect(run(rule(), h).fired).toBe(0);
    expect(run(rule(), h, '7d').fired).toBe(1);
  });
});

describe('backtest over rollups and the raw hour together', () => {
  /** Rollups up to the minute before the raw hour, then 1 Hz samples from rawStart to NOW. */
  const rawStart = NOW - 3_599_000;
  const rawMinute = Math.floor(rawStart / MINUTE_MS);
  function mixed(rollup: (ago: number) => Triple | null, rawValue: (t: number) => number): History {
    const h = new History();
    for (let m = M_NOW - 7 * DAY_MIN; m < rawMinute; m++) {
      const v = rollup(rawMinute - m);
      if (v) h.loadMinute({ start: m * MINUTE_MS, values: { 'cpu.total': v } });
    }
    for (let t = rawStart; t <= NOW; t += 1_000)
      h.append({ time: t, values: { 'cpu.total': rawValue(t) } });
    return h;
  }

  it('carries a breach across the boundary without a false gap, at full resolution after it', () => {
    const h = mixed(
      (before) => (before <= 3 ? [80, 88, 90] : calm),
      (t) => (t < rawStart + 600_000 ? 90 : 40),
    );
    const r = run(rule(), h, '7d');
    expect(r.resolution).toBe('mixed');
    expect(r.rawFrom).toBe(rawStart);
    expect(r.episodes).toEqual([
      {
        series: 'cpu.total',
        since: (rawMinute - 3) * MINUTE_MS,
        start: (rawMinute - 3) * MINUTE_MS + 300_000 + 500, // the first raw sample 300 s on
        end: rawStart + 600_000,
        severity: 'warning',
      },
    ]);
    expect(r.coverage).toBe(1);
  });

  it('stays at second resolution inside the raw hour, though a short "for" is approximate', () => {
    const h = mixed(
      () => calm,
      (t) => (t >= rawStart + 60_000 && t < rawStart + 90_000 ? 97 : 30),
    );
    const r = run(rule({ forSeconds: 10 }), h, '24h');
    expect(r.approximate).toBe(true); // rollups were used, and 10 s is shorter than a minute…
    expect(r.episodes).toEqual([
      {
        series: 'cpu.total',
        since: rawStart + 60_000,
        start: rawStart + 70_000, // …but inside the raw hour each second counts
        end: rawStart + 90_000,
        severity: 'critical',
      },
    ]);
  });
});

describe('backtestSummary', () => {
  it('counts by severity and finds the longest episode, an open one up to the range end', () => {
    const h = minutes(DAY_MIN, (ago) => {
      if (ago <= 600 && ago > 590) return [90, 90, 90]; // warning, 10 min of breach
      if (ago <= 400 && ago > 380) return [97, 97, 97]; // critical
      if (ago <= 40) return [88, 88, 88]; // warning, still open
      return calm;
    });
    const r = run(rule({ forSeconds: 60 }), h);
    expect(backtestSummary(r)).toEqual({
      fired: 3,
      warning: 2,
      critical: 1,
      longestMs: NOW - (M_NOW - 39) * MINUTE_MS,
    });
  });

  it('is all zero without episodes', () => {
    const r = run(
      rule(),
      minutes(DAY_MIN, () => calm),
    );
    expect(backtestSummary(r)).toEqual({ fired: 0, warning: 0, critical: 0, longestMs: 0 });
  });
});

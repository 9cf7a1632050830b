import { describe, expect, it } from 'vitest';
import { forecast, MAX_RELATIVE_HALF_WIDTH, type ForecastSeries } from '../../main/core/forecast';

const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;

/** A seeded xorshift generator, so every case is the same series on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

/** Standard normal noise (Box–Muller). */
function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
}

/**
 * One point per minute over the last `hours` up to NOW: `shape(hoursAgo)` plus Gaussian noise
 * of `noise`; `keep(hoursAgo)` false leaves the point out.
 */
function series(
  shape: (ago: number) => number,
  noise = 0,
  seed = 1,
  { hours = 24, keep = (_ago: number): boolean => true } = {},
): ForecastSeries {
  const r = rng(seed);
  const t: number[] = [];
  const avg: (number | null)[] = [];
  for (let m = hours * 60; m >= 0; m--) {
    const ago = m / 60;
    t.push(NOW - m * 60_000);
    avg.push(keep(ago) ? shape(ago) + noise * gauss(r) : null);
  }
  return { t, avg };
}

/** A straight line: `level` now, rising `slope` per hour. */
const line = (level: number, slope: number) => (ago: number) => level - slope * ago;
const full = { now: NOW, target: 100 };

describe('forecast: steady growth', () => {
  it('finds the exact time for a clean line ("at 90 % in ~20 h")', () => {
    const f = forecast(series(line(70, 1)), { now: NOW, target: 90 });
    expect(f).not.toBeNull();
    expect(f!.slopePerHour).toBeCloseTo(1, 6);
    expect(f!.secondsToTarget).toBeCloseTo(20 * 3_600, 0);
    expect(f!.confidence).toBe(1);
  });

  it('estimates within 10 % for known slopes and noise wherever it shows a trend', () => {
    let shown = 0;
    let cases = 0;
    for (const slope of [0.05, 0.2, 1, 3]) {
      for (const noise of [0, 0.25, 0.5, 1, 2, 4, 8]) {
        for (let seed = 1; seed <= 12; seed++) {
          cases++;
          const level = 60;
          const f = forecast(series(line(level, slope), noise, seed * 101 + noise * 7), full);
          if (f === null) continue;
          shown++;
          expect(Math.abs(f.slopePerHour / slope - 1)).toBeLessThanOrEqual(0.1);
          const expected = ((100 - level) / slope) * 3_600;
          expect(Math.abs(f.secondsToTarget / expected - 1)).toBeLessThanOrEqual(0.1);
          expect(f.confidence).toBeGreaterThanOrEqual(1 - MAX_RELATIVE_HALF_WIDTH);
        }
      }
    }
    // Not vacuous: most of these series are steady enough to show.
    expect(shown).toBeGreaterThan(cases / 2);
  });

  it('shows a trend for low-noise series of every slope', () => {
    for (const slope of [0.05, 0.2, 1, 3]) {
      for (let seed = 1; seed <= 5; seed++) {
        expect(forecast(series(line(50, slope), 0.1, seed), full)).not.toBeNull();
      }
    }
  });

  it('is robust to spikes: 5 % of the points far off the line', () => {
    const r = rng(99);
    const spiky = series((ago) => line(60, 0.5)(ago) + (r() < 0.05 ? 30 : 0), 0.2, 3);
    const f = forecast(spiky, full);
    expect(f).not.toBeNull();
    expect(f!.slopePerHour).toBeGreaterThan(0.45);
    expect(f!.slopePerHour).toBeLessThan(0.55);
  });

  it('prefers the 24 h window for a long noisy trend (its fit is tighter)', () => {
    const f = forecast(series(line(60, 1), 2, 5), full);
    expect(f?.window).toBe('24h');
  });

  it('uses the 6 h window when growth began recently (flat for 18 h before)', () => {
    const recent = series((ago) => (ago > 6 ? 40 : 40 + 2 * (6 - ago)), 0.3, 8);
    const f = forecast(recent, full);
    expect(f?.window).toBe('6h');
    expect(Math.abs(f!.slopePerHour / 2 - 1)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(f!.secondsToTarget / (24 * 3_600) - 1)).toBeLessThanOrEqual(0.1);
  });
});

describe('forecast: nothing to show', () => {
  it('refuses a flat series, noisy or not', () => {
    expect(
      forecast(
        series(() => 50),
        full,
      ),
    ).toBeNull();
    for (let seed = 1; seed <= 20; seed++) {
      expect(
        forecast(
          series(() => 50, 1, seed),
          full,
        ),
      ).toBeNull();
    }
  });

  it('refuses a slope buried in noise', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(forecast(series(line(50, 0.05), 5, seed), full)).toBeNull();
    }
  });

  it('refuses a decreasing series', () => {
    expect(forecast(series(line(60, -1)), full)).toBeNull();
    expect(forecast(series(line(60, -1), 0.5, 4), full)).toBeNull();
  });

  it('refuses a step change: flat, a jump, flat again', () => {
    for (const at of [3, 9, 12, 20]) {
      const step = series((ago) => (ago > at ? 40 : 60), 0.2, at);
      expect(forecast(step, full)).toBeNull();
    }
  });

  it('refuses stale data: nothing in the last 2 hours', () => {
    expect(forecast(series(line(70, 1), 0, 1, { keep: (ago) => ago > 2 }), full)).toBeNull();
  });

  it('refuses too short a history: data for the last 2 hours only', () => {
    expect(forecast(series(line(70, 1), 0, 1, { keep: (ago) => ago <= 2 }), full)).toBeNull();
  });

  it('fits the 6 h window alone when there are 4 hours of data', () => {
    const f = forecast(series(line(70, 1), 0, 1, { keep: (ago) => ago <= 4 }), full);
    expect(f).toMatchObject({ window: '6h', slopePerHour: expect.closeTo(1, 6) as number });
  });

  it('returns null for an empty series or a non-finite target', () => {
    expect(forecast({ t: [], avg: [] }, full)).toBeNull();
    expect(forecast(series(line(70, 1)), { now: NOW, target: Number.NaN })).toBeNull();
  });
});

describe('forecast: already there', () => {
  it('answers 0 s when the series has already crossed the target', () => {
    const f = forecast(series(line(95, 1), 0.2, 2), { now: NOW, target: 90 });
    expect(f).toEqual({
      secondsToTarget: 0,
      slopePerHour: expect.closeTo(1, 1) as number,
      window: '6h',
      confidence: 1,
    });
  });

  it('answers 0 s for a full disk that no longer grows', () => {
    const f = forecast(
      series((ago) => (ago > 3 ? line(100, 5)(ago - 3) : 100)),
      full,
    );
    expect(f).toMatchObject({ secondsToTarget: 0, confidence: 1 });
  });

  it('ignores points outside the windows and after now', () => {
    const s = series(line(70, 1));
    const withFuture = { t: [...s.t, NOW + HOUR], avg: [...s.avg, 100] };
    const withPast = { t: [NOW - 48 * HOUR, ...s.t], avg: [0, ...s.avg] };
    expect(forecast(withFuture, { now: NOW, target: 90 })).toEqual(
      forecast(s, { now: NOW, target: 90 }),
    );
    expect(forecast(withPast, { now: NOW, target: 90 })).toEqual(
      forecast(s, { now: NOW, target: 90 }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  computeForecasts,
  forecastSeriesValues,
  ForecastFeed,
} from '../../main/core/forecast-feed';
import { History } from '../../main/core/history';
import { DEFAULT_SETTINGS, type Rule, type Settings } from '../../main/shared/settings';
import { makeEngine } from './engine-fakes';

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const MIN = 60_000;

/** A history with one sample a minute over `hours`, each key following its function of minutes ago. */
function history(hours: number, shapes: Record<string, (ago: number) => number>): History {
  const h = new History();
  for (let m = hours * 60; m >= 0; m--) {
    const values = Object.fromEntries(Object.entries(shapes).map(([k, f]) => [k, f(m)]));
    h.append({ time: NOW - m * MIN, values });
  }
  return h;
}

const diskRule: Rule = {
  id: 'disk',
  metric: 'disk.used_pct',
  direction: 'above',
  target: '*',
  enabled: true,
  warning: 85,
  critical: 95,
  clear: 82,
  forSeconds: 60,
  repeatMinutes: 0,
};

describe('forecast feed', () => {
  it('forecasts a steadily filling mount and memory, soonest full first, with the rule level', () => {
    // /data: 50 % now, +1 %/h → full in 50 h, at 85 % in 35 h; memory: 40 %, +2 %/h → 30 h.
    const h = history(8, {
      'disk.used_pct{/data}': (ago) => 50 - ago / 60,
      'mem.used_pct': (ago) => 40 - (2 * ago) / 60,
      'disk.used_pct{/}': () => 30,
    });
    const list = computeForecasts(h, [diskRule], NOW);
    expect(list.map((f) => f.series)).toEqual(['mem.used_pct', 'disk.used_pct{/data}']);
    const data = list[1]!;
    expect(data.target).toBe('/data');
    expect(data.secondsToFull / 3_600).toBeCloseTo(50, 0);
    expect(data.level).toBe(85);
    expect(data.secondsToLevel! / 3_600).toBeCloseTo(35, 0);
    expect(list[0]!.level).toBeNull();
    expect(list[0]!.secondsToFull / 3_600).toBeCloseTo(30, 0);
  });

  it('gives no forecast for a flat or falling mount', () => {
    const h = history(8, {
      'disk.used_pct{/}': () => 30,
      'disk.used_pct{/var}': (ago) => 30 + ago / 60,
    });
    expect(computeForecasts(h, [diskRule], NOW)).toEqual([]);
  });

  it('feeds seconds_to_full per mount (not memory), counting down between fits', () => {
    const h = history(8, {
      'disk.used_pct{/data}': (ago) => 50 - ago / 60,
      'mem.used_pct': (ago) => 40 - (2 * ago) / 60,
    });
    const list = computeForecasts(h, [], NOW);
    const at = forecastSeriesValues(list, NOW);
    expect(Object.keys(at)).toEqual(['forecast.seconds_to_full{/data}']);
    const later = forecastSeriesValues(list, NOW + 30_000);
    expect(at['forecast.seconds_to_full{/data}']! - later['forecast.seconds_to_full{/data}']!).toBe(
      30,
    );
  });

  it('refits at most once a minute of snapshot time', () => {
    const h = history(8, { 'disk.used_pct{/data}': (ago) => 50 - ago / 60 });
    const feed = new ForecastFeed();
    const snap = (time: number) => ({
      time,
      mono: time,
      values: {},
      families: {} as never,
      processes: null,
    });
    feed.augment(snap(NOW), h, []);
    const first = feed.list();
    expect(first).toHaveLength(1);
    feed.augment(snap(NOW + 59_000), h, []);
    expect(feed.list()).toBe(first);
    const out = feed.augment(snap(NOW + 60_000), h, []);
    expect(feed.list()).not.toBe(first);
    expect(out.values['forecast.seconds_to_full{/data}']).toBeGreaterThan(0);
  });
});

describe('engine: forecasts in status and the forecast rule through the same policy', () => {
  const forecastRule: Rule = {
    id: 'disk-forecast',
    metric: 'forecast.seconds_to_full',
    direction: 'below',
    target: '*',
    enabled: true,
    warning: 3 * 86_400,
    critical: 12 * 3_600,
    clear: null,
    forSeconds: 0,
    repeatMinutes: 0,
  };
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    sampling: { ...DEFAULT_SETTINGS.sampling, intervalSeconds: 60 },
    rules: [diskRule, forecastRule],
    notifications: { ...DEFAULT_SETTINGS.notifications, groupWindowSeconds: 0 },
  };

  it('shows the forecast in status and fires the forecast rule when full is under 12 h', async () => {
    const t = await makeEngine(settings);
    const start = t.clock.now();
    // 30 % at the start, +6 %/h: after 7 h it is at 72 %, full in (100 − 72) / 6 ≈ 4.7 h.
    for (let m = 1; m <= 7 * 60; m++) {
      t.sampler.values = { 'disk.used_pct{/srv}': 30 + (6 * m) / 60 };
      await t.run(1, MIN);
    }
    const status = t.engine.currentStatus()!;
    const f = status.forecasts?.find((x) => x.series === 'disk.used_pct{/srv}');
    expect(f).toBeDefined();
    const truth = ((100 - (30 + 6 * 7)) / 6) * 3_600;
    expect(Math.abs(f!.secondsToFull - truth) / truth).toBeLessThan(0.1);
    expect(f!.level).toBe(85);

    const alert = status.alerts.find((a) => a.ruleId === 'disk-forecast');
    expect(alert).toMatchObject({
      series: 'forecast.seconds_to_full{/srv}',
      state: 'firing',
      severity: 'critical',
    });
    expect(t.email.kinds()).toContain('firing:disk-forecast:critical');
    // Fed series are history too, so charts and backtests see them.
    const hist = t.engine.queryHistory(['forecast.seconds_to_full{/srv}'], '24h');
    expect(hist.series[0]!.avg.some((v) => v !== null)).toBe(true);
    expect(t.clock.now() - start).toBe(7 * 60 * MIN);
  });

  it('answers the backtest operation from the engine history', async () => {
    const t = await makeEngine(settings);
    for (let m = 1; m <= 90; m++) {
      t.sampler.values = { 'disk.used_pct{/srv}': m >= 30 && m < 50 ? 90 : 50 };
      await t.run(1, MIN);
    }
    const r = await t.engine.api.backtest({ rule: diskRule, range: '24h' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.fired).toBe(1);
    expect(r.value.warning).toBe(1);
    expect(r.value.episodes[0]!.series).toBe('disk.used_pct{/srv}');
    expect(r.value.minuteValue).toBe('max');
    expect(r.value.longestMs).toBeGreaterThanOrEqual(18 * MIN);

    const bad = await t.engine.api.backtest({ rule: { ...diskRule, warning: 150 }, range: '24h' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const range = await t.engine.api.backtest({ rule: diskRule, range: '1h' as never });
    expect(range).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: 'Invalid range: The range is "24h" or "7d"' },
    });
  });
});

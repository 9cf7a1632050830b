import { describe, expect, it } from 'vitest';
import { trayState } from '../../main/core/tray-state';
import type { StatusForecast } from '../../main/shared/contract';
import { makeStatus } from '../fixtures/status';

const disk = (target: string, secondsToFull: number): StatusForecast => ({
  series: `disk.used_pct{${target}}`,
  metric: 'disk.used_pct',
  target,
  secondsToFull,
  level: 85,
  secondsToLevel: null,
  slopePerHour: 1,
  window: '6h',
  confidence: 0.98,
  at: 0,
});

describe('tray tooltip: the worst forecast', () => {
  it('names the soonest-full mount in English and Korean', () => {
    const status = makeStatus({ forecasts: [disk('/data', 3 * 86_400), disk('/', 20 * 86_400)] });
    expect(trayState([status], 'en').tooltip).toBe('web01 — OK · /data full in ~3 days');
    expect(trayState([status], 'ko').tooltip).toBe('web01 — 정상 · /data 약 3일 후 가득 참');
  });

  it('says hours under two days and leaves out forecasts beyond a month', () => {
    expect(trayState([makeStatus({ forecasts: [disk('/', 5 * 3_600)] })], 'en').tooltip).toBe(
      'web01 — OK · / full in ~5 h',
    );
    expect(trayState([makeStatus({ forecasts: [disk('/', 40 * 86_400)] })], 'en').tooltip).toBe(
      'web01 — OK',
    );
  });
});

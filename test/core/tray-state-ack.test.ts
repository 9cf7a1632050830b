import { describe, expect, it } from 'vitest';
import { trayState } from '../../main/core/tray-state';
import type { AlertState } from '../../main/shared/contract';
import { makeStatus as status } from '../fixtures/status';

/** 10:42 local time today: the tooltip speaks local wall-clock time. */
const AT_1042 = new Date(2026, 0, 5, 10, 42).getTime();

function alert(over: Partial<AlertState> = {}): AlertState {
  return {
    ruleId: 'disk',
    series: 'disk.used_pct{/}',
    metric: 'disk.used_pct',
    target: '/',
    state: 'firing',
    severity: 'critical',
    value: 96.2,
    threshold: 95,
    since: 0,
    snoozed: false,
    ...over,
  };
}

const acked = { acknowledged: { time: AT_1042, by: 'tray' as const } };

describe('trayState with acknowledged alerts', () => {
  it('draws a ring and says who acknowledged when everything firing is acknowledged', () => {
    const s = status({ health: 'critical', alerts: [alert(acked)] });
    expect(trayState([s], 'en')).toEqual({
      icon: 'critical-ring',
      tooltip: 'web01 — CRITICAL (acknowledged by you 10:42): Disk / 96%',
    });
    expect(trayState([s], 'ko')).toEqual({
      icon: 'critical-ring',
      tooltip: 'web01 — 위험 (10:42에 확인함): 디스크 / 96%',
    });
    const w = status({ health: 'warning', alerts: [alert({ ...acked, severity: 'warning' })] });
    expect(trayState([w], 'en').icon).toBe('warning-ring');
  });

  it('stays a filled dot when something firing is not acknowledged (something new is wrong)', () => {
    const s = status({
      health: 'critical',
      alerts: [
        alert(acked),
        alert({
          ruleId: 'mem',
          series: 'mem.used_pct',
          metric: 'mem.used_pct',
          target: undefined,
          severity: 'warning',
          value: 91,
          threshold: 90,
        }),
      ],
    });
    expect(trayState([s], 'en')).toEqual({
      icon: 'critical',
      tooltip: 'web01 — CRITICAL: Disk / 96%',
    });
  });

  it('ranks an unacknowledged problem on another host above an acknowledged one here', () => {
    const here = status({ health: 'critical', alerts: [alert(acked)] });
    const there = status({
      hostId: 'web02',
      host: { ...here.host, displayName: 'web02', hostname: 'web02' },
      health: 'critical',
      alerts: [alert()],
    });
    expect(trayState([here, there], 'en').icon).toBe('critical');
  });
});

import { describe, expect, it } from 'vitest';
import { trayState } from '../../main/core/tray-state';
import type { AlertState, FleetHost } from '../../main/shared/contract';
import { makeStatus as status } from '../fixtures/status';

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

describe('trayState', () => {
  it('is grey while starting', () => {
    expect(trayState([], 'en')).toEqual({ icon: 'unknown', tooltip: 'Hostwatch — starting…' });
    expect(trayState([], 'ko').tooltip).toBe('Hostwatch — 시작하는 중…');
  });

  it('maps each health to its icon with the worst metric in words', () => {
    expect(trayState([status()], 'en')).toEqual({ icon: 'ok', tooltip: 'web01 — OK' });
    expect(trayState([status({ health: 'critical', alerts: [alert()] })], 'en')).toEqual({
      icon: 'critical',
      tooltip: 'web01 — CRITICAL: Disk / 96%',
    });
    expect(
      trayState(
        [
          status({
            health: 'warning',
            alerts: [
              alert({ metric: 'mem.used_pct', target: undefined, severity: 'warning', value: 91 }),
            ],
          }),
        ],
        'en',
      ),
    ).toEqual({
      icon: 'warning',
      tooltip: 'web01 — WARNING: Memory 91%',
    });
    expect(trayState([status({ health: 'unknown', stale: true })], 'en')).toEqual({
      icon: 'unknown',
      tooltip: 'web01 — no fresh data',
    });
  });

  it('names the worst firing alert, never a pending one', () => {
    const alerts = [
      alert({ state: 'pending', metric: 'cpu.total', target: undefined, value: 99 }),
      alert({ severity: 'warning', metric: 'mem.used_pct', target: undefined, value: 92 }),
      alert({ value: 97 }),
    ];
    expect(trayState([status({ health: 'critical', alerts })], 'en').tooltip).toBe(
      'web01 — CRITICAL: Disk / 97%',
    );
  });

  it('is grey when paused, whatever the health', () => {
    expect(
      trayState([status({ paused: true, health: 'critical', alerts: [alert()] })], 'en'),
    ).toEqual({ icon: 'unknown', tooltip: 'web01 — monitoring paused' });
  });

  it('speaks Korean', () => {
    expect(
      trayState([status({ health: 'critical', alerts: [alert()], language: 'ko' })], 'ko').tooltip,
    ).toBe('web01 — 위험: 디스크 / 96%');
    expect(trayState([status({ paused: true })], 'ko').tooltip).toBe(
      'web01 — 모니터링 일시 중지됨',
    );
  });

  it('falls back to the host name and mentions a snooze', () => {
    const s = status({
      host: { ...status().host, displayName: '' },
      snooze: { all: 'resolved', rules: {} },
    });
    expect(trayState([s], 'en').tooltip).toBe('web01.internal — OK (notifications snoozed)');
  });

  it('keeps the tooltip within the Windows limit', () => {
    const long = status({ host: { ...status().host, displayName: 'x'.repeat(200) } });
    expect(trayState([long], 'en').tooltip.length).toBeLessThanOrEqual(127);
  });
});

describe('trayState over a fleet', () => {
  const remote = (over: Partial<FleetHost> = {}): FleetHost => ({
    id: 'web02',
    name: 'web02',
    kind: 'agent',
    health: 'ok',
    lastSeen: 1,
    alerts: [],
    ...over,
  });

  it('takes the worst host, counting an unreachable one as critical', () => {
    expect(trayState([status(), remote({ health: 'unreachable' })], 'en')).toEqual({
      icon: 'critical',
      tooltip: '2 servers — CRITICAL: web02 unreachable',
    });
    expect(trayState([status(), remote({ health: 'unreachable' })], 'ko').tooltip).toBe(
      '서버 2대 — 위험: web02 연결 불가',
    );
  });

  it('names the worst host and its worst metric, counting every host', () => {
    const hosts = [
      status({ health: 'warning', alerts: [alert({ severity: 'warning', value: 91 })] }),
      remote({ health: 'critical', alerts: [alert({ value: 99 })] }),
      remote({ id: 'web03', name: 'web03' }),
    ];
    expect(trayState(hosts, 'en')).toEqual({
      icon: 'critical',
      tooltip: '3 servers — CRITICAL: web02 Disk / 99%',
    });
  });

  it('says only OK when every host is fine, and names a host without fresh data', () => {
    expect(trayState([status(), remote()], 'en')).toEqual({
      icon: 'ok',
      tooltip: '2 servers — OK',
    });
    expect(trayState([status(), remote({ health: 'unknown' })], 'en')).toEqual({
      icon: 'unknown',
      tooltip: '2 servers — web02: no fresh data',
    });
  });

  it('lets the first of equally bad hosts speak (the local one is listed first)', () => {
    const hosts = [
      remote({ id: 'web01', name: 'web01', health: 'unreachable' }),
      remote({ health: 'critical', alerts: [alert({ value: 99 })] }),
    ];
    expect(trayState(hosts, 'en').tooltip).toBe('2 servers — CRITICAL: web01 unreachable');
  });

  it('keeps the fleet tooltip within the Windows limit', () => {
    const long = remote({ name: 'x'.repeat(200), health: 'unreachable' });
    const { tooltip } = trayState([status(), long], 'en');
    expect(tooltip.length).toBe(127);
    expect(tooltip.startsWith('2 servers — CRITICAL: xxx')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { trayState } from '../../main/core/tray-state';
import type { AlertState } from '../../main/shared/contract';
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
    expect(trayState(null, 'en')).toEqual({ icon: 'unknown', tooltip: 'Hostwatch — starting…' });
    expect(trayState(null, 'ko').tooltip).toBe('Hostwatch — 시작하는 중…');
  });

  it('maps each health to its icon with the worst metric in words', () => {
    expect(trayState(status(), 'en')).toEqual({ icon: 'ok', tooltip: 'web01 — OK' });
    expect(trayState(status({ health: 'critical', alerts: [alert()] }), 'en')).toEqual({
      icon: 'critical',
      tooltip: 'web01 — CRITICAL: Disk / 96%',
    });
    expect(
      trayState(
        status({
          health: 'warning',
          alerts: [
            alert({ metric: 'mem.used_pct', target: undefined, severity: 'warning', value: 91 }),
          ],
        }),
        'en',
      ),
    ).toEqual({
      icon: 'warning',
      tooltip: 'web01 — WARNING: Memory 91%',
    });
    expect(trayState(status({ health: 'unknown', stale: true }), 'en')).toEqual({
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
    expect(trayState(status({ health: 'critical', alerts }), 'en').tooltip).toBe(
      'web01 — CRITICAL: Disk / 97%',
    );
  });

  it('is grey when paused, whatever the health', () => {
    expect(
      trayState(status({ paused: true, health: 'critical', alerts: [alert()] }), 'en'),
    ).toEqual({ icon: 'unknown', tooltip: 'web01 — monitoring paused' });
  });

  it('speaks Korean', () => {
    expect(
      trayState(status({ health: 'critical', alerts: [alert()], language: 'ko' }), 'ko').tooltip,
    ).toBe('web01 — 위험: 디스크 / 96%');
    expect(trayState(status({ paused: true }), 'ko').tooltip).toBe('web01 — 모니터링 일시 중지됨');
  });

  it('falls back to the host name and mentions a snooze', () => {
    const s = status({
      host: { ...status().host, displayName: '' },
      snooze: { all: 'resolved', rules: {} },
    });
    expect(trayState(s, 'en').tooltip).toBe('web01.internal — OK (notifications snoozed)');
  });

  it('keeps the tooltip within the Windows limit', () => {
    const long = status({ host: { ...status().host, displayName: 'x'.repeat(200) } });
    expect(trayState(long, 'en').tooltip.length).toBeLessThanOrEqual(127);
  });
});

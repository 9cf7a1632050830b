import { describe, expect, it } from 'vitest';
import { Controls, isSnoozed } from '../../main/core/controls';
import type { AlertState } from '../../main/shared/contract';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const HOUR = 3_600_000;

function firing(ruleId: string): AlertState {
  return {
    ruleId,
    series: 'cpu.total',
    metric: 'cpu.total',
    state: 'firing',
    severity: 'warning',
    value: 90,
    threshold: 85,
    since: T0,
    snoozed: false,
  };
}

describe('Controls', () => {
  it('starts unpaused, unsnoozed and out of maintenance', () => {
    const c = new Controls();
    expect(c.serialize()).toEqual({
      paused: false,
      snoozeAll: null,
      snoozeRules: {},
      maintenanceUntil: null,
    });
    expect(c.snooze(T0)).toEqual({ all: null, rules: {} });
    expect(c.maintenanceUntil(T0)).toBeNull();
  });

  it('snoozes everything for 1, 4 and 8 hours from now', () => {
    const c = new Controls();
    c.setSnooze(null, '1h', T0);
    expect(c.snooze(T0).all).toBe(T0 + HOUR);
    c.setSnooze(null, '4h', T0);
    expect(c.snooze(T0).all).toBe(T0 + 4 * HOUR);
    c.setSnooze(null, '8h', T0);
    expect(c.snooze(T0).all).toBe(T0 + 8 * HOUR);
    c.setSnooze(null, 'resolved', T0);
    expect(c.snooze(T0).all).toBe('resolved');
  });

  it('a snooze is live until its end and gone at it', () => {
    const c = new Controls();
    c.setSnooze(null, '1h', T0);
    c.setSnooze('disk', '4h', T0);
    expect(c.snooze(T0 + HOUR - 1)).toEqual({ all: T0 + HOUR, rules: { disk: T0 + 4 * HOUR } });
    expect(c.snooze(T0 + HOUR)).toEqual({ all: null, rules: { disk: T0 + 4 * HOUR } });
    expect(c.snooze(T0 + 4 * HOUR - 1).rules).toEqual({ disk: T0 + 4 * HOUR });
    expect(c.snooze(T0 + 4 * HOUR)).toEqual({ all: null, rules: {} });
    // "Until resolved" never expires by time.
    c.setSnooze('mem', 'resolved', T0);
    expect(c.snooze(T0 + 1_000 * HOUR).rules).toEqual({ mem: 'resolved' });
  });

  it('snoozes one rule without touching others, and "off" clears only that rule', () => {
    const c = new Controls();
    c.setSnooze('cpu', '1h', T0);
    c.setSnooze('disk', 'resolved', T0);
    expect(c.snooze(T0).rules).toEqual({ cpu: T0 + HOUR, disk: 'resolved' });
    expect(c.snooze(T0).all).toBeNull();
    c.setSnooze('cpu', 'off', T0);
    expect(c.snooze(T0).rules).toEqual({ disk: 'resolved' });
    c.setSnooze('nope', 'off', T0);
    expect(c.snooze(T0).rules).toEqual({ disk: 'resolved' });
  });

  it('"off" for all clears every per-rule snooze too; a timed all-snooze keeps them', () => {
    const c = new Controls();
    c.setSnooze('cpu', '8h', T0);
    c.setSnooze(null, '1h', T0);
    expect(c.snooze(T0).rules).toEqual({ cpu: T0 + 8 * HOUR });
    c.setSnooze(null, 'resolved', T0);
    expect(c.snooze(T0).rules).toEqual({ cpu: T0 + 8 * HOUR });
    c.setSnooze(null, 'off', T0);
    expect(c.snooze(T0)).toEqual({ all: null, rules: {} });
  });

  it('maintenance runs for the minutes given, ends at its end, and 0 ends it', () => {
    const c = new Controls();
    c.setMaintenance(30, T0);
    expect(c.maintenanceUntil(T0)).toBe(T0 + 30 * 60_000);
    expect(c.maintenanceUntil(T0 + 30 * 60_000 - 1)).toBe(T0 + 30 * 60_000);
    expect(c.maintenanceUntil(T0 + 30 * 60_000)).toBeNull();
    c.setMaintenance(0, T0);
    expect(c.serialize().maintenanceUntil).toBeNull();
    expect(c.maintenanceUntil(T0)).toBeNull();
  });

  it('pauses and resumes', () => {
    const c = new Controls();
    c.setPaused(true);
    expect(c.serialize().paused).toBe(true);
    c.setPaused(false);
    expect(c.serialize().paused).toBe(false);
  });

  it('releases "until resolved" snoozes of rules that no longer fire, and reports it', () => {
    const c = new Controls();
    c.setSnooze('cpu', 'resolved', T0);
    c.setSnooze('disk', 'resolved', T0);
    c.setSnooze('mem', '1h', T0);
    expect(c.releaseResolvedSnoozes([firing('cpu'), firing('disk')])).toBe(false);
    expect(c.snooze(T0).rules).toEqual({ cpu: 'resolved', disk: 'resolved', mem: T0 + HOUR });
    expect(c.releaseResolvedSnoozes([firing('disk')])).toBe(true);
    // A timed snooze is not released by resolution.
    expect(c.snooze(T0).rules).toEqual({ disk: 'resolved', mem: T0 + HOUR });
    expect(c.releaseResolvedSnoozes([])).toBe(true);
    expect(c.snooze(T0).rules).toEqual({ mem: T0 + HOUR });
    expect(c.releaseResolvedSnoozes([])).toBe(false);
  });

  it('releases an "until resolved" snooze of everything only when nothing fires', () => {
    const c = new Controls();
    c.setSnooze(null, 'resolved', T0);
    expect(c.releaseResolvedSnoozes([firing('cpu')])).toBe(false);
    expect(c.snooze(T0).all).toBe('resolved');
    expect(c.releaseResolvedSnoozes([])).toBe(true);
    expect(c.snooze(T0).all).toBeNull();
    c.setSnooze(null, '1h', T0);
    expect(c.releaseResolvedSnoozes([])).toBe(false);
    expect(c.snooze(T0).all).toBe(T0 + HOUR);
  });

  it('restores what it serialized and ignores invalid data', () => {
    const a = new Controls();
    a.setPaused(true);
    a.setSnooze(null, '4h', T0);
    a.setSnooze('cpu', 'resolved', T0);
    a.setMaintenance(15, T0);
    const saved = JSON.parse(JSON.stringify(a.serialize())) as unknown;
    const b = new Controls();
    b.restore(saved);
    expect(b.serialize()).toEqual(a.serialize());
    expect(b.snooze(T0)).toEqual({ all: T0 + 4 * HOUR, rules: { cpu: 'resolved' } });
    expect(b.maintenanceUntil(T0)).toBe(T0 + 15 * 60_000);

    for (const bad of [
      null,
      'x',
      { ...a.serialize(), paused: 'yes' },
      { ...a.serialize(), snoozeAll: 'later' },
      { ...a.serialize(), snoozeRules: { cpu: 'soon' } },
      { ...a.serialize(), maintenanceUntil: 'never' },
      { paused: true, snoozeAll: null, snoozeRules: {} },
    ]) {
      const c = new Controls();
      c.setSnooze('keep', '1h', T0);
      c.restore(bad);
      expect(c.snooze(T0).rules).toEqual({ keep: T0 + HOUR });
      expect(c.serialize().paused).toBe(false);
    }
  });
});

describe('isSnoozed', () => {
  it('is true under an all-snooze or a snooze of that rule, false otherwise', () => {
    expect(isSnoozed({ all: null, rules: {} }, 'cpu')).toBe(false);
    expect(isSnoozed({ all: T0, rules: {} }, 'cpu')).toBe(true);
    expect(isSnoozed({ all: 'resolved', rules: {} }, 'cpu')).toBe(true);
    expect(isSnoozed({ all: null, rules: { cpu: T0 } }, 'cpu')).toBe(true);
    expect(isSnoozed({ all: null, rules: { cpu: 'resolved' } }, 'cpu')).toBe(true);
    expect(isSnoozed({ all: null, rules: { disk: T0 } }, 'cpu')).toBe(false);
  });
});

describe('Controls state', () => {
  it('"off" removes the rule from the saved state rather than keeping an empty entry', () => {
    const c = new Controls();
    c.setSnooze('cpu', '1h', T0);
    c.setSnooze('cpu', 'off', T0);
    expect(c.serialize().snoozeRules).toEqual({});
  });

  it('restores every shape a snooze can have', () => {
    const shapes = [
      { paused: false, snoozeAll: null, snoozeRules: { a: T0 }, maintenanceUntil: null },
      {
        paused: false,
        snoozeAll: 'resolved',
        snoozeRules: { a: 'resolved' },
        maintenanceUntil: T0,
      },
      { paused: true, snoozeAll: T0, snoozeRules: {}, maintenanceUntil: null },
    ];
    for (const shape of shapes) {
      const c = new Controls();
      c.restore(shape);
      expect(c.serialize()).toEqual(shape);
    }
  });
});

/**
 * Edges of the alert policy that mutation testing found unpinned: expired per-rule snoozes,
 * same-day quiet hours to the minute, reminder contents and intervals per rule, repeated
 * escalations, the mute order, reconciliation and forgetting.
 */
import { describe, expect, it } from 'vitest';
import {
  AlertPolicy,
  fnv1a,
  inQuietHours,
  messageId,
  muteReason,
  type PolicyInput,
} from '../../main/core/policy';
import type { Transition } from '../../main/core/ports';
import type { AlertState } from '../../main/shared/contract';
import type { Rule } from '../../main/shared/settings';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const MIN = 60_000;

function rule(id: string, metric: Rule['metric'], repeatMinutes: number): Rule {
  return {
    id,
    metric,
    enabled: true,
    warning: 80,
    critical: 90,
    clear: 70,
    forSeconds: 0,
    repeatMinutes,
  };
}

const RULES: Rule[] = [rule('cpu', 'cpu.total', 60), rule('mem', 'mem.used_pct', 15)];

function tr(
  kind: Transition['kind'],
  at: number,
  over: Partial<Transition> = {},
  ruleId = 'cpu',
): Transition {
  const metric = ruleId === 'mem' ? 'mem.used_pct' : 'cpu.total';
  return {
    kind,
    ruleId,
    series: metric,
    metric,
    severity: 'warning',
    previous: null,
    value: 85,
    threshold: 80,
    since: T0,
    at,
    ...over,
  };
}

function state(ruleId = 'cpu', over: Partial<AlertState> = {}): AlertState {
  const metric = ruleId === 'mem' ? 'mem.used_pct' : 'cpu.total';
  return {
    ruleId,
    series: metric,
    metric,
    state: 'firing',
    severity: 'warning',
    value: 85,
    threshold: 80,
    since: T0,
    snoozed: false,
    ...over,
  };
}

class Harness {
  policy = new AlertPolicy();
  now = T0;
  firing: AlertState[] = [];
  snooze: PolicyInput['snooze'] = { all: null, rules: {} };
  maintenanceUntil: number | null = null;
  quietHours = { enabled: false, start: '22:00', end: '07:00', allowCritical: true };
  localMinutes = 12 * 60;
  rules = RULES;
  step(transitions: Transition[] = []) {
    return this.policy.decide({
      now: this.now,
      transitions,
      firing: this.firing,
      rules: this.rules,
      snooze: this.snooze,
      maintenanceUntil: this.maintenanceUntil,
      quietHours: this.quietHours,
      localMinutes: this.localMinutes,
    });
  }
}

const base = {
  now: T0,
  snooze: { all: null, rules: {} },
  maintenanceUntil: null,
  quietHours: { enabled: false, start: '22:00', end: '07:00', allowCritical: false },
  localMinutes: 0,
} satisfies Parameters<typeof muteReason>[0];

describe('muteReason', () => {
  it('a per-rule snooze that has expired no longer mutes; one still running does', () => {
    const snooze = (until: number) => ({ ...base, snooze: { all: null, rules: { cpu: until } } });
    expect(muteReason(snooze(T0), 'cpu', 'warning')).toBeNull();
    expect(muteReason(snooze(T0 - 1), 'cpu', 'warning')).toBeNull();
    expect(muteReason(snooze(T0 + 1), 'cpu', 'warning')?.code).toBe('snoozed-rule');
  });

  it('an all-snooze that has expired no longer mutes', () => {
    expect(muteReason({ ...base, snooze: { all: T0, rules: {} } }, 'cpu', 'warning')).toBeNull();
    expect(
      muteReason({ ...base, snooze: { all: T0 + 1, rules: {} } }, 'cpu', 'warning')?.code,
    ).toBe('snoozed-all');
  });

  it('maintenance that ended no longer mutes', () => {
    expect(muteReason({ ...base, maintenanceUntil: T0 }, 'cpu', 'warning')).toBeNull();
    expect(muteReason({ ...base, maintenanceUntil: T0 + 1 }, 'cpu', 'warning')?.code).toBe(
      'maintenance',
    );
  });

  it('an expired rule snooze falls through to the all-snooze and then to quiet hours', () => {
    const input = {
      ...base,
      snooze: { all: 'resolved' as const, rules: { cpu: T0 - 1 } },
    };
    expect(muteReason(input, 'cpu', 'warning')?.code).toBe('snoozed-all-resolved');
    const quiet = {
      ...base,
      snooze: { all: T0 - 1, rules: { cpu: T0 - 1 } },
      quietHours: { enabled: true, start: '00:00', end: '01:00', allowCritical: false },
    };
    expect(muteReason(quiet, 'cpu', 'warning')?.code).toBe('quiet-hours');
  });

  it('maintenance comes first, then the rule snooze, then the all-snooze, then quiet hours', () => {
    const all = {
      now: T0,
      maintenanceUntil: T0 + MIN,
      snooze: { all: T0 + MIN, rules: { cpu: T0 + MIN } },
      quietHours: { enabled: true, start: '00:00', end: '23:59', allowCritical: false },
      localMinutes: 60,
    };
    expect(muteReason(all, 'cpu', 'warning')?.code).toBe('maintenance');
    expect(muteReason({ ...all, maintenanceUntil: null }, 'cpu', 'warning')?.code).toBe(
      'snoozed-rule',
    );
    expect(muteReason({ ...all, maintenanceUntil: null }, 'mem', 'warning')?.code).toBe(
      'snoozed-all',
    );
    const noSnooze = { ...all, maintenanceUntil: null, snooze: { all: null, rules: {} } };
    expect(muteReason(noSnooze, 'cpu', 'warning')?.code).toBe('quiet-hours');
  });

  it('quiet hours let critical through only when allowed, and never hold back a warning less', () => {
    const quiet = {
      ...base,
      quietHours: { enabled: true, start: '00:00', end: '02:00', allowCritical: true },
      localMinutes: 30,
    };
    expect(muteReason(quiet, 'cpu', 'critical')).toBeNull();
    expect(muteReason(quiet, 'cpu', 'warning')?.code).toBe('quiet-hours');
    const strict = { ...quiet, quietHours: { ...quiet.quietHours, allowCritical: false } };
    expect(muteReason(strict, 'cpu', 'critical')).toEqual({
      text: 'quiet hours (00:00–02:00)',
      code: 'quiet-hours',
      params: { start: '00:00', end: '02:00' },
    });
  });
});

describe('inQuietHours', () => {
  const q = (start: string, end: string) => ({ enabled: true, start, end, allowCritical: false });

  it('a same-day window includes its start minute and excludes its end minute', () => {
    const w = q('09:30', '17:45');
    expect(inQuietHours(w, 9 * 60 + 29)).toBe(false);
    expect(inQuietHours(w, 9 * 60 + 30)).toBe(true);
    expect(inQuietHours(w, 17 * 60 + 44)).toBe(true);
    expect(inQuietHours(w, 17 * 60 + 45)).toBe(false);
    expect(inQuietHours(w, 0)).toBe(false);
    expect(inQuietHours(w, 23 * 60 + 59)).toBe(false);
  });

  it('a window crossing midnight honours the minutes of both ends', () => {
    const w = q('22:15', '06:40');
    expect(inQuietHours(w, 22 * 60 + 14)).toBe(false);
    expect(inQuietHours(w, 22 * 60 + 15)).toBe(true);
    expect(inQuietHours(w, 6 * 60 + 39)).toBe(true);
    expect(inQuietHours(w, 6 * 60 + 40)).toBe(false);
    expect(inQuietHours(w, 12 * 60)).toBe(false);
  });

  it('an equal start and end in minutes is empty, even when the hours differ in spelling', () => {
    expect(inQuietHours(q('09:05', '09:05'), 9 * 60 + 5)).toBe(false);
    expect(inQuietHours(q('09:05', '09:06'), 9 * 60 + 5)).toBe(true);
  });
});

describe('AlertPolicy reminders', () => {
  it('reminds each rule at its own interval, not the first rule’s', () => {
    const h = new Harness();
    h.firing = [state('cpu'), state('mem')];
    h.step([tr('firing', T0), tr('firing', T0, {}, 'mem')]);
    h.now = T0 + 15 * MIN - 1;
    expect(h.step().send).toEqual([]);
    h.now = T0 + 15 * MIN;
    expect(h.step().send.map((m) => `${m.ruleId}:${m.kind}`)).toEqual(['mem:reminder']);
    h.now = T0 + 30 * MIN;
    expect(h.step().send.map((m) => `${m.ruleId}:${m.kind}`)).toEqual(['mem:reminder']);
    h.now = T0 + 60 * MIN;
    expect(h.step().send.map((m) => `${m.ruleId}:${m.kind}:${m.id}`)).toEqual([
      `cpu:reminder:${messageId('cpu', 'cpu.total', T0, 'reminder', 1)}`,
      `mem:reminder:${messageId('mem', 'mem.used_pct', T0, 'reminder', 3)}`,
    ]);
  });

  it('a reminder carries the current value, severity, threshold and time', () => {
    const h = new Harness();
    h.firing = [state('cpu', { value: 85 })];
    h.step([tr('firing', T0)]);
    h.now = T0 + 30 * MIN;
    h.firing = [state('cpu', { value: 88.5 })];
    h.step();
    h.now = T0 + 60 * MIN;
    h.firing = [state('cpu', { value: 91, severity: 'critical', threshold: 90 })];
    expect(h.step().send).toEqual([
      {
        id: messageId('cpu', 'cpu.total', T0, 'reminder', 1),
        kind: 'reminder',
        ruleId: 'cpu',
        series: 'cpu.total',
        metric: 'cpu.total',
        severity: 'critical',
        value: 91,
        threshold: 80,
        since: T0,
        at: T0 + 60 * MIN,
      },
    ]);
  });

  it('a rule missing from the rules list sends no reminders', () => {
    const h = new Harness();
    h.firing = [state('cpu')];
    h.step([tr('firing', T0)]);
    h.rules = [rule('mem', 'mem.used_pct', 15)];
    h.now = T0 + 10 * 60 * MIN;
    expect(h.step()).toEqual({ send: [], suppressed: [] });
  });

  it('a muted reminder is reported once per interval and the clock restarts from it', () => {
    const h = new Harness();
    h.firing = [state('mem')];
    h.step([tr('firing', T0, {}, 'mem')]);
    h.snooze = { all: T0 + 100 * MIN, rules: {} };
    h.now = T0 + 15 * MIN;
    const held = h.step();
    expect(held.send).toEqual([]);
    expect(held.suppressed.map((s) => [s.message.kind, s.message.id, s.code])).toEqual([
      ['reminder', messageId('mem', 'mem.used_pct', T0, 'reminder', 1), 'snoozed-all'],
    ]);
    h.now = T0 + 29 * MIN;
    expect(h.step()).toEqual({ send: [], suppressed: [] });
    h.now = T0 + 30 * MIN;
    expect(h.step().suppressed.map((s) => s.message.id)).toEqual([
      messageId('mem', 'mem.used_pct', T0, 'reminder', 2),
    ]);
  });
});

describe('AlertPolicy escalations', () => {
  it('a second escalation in one episode is its own message with the next number', () => {
    const h = new Harness();
    h.firing = [state('cpu')];
    h.step([tr('firing', T0)]);
    const up = (at: number) =>
      h.step([
        tr('escalated', at, {
          severity: 'critical',
          previous: 'warning',
          value: 95 + (at - T0) / MIN,
          threshold: 90,
        }),
      ]);
    h.now = T0 + MIN;
    h.firing = [state('cpu', { severity: 'critical' })];
    const first = up(h.now);
    h.now = T0 + 2 * MIN;
    h.firing = [state('cpu')];
    expect(
      h.step([tr('deescalated', h.now, { severity: 'warning', previous: 'critical' })]),
    ).toEqual({ send: [], suppressed: [] });
    h.now = T0 + 3 * MIN;
    h.firing = [state('cpu', { severity: 'critical' })];
    const second = up(h.now);
    expect([...first.send, ...second.send]).toEqual([
      {
        id: messageId('cpu', 'cpu.total', T0, 'escalated', 1),
        kind: 'escalated',
        ruleId: 'cpu',
        series: 'cpu.total',
        metric: 'cpu.total',
        severity: 'critical',
        value: 96,
        threshold: 90,
        since: T0,
        at: T0 + MIN,
      },
      {
        id: messageId('cpu', 'cpu.total', T0, 'escalated', 2),
        kind: 'escalated',
        ruleId: 'cpu',
        series: 'cpu.total',
        metric: 'cpu.total',
        severity: 'critical',
        value: 98,
        threshold: 90,
        since: T0,
        at: T0 + 3 * MIN,
      },
    ]);
    // The escalations restart the reminder clock; a restart keeps the count.
    const after = new AlertPolicy();
    expect(after.restore(JSON.parse(JSON.stringify(h.policy.serialize())))).toBe(true);
    expect(after.serialize().episodes[0]).toMatchObject({ escalations: 2, reminders: 0 });
    h.policy = after;
    h.now = T0 + 62 * MIN;
    expect(h.step().send).toEqual([]);
    h.now = T0 + 63 * MIN;
    expect(h.step().send.map((m) => [m.kind, m.severity])).toEqual([['reminder', 'critical']]);
  });

  it('an escalation of an episode it never saw opens one and sends its FIRING at critical', () => {
    const h = new Harness();
    h.firing = [state('cpu', { severity: 'critical' })];
    const out = h.step([
      tr('escalated', T0, { severity: 'critical', previous: 'warning', threshold: 90, value: 97 }),
    ]);
    expect(out.send).toEqual([
      expect.objectContaining({
        id: messageId('cpu', 'cpu.total', T0, 'firing', 0),
        kind: 'firing',
        severity: 'critical',
        value: 97,
        threshold: 90,
      }),
    ]);
  });
});

describe('AlertPolicy messages and episodes', () => {
  it('a FIRING and its RESOLVED carry the transition’s fields and the target', () => {
    const h = new Harness();
    h.rules = [{ ...rule('disk', 'disk.used_pct', 0), target: '*' }];
    const t = (kind: Transition['kind'], at: number, value: number, threshold: number) =>
      ({
        kind,
        ruleId: 'disk',
        series: 'disk.used_pct{/var}',
        metric: 'disk.used_pct',
        target: '/var',
        severity: 'critical',
        previous: null,
        value,
        threshold,
        since: T0 - 5_000,
        at,
      }) satisfies Transition;
    h.firing = [
      {
        ...state(),
        ruleId: 'disk',
        series: 'disk.used_pct{/var}',
        metric: 'disk.used_pct',
        target: '/var',
        severity: 'critical',
      },
    ];
    const fired = h.step([t('firing', T0, 93, 90)]);
    expect(fired.send).toEqual([
      {
        id: messageId('disk', 'disk.used_pct{/var}', T0 - 5_000, 'firing', 0),
        kind: 'firing',
        ruleId: 'disk',
        series: 'disk.used_pct{/var}',
        metric: 'disk.used_pct',
        target: '/var',
        severity: 'critical',
        value: 93,
        threshold: 90,
        since: T0 - 5_000,
        at: T0,
      },
    ]);
    h.now = T0 + MIN;
    h.firing = [];
    const resolved = h.step([t('resolved', T0 + MIN, 40, 70)]);
    expect(resolved.send).toEqual([
      {
        id: messageId('disk', 'disk.used_pct{/var}', T0 - 5_000, 'resolved', 0),
        kind: 'resolved',
        ruleId: 'disk',
        series: 'disk.used_pct{/var}',
        metric: 'disk.used_pct',
        target: '/var',
        severity: 'critical',
        value: 40,
        threshold: 70,
        since: T0 - 5_000,
        at: T0 + MIN,
      },
    ]);
    expect(h.policy.serialize().episodes).toEqual([]);
  });

  it('the saved episode keeps the last firing threshold, not the clear level of a RESOLVED', () => {
    const h = new Harness();
    h.firing = [state('cpu')];
    h.step([tr('firing', T0)]);
    expect(h.policy.serialize()).toEqual({
      version: 1,
      episodes: [
        {
          ruleId: 'cpu',
          series: 'cpu.total',
          metric: 'cpu.total',
          start: T0,
          severity: 'warning',
          value: 85,
          threshold: 80,
          firingSent: true,
          lastNoticeAt: T0,
          reminders: 0,
          escalations: 0,
        },
      ],
    });
  });

  it('a held FIRING records its coded reason; the FIRING sent later clears it', () => {
    const h = new Harness();
    h.maintenanceUntil = T0 + 10 * MIN;
    h.firing = [state('cpu')];
    const held = h.step([tr('firing', T0)]);
    expect(held.suppressed.map((s) => [s.message.kind, s.code])).toEqual([
      ['firing', 'maintenance'],
    ]);
    expect(h.policy.serialize().episodes[0]).toMatchObject({
      firingSent: false,
      heldBecause: 'maintenance until 2026-01-05T12:10:00.000Z',
      heldCode: 'maintenance',
      heldParams: { until: T0 + 10 * MIN },
    });
    h.now = T0 + 10 * MIN;
    expect(h.step().send.map((m) => m.kind)).toEqual(['firing']);
    const ep = h.policy.serialize().episodes[0]!;
    expect(ep.firingSent).toBe(true);
    expect(ep).not.toHaveProperty('heldBecause');
    expect(ep).not.toHaveProperty('heldCode');
    expect(ep).not.toHaveProperty('heldParams');
  });

  it('a new FIRING for the same series starts a new episode', () => {
    const h = new Harness();
    h.firing = [state('cpu')];
    h.step([tr('firing', T0)]);
    h.now = T0 + MIN;
    const again = h.step([tr('firing', T0 + MIN, { since: T0 + MIN })]);
    expect(again.send.map((m) => m.id)).toEqual([
      messageId('cpu', 'cpu.total', T0 + MIN, 'firing', 0),
    ]);
    expect(h.policy.serialize().episodes).toHaveLength(1);
  });

  it('reconcile takes the firing set’s value and severity for the next message', () => {
    const h = new Harness();
    h.firing = [state('cpu')];
    h.step([tr('firing', T0)]);
    h.firing = [state('cpu', { value: 99, severity: 'critical' })];
    h.now = T0 + MIN;
    h.step();
    expect(h.policy.serialize().episodes[0]).toMatchObject({ value: 99, severity: 'critical' });
  });

  it('an adopted alert is announced with its own fields', () => {
    const h = new Harness();
    h.firing = [state('mem', { since: T0 - MIN, value: 93, threshold: 90, severity: 'critical' })];
    const out = h.step();
    expect(out.send).toEqual([
      {
        id: messageId('mem', 'mem.used_pct', T0 - MIN, 'firing', 0),
        kind: 'firing',
        ruleId: 'mem',
        series: 'mem.used_pct',
        metric: 'mem.used_pct',
        severity: 'critical',
        value: 93,
        threshold: 90,
        since: T0 - MIN,
        at: T0,
      },
    ]);
  });

  it('a missing episode is kept for exactly a day, and a return clears its absence', () => {
    const h = new Harness();
    h.firing = [state('cpu')];
    h.step([tr('firing', T0)]);
    h.firing = [];
    h.step(); // missing since T0
    h.now = T0 + 24 * 60 * MIN;
    h.step();
    expect(h.policy.serialize().episodes).toHaveLength(1);
    expect(h.policy.serialize().episodes[0]!.missingSince).toBe(T0);
    h.firing = [state('cpu')];
    h.now += MIN;
    h.step();
    expect(h.policy.serialize().episodes[0]).not.toHaveProperty('missingSince');
    h.firing = [];
    h.step();
    h.now += 24 * 60 * MIN + 1;
    h.step();
    expect(h.policy.serialize().episodes).toEqual([]);
  });

  it('ids of another host start with the hash of the host id', () => {
    const p = new AlertPolicy('web02');
    const out = p.decide({
      now: T0,
      transitions: [tr('firing', T0)],
      firing: [state('cpu')],
      rules: RULES,
      snooze: { all: null, rules: {} },
      maintenanceUntil: null,
      quietHours: base.quietHours,
      localMinutes: 0,
    });
    expect(out.send[0]!.id).toBe(
      `h${fnv1a('web02')}-${messageId('cpu', 'cpu.total', T0, 'firing', 0)}`,
    );
  });
});

describe('fnv1a', () => {
  it('matches the reference 32-bit FNV-1a values, zero-padded to 8 hex digits', () => {
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
    expect(fnv1a('foobar')).toBe('bf9cf968');
  });
});

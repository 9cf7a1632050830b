import { describe, expect, it } from 'vitest';
import {
  AlertPolicy,
  inQuietHours,
  fnv1a,
  messageId,
  muteReason,
  worthAMessage,
  type PolicyInput,
  type Reason,
} from '../../main/core/policy';
import type { AlertState, Severity } from '../../main/shared/contract';
import type { Transition } from '../../main/core/ports';
import { DEFAULT_RULES, DEFAULT_SETTINGS } from '../../main/shared/settings';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const MIN = 60_000;

function transition(
  kind: Transition['kind'],
  at: number,
  severity: Severity = 'warning',
  over: Partial<Transition> = {},
): Transition {
  return {
    kind,
    ruleId: 'cpu',
    series: 'cpu.total',
    metric: 'cpu.total',
    severity,
    previous: null,
    value: kind === 'resolved' ? 40 : severity === 'critical' ? 97 : 88,
    threshold: kind === 'resolved' ? 75 : severity === 'critical' ? 95 : 85,
    since: T0,
    at,
    ...over,
  };
}

function firingState(severity: Severity = 'warning', over: Partial<AlertState> = {}): AlertState {
  return {
    ruleId: 'cpu',
    series: 'cpu.total',
    metric: 'cpu.total',
    state: 'firing',
    severity,
    value: 90,
    threshold: 85,
    since: T0,
    snoozed: false,
    ...over,
  };
}

/** A little driver: a policy plus a fake clock and the knobs of the input. */
class Harness {
  policy = new AlertPolicy();
  now = T0;
  firing: AlertState[] = [];
  snooze: PolicyInput['snooze'] = { all: null, rules: {} };
  maintenanceUntil: number | null = null;
  quietHours = { ...DEFAULT_SETTINGS.notifications.quietHours };
  localMinutes = 12 * 60;
  rules = DEFAULT_RULES;

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
  fire(severity: Severity = 'warning') {
    this.firing = [firingState(severity)];
    return this.step([transition('firing', this.now, severity)]);
  }
  resolve() {
    this.firing = [];
    return this.step([transition('resolved', this.now)]);
  }
}

describe('worthAMessage walks its truth table row by row', () => {
  const reason = (code: 'quiet-hours' | 'snoozed-all-resolved' | 'maintenance'): Reason => ({
    text: code,
    code,
    params: code === 'maintenance' ? { until: T0 } : {},
  });
  const quiet = reason('quiet-hours');
  const snoozed = reason('snoozed-all-resolved');
  const maint = reason('maintenance');
  const notSent: Reason = {
    text: 'its FIRING was not sent (snoozed-all-resolved)',
    code: 'firing-not-sent',
    params: { inner: 'snoozed-all-resolved' },
  };
  const rows: [
    Parameters<typeof worthAMessage>[0],
    boolean,
    Reason | null,
    ReturnType<typeof worthAMessage>,
  ][] = [
    ['firing', false, null, { action: 'send', kind: 'firing' }],
    ['firing', false, quiet, { action: 'suppress', kind: 'firing', reason: quiet }],
    ['escalated', true, null, { action: 'send', kind: 'escalated' }],
    ['escalated', true, snoozed, { action: 'suppress', kind: 'escalated', reason: snoozed }],
    ['escalated', false, null, { action: 'send', kind: 'firing' }],
    ['escalated', false, quiet, { action: 'suppress', kind: 'firing', reason: quiet }],
    ['deescalated', true, null, { action: 'nothing' }],
    ['deescalated', false, quiet, { action: 'nothing' }],
    ['reminder-due', true, null, { action: 'send', kind: 'reminder' }],
    ['reminder-due', true, maint, { action: 'suppress', kind: 'reminder', reason: maint }],
    ['reminder-due', false, null, { action: 'send', kind: 'firing' }],
    ['reminder-due', false, maint, { action: 'nothing' }],
    ['resolved', true, null, { action: 'send', kind: 'resolved' }],
    ['resolved', true, quiet, { action: 'suppress', kind: 'resolved', reason: quiet }],
    ['resolved', false, null, { action: 'suppress', kind: 'resolved', reason: notSent }],
    ['resolved', false, quiet, { action: 'suppress', kind: 'resolved', reason: notSent }],
  ];
  it.each(rows)('%s, firingSent=%s, mute=%o', (occasion, sent, mute, verdict) => {
    expect(worthAMessage(occasion, sent, mute, snoozed)).toEqual(verdict);
  });

  it('a RESOLVED whose FIRING was held for an unknown cause says "held back"', () => {
    expect(worthAMessage('resolved', false, null)).toEqual({
      action: 'suppress',
      kind: 'resolved',
      reason: {
        text: 'its FIRING was not sent (it was held back)',
        code: 'firing-not-sent',
        params: { inner: 'held-back' },
      },
    });
  });
});

describe('muteReason gives the English text and the same reason as a code with params', () => {
  const input = {
    now: T0,
    snooze: { all: null, rules: {} },
    maintenanceUntil: null,
    quietHours: { enabled: false, start: '22:00', end: '07:00', allowCritical: true },
    localMinutes: 23 * 60,
  } satisfies Parameters<typeof muteReason>[0];
  const later = T0 + 90 * MIN;
  it.each<[string, Parameters<typeof muteReason>[0], Reason | null]>([
    ['nothing', input, null],
    [
      'maintenance',
      { ...input, maintenanceUntil: later },
      {
        text: 'maintenance until 2026-01-05T13:30:00.000Z',
        code: 'maintenance',
        params: { until: later },
      },
    ],
    [
      'rule snoozed until resolved',
      { ...input, snooze: { all: null, rules: { cpu: 'resolved' } } },
      {
        text: 'rule cpu snoozed until it resolves',
        code: 'snoozed-rule-resolved',
        params: { ruleId: 'cpu' },
      },
    ],
    [
      'rule snoozed until a time',
      { ...input, snooze: { all: null, rules: { cpu: later } } },
      {
        text: 'rule cpu snoozed until 2026-01-05T13:30:00.000Z',
        code: 'snoozed-rule',
        params: { ruleId: 'cpu', until: later },
      },
    ],
    [
      'all snoozed until resolved',
      { ...input, snooze: { all: 'resolved', rules: {} } },
      { text: 'all alerts snoozed until they resolve', code: 'snoozed-all-resolved', params: {} },
    ],
    [
      'all snoozed until a time',
      { ...input, snooze: { all: later, rules: {} } },
      {
        text: 'all alerts snoozed until 2026-01-05T13:30:00.000Z',
        code: 'snoozed-all',
        params: { until: later },
      },
    ],
    [
      'quiet hours',
      { ...input, quietHours: { ...input.quietHours, enabled: true } },
      {
        text: 'quiet hours (22:00–07:00)',
        code: 'quiet-hours',
        params: { start: '22:00', end: '07:00' },
      },
    ],
  ])('%s', (_, mute, expected) => {
    expect(muteReason(mute, 'cpu', 'warning')).toEqual(expected);
  });
});

describe('AlertPolicy', () => {
  it('sends one FIRING per episode, reminders at repeatMinutes, and one RESOLVED', () => {
    const h = new Harness();
    const first = h.fire();
    expect(first.send.map((m) => m.kind)).toEqual(['firing']);
    h.now += 30 * MIN;
    expect(h.step().send).toEqual([]); // the cpu rule repeats every 60 min
    h.now += 30 * MIN;
    const r1 = h.step();
    expect(r1.send.map((m) => [m.kind, m.id])).toEqual([
      ['reminder', messageId('cpu', 'cpu.total', T0, 'reminder', 1)],
    ]);
    h.now += 1 * MIN;
    expect(h.step().send).toEqual([]);
    h.now += 59 * MIN;
    expect(h.step().send.map((m) => m.id)).toEqual([
      messageId('cpu', 'cpu.total', T0, 'reminder', 2),
    ]);
    const res = h.resolve();
    expect(res.send.map((m) => m.kind)).toEqual(['resolved']);
    expect(res.suppressed).toEqual([]);
    h.now += 120 * MIN;
    expect(h.step().send).toEqual([]); // episode over: no more reminders
  });

  it('sends no reminders when repeatMinutes is 0', () => {
    const h = new Harness();
    h.rules = DEFAULT_RULES.map((r) => (r.id === 'cpu' ? { ...r, repeatMinutes: 0 } : r));
    h.fire();
    h.now += 24 * 60 * MIN;
    expect(h.step().send).toEqual([]);
  });

  it('sends escalation as its own message and stays quiet on de-escalation', () => {
    const h = new Harness();
    h.fire('warning');
    h.now += 5 * MIN;
    h.firing = [firingState('critical')];
    const up = h.step([transition('escalated', h.now, 'critical', { previous: 'warning' })]);
    expect(up.send.map((m) => [m.kind, m.severity])).toEqual([['escalated', 'critical']]);
    h.now += 5 * MIN;
    h.firing = [firingState('warning')];
    const down = h.step([transition('deescalated', h.now, 'warning', { previous: 'critical' })]);
    expect(down).toEqual({ send: [], suppressed: [] });
    h.now += 60 * MIN;
    expect(h.step().send.map((m) => [m.kind, m.severity])).toEqual([['reminder', 'warning']]);
  });

  it('suppresses FIRING while snoozed and then the RESOLVED too, each with its reason', () => {
    const h = new Harness();
    h.snooze = { all: null, rules: { cpu: T0 + 60 * MIN } };
    const f = h.fire();
    expect(f.send).toEqual([]);
    expect(f.suppressed).toHaveLength(1);
    expect(f.suppressed[0]!.reason).toMatch(/rule cpu snoozed until/);
    expect(f.suppressed[0]).toMatchObject({
      code: 'snoozed-rule',
      params: { ruleId: 'cpu', until: T0 + 60 * MIN },
    });
    h.now += 10 * MIN;
    const r = h.resolve();
    expect(r.send).toEqual([]);
    expect(r.suppressed.map((s) => [s.message.kind, s.reason, s.code, s.params])).toEqual([
      [
        'resolved',
        expect.stringMatching(/its FIRING was not sent \(rule cpu snoozed/),
        'firing-not-sent',
        { inner: 'snoozed-rule', ruleId: 'cpu', until: T0 + 60 * MIN },
      ],
    ]);
  });

  it('a snooze of another rule does not hold this one; snooze-all does', () => {
    const h = new Harness();
    h.snooze = { all: null, rules: { memory: 'resolved' } };
    expect(h.fire().send).toHaveLength(1);
    const g = new Harness();
    g.snooze = { all: 'resolved', rules: {} };
    expect(g.fire().suppressed[0]).toMatchObject({
      reason: 'all alerts snoozed until they resolve',
      code: 'snoozed-all-resolved',
      params: {},
    });
  });

  it('sends the held FIRING when the snooze ends while the alert still fires, then RESOLVED', () => {
    const h = new Harness();
    h.snooze = { all: T0 + 30 * MIN, rules: {} };
    expect(h.fire().send).toEqual([]);
    h.now += 10 * MIN;
    expect(h.step()).toEqual({ send: [], suppressed: [] }); // reported once, not every tick
    h.now += 25 * MIN; // snooze over
    const late = h.step();
    expect(late.send.map((m) => [m.kind, m.id])).toEqual([
      ['firing', messageId('cpu', 'cpu.total', T0, 'firing', 0)],
    ]);
    h.now += MIN;
    expect(h.resolve().send.map((m) => m.kind)).toEqual(['resolved']);
  });

  it('maintenance holds everything until it expires', () => {
    const h = new Harness();
    h.maintenanceUntil = T0 + 15 * MIN;
    const f = h.fire('critical');
    expect(f.suppressed[0]!.reason).toMatch(/^maintenance until 2026-01-05T12:15/);
    expect(f.suppressed[0]).toMatchObject({
      code: 'maintenance',
      params: { until: T0 + 15 * MIN },
    });
    expect(muteReason({ ...h, now: T0 + 15 * MIN }, 'cpu', 'critical')).toBeNull();
  });

  it('quiet hours hold warnings but let critical through when allowed', () => {
    const h = new Harness();
    h.quietHours = { enabled: true, start: '22:00', end: '07:00', allowCritical: true };
    h.localMinutes = 23 * 60;
    expect(h.fire('warning').suppressed[0]).toMatchObject({
      reason: 'quiet hours (22:00–07:00)',
      code: 'quiet-hours',
      params: { start: '22:00', end: '07:00' },
    });
    h.now += MIN;
    h.firing = [firingState('critical')];
    const up = h.step([transition('escalated', h.now, 'critical')]);
    // The user never heard of it: the first message is a FIRING at critical.
    expect(up.send.map((m) => [m.kind, m.severity])).toEqual([['firing', 'critical']]);
    const strict = new Harness();
    strict.quietHours = { enabled: true, start: '22:00', end: '07:00', allowCritical: false };
    strict.localMinutes = 3 * 60;
    expect(strict.fire('critical').send).toEqual([]);
  });

  it('quiet-hour windows cross midnight and an equal start/end is empty', () => {
    const q = { enabled: true, start: '22:00', end: '07:00', allowCritical: false };
    expect(inQuietHours(q, 21 * 60 + 59)).toBe(false);
    expect(inQuietHours(q, 22 * 60)).toBe(true);
    expect(inQuietHours(q, 0)).toBe(true);
    expect(inQuietHours(q, 6 * 60 + 59)).toBe(true);
    expect(inQuietHours(q, 7 * 60)).toBe(false);
    expect(inQuietHours({ ...q, start: '09:00', end: '17:00' }, 12 * 60)).toBe(true);
    expect(inQuietHours({ ...q, start: '09:00', end: '17:00' }, 18 * 60)).toBe(false);
    expect(inQuietHours({ ...q, start: '09:00', end: '09:00' }, 9 * 60)).toBe(false);
    expect(inQuietHours({ ...q, enabled: false }, 23 * 60)).toBe(false);
  });

  it('a RESOLVED for an episode it never heard of is not invented', () => {
    const h = new Harness();
    expect(h.resolve()).toEqual({ send: [], suppressed: [] });
  });

  it('survives a restart: the RESOLVED goes out and ids are the same', () => {
    const h = new Harness();
    const fired = h.fire().send[0]!;
    const saved = JSON.parse(JSON.stringify(h.policy.serialize()));
    const after = new AlertPolicy();
    expect(after.restore(saved)).toBe(true);
    h.policy = after;
    h.now += 60 * MIN;
    const reminder = h.step().send[0]!;
    expect(reminder.id).toBe(messageId('cpu', 'cpu.total', fired.since, 'reminder', 1));
    h.now += MIN;
    expect(h.resolve().send.map((m) => m.kind)).toEqual(['resolved']);
  });

  it('a held FIRING keeps its coded reason across a restart, for the RESOLVED', () => {
    const h = new Harness();
    h.quietHours = { enabled: true, start: '22:00', end: '07:00', allowCritical: false };
    h.localMinutes = 23 * 60;
    expect(h.fire().send).toEqual([]);
    const after = new AlertPolicy();
    expect(after.restore(JSON.parse(JSON.stringify(h.policy.serialize())))).toBe(true);
    h.policy = after;
    h.now += MIN;
    expect(h.resolve().suppressed.map((s) => [s.reason, s.code, s.params])).toEqual([
      [
        'its FIRING was not sent (quiet hours (22:00–07:00))',
        'firing-not-sent',
        { inner: 'quiet-hours', start: '22:00', end: '07:00' },
      ],
    ]);
  });

  it('state saved before reasons had codes keeps its text and says "held back" as the code', () => {
    const h = new Harness();
    h.snooze = { all: 'resolved', rules: {} };
    h.fire();
    const saved = h.policy.serialize();
    const legacy = {
      ...saved,
      episodes: saved.episodes.map(({ heldCode: _c, heldParams: _p, ...e }) => e),
    };
    const after = new AlertPolicy();
    expect(after.restore(legacy)).toBe(true);
    h.policy = after;
    h.now += MIN;
    expect(h.resolve().suppressed.map((s) => [s.reason, s.code, s.params])).toEqual([
      [
        'its FIRING was not sent (all alerts snoozed until they resolve)',
        'firing-not-sent',
        { inner: 'held-back' },
      ],
    ]);
  });

  it('restore refuses garbage and starts empty', () => {
    const p = new AlertPolicy();
    expect(p.restore({ version: 1, episodes: [{ ruleId: 3 }] })).toBe(false);
    expect(p.restore('nope')).toBe(false);
    expect(p.serialize()).toEqual({ version: 1, episodes: [] });
  });

  it('adopts a firing alert it has no record of and tells the user once', () => {
    const h = new Harness();
    h.firing = [firingState('critical')];
    // adopted as "not yet told", so the reminder-due / not-sent row sends its FIRING
    expect(h.step().send.map((m) => [m.kind, m.severity])).toEqual([['firing', 'critical']]);
    expect(h.step().send).toEqual([]);
  });

  it('an alert absent from the firing set gets no reminders but still gets its RESOLVED', () => {
    const h = new Harness();
    h.fire();
    h.firing = []; // e.g. sampling paused: the rule engine reports nothing firing
    h.now += 3 * 60 * MIN;
    expect(h.step().send).toEqual([]);
    h.now += MIN;
    expect(h.resolve().send.map((m) => m.kind)).toEqual(['resolved']);
    const g = new Harness();
    g.fire();
    g.firing = [];
    g.step();
    g.now += 25 * 60 * MIN;
    g.step(); // forgotten after a day
    expect(g.policy.serialize().episodes).toEqual([]);
  });

  it('message ids depend only on rule, series, episode start, kind and n', () => {
    const id = messageId('disk', 'disk.used_pct{/var}', T0, 'reminder', 3);
    expect(id).toBe(messageId('disk', 'disk.used_pct{/var}', T0, 'reminder', 3));
    expect(id).not.toBe(messageId('disk', 'disk.used_pct{/}', T0, 'reminder', 3));
    expect(id).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('message ids name their host; the local host keeps the spelling saved outboxes hold', () => {
    const local = messageId('disk', 'disk.used_pct{/}', T0, 'firing', 0);
    expect(messageId('disk', 'disk.used_pct{/}', T0, 'firing', 0, 'local')).toBe(local);
    expect(local).toBe(`disk-${fnv1a('disk.used_pct{/}')}-${T0.toString(36)}-firing-0`);
    const remote = messageId('disk', 'disk.used_pct{/}', T0, 'firing', 0, 'web02:9477/x');
    expect(remote).not.toBe(local);
    expect(remote).not.toBe(messageId('disk', 'disk.used_pct{/}', T0, 'firing', 0, 'web03'));
    expect(remote).toMatch(/^[A-Za-z0-9._-]+$/);
  });
});

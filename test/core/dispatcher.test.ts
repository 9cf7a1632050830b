import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../main/core/dispatcher';
import type { PolicyInput } from '../../main/core/policy';
import type { EventSink, Transition } from '../../main/core/ports';
import { DEFAULT_RULES } from '../../main/shared/settings';
import { ManualClock } from './engine-fakes';

type Emitted = Parameters<EventSink['emit']>[0];

function rig() {
  const clock = new ManualClock();
  const events: Emitted[] = [];
  const dispatcher = new Dispatcher({
    clock,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    events: {
      emit: (e) => {
        events.push(e);
        return { id: String(events.length), time: clock.now(), ...e, host: e.host ?? 'local' };
      },
    },
    enabled: () => true,
    context: () => ({
      hostname: 'web01',
      dashboardUrl: '',
      language: 'en',
      processes: null,
      createdAt: clock.now(),
    }),
    persist: () => {},
  });
  return { clock, events, dispatcher };
}

function input(
  now: number,
  kind: Transition['kind'],
  over: Partial<PolicyInput> = {},
): PolicyInput {
  const t: Transition = {
    kind,
    ruleId: 'cpu',
    series: 'cpu.total',
    metric: 'cpu.total',
    severity: 'warning',
    previous: null,
    value: kind === 'resolved' ? 40 : 88,
    threshold: kind === 'resolved' ? 75 : 85,
    since: now,
    at: now,
  };
  return {
    now,
    transitions: [t],
    firing: [],
    rules: DEFAULT_RULES,
    snooze: { all: null, rules: {} },
    maintenanceUntil: null,
    quietHours: { enabled: true, start: '22:00', end: '07:00', allowCritical: false },
    localMinutes: 23 * 60,
    ...over,
  };
}

describe('Dispatcher', () => {
  it('logs each held-back message with its English reason and the same reason as a code', () => {
    const { clock, events, dispatcher } = rig();
    const until = clock.now() + 3_600_000;
    dispatcher.decide(
      input(clock.now(), 'firing', { snooze: { all: null, rules: { cpu: until } } }),
    );
    dispatcher.decide(input(clock.now() + 60_000, 'resolved'));
    expect(events.map((e) => [e.kind, e.reason, e.reasonCode, e.reasonParams])).toEqual([
      [
        'suppressed',
        `rule cpu snoozed until ${new Date(until).toISOString()}`,
        'snoozed-rule',
        { ruleId: 'cpu', until },
      ],
      [
        'suppressed',
        `its FIRING was not sent (rule cpu snoozed until ${new Date(until).toISOString()})`,
        'firing-not-sent',
        { inner: 'snoozed-rule', ruleId: 'cpu', until },
      ],
    ]);
  });
});

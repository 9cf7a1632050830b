/**
 * Past events for the README screenshots, made by replaying the seeded samples through the real
 * rule engine, alert policy and grouper (as `main/core/engine.ts` does each tick) and written
 * with the real event log: FIRING / ESCALATED / RESOLVED transitions, the alert emails that went
 * out ("delivered"), the ones a snooze held back ("suppressed"), and the system events of the
 * story (monitoring started, a snooze, the stop and start around a reboot).
 */
import { randomUUID } from 'node:crypto';
import { createEventLog } from '../../main/adapters/event-log';
import { renderSubject } from '../../main/core/email-text';
import { Grouper } from '../../main/core/grouping';
import { AlertPolicy } from '../../main/core/policy';
import type { AlertMessage, Transition } from '../../main/core/ports';
import { RuleEngine } from '../../main/core/rules';
import type { EventRecord, SnoozeState } from '../../main/shared/contract';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import type { SeedIncidents, SeedSample } from './seed-history';

/** A snooze the operator set in the past. */
export interface PastSnooze {
  readonly ruleId: string;
  readonly at: number;
  readonly until: number;
}

/** Options of {@link createEventReplay}. */
export interface EventReplayOptions {
  /** Host name in the email subjects. */
  readonly hostname: string;
  /** Time SMTP takes to accept a message. */
  readonly deliveryMs?: number;
}

/** Collects events while samples are replayed; {@link EventReplay.write} stores them. */
export interface EventReplay {
  /** Feed every seeded sample, in order (pass as `seedHistory`'s `onSample`). */
  sample(s: SeedSample, incidents: SeedIncidents): void;
  /** The events so far, oldest first. */
  events(): readonly EventRecord[];
  /** Appends the events to `<dataDir>/events.jsonl`. */
  write(dataDir: string): void;
}

/** Replays samples through the real rules and policy; the story's snooze covers the batch job. */
export function createEventReplay(options: EventReplayOptions): EventReplay {
  const { rules: ruleList, notifications, smtp, general } = DEFAULT_SETTINGS;
  // The seeded week is sampled every 10 s: a gap is a step of more than 3 samples.
  const rules = new RuleEngine(ruleList, { gapMs: 30_000 });
  const policy = new AlertPolicy();
  const grouper = new Grouper(notifications.groupWindowSeconds * 1000);
  const deliveryMs = options.deliveryMs ?? 1_400;
  const out: EventRecord[] = [];
  type SystemCode = 'started' | 'stopped' | 'snoozed';
  const system: { at: number; code: SystemCode; params?: Record<string, string> }[] = [];
  let snooze: PastSnooze | null = null;
  /** The story's operator actions and reboot, known once the first sample brings the incidents. */
  const begin = (first: SeedSample, incidents: SeedIncidents) => {
    // The operator started the batch job on purpose and snoozed CPU alerts for an hour.
    snooze = {
      ruleId: 'cpu',
      at: incidents.batchJobAt + 100_000,
      until: incidents.batchJobAt + 100_000 + 3_600_000,
    };
    system.push(
      { at: first.time - 5_000, code: 'started' },
      { at: snooze.at, code: 'snoozed', params: { target: snooze.ruleId, duration: '1h' } },
    );
    if (incidents.bootAt !== null) {
      system.push(
        { at: incidents.bootAt - 82_000, code: 'stopped' },
        { at: incidents.bootAt + 19_000, code: 'started' },
      );
    }
  };

  const emit = (e: Omit<EventRecord, 'id' | 'host'>) =>
    out.push({ ...e, id: randomUUID(), host: 'local' });
  const systemMessage = {
    started: 'Monitoring started',
    stopped: 'Monitoring stopped',
    snoozed: 'Notifications snoozed',
  };
  const transitionEvent = (t: Transition) => {
    const words = {
      firing: 'FIRING',
      escalated: 'ESCALATED',
      deescalated: 'DE-ESCALATED',
      resolved: 'RESOLVED',
    }[t.kind];
    emit({
      kind: t.kind,
      severity: t.kind === 'resolved' ? 'info' : t.severity,
      ruleId: t.ruleId,
      series: t.series,
      metric: t.metric,
      ...(t.value !== null ? { value: t.value } : {}),
      threshold: t.threshold,
      message: `${words} ${t.severity.toUpperCase()} ${t.series}: ${t.value ?? 'n/a'} (threshold ${t.threshold})`,
      time: t.at,
    });
  };
  const deliver = (batch: AlertMessage[], now: number) => {
    const context = {
      hostname: options.hostname,
      dashboardUrl: general.dashboardUrl,
      language: general.language,
      processes: null,
      createdAt: now,
    };
    const subject = renderSubject({ id: 'seed', messages: batch, context }, smtp.subjectPrefix);
    const ruleIds = new Set(batch.map((m) => m.ruleId));
    // As the outbox logs a delivery: the rule only when the email is about one rule.
    emit({
      kind: 'delivered',
      severity: 'info',
      channel: 'email',
      ...(ruleIds.size === 1 ? { ruleId: batch[0]!.ruleId } : {}),
      message: `Email delivered to 1 recipient(s): ${subject}`,
      time: now + deliveryMs,
    });
  };

  return {
    sample(s, incidents) {
      const now = s.time;
      if (snooze === null) begin(s, incidents);
      while (system.length > 0 && system[0]!.at <= now) {
        const e = system.shift()!;
        emit({
          kind: 'system',
          code: e.code,
          severity: 'info',
          message: systemMessage[e.code],
          time: e.at,
          ...(e.params ? { params: e.params } : {}),
        });
      }
      const transitions = rules.evaluate({ mono: now, time: now, values: s.values });
      for (const t of transitions) transitionEvent(t);
      const state: SnoozeState = {
        all: null,
        rules:
          snooze && now >= snooze.at && now < snooze.until ? { [snooze.ruleId]: snooze.until } : {},
      };
      const decision = policy.decide({
        now,
        transitions,
        firing: rules.states().filter((a) => a.state === 'firing'),
        rules: ruleList,
        snooze: state,
        maintenanceUntil: null,
        quietHours: notifications.quietHours,
        localMinutes: new Date(now).getHours() * 60 + new Date(now).getMinutes(),
      });
      for (const { message: m, reason } of decision.suppressed) {
        emit({
          kind: 'suppressed',
          severity: m.kind === 'resolved' ? 'info' : m.severity,
          ruleId: m.ruleId,
          series: m.series,
          metric: m.metric,
          ...(m.value !== null ? { value: m.value } : {}),
          message: `${m.kind.toUpperCase()} ${m.series} not sent`,
          reason,
          time: now,
        });
      }
      if (decision.send.length > 0) grouper.add(decision.send, now);
      for (const batch of grouper.due(now)) deliver(batch, now);
    },
    events: () => [...out].sort((a, b) => a.time - b.time),
    write(dataDir) {
      const log = createEventLog({ dir: dataDir });
      for (const e of [...out].sort((a, b) => a.time - b.time)) log.append(e);
    },
  };
}

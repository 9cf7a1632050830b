/**
 * The acknowledge / unacknowledge command: checks that the instance exists and fires, changes
 * the acknowledgements and says what happened as an event. Pure; the engine supplies the state.
 */
import type { AckSource, AlertState, Result } from '../shared/contract';
import { escapeControl } from '../shared/sanitize';
import type { AlertInstance } from '../shared/alert-instance';
import type { Acknowledgements } from './acks';
import type { NewEventRecord } from './ports';

/** The command's answer: the instance's state and, when something changed, the event to record. */
export type AckOutcome =
  | { readonly ok: true; readonly value: AlertState; readonly event?: NewEventRecord }
  | Extract<Result<never>, { ok: false }>;

/** What {@link acknowledgeCommand} needs. */
export interface AckCommandInput {
  readonly instance: Pick<AlertInstance, 'ruleId' | 'series'>;
  readonly note: string | undefined;
  readonly by: AckSource;
  readonly take: 'set' | 'clear';
  readonly now: number;
  /** The rule instances now (pending and firing). */
  readonly alerts: readonly AlertState[];
  readonly ruleIds: readonly string[];
  readonly acks: Acknowledgements;
}

/** Acknowledges or takes back; refuses in words an unknown rule or an instance not firing. */
export function acknowledgeCommand(input: AckCommandInput): AckOutcome {
  const { ruleId, series } = input.instance;
  if (!input.ruleIds.includes(ruleId)) {
    const known = input.ruleIds.length ? input.ruleIds.join(', ') : '(none)';
    return invalid('ruleId', `No rule "${ruleId}"; the rules are ${known}`);
  }
  const alert = input.alerts.find((a) => a.ruleId === ruleId && a.series === series);
  if (!alert || alert.state !== 'firing') {
    const firing = input.alerts
      .filter((a) => a.state === 'firing' && a.ruleId === ruleId)
      .map((a) => `"${a.series}"`);
    const what = alert ? 'is pending, not firing yet' : 'is not firing';
    const hint = firing.length
      ? `; rule ${ruleId} fires on ${firing.join(', ')}`
      : `; rule ${ruleId} fires on no series now`;
    const message = `Rule ${ruleId} on "${series}" ${what}: only a firing alert can be acknowledged${hint}`;
    if (input.take === 'clear' && !alert) {
      // Taking back an acknowledgement of an alert that already resolved: it ended by itself.
      input.acks.clear(input.instance);
    }
    return {
      ok: false,
      error: { code: 'not-found', message, fields: [{ path: 'series', message }] },
    };
  }
  if (input.take === 'clear') {
    const had = input.acks.clear(input.instance);
    const { acknowledged: _gone, ...rest } = alert;
    void _gone;
    if (!had) return { ok: true, value: rest };
    return {
      ok: true,
      value: rest,
      event: {
        kind: 'system',
        code: 'unacknowledged',
        params: { by: input.by },
        severity: 'info',
        ruleId,
        series,
        metric: alert.metric,
        message: `Acknowledgement of ${ruleId} on ${series} taken back (${input.by})`,
      },
    };
  }
  // A note is shown in the tray, logs and the terminal: control characters are made visible.
  const note = escapeControl(input.note?.trim() ?? '');
  const ack = { time: input.now, ...(note ? { note } : {}), by: input.by };
  input.acks.set(input.instance, ack);
  return {
    ok: true,
    value: { ...alert, acknowledged: ack },
    event: {
      kind: 'system',
      code: 'acknowledged',
      params: { by: input.by, ...(note ? { note } : {}) },
      severity: 'info',
      ruleId,
      series,
      metric: alert.metric,
      message: `Acknowledged ${ruleId} on ${series} (${input.by})${note ? `: ${note}` : ''}`,
    },
  };
}

function invalid(path: string, message: string): AckOutcome {
  return { ok: false, error: { code: 'invalid', message, fields: [{ path, message }] } };
}

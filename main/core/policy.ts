/**
 * The alert policy: turns rule transitions into messages. One FIRING per episode, reminders at
 * the rule's repeat interval, an ESCALATED message for warning → critical, and one RESOLVED only
 * when that episode's FIRING went out. Snooze, maintenance and quiet hours hold messages back,
 * and every held-back message is returned with its reason (nothing is dropped silently). An
 * acknowledged instance gets no reminders, but its ESCALATED and RESOLVED still go out (a
 * silence that also swallows those is the trap of prometheus/alertmanager#3664).
 *
 * Pure: time comes in with each call; state survives restarts through serialize()/restore().
 */
import { z } from 'zod';
import type {
  Acknowledgement,
  AlertState,
  ReasonCode,
  ReasonParams,
  Severity,
  SnoozeState,
} from '../shared/contract';
import { instanceKey, type AlertInstance } from '../shared/alert-instance';
import { LOCAL_HOST_ID, type HostId } from '../shared/contract';
import type { SeriesKey } from '../shared/metrics';
import { METRICS, type MetricName } from '../shared/metrics';
import type { Rule, Settings } from '../shared/settings';
import type { AlertMessage, Transition } from './ports';

/** What {@link AlertPolicy.decide} needs each tick. */
export interface PolicyInput {
  readonly now: number;
  readonly transitions: readonly Transition[];
  /** Rule instances currently firing (after the transitions). */
  readonly firing: readonly AlertState[];
  readonly rules: readonly Rule[];
  readonly snooze: SnoozeState;
  readonly maintenanceUntil: number | null;
  readonly quietHours: Settings['notifications']['quietHours'];
  /** Minutes since local midnight, for quiet hours. */
  readonly localMinutes: number;
  /** The instance's acknowledgement, if a user acknowledged it (acks.ts); none when absent. */
  readonly acknowledged?: (instance: AlertInstance) => Acknowledgement | undefined;
}

/**
 * Why messages are held back: the English text for logs and API readers, and the same reason as
 * a code with params for UIs (see {@link ReasonCode} for each code's params).
 */
export interface Reason {
  readonly text: string;
  readonly code: ReasonCode;
  readonly params: ReasonParams;
}

/** A message held back: `reason` is the English text; `code` and `params` say it structurally. */
export interface Suppressed {
  readonly message: AlertMessage;
  readonly reason: string;
  readonly code: ReasonCode;
  readonly params: ReasonParams;
}

/** What the policy decided: messages to send and messages held back with the reason. */
export interface PolicyDecision {
  readonly send: AlertMessage[];
  readonly suppressed: Suppressed[];
}

/** The reason of a FIRING held back for a cause no longer known. */
export const HELD_BACK: Reason = { text: 'it was held back', code: 'held-back', params: {} };

/** The reason of a RESOLVED whose FIRING was held back for `inner`. */
export function firingNotSent(inner: Reason): Reason {
  return {
    text: `its FIRING was not sent (${inner.text})`,
    code: 'firing-not-sent',
    params: { inner: inner.code, ...inner.params },
  };
}

/** What happened that might deserve a message. */
export type Occasion = 'firing' | 'escalated' | 'deescalated' | 'reminder-due' | 'resolved';

/** The verdict of {@link worthAMessage}. */
export type Verdict =
  | { readonly action: 'send'; readonly kind: AlertMessage['kind'] }
  | { readonly action: 'suppress'; readonly kind: AlertMessage['kind']; readonly reason: Reason }
  | { readonly action: 'nothing' };

/**
 * Is this worth a message? The one place the policy decides. `firingSent` says whether the
 * episode's FIRING reached the user; `mute` is why messages are held back right now (snooze,
 * maintenance, quiet hours) or null; `ack` is the instance's acknowledgement reason or null
 * (it holds back reminders only).
 *
 * | occasion     | firingSent | mute | verdict                                                      |
 * |--------------|------------|------|--------------------------------------------------------------|
 * | firing       | –          | no   | send FIRING                                                  |
 * | firing       | –          | yes  | suppress FIRING (mute reason)                                |
 * | escalated    | yes        | no   | send ESCALATED                                               |
 * | escalated    | yes        | yes  | suppress ESCALATED (mute reason)                             |
 * | escalated    | no         | no   | send FIRING (first word the user gets, at the new severity)  |
 * | escalated    | no         | yes  | suppress FIRING (mute reason)                                |
 * | deescalated  | any        | any  | nothing: still firing; the next reminder or RESOLVED carries  |
 * |              |            |      | the lower severity, and the engine logs the transition       |
 * | reminder-due | yes, acked | any  | suppress REMINDER (`acknowledged`): the user knows already   |
 * | reminder-due | yes        | no   | send REMINDER                                                |
 * | reminder-due | yes        | yes  | suppress REMINDER (mute reason)                              |
 * | reminder-due | no         | no   | send FIRING (the mute ended while it still fires)            |
 * | reminder-due | no         | yes  | nothing (its suppression was already reported once)          |
 * | resolved     | yes        | no   | send RESOLVED                                                |
 * | resolved     | yes        | yes  | suppress RESOLVED (mute reason)                              |
 * | resolved     | no         | any  | suppress RESOLVED (`firing-not-sent`, the held reason inner) |
 *
 * An acknowledgement changes only the row marked "acked": escalated and resolved ignore it, and
 * a FIRING that never went out still goes out (others on the mailing list were not told).
 */
export function worthAMessage(
  occasion: Occasion,
  firingSent: boolean,
  mute: Reason | null,
  firingHeldBecause: Reason = HELD_BACK,
  ack: Reason | null = null,
): Verdict {
  switch (occasion) {
    case 'firing':
      return mute
        ? { action: 'suppress', kind: 'firing', reason: mute }
        : { action: 'send', kind: 'firing' };
    case 'escalated': {
      const kind = firingSent ? 'escalated' : 'firing';
      return mute ? { action: 'suppress', kind, reason: mute } : { action: 'send', kind };
    }
    case 'deescalated':
      return { action: 'nothing' };
    case 'reminder-due':
      if (!firingSent) return mute ? { action: 'nothing' } : { action: 'send', kind: 'firing' };
      if (ack) return { action: 'suppress', kind: 'reminder', reason: ack };
      return mute
        ? { action: 'suppress', kind: 'reminder', reason: mute }
        : { action: 'send', kind: 'reminder' };
    case 'resolved':
      if (!firingSent) {
        return { action: 'suppress', kind: 'resolved', reason: firingNotSent(firingHeldBecause) };
      }
      return mute
        ? { action: 'suppress', kind: 'resolved', reason: mute }
        : { action: 'send', kind: 'resolved' };
  }
}

/** Whether `minutes` (since local midnight) falls in a quiet window; windows may cross midnight. */
export function inQuietHours(
  quiet: Settings['notifications']['quietHours'],
  minutes: number,
): boolean {
  if (!quiet.enabled) return false;
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  // start === end is an empty window, not a whole day: a whole-day mute is what snooze is for.
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** 32-bit FNV-1a as 8 hex digits: short, stable names for series in ids. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The id of a message, from (host, rule, series, episode start, kind, n) only, so a restart can
 * never mint a different id for the same message. Safe for file names and Message-ID headers.
 * The local host's ids keep the spelling they had before hosts existed, so messages already in
 * an outbox or the saved policy state are still recognised after an upgrade; any other host's
 * ids start with a hash of its id (host ids may hold characters unsafe in file names).
 */
export function messageId(
  ruleId: string,
  series: SeriesKey,
  start: number,
  kind: AlertMessage['kind'],
  n: number,
  host: HostId = LOCAL_HOST_ID,
): string {
  const id = `${ruleId}-${fnv1a(series)}-${start.toString(36)}-${kind}-${n}`;
  return host === LOCAL_HOST_ID ? id : `h${fnv1a(host)}-${id}`;
}

/** How long an episode absent from the firing set is remembered. */
const MISSING_FORGET_MS = 24 * 3_600_000;

/** The codes {@link muteReason} gives (the only ones a held FIRING can carry). */
const MUTE_CODES = [
  'maintenance',
  'snoozed-rule-resolved',
  'snoozed-rule',
  'snoozed-all-resolved',
  'snoozed-all',
  'quiet-hours',
] as const satisfies readonly ReasonCode[];

const metricName = z.string().refine((m): m is MetricName => m in METRICS);

const episodeSchema = z.object({
  ruleId: z.string(),
  series: z.string(),
  metric: metricName,
  target: z.string().optional(),
  start: z.number(),
  severity: z.enum(['warning', 'critical']),
  value: z.number().nullable(),
  threshold: z.number(),
  firingSent: z.boolean(),
  /** Why the FIRING was held back, for the RESOLVED's reason (English text). */
  heldBecause: z.string().optional(),
  /** The same as a mute code and params; absent in state saved before reasons had codes. */
  heldCode: z.enum(MUTE_CODES).optional(),
  heldParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Last time a message for this episode was sent or reported as suppressed (reminder clock). */
  lastNoticeAt: z.number(),
  reminders: z.number().int(),
  escalations: z.number().int(),
  /** Set while the instance is absent from the firing set (no reminders then). */
  missingSince: z.number().optional(),
});

type Episode = z.infer<typeof episodeSchema>;

/** The persisted form of the policy. */
export const policyStateSchema = z.object({
  version: z.literal(1),
  episodes: z.array(episodeSchema),
});

/** The persisted form of the policy. */
export type PolicyState = z.infer<typeof policyStateSchema>;

/** The alert policy. See the module comment and {@link worthAMessage}. */
export class AlertPolicy {
  /** @param host - the host whose alerts this policy decides on; part of every message id. */
  constructor(private readonly host: HostId = LOCAL_HOST_ID) {}

  /** Live episodes by {@link instanceKey} (one episode per series at a time). */
  private episodes = new Map<string, Episode>();

  /** Turns this tick's transitions and the firing set into messages to send or hold back. */
  decide(input: PolicyInput): PolicyDecision {
    const out: PolicyDecision = { send: [], suppressed: [] };
    const touched = new Set<string>();
    for (const t of input.transitions) {
      const key = instanceKey(t);
      touched.add(key);
      this.onTransition(t, key, input, out);
    }
    this.reconcile(input, touched);
    for (const [key, ep] of this.episodes) {
      if (touched.has(key)) continue;
      this.onTick(ep, input, out);
    }
    return out;
  }

  /** A JSON-safe copy of the state, for persistence. */
  serialize(): PolicyState {
    return { version: 1, episodes: [...this.episodes.values()].map((e) => ({ ...e })) };
  }

  /** Restores state from {@link serialize}; returns false (and keeps an empty state) if invalid. */
  restore(raw: unknown): boolean {
    const parsed = policyStateSchema.safeParse(raw);
    this.episodes = new Map();
    if (!parsed.success) return false;
    for (const e of parsed.data.episodes) this.episodes.set(instanceKey(e), e);
    return true;
  }

  private onTransition(t: Transition, key: string, input: PolicyInput, out: PolicyDecision): void {
    let ep = this.episodes.get(key);
    if (t.kind === 'firing' || !ep) {
      if (t.kind === 'resolved' && !ep) return; // never heard of it: nothing was sent, nothing to close
      ep = {
        ruleId: t.ruleId,
        series: t.series,
        metric: t.metric,
        ...(t.target !== undefined ? { target: t.target } : {}),
        start: t.since,
        severity: t.severity,
        value: t.value,
        threshold: t.threshold,
        firingSent: false,
        lastNoticeAt: input.now,
        reminders: 0,
        escalations: 0,
      };
      this.episodes.set(key, ep);
    }
    ep.severity = t.severity;
    ep.value = t.value;
    if (t.kind !== 'resolved') ep.threshold = t.threshold;
    const occasion: Occasion = t.kind === 'firing' ? 'firing' : t.kind;
    const mute = muteReason(input, t.ruleId, t.severity);
    const verdict = worthAMessage(occasion, ep.firingSent, mute, heldReason(ep));
    if (t.kind === 'resolved') this.episodes.delete(key);
    this.apply(verdict, ep, t, input, out);
  }

  /** Adopts firing instances the policy never saw (e.g. state lost) and forgets vanished ones. */
  private reconcile(input: PolicyInput, touched: Set<string>): void {
    const live = new Set<string>();
    for (const a of input.firing) {
      const key = instanceKey(a);
      live.add(key);
      const ep = this.episodes.get(key);
      if (ep) {
        delete ep.missingSince;
        ep.value = a.value;
        ep.severity = a.severity;
        continue;
      }
      if (touched.has(key)) continue;
      // Unknown but firing: treat as not yet told, so the next tick's row "reminder-due, not sent"
      // sends its FIRING (or keeps it held while muted).
      this.episodes.set(key, {
        ruleId: a.ruleId,
        series: a.series,
        metric: a.metric,
        ...(a.target !== undefined ? { target: a.target } : {}),
        start: a.since,
        severity: a.severity,
        value: a.value,
        threshold: a.threshold,
        firingSent: false,
        lastNoticeAt: input.now,
        reminders: 0,
        escalations: 0,
      });
    }
    for (const [key, ep] of [...this.episodes]) {
      if (live.has(key) || touched.has(key)) continue;
      // Absent without a resolved transition (rule disabled, sampling paused): no reminders, but
      // kept a while so a late RESOLVED still closes a FIRING that went out; then forgotten.
      ep.missingSince ??= input.now;
      if (input.now - ep.missingSince > MISSING_FORGET_MS) this.episodes.delete(key);
    }
  }

  private onTick(ep: Episode, input: PolicyInput, out: PolicyDecision): void {
    if (ep.missingSince !== undefined) return;
    let due: boolean;
    if (!ep.firingSent) {
      due = true; // a held FIRING goes out as soon as nothing mutes it
    } else {
      const rule = input.rules.find((r) => r.id === ep.ruleId);
      const repeatMs = (rule?.repeatMinutes ?? 0) * 60_000;
      due = repeatMs > 0 && input.now - ep.lastNoticeAt >= repeatMs;
    }
    if (!due) return;
    const mute = muteReason(input, ep.ruleId, ep.severity);
    const ack = ackReason(input.acknowledged?.(ep));
    const verdict = worthAMessage('reminder-due', ep.firingSent, mute, heldReason(ep), ack);
    this.apply(verdict, ep, null, input, out);
  }

  private apply(
    verdict: Verdict,
    ep: Episode,
    t: Transition | null,
    input: PolicyInput,
    out: PolicyDecision,
  ): void {
    if (verdict.action === 'nothing') return;
    const kind = verdict.kind;
    const n =
      kind === 'reminder' ? ep.reminders + 1 : kind === 'escalated' ? ep.escalations + 1 : 0;
    const message: AlertMessage = {
      id: messageId(ep.ruleId, ep.series, ep.start, kind, n, this.host),
      kind,
      ruleId: ep.ruleId,
      series: ep.series,
      metric: ep.metric,
      ...(ep.target !== undefined ? { target: ep.target } : {}),
      severity: t?.severity ?? ep.severity,
      value: t?.value ?? ep.value,
      threshold: t?.threshold ?? ep.threshold,
      since: ep.start,
      at: t?.at ?? input.now,
    };
    if (kind === 'reminder') ep.reminders = n;
    if (kind === 'escalated') ep.escalations = n;
    ep.lastNoticeAt = input.now;
    if (verdict.action === 'send') {
      if (kind === 'firing') {
        ep.firingSent = true;
        delete ep.heldBecause;
        delete ep.heldCode;
        delete ep.heldParams;
      }
      out.send.push(message);
    } else {
      const { text, code, params } = verdict.reason;
      if (kind === 'firing') {
        ep.heldBecause = text;
        const mute = MUTE_CODES.find((c) => c === code);
        if (mute) {
          ep.heldCode = mute;
          ep.heldParams = { ...params };
        }
      }
      out.suppressed.push({ message, reason: text, code, params });
    }
  }
}

/** The reason reminders are held back for an acknowledged instance, or null. */
export function ackReason(ack: Acknowledgement | undefined): Reason | null {
  if (!ack) return null;
  return {
    text: `acknowledged (by ${ack.by} at ${new Date(ack.time).toISOString()})`,
    code: 'acknowledged',
    params: { by: ack.by, time: ack.time },
  };
}

/** The reason a FIRING was held back, as the episode remembers it. */
function heldReason(ep: Episode): Reason | undefined {
  if (ep.heldBecause === undefined) return undefined;
  // State saved before reasons had codes keeps its text; the UI then says only "held back".
  if (ep.heldCode === undefined) return { ...HELD_BACK, text: ep.heldBecause };
  return { text: ep.heldBecause, code: ep.heldCode, params: ep.heldParams ?? {} };
}

/** Why messages for this rule and severity are held back now, or null. */
export function muteReason(
  input: Pick<PolicyInput, 'now' | 'snooze' | 'maintenanceUntil' | 'quietHours' | 'localMinutes'>,
  ruleId: string,
  severity: Severity,
): Reason | null {
  const { now, snooze } = input;
  const iso = (ms: number) => new Date(ms).toISOString();
  if (input.maintenanceUntil !== null && input.maintenanceUntil > now) {
    const until = input.maintenanceUntil;
    return { text: `maintenance until ${iso(until)}`, code: 'maintenance', params: { until } };
  }
  const one = snooze.rules[ruleId];
  if (one === 'resolved') {
    return {
      text: `rule ${ruleId} snoozed until it resolves`,
      code: 'snoozed-rule-resolved',
      params: { ruleId },
    };
  }
  if (typeof one === 'number' && one > now) {
    return {
      text: `rule ${ruleId} snoozed until ${iso(one)}`,
      code: 'snoozed-rule',
      params: { ruleId, until: one },
    };
  }
  if (snooze.all === 'resolved') {
    return {
      text: 'all alerts snoozed until they resolve',
      code: 'snoozed-all-resolved',
      params: {},
    };
  }
  if (typeof snooze.all === 'number' && snooze.all > now) {
    const until = snooze.all;
    return {
      text: `all alerts snoozed until ${iso(until)}`,
      code: 'snoozed-all',
      params: { until },
    };
  }
  if (inQuietHours(input.quietHours, input.localMinutes)) {
    if (severity === 'critical' && input.quietHours.allowCritical) return null;
    const { start, end } = input.quietHours;
    return { text: `quiet hours (${start}–${end})`, code: 'quiet-hours', params: { start, end } };
  }
  return null;
}

/**
 * Event sentences in the UI language, built from an event's fields: alert transitions from their
 * kind and values, system events from `code` + `params`, and held-back or failure reasons from
 * `reasonCode` + `reasonParams`. Events logged before reasons had codes (older events.jsonl
 * lines) have their English reason parsed instead (main/core/policy.ts `muteReason` and
 * `worthAMessage`, the email channel). Anything not recognised is shown as it came.
 */
import type { EventRecord, ReasonCode, ReasonParams } from '../../main/shared/contract';
import { seriesKey } from '../../main/shared/metrics';
import { DICTIONARIES, type I18n, type MessageKey } from '../i18n';

function known(key: string): key is MessageKey {
  return key in DICTIONARIES.en;
}

/** The sentence of a system event from its code and params; null for an unknown code or params. */
export function describeSystemEvent(i18n: I18n, e: EventRecord): string | null {
  const { t } = i18n;
  const p = e.params ?? {};
  const target = (): string | null =>
    p.target === '*'
      ? t('system.allRules')
      : typeof p.target === 'string' && p.target !== ''
        ? t('system.rule', { rule: p.target })
        : null;
  switch (e.code) {
    case 'started':
      return t('system.started');
    case 'stopped':
      return t('system.stopped');
    case 'paused':
      return t('system.paused');
    case 'resumed':
      return t('system.resumed');
    case 'settings-saved':
      return t('system.settingsSaved');
    case 'maintenance-ended':
      return t('system.maintenanceEnded');
    case 'maintenance-started': {
      const minutes = Number(p.minutes);
      if (!Number.isInteger(minutes) || minutes <= 0) return null;
      return t('system.maintenanceStarted', { duration: t('unit.minutes', { n: minutes }) });
    }
    case 'snoozed': {
      const who = target();
      if (!who) return null;
      if (p.duration === 'resolved') return t('system.snoozedResolved', { target: who });
      if (p.duration === '1h' || p.duration === '4h' || p.duration === '8h') {
        return t('system.snoozed', { target: who, duration: t(`settings.snooze.${p.duration}`) });
      }
      return null;
    }
    case 'snooze-ended': {
      const who = target();
      return who ? t('system.snoozeEnded', { target: who }) : null;
    }
    case 'acknowledged':
    case 'unacknowledged': {
      // Who or what acknowledged: the tray, a notification, the dashboard or the API.
      const byKey = `ack.by.${String(p.by)}`;
      const by = known(byKey) ? t(byKey) : String(p.by ?? '');
      const alert = e.series ? i18n.seriesLabel(e.series) : (e.ruleId ?? '');
      const note = typeof p.note === 'string' && p.note !== '' ? p.note : null;
      if (e.code === 'unacknowledged') return t('system.unacknowledged', { alert, by });
      return note
        ? t('system.acknowledgedNote', { alert, by, note })
        : t('system.acknowledged', { alert, by });
    }
    case 'cpu-throttled':
    case 'cpu-restored': {
      const { meanPercent: mean, budgetPercent: budget, minutes } = p;
      if (typeof mean !== 'number' || typeof budget !== 'number' || typeof minutes !== 'number')
        return null;
      const key = e.code === 'cpu-throttled' ? 'system.cpuThrottled' : 'system.cpuRestored';
      return t(key, { mean, budget, minutes });
    }
    default:
      // No code (an older engine) or one this UI does not know yet (a newer engine).
      return null;
  }
}

/** The localized sentence for an event, built from its fields (the English message as fallback). */
export function describeEvent(i18n: I18n, e: EventRecord): string {
  const { t } = i18n;
  if (e.kind === 'system') return describeSystemEvent(i18n, e) ?? e.message;
  if (e.code === 'test-email' && (e.kind === 'delivered' || e.kind === 'delivery-failed')) {
    const to = typeof e.params?.to === 'string' && e.params.to !== '' ? e.params.to : null;
    return t(e.kind === 'delivered' ? 'event.testEmailSent' : 'event.testEmailFailed', {
      to: to ?? t('event.noRecipient'),
    });
  }
  const kindKey = `event.${e.kind}`;
  if (!known(kindKey)) return e.message;
  const series = e.series ?? (e.metric ? seriesKey(e.metric) : undefined);
  const metric = series ? i18n.seriesLabel(series) : t('event.noMetric');
  const fmt = (v: number | undefined) =>
    series ? i18n.formatSeries(series, v) : v === undefined ? '—' : String(v);
  const channelKey = `channel.${e.channel ?? ''}`;
  const channel = known(channelKey) ? t(channelKey) : (e.channel ?? t('event.someChannel'));
  return t(kindKey, {
    metric,
    value: fmt(e.value),
    threshold: fmt(e.threshold),
    severity: t(`severity.${e.severity}`),
    channel,
  });
}

/** A reason string the UI understands. */
export type ParsedReason =
  /** A one-word reason with its own dictionary entry (`reason.<word>`). */
  | { readonly kind: 'word'; readonly key: MessageKey }
  | { readonly kind: 'maintenance'; readonly until: number }
  | { readonly kind: 'rule-snoozed'; readonly rule: string; readonly until: number | 'resolved' }
  | { readonly kind: 'all-snoozed'; readonly until: number | 'resolved' }
  | { readonly kind: 'quiet-hours'; readonly start: string; readonly end: string }
  /** A RESOLVED held back because its FIRING never went out; `why` as parsed, or raw text. */
  | { readonly kind: 'firing-not-sent'; readonly why: ParsedReason | string }
  | { readonly kind: 'held-back' }
  | { readonly kind: 'email-not-set-up' };

// Date#toISOString, as muteReason writes its times.
const ISO = String.raw`(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)`;
const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => ParsedReason | null][] = [
  [
    new RegExp(`^maintenance until ${ISO}$`),
    (m) => at(m[1], (until) => ({ kind: 'maintenance', until })),
  ],
  [
    /^rule (\S+) snoozed until it resolves$/,
    (m) => ({ kind: 'rule-snoozed', rule: m[1] ?? '', until: 'resolved' }),
  ],
  [
    new RegExp(`^rule (\\S+) snoozed until ${ISO}$`),
    (m) => at(m[2], (until) => ({ kind: 'rule-snoozed', rule: m[1] ?? '', until })),
  ],
  [/^all alerts snoozed until they resolve$/, () => ({ kind: 'all-snoozed', until: 'resolved' })],
  [
    new RegExp(`^all alerts snoozed until ${ISO}$`),
    (m) => at(m[1], (until) => ({ kind: 'all-snoozed', until })),
  ],
  [
    /^quiet hours \((\d{1,2}:\d{2})[–-](\d{1,2}:\d{2})\)$/,
    (m) => ({ kind: 'quiet-hours', start: m[1] ?? '', end: m[2] ?? '' }),
  ],
  // Greedy: the inner reason may hold parentheses itself, e.g. quiet hours (22:00–07:00).
  [
    /^its FIRING was not sent \((.*)\)$/,
    (m) => ({ kind: 'firing-not-sent', why: parseReason(m[1] ?? '') ?? m[1] ?? '' }),
  ],
  [/^it was held back$/, () => ({ kind: 'held-back' })],
  [/^email \(SMTP\) is not set up$/, () => ({ kind: 'email-not-set-up' })],
];

function at(iso: string | undefined, make: (ms: number) => ParsedReason): ParsedReason | null {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(ms) ? make(ms) : null;
}

/** Parses one of the engine's English reasons; null for any other text. */
export function parseReason(reason: string): ParsedReason | null {
  const word = `reason.${reason}`;
  if (known(word)) return { kind: 'word', key: word };
  for (const [re, make] of PATTERNS) {
    const m = re.exec(reason);
    if (m) return make(m);
  }
  return null;
}

/** Whether a reason is understood completely (nothing of it would be shown as it came). */
export function reasonIsKnown(reason: string): boolean {
  const p = parseReason(reason);
  return p !== null && (p.kind !== 'firing-not-sent' || typeof p.why !== 'string');
}

function sayReason(i18n: I18n, p: ParsedReason): string {
  const { t } = i18n;
  const until = (u: number | 'resolved') => (u === 'resolved' ? null : i18n.formatTime(u));
  switch (p.kind) {
    case 'word':
      return t(p.key);
    case 'maintenance':
      return t('why.maintenance', { until: i18n.formatTime(p.until) });
    case 'rule-snoozed': {
      const time = until(p.until);
      return time === null
        ? t('why.ruleSnoozedResolved', { rule: p.rule })
        : t('why.ruleSnoozedUntil', { rule: p.rule, until: time });
    }
    case 'all-snoozed': {
      const time = until(p.until);
      return time === null
        ? t('why.allSnoozedResolved')
        : t('why.allSnoozedUntil', { until: time });
    }
    case 'quiet-hours':
      return t('why.quietHours', { start: p.start, end: p.end });
    case 'firing-not-sent':
      return t('why.firingNotSent', {
        reason: typeof p.why === 'string' ? p.why : sayReason(i18n, p.why),
      });
    case 'held-back':
      return t('why.heldBack');
    case 'email-not-set-up':
      return t('why.emailNotSetUp');
  }
}

/** The localized reason for a suppression or failure; text it does not recognise stays as it is. */
export function describeReason(i18n: I18n, reason: string): string {
  const parsed = parseReason(reason);
  return parsed ? sayReason(i18n, parsed) : reason;
}

/** Readers of a code's params by name; each gives null for a missing or ill-typed value. */
export interface ParamReader {
  /** A non-empty string. */
  readonly str: (name: string) => string | null;
  /** A finite number. */
  readonly num: (name: string) => number | null;
  /** An epoch-ms number as a time in the UI language. */
  readonly time: (name: string) => string | null;
}

/** Reads the params of a reason or notice code (both are name → string | number). */
export function paramReader(
  i18n: I18n,
  params: Readonly<Record<string, string | number>>,
): ParamReader {
  const num = (name: string): number | null => {
    const v = params[name];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  return {
    str: (name) => {
      const v = params[name];
      return typeof v === 'string' && v !== '' ? v : null;
    },
    num,
    time: (name) => {
      const ms = num(name);
      return ms === null ? null : i18n.formatTime(ms);
    },
  };
}

/**
 * The sentence of a coded reason; null for a code this UI does not know (a newer engine) or
 * params it cannot read, so the caller falls back to the English text.
 */
export function describeReasonCode(
  i18n: I18n,
  code: ReasonCode,
  params: ReasonParams = {},
): string | null {
  const { t } = i18n;
  const { str, num, time } = paramReader(i18n, params);
  const rule = str('ruleId');
  const until = time('until');
  switch (code) {
    case 'maintenance':
      return until === null ? null : t('why.maintenance', { until });
    case 'snoozed-rule-resolved':
      return rule === null ? null : t('why.ruleSnoozedResolved', { rule });
    case 'snoozed-rule':
      return rule === null || until === null ? null : t('why.ruleSnoozedUntil', { rule, until });
    case 'snoozed-all-resolved':
      return t('why.allSnoozedResolved');
    case 'snoozed-all':
      return until === null ? null : t('why.allSnoozedUntil', { until });
    case 'quiet-hours': {
      const start = str('start');
      const end = str('end');
      return start === null || end === null ? null : t('why.quietHours', { start, end });
    }
    case 'held-back':
      return t('why.heldBack');
    case 'acknowledged':
      return t('why.acknowledged');
    case 'firing-not-sent': {
      const { inner, ...rest } = params;
      // One level only: a held FIRING's reason is always a mute, never another "not sent".
      if (typeof inner !== 'string' || inner === 'firing-not-sent') return null;
      const reason = describeReasonCode(i18n, inner as ReasonCode, rest);
      return reason === null ? null : t('why.firingNotSent', { reason });
    }
    case 'email-not-configured':
      return t('why.emailNotSetUp');
    case 'smtp': {
      const key = `smtp.${str('code') ?? ''}`;
      if (!known(key)) return null;
      const server = str('server');
      return server === null ? t(key) : t('why.smtp', { explanation: t(key), server });
    }
    case 'outbox-expired': {
      const days = num('days');
      return days === null ? null : t('why.outboxExpired', { days });
    }
    case 'outbox-full': {
      const max = num('max');
      return max === null ? null : t('why.outboxFull', { max });
    }
    case 'outbox-unreadable': {
      const path = str('path');
      return path === null ? null : t('why.outboxUnreadable', { path });
    }
    default:
      return null;
  }
}

/**
 * The localized reason of an event: from its code when it has one this UI understands, else
 * parsed from its English text; null when the event has no reason.
 */
export function describeEventReason(i18n: I18n, e: EventRecord): string | null {
  if (e.reasonCode !== undefined) {
    const coded = describeReasonCode(i18n, e.reasonCode, e.reasonParams);
    if (coded !== null) return coded;
  }
  return e.reason === undefined ? null : describeReason(i18n, e.reason);
}

/** Whether an event's reason is shown wholly in the UI language (nothing passed through as it came). */
export function eventReasonIsKnown(i18n: I18n, e: EventRecord): boolean {
  if (e.reasonCode !== undefined && describeReasonCode(i18n, e.reasonCode, e.reasonParams) !== null)
    return true;
  return e.reason === undefined || reasonIsKnown(e.reason);
}

/**
 * The one contract between the engine and every UI: each operation the UI may call and each
 * event it may receive. Both transports (Electron IPC and HTTP + SSE) are derived from
 * {@link OPERATIONS}; channel names and URLs are never typed by hand elsewhere.
 */
import { z } from 'zod';
import type { AlertInstance } from './alert-instance';
import type { Language } from './format';
import type { OPERATION_NAMES, PUSH_EVENT_NAMES } from './channels';
import type { FamilyState, HostInfo, MetricName, SeriesKey, Snapshot } from './metrics';
import type { CheckFailure } from './check-failures';
import type { CheckKind, CheckResult } from './checks';
import {
  secretChangeSchema,
  settingsSchema,
  toFieldErrors,
  type FieldError,
  type SecretsView,
  type Settings,
} from './settings';

/** Stable id of a watched host; the local engine's is {@link LOCAL_HOST_ID}. */
export type HostId = string;

/** Id of the host this engine runs on; the default of every host-scoped operation. */
export const LOCAL_HOST_ID: HostId = 'local';

/** Overall health: the worst active rule, or unknown without fresh data. */
export type Health = 'ok' | 'warning' | 'critical' | 'unknown';

/** Alert severity of a firing rule. */
export type Severity = 'warning' | 'critical';

/** State of one rule instance (a rule applied to one series). */
export interface AlertState extends AlertInstance {
  /** `pending`: breaching but not yet for long enough; `firing`: alerting. */
  readonly state: 'pending' | 'firing';
  /** Severity being breached (pending) or alerted (firing). */
  readonly severity: Severity;
  /** Latest value, or null when currently undefined. */
  readonly value: number | null;
  /** The threshold that is breached. */
  readonly threshold: number;
  /** Wall-clock ms when the breach began. */
  readonly since: number;
  /** Whether notifications for it are snoozed. */
  readonly snoozed: boolean;
}

/** A message the product wants the user to see, e.g. a corrupt settings file. */
export interface Notice {
  readonly id: string;
  readonly level: 'info' | 'warning' | 'error';
  /** Plain-words text in English (for logs and API readers; a UI says it from `code`). */
  readonly message: string;
  readonly time: number;
  /** What the notice reports, so a UI can say it in its own language; see {@link NoticeCode}. */
  readonly code?: NoticeCode;
  /** Values for the code's sentence, e.g. `{ count: 3, smtpCode: 'timeout' }`. */
  readonly params?: NoticeParams;
}

/**
 * What a notice reports, with the params each code carries:
 *
 * | code                        | params                                                  | English `message`                                  |
 * |-----------------------------|---------------------------------------------------------|----------------------------------------------------|
 * | `settings-corrupt`          | `path`, `cause` (below), `backup`?, `error`?, `fields`? | The settings file <path> <cause>. It was kept as … |
 * | `sampling-failed`           | `error` (the sampler's own text, not translated)        | Sampling failed: <error>                           |
 * | `email-retrying`            | `count` (emails waiting), `smtpCode`?                   | Emails are waiting to be sent (<n>); retrying: …   |
 * | `email-failed`              | `smtpCode`?                                             | An alert email could not be delivered: …           |
 * | `notifications-unsupported` | –                                                       | Desktop notifications are not supported here; …    |
 * | `email-not-persisted`       | `count`, `error` (errno code, e.g. `ENOSPC`)            | <n> alert email(s) could not be written to disk …  |
 * | `persistence-failed`        | `target` (`state`, `history`, `events`), `path`, `error` | <target> could not be saved to <path> (<error>) … |
 * | `logs-unwritable`           | `path`, `error`                                         | Logs cannot be written to <path> (<error>); …      |
 *
 * `settings-corrupt` causes: `unreadable` (with `error`, e.g. `EACCES`), `empty`, `not-json`,
 * `not-object`, `not-upgradable`, `invalid-values` (with `fields`: the first field paths,
 * comma-separated). `backup` is where the bad file was kept; absent when it could not be kept.
 * `smtpCode` is one of the `smtp` reason codes of {@link ReasonCode}. A UI that meets a code or
 * params it does not know shows the English `message`.
 */
export type NoticeCode =
  | 'settings-corrupt'
  | 'sampling-failed'
  | 'email-retrying'
  | 'email-failed'
  | 'notifications-unsupported'
  | 'email-not-persisted'
  | 'persistence-failed'
  | 'logs-unwritable';

/** Values of a {@link NoticeCode}'s sentence. */
export type NoticeParams = Readonly<Record<string, string | number>>;

/** Snooze state: all rules and/or single rules, each until a time or until resolved. */
export interface SnoozeState {
  /** `until` ms, or 'resolved' for "until every active alert has resolved", or null. */
  readonly all: number | 'resolved' | null;
  readonly rules: Readonly<Record<string, number | 'resolved'>>;
}

/** Everything the status views need, pushed every tick. */
export interface Status {
  /** Which host this status describes ({@link LOCAL_HOST_ID} for the engine's own). */
  readonly hostId: HostId;
  readonly host: HostInfo & { readonly displayName: string };
  readonly health: Health;
  /** Sampling is paused by the user (tray shows grey). */
  readonly paused: boolean;
  /** No fresh snapshot for several intervals. */
  readonly stale: boolean;
  readonly snapshot: Snapshot | null;
  /** Pending and firing rule instances, worst first. */
  readonly alerts: readonly AlertState[];
  readonly snooze: SnoozeState;
  readonly maintenanceUntil: number | null;
  readonly notices: readonly Notice[];
  /** Thresholds by series, for drawing on charts. */
  readonly thresholds: Readonly<
    Record<SeriesKey, { warning: number | null; critical: number | null }>
  >;
  readonly startedAt: number;
  readonly language: Language;
  /** Endpoint checks and their last results (absent from hosts that have none). */
  readonly checks?: readonly CheckStatus[];
}

// ── Endpoint checks (issue 9) ──────────────────────────────────────────────────────────────

/** One endpoint check as status shows it: what it targets and how its runs went. */
export interface CheckStatus {
  readonly id: string;
  readonly name: string;
  readonly kind: CheckKind;
  /** The URL (http) or host:port (tcp, tls); credentials are refused by the schema. */
  readonly target: string;
  readonly enabled: boolean;
  /** The latest run, or null before the first one. */
  readonly last: CheckResult | null;
  /** +k after k failed runs in a row, −k after k successful ones, 0 before the first. */
  readonly failStreak: number;
  /** Wall-clock ms of the latest successful run, or null. */
  readonly lastGoodAt: number | null;
  /** The latest failed run's start and failure, or null. */
  readonly lastFailure: { readonly at: number; readonly failure: CheckFailure } | null;
  /** Response times (ms) of recent successful runs, oldest first, for a sparkline. */
  readonly recentMs: readonly number[];
}

/** Kinds of event in the event log. */
export type EventKind =
  | 'firing'
  | 'escalated'
  | 'deescalated'
  | 'reminder'
  | 'resolved'
  | 'delivered'
  | 'delivery-failed'
  | 'suppressed'
  | 'system';

/** One entry of the alert and event log. */
export interface EventRecord {
  readonly id: string;
  /** Host the event concerns; lines written before hosts existed read as {@link LOCAL_HOST_ID}. */
  readonly host: HostId;
  /** Wall-clock ms. */
  readonly time: number;
  readonly kind: EventKind;
  readonly severity: 'info' | Severity | 'error';
  readonly ruleId?: string;
  readonly series?: SeriesKey;
  readonly metric?: MetricName;
  readonly value?: number;
  readonly threshold?: number;
  /** Plain-words description (English; the UI renders its own text from the fields). */
  readonly message: string;
  /** Why a message was held back or failed, in English (for logs and API readers). */
  readonly reason?: string;
  /** The same reason as a code, so a UI can say it in its own language; see {@link ReasonCode}. */
  readonly reasonCode?: ReasonCode;
  /** Values for the reason code's sentence, e.g. `{ until: 1767614400000 }`. */
  readonly reasonParams?: ReasonParams;
  /** Channel for deliveries: `email`, `desktop`. */
  readonly channel?: string;
  /** For `system` events, what happened, so a UI can say it in its own language. */
  readonly code?: SystemEventCode;
  /** Values for the code's sentence, e.g. `{ target: 'cpu', duration: '1h' }`. */
  readonly params?: Readonly<Record<string, string | number>>;
}

/** What a `system` event reports. */
export type SystemEventCode =
  | 'started'
  | 'stopped'
  | 'paused'
  | 'resumed'
  | 'snoozed'
  | 'snooze-ended'
  | 'maintenance-started'
  | 'maintenance-ended'
  | 'settings-saved';

/**
 * Why a message was held back or failed, with the params each code carries (times are wall-clock
 * ms, for the UI's own formatter):
 *
 * | code                    | params                                   | English `reason`                      |
 * |-------------------------|------------------------------------------|---------------------------------------|
 * | `maintenance`           | `until`                                  | maintenance until <ISO>               |
 * | `snoozed-rule-resolved` | `ruleId`                                 | rule <id> snoozed until it resolves   |
 * | `snoozed-rule`          | `ruleId`, `until`                        | rule <id> snoozed until <ISO>         |
 * | `snoozed-all-resolved`  | –                                        | all alerts snoozed until they resolve |
 * | `snoozed-all`           | `until`                                  | all alerts snoozed until <ISO>        |
 * | `quiet-hours`           | `start`, `end` (`HH:MM`)                 | quiet hours (HH:MM–HH:MM)             |
 * | `held-back`             | –                                        | it was held back                      |
 * | `firing-not-sent`       | `inner` (a code above) + its params      | its FIRING was not sent (<inner>)     |
 * | `email-not-configured`  | –                                        | email (SMTP) is not set up            |
 * | `smtp`                  | `code` (below), `server` (`host:port`)   | the mail adapter's explanation        |
 * | `outbox-expired`        | `days`                                   | older than <n> day(s)                 |
 * | `outbox-full`           | `max`                                    | the outbox holds at most <n> emails   |
 * | `outbox-unreadable`     | `path`                                   | moved to <path>                       |
 *
 * `smtp` codes (main/adapters/mailer/explain.ts `SMTP_FAILURE_CODES`): auth, starttls-missing,
 * tls-mismatch, certificate, unknown-host, dns, timeout, rejected, deferred, unreachable, config,
 * unknown. A UI that meets a code or params it does not know shows the English `reason`.
 */
export type ReasonCode =
  | 'maintenance'
  | 'snoozed-rule-resolved'
  | 'snoozed-rule'
  | 'snoozed-all-resolved'
  | 'snoozed-all'
  | 'quiet-hours'
  | 'held-back'
  | 'firing-not-sent'
  | 'email-not-configured'
  | 'smtp'
  | 'outbox-expired'
  | 'outbox-full'
  | 'outbox-unreadable';

/** Values of a {@link ReasonCode}'s sentence. */
export type ReasonParams = Readonly<Record<string, string | number>>;

/** Health of a host in the fleet: a remote source that cannot be reached is `unreachable`. */
export type FleetHealth = Health | 'unreachable';

/** One host of the fleet, as the overview and the tray list it. */
export interface FleetHost {
  readonly id: HostId;
  readonly name: string;
  readonly kind: 'local' | 'agent' | 'alertmanager';
  /** Where a remote source is reached; never carries a token. */
  readonly url?: string;
  readonly health: FleetHealth;
  /** Wall-clock ms of the newest data from the host, or null before any. */
  readonly lastSeen: number | null;
  readonly alerts: readonly AlertState[];
}

/** Every watched host, the local one first. */
export interface FleetSummary {
  readonly hosts: readonly FleetHost[];
}

/** Chart ranges. */
export const RANGES = ['5m', '1h', '24h', '7d'] as const;
/** A chart range. */
export type Range = (typeof RANGES)[number];
/** Length of each range in ms. */
export const RANGE_MS: Record<Range, number> = {
  '5m': 5 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '7d': 7 * 24 * 60 * 60_000,
};

/** One series of history: columns of equal length; null for gaps. */
export interface HistorySeries {
  readonly key: SeriesKey;
  /** Wall-clock ms of each point. */
  readonly t: readonly number[];
  readonly avg: readonly (number | null)[];
  /** Present for minute rollups. */
  readonly min?: readonly (number | null)[];
  readonly max?: readonly (number | null)[];
}

/** History for a range. */
export interface HistoryResponse {
  readonly range: Range;
  /** `raw`: one point per sample; `minute`: min/avg/max per minute. */
  readonly resolution: 'raw' | 'minute';
  readonly series: readonly HistorySeries[];
}

/** Settings as the UI sees them: secrets only as set / not set. */
export interface SettingsView {
  readonly settings: Settings;
  readonly secrets: SecretsView;
  /** Where the settings file lives, for the user's information. */
  readonly path: string;
  /** Platform hints, e.g. the password is only obscured (Linux without a keyring). */
  readonly secretStorage: 'encrypted' | 'obscured' | 'file' | 'environment';
}

/** The outcome of a test email. */
export interface TestEmailResult {
  readonly delivered: boolean;
  /** A human explanation: what happened and what to check. */
  readonly message: string;
  /** Machine-readable cause, e.g. `auth`, `starttls-missing`, `certificate`, `unreachable`. */
  readonly code?: string;
}

/** Error codes of failed operations; the HTTP transport maps them to status codes. */
export type ErrorCode = 'invalid' | 'unauthorized' | 'not-found' | 'unavailable' | 'failed';

/** A failed operation: a clear message and, for invalid input, one message per field. */
export interface OperationError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly fields?: readonly FieldError[];
}

/** The result of every operation. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: OperationError };

/** A host id as an input: an unknown one is answered `not-found` by the engine. */
const hostInput = z
  .string({ error: 'The host id must be a string' })
  .min(1, { error: 'The host id must not be empty' })
  .max(128, { error: 'The host id is at most 128 characters' });

/** Words for an input object with fields the operation does not take, or no object at all. */
function onlyFields(allowed: string) {
  return (issue: { code?: string; keys?: readonly string[] }): string =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? `Unexpected field ${issue.keys.map((k) => `"${k}"`).join(', ')}: this operation takes ${allowed}`
      : `Expected a JSON object: this operation takes ${allowed}`;
}

/** Input of an operation that concerns a host and takes nothing else. */
const hostOnly = z
  .strictObject({ host: hostInput.optional() }, { error: onlyFields('only "host"') })
  .optional();

/** Input of an operation that takes none: nothing, or an empty object `{}`. */
const noInput = z
  .strictObject({}, { error: onlyFields('no input (send {} or nothing)') })
  .optional();

const queryList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
  z.array(z.string().min(1).max(300)).min(1).max(64),
);

/** Input schemas, HTTP routes and IPC channels of every operation. */
export const OPERATIONS = {
  getStatus: { method: 'GET', path: '/api/status', input: hostOnly },
  getFleet: { method: 'GET', path: '/api/fleet', input: noInput },
  getHistory: {
    method: 'GET',
    path: '/api/history',
    input: z.object({
      host: hostInput.optional(),
      metric: queryList,
      range: z.enum(RANGES).default('1h'),
    }),
  },
  getEvents: {
    method: 'GET',
    path: '/api/events',
    input: z
      .object({
        host: hostInput.optional(),
        limit: z.coerce.number().int().min(1).max(5_000).default(200),
        severity: z.enum(['info', 'warning', 'critical', 'error']).optional(),
        metric: z.string().max(300).optional(),
      })
      .default({ limit: 200 }),
  },
  getSettings: { method: 'GET', path: '/api/settings', input: noInput },
  saveSettings: {
    method: 'PUT',
    path: '/api/settings',
    input: z.object({
      settings: settingsSchema,
      /** Secret changes: a string replaces, null clears, absent or boolean keeps. */
      secrets: z
        .object({ smtpPassword: z.union([z.boolean(), secretChangeSchema]) })
        .partial()
        .optional(),
    }),
  },
  sendTestEmail: { method: 'POST', path: '/api/test-email', input: noInput },
  snooze: {
    method: 'POST',
    path: '/api/snooze',
    input: z.object({
      host: hostInput.optional(),
      /** One rule, or every rule when absent. */
      ruleId: z.string().min(1).max(64).optional(),
      duration: z.enum(['1h', '4h', '8h', 'resolved', 'off']),
    }),
  },
  setMaintenance: {
    method: 'POST',
    path: '/api/maintenance',
    input: z.object({ host: hostInput.optional(), minutes: z.number().int().min(0).max(10_080) }),
  },
  setPaused: {
    method: 'POST',
    path: '/api/pause',
    input: z.object({ host: hostInput.optional(), paused: z.boolean() }),
  },
} as const;

/** Name of an operation. */
export type OperationName = keyof typeof OPERATIONS;

/** Operations that concern one host; their input takes an optional `host` (default local). */
export const HOST_SCOPED_OPERATIONS = [
  'getStatus',
  'getHistory',
  'getEvents',
  'snooze',
  'setMaintenance',
  'setPaused',
] as const satisfies readonly OperationName[];

/** Name of a host-scoped operation. */
export type HostScopedOperation = (typeof HOST_SCOPED_OPERATIONS)[number];

/** Output type of every operation. */
export interface OperationOutputs {
  getStatus: Status;
  getFleet: FleetSummary;
  getHistory: HistoryResponse;
  getEvents: readonly EventRecord[];
  getSettings: SettingsView;
  saveSettings: SettingsView;
  sendTestEmail: TestEmailResult;
  snooze: SnoozeState;
  setMaintenance: { readonly maintenanceUntil: number | null };
  setPaused: { readonly paused: boolean };
}

/** Parsed input type of an operation. */
export type OperationInput<K extends OperationName> = z.output<(typeof OPERATIONS)[K]['input']>;

/** Raw input type of an operation, as a caller writes it (defaults may be omitted). */
export type OperationRawInput<K extends OperationName> = z.input<(typeof OPERATIONS)[K]['input']>;

/** Events pushed to the UI. */
export interface PushEvents {
  /** A host's status (which host: `hostId`). */
  status: Status;
  /** A new event (which host: `host`). */
  event: EventRecord;
  /** The fleet summary, sent when a host's name, health or alerts change. */
  fleet: FleetSummary;
}

/** Name of a pushed event. */
export type PushEventName = keyof PushEvents;

export { ipcChannel, OPERATION_NAMES, PUSH_EVENT_NAMES, STREAM_PATH } from './channels';

// The zod-free name lists in channels.ts must be exactly the contract's operations and events.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _operationNamesMatch: Exactly<(typeof OPERATION_NAMES)[number], OperationName> = true;
const _pushNamesMatch: Exactly<(typeof PUSH_EVENT_NAMES)[number], PushEventName> = true;
void _operationNamesMatch;
void _pushNamesMatch;

/**
 * The API every UI talks to, implemented by the engine and by each transport. Inputs are
 * validated with {@link OPERATIONS} at every boundary; failures come back as results, not throws.
 */
export type HostwatchApi = {
  [K in OperationName]: (input: OperationRawInput<K>) => Promise<Result<OperationOutputs[K]>>;
} & {
  /** Subscribes to pushed events; returns the unsubscribe function. */
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
};

/** Parses an operation's input; returns the parsed value or an `invalid` error with field messages. */
export function parseInput<K extends OperationName>(
  name: K,
  raw: unknown,
): Result<OperationInput<K>> {
  const parsed = OPERATIONS[name].input.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data as OperationInput<K> };
  const fields = toFieldErrors(parsed.error);
  const first = fields[0];
  return {
    ok: false,
    error: {
      code: 'invalid',
      message:
        fields.length === 1 && first
          ? `Invalid ${first.path || 'input'}: ${first.message}`
          : `${fields.length} fields are invalid`,
      fields,
    },
  };
}

/** Family freshness re-exported for UI convenience. */
export type { FamilyState };

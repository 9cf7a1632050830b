/**
 * The one contract between the engine and every UI: each operation the UI may call and each
 * event it may receive. Both transports (Electron IPC and HTTP + SSE) are derived from
 * {@link OPERATIONS}; channel names and URLs are never typed by hand elsewhere.
 */
import { z } from 'zod';
import type { AlertInstance } from './alert-instance';
import { SILENCE_DURATIONS } from './alertmanager';
import type { Language } from './format';
import type { OPERATION_NAMES, PUSH_EVENT_NAMES } from './channels';
import type { FamilyState, HostInfo, MetricName, SeriesKey, Snapshot } from './metrics';
import type { HostSummary } from './protocol';
import type { CheckFailure } from './check-failures';
import { checkIdSchema, checkSchema, type CheckKind, type CheckResult } from './checks';
import { alertmanagerTestInput } from './alertmanager-test';
import { connectionTestInput, type ConnectionTestResult } from './connection-test';
import { secretText } from './endpoint-input';
import {
  ruleSchema,
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
  /** Set while a user has acknowledged this firing instance (ends when it resolves). */
  readonly acknowledged?: Acknowledgement;
  /** Set on an alert that comes from an Alertmanager source (Alertmanager sends its mail). */
  readonly alertmanager?: AlertmanagerAlertInfo;
}

// ── acknowledge / delivery proof / own cost ────────────────────────────────────────────────────

/** Where an acknowledgement came from: the tray menu, a notification, the dashboard, the API. */
export const ACK_SOURCES = ['tray', 'notification', 'dashboard', 'api'] as const;
/** Where an acknowledgement came from. */
export type AckSource = (typeof ACK_SOURCES)[number];

/** A user's "I know" on one firing alert instance: no reminders until it resolves. */
export interface Acknowledgement {
  /** Wall-clock ms of the acknowledgement. */
  readonly time: number;
  /** The user's note, if any. */
  readonly note?: string;
  /** What acknowledged it. */
  readonly by: AckSource;
}

/** The last email the SMTP server accepted, and whether the mail path is failing now. */
export interface DeliveryProof {
  /** The last accepted email, or null before any (since the outbox's first start). */
  readonly lastAccepted: {
    /** Wall-clock ms of the server's acceptance. */
    readonly time: number;
    /** The email's subject (which alert it was for). */
    readonly subject: string;
    /** The server's reply line, e.g. `250 2.0.0 Ok: queued as 4F2A1`. */
    readonly response: string;
    /** The Message-ID header the email carried. */
    readonly messageId: string;
  } | null;
  /** Set while sending fails: since when (first failure after the last success) and why. */
  readonly failing: {
    readonly since: number;
    /** The mail adapter's explanation, English. */
    readonly reason: string;
    /** An `smtp` reason code (see {@link ReasonCode}). */
    readonly code?: string;
  } | null;
  /** Failed sending attempts since start by `smtp` reason code (for `/metrics`). */
  readonly failures: Readonly<Record<string, number>>;
}

/** What Hostwatch itself costs: every one of its processes together. */
export interface SelfCost {
  /** CPU time per wall time over the last measurement, as a ratio of one core (0.01 = 1 %). */
  readonly cpuRatio: number | null;
  /** Resident memory in bytes. */
  readonly rssBytes: number | null;
  /** How many processes were counted (main, sampler worker, renderer). */
  readonly processes: number;
  /** Whether the expensive collectors are slowed because the CPU budget was exceeded. */
  readonly throttled: boolean;
}

/** What an Alertmanager says about one of its alerts (see main/core/alertmanager.ts). */
export interface AlertmanagerAlertInfo {
  /** Alertmanager's fingerprint of the label set: the `alertFingerprint` of `silence`. */
  readonly fingerprint: string;
  readonly alertname: string;
  /** The `instance` label (else `host`, `job` or `-`): the alerts are grouped by it. */
  readonly instance: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The `summary` (else `description`) annotation, or empty. */
  readonly summary: string;
  /** Ids of the silences that hold it (shown as snoozed). */
  readonly silencedBy: readonly string[];
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
 * | `fleet-offline`             | –                                                       | This computer is offline: …                        |
 * | `email-failing`             | `since` (ms), `minutes`, `smtpCode`?                    | Alert emails have been failing for <n> min …       |
 * | `heartbeat-failing`         | `url`, `error` (`HTTP 500`, or the error's own text)    | Heartbeat ping to <url> fails: <error>             |
 * | `cpu-budget`                | `meanPercent`, `budgetPercent`, `minutes`               | Hostwatch used <m>% CPU over <n> min, above …      |
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
  | 'logs-unwritable'
  // fleet: this computer has no network, so watched servers are not judged (no params)
  | 'fleet-offline'
  // delivery proof: sending has failed for longer than the threshold (`since`, `minutes`, `smtpCode`?)
  | 'email-failing'
  // heartbeat: the heartbeat URL ping fails (`url`, `error`)
  | 'heartbeat-failing'
  // own cost: over its CPU budget, processes and temperatures are read 4× less often
  | 'cpu-budget';

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
  // Backtest and forecast (issue 11): optional so statuses built before it stay valid.
  /** Trends good enough to show, worst (soonest full) first; absent or empty when none. */
  readonly forecasts?: readonly StatusForecast[];
  /** The mail path's proof of delivery; absent where the engine has no email channel. */
  readonly delivery?: DeliveryProof;
  /** Hostwatch's own cost; absent until first measured. */
  readonly selfCost?: SelfCost;
  /** Endpoint checks and their last results (absent from hosts that have none). */
  readonly checks?: readonly CheckStatus[];
}

// ── Backtest and forecast (issue 11) ──────────────────────────────────────────────────────────

/** A steady trend of one series: when it would be full and when at its rule's warning level. */
export interface StatusForecast {
  /** The forecast series, e.g. `disk.used_pct{/}` or `mem.used_pct`. */
  readonly series: SeriesKey;
  readonly metric: MetricName;
  /** The mount for a disk; absent for memory. */
  readonly target?: string;
  /** Seconds until 100 % from the time of {@link StatusForecast.at}; 0 when already full. */
  readonly secondsToFull: number;
  /** The warning level of the rule watching this series (e.g. 90), or null without one. */
  readonly level: number | null;
  /** Seconds until {@link StatusForecast.level}, or null without a level or when already past it. */
  readonly secondsToLevel: number | null;
  /** The fitted slope in percent per hour. */
  readonly slopePerHour: number;
  /** The window whose fit was used. */
  readonly window: '6h' | '24h';
  /** 0…1: how tight the fit is. */
  readonly confidence: number;
  /** Wall-clock ms the forecast was computed at. */
  readonly at: number;
}

/** The ranges a backtest covers. */
export const BACKTEST_RANGES = ['24h', '7d'] as const;

/** One alert episode a backtest found. */
export interface BacktestEpisodeView {
  readonly series: SeriesKey;
  /** Wall-clock ms the breach began (the pending start). */
  readonly since: number;
  /** Wall-clock ms it would have fired. */
  readonly start: number;
  /** Wall-clock ms it would have resolved; null when still open at the end of the range. */
  readonly end: number | null;
  /** The worst severity it reached. */
  readonly severity: Severity;
}

/** What a rule would have done over the stored history (main/core/backtest.ts). */
export interface BacktestAnswer {
  readonly range: (typeof BACKTEST_RANGES)[number];
  /** Wall-clock ms of the range: (from, to]. */
  readonly from: number;
  readonly to: number;
  /** Oldest first. */
  readonly episodes: readonly BacktestEpisodeView[];
  readonly fired: number;
  readonly resolved: number;
  /** Fraction (0…1) of the range's minutes with data. */
  readonly coverage: number;
  /** Minute rollups were used and the rule's "for" is shorter than a minute. */
  readonly approximate: boolean;
  readonly resolution: 'raw' | 'minute' | 'mixed' | 'none';
  /** Wall-clock ms from which the data is at full resolution; null without raw samples. */
  readonly rawFrom: number | null;
  /** Which value of each minute stood for it: max for `above` rules, min for `below` rules. */
  readonly minuteValue: 'max' | 'min';
  /** Episodes whose worst severity was warning / critical. */
  readonly warning: number;
  readonly critical: number;
  /** Longest episode in ms (an open one counts to the end of the range); 0 when none. */
  readonly longestMs: number;
}

/** The Prometheus rules export of the current settings, as a file to save. */
export interface PromRulesFile {
  readonly fileName: string;
  /** The YAML text (`promtool check rules` accepts it). */
  readonly content: string;
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

/** What `runCheck` answers: the run's result and the same in English words (check-summary.ts). */
export interface CheckRunAnswer {
  readonly result: CheckResult;
  /** e.g. `Down: TLS: the certificate expired on 2026-11-30 (DNS 0 ms, connect 1 ms)`. */
  readonly summary: string;
}

/** What `resolveCheckHost` answers: where a check's host goes (the form's warning). */
export interface CheckHostAnswer {
  readonly host: string;
  /** Every address the name resolves to (the IP itself for an IP literal). */
  readonly addresses: readonly string[];
  /** Those that are link-local or cloud metadata addresses (main/shared/private-address.ts). */
  readonly linkLocal: readonly string[];
  /** Why the name did not resolve, or null. */
  readonly failure: CheckFailure | null;
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
  /**
   * For `system` events, what happened, so a UI can say it in its own language; `test-email` on
   * the delivery event of a test email.
   */
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
  | 'settings-saved'
  // Cost/event-text: on the `delivered` / `delivery-failed` event of a test email (params `to`).
  | 'test-email'
  // acknowledge: params `by` (an {@link AckSource}), `note`?; the event carries ruleId + series
  | 'acknowledged'
  | 'unacknowledged'
  // own cost: the CPU budget slowed / restored the expensive collectors (params `meanPercent`,
  // `budgetPercent`, `minutes`)
  | 'cpu-throttled'
  | 'cpu-restored';

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
 * | `acknowledged`          | `by`                                     | acknowledged (by <by>)                |
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
  | 'outbox-unreadable'
  // acknowledge: a reminder held back because the alert is acknowledged (params `by`)
  | 'acknowledged';

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
  // ── fleet: remote sources (absent for the local host) ──
  /** How the watcher's link to a remote host stands. */
  readonly connection?: 'connecting' | 'connected' | 'failing';
  /** What is wrong with the link, in words (code for a UI to translate); null when fine. */
  readonly problem?: { readonly code: string; readonly message: string } | null;
  /** CPU %, memory % and the fullest disk from the host's latest summary. */
  readonly headline?: HostSummary['headline'];
}

/** A host's headline values (fleet UI: tray menu and overview cards). */
export type FleetHeadline = HostSummary['headline'];

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

/** The fields naming one alert instance on one host, for acknowledge and unacknowledge. */
const ackFields = {
  host: hostInput.optional(),
  ruleId: z
    .string({ error: 'The rule id must be a string' })
    .min(1, { error: 'The rule id must not be empty' })
    .max(64, { error: 'The rule id is at most 64 characters' }),
  series: z
    .string({ error: 'The series must be a string, e.g. "disk.used_pct{/}"' })
    .min(1, { error: 'The series must not be empty' })
    .max(300, { error: 'The series is at most 300 characters' }),
  /** What acknowledges: the tray, a notification, the dashboard; `api` when not said. */
  by: z.enum(ACK_SOURCES).default('api'),
};

const ackInput = z.strictObject(
  {
    ...ackFields,
    note: z.string().max(500, { error: 'The note is at most 500 characters' }).optional(),
  },
  { error: onlyFields('"host", "ruleId", "series", "note" and "by"') },
);

const unackInput = z.strictObject(ackFields, {
  error: onlyFields('"host", "ruleId", "series" and "by"'),
});

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
  // A host's settings (a watched host's through the hub, with the hub's stored token).
  getSettings: { method: 'GET', path: '/api/settings', input: hostOnly },
  saveSettings: {
    method: 'PUT',
    path: '/api/settings',
    input: z.object({
      host: hostInput.optional(),
      settings: settingsSchema,
      /** Secret changes: a string replaces, null clears, absent or boolean keeps. */
      secrets: z
        .object({
          smtpPassword: z.union([z.boolean(), secretChangeSchema]),
          // fleet: per-server tokens by server id (a string replaces, null clears)
          hostTokens: z.record(z.string().min(1).max(64), secretText(1_024).nullable()),
          // Settings → Servers: Alertmanager passwords / tokens by source id (same shape)
          alertmanagerSecrets: z.record(z.string().min(1).max(64), secretText(1_024).nullable()),
        })
        .partial()
        .optional(),
    }),
  },
  sendTestEmail: { method: 'POST', path: '/api/test-email', input: hostOnly },
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
  // Backtest and forecast (issue 11), Prometheus rules download (issue 10).
  backtest: {
    method: 'POST',
    path: '/api/backtest',
    input: z.strictObject(
      {
        host: hostInput.optional(),
        rule: ruleSchema,
        range: z.enum(BACKTEST_RANGES, { error: 'The range is "24h" or "7d"' }).default('7d'),
      },
      { error: onlyFields('"host", "rule" and "range"') },
    ),
  },
  exportRules: { method: 'GET', path: '/api/export/prometheus-rules', input: hostOnly },
  // acknowledge
  acknowledge: { method: 'POST', path: '/api/ack', input: ackInput },
  unacknowledge: { method: 'DELETE', path: '/api/ack', input: unackInput },
  // Alertmanager as a source (issue 10): a real silence through the Alertmanager's API.
  silence: {
    method: 'POST',
    path: '/api/silence',
    input: z.strictObject(
      {
        /** The Alertmanager source's fleet id. */
        host: hostInput,
        alertFingerprint: z
          .string({ error: 'The alert fingerprint must be a string' })
          .regex(/^[0-9a-f]{1,64}$/i, { error: 'The alert fingerprint is hexadecimal' }),
        duration: z.enum(SILENCE_DURATIONS, { error: 'The duration is 1h, 4h or 8h' }),
      },
      { error: onlyFields('"host", "alertFingerprint" and "duration"') },
    ),
  },
  // Endpoint checks (issue 9): run a saved check by id, or try an unsaved one ("Run now").
  runCheck: {
    method: 'POST',
    path: '/api/checks/run',
    input: z
      .strictObject(
        { host: hostInput.optional(), id: checkIdSchema.optional(), check: checkSchema.optional() },
        { error: onlyFields('"host", and "id" (a saved check) or "check" (a check to try)') },
      )
      .refine((i) => (i.id === undefined) !== (i.check === undefined), {
        message: 'Send either "id" (a saved check) or "check" (a check to try), not both',
      }),
  },
  // The form's link-local / metadata warning: where a check's host name goes, not connecting.
  resolveCheckHost: {
    method: 'POST',
    path: '/api/checks/resolve',
    input: z.strictObject(
      {
        host: z
          .string({ error: 'The host must be a string' })
          .trim()
          .min(1, { error: 'Enter a host name or address' })
          .max(253, { error: 'A host name has at most 253 characters' }),
        family: z
          .enum(['any', '4', '6'], { error: 'The IP version is any, 4 or 6' })
          .default('any'),
      },
      { error: onlyFields('"host" and "family"') },
    ),
  },
  // Settings → Servers: "Test connection" to a remote agent (connection-test.ts).
  testConnection: { method: 'POST', path: '/api/fleet/test', input: connectionTestInput },
  // … and to an Alertmanager (issue 10).
  testAlertmanager: {
    method: 'POST',
    path: '/api/fleet/test-alertmanager',
    input: alertmanagerTestInput,
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
  // Backtest (issue 11).
  'backtest',
  // acknowledge
  'acknowledge',
  'unacknowledge',
  // A host's settings and what its Settings view does (issue 8): a watched host's are its own.
  'getSettings',
  'saveSettings',
  'sendTestEmail',
  'exportRules',
  'runCheck',
  'testConnection',
  'testAlertmanager',
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
  // Backtest (issue 11), Prometheus rules download (issue 10).
  backtest: BacktestAnswer;
  exportRules: PromRulesFile;
  // acknowledge: the instance's state after the change
  acknowledge: AlertState;
  unacknowledge: AlertState;
  // Alertmanager as a source (issue 10).
  silence: SilenceResult;
  // Endpoint checks (issue 9).
  runCheck: CheckRunAnswer;
  resolveCheckHost: CheckHostAnswer;
  // Settings → Servers
  testConnection: ConnectionTestResult;
  testAlertmanager: ConnectionTestResult;
}

/** A silence created in an Alertmanager. */
export interface SilenceResult {
  /** Alertmanager's id of the new silence. */
  readonly silenceId: string;
  /** Wall-clock ms when it ends. */
  readonly endsAt: number;
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

export type { ConnectionTestResult } from './connection-test';
export {
  ipcChannel,
  OPERATION_NAMES,
  PUSH_EVENT_NAMES,
  SHOW_HOST_CHANNEL,
  STREAM_PATH,
} from './channels';

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

/**
 * What the tray window's preload exposes: the API, plus the watched host the window shows now
 * (null: none, or only this computer). While a window shows a host, main follows it with the
 * full stream and pushes each of its statuses; the HTTP transport says the same with its
 * stream's `?host=` (adapters/http/sse.ts).
 */
export type HostwatchBridge = HostwatchApi & {
  showHost(host: HostId | null): Promise<void>;
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

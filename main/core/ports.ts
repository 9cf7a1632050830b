/**
 * The ports of the engine: every effect the pure core needs is an interface here, implemented by
 * adapters (real clock, sampler worker, files, SMTP) or by fakes in tests.
 */
import type { AlertInstance } from '../shared/alert-instance';
import type { Language } from '../shared/format';
import type {
  CheckStatus,
  EventRecord,
  HostId,
  NoticeCode,
  NoticeParams,
  Severity,
} from '../shared/contract';
import type { HostInfo, Snapshot, TopProcesses } from '../shared/metrics';
import type { SecretName, Settings } from '../shared/settings';
import type { PersistProblem } from './persistence-health';

/** Time, injected so tests control it. */
export interface Clock {
  /** Wall-clock ms since the epoch (for display and logs). */
  now(): number;
  /** Monotonic ms (for durations; never jumps). */
  monotonic(): number;
  /** Schedules `fn` after `ms`; returns a cancel function. */
  setTimeout(fn: () => void, ms: number): () => void;
}

/** The machine sampler: one snapshot per call, never more than one call in flight. */
export interface SamplerPort {
  /** Static facts about the machine. */
  hostInfo(): Promise<HostInfo>;
  /** Takes one snapshot; stale or failing collectors are marked, never invented. */
  sample(): Promise<Snapshot>;
  /** Applies new cadences and deadlines. */
  configure(options: SamplerOptions): void;
  /** Stops the worker. */
  close(): Promise<void>;
}

/** Cadences and deadline of the sampler, in ms. */
export interface SamplerOptions {
  readonly diskMs: number;
  readonly processesMs: number;
  readonly temperatureMs: number;
  readonly deadlineMs: number;
}

/** A rule transition, the input of the alert policy. */
export interface Transition extends AlertInstance {
  /**
   * `firing`: ok/pending → firing; `escalated`: warning → critical; `deescalated`: critical →
   * warning; `resolved`: firing → ok (below the clear level).
   */
  readonly kind: 'firing' | 'escalated' | 'deescalated' | 'resolved';
  /** Severity after the transition; for `resolved`, the severity that was firing. */
  readonly severity: Severity;
  readonly previous: Severity | null;
  /** Value that caused it (null if undefined at the time, e.g. a removed mount). */
  readonly value: number | null;
  /** Threshold breached (for resolved: the clear level). */
  readonly threshold: number;
  /** Wall-clock ms when the breach began. */
  readonly since: number;
  /** Wall-clock ms of the transition. */
  readonly at: number;
}

/** One message the policy decided to send. */
export interface AlertMessage extends AlertInstance {
  readonly id: string;
  readonly kind: 'firing' | 'escalated' | 'reminder' | 'resolved';
  readonly severity: Severity;
  readonly value: number | null;
  readonly threshold: number;
  readonly since: number;
  readonly at: number;
}

/** Messages that go out together (one grouped email). */
export interface AlertBatch {
  readonly id: string;
  readonly messages: readonly AlertMessage[];
  /** Context for the text: host name, dashboard, top processes. */
  readonly context: BatchContext;
}

/** What the email text needs besides the messages. */
export interface BatchContext {
  readonly hostname: string;
  readonly dashboardUrl: string;
  readonly language: Language;
  readonly processes: TopProcesses | null;
  readonly createdAt: number;
  /** Endpoint checks at the time of the batch, so a check's email can name it (issue 9). */
  readonly checks?: readonly CheckStatus[];
}

/** A delivery channel: email outbox, desktop notification. */
export interface Channel {
  readonly name: string;
  /** Accepts a batch; resolves once it is durably queued or delivered. Never throws. */
  deliver(batch: AlertBatch): Promise<void>;
}

/** An event before the sink stamps it: id always, time and host (default local) when absent. */
export type NewEventRecord = Omit<EventRecord, 'id' | 'time' | 'host'> & {
  time?: number;
  host?: HostId;
};

/** Where events go: the event log (file + memory) and the UI. */
export interface EventSink {
  emit(event: NewEventRecord): EventRecord;
}

/** Where secrets live: Electron safeStorage in the tray app, a 0600 file or env in the agent. */
export interface SecretStore {
  /** How well the platform protects the secret, shown to the user. */
  readonly kind: 'encrypted' | 'obscured' | 'file' | 'environment';
  get(name: SecretName): Promise<string | undefined>;
  /** Stores a secret; null deletes it. */
  set(name: SecretName, value: string | null): Promise<void>;
}

/** The result of loading settings. */
export interface LoadedSettings {
  readonly settings: Settings;
  /** Set when the file was corrupt or unreadable and defaults are in use; says where the backup is. */
  readonly problem?: string;
  /** The same problem as a notice code (`settings-corrupt`), for the UI's own language. */
  readonly problemCode?: NoticeCode;
  /** Values of the code's sentence, e.g. `{ path, cause: 'not-json', backup }`. */
  readonly problemParams?: NoticeParams;
}

/** The settings file: atomic writes, versioned with migrations, corrupt files kept as backups. */
export interface SettingsStorePort {
  readonly path: string;
  load(): Promise<LoadedSettings>;
  save(settings: Settings): Promise<void>;
}

/** Scoped logger (electron-log in the adapters). Never pass secrets. */
export interface Logger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** The persisted event log. */
export interface EventLogPort {
  append(event: EventRecord): void;
  /** Newest first. */
  recent(filter: { limit: number; severity?: string; metric?: string }): EventRecord[];
  /** The file cannot be written right now (events kept in memory), or null. */
  problem?(): PersistProblem | null;
}

/** A metrics line writer (JSON lines at the configured cadence). */
export interface MetricsLogPort {
  write(snapshot: Snapshot): void;
}

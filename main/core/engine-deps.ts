/**
 * What the engine needs from the world: the ports it is built with. Adapters implement them in
 * main/adapters/compose.ts; tests pass fakes.
 */
import type {
  CheckStatus,
  DeliveryProof,
  SelfCost,
  Status,
  TestEmailResult,
} from '../shared/contract';
import type { Settings } from '../shared/settings';
import type { CheckRunnerPort } from './check-run';
import type { AlertmanagerProbe, ConnectionProbe } from './connection-test';
import type { History } from './history';
import type { PersistProblem } from './persistence-health';
import type {
  BatchContext,
  Channel,
  Clock,
  EventLogPort,
  EventSink,
  Logger,
  MetricsLogPort,
  SamplerPort,
  SecretStore,
  SettingsStorePort,
} from './ports';

/** Persists the engine's small runtime state (controls, rule and policy state). */
export interface StateStorePort {
  /** Where the state is kept, for the notice when it cannot be written. */
  readonly path?: string;
  load(): Promise<unknown>;
  save(state: unknown): Promise<void>;
}

/** Persists history cheaply per tick and fully on close. */
export interface HistoryPersistencePort {
  afterAppend(history: History): void;
  close(history: History): Promise<void>;
  /** History cannot be written right now (it is kept and retried), or null. */
  problem?(): PersistProblem | null;
}

/** The email channel: a durable outbox plus the test path. */
export interface EmailChannelPort extends Channel {
  sendTest(context: BatchContext): Promise<TestEmailResult>;
  pending(): number;
  /** Problems to show in status, e.g. a permanent SMTP failure. */
  notices?(): readonly Status['notices'][number][];
  /** Queues permanently failed emails again; called when the SMTP settings change. */
  retryFailed?(): Promise<number>;
  /** Proof of delivery: the last accepted email, failing since when and why. */
  delivery?(): DeliveryProof;
}

/** Everything the engine needs from the world. */
export interface EngineDeps {
  readonly clock: Clock;
  readonly sampler: SamplerPort;
  readonly settingsStore: SettingsStorePort;
  readonly secrets: SecretStore;
  readonly history: History;
  readonly historyStore: HistoryPersistencePort;
  readonly state: StateStorePort;
  readonly eventLog: EventLogPort;
  readonly events: EventSink;
  readonly metricsLog: MetricsLogPort;
  readonly logger: Logger;
  readonly email?: EmailChannelPort;
  readonly channels?: readonly Channel[];
  /** Minutes since local midnight for a wall-clock time (quiet hours). */
  readonly localMinutes?: (now: number) => number;
  /** Called after settings change, so adapters (logs, sampler) can follow. */
  readonly onSettings?: (settings: Settings) => void;
  /** Host label override (e.g. from the command line). */
  readonly displayName?: string;
  /** Renders the Prometheus rules file of the settings (issue 10's download); absent: unavailable. */
  readonly promRules?: (settings: Settings) => string;
  /** Hostwatch's own cost since the last call (self-cost-proc.ts), or null before it is known. */
  readonly selfCost?: () => SelfCost | null;
  /** Endpoint checks and their last results, for status and emails (issue 9). */
  readonly checks?: () => readonly CheckStatus[];
  /** Runs endpoint checks on demand (the `runCheck` operation); absent: unavailable. */
  readonly checkRunner?: CheckRunnerPort;
  /** Settings → Servers: tests a remote agent (adapters/fleet/probe.ts); absent: unavailable. */
  readonly probeConnection?: ConnectionProbe;
  /** … and an Alertmanager (adapters/fleet/alertmanager-probe.ts); absent: unavailable. */
  readonly probeAlertmanager?: AlertmanagerProbe;
}

/** Minutes since local midnight, using the process time zone. */
export function defaultLocalMinutes(now: number): number {
  const d = new Date(now);
  return d.getHours() * 60 + d.getMinutes();
}

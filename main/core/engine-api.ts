/**
 * The contract's API over the engine: every input is parsed with its schema from the contract,
 * and every answer is a {@link Result}. Host-scoped operations go through the {@link HostRouter}
 * (default host: local), where the engine itself is registered as the local host. Both
 * transports (IPC, HTTP) sit on top of this.
 */
import {
  LOCAL_HOST_ID,
  parseInput,
  type BacktestAnswer,
  type EventRecord,
  type HistoryResponse,
  type HostId,
  type HostScopedOperation,
  type HostwatchApi,
  type OperationInput,
  type OperationName,
  type OperationOutputs,
  type PromRulesFile,
  type Range,
  type Result,
  type SettingsView,
  type SnoozeState,
  type Status,
  type TestEmailResult,
  type AlertState,
  type CheckHostAnswer,
  type CheckRunAnswer,
  type ConnectionTestResult,
} from '../shared/contract';
import type { Rule } from '../shared/settings';
import type { BacktestRange } from './backtest';
import type { AckSource } from '../shared/contract';
import type { AckOutcome } from './ack-command';
import type { SnoozeDuration } from './controls';
import { localFleetHost } from './fleet';
import type { HostHandler, HostRouter, HostlessInput } from './host-router';

/** What the engine pushes itself (the fleet is the router's). */
export interface EnginePushEvents {
  status: Status;
  event: EventRecord;
}

/** The engine's commands, called with parsed input. */
export interface EngineCommands {
  currentStatus(): Status | null;
  queryHistory(metric: readonly string[], range: Range): HistoryResponse;
  /** Series with history or a current value, for refusing keys that name nothing. */
  knownSeries(): readonly string[];
  /** Ids of the configured rules, for refusing a snooze of a rule that does not exist. */
  ruleIds(): readonly string[];
  recentEvents(filter: HostlessInput<'getEvents'>): EventRecord[];
  settingsView(): Promise<SettingsView>;
  saveSettings(input: OperationInput<'saveSettings'>): Promise<Result<SettingsView>>;
  sendTestEmail(): Promise<TestEmailResult>;
  snooze(ruleId: string | null, duration: SnoozeDuration): SnoozeState;
  setMaintenance(minutes: number): number | null;
  setPaused(paused: boolean): boolean;
  /** What `rule` would have done over the stored history (issue 11). */
  runBacktest(rule: Rule, range: BacktestRange): BacktestAnswer;
  /** The Prometheus rules file of the current settings, or null when unavailable (issue 10). */
  exportRules(): PromRulesFile | null;
  /** Acknowledges (`set`) or takes back (`clear`) one firing instance's acknowledgement. */
  acknowledge(
    ruleId: string,
    series: string,
    note: string | undefined,
    by: AckSource,
    take: 'set' | 'clear',
  ): AckOutcome;
  /** Runs a saved check or tries an unsaved one (issue 9). */
  runCheck(input: OperationInput<'runCheck'>): Promise<Result<CheckRunAnswer>>;
  /** Where a check's host goes (the form's link-local warning). */
  resolveCheckHost(input: OperationInput<'resolveCheckHost'>): Promise<Result<CheckHostAnswer>>;
  /** Settings → Servers: tests a remote agent's address, pin and token (connection-test.ts). */
  testConnection(input: OperationInput<'testConnection'>): Promise<Result<ConnectionTestResult>>;
  /** … and an Alertmanager's address, pin and login (issue 10). */
  testAlertmanager(
    input: OperationInput<'testAlertmanager'>,
  ): Promise<Result<ConnectionTestResult>>;
  subscribe<E extends keyof EnginePushEvents>(
    event: E,
    listener: (payload: EnginePushEvents[E]) => void,
  ): () => void;
}

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

/** An `invalid` answer naming the one field at fault. */
const invalid = (path: string, message: string): Promise<Result<never>> =>
  Promise.resolve({ ok: false, error: { code: 'invalid', message, fields: [{ path, message }] } });

/** The engine's own host-scoped operations: the local host's handler. */
export function localHostHandler(engine: EngineCommands): HostHandler {
  return {
    getStatus: () => {
      const status = engine.currentStatus();
      return status
        ? ok(status)
        : Promise.resolve({
            ok: false,
            error: { code: 'unavailable', message: 'The engine is starting' },
          });
    },
    getHistory: (input) => {
      const known = engine.knownSeries();
      const unknown = input.metric.filter((k) => !known.includes(k));
      if (unknown.length > 0) {
        const message =
          `Unknown series ${unknown.map((k) => `"${k}"`).join(', ')}; ` +
          (known.length ? `known series are ${known.join(', ')}` : 'no series has data yet');
        return invalid('metric', message);
      }
      return ok(engine.queryHistory(input.metric, input.range));
    },
    getEvents: (input) => ok(engine.recentEvents(input)),
    snooze: (input) => {
      const ids = engine.ruleIds();
      if (input.ruleId !== undefined && !ids.includes(input.ruleId)) {
        return invalid(
          'ruleId',
          `No rule "${input.ruleId}"; the rules are ${ids.length ? ids.join(', ') : '(none)'}`,
        );
      }
      return ok(engine.snooze(input.ruleId ?? null, input.duration));
    },
    setMaintenance: (input) => ok({ maintenanceUntil: engine.setMaintenance(input.minutes) }),
    setPaused: (input) => ok({ paused: engine.setPaused(input.paused) }),
    backtest: (input) => ok(engine.runBacktest(input.rule, input.range)),
    // acknowledge
    acknowledge: (input) =>
      Promise.resolve(
        engine.acknowledge(input.ruleId, input.series, input.note, input.by, 'set'),
      ).then(plain),
    unacknowledge: (input) =>
      Promise.resolve(
        engine.acknowledge(input.ruleId, input.series, undefined, input.by, 'clear'),
      ).then(plain),
    getSettings: async () => ({ ok: true, value: await engine.settingsView() }),
    saveSettings: (input) => engine.saveSettings(input),
    sendTestEmail: async () => ({ ok: true, value: await engine.sendTestEmail() }),
    exportRules: () => {
      const file = engine.exportRules();
      return file
        ? ok(file)
        : Promise.resolve({
            ok: false,
            error: { code: 'unavailable', message: 'This build cannot export Prometheus rules' },
          });
    },
    runCheck: (input) => engine.runCheck(input),
    testConnection: (input) => engine.testConnection(input),
  };
}

/** The command's outcome as a contract result (the event stays with the engine). */
function plain(outcome: AckOutcome): Result<AlertState> {
  return outcome.ok ? { ok: true, value: outcome.value } : outcome;
}

/** Splits a parsed host-scoped input into its host (default local) and the rest. */
function splitHost<K extends HostScopedOperation>(
  input: OperationInput<K>,
): { host: HostId; rest: HostlessInput<K> } {
  const { host, ...rest } = input ?? {};
  return { host: host ?? LOCAL_HOST_ID, rest: rest as HostlessInput<K> };
}

/**
 * Builds the contract's API over the engine's commands, registering the engine as the local
 * host of `router` (which answers every host-scoped operation).
 */
export function createEngineApi(engine: EngineCommands, router: HostRouter): HostwatchApi {
  router.register(LOCAL_HOST_ID, {
    handler: localHostHandler(engine),
    summary: () => {
      const status = engine.currentStatus();
      return status ? localFleetHost(status) : null;
    },
  });
  // Every status of the local host may change its line in the fleet.
  engine.subscribe('status', () => router.refresh());

  const routed =
    <K extends HostScopedOperation>(name: K) =>
    (raw: unknown): Promise<Result<OperationOutputs[K]>> => {
      const input = parseInput(name, raw);
      if (!input.ok) return Promise.resolve(input);
      const { host, rest } = splitHost<K>(input.value);
      return router.call(name, host, rest);
    };
  const global =
    <K extends OperationName>(
      name: K,
      run: (input: OperationInput<K>) => Promise<Result<OperationOutputs[K]>>,
    ) =>
    (raw: unknown): Promise<Result<OperationOutputs[K]>> => {
      const input = parseInput(name, raw);
      return input.ok ? run(input.value) : Promise.resolve(input);
    };

  return {
    getStatus: routed('getStatus'),
    getFleet: global('getFleet', () => ok(router.fleet())),
    getHistory: routed('getHistory'),
    getEvents: routed('getEvents'),
    getSettings: routed('getSettings'),
    saveSettings: routed('saveSettings'),
    sendTestEmail: routed('sendTestEmail'),
    snooze: routed('snooze'),
    setMaintenance: routed('setMaintenance'),
    setPaused: routed('setPaused'),
    backtest: routed('backtest'),
    exportRules: routed('exportRules'),
    acknowledge: routed('acknowledge'),
    unacknowledge: routed('unacknowledge'),
    // Alertmanager as a source (issue 10): the router finds the source that can silence.
    silence: global('silence', ({ host, ...rest }) => router.silence(host, rest)),
    // Endpoint checks (issue 9).
    runCheck: routed('runCheck'),
    resolveCheckHost: global('resolveCheckHost', (input) => engine.resolveCheckHost(input)),
    testConnection: routed('testConnection'),
    testAlertmanager: global('testAlertmanager', (input) => engine.testAlertmanager(input)),
    on: (event, listener) => {
      if (event === 'fleet') {
        return router.onFleet(listener as (payload: OperationOutputs['getFleet']) => void);
      }
      return engine.subscribe(
        event,
        listener as (payload: EnginePushEvents[keyof EnginePushEvents]) => void,
      );
    },
  };
}

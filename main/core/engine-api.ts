/**
 * The contract's API over the engine: one typed handler per operation of the contract, called
 * with its parsed input and answering a {@link Result}. Host-scoped operations go through the
 * {@link HostRouter} (default host: local), where the engine's own handlers are registered as
 * the local host; the rest are this instance's (engine-commands.ts), the fleet's and the
 * Alertmanager sources'. Both transports (IPC, HTTP) are generated from this table, and
 * {@link clientApi} gives in-process callers (tray menu, notifications, tests) the same; all of
 * them reach a handler through {@link callOperation}, the one place an input is parsed.
 */
import {
  LOCAL_HOST_ID,
  OPERATION_NAMES,
  parseInput,
  type EventRecord,
  type HostId,
  type HostScopedOperation,
  type HostwatchApi,
  type OperationInput,
  type OperationName,
  type OperationOutputs,
  type Result,
  type Status,
} from '../shared/contract';
import { instanceHandlers, localHostHandler, type CommandContext } from './engine-commands';
import { localFleetHost } from './fleet';
import type { HostRouter, HostlessInput } from './host-router';

/** What the engine pushes itself (the fleet is the router's). */
export interface EnginePushEvents {
  status: Status;
  event: EventRecord;
}

/** One handler per operation, called with the input its contract schema has parsed. */
export type OperationHandlers = {
  readonly [K in OperationName]: (input: OperationInput<K>) => Promise<Result<OperationOutputs[K]>>;
};

/** What the transports serve: the handler table and the push events. */
export type EngineApi = OperationHandlers & Pick<HostwatchApi, 'on'>;

/** The engine's parts the table needs beyond its commands' context. */
export interface EngineApiContext extends CommandContext {
  subscribe<E extends keyof EnginePushEvents>(
    event: E,
    listener: (payload: EnginePushEvents[E]) => void,
  ): () => void;
}

/** Splits a parsed host-scoped input into its host (default local) and the rest. */
function splitHost<K extends HostScopedOperation>(
  input: OperationInput<K>,
): { host: HostId; rest: HostlessInput<K> } {
  const { host, ...rest } = input ?? {};
  return { host: host ?? LOCAL_HOST_ID, rest: rest as HostlessInput<K> };
}

/**
 * Builds the handler table over the engine, registering the engine as the local host of
 * `router` (which answers every host-scoped operation).
 */
export function createEngineApi(ctx: EngineApiContext, router: HostRouter): EngineApi {
  router.register(LOCAL_HOST_ID, {
    handler: localHostHandler(ctx),
    summary: () => {
      const status = ctx.status();
      return status ? localFleetHost(status) : null;
    },
  });
  // Every status of the local host may change its line in the fleet.
  ctx.subscribe('status', () => router.refresh());

  const routed =
    <K extends HostScopedOperation>(name: K) =>
    (input: OperationInput<K>): Promise<Result<OperationOutputs[K]>> => {
      const { host, rest } = splitHost<K>(input);
      return router.call(name, host, rest);
    };

  return {
    getStatus: routed('getStatus'),
    getFleet: () => Promise.resolve({ ok: true, value: router.fleet() }),
    getHistory: routed('getHistory'),
    getEvents: routed('getEvents'),
    snooze: routed('snooze'),
    setMaintenance: routed('setMaintenance'),
    setPaused: routed('setPaused'),
    backtest: routed('backtest'),
    acknowledge: routed('acknowledge'),
    unacknowledge: routed('unacknowledge'),
    // A host's settings and its Settings view's actions (issue 8): a watched host's are its own.
    getSettings: routed('getSettings'),
    saveSettings: routed('saveSettings'),
    sendTestEmail: routed('sendTestEmail'),
    exportRules: routed('exportRules'),
    runCheck: routed('runCheck'),
    testConnection: routed('testConnection'),
    testAlertmanager: routed('testAlertmanager'),
    ...instanceHandlers(ctx),
    // Alertmanager as a source (issue 10): the router finds the source that can silence.
    silence: ({ host, ...rest }) => router.silence(host, rest),
    on: (event, listener) => {
      if (event === 'fleet') {
        return router.onFleet(listener as (payload: OperationOutputs['getFleet']) => void);
      }
      return ctx.subscribe(
        event,
        listener as (payload: EnginePushEvents[keyof EnginePushEvents]) => void,
      );
    },
  };
}

/**
 * Parses a raw input with its operation's contract schema and calls that operation's handler;
 * an input the schema refuses is answered `invalid` with field messages and never reaches it.
 */
export function callOperation(
  api: OperationHandlers,
  name: OperationName,
  raw: unknown,
): Promise<Result<unknown>> {
  const input = parseInput(name, raw);
  if (!input.ok) return Promise.resolve(input);
  // A mapped type indexed by a union key loses its correlation; the input is this name's.
  const handler = api[name] as (input: unknown) => Promise<Result<unknown>>;
  return handler(input.value);
}

/** The contract API over a table for in-process callers: each input parsed, then handled. */
export function clientApi(api: EngineApi): HostwatchApi {
  const entries = OPERATION_NAMES.map((name) => [
    name,
    (raw: unknown) => callOperation(api, name, raw),
  ]);
  return { ...(Object.fromEntries(entries) as Omit<HostwatchApi, 'on'>), on: api.on };
}

/**
 * The engine's status builder: what the tray and every UI see of the local host after a tick
 * (overall health, alerts with their snooze and acknowledgement, notices, thresholds), and the
 * context a batch of messages is written in, from the parts the engine (engine.ts) hands in; and
 * the fan-out that pushes status and events to subscribers.
 */
import { LOCAL_HOST_ID } from '../shared/contract';
import type {
  AlertState,
  Notice,
  NoticeCode,
  NoticeParams,
  SelfCost,
  Status,
  StatusForecast,
} from '../shared/contract';
import { errorText } from '../shared/errors';
import type { HostInfo, Snapshot } from '../shared/metrics';
import type { Settings } from '../shared/settings';
import type { Acknowledgements } from './acks';
import { isSnoozed, type Controls } from './controls';
import type { EnginePushEvents } from './engine-api';
import type { EngineDeps } from './engine-deps';
import { overallHealth } from './health';
import { persistenceNotices, type PersistProblem } from './persistence-health';
import type { BatchContext, Logger } from './ports';
import type { RuleEngine } from './rules';

/** The engine's parts a status (or a batch context) is built from. */
export interface StatusParts {
  readonly deps: EngineDeps;
  readonly settings: Settings;
  readonly host: HostInfo;
  readonly rules: RuleEngine;
  readonly controls: Controls;
  readonly acks: Acknowledgements;
  readonly lastSnapshot: Snapshot | null;
  /** Monotonic time of the last sample, or null before the first. */
  readonly lastSampleMono: number | null;
  /** The engine's own notices (settings, sampler, logs, …). */
  readonly notices: Iterable<Notice>;
  /** The state file cannot be written right now, or null. */
  readonly stateProblem: PersistProblem | null;
  readonly startedAt: number;
  readonly forecasts: readonly StatusForecast[];
}

/** The host's name as shown: the settings' display name, the shell's override, the hostname. */
export function hostLabel(p: Pick<StatusParts, 'settings' | 'deps' | 'host'>): string {
  return p.settings.general.displayName || p.deps.displayName || p.host.hostname;
}

/** The context a batch of messages is written in (host, language, processes, checks). */
export function batchContext(p: StatusParts): BatchContext {
  return {
    hostname: hostLabel(p),
    dashboardUrl: p.settings.general.dashboardUrl,
    language: p.settings.general.language,
    processes: p.lastSnapshot?.processes ?? null,
    createdAt: p.deps.clock.now(),
    ...(p.deps.checks ? { checks: p.deps.checks() } : {}),
  };
}

/** Sampling has produced nothing for three intervals (at least 10 s) while not paused. */
function isStale(p: StatusParts): boolean {
  if (p.controls.state.paused || p.lastSampleMono === null) return false;
  const limit = Math.max(10_000, 3 * p.settings.sampling.intervalSeconds * 1_000);
  return p.deps.clock.monotonic() - p.lastSampleMono > limit;
}

/** The local host's status now. */
export function buildStatus(p: StatusParts): Status {
  const { deps } = p;
  const now = deps.clock.now();
  const snooze = p.controls.snooze(now);
  const alerts = p.rules.states().map((a): AlertState => {
    const acknowledged = a.state === 'firing' ? p.acks.get(a) : undefined;
    return {
      ...a,
      snoozed: isSnoozed(snooze, a.ruleId),
      ...(acknowledged ? { acknowledged } : {}),
    };
  });
  const stale = isStale(p);
  const paused = p.controls.state.paused;
  return {
    hostId: LOCAL_HOST_ID,
    host: { ...p.host, displayName: hostLabel(p) },
    health: paused ? 'unknown' : overallHealth({ alerts, hasData: p.lastSnapshot !== null, stale }),
    paused,
    stale,
    snapshot: p.lastSnapshot,
    alerts,
    snooze,
    maintenanceUntil: p.controls.maintenanceUntil(now),
    notices: [
      ...p.notices,
      ...(deps.email?.notices?.() ?? []),
      ...persistenceNotices({
        state: p.stateProblem,
        history: deps.historyStore.problem?.(),
        events: deps.eventLog.problem?.(),
      }),
    ],
    thresholds: p.rules.thresholds(),
    startedAt: p.startedAt,
    language: p.settings.general.language,
    forecasts: p.forecasts,
    ...(deps.email?.delivery ? { delivery: deps.email.delivery() } : {}),
    ...selfCostField(deps),
    ...(deps.checks ? { checks: deps.checks() } : {}),
  };
}

function selfCostField(deps: EngineDeps): { selfCost?: SelfCost } {
  const cost = deps.selfCost?.() ?? null;
  return cost ? { selfCost: cost } : {};
}

/** A notice as status shows it; `code` and `params` let a UI say it in its own language. */
export function makeNotice(
  id: string,
  level: Notice['level'],
  message: string,
  time: number,
  code?: NoticeCode,
  params?: NoticeParams,
): Notice {
  return {
    id,
    level,
    message,
    time,
    ...(code === undefined ? {} : { code }),
    ...(params === undefined ? {} : { params }),
  };
}

type Listener<E extends keyof EnginePushEvents> = (payload: EnginePushEvents[E]) => void;

/** Fans the engine's pushed status and events out; a throwing listener is logged, never fatal. */
export class PushFanout {
  private readonly listeners = {
    status: new Set<Listener<'status'>>(),
    event: new Set<Listener<'event'>>(),
  };

  constructor(private readonly logger: Logger) {}

  /** Subscribes to pushed status or events; returns the unsubscribe function. */
  subscribe<E extends keyof EnginePushEvents>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners[event] as Set<Listener<E>>;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Calls every listener of `event`. */
  push<E extends keyof EnginePushEvents>(event: E, payload: EnginePushEvents[E]): void {
    for (const l of this.listeners[event] as Set<Listener<E>>) {
      try {
        l(payload);
      } catch (err) {
        this.logger.error('Listener failed', errorText(err));
      }
    }
  }
}

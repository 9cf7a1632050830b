/**
 * The fleet service of one watcher: one follower per enabled server in `settings.fleet.servers`
 * (added, removed and retargeted as settings change, without a restart), feeding the fleet
 * model (core/fleet-model.ts), the host router (a remote host answers through forward.ts) and
 * the engine's liveness series `fleet.silence_s{<id>}` after every tick.
 *
 * Guarantees:
 * - A remote alert event is recorded in this watcher's event log and pushed (with `host`) once
 *   per event id, across reconnects (the follower resumes with Last-Event-ID and de-duplicates)
 *   and restarts (the last event id per host is saved in `statePath`).
 * - A remote host's alerts are never emailed here (events go to the log and the UI only; the
 *   remote agent sends its own email). Only this watcher's own "unreachable" alerts are.
 * - A host some page shows (see {@link FleetService.show}, counted per host) is followed with the
 *   full stream and its every status is passed to those pages; every other host with the
 *   summary stream. The last page gone, the host drops back to the summary stream.
 * - Tokens come from the secret store (`host-token:<id>`) and are never logged.
 */
import { networkInterfaces } from 'node:os';
import type { AlertState, EventRecord, HostId, Status } from '../../shared/contract';
import { summarize } from '../../shared/host-summary';
import { hostTokenSecret, type Server, type Settings } from '../../shared/settings';
import type { WatchTarget } from '../../shared/watch-target';
import type { HostRouter } from '../../core/host-router';
import { FleetModel, silenceKey } from '../../core/fleet-model';
import { isOffline, OFFLINE_MESSAGE } from '../../core/fleet-offline';
import { UNREACHABLE_RULE_ID } from '../../core/fleet-rules';
import { ShownHosts } from '../../core/shown-hosts';
import type { EventSink, Logger, NoticeSink, SecretStore, StateStorePort } from './service-ports';
import { followHost, type FollowOptions, type HostFollower } from './follow-host';
import { forwardingHandler } from './forward';

/** Most milliseconds between a follower's news and the fleet's refresh. */
export const REFRESH_COALESCE_MS = 250;

/** External-series source id of the fleet's liveness values. */
export const FLEET_SOURCE_ID = 'fleet';

/** What the fleet service needs from its watcher. */
export interface FleetServiceDeps {
  readonly hosts: HostRouter;
  setExternal(sourceId: string, values: Record<string, number | null>): void;
  clearExternal(sourceId: string): void;
  readonly notices: NoticeSink;
  readonly events: EventSink;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  /** Where the last event id per host is kept. */
  readonly state: StateStorePort;
  readonly monotonic: () => number;
  readonly now: () => number;
  /** Whether this machine has a network of its own (default: a non-loopback address). */
  readonly ownNetwork?: () => boolean | null;
  readonly followOptions?: FollowOptions;
}

/** A running fleet service. */
export interface FleetService {
  /** Follows the enabled servers of these settings (call at start and on every change). */
  apply(settings: Settings): Promise<void>;
  /** After each tick: feeds the silence series and refreshes the fleet from this status. */
  tick(localAlerts: readonly AlertState[]): void;
  /**
   * One page shows host `id`: follows it with the full stream and calls `onStatus` with each of
   * its statuses (its `hostId` is `id`) until the returned release is called.
   */
  show(id: HostId, onStatus: (status: Status) => void): () => void;
  /** The hosts some page shows now (each followed with the full stream). */
  shown(): ReadonlySet<HostId>;
  /** The model (for tests and the metrics). */
  readonly model: FleetModel;
  stop(): Promise<void>;
}

interface Followed {
  readonly key: string;
  readonly target: WatchTarget;
  readonly follower: HostFollower;
  readonly unregister: () => void;
}

/** Whether any interface other than loopback has an address. */
export function hasOwnNetwork(): boolean {
  return Object.values(networkInterfaces()).some((list) =>
    (list ?? []).some((i) => !i.internal && i.address !== ''),
  );
}

/** The target of a configured server with its token. */
export function serverTarget(server: Server, token: string): WatchTarget {
  const u = new URL(server.url);
  return {
    url: `${u.protocol}//${u.host}`,
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: Number(u.port),
    tls: u.protocol === 'https:',
    token,
    fingerprint: server.fingerprint,
    trustSystemCa: server.trustSystemCa,
    notes: [],
  };
}

/** Starts the fleet service (it follows nothing until {@link FleetService.apply}). */
export async function createFleetService(deps: FleetServiceDeps): Promise<FleetService> {
  const model = new FleetModel();
  const followed = new Map<HostId, Followed>();
  const ownNetwork = deps.ownNetwork ?? hasOwnNetwork;
  let unreachableAfterMs = 60_000;
  let offline = false;
  let watcherAlerts: readonly AlertState[] = [];
  const viewers = new Map<HostId, Set<(status: Status) => void>>();
  const shown = new ShownHosts((ids) => {
    for (const [id, f] of followed) f.follower.setView(ids.has(id) ? 'full' : 'summary');
  });
  const lastIds: Record<string, string> = await loadLastIds(deps);
  let savePending = false;

  const saveLastIds = (): void => {
    if (savePending) return;
    savePending = true;
    setTimeout(() => {
      savePending = false;
      deps.state
        .save({ lastEventIds: lastIds })
        .catch((err: unknown) => deps.logger.warn('Fleet state not saved', String(err)));
    }, 200).unref();
  };

  // Follower news (a summary, a connect, a problem) refreshes the fleet at most every
  // REFRESH_COALESCE_MS: a refresh rebuilds every host's line, and 200 hosts send 40 summaries
  // a second, which made the hub's CPU grow with the square of its hosts (bench:fleet).
  let refreshTimer: NodeJS.Timeout | null = null;
  const refreshSoon = (): void => {
    if (refreshTimer !== null) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      deps.hosts.refresh();
    }, REFRESH_COALESCE_MS);
    refreshTimer.unref();
  };

  const alertsOf = (id: HostId): AlertState[] =>
    watcherAlerts.filter((a) => a.ruleId === UNREACHABLE_RULE_ID && a.series === silenceKey(id));

  const onEvent = (id: HostId, record: EventRecord, streamId: string | null): void => {
    if (streamId !== null) {
      lastIds[id] = streamId;
      saveLastIds();
    }
    // Only what the remote agent said about itself; its own host id is replaced by ours for it.
    const { id: _remoteId, host: _remoteHost, ...rest } = record;
    deps.events.emit({ ...rest, host: id });
  };

  const startFollowing = (server: Server, target: WatchTarget, key: string): Followed => {
    const id = server.id;
    model.upsert({ id, name: server.name, kind: 'agent', url: target.url }, deps.monotonic());
    let follower: HostFollower | null = null;
    follower = followHost(
      target,
      {
        onSummary: (s) => {
          model.summary(id, s, deps.now(), deps.monotonic());
          refreshSoon();
        },
        // The full stream sends statuses instead of summaries: the fleet line is made from them.
        onStatus: (given) => {
          const status = given.hostId === id ? given : { ...given, hostId: id };
          model.summary(id, summarize(status), deps.now(), deps.monotonic());
          refreshSoon();
          for (const l of viewers.get(id) ?? []) l(status);
        },
        onEvent: (e) => onEvent(id, e, follower?.lastEventId() ?? null),
        onLiveness: () => model.heard(id, deps.now(), deps.monotonic()),
        onConnected: () => {
          model.heard(id, deps.now(), deps.monotonic());
          deps.logger.info(`Following ${target.url} (${id})`);
          refreshSoon();
        },
        onProblem: (p) => {
          const before = model.get(id)?.problem?.code;
          model.failed(id, { code: p.code, message: p.message });
          if (before !== p.code) deps.logger.warn(`Host ${id}: ${p.message}`);
          refreshSoon();
        },
      },
      {
        ...deps.followOptions,
        view: shown.count(id) > 0 ? 'full' : 'summary',
        lastEventId: lastIds[id] ?? null,
      },
    );
    const unregister = deps.hosts.register(id, {
      handler: forwardingHandler(() => followed.get(id)?.target ?? null),
      summary: () =>
        model.fleetHost(id, deps.monotonic(), unreachableAfterMs, offline, alertsOf(id)),
    });
    return { key, target, follower, unregister };
  };

  const stopFollowing = (id: HostId): void => {
    const f = followed.get(id);
    if (!f) return;
    f.follower.stop();
    f.unregister();
    followed.delete(id);
    model.remove(id);
  };

  return {
    model,
    async apply(settings) {
      unreachableAfterMs = settings.fleet.unreachableAfterSeconds * 1_000;
      const wanted = settings.fleet.servers.filter((s) => s.enabled);
      const wantedIds = new Set(wanted.map((s) => s.id));
      for (const id of [...followed.keys()]) if (!wantedIds.has(id)) stopFollowing(id);
      for (const server of wanted) {
        const token = (await deps.secrets.get(hostTokenSecret(server.id))) ?? '';
        const target = serverTarget(server, token);
        const key = JSON.stringify([target.url, target.fingerprint, target.trustSystemCa, token]);
        const now = followed.get(server.id);
        if (now && now.key === key) {
          model.upsert({ id: server.id, name: server.name, kind: 'agent', url: target.url }, 0);
          continue;
        }
        if (now) stopFollowing(server.id);
        followed.set(server.id, startFollowing(server, target, key));
      }
      deps.hosts.refresh();
    },
    tick(localAlerts) {
      watcherAlerts = localAlerts;
      const was = offline;
      offline = followed.size > 0 && isOffline(ownNetwork(), model.all());
      if (offline !== was) {
        deps.notices.addNotice(
          'fleet-offline',
          'warning',
          offline ? OFFLINE_MESSAGE : null,
          'fleet-offline',
        );
        deps.logger.warn(offline ? OFFLINE_MESSAGE : 'This computer is online again');
      }
      if (followed.size === 0) deps.clearExternal(FLEET_SOURCE_ID);
      else deps.setExternal(FLEET_SOURCE_ID, model.silenceValues(deps.monotonic(), offline));
      deps.hosts.refresh();
    },
    show(id, onStatus) {
      let set = viewers.get(id);
      if (!set) viewers.set(id, (set = new Set()));
      const listener = (s: Status): void => onStatus(s);
      set.add(listener);
      const release = shown.show(id);
      return () => {
        set.delete(listener);
        if (set.size === 0 && viewers.get(id) === set) viewers.delete(id);
        release();
      };
    },
    shown: () => shown.ids(),
    async stop() {
      if (refreshTimer !== null) clearTimeout(refreshTimer);
      refreshTimer = null;
      for (const id of [...followed.keys()]) stopFollowing(id);
      await deps.state.save({ lastEventIds: lastIds }).catch(() => undefined);
    },
  };
}

async function loadLastIds(deps: FleetServiceDeps): Promise<Record<string, string>> {
  try {
    const raw = (await deps.state.load()) as { lastEventIds?: unknown } | null | undefined;
    const ids = raw?.lastEventIds;
    if (!ids || typeof ids !== 'object') return {};
    return Object.fromEntries(
      Object.entries(ids as Record<string, unknown>).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    );
  } catch (err) {
    deps.logger.warn('Fleet state not restored', String(err));
    return {};
  }
}

/**
 * The fleet model: what the watcher knows of each remote source (its latest summary, when it
 * last spoke, how its link stands) and what follows from it: the host's line in the fleet
 * summary, and the liveness series `fleet.silence_s{<hostId>}` fed into the engine each tick
 * (external-series.ts), on which the "host-unreachable" rule fires.
 *
 * Silence is counted on the monotonic clock from the last message (a summary, an event or a
 * heartbeat), or from when the source was added if it never spoke, so a host that never answers
 * goes unreachable too. While this computer is offline (fleet-offline.ts) every silence is
 * undefined: no rule moves, so waking a laptop without network raises no storm of alerts.
 */
import type { AlertState, FleetHost, HostId } from '../shared/contract';
import type { SeriesKey } from '../shared/metrics';
import type { HostSummary } from '../shared/protocol';

/** How a source's link stands. */
export type SourceConnection = 'connecting' | 'connected' | 'failing';

/** A problem of a source's link, in words. */
export interface SourceProblem {
  readonly code: string;
  readonly message: string;
}

/** The configuration of one remote source, as the model needs it. */
export interface SourceConfig {
  readonly id: HostId;
  readonly name: string;
  readonly kind: 'agent' | 'alertmanager';
  /** Never with a token. */
  readonly url: string;
}

/** What the model holds for one source. */
export interface SourceState extends SourceConfig {
  readonly summary: HostSummary | null;
  /** Wall-clock ms of the last message, or null before any. */
  readonly lastSeen: number | null;
  /** Monotonic ms of the last message, or of the source's start when it never spoke. */
  readonly lastHeardMono: number;
  readonly connection: SourceConnection;
  readonly problem: SourceProblem | null;
}

/** The series key of one host's silence. */
export function silenceKey(id: HostId): SeriesKey {
  return `fleet.silence_s{${id}}`;
}

/** The remote sources of one watcher. Pure: times are passed in. */
export class FleetModel {
  private readonly sources = new Map<HostId, SourceState>();

  /** Adds a source or updates its name and address (a new address starts a fresh silence). */
  upsert(config: SourceConfig, nowMono: number): void {
    const old = this.sources.get(config.id);
    if (old && old.url === config.url) {
      this.sources.set(config.id, { ...old, ...config });
      return;
    }
    this.sources.set(config.id, {
      ...config,
      summary: null,
      lastSeen: null,
      lastHeardMono: nowMono,
      connection: 'connecting',
      problem: null,
    });
  }

  /** Forgets a source. */
  remove(id: HostId): void {
    this.sources.delete(id);
  }

  /** Ids of the sources, in the order they were added. */
  ids(): HostId[] {
    return [...this.sources.keys()];
  }

  /** One source's state, or undefined. */
  get(id: HostId): SourceState | undefined {
    return this.sources.get(id);
  }

  /** Every source's state. */
  all(): SourceState[] {
    return [...this.sources.values()];
  }

  /** The source said something (a message or a heartbeat): it is alive. */
  heard(id: HostId, nowWall: number, nowMono: number): void {
    const s = this.sources.get(id);
    if (!s) return;
    this.sources.set(id, {
      ...s,
      lastSeen: nowWall,
      lastHeardMono: nowMono,
      connection: 'connected',
      problem: null,
    });
  }

  /** A new summary arrived. */
  summary(id: HostId, summary: HostSummary, nowWall: number, nowMono: number): void {
    this.heard(id, nowWall, nowMono);
    const s = this.sources.get(id);
    if (s) this.sources.set(id, { ...s, summary });
  }

  /** The link failed (the follower keeps trying); the silence keeps counting. */
  failed(id: HostId, problem: SourceProblem): void {
    const s = this.sources.get(id);
    if (s) this.sources.set(id, { ...s, connection: 'failing', problem });
  }

  /** Seconds since each source last spoke; all null while this computer is offline. */
  silenceValues(nowMono: number, offline: boolean): Record<SeriesKey, number | null> {
    const out: Record<SeriesKey, number | null> = {};
    for (const s of this.sources.values()) {
      out[silenceKey(s.id)] = offline ? null : Math.max(0, (nowMono - s.lastHeardMono) / 1_000);
    }
    return out;
  }

  /**
   * One source as the fleet lists it: `unreachable` once silent for `unreachableAfterMs`,
   * `unknown` while offline or before its first summary, else the host's own health.
   * `watcherAlerts` are the watcher's own alerts about this host (its unreachable alert).
   */
  fleetHost(
    id: HostId,
    nowMono: number,
    unreachableAfterMs: number,
    offline: boolean,
    watcherAlerts: readonly AlertState[] = [],
  ): FleetHost | null {
    const s = this.sources.get(id);
    if (!s) return null;
    const silent = nowMono - s.lastHeardMono >= unreachableAfterMs;
    const health = offline
      ? 'unknown'
      : silent
        ? 'unreachable'
        : s.summary === null || s.summary.stale
          ? 'unknown'
          : s.summary.health;
    return {
      id: s.id,
      name: s.name || s.summary?.displayName || s.summary?.hostname || s.id,
      kind: s.kind,
      url: s.url,
      health,
      lastSeen: s.lastSeen,
      alerts: [...watcherAlerts, ...(s.summary?.alerts ?? [])],
      connection: s.connection,
      problem: s.problem,
      ...(s.summary ? { headline: s.summary.headline } : {}),
    };
  }
}

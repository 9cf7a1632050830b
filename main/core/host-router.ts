/**
 * The host router: every host-scoped operation names a host (default the local one) and is
 * answered by that host's handler. Today only the local engine is registered; a remote source
 * joins with one call to {@link HostRouter.register}. An unknown host is answered `not-found`.
 *
 * The router also keeps the fleet summary: {@link HostRouter.refresh} recomputes it from every
 * source and tells the fleet listeners when it changed (see fleet.ts `fleetChanged`).
 */
import type {
  FleetHost,
  FleetSummary,
  HostId,
  HostScopedOperation,
  OperationInput,
  OperationOutputs,
  Result,
} from '../shared/contract';
import { fleetChanged, fleetSummary } from './fleet';

/** A host-scoped operation's parsed input without its `host` (the router has consumed it). */
export type HostlessInput<K extends HostScopedOperation | 'silence'> = Omit<
  NonNullable<OperationInput<K>>,
  'host'
>;

/** The operations one host answers, called with parsed input. */
export type HostHandler = {
  [K in HostScopedOperation]: (input: HostlessInput<K>) => Promise<Result<OperationOutputs[K]>>;
};

/** One watched host: its handler and its line in the fleet summary. */
export interface HostSource {
  readonly handler: HostHandler;
  /** The host as the fleet lists it, or null while it has nothing to say yet (starting). */
  summary(): FleetHost | null;
  /** Silences one of its alerts at the source; only an Alertmanager source has it (issue 10). */
  silence?(input: HostlessInput<'silence'>): Promise<Result<OperationOutputs['silence']>>;
}

/** Dispatches host-scoped operations to per-host handlers and keeps the fleet summary. */
export class HostRouter {
  private readonly sources = new Map<HostId, HostSource>();
  private readonly fleetListeners = new Set<(fleet: FleetSummary) => void>();
  private lastFleet: FleetSummary | null = null;

  /**
   * Registers a host (replacing one of the same id) and announces the new fleet; returns the
   * function that removes it again.
   */
  register(id: HostId, source: HostSource): () => void {
    this.sources.set(id, source);
    this.refresh();
    return () => {
      if (this.sources.get(id) !== source) return;
      this.sources.delete(id);
      this.refresh();
    };
  }

  /** Whether a host of this id is watched. */
  has(id: HostId): boolean {
    return this.sources.has(id);
  }

  /** Calls a host-scoped operation on the host named by `host`. */
  call<K extends HostScopedOperation>(
    name: K,
    host: HostId,
    input: HostlessInput<K>,
  ): Promise<Result<OperationOutputs[K]>> {
    const source = this.sources.get(host);
    if (!source) {
      return Promise.resolve({
        ok: false,
        error: { code: 'not-found', message: `No host "${host}" is watched` },
      });
    }
    // A mapped type indexed by a generic key loses its correlation; the handler is this name's.
    const fn = source.handler[name] as (
      i: HostlessInput<K>,
    ) => Promise<Result<OperationOutputs[K]>>;
    return fn(input);
  }

  /** Silences an alert of the host named by `host`; refused in words if it has no silences. */
  silence(
    host: HostId,
    input: HostlessInput<'silence'>,
  ): Promise<Result<OperationOutputs['silence']>> {
    const source = this.sources.get(host);
    if (!source) {
      return Promise.resolve({
        ok: false,
        error: { code: 'not-found', message: `No host "${host}" is watched` },
      });
    }
    if (!source.silence) {
      return Promise.resolve({
        ok: false,
        error: {
          code: 'invalid',
          message: `"${host}" is not an Alertmanager: only Alertmanager alerts can be silenced (snooze Hostwatch's own)`,
          fields: [{ path: 'host', message: 'Not an Alertmanager source' }],
        },
      });
    }
    return source.silence(input);
  }

  /** The fleet now: every host that has something to say, the local one first. */
  fleet(): FleetSummary {
    const hosts: FleetHost[] = [];
    for (const source of this.sources.values()) {
      const h = source.summary();
      if (h) hosts.push(h);
    }
    return fleetSummary(hosts);
  }

  /** Recomputes the fleet and tells the listeners when it changed; call after a host's news. */
  refresh(): void {
    const next = this.fleet();
    if (!fleetChanged(this.lastFleet, next)) {
      this.lastFleet = next;
      return;
    }
    this.lastFleet = next;
    for (const l of this.fleetListeners) l(next);
  }

  /** Subscribes to fleet changes; returns the unsubscribe function. */
  onFleet(listener: (fleet: FleetSummary) => void): () => void {
    this.fleetListeners.add(listener);
    return () => {
      this.fleetListeners.delete(listener);
    };
  }
}

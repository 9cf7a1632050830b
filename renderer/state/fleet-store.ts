/**
 * The fleet as the dashboard sees it: the summary from `getFleet`, replaced by every `fleet`
 * push, and re-read every few seconds while someone listens (the push comes only when a host's
 * health or alerts change, so "last seen" and the headline values would otherwise go stale).
 * It also keeps a short ring of each host's headline values for the overview's sparklines.
 */
import type { FleetSummary, HostId, HostwatchApi } from '../../main/shared/contract';
import type { HostSparks } from '../components/fleet-overview';

/** Headline points kept per host. */
export const FLEET_SPARK_POINTS = 60;
/** How often the summary is re-read while listened to. */
export const FLEET_REFRESH_MS = 5_000;

/** What the fleet store holds. */
export interface FleetState {
  /** The latest summary, or null before the first answer. */
  readonly fleet: FleetSummary | null;
  /** Why the last read failed, in the transport's words; null when it did not. */
  readonly error: string | null;
  readonly sparks: Readonly<Record<HostId, HostSparks>>;
  /** Wall-clock ms of the last change ("last seen … ago" is counted from it). */
  readonly at: number;
}

/** Holds the fleet summary and fans out changes (for `useSyncExternalStore`). */
export class FleetStore {
  private state: FleetState = { fleet: null, error: null, sparks: {}, at: 0 };
  private readonly listeners = new Set<() => void>();
  private offPush: (() => void) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly rings = new Map<HostId, { cpu: number[]; mem: number[]; disk: number[] }>();

  constructor(
    private readonly api: HostwatchApi,
    private readonly refreshMs = FLEET_REFRESH_MS,
  ) {}

  /** Current state (stable between changes). */
  readonly getState = (): FleetState => this.state;

  /** Subscribes; the first listener starts the push subscription and the refresh. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  };

  /** Reads the summary now. */
  async refresh(): Promise<void> {
    const r = await this.api.getFleet(undefined);
    if (r.ok) this.apply(r.value);
    else this.update({ error: r.error.message });
  }

  /** Applies a summary (pushed or read). */
  apply(fleet: FleetSummary): void {
    const sparks: Record<HostId, HostSparks> = {};
    for (const host of fleet.hosts) {
      let ring = this.rings.get(host.id);
      if (!ring) this.rings.set(host.id, (ring = { cpu: [], mem: [], disk: [] }));
      const h = host.headline;
      if (h) {
        push(ring.cpu, h.cpu);
        push(ring.mem, h.mem);
        push(ring.disk, h.disk?.usedPct ?? null);
      }
      sparks[host.id] = { cpu: [...ring.cpu], mem: [...ring.mem], disk: [...ring.disk] };
    }
    for (const id of [...this.rings.keys()])
      if (!fleet.hosts.some((h) => h.id === id)) this.rings.delete(id);
    this.update({ fleet, error: null, sparks });
  }

  private start(): void {
    this.offPush = this.api.on('fleet', (f) => this.apply(f));
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
  }

  private stop(): void {
    this.offPush?.();
    this.offPush = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private update(patch: Partial<FleetState>): void {
    this.state = { ...this.state, ...patch, at: Date.now() };
    for (const l of this.listeners) l();
  }
}

function push(ring: number[], value: number | null | undefined): void {
  ring.push(value ?? Number.NaN);
  if (ring.length > FLEET_SPARK_POINTS) ring.shift();
}

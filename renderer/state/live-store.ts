/**
 * The live state of the UI outside React: the latest status, the recent events, the connection
 * state and a short ring of recent values per series for sparklines. Components read it through
 * `useSyncExternalStore`; charts subscribe to raw statuses so streaming points never re-render React.
 */
import {
  LOCAL_HOST_ID,
  type EventRecord,
  type HostId,
  type Status,
} from '../../main/shared/contract';
import { seriesHasHistory, type SeriesKey } from '../../main/shared/metrics';
import type { ConnectionState, Transport } from '../api/transport';

/** Points kept per series for sparklines. */
export const SPARK_POINTS = 60;
/** Events kept in memory. */
export const MAX_EVENTS = 1_000;

/** An immutable view of the live state; a new object on every change. */
export interface LiveState {
  readonly status: Status | null;
  readonly events: readonly EventRecord[];
  readonly connection: ConnectionState;
}

/** Fixed-size ring of recent values of one series. */
class Ring {
  private readonly values = new Float64Array(SPARK_POINTS).fill(Number.NaN);
  private next = 0;
  private count = 0;
  /** The last `toArray()` until the next push: an unchanged ring lets a memoized sparkline skip. */
  private snapshot: number[] | null = null;
  push(v: number): void {
    this.values[this.next] = v;
    this.next = (this.next + 1) % SPARK_POINTS;
    this.count = Math.min(this.count + 1, SPARK_POINTS);
    this.snapshot = null;
  }
  /** Values oldest first (the same array while the ring is unchanged). */
  toArray(): number[] {
    if (this.snapshot) return this.snapshot;
    const out: number[] = [];
    for (let i = SPARK_POINTS - this.count; i < SPARK_POINTS; i++) {
      out.push(this.values[(this.next + i) % SPARK_POINTS] ?? Number.NaN);
    }
    return (this.snapshot = out);
  }
}

/** Holds the live state of one host and fans out changes; see live-stores.ts for the map. */
export class LiveStore {
  private state: LiveState;
  private readonly listeners = new Set<() => void>();
  private readonly statusListeners = new Set<(s: Status) => void>();
  private readonly rings = new Map<SeriesKey, Ring>();
  private lastSampleTime = 0;
  private firstSampleTime = 0;
  /** When each series was first seen live (a rate series appears one sample late). */
  private readonly firstSeen = new Map<SeriesKey, number>();
  private readonly backfilled = new Set<SeriesKey>();
  private started = false;
  private backfilling = false;
  private readonly unsubscribers: (() => void)[] = [];

  /**
   * @param transport - the page's transport (shared by every host's store)
   * @param host - the host this store follows; pushes of other hosts are ignored
   */
  constructor(
    readonly transport: Transport,
    readonly host: HostId = LOCAL_HOST_ID,
  ) {
    this.state = { status: null, events: [], connection: transport.connection() };
  }

  /** Loads the first status and events and subscribes to pushed updates. */
  async start(): Promise<void> {
    const { api } = this.transport;
    this.unsubscribers.push(
      api.on('status', (s) => {
        if (s.hostId === this.host) this.setStatus(s);
      }),
      api.on('event', (e) => {
        // An event from an agent older than hosts carries none: it is that agent's own.
        if ((e.host ?? LOCAL_HOST_ID) === this.host) this.addEvent(e);
      }),
      this.transport.onConnection((connection) => this.update({ connection })),
    );
    const [status, events] = await Promise.all([
      api.getStatus(this.hostInput()),
      api.getEvents({ ...this.hostInput(), limit: 500 }),
    ]);
    if (
      status.ok &&
      (this.state.status === null || status.value.snapshot?.time !== this.lastSampleTime)
    ) {
      this.setStatus(status.value);
    }
    if (events.ok) this.mergeEvents(events.value);
    this.started = true;
    await this.backfillSparklines();
  }

  /**
   * Fills the sparkline rings with the last minutes of history, so they do not start empty.
   * Series that appear later (rates have no first reading) are filled when they appear.
   */
  private async backfillSparklines(): Promise<void> {
    const snap = this.state.status?.snapshot;
    if (!snap || this.backfilling) return;
    // A check's phases and status code are current values only: history would refuse them.
    const keys = Object.keys(snap.values)
      .filter((k) => !this.backfilled.has(k) && seriesHasHistory(k))
      .slice(0, 64);
    if (keys.length === 0) return;
    for (const k of keys) this.backfilled.add(k);
    this.backfilling = true;
    try {
      const r = await this.transport.api.getHistory({
        ...this.hostInput(),
        metric: keys,
        range: '5m',
      });
      if (!r.ok) return;
      for (const series of r.value.series) {
        const since = this.firstSeen.get(series.key) ?? this.firstSampleTime;
        const older: number[] = [];
        series.t.forEach((t, i) => {
          const v = series.avg[i];
          if (t < since) older.push(v ?? Number.NaN);
        });
        const ring = new Ring();
        for (const v of [...older, ...(this.rings.get(series.key)?.toArray() ?? [])].slice(
          -SPARK_POINTS,
        ))
          ring.push(v);
        this.rings.set(series.key, ring);
      }
      // A new state object, so subscribers re-render and read the filled rings.
      this.update({});
    } finally {
      this.backfilling = false;
    }
  }

  /** The `host` of this store's requests: none for the local host (every agent's default). */
  private hostInput(): { host?: HostId } | undefined {
    return this.host === LOCAL_HOST_ID ? undefined : { host: this.host };
  }

  /** Stops listening. */
  stop(): void {
    for (const u of this.unsubscribers.splice(0)) u();
  }

  /** Current state (stable between changes, as useSyncExternalStore needs). */
  readonly getState = (): LiveState => this.state;

  /** Subscribes to state changes. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Subscribes to every status as it arrives (for charts that bypass React). */
  onStatus(listener: (s: Status) => void): () => void {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  }

  /** Recent values of a series, oldest first. */
  spark(key: SeriesKey): number[] {
    return this.rings.get(key)?.toArray() ?? [];
  }

  /**
   * Applies a status (pushed or fetched). A remote agent's own answer, forwarded by the watcher,
   * names itself the local host: it is this store's host here, so what acts on it (acknowledge)
   * names the right one.
   */
  setStatus(given: Status): void {
    const status = given.hostId === this.host ? given : { ...given, hostId: this.host };
    const snap = status.snapshot;
    if (snap && snap.time > this.lastSampleTime) {
      this.lastSampleTime = snap.time;
      if (this.firstSampleTime === 0) this.firstSampleTime = snap.time;
      for (const [key, value] of Object.entries(snap.values)) {
        let ring = this.rings.get(key);
        if (!ring) {
          this.rings.set(key, (ring = new Ring()));
          this.firstSeen.set(key, snap.time);
        }
        ring.push(value);
      }
    }
    this.update({ status });
    for (const l of this.statusListeners) l(status);
    if (this.started && snap && Object.keys(snap.values).some((k) => !this.backfilled.has(k))) {
      void this.backfillSparklines();
    }
  }

  /** Adds one pushed event (newest first). */
  addEvent(event: EventRecord): void {
    if (this.state.events.some((e) => e.id === event.id)) return;
    this.update({ events: [event, ...this.state.events].slice(0, MAX_EVENTS) });
  }

  private mergeEvents(list: readonly EventRecord[]): void {
    const byId = new Map<string, EventRecord>();
    // A forwarded remote answer names the remote host "local" (see setStatus).
    const own = list.map((e) => (e.host === this.host ? e : { ...e, host: this.host }));
    for (const e of [...own, ...this.state.events]) byId.set(e.id, e);
    const events = [...byId.values()].sort((a, b) => b.time - a.time).slice(0, MAX_EVENTS);
    this.update({ events });
  }

  private update(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}

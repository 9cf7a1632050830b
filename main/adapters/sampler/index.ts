/**
 * The machine sampler: `createSampler()` implements the SamplerPort.
 *
 * Design (why it looks like this):
 * - On Linux the collectors read /proc and /sys directly (linux.ts): no child process per tick
 *   (systeminformation's Linux calls cost ≈46 ms CPU per tick; strace shows ~140 execve per tick
 *   for them and none for ours). They never block their thread (kernel pseudo-files, plus async
 *   statfs and cmdline reads with their own budgets), so they run on the main thread
 *   (inline-lanes.ts): a worker would isolate nothing and costs about 16 MB of RSS against the
 *   agent's 64 MB budget. `isolation: 'worker'` puts them in one worker lane instead.
 * - systeminformation (elsewhere, or when forced with `source: 'si'`) runs synchronous child
 *   processes (execSync) inside several calls, which blocks whatever thread calls it: its
 *   collectors (si-collectors.ts) run in worker threads ("lanes", lanes.ts), never on the main
 *   thread, in two lanes: the every-tick families apart from the slow, blocking-prone ones
 *   (disk, processes, temperature).
 * - The main thread keeps all policy: cadence per family, one call in flight per family, a
 *   deadline per call (late → the family is `stale`, values withheld; a late answer is
 *   discarded), and rates from cumulative counters (first reading → `pending`), so a recreated
 *   worker loses nothing.
 * - When a call runs for 250 ms, and again when it misses its deadline, its worker is pinged. A
 *   thread that cannot answer is stuck in a synchronous call: its worker is terminated, the overdue family moves to a lane of its own
 *   (so it cannot stall its neighbours again) and is retried with exponential back-off; the
 *   other families get a fresh worker on the next tick. Within a tick the every-tick families
 *   are sent first, so they have answered before a slow neighbour can block the thread.
 * - A tick waits for the every-tick families (up to the deadline) but at most 250 ms for the
 *   slow ones; a slow answer that arrives later, within its deadline, joins the next snapshot.
 * - A family not due this tick (or whose call is still running within its deadline) keeps its
 *   latest values with their original `updatedAt`; it turns `stale` once older than three of
 *   its cadences.
 */
import { cpus, hostname, release, arch } from 'node:os';
import {
  FAMILIES,
  type Family,
  type FamilyState,
  type HostInfo,
  type SeriesKey,
  type Snapshot,
  type TopProcesses,
} from '../../shared/metrics';
import type { Clock, Logger, SamplerOptions, SamplerPort } from '../../core/ports';
import { derive, type TimedReading } from './derive';
import { InlineLanes } from './inline-lanes';
import { LanePool, type CallOutcome, type Lanes } from './lanes';
import { EVERY_TICK, type SamplerFault, type SamplerSource } from './protocol';

export type { SamplerFault, SamplerSource } from './protocol';

/** Cadences used until `configure()` is called (the settings defaults). */
export const DEFAULT_SAMPLER_OPTIONS: SamplerOptions = {
  diskMs: 30_000,
  processesMs: 15_000,
  temperatureMs: 15_000,
  deadlineMs: 5_000,
};

/** Options of {@link createSampler}; cadences default to {@link DEFAULT_SAMPLER_OPTIONS}. */
export interface CreateSamplerOptions extends Partial<SamplerOptions> {
  /** The bundled worker; defaults to `sampler-worker.js` next to the running bundle. */
  readonly workerPath?: URL | string;
  /** Reading path; defaults to `linux` on Linux and `si` (systeminformation) elsewhere. */
  readonly source?: SamplerSource;
  /**
   * Where the collectors run: `inline` on the sampler's thread (the default for `linux`; refused
   * for `si`, whose calls block) or in `worker` threads (the default for `si`).
   */
  readonly isolation?: 'inline' | 'worker';
  /** Wall and monotonic time for snapshot stamps; defaults to Date.now / performance.now. */
  readonly clock?: Pick<Clock, 'now' | 'monotonic'>;
  readonly logger?: Logger;
  /** Test-only fault seam: see {@link SamplerFault}. Never set in production. */
  readonly faults?: readonly SamplerFault[];
}

/** Counters for tests and diagnostics. */
export interface SamplerStats {
  /** Calls the main thread sent, per family. */
  readonly sent: Readonly<Record<Family, number>>;
  /** Calls the workers actually started, per family (shared-memory counter). */
  readonly started: Readonly<Record<Family, number>>;
  /** Worker threads created, including replacements. */
  readonly workersStarted: number;
}

/** The sampler: the SamplerPort plus diagnostics. */
export interface Sampler extends SamplerPort {
  /** Call counters (used by tests to prove single-flight). */
  stats(): SamplerStats;
}

const SLOW: readonly Family[] = ['disk', 'temperature', 'processes'];
/** Dispatch order within a tick: cheap families first. */
const ORDER: readonly Family[] = [...EVERY_TICK, ...SLOW];
const RATE_FAMILIES: ReadonlySet<Family> = new Set(['cpu', 'diskio', 'network']);
const MAX_BACKOFF_MS = 5 * 60_000;
const ABANDON_AFTER = 4;
/** How long a tick waits for slow families before it returns without them. */
const SLOW_GRACE_MS = 250;
/** A call running this long gets its worker pinged; the pong must come within max(this, deadline / 4). */
const PROBE_MS = 250;

interface Flight {
  readonly started: number;
  late: boolean;
}

interface FamilyRecord {
  state: FamilyState;
  values: Readonly<Record<SeriesKey, number>>;
  updatedMono: number | null;
  lastAttempt: number | null;
  flight?: Flight;
  baseline?: TimedReading;
  kills: number;
  retryAt: number;
  processes?: TopProcesses;
}

/** Creates the machine sampler. Call `close()` to stop its workers. */
export function createSampler(options: CreateSamplerOptions = {}): Sampler {
  let opts: SamplerOptions = {
    diskMs: options.diskMs ?? DEFAULT_SAMPLER_OPTIONS.diskMs,
    processesMs: options.processesMs ?? DEFAULT_SAMPLER_OPTIONS.processesMs,
    temperatureMs: options.temperatureMs ?? DEFAULT_SAMPLER_OPTIONS.temperatureMs,
    deadlineMs: options.deadlineMs ?? DEFAULT_SAMPLER_OPTIONS.deadlineMs,
  };
  const clock = options.clock ?? { now: () => Date.now(), monotonic: () => performance.now() };
  const source = options.source ?? (process.platform === 'linux' ? 'linux' : 'si');
  const workerPath = options.workerPath ?? new URL('./sampler-worker.js', import.meta.url);
  const callCounter = new SharedArrayBuffer(4 * FAMILIES.length);
  const isolation = options.isolation ?? (source === 'linux' ? 'inline' : 'worker');
  if (isolation === 'inline' && source !== 'linux')
    throw new Error('systeminformation collectors block their thread: they need worker lanes');
  const pool: Lanes =
    isolation === 'inline'
      ? new InlineLanes({ faults: options.faults, callCounter, logger: options.logger })
      : new LanePool({
          workerPath,
          source,
          groups: source === 'linux' ? [ORDER] : [EVERY_TICK, SLOW],
          faults: options.faults,
          callCounter,
          logger: options.logger,
        });
  const sent = Object.fromEntries(FAMILIES.map((f) => [f, 0])) as Record<Family, number>;
  const records = Object.fromEntries(
    FAMILIES.map((f): [Family, FamilyRecord] => [
      f,
      {
        state: { status: 'pending', updatedAt: null, reason: 'Not sampled yet' },
        values: {},
        updatedMono: null,
        lastAttempt: null,
        kills: 0,
        retryAt: 0,
      },
    ]),
  ) as Record<Family, FamilyRecord>;
  let hostInfo: Promise<HostInfo> | undefined;
  let closed = false;

  const cadence = (f: Family): number =>
    f === 'disk'
      ? opts.diskMs
      : f === 'processes'
        ? opts.processesMs
        : f === 'temperature'
          ? opts.temperatureMs
          : 0;

  const isDue = (f: Family, now: number): boolean => {
    const r = records[f];
    if (r.flight !== undefined || now < r.retryAt) return false;
    if (r.lastAttempt === null || r.state.status === 'pending') return true;
    return now - r.lastAttempt >= cadence(f);
  };

  const stale = (f: Family, reason: string): void => {
    const r = records[f];
    r.state = { status: 'stale', updatedAt: r.state.updatedAt, reason };
    r.values = {};
  };

  const accept = (f: Family, at: number, reading: TimedReading): void => {
    const r = records[f];
    const d = derive(reading, RATE_FAMILIES.has(f) ? r.baseline : undefined);
    if (d.advance) r.baseline = reading;
    r.kills = 0;
    if (d.status !== 'ok') {
      r.state = { status: d.status, updatedAt: r.state.updatedAt, reason: d.reason };
      r.values = {};
      return;
    }
    r.state = { status: 'ok', updatedAt: clock.now() };
    r.updatedMono = at;
    r.values = d.values;
    if (d.processes) r.processes = { ...d.processes, at: r.state.updatedAt ?? clock.now() };
  };

  /** Sends one call; resolves when it is answered or its deadline passes. */
  const dispatch = (f: Family, now: number): Promise<void> => {
    const r = records[f];
    const deadline = opts.deadlineMs;
    const flight: Flight = { started: now, late: false };
    r.flight = flight;
    r.lastAttempt = now;
    sent[f]++;
    const backOff = (): void => {
      r.kills++;
      r.retryAt = clock.monotonic() + Math.min(MAX_BACKOFF_MS, deadline * 2 ** r.kills);
    };
    return new Promise<void>((resolve) => {
      // A call still running after a moment may mean a blocked thread, which would also hold
      // up every family queued behind it: ping the worker early, and again at the deadline.
      const pingMs = Math.max(PROBE_MS, deadline / 4);
      const onProbe = setTimeout(
        () => pool.probe(f, pingMs, backOff),
        Math.min(PROBE_MS, deadline),
      );
      const onDeadline = setTimeout(() => {
        flight.late = true;
        stale(f, `No answer within the ${deadline} ms deadline`);
        pool.probe(f, pingMs, backOff);
        resolve();
      }, deadline);
      // An answer that never comes (an async call that hangs for good) would hold the
      // single flight forever; give up on the worker after a few deadlines.
      const onAbandon = setTimeout(() => {
        backOff();
        pool.kill(f, `${f} collector gave no answer for ${ABANDON_AFTER * deadline} ms`);
      }, ABANDON_AFTER * deadline);
      pool.send(f, deadline, (outcome: CallOutcome) => {
        clearTimeout(onProbe);
        clearTimeout(onDeadline);
        clearTimeout(onAbandon);
        if (r.flight === flight) r.flight = undefined;
        const reply = outcome.kind === 'reply' ? outcome.reply : undefined;
        if (reply === undefined) {
          stale(f, outcome.kind === 'lost' ? outcome.reason : 'Lost');
          r.lastAttempt = null; // lost with its worker: due again next tick (unless backing off)
        } else if (reply.type === 'error') {
          stale(f, `Collector failed: ${reply.message}`);
        } else if (reply.type === 'result' && !flight.late) {
          // A late answer is not passed off as fresh; the next call brings a fresh one.
          accept(f, clock.monotonic(), { at: reply.at, reading: reply.reading });
        }
        resolve();
      });
    });
  };

  const snapshot = (): Snapshot => {
    const now = clock.monotonic();
    const values: Record<SeriesKey, number> = {};
    const families = {} as Record<Family, FamilyState>;
    for (const f of FAMILIES) {
      const r = records[f];
      const every = cadence(f);
      if (
        r.state.status === 'ok' &&
        every > 0 &&
        r.updatedMono !== null &&
        now - r.updatedMono > 3 * every
      ) {
        stale(f, `Latest reading is ${Math.round((now - r.updatedMono) / 1000)} s old`);
      }
      families[f] = r.state;
      if (r.state.status === 'ok') Object.assign(values, r.values);
    }
    const p = records.processes;
    return {
      time: clock.now(),
      mono: now,
      values,
      families,
      processes: p.state.status === 'ok' ? (p.processes ?? null) : null,
    };
  };

  return {
    hostInfo() {
      hostInfo ??= pool.hostInfo('cpu', Math.max(10_000, opts.deadlineMs)).catch((err: unknown) => {
        options.logger?.warn('Host facts unavailable from the sampler; using the os module', err);
        const c = cpus();
        return {
          hostname: hostname(),
          platform: process.platform,
          release: release(),
          arch: arch(),
          cores: c.length,
          cpuModel: c[0]?.model ?? '',
        };
      });
      return hostInfo;
    },
    async sample() {
      if (closed) throw new Error('Sampler closed');
      const now = clock.monotonic();
      const cheap: Promise<void>[] = [];
      const slow: Promise<void>[] = [];
      for (const f of ORDER) {
        const r = records[f];
        if (
          r.flight !== undefined &&
          now - r.flight.started >= opts.deadlineMs &&
          r.state.status !== 'stale'
        ) {
          stale(f, `No answer within the ${opts.deadlineMs} ms deadline`);
        }
        if (isDue(f, now)) (EVERY_TICK.includes(f) ? cheap : slow).push(dispatch(f, now));
      }
      // The tick waits for the every-tick families (up to the deadline) but only briefly for the
      // slow ones: an answer that comes later, still within its deadline, joins the next
      // snapshot, so a slow disk or process scan never holds back fresh CPU and memory values.
      let grace: ReturnType<typeof setTimeout> | undefined;
      const slowDone =
        slow.length === 0
          ? undefined
          : Promise.race([
              Promise.all(slow),
              new Promise<void>(
                (done) => (grace = setTimeout(done, Math.min(SLOW_GRACE_MS, opts.deadlineMs))),
              ),
            ]);
      await Promise.all([Promise.all(cheap), slowDone]);
      clearTimeout(grace);
      return snapshot();
    },
    configure(next) {
      opts = next;
    },
    stats() {
      const counter = new Int32Array(callCounter);
      return {
        sent: { ...sent },
        started: Object.fromEntries(
          FAMILIES.map((f, i) => [f, Atomics.load(counter, i)]),
        ) as Record<Family, number>,
        workersStarted: pool.workersStarted,
      };
    },
    async close() {
      closed = true;
      await pool.close();
    },
  };
}

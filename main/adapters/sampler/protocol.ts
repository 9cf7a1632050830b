/**
 * Messages between the sampler (main thread) and its worker threads, and the raw readings the
 * collectors return. Workers return cumulative counters for rate metrics; the main thread turns
 * them into rates, so a recreated worker loses nothing but its in-flight call.
 */
import type { Family, HostInfo, ProcessInfo } from '../../shared/metrics';

/** Families read on every tick: cheap, and never allowed to wait behind a slow neighbour. */
export const EVERY_TICK: readonly Family[] = [
  'cpu',
  'load',
  'memory',
  'network',
  'diskio',
  'uptime',
];

/** Where readings come from: fast Linux readers or systeminformation (any platform). */
export type SamplerSource = 'linux' | 'si';

/**
 * Test-only fault seam, passed through `workerData`; never set outside tests. Before every call
 * of the named collector the worker either blocks its whole thread with `Atomics.wait` for
 * `blockMs` (as systeminformation's execSync does when a child process hangs), or waits
 * `delayMs` asynchronously with the thread free (as a statfs on a dead network mount does).
 */
export interface SamplerFault {
  readonly family: Family;
  readonly blockMs?: number;
  readonly delayMs?: number;
}

/** `workerData` of a sampler worker. */
export interface WorkerConfig {
  readonly source: SamplerSource;
  /** Test-only, see {@link SamplerFault}. */
  readonly faults?: readonly SamplerFault[];
  /**
   * One Int32 slot per family (FAMILIES order), incremented by the worker when a call starts, so
   * tests can see how many calls the worker really ran.
   */
  readonly callCounter?: SharedArrayBuffer;
}

/** Busy and total CPU time of one CPU (cumulative, any consistent unit). */
export interface CpuTimes {
  readonly busy: number;
  readonly total: number;
}

/** One mounted filesystem. */
export interface MountUsage {
  readonly mount: string;
  readonly size: number;
  readonly used: number;
  /** Free bytes available to unprivileged users (df "Avail"). */
  readonly available: number;
}

/** The raw reading of one family. */
export type Reading =
  | { readonly kind: 'cpu'; readonly total: CpuTimes; readonly cores: readonly CpuTimes[] }
  | {
      readonly kind: 'load';
      readonly load1: number;
      readonly load5: number;
      readonly load15: number;
      readonly cores: number;
    }
  | {
      readonly kind: 'memory';
      readonly total: number;
      readonly available: number;
      readonly swapTotal: number;
      readonly swapFree: number;
    }
  | { readonly kind: 'disk'; readonly mounts: readonly MountUsage[] }
  | { readonly kind: 'diskio'; readonly readBytes: number; readonly writeBytes: number }
  | {
      readonly kind: 'network';
      readonly ifaces: readonly {
        readonly name: string;
        readonly rx: number;
        readonly tx: number;
      }[];
    }
  | { readonly kind: 'temperature'; readonly celsius: number | null; readonly reason?: string }
  | { readonly kind: 'uptime'; readonly seconds: number }
  | {
      readonly kind: 'processes';
      readonly byCpu: readonly ProcessInfo[];
      readonly byMemory: readonly ProcessInfo[];
    }
  /** First call of a collector that needs two readings (process CPU): nothing to show yet. */
  | { readonly kind: 'baseline' }
  /** The platform cannot provide this family. */
  | { readonly kind: 'unavailable'; readonly reason: string };

/** Main thread → worker: run one collector. */
export interface CollectRequest {
  readonly type: 'collect';
  readonly id: number;
  readonly family: Family;
  /** Deadline of this call (ms); collectors budget their own sub-calls from it. */
  readonly deadlineMs: number;
}

/**
 * Main thread → worker, sent in batches (one message per tick and lane). `ping` asks whether the
 * worker's event loop is still turning.
 */
export type WorkerRequest =
  | CollectRequest
  | { readonly type: 'hostinfo'; readonly id: number }
  | { readonly type: 'ping'; readonly id: number };

/** Worker → main thread, sent in batches of whatever is ready together. */
export type WorkerReply =
  | {
      readonly type: 'result';
      readonly id: number;
      readonly family: Family;
      /** Monotonic ms (process-wide `hrtime`) at which the reading was taken. */
      readonly at: number;
      readonly reading: Reading;
    }
  | {
      readonly type: 'error';
      readonly id: number;
      readonly family?: Family;
      readonly message: string;
    }
  | { readonly type: 'hostinfo'; readonly id: number; readonly info: HostInfo }
  | { readonly type: 'pong'; readonly id: number };

/** A collector: reads one family within roughly `deadlineMs`. */
export type Collector = (deadlineMs: number) => Promise<Reading>;

/** Process-wide monotonic ms, comparable across worker threads (performance.now() is not). */
export function hrtimeMs(): number {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}

/**
 * Lanes: the worker threads that run collectors. Each family belongs to one lane; a lane's
 * worker is created on first use and can be killed (terminated) when one of its calls hangs,
 * after which the offending family moves to a lane of its own so it cannot stall its
 * neighbours again.
 */
import { Worker } from 'node:worker_threads';
import type { Family, HostInfo } from '../../shared/metrics';
import type { Logger } from '../../core/ports';
import type {
  SamplerFault,
  SamplerSource,
  WorkerConfig,
  WorkerReply,
  WorkerRequest,
} from './protocol';

/** How a call ended: the worker's reply, or the worker died under it. */
export type CallOutcome =
  | { readonly kind: 'reply'; readonly reply: WorkerReply }
  | { readonly kind: 'lost'; readonly reason: string };

/**
 * Where collectors run, as the sampler sees it: worker threads ({@link LanePool}) or the
 * calling thread ({@link InlineLanes} in inline-lanes.ts). The sampler keeps the policy
 * (cadence, deadlines, single flight, back-off) either way.
 */
export interface Lanes {
  /** Sends one call; `settle` is invoked exactly once, with the reply or the loss. */
  send(family: Family, deadlineMs: number, settle: (outcome: CallOutcome) => void): void;
  /** Host facts from the collectors' side. */
  hostInfo(family: Family, timeoutMs: number): Promise<HostInfo>;
  /** Checks that the thread running `family` still turns; if not, kills it and runs `onKilled`. */
  probe(family: Family, ms: number, onKilled: () => void): void;
  /** Gives up on `family`'s call in flight: it settles as lost, its answer is discarded. */
  kill(family: Family, reason: string): void;
  /** Stops; pending calls settle as lost. */
  close(): Promise<void>;
  /** Worker threads created so far (initial ones and replacements). */
  readonly workersStarted: number;
}

interface Lane {
  readonly name: string;
  readonly families: Set<Family>;
  worker?: Worker;
  calls: Map<number, PendingCall>;
  /** Requests not yet posted: everything asked in one turn goes as one message. */
  outbox: WorkerRequest[];
}

interface PendingCall {
  readonly request: WorkerRequest;
  readonly settle: (outcome: CallOutcome) => void;
}

/** Options of a {@link LanePool}. */
export interface LanePoolOptions {
  readonly workerPath: URL | string;
  readonly source: SamplerSource;
  /** Initial grouping of families into lanes. */
  readonly groups: readonly (readonly Family[])[];
  readonly faults?: readonly SamplerFault[];
  readonly callCounter: SharedArrayBuffer;
  readonly logger?: Logger;
}

/** The set of collector workers. */
export class LanePool implements Lanes {
  private readonly lanes = new Map<Family, Lane>();
  private nextId = 1;
  private closed = false;
  /** Workers created so far (initial ones and replacements). */
  workersStarted = 0;

  constructor(private readonly options: LanePoolOptions) {
    for (const group of options.groups) {
      const lane: Lane = {
        name: group.join('+'),
        families: new Set(group),
        calls: new Map(),
        outbox: [],
      };
      for (const f of group) this.lanes.set(f, lane);
    }
  }

  /** Sends one call; `settle` is invoked exactly once, with the reply or the loss. */
  send(family: Family, deadlineMs: number, settle: (outcome: CallOutcome) => void): void {
    this.request(
      this.laneOf(family),
      (id) => ({ type: 'collect', id, family, deadlineMs }),
      settle,
    );
  }

  /** Asks the lane of `family` for host facts. */
  hostInfo(family: Family, timeoutMs: number): Promise<HostInfo> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No host information within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.request(
        this.laneOf(family),
        (id) => ({ type: 'hostinfo', id }),
        (outcome) => {
          clearTimeout(timer);
          if (outcome.kind === 'reply' && outcome.reply.type === 'hostinfo')
            resolve(outcome.reply.info);
          else
            reject(new Error(outcome.kind === 'lost' ? outcome.reason : 'Host information failed'));
        },
      );
    });
  }

  /**
   * Pings the worker running `family`: a thread blocked in a synchronous call cannot answer.
   * If no pong comes within `ms`, that worker is killed with `family` as the culprit and
   * `onKilled` runs. A worker that answers is only slow (e.g. an async read waiting on a dead
   * mount) and is left alone.
   */
  probe(family: Family, ms: number, onKilled: () => void): void {
    const lane = this.laneOf(family);
    const worker = lane.worker;
    if (worker === undefined) return;
    const timer = setTimeout(() => {
      if (lane.worker !== worker || !lane.families.has(family)) return;
      this.kill(family, `${family} collector blocked its worker thread`);
      onKilled();
    }, ms);
    this.request(
      lane,
      (id) => ({ type: 'ping', id }),
      () => clearTimeout(timer),
    );
  }

  private request(
    lane: Lane,
    make: (id: number) => WorkerRequest,
    settle: (outcome: CallOutcome) => void,
  ): void {
    if (this.closed) return settle({ kind: 'lost', reason: 'Sampler closed' });
    const worker = this.ensureWorker(lane);
    const request = make(this.nextId++);
    lane.calls.set(request.id, { request, settle });
    lane.outbox.push(request);
    if (lane.outbox.length === 1) {
      queueMicrotask(() => {
        if (lane.worker !== worker || lane.outbox.length === 0) return;
        worker.postMessage(lane.outbox);
        lane.outbox = [];
      });
    }
  }

  /**
   * Terminates the worker running `family`: that family's call settles as lost and the family
   * moves to a lane of its own. The other calls that were queued behind it are sent again to a
   * fresh worker, so its neighbours only see a short delay.
   */
  kill(family: Family, reason: string): void {
    const lane = this.laneOf(family);
    this.options.logger?.warn(`Sampler worker ${lane.name} restarted: ${reason}`);
    const calls = this.stop(lane);
    if (lane.families.size > 1) {
      lane.families.delete(family);
      this.lanes.set(family, {
        name: family,
        families: new Set([family]),
        calls: new Map(),
        outbox: [],
      });
    }
    for (const call of calls) {
      const victim =
        call.request.type !== 'ping' &&
        !(call.request.type === 'collect' && call.request.family === family);
      if (victim && lane.families.size > 0 && !this.closed)
        this.request(lane, () => call.request, call.settle);
      else call.settle({ kind: 'lost', reason });
    }
  }

  /** Stops every worker; pending calls settle as lost. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = [...new Set(this.lanes.values())].map((lane) => {
      const w = lane.worker;
      for (const call of this.stop(lane)) call.settle({ kind: 'lost', reason: 'Sampler closed' });
      return w;
    });
    await Promise.all(workers.flatMap((w) => (w ? [w.terminate()] : [])));
  }

  private laneOf(family: Family): Lane {
    const lane = this.lanes.get(family);
    if (lane === undefined) throw new Error(`No sampler lane for ${family}`);
    return lane;
  }

  /** Terminates the lane's worker and hands back the calls it still owed. */
  private stop(lane: Lane): PendingCall[] {
    const worker = lane.worker;
    const calls = [...lane.calls.values()];
    lane.worker = undefined;
    lane.calls = new Map();
    lane.outbox = [];
    // terminate() interrupts even a thread stuck in Atomics.wait or a busy loop.
    if (worker) void worker.terminate();
    return calls;
  }

  private ensureWorker(lane: Lane): Worker {
    if (lane.worker) return lane.worker;
    const data: WorkerConfig = {
      source: this.options.source,
      faults: this.options.faults,
      callCounter: this.options.callCounter,
    };
    const worker = new Worker(this.options.workerPath, {
      workerData: data,
      // Small heaps: a lane holds a few KB of state, and every MB counts against the agent's RSS
      // budget.
      resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 4 },
    });
    this.workersStarted++;
    // The sampler never keeps the process alive on its own.
    worker.unref();
    worker.on('message', (replies: readonly WorkerReply[]) => {
      for (const reply of replies) {
        if (lane.worker !== worker) return;
        const call = lane.calls.get(reply.id);
        lane.calls.delete(reply.id);
        call?.settle({ kind: 'reply', reply });
      }
    });
    const lost = (reason: string): void => {
      if (lane.worker !== worker) return;
      for (const call of this.stop(lane)) call.settle({ kind: 'lost', reason });
    };
    worker.on('error', (err) => {
      this.options.logger?.error(`Sampler worker ${lane.name} failed`, err);
      lost(`Worker failed: ${err.message}`);
    });
    worker.on('exit', (code) => lost(`Worker exited (${code})`));
    lane.worker = worker;
    return worker;
  }
}

/**
 * Inline lanes: the Linux collectors run on the sampler's own thread.
 *
 * They read kernel pseudo-files (generated from memory, never waiting on a disk) and do their
 * two reads that can hang (statfs of a dead network mount, /proc/[pid]/cmdline) asynchronously
 * with budgets of their own, so no call of theirs can block the thread it runs on. A worker
 * thread would isolate nothing for them and costs about 16 MB of RSS (its own V8 isolate and
 * heap) against the agent's 64 MB budget. systeminformation, which runs child processes
 * synchronously inside several calls, keeps its worker lanes (lanes.ts).
 *
 * "Killing" a call here means abandoning it: it settles as lost at once and its answer, if it
 * ever comes, is dropped; the sampler's back-off and single flight work as with a worker.
 */
import type { Family, HostInfo } from '../../shared/metrics';
import type { Logger } from '../../core/ports';
import { runCollector } from './collect';
import type { CallOutcome, Lanes } from './lanes';
import { createLinuxCollectors, linuxHostInfo } from './linux';
import type { Collector, SamplerFault } from './protocol';

/** Options of {@link InlineLanes}. */
export interface InlineLanesOptions {
  /** Test-only, see {@link SamplerFault}; `blockMs` would block the caller's thread and is refused. */
  readonly faults?: readonly SamplerFault[];
  readonly callCounter: SharedArrayBuffer;
  readonly logger?: Logger;
}

/** Collectors run in the calling thread: the Lanes of the Linux readers. */
export class InlineLanes implements Lanes {
  readonly workersStarted = 0;
  private readonly collectors: Record<Family, Collector>;
  private readonly counter: Int32Array;
  private readonly pending = new Map<Family, (outcome: CallOutcome) => void>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: InlineLanesOptions) {
    if (options.faults?.some((f) => f.blockMs))
      throw new Error('A blocking fault needs worker lanes: it would block the sampler thread');
    this.collectors = createLinuxCollectors();
    this.counter = new Int32Array(options.callCounter);
  }

  send(family: Family, deadlineMs: number, settle: (outcome: CallOutcome) => void): void {
    if (this.closed) return settle({ kind: 'lost', reason: 'Sampler closed' });
    // One settle per call: whichever comes first of the answer, a kill and close wins.
    let settled = false;
    const once = (outcome: CallOutcome): void => {
      if (settled) return;
      settled = true;
      if (this.pending.get(family) === once) this.pending.delete(family);
      settle(outcome);
    };
    this.pending.set(family, once);
    const id = this.nextId++;
    // A fresh turn, as a worker's message would be: the caller finishes dispatching the tick's
    // cheap families before a slower one (the process scan) runs.
    setImmediate(() => {
      if (settled) return;
      void runCollector(
        this.collectors[family],
        { id, family, deadlineMs },
        { counter: this.counter, faults: this.options.faults },
      ).then((reply) => once({ kind: 'reply', reply }));
    });
  }

  hostInfo(): Promise<HostInfo> {
    return Promise.resolve().then(linuxHostInfo);
  }

  /** The thread that runs this check is the one the collectors run on: it is turning. */
  probe(): void {}

  kill(family: Family, reason: string): void {
    this.options.logger?.warn(`Sampler call abandoned: ${reason}`);
    this.pending.get(family)?.({ kind: 'lost', reason });
  }

  close(): Promise<void> {
    this.closed = true;
    for (const settle of [...this.pending.values()])
      settle({ kind: 'lost', reason: 'Sampler closed' });
    return Promise.resolve();
  }
}

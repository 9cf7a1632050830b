/**
 * Sampler worker entry (bundled to dist/sampler-worker.js): runs the collectors the main thread
 * asks for, replying in batches; answers `ping` so the main thread can tell a stuck thread from a
 * slow call. It keeps no guard of its own against overlapping calls: the main thread sends at
 * most one request per family at a time (see index.ts), and the call counter proves it in tests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Family, HostInfo } from '../../shared/metrics';
import { runCollector } from './collect';
import { createLinuxCollectors, linuxHostInfo } from './linux';
import {
  EVERY_TICK,
  type Collector,
  type WorkerConfig,
  type WorkerReply,
  type WorkerRequest,
} from './protocol';
import { createSiCollectors, siHostInfo } from './si-collectors';
import { errorText } from '../../shared/errors';

const config = workerData as WorkerConfig;
const port = parentPort;
if (port === null) throw new Error('sampler-worker must run as a worker thread');

const collectors: Record<Family, Collector> =
  config.source === 'linux' ? createLinuxCollectors() : createSiCollectors();
const counter = config.callCounter ? new Int32Array(config.callCounter) : undefined;
const faults = config.faults;
const everyTick: ReadonlySet<Family> = new Set(EVERY_TICK);

// Replies that are ready in the same turn go back as one message: one wake-up of the main
// thread per tick instead of one per family.
let outbox: WorkerReply[] = [];
let flushScheduled = false;
const flush = (): void => {
  flushScheduled = false;
  if (outbox.length === 0) return;
  port.postMessage(outbox);
  outbox = [];
};
const post = (reply: WorkerReply): void => {
  outbox.push(reply);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
};

port.on('message', (batch: readonly WorkerRequest[]) => {
  void handle(batch);
});

async function handle(batch: readonly WorkerRequest[]): Promise<void> {
  for (const req of batch) {
    if (req.type === 'ping') post({ type: 'pong', id: req.id });
    else if (req.type === 'hostinfo') {
      const info: Promise<HostInfo> =
        config.source === 'linux' ? Promise.resolve().then(linuxHostInfo) : siHostInfo();
      info.then(
        (i) => post({ type: 'hostinfo', id: req.id, info: i }),
        (err: unknown) => post({ type: 'error', id: req.id, message: errorText(err) }),
      );
    } else {
      if (!everyTick.has(req.family)) {
        // A slow collector may block this thread (execSync); let the cheap ones finish and
        // send their replies first.
        await new Promise<void>((resolve) => setImmediate(resolve));
        flush();
      }
      void collect(req.id, req.family, req.deadlineMs);
    }
  }
}

async function collect(id: number, family: Family, deadlineMs: number): Promise<void> {
  post(await runCollector(collectors[family], { id, family, deadlineMs }, { counter, faults }));
}

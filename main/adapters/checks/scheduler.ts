/**
 * Runs many checks off the sampling path: each on its own interval with jitter, at most
 * `concurrency` at once (the rest wait in a queue), never two runs of the same check at once,
 * and each under a hard deadline. Results go to one callback; the engine decides what they mean.
 *
 * Timing: a check's first run is due at a random point in its first min(interval, 10 s), so a
 * list loaded at once does not fire together; later runs are due every interval ± 10 %, counted
 * from when the previous run was due (a fixed rate, so series stay regular). A run that is still
 * queued or running when the next one is due is not started again: that turn is skipped.
 */
import type { Check, CheckResult } from '../../shared/checks';
import type { Clock } from '../../core/ports';
import { systemClock } from '../clock';
import { runCheck } from './run';

/** What the scheduler needs; everything but `onResult` has a real default. */
export interface CheckSchedulerOptions {
  /** Receives every result, in completion order. */
  readonly onResult: (result: CheckResult) => void;
  /** Runs one check; `runCheck` by default. */
  readonly run?: (check: Check) => Promise<CheckResult>;
  readonly clock?: Clock;
  /** Uniform in [0, 1); Math.random by default. */
  readonly random?: () => number;
  /** Checks running at once; 8 by default. */
  readonly concurrency?: number;
  /** Extra ms past a check's own timeout after which the scheduler stops waiting for it. */
  readonly graceMs?: number;
}

/** A running set of checks. */
export interface CheckScheduler {
  /** Replaces the list: new checks are scheduled, changed ones rescheduled, removed ones dropped. */
  setChecks(checks: readonly Check[]): void;
  /** Runs a check now (or joins its run in flight); undefined for an unknown id. */
  runNow(id: string): Promise<CheckResult | undefined>;
  /** Runs in flight and waiting for a slot. */
  load(): { readonly running: number; readonly queued: number };
  /** Cancels every timer; results of runs still in flight are not reported. */
  stop(): void;
}

interface Entry {
  check: Check;
  key: string;
  cancel: (() => void) | undefined;
  inflight: Promise<CheckResult> | undefined;
  removed: boolean;
}

const FIRST_RUN_SPREAD_MS = 10_000;

/** A run in flight under the scheduler's backstop deadline (monotonic ms). */
interface Backstop {
  readonly deadline: number;
  readonly expire: () => void;
}

/** The result of a run that never started; never reported (see start). */
function skipped(check: Check, at: number): CheckResult {
  return {
    checkId: check.id,
    at,
    up: false,
    failure: { kind: 'error', code: 'ECANCELED' },
    phases: { dns: null, connect: null, tls: null, firstByte: null, total: 0 },
    status: null,
    cert: null,
    redirects: 0,
  };
}
const JITTER = 0.1;

/** Creates a scheduler; it does nothing until `setChecks`. */
export function createCheckScheduler(opts: CheckSchedulerOptions): CheckScheduler {
  const run = opts.run ?? ((check: Check) => runCheck(check, { now: () => clock.now() }));
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const limit = Math.max(1, opts.concurrency ?? 8);
  const graceMs = opts.graceMs ?? 2000;
  const entries = new Map<string, Entry>();
  const waiting: (() => void)[] = [];
  let running = 0;
  let stopped = false;

  const acquire = (): Promise<void> => {
    if (running < limit) {
      running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  /**
   * The backstop deadlines of the runs in flight (monotonic ms), behind one timer set for the
   * earliest: a timer set and cancelled per run cost a timer list and a priority-queue entry
   * each time, for a deadline that a run keeping its own (runCheck does) never reaches.
   */
  const backstops = new Set<Backstop>();
  let backstopTimer: (() => void) | undefined;
  let backstopAt = Infinity;
  const armBackstop = (at: number): void => {
    backstopTimer?.();
    backstopAt = at;
    backstopTimer = clock.setTimeout(fireBackstops, Math.max(1, at - clock.monotonic()));
  };
  const disarmBackstop = (): void => {
    backstopTimer?.();
    backstopTimer = undefined;
    backstopAt = Infinity;
  };
  /** A run settled: its backstop goes (and the timer with the last one once stopped). */
  const settled = (backstop: Backstop): void => {
    backstops.delete(backstop);
    if (stopped && backstops.size === 0) disarmBackstop();
  };
  const fireBackstops = (): void => {
    backstopTimer = undefined;
    backstopAt = Infinity;
    const now = clock.monotonic();
    let next = Infinity;
    for (const b of [...backstops]) {
      if (b.deadline <= now) {
        backstops.delete(b);
        b.expire();
      } else next = Math.min(next, b.deadline);
    }
    if (next !== Infinity) armBackstop(next);
  };

  /** Runs under the scheduler's own deadline, a backstop should a runner not keep its own. */
  const guarded = (check: Check): Promise<CheckResult> => {
    const at = clock.now();
    const started = clock.monotonic();
    const failed = (code: string): CheckResult => ({
      checkId: check.id,
      at,
      up: false,
      failure: { kind: 'error', code },
      phases: {
        dns: null,
        connect: null,
        tls: null,
        firstByte: null,
        total: clock.monotonic() - started,
      },
      status: null,
      cert: null,
      redirects: 0,
    });
    return new Promise((resolve) => {
      const backstop: Backstop = {
        deadline: started + check.timeoutSeconds * 1000 + graceMs,
        expire: () => resolve(failed('ETIMEDOUT')),
      };
      backstops.add(backstop);
      if (backstopAt > backstop.deadline) armBackstop(backstop.deadline);
      run(check).then(
        (r) => {
          settled(backstop);
          resolve(r);
        },
        () => {
          settled(backstop);
          resolve(failed('EINTERNAL'));
        },
      );
    });
  };

  const start = (entry: Entry): Promise<CheckResult> => {
    const check = entry.check;
    const p = (async () => {
      await acquire();
      try {
        // Stopped or removed while waiting for a slot: do not open a socket for nothing.
        if (stopped || entry.removed) return skipped(check, clock.now());
        return await guarded(check);
      } finally {
        release();
      }
    })().then((result) => {
      entry.inflight = undefined;
      if (!stopped && !entry.removed) opts.onResult(result);
      return result;
    });
    entry.inflight = p;
    return p;
  };

  const schedule = (entry: Entry, delayMs: number): void => {
    entry.cancel?.();
    entry.cancel = clock.setTimeout(() => {
      entry.cancel = undefined;
      if (stopped || entry.removed) return;
      const interval = entry.check.intervalSeconds * 1000;
      schedule(entry, interval * (1 + (random() * 2 - 1) * JITTER));
      if (!entry.inflight) void start(entry);
    }, delayMs);
  };

  const firstDelay = (check: Check): number =>
    random() * Math.min(check.intervalSeconds * 1000, FIRST_RUN_SPREAD_MS);

  return {
    setChecks(checks) {
      if (stopped) return;
      const ids = new Set(checks.map((c) => c.id));
      for (const [id, entry] of entries) {
        if (ids.has(id)) continue;
        entry.removed = true;
        entry.cancel?.();
        entries.delete(id);
      }
      for (const check of checks) {
        const key = JSON.stringify(check);
        const old = entries.get(check.id);
        if (old?.key === key) continue;
        const entry: Entry = old ?? {
          check,
          key,
          cancel: undefined,
          inflight: undefined,
          removed: false,
        };
        entry.check = check;
        entry.key = key;
        entries.set(check.id, entry);
        if (check.enabled) schedule(entry, firstDelay(check));
        else {
          entry.cancel?.();
          entry.cancel = undefined;
        }
      }
    },
    runNow(id) {
      const entry = entries.get(id);
      if (!entry || stopped) return Promise.resolve(undefined);
      return entry.inflight ?? start(entry);
    },
    load() {
      return { running, queued: waiting.length };
    },
    stop() {
      stopped = true;
      for (const entry of entries.values()) entry.cancel?.();
      entries.clear();
      // Runs still in flight keep their backstop (their runNow callers still get a result).
      if (backstops.size === 0) disarmBackstop();
    },
  };
}

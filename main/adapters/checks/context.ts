/**
 * The state of one check run: its hard deadline, the phase it is in, phase timings, the sockets
 * it opened (all destroyed when the run ends, whatever happened) and what it learned so far.
 *
 * Guarantee: once the deadline passes, every socket of the run is destroyed and every wait in
 * the run rejects, so a run never outlives its timeout by more than one event-loop turn.
 */
import type { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { CheckFailure, CheckPhase } from '../../shared/check-failures';
import type { CheckCert } from '../../shared/checks';
import { systemLookup, type HostLookup } from './lookup';

/** A failure with its reason as a code, thrown inside a run and turned into the result. */
export class CheckError extends Error {
  constructor(readonly failure: CheckFailure) {
    super(failure.kind);
  }
}

type TimedPhase = 'dns' | 'connect' | 'tls' | 'firstByte';

/** One run's deadline, phase, timings, sockets and findings. */
export class RunContext {
  /** The phase the run is in; reported when the deadline passes. */
  phase: CheckPhase = 'dns';
  readonly timings: Record<TimedPhase, number | null> = {
    dns: null,
    connect: null,
    tls: null,
    firstByte: null,
  };
  cert: CheckCert | null = null;
  status: number | null = null;
  redirects = 0;
  /** Set when the deadline passed: the phase it caught the run in. */
  timedOutIn: CheckPhase | null = null;

  private readonly started = performance.now();
  /** performance.now() ms of the deadline. */
  readonly deadline: number;
  private readonly sockets = new Set<Socket>();
  private readonly expired: Promise<never>;
  private fail: (e: Error) => void = () => undefined;

  constructor(
    readonly timeoutMs: number,
    /** How this run resolves names (lookup.ts). */
    readonly lookup: HostLookup = systemLookup,
  ) {
    this.expired = new Promise<never>((_, reject) => (this.fail = reject));
    // A run that ends before its deadline never observes this promise.
    this.expired.catch(() => undefined);
    this.deadline = this.started + timeoutMs;
    deadlines.add(this);
  }

  /** The deadline passed (deadlines below): every wait rejects, every socket is destroyed. */
  expire(): void {
    deadlines.delete(this);
    this.timedOutIn = this.phase;
    this.fail(new CheckError({ kind: 'timeout', phase: this.phase, afterMs: this.timeoutMs }));
    this.destroySockets();
  }

  /** Ms since the run started. */
  elapsed(): number {
    return performance.now() - this.started;
  }

  /** Enters a phase; returns a function that records its duration. */
  enter(phase: CheckPhase, timed?: TimedPhase): () => void {
    this.phase = phase;
    const from = performance.now();
    return () => {
      if (timed) this.timings[timed] = performance.now() - from;
    };
  }

  /** Registers a socket so the deadline and the end of the run destroy it. */
  track<S extends Socket>(socket: S): S {
    this.sockets.add(socket);
    // Errors are observed through waitFor while the run waits; a late one (after the run moved
    // on or ended) must not become an uncaught exception.
    socket.on('error', () => undefined);
    if (this.timedOutIn !== null) socket.destroy();
    return socket;
  }

  /**
   * Hands a socket over to a wrapper (TLS) that owns it from now on. Destroying the raw socket
   * before its TLS wrapper crashes Node 20 with a segfault, so only the wrapper is destroyed.
   */
  adopt(raw: Socket, wrapper: Socket): void {
    this.sockets.delete(raw);
    this.track(wrapper);
  }

  /** Resolves with `p`, or rejects with a timeout failure when the deadline passes first. */
  race<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.expired]);
  }

  /** Ends the run: the deadline is cleared and every socket destroyed. */
  close(): void {
    deadlines.delete(this);
    this.destroySockets();
  }

  private destroySockets(): void {
    // Newest first: a wrapper goes before anything it was built on.
    for (const s of [...this.sockets].reverse()) s.destroy();
    this.sockets.clear();
  }
}

/**
 * The deadlines of the runs in flight, behind one timer set for the earliest. A timer of its
 * own per run cost every run a setTimeout and a clearTimeout (a timer list and a priority-queue
 * entry each time, ~50 µs of interpreted timer code); here a run only joins and leaves a set,
 * and the timer, once set, usually stays set for the runs after it (their deadlines are later).
 * It keeps the process alive only while a run is in flight, as a run's own timer did.
 */
const deadlines = new (class Deadlines {
  private readonly live = new Set<RunContext>();
  private timer: NodeJS.Timeout | undefined;
  /** performance.now() ms the timer is set for. */
  private at = Infinity;

  add(ctx: RunContext): void {
    this.live.add(ctx);
    if (this.timer && this.at <= ctx.deadline) this.timer.ref();
    else this.arm(ctx.deadline);
  }

  delete(ctx: RunContext): void {
    if (this.live.delete(ctx) && this.live.size === 0) this.timer?.unref();
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.at = at;
    // Node's timer clock may run a little behind performance.now(): at least 1 ms, then again.
    this.timer = setTimeout(() => this.fire(), Math.max(1, at - performance.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.at = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const ctx of [...this.live]) {
      if (ctx.deadline <= now) ctx.expire();
      else next = Math.min(next, ctx.deadline);
    }
    if (next !== Infinity) this.arm(next);
  }
})();

/**
 * Waits for `event` on a socket or request; rejects on `error`, on `close` before the event
 * (as "connection closed" in the current phase), and at the deadline.
 */
export function waitFor<T>(ctx: RunContext, emitter: EventEmitter, event: string): Promise<T> {
  return ctx.race(
    new Promise<T>((resolve, reject) => {
      const done = (): void => {
        emitter.off(event, onOk);
        emitter.off('error', onError);
        emitter.off('close', onClose);
      };
      const onOk = (value: T): void => {
        done();
        resolve(value);
      };
      const onError = (err: Error): void => {
        done();
        reject(err);
      };
      const onClose = (): void => {
        done();
        reject(new CheckError({ kind: 'connection-closed', phase: ctx.phase }));
      };
      // on, not once: `done` removes all three, and once wraps each listener in a new closure.
      emitter.on(event, onOk);
      emitter.on('error', onError);
      emitter.on('close', onClose);
    }),
  );
}

/**
 * Persistence failures said in status: each file the engine keeps (its state: snooze, pause,
 * maintenance, alert memory; the history; the event log) that cannot be written becomes one
 * `persistence-failed` notice with code and params, so a UI says it in its own language. The
 * notice clears when a write of that file succeeds. The state is written again with capped
 * back-off here; history and events retry on their own next write (their adapters keep what was
 * not written) and report through {@link PersistProblem}.
 */
import type { Notice } from '../shared/contract';
import { errorText } from '../shared/errors';
import type { Clock, Logger } from './ports';

/** What a `persistence-failed` notice is about. */
export type PersistTarget = 'state' | 'history' | 'events';

/** A file that cannot be written right now. */
export interface PersistProblem {
  readonly path: string;
  /** The errno code (`ENOSPC`, `EROFS`, `EACCES`, …) or the error's text. */
  readonly error: string;
  /** Wall-clock ms of the first failure of this episode. */
  readonly since: number;
}

const WHAT: Record<PersistTarget, string> = {
  state: 'Snooze, pause and maintenance state',
  history: 'History',
  events: 'The event log',
};

/** The errno code of an error when it has one, else its text. */
export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : errorText(err);
}

/** The status notice of a persistence problem; its id is `persist-<target>`. */
export function persistenceNotice(target: PersistTarget, p: PersistProblem): Notice {
  return {
    id: `persist-${target}`,
    level: 'error',
    code: 'persistence-failed',
    time: p.since,
    message: `${WHAT[target]} could not be saved to ${p.path} (${p.error}); retrying`,
    params: { target, path: p.path, error: p.error },
  };
}

/** The notices of every current problem, state first. */
export function persistenceNotices(problems: {
  readonly state: PersistProblem | null;
  readonly history: PersistProblem | null | undefined;
  readonly events: PersistProblem | null | undefined;
}): Notice[] {
  return (['state', 'history', 'events'] as const).flatMap((t) => {
    const p = problems[t];
    return p ? [persistenceNotice(t, p)] : [];
  });
}

/** Back-off of a failed state write (ms): 1 s doubling to 60 s. */
export const STATE_RETRY = { baseMs: 1_000, capMs: 60_000 } as const;

/**
 * Tracks the engine's state writes: after a failure, asks for another write with back-off and
 * keeps the problem for status until a write succeeds. Logs once per episode, not per attempt.
 */
export class StateSaveHealth {
  private current: PersistProblem | null = null;
  private failures = 0;
  private cancel: (() => void) | null = null;

  constructor(
    private readonly deps: {
      readonly clock: Clock;
      readonly logger: Logger;
      readonly path: string;
      /** Asks for the state to be written again. */
      readonly retry: () => void;
    },
  ) {}

  /** A write failed: remember it and schedule the next attempt. */
  failed(err: unknown): void {
    const error = errorCode(err);
    if (!this.current) {
      this.current = { path: this.deps.path, error, since: this.deps.clock.now() };
      this.deps.logger.error(`Engine state not saved to ${this.deps.path}; retrying`, error);
    } else if (this.current.error !== error) {
      this.current = { ...this.current, error };
    }
    this.failures += 1;
    const delay = Math.min(
      STATE_RETRY.capMs,
      STATE_RETRY.baseMs * 2 ** Math.min(20, this.failures - 1),
    );
    this.cancel?.();
    this.cancel = this.deps.clock.setTimeout(() => {
      this.cancel = null;
      this.deps.retry();
    }, delay);
  }

  /** A write succeeded: the problem, if any, is over. */
  succeeded(): void {
    if (this.current) this.deps.logger.info(`Engine state saved to ${this.deps.path} again`);
    this.current = null;
    this.failures = 0;
    this.cancel?.();
    this.cancel = null;
  }

  /** Stops retrying (on shutdown). */
  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  /** The current problem, or null. */
  problem(): PersistProblem | null {
    return this.current;
  }
}

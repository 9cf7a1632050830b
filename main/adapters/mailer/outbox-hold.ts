/**
 * Emails the outbox could not write to disk (ENOSPC, EROFS, EIO, …): kept in memory and written
 * again with capped back-off until the disk takes them, then handed to the queue to be sent. The
 * promise stays "never silently lost": while anything is held a status notice
 * (`email-not-persisted`) says so, and the tray app raises a native notification for it. If the
 * process also stops before the disk takes them, the held emails are gone (there was nowhere to
 * keep them); the engine's saved state may still list the alert as waiting, so a restart sends it.
 */
import type { Notice } from '../../shared/contract';
import { errorText } from '../../shared/errors';
import type { Clock, Logger } from '../../core/ports';

/** Back-off of the durable write while the disk refuses it (ms). */
export interface HoldBackoff {
  readonly baseMs: number;
  readonly capMs: number;
}

/** Production back-off: 1 s doubling to 30 s, so an alert goes out soon after space returns. */
export const HOLD_BACKOFF: HoldBackoff = { baseMs: 1_000, capMs: 30_000 };

/** What the hold needs: how to write one record durably, and where it goes once written. */
export interface HoldDeps<R extends { readonly key: string }> {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Writes the record durably; rejects while the disk refuses it. */
  readonly write: (record: R) => Promise<void>;
  /** Called with each record once it is on disk. */
  readonly persisted: (record: R) => void;
  readonly backoff?: HoldBackoff;
}

/** The emails held in memory while the disk refuses them. */
export class OutboxHold<R extends { readonly key: string }> {
  private held: R[] = [];
  private failures = 0;
  private lastError = '';
  private since = 0;
  private cancelTimer: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly deps: HoldDeps<R>) {}

  /** Holds a record whose write just failed with `err`, and schedules the next write. */
  add(record: R, err: unknown): void {
    if (this.held.length === 0) this.since = this.deps.clock.now();
    this.held.push(record);
    this.failed(err);
  }

  /** Whether a record with this key is held. */
  has(key: string): boolean {
    return this.held.some((r) => r.key === key);
  }

  /** How many records are held. */
  size(): number {
    return this.held.length;
  }

  /** The status notice while anything is held; its id is its code. */
  notice(): Notice | null {
    if (this.held.length === 0) return null;
    const count = this.held.length;
    return {
      id: 'email-not-persisted',
      level: 'error',
      code: 'email-not-persisted',
      time: this.since,
      message: `${count} alert email(s) could not be written to disk (${this.lastError}); kept in memory and retried, sent once the disk takes them`,
      params: { count, error: this.lastError },
    };
  }

  /** Stops retrying; what is still held is lost with the process (said in the log). */
  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.held.length > 0)
      this.deps.logger.error(
        `${this.held.length} alert email(s) never reached the disk and are lost with this stop`,
      );
  }

  private failed(err: unknown): void {
    this.failures += 1;
    this.lastError = (err as NodeJS.ErrnoException).code ?? errorText(err);
    const { baseMs, capMs } = this.deps.backoff ?? HOLD_BACKOFF;
    const delay = Math.min(capMs, baseMs * 2 ** Math.min(20, this.failures - 1));
    this.deps.logger.error(
      `Outbox: ${this.held.length} email(s) held in memory, disk write failed (${this.lastError}); retrying in ${Math.round(delay / 1000)} s`,
    );
    this.cancelTimer?.();
    this.cancelTimer = this.deps.clock.setTimeout(() => {
      this.cancelTimer = null;
      void this.retry();
    }, delay);
  }

  private async retry(): Promise<void> {
    while (!this.stopped && this.held.length > 0) {
      const next = this.held[0]!;
      try {
        await this.deps.write(next);
      } catch (err) {
        this.failed(err);
        return;
      }
      this.held.shift();
      this.deps.persisted(next);
    }
    if (this.held.length === 0 && this.failures > 0) {
      this.deps.logger.info('Outbox: every held email is on disk again');
      this.failures = 0;
    }
  }
}

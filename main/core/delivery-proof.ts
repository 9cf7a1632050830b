/**
 * Proof of delivery: remembers the last email the SMTP server accepted (its reply line and
 * Message-ID, exactly as the transport got them) and, while sending fails, since when and why.
 * A failing path is "failing" from its first failure after the last success until the next
 * success. Pure; the mail adapter reports each attempt with its time.
 */
import type { DeliveryProof } from '../shared/contract';

/** One accepted email, as the transport saw it. */
export interface Accepted {
  readonly time: number;
  readonly subject: string;
  readonly response: string;
  readonly messageId: string;
}

/** The delivery record of one mail path. */
export class DeliveryRecord {
  private lastAccepted: Accepted | null = null;
  private failing: DeliveryProof['failing'] = null;
  private readonly failures = new Map<string, number>();

  /** The server accepted an email. */
  accepted(a: Accepted): void {
    this.lastAccepted = { ...a };
    this.failing = null;
  }

  /** An attempt failed (`code`: an smtp reason code such as `auth` or `timeout`). */
  failed(time: number, reason: string, code: string): void {
    this.failures.set(code, (this.failures.get(code) ?? 0) + 1);
    // Since: the first failure of this run of failures; the reason: the newest one.
    this.failing = { since: this.failing?.since ?? time, reason, code };
  }

  /** How long the path has been failing at `now`, in ms (0 when it is not). */
  failingFor(now: number): number {
    return this.failing ? Math.max(0, now - this.failing.since) : 0;
  }

  /** The record for the status. */
  proof(): DeliveryProof {
    return {
      lastAccepted: this.lastAccepted,
      failing: this.failing,
      failures: Object.fromEntries(this.failures),
    };
  }
}

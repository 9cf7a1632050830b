/**
 * The last N alert-event messages of the stream, by id, so a client that reconnects with
 * `Last-Event-ID` gets what it missed. Bounded: the oldest message leaves when a new one comes.
 */

/** What a reconnecting client is sent. */
export interface Replay {
  /** Formatted messages after the client's last id, oldest first. */
  readonly chunks: readonly string[];
  /** False when the id was not in the ring (too old, or the agent restarted): the whole ring is replayed. */
  readonly found: boolean;
}

/** A bounded ring of formatted event messages keyed by event id. */
export class EventRing {
  private readonly entries: { id: string; chunk: string }[] = [];

  /** @param capacity most messages kept (at least 1). */
  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(`event ring capacity must be a whole number ≥ 1, not ${capacity}`);
    }
  }

  /** Remembers one message. */
  push(id: string, chunk: string): void {
    this.entries.push({ id, chunk });
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  /** Messages after `lastId`; every message kept when `lastId` is unknown. */
  since(lastId: string): Replay {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i]!.id === lastId) {
        return { chunks: this.entries.slice(i + 1).map((e) => e.chunk), found: true };
      }
    }
    return { chunks: this.entries.map((e) => e.chunk), found: false };
  }

  /** Messages kept. */
  get size(): number {
    return this.entries.length;
  }
}

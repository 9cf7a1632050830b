/**
 * Grouping: messages that arrive within one window go out together as one batch (one email), so
 * a burst of breaches is a handful of emails rather than a storm. The first message opens the
 * window; everything added until it closes joins that batch.
 */
import type { AlertMessage } from './ports';
import { fnv1a } from './policy';

/** Default grouping window (settings.notifications.groupWindowSeconds = 30). */
export const DEFAULT_GROUP_WINDOW_MS = 30_000;

/** Collects messages into time-windowed batches. */
export class Grouper {
  private pending: AlertMessage[] = [];
  private openedAt: number | null = null;
  private readonly seen = new Set<string>();

  constructor(private windowMs: number = DEFAULT_GROUP_WINDOW_MS) {}

  /** Changes the window; an open window keeps its start and closes at the new length. */
  setWindow(ms: number): void {
    this.windowMs = Math.max(0, ms);
  }

  /** Adds messages decided at `now`; the first one into an empty grouper opens the window. */
  add(messages: readonly AlertMessage[], now: number): void {
    for (const m of messages) {
      // The same message id twice in one window (a replayed decision) is sent once.
      if (this.seen.has(m.id)) continue;
      this.seen.add(m.id);
      if (this.openedAt === null) this.openedAt = now;
      this.pending.push(m);
    }
  }

  /** When the open window closes, or null when nothing waits. */
  nextDueAt(): number | null {
    return this.openedAt === null ? null : this.openedAt + this.windowMs;
  }

  /** Batches whose window has closed by `now` (zero or one; a list so callers need not care). */
  due(now: number): AlertMessage[][] {
    const at = this.nextDueAt();
    if (at === null || now < at) return [];
    return this.drain();
  }

  /** Everything waiting, regardless of the window (on shutdown). */
  drain(): AlertMessage[][] {
    if (this.pending.length === 0) return [];
    const batch = this.pending;
    this.pending = [];
    this.openedAt = null;
    this.seen.clear();
    return [batch];
  }

  /** Waiting messages and window start, so a restart inside the window loses nothing. */
  serialize(): { pending: AlertMessage[]; openedAt: number | null } {
    return { pending: [...this.pending], openedAt: this.openedAt };
  }

  /** Restores {@link serialize}d state (already validated by the caller). */
  restore(state: { pending: readonly AlertMessage[]; openedAt: number | null }): void {
    this.pending = [];
    this.seen.clear();
    this.openedAt = null;
    this.add(state.pending, state.openedAt ?? 0);
    if (this.pending.length > 0) this.openedAt = state.openedAt;
  }
}

/** A deterministic batch id from its message ids (the same messages give the same id). */
export function batchId(messages: readonly AlertMessage[]): string {
  const ids = messages.map((m) => m.id);
  const first = ids[0] ?? 'empty';
  return ids.length === 1 ? first : `${first}+${ids.length - 1}-${fnv1a(ids.join(','))}`;
}

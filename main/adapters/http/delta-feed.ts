/**
 * The delta view of the stream (`?view=delta`, main/shared/status-delta.ts): one numbered status
 * shared by every delta client, so a tick's delta is computed and serialised once however many
 * dashboards are open.
 */
import type { Status } from '../../shared/contract';
import {
  statusDelta,
  STATUS_DELTA_EVENT,
  STATUS_FULL_EVENT,
  type NumberedStatus,
} from '../../shared/status-delta';

/** Numbers statuses and turns each push into a delta message. */
export interface DeltaFeed {
  /** The message for this push (a delta from the previous one). */
  onStatus(status: Status): string;
  /**
   * The full-status message for a client that connects now. `following` says whether delta
   * clients are already connected (the feed is then current and must keep its numbering).
   */
  current(status: Status | null, following: boolean): string | null;
}

function message(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Creates a delta feed. */
export function createDeltaFeed(): DeltaFeed {
  let held: NumberedStatus | null = null;
  return {
    onStatus(status) {
      if (held === null) {
        held = { seq: 1, status };
        return message(STATUS_FULL_EVENT, held);
      }
      const delta = statusDelta(held.status, status, held.seq);
      held = { seq: delta.seq, status };
      return message(STATUS_DELTA_EVENT, delta);
    },
    current(status, following) {
      if (status === null) return held && following ? message(STATUS_FULL_EVENT, held) : null;
      // Alone, the feed may be stale (no pushes were followed): start from this status.
      if (!following || held === null) held = { seq: (held?.seq ?? 0) + 1, status };
      return message(STATUS_FULL_EVENT, held);
    },
  };
}

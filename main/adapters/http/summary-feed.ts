/**
 * The summary view of the stream (`?view=summary`): a {@link HostSummary} at most every
 * {@link SUMMARY_INTERVAL_MS} while nothing changes and at once when health, pause, staleness
 * or the set of alerts changes. This is what keeps a watched host whose dashboard is closed
 * at a few hundred bytes a second instead of a status of ~4 KB every second.
 */
import type { Status } from '../../shared/contract';
import { summarize, summaryChangeKey } from '../../shared/host-summary';
import { SUMMARY_EVENT, SUMMARY_INTERVAL_MS } from '../../shared/protocol';

/** Decides, push by push, when a summary message goes out. */
export interface SummaryFeed {
  /** The message to broadcast for this status push, or null when it is not due. */
  onStatus(status: Status, now: number): string | null;
  /** The message for a client that just connected (the latest status), or null. */
  current(status: Status | null): string | null;
}

/** Formats one summary message. */
export function formatSummary(status: Status): string {
  return `event: ${SUMMARY_EVENT}\ndata: ${JSON.stringify(summarize(status))}\n\n`;
}

/** Creates a summary feed; `intervalMs` is the most time between two messages without change. */
export function createSummaryFeed(intervalMs: number = SUMMARY_INTERVAL_MS): SummaryFeed {
  let lastKey: string | null = null;
  let lastSentAt = -Infinity;
  return {
    onStatus(status, now) {
      const key = summaryChangeKey(summarize(status));
      if (key === lastKey && now - lastSentAt < intervalMs) return null;
      lastKey = key;
      lastSentAt = now;
      return formatSummary(status);
    },
    current: (status) => (status === null ? null : formatSummary(status)),
  };
}

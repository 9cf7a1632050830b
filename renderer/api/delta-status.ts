/**
 * The dashboard's side of the delta stream (main/shared/status-delta.ts): holds the last full
 * status and its number, turns each `status-full` / `status-delta` message into a whole Status
 * for the live store, and says when a delta does not fit (the caller then resyncs).
 */
import type { Status } from '../../main/shared/contract';
import {
  applyStatusDelta,
  type NumberedStatus,
  type StatusDelta,
} from '../../main/shared/status-delta';

/** What one message gives: a status to show, a resync to start, or nothing (unreadable). */
export type DeltaOutcome =
  | { readonly kind: 'status'; readonly status: Status }
  | { readonly kind: 'resync' }
  | { readonly kind: 'ignored' };

/** Applies the delta view's messages in order. */
export interface DeltaStatus {
  /** A `status-full` message's data. */
  full(data: string): DeltaOutcome;
  /** A `status-delta` message's data. */
  delta(data: string): DeltaOutcome;
  /** Forgets the held status (the stream was reopened; a full status comes first). */
  reset(): void;
}

function parse<T>(data: string): T | null {
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

/** Creates the holder. */
export function createDeltaStatus(): DeltaStatus {
  let held: NumberedStatus | null = null;
  return {
    full(data) {
      const msg = parse<NumberedStatus>(data);
      if (!msg || typeof msg.seq !== 'number' || typeof msg.status !== 'object') {
        return { kind: 'ignored' };
      }
      held = msg;
      return { kind: 'status', status: msg.status };
    },
    delta(data) {
      const msg = parse<StatusDelta>(data);
      if (!msg || typeof msg.seq !== 'number' || typeof msg.base !== 'number') {
        return { kind: 'ignored' };
      }
      const next = held ? applyStatusDelta(held, msg) : null;
      if (next === null) {
        held = null;
        return { kind: 'resync' };
      }
      held = next;
      return { kind: 'status', status: next.status };
    },
    reset() {
      held = null;
    },
  };
}

/**
 * The status push over IPC as a delta stream (issue 13), the same delta as the HTTP `?view=delta`
 * stream (main/shared/status-delta.ts): per window and host one `full` numbered status first, then
 * `delta`s. The preload applies them (preload-status.ts) and asks for a full status again
 * (STATUS_RESYNC_CHANNEL) when a delta does not fit the number it holds (a gap or a reload).
 */
import type { HostId, Status } from '../shared/contract';
import { statusDelta, type NumberedStatus, type StatusDelta } from '../shared/status-delta';

/** One status message on the `status` channel. */
export type StatusPush =
  | { readonly kind: 'full'; readonly full: NumberedStatus }
  | { readonly kind: 'delta'; readonly host: HostId; readonly delta: StatusDelta };

/** Turns statuses for one window into numbered full/delta messages, per host. */
export interface StatusEncoder {
  /** The message for this status of its host, for the window `contentsId`. */
  next(contentsId: number, status: Status): StatusPush;
  /** A full message of the held status of `host` (a resync), or null when none is held. */
  full(contentsId: number, host: HostId): StatusPush | null;
}

/** Creates the encoder; a new window id forgets everything held for the old one. */
export function createStatusEncoder(): StatusEncoder {
  let forId: number | null = null;
  const held = new Map<HostId, NumberedStatus>();
  const windowIs = (contentsId: number): void => {
    if (forId !== contentsId) held.clear();
    forId = contentsId;
  };
  return {
    next(contentsId, status) {
      windowIs(contentsId);
      const prev = held.get(status.hostId);
      if (!prev) {
        const full = { seq: 1, status };
        held.set(status.hostId, full);
        return { kind: 'full', full };
      }
      const delta = statusDelta(prev.status, status, prev.seq);
      held.set(status.hostId, { seq: delta.seq, status });
      return { kind: 'delta', host: status.hostId, delta };
    },
    full(contentsId, host) {
      windowIs(contentsId);
      const now = held.get(host);
      return now ? { kind: 'full', full: now } : null;
    },
  };
}

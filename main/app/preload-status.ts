/**
 * The preload's side of the IPC status stream (status-push.ts): holds each host's numbered status,
 * turns `full` and `delta` messages into whole statuses for the page, and says which host needs a
 * full status again when a delta does not fit (the caller then asks main on STATUS_RESYNC_CHANNEL).
 */
import type { HostId, Status } from '../shared/contract';
import { applyStatusDelta, type NumberedStatus } from '../shared/status-delta';
import type { StatusPush } from './status-push';

/** What one message gives: a status to show, a host to resync, or nothing (unreadable). */
export type StatusOutcome =
  | { readonly kind: 'status'; readonly status: Status }
  | { readonly kind: 'resync'; readonly host: HostId }
  | { readonly kind: 'ignored' };

/** Creates the holder of one subscription. */
export function createStatusDecoder(): (payload: unknown) => StatusOutcome {
  const held = new Map<HostId, NumberedStatus>();
  return (payload) => {
    const msg = payload as Partial<StatusPush> | null;
    if (msg?.kind === 'full' && typeof msg.full?.seq === 'number' && msg.full.status) {
      held.set(msg.full.status.hostId, msg.full);
      return { kind: 'status', status: msg.full.status };
    }
    if (
      msg?.kind === 'delta' &&
      typeof msg.host === 'string' &&
      typeof msg.delta?.base === 'number'
    ) {
      const base = held.get(msg.host);
      const next = base ? applyStatusDelta(base, msg.delta) : null;
      if (!next) return { kind: 'resync', host: msg.host };
      held.set(next.status.hostId, next);
      return { kind: 'status', status: next.status };
    }
    return { kind: 'ignored' };
  };
}

/**
 * Keeps a remote host's store current while its views are open. The watcher follows a remote
 * host with a summary stream only, so its full status is not pushed to the page: it is read
 * through the forwarded `getStatus` every few seconds instead, and only while it is shown.
 */
import { LOCAL_HOST_ID } from '../../main/shared/contract';
import type { LiveStore } from './live-store';

/** How often a shown remote host's status is read. */
export const REMOTE_STATUS_MS = 3_000;

/** Starts reading the store's host status periodically; returns the stop function. */
export function followRemoteStatus(store: LiveStore, everyMs = REMOTE_STATUS_MS): () => void {
  if (store.host === LOCAL_HOST_ID) return () => undefined;
  let inFlight = false;
  const read = async (): Promise<void> => {
    if (inFlight) return;
    inFlight = true;
    try {
      const r = await store.transport.api.getStatus({ host: store.host });
      if (r.ok) store.setStatus(r.value);
    } finally {
      inFlight = false;
    }
  };
  const timer = setInterval(() => void read(), everyMs);
  return () => clearInterval(timer);
}

/**
 * Tells the transport which watched host the page shows, so the watcher follows that host with
 * its full stream and pushes each of its statuses into the host's live store (instead of the
 * page asking for them). None while the page is hidden (a background tab, a minimised or hidden
 * window): then the host costs only its summary stream.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { LOCAL_HOST_ID, type HostId } from '../../main/shared/contract';
import type { Transport } from '../api/transport';

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

const pageVisible = (): boolean => document.visibilityState !== 'hidden';

/** Shows `host` through `transport` while the page is visible (null or local: none). */
export function useShownHost(transport: Transport, host: HostId | null): void {
  const visible = useSyncExternalStore(subscribeVisibility, pageVisible);
  const shown = visible && host !== null && host !== LOCAL_HOST_ID ? host : null;
  useEffect(() => transport.show(shown), [transport, shown]);
  // Unmounted (the page goes away): nothing is shown any more.
  useEffect(() => () => transport.show(null), [transport]);
}

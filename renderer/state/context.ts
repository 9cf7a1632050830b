/** React access to the live stores and the contract API. */
import { createContext, useContext, useMemo, useSyncExternalStore } from 'react';
import type { HostwatchApi } from '../../main/shared/contract';
import type { FleetStore } from './fleet-store';
import { hostBoundApi } from './host-api';
import type { LiveState, LiveStore } from './live-store';
import type { LiveStores } from './live-stores';

/** The live store of the host this part of the window shows. */
export const StoreContext = createContext<LiveStore | null>(null);

/** Every host's store and the fleet store of the page (absent: the app makes its own). */
export const StoresContext = createContext<{
  readonly stores: LiveStores;
  readonly fleet: FleetStore;
} | null>(null);

/** Returns the live store; throws outside the provider (a wiring bug). */
export function useStore(): LiveStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore needs a StoreContext provider');
  return store;
}

/** Returns the live state, re-rendering on change. */
export function useLive(): LiveState {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, store.getState);
}

/**
 * Returns the contract API, bound to the store's host: host-scoped operations act on the host
 * the window shows (see host-api.ts).
 */
export function useApi(): HostwatchApi {
  const store = useStore();
  return useMemo(() => hostBoundApi(store.transport.api, store.host), [store]);
}

/** React access to the live store and the contract API. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { HostwatchApi } from '../../main/shared/contract';
import type { LiveState, LiveStore } from './live-store';

/** The live store of this window. */
export const StoreContext = createContext<LiveStore | null>(null);

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

/** Returns the contract API. */
export function useApi(): HostwatchApi {
  return useStore().transport.api;
}

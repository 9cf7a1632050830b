/**
 * One live store per watched host, all on the page's one transport. The views read the store of
 * the host the window is switched to (app.tsx); another host's store is made and started on
 * first use.
 */
import { LOCAL_HOST_ID, type HostId } from '../../main/shared/contract';
import type { Transport } from '../api/transport';
import { LiveStore } from './live-store';

/** The live stores of the page, by host. */
export class LiveStores {
  private readonly stores = new Map<HostId, LiveStore>();
  private readonly started = new Set<HostId>();

  /**
   * @param transport - the page's transport
   * @param local - an already made local store to adopt (tests render the app with one)
   */
  constructor(
    readonly transport: Transport,
    local?: LiveStore,
  ) {
    if (local) this.stores.set(LOCAL_HOST_ID, local);
  }

  /** The local host's store (created on first use, not started). */
  get local(): LiveStore {
    return this.get(LOCAL_HOST_ID);
  }

  /** The store of a host, created on first use (the caller starts it). */
  get(host: HostId): LiveStore {
    let store = this.stores.get(host);
    if (!store) {
      store = new LiveStore(this.transport, host);
      this.stores.set(host, store);
    }
    return store;
  }

  /**
   * The store of a host, started on first use (the local store is started by its owner, so it
   * is never started here a second time).
   */
  open(host: HostId): LiveStore {
    const store = this.get(host);
    if (host !== LOCAL_HOST_ID && !this.started.has(host)) {
      this.started.add(host);
      void store.start();
    }
    return store;
  }

  /** The hosts that have a store. */
  hosts(): HostId[] {
    return [...this.stores.keys()];
  }

  /** Stops and forgets a host's store (the host left the fleet). */
  remove(host: HostId): void {
    this.stores.get(host)?.stop();
    this.stores.delete(host);
    this.started.delete(host);
  }

  /** Stops every store. */
  stop(): void {
    for (const store of this.stores.values()) store.stop();
    this.stores.clear();
    this.started.clear();
  }
}

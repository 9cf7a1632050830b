/**
 * One live store per watched host, all on the page's one transport. Every view today reads the
 * local host's store; a fleet view asks for any other host's store by id, created on first use.
 */
import { LOCAL_HOST_ID, type HostId } from '../../main/shared/contract';
import type { Transport } from '../api/transport';
import { LiveStore } from './live-store';

/** The live stores of the page, by host. */
export class LiveStores {
  private readonly stores = new Map<HostId, LiveStore>();

  constructor(readonly transport: Transport) {}

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

  /** The hosts that have a store. */
  hosts(): HostId[] {
    return [...this.stores.keys()];
  }

  /** Stops and forgets a host's store (the host left the fleet). */
  remove(host: HostId): void {
    this.stores.get(host)?.stop();
    this.stores.delete(host);
  }

  /** Stops every store. */
  stop(): void {
    for (const store of this.stores.values()) store.stop();
    this.stores.clear();
  }
}

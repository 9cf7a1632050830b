/**
 * What the UI holds of a transport: the one contract plus whether pushed events are flowing.
 */
import type { HostId, HostwatchApi } from '../../main/shared/contract';

/** Whether pushed events currently arrive. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

/** A transport: the contract API and its connection state. */
export interface Transport {
  readonly kind: 'ipc' | 'http' | 'memory';
  readonly api: HostwatchApi;
  /** Current connection state. */
  connection(): ConnectionState;
  /** Subscribes to connection changes; returns the unsubscribe function. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /**
   * Says which watched host the page shows now (null: none, or only this computer): its every
   * status is then pushed as `status` with its `hostId`, instead of only its summary.
   */
  show(host: HostId | null): void;
}

/** Wraps an API whose events always flow (IPC, in-memory) as a transport. */
export function alwaysConnected(
  kind: Transport['kind'],
  api: HostwatchApi,
  show: (host: HostId | null) => void = () => undefined,
): Transport {
  return { kind, api, connection: () => 'open', onConnection: () => () => undefined, show };
}

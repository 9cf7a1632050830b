/**
 * Picks the transport at start: the Electron preload's `window.hostwatch` when present, else
 * HTTP + SSE against the agent that served the page.
 */
import { createHttpTransport } from './http';
import { createIpcTransport } from './ipc';
import type { Transport } from './transport';

/** Returns the transport for this page. */
export function selectTransport(win: Window = window): Transport {
  return createIpcTransport(win) ?? createHttpTransport();
}

export type { ConnectionState, Transport } from './transport';
export { alwaysConnected } from './transport';

/**
 * The Electron transport: the preload exposes exactly the {@link HostwatchApi} functions as
 * `window.hostwatch`; nothing else of IPC reaches the page.
 */
import type { HostwatchApi } from '../../main/shared/contract';
import { alwaysConnected, type Transport } from './transport';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in a browser. */
    readonly hostwatch?: HostwatchApi;
  }
}

/** Returns the IPC transport when running inside the Electron window, else undefined. */
export function createIpcTransport(win: Window = window): Transport | undefined {
  const bridge = win.hostwatch;
  return bridge ? alwaysConnected('ipc', bridge) : undefined;
}

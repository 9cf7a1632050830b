/**
 * The Electron transport: the preload exposes exactly the {@link HostwatchApi} functions as
 * `window.hostwatch`; nothing else of IPC reaches the page.
 */
import type { HostwatchBridge } from '../../main/shared/contract';
import { alwaysConnected, type Transport } from './transport';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in a browser. */
    readonly hostwatch?: HostwatchBridge;
  }
}

/** Returns the IPC transport when running inside the Electron window, else undefined. */
export function createIpcTransport(win: Window = window): Transport | undefined {
  const bridge = win.hostwatch;
  if (!bridge) return undefined;
  // The window's shown host goes to main, which pushes that host's statuses (app/ipc.ts).
  return alwaysConnected(
    'ipc',
    bridge,
    (host) => void bridge.showHost(host).catch(() => undefined),
  );
}

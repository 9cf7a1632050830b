/**
 * The API the preload exposes as `window.hostwatch`: exactly the HostwatchApi functions (derived
 * from OPERATIONS) plus `on(event, listener)` returning an unsubscribe and `showHost(host)`
 * (which watched host the window shows, see contract.ts HostwatchBridge). The raw IpcRendererEvent
 * never reaches the page (Electron security checklist item 20; cf. Electron Fiddle preload.ts).
 */
import type { IpcRendererEvent } from 'electron';
import {
  OPERATION_NAMES,
  PUSH_EVENT_NAMES,
  SHOW_HOST_CHANNEL,
  STATUS_RESYNC_CHANNEL,
  ipcChannel,
} from '../shared/channels';
import type { HostwatchBridge, PushEventName, PushEvents } from '../shared/contract';
import { createStatusDecoder } from './preload-status';

/** The part of ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(
    channel: string,
    listener: (event: IpcRendererEvent, ...args: unknown[]) => void,
  ): unknown;
}

/** Builds the object handed to contextBridge.exposeInMainWorld('hostwatch', …). */
export function createPreloadApi(ipc: IpcRendererLike): HostwatchBridge {
  const api: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) {
    const channel = ipcChannel(name);
    // Exactly one argument crosses: the main side parses it as unknown.
    api[name] = (input?: unknown) => ipc.invoke(channel, input);
  }
  api.on = <E extends PushEventName>(
    event: E,
    listener: (payload: PushEvents[E]) => void,
  ): (() => void) => {
    if (!(PUSH_EVENT_NAMES as readonly string[]).includes(event))
      throw new Error(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    const channel = ipcChannel(event);
    // Statuses come as one full status, then deltas: hand the page whole statuses only.
    const decode = event === 'status' ? createStatusDecoder() : null;
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => {
      if (!decode) return listener(payload as PushEvents[E]);
      const out = decode(payload);
      if (out.kind === 'status') listener(out.status as PushEvents[E]);
      else if (out.kind === 'resync')
        void ipc.invoke(STATUS_RESYNC_CHANNEL, out.host).catch(() => undefined);
    };
    ipc.on(channel, wrapped);
    // A new subscriber (or a reloaded page) starts from a full status of the local host.
    if (decode) void ipc.invoke(STATUS_RESYNC_CHANNEL, null).catch(() => undefined);
    return () => {
      ipc.removeListener(channel, wrapped);
    };
  };
  api.showHost = async (host: unknown): Promise<void> => {
    await ipc.invoke(SHOW_HOST_CHANNEL, host);
  };
  return api as HostwatchBridge;
}

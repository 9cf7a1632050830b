/**
 * The one file that registers IPC handlers. Handlers are generated from the engine's handler
 * table (core/engine-api.ts), one per operation of the contract; each checks that the sender is
 * our window (cf. GitHub Desktop trusted-ipc-sender.ts) and hands its one argument, as `unknown`,
 * to the engine, which parses it once with the contract schema before any handler sees it
 * (callOperation). Pushes go only to our window.
 *
 * The window says which watched host it shows (SHOW_HOST_CHANNEL): main then holds one
 * reference to that host in the fleet (its full stream) and pushes each of its statuses to the
 * window, until the window shows another host or none, or is gone (destroyed or replaced).
 */
import type { IpcMainInvokeEvent } from 'electron';
import {
  LOCAL_HOST_ID,
  OPERATION_NAMES,
  PUSH_EVENT_NAMES,
  SHOW_HOST_CHANNEL,
  ipcChannel,
  type HostId,
  type PushEventName,
  type Result,
  type Status,
} from '../shared/contract';
import { callOperation, type EngineApi } from '../core/engine-api';
import type { Logger } from '../core/ports';
import { STATUS_RESYNC_CHANNEL } from '../shared/channels';
import { createStatusEncoder, type StatusEncoder } from './status-push';

/** The part of ipcMain this module uses. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/** The sender facts the trust check reads. */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Our window as the trust check and the pushes see it. */
export interface OurContents {
  readonly id: number;
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/** What the IPC layer needs. */
export interface IpcDeps {
  readonly ipcMain: IpcMainLike;
  /** The engine's handler table (core/engine-api.ts). */
  readonly api: EngineApi;
  /** Our window's webContents, or null while there is no window. */
  readonly contents: () => OurContents | null;
  /** file:// URL of dist/renderer/ (with trailing slash): the only origin we trust. */
  readonly rendererUrl: string;
  readonly logger: Logger;
  /** The window shows a watched host: its statuses go to `onStatus` until the release. */
  readonly showHost?: (host: HostId, onStatus: (status: Status) => void) => () => void;
}

/** Whether an invoke comes from our window's main frame showing our own renderer files. */
export function isTrustedSender(
  event: SenderEvent,
  ours: OurContents | null,
  rendererUrl: string,
): boolean {
  if (!ours || ours.isDestroyed() || event.sender.id !== ours.id) return false;
  // senderFrame is null when the frame navigated away or was destroyed before we got here.
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return frame.url.startsWith(rendererUrl);
}

const untrusted: Result<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'This request did not come from the Hostwatch window.' },
};

/** Registers one handler per operation and forwards pushes; returns a function that undoes both. */
export function setupIpc(deps: IpcDeps): () => void {
  for (const name of OPERATION_NAMES) {
    deps.ipcMain.handle(ipcChannel(name), async (event, ...args): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, deps.contents(), deps.rendererUrl)) {
        deps.logger.warn(`refused ${name} from an untrusted sender`);
        return untrusted;
      }
      if (args.length > 1) {
        return { ok: false, error: { code: 'invalid', message: 'Expected at most one argument' } };
      }
      try {
        return await callOperation(deps.api, name, args[0]);
      } catch (err) {
        deps.logger.error(`${name} threw`, err);
        return {
          ok: false,
          error: { code: 'failed', message: 'The operation failed; see the log.' },
        };
      }
    });
  }
  const encoder = createStatusEncoder();
  const push = <E extends PushEventName>(event: E) =>
    deps.api.on(event, (payload) => {
      const contents = deps.contents();
      if (!contents || contents.isDestroyed()) return;
      // Statuses cross as one full status, then deltas (status-push.ts).
      const sent = event === 'status' ? encoder.next(contents.id, payload as Status) : payload;
      contents.send(ipcChannel(event), sent);
    });
  const unsubscribes = PUSH_EVENT_NAMES.map(push);
  const shown = setupShowHost(deps, encoder);
  setupResync(deps, encoder);
  return () => {
    for (const name of OPERATION_NAMES) deps.ipcMain.removeHandler(ipcChannel(name));
    deps.ipcMain.removeHandler(STATUS_RESYNC_CHANNEL);
    for (const off of unsubscribes) off();
    shown();
  };
}

/** A host id as the window sends it: null, or a short non-empty text. */
function shownHostOf(arg: unknown): HostId | null | Error {
  if (arg === null || arg === undefined || arg === LOCAL_HOST_ID) return null;
  if (typeof arg === 'string' && arg.length > 0 && arg.length <= 128) return arg;
  return new Error('showHost expects a host id (text of 1 to 128 characters) or null');
}

/** Handles SHOW_HOST_CHANNEL; returns the function that removes it and lets the host go. */
function setupShowHost(deps: IpcDeps, encoder: StatusEncoder): () => void {
  let held: { host: HostId; contentsId: number; release: () => void } | null = null;
  const letGo = (): void => {
    held?.release();
    held = null;
  };
  deps.ipcMain.handle(SHOW_HOST_CHANNEL, (event, ...args): Promise<Result<null>> => {
    const ours = deps.contents();
    if (!isTrustedSender(event, ours, deps.rendererUrl) || !ours) {
      deps.logger.warn('refused showHost from an untrusted sender');
      return Promise.resolve(untrusted);
    }
    const host = shownHostOf(args[0]);
    if (host instanceof Error || args.length > 1) {
      const message = host instanceof Error ? host.message : 'Expected at most one argument';
      return Promise.resolve({ ok: false, error: { code: 'invalid', message } });
    }
    if (held?.host === host && held.contentsId === ours.id) return Promise.resolve(okNull);
    letGo();
    if (host !== null && deps.showHost) {
      const contentsId = ours.id;
      const release = deps.showHost(host, (status) => {
        const now = deps.contents();
        // The window that asked is gone (destroyed, or released and made anew): let the host go.
        if (!now || now.isDestroyed() || now.id !== contentsId) {
          if (held?.contentsId === contentsId) letGo();
          return;
        }
        now.send(ipcChannel('status'), encoder.next(now.id, status));
      });
      held = { host, contentsId, release };
    }
    return Promise.resolve(okNull);
  });
  return () => {
    deps.ipcMain.removeHandler(SHOW_HOST_CHANNEL);
    letGo();
  };
}

const okNull: Result<null> = { ok: true, value: null };

/** Handles STATUS_RESYNC_CHANNEL: the window holds no fitting status of a host; send it whole. */
function setupResync(deps: IpcDeps, encoder: StatusEncoder): void {
  deps.ipcMain.handle(STATUS_RESYNC_CHANNEL, (event, ...args): Promise<Result<null>> => {
    const ours = deps.contents();
    if (!isTrustedSender(event, ours, deps.rendererUrl) || !ours) {
      deps.logger.warn('refused a status resync from an untrusted sender');
      return Promise.resolve(untrusted);
    }
    const host = args[0] === undefined || args[0] === null ? LOCAL_HOST_ID : shownHostOf(args[0]);
    if (host instanceof Error || args.length > 1) {
      const message = host instanceof Error ? host.message : 'Expected at most one argument';
      return Promise.resolve({ ok: false, error: { code: 'invalid', message } });
    }
    const full = encoder.full(ours.id, host ?? LOCAL_HOST_ID);
    if (full) ours.send(ipcChannel('status'), full);
    return Promise.resolve(okNull);
  });
}

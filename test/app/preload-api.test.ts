import type { IpcRendererEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { createPreloadApi, type IpcRendererLike } from '../../main/app/preload-api';
import { OPERATIONS, SHOW_HOST_CHANNEL, ipcChannel } from '../../main/shared/contract';
import { makeStatus } from './fakes';

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

function fakeIpcRenderer() {
  const invoked: [string, unknown[]][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke: (channel, ...args) => (
      invoked.push([channel, args]),
      Promise.resolve({ ok: true, value: channel })
    ),
    on: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
  };
  const emit = (channel: string, payload: unknown) => {
    const raw = { sender: { secret: 'ipcRenderer' }, senderId: 0 } as unknown as IpcRendererEvent;
    for (const l of listeners.get(channel) ?? []) l(raw, payload);
  };
  return { ipc, invoked, listeners, emit };
}

describe('preload API (window.hostwatch)', () => {
  it('exposes exactly the contract operations plus on() and showHost()', () => {
    const api = createPreloadApi(fakeIpcRenderer().ipc);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(OPERATIONS), 'on', 'showHost'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes each operation on its contract channel with one argument', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const api = createPreloadApi(ipc);
    expect(await api.snooze({ duration: '1h' })).toEqual({ ok: true, value: ipcChannel('snooze') });
    await api.getStatus(undefined);
    expect(invoked).toEqual([
      [ipcChannel('snooze'), [{ duration: '1h' }]],
      [ipcChannel('getStatus'), [undefined]],
    ]);
  });

  it('sends the shown host on its own channel with one argument', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const api = createPreloadApi(ipc);
    await api.showHost('web01');
    await api.showHost(null);
    expect(invoked).toEqual([
      [SHOW_HOST_CHANNEL, ['web01']],
      [SHOW_HOST_CHANNEL, [null]],
    ]);
  });

  it('delivers pushed payloads without the raw IPC event and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpcRenderer();
    const api = createPreloadApi(ipc);
    const got: unknown[][] = [];
    const off = api.on('status', (...args: unknown[]) => got.push(args));
    const status = makeStatus();
    emit(ipcChannel('status'), { kind: 'full', full: { seq: 1, status } });
    expect(got).toEqual([[status]]);
    off();
    emit(ipcChannel('status'), status);
    expect(got).toHaveLength(1);
    expect(listeners.get(ipcChannel('status'))?.size).toBe(0);
  });

  it('refuses unknown events and non-function listeners', () => {
    const api = createPreloadApi(fakeIpcRenderer().ipc);
    expect(() => api.on('toString' as 'status', () => undefined)).toThrow(/Unknown event/);
    expect(() => api.on('status', 'x' as unknown as () => void)).toThrow(/function/);
  });
});

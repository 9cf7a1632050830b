import type { IpcMainInvokeEvent } from 'electron';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setupIpc, type OurContents } from '../../main/app/ipc';
import { STATUS_RESYNC_CHANNEL } from '../../main/shared/channels';
import type { EngineApi } from '../../main/core/engine-api';
import { createSafeStorageSecrets } from '../../main/app/safe-storage-secrets';
import {
  OPERATIONS,
  SHOW_HOST_CHANNEL,
  ipcChannel,
  type Result,
  type Status,
} from '../../main/shared/contract';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import { FakeApi, FakeIpcMain, makeStatus, memoryLogger } from './fakes';

const RENDERER_URL = 'file:///opt/hostwatch/resources/app.asar/dist/renderer/';
const PAGE = `${RENDERER_URL}index.html#/`;

function contents(id: number): OurContents & { sent: [string, unknown][] } {
  const sent: [string, unknown][] = [];
  return { id, sent, send: (c, p) => void sent.push([c, p]), isDestroyed: () => false };
}

function event(senderId: number, url = PAGE, parent: unknown = null): IpcMainInvokeEvent {
  return {
    sender: { id: senderId },
    senderFrame: { url, parent },
  } as unknown as IpcMainInvokeEvent;
}

/** A fleet stand-in: who holds which host, and a way to send a host's status to its holders. */
function fakeFleet() {
  const holders = new Map<string, Set<(s: Status) => void>>();
  return {
    holders,
    showHost(host: string, onStatus: (s: Status) => void) {
      const set = holders.get(host) ?? new Set();
      holders.set(host, set.add(onStatus));
      return () => void set.delete(onStatus);
    },
    held: (host: string) => holders.get(host)?.size ?? 0,
    emit: (host: string, s: Status) => holders.get(host)?.forEach((l) => l(s)),
  };
}

function setup(api: EngineApi = new FakeApi()) {
  const ipcMain = new FakeIpcMain();
  const ours = contents(7);
  let current: OurContents | null = ours;
  const fleet = fakeFleet();
  const dispose = setupIpc({
    ipcMain,
    api,
    contents: () => current,
    rendererUrl: RENDERER_URL,
    logger: memoryLogger(),
    showHost: (host, onStatus) => fleet.showHost(host, onStatus),
  });
  const invoke = (name: keyof typeof OPERATIONS, ev: IpcMainInvokeEvent, ...args: unknown[]) =>
    ipcMain.handlers.get(ipcChannel(name))!(ev, ...args) as Promise<Result<unknown>>;
  const show = (ev: IpcMainInvokeEvent, ...args: unknown[]) =>
    ipcMain.handlers.get(SHOW_HOST_CHANNEL)!(ev, ...args) as Promise<Result<unknown>>;
  return {
    ipcMain,
    ours,
    dispose,
    invoke,
    show,
    fleet,
    closeWindow: () => (current = null),
    newWindow: (id: number) => (current = contents(id)),
  };
}

describe('IPC handlers', () => {
  it('registers exactly one handler per operation and the shown host, and removes them on dispose', () => {
    const { ipcMain, dispose } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      [
        ...Object.keys(OPERATIONS).map((n) => ipcChannel(n as keyof typeof OPERATIONS)),
        SHOW_HOST_CHANNEL,
        STATUS_RESYNC_CHANNEL,
      ].sort(),
    );
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('serves our window', async () => {
    const api = new FakeApi();
    const { invoke } = setup(api);
    expect(await invoke('setPaused', event(7), { paused: true })).toEqual({
      ok: true,
      value: { paused: true },
    });
    expect(await invoke('getEvents', event(7), undefined)).toEqual({ ok: true, value: [] });
    // Defaults come from the contract schema, not from the page.
    expect(api.calls).toEqual([
      { name: 'setPaused', input: { paused: true } },
      { name: 'getEvents', input: { limit: 200 } },
    ]);
  });

  it('refuses a foreign sender and changes nothing', async () => {
    const api = new FakeApi();
    const { invoke, closeWindow } = setup(api);
    const foreign = [
      event(8), // another webContents
      event(7, 'https://evil.example/'), // our webContents navigated elsewhere
      event(7, 'file:///home/user/Downloads/index.html'), // a local file outside our renderer
      event(7, PAGE, { url: PAGE }), // a subframe
      { sender: { id: 7 }, senderFrame: null } as unknown as IpcMainInvokeEvent, // frame gone
    ];
    for (const ev of foreign) {
      const r = await invoke('setPaused', ev, { paused: true });
      expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    closeWindow();
    expect(await invoke('snooze', event(7), { duration: '8h' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(api.calls).toEqual([]);
    expect(api.paused).toBe(false);
    expect(api.snoozeState.all).toBeNull();
  });

  it('refuses every kind of invalid payload and changes nothing', async () => {
    const api = new FakeApi();
    const { invoke } = setup(api);
    const bad: [keyof typeof OPERATIONS, unknown[]][] = [
      ['setPaused', ['yes']], // wrong type
      ['setPaused', [{}]], // missing field
      ['setPaused', [{ paused: 'true' }]], // wrong field type
      ['setPaused', [{ paused: true }, { paused: false }]], // extra argument
      ['snooze', [{ duration: '2h' }]], // not in the enum
      ['snooze', [{ duration: '1h', ruleId: '' }]], // too short
      ['setMaintenance', [{ minutes: -5 }]], // out of range
      ['setMaintenance', [{ minutes: 1.5 }]], // not an integer
      ['getHistory', [{ metric: [], range: '1h' }]], // empty list
      ['getStatus', [{ sneaky: true }]], // takes no input
      ['saveSettings', [{ settings: { ...DEFAULT_SETTINGS, version: 99 } }]], // schema violation
      ['saveSettings', [null]],
    ];
    for (const [name, args] of bad) {
      const r = await invoke(name, event(7), ...args);
      expect(r, `${name} ${JSON.stringify(args)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
    }
    expect(api.calls).toEqual([]);
    expect(api.paused).toBe(false);
    expect(api.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('turns an engine exception into a failed result', async () => {
    const api = new FakeApi();
    api.getEvents = () => Promise.reject(new Error('disk on fire'));
    const { invoke } = setup(api);
    expect(await invoke('getEvents', event(7))).toMatchObject({
      ok: false,
      error: { code: 'failed' },
    });
  });

  it('pushes status and events to our window only, until disposed', () => {
    const api = new FakeApi();
    const { ours, dispose } = setup(api);
    const status = makeStatus({ health: 'warning' });
    api.emit('status', status);
    api.emit('event', {
      id: 'e1',
      host: 'local',
      time: 1,
      kind: 'system',
      severity: 'info',
      message: 'hi',
    });
    expect(ours.sent.map(([c]) => c)).toEqual([ipcChannel('status'), ipcChannel('event')]);
    expect(ours.sent[0]![1]).toEqual({ kind: 'full', full: { seq: 1, status } });
    // After the first full status only what changed crosses.
    api.emit('status', makeStatus({ health: 'critical' }));
    expect(ours.sent[2]![1]).toEqual({
      kind: 'delta',
      host: 'local',
      delta: { seq: 2, base: 1, set: { health: 'critical' } },
    });
    dispose();
    expect(api.listenerCount('status') + api.listenerCount('event')).toBe(0);
  });
});

describe('the shown host over IPC', () => {
  it('holds the shown host while the window shows it and pushes its statuses to the window', async () => {
    const { show, fleet, ours } = setup();
    expect(await show(event(7), 'web01')).toEqual({ ok: true, value: null });
    expect(fleet.held('web01')).toBe(1);
    // Asking again for the same host takes no second reference.
    await show(event(7), 'web01');
    expect(fleet.held('web01')).toBe(1);
    const remote = makeStatus({ hostId: 'web01', health: 'warning' });
    fleet.emit('web01', remote);
    expect(ours.sent).toEqual([
      [ipcChannel('status'), { kind: 'full', full: { seq: 1, status: remote } }],
    ]);
    await show(event(7), 'web02');
    expect([fleet.held('web01'), fleet.held('web02')]).toEqual([0, 1]);
    await show(event(7), null);
    expect(fleet.held('web02')).toBe(0);
    // This computer is no watched host: nothing is held for it.
    await show(event(7), 'local');
    expect(fleet.held('local')).toBe(0);
  });

  it('lets the host go when the window that showed it is gone or replaced', async () => {
    const { show, fleet, closeWindow, newWindow } = setup();
    await show(event(7), 'web01');
    closeWindow();
    fleet.emit('web01', makeStatus({ hostId: 'web01' }));
    expect(fleet.held('web01')).toBe(0);
    const next = newWindow(8);
    await show(event(8), 'web01');
    newWindow(9);
    fleet.emit('web01', makeStatus({ hostId: 'web01' }));
    expect(fleet.held('web01')).toBe(0);
    expect(next.sent).toEqual([]);
  });

  it('refuses a foreign sender and a malformed host, holding nothing', async () => {
    const { show, fleet, dispose } = setup();
    expect(await show(event(99), 'web01')).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(await show(event(7), 42)).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('host id') as unknown },
    });
    expect(await show(event(7), 'x'.repeat(129))).toMatchObject({ ok: false });
    expect(fleet.holders.size).toBe(0);
    await show(event(7), 'web01');
    dispose();
    expect(fleet.held('web01')).toBe(0);
  });
});

describe('settings over IPC with the real engine', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never contains the SMTP password', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hw-ipc-'));
    const { createNodeEngine } = await import('../../main/adapters/compose');
    // A reversible fake of safeStorage: the engine and store are real, only the OS keychain is not.
    const safeStorage = {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(`enc:${s}`),
      decryptString: (b: Buffer) => b.toString().slice(4),
    };
    const secrets = createSafeStorageSecrets(safeStorage, dir, 'darwin');
    const engine = await createNodeEngine({ dataDir: dir, secrets });
    try {
      const { invoke } = setup(engine.operations);
      const password = 'hunter2-very-secret';
      const settings = {
        ...DEFAULT_SETTINGS,
        smtp: {
          ...DEFAULT_SETTINGS.smtp,
          enabled: true,
          host: 'smtp.example.com',
          from: 'hw@example.com',
          to: ['ops@example.com'],
          username: 'hw',
        },
      };
      const saved = await invoke('saveSettings', event(7), {
        settings,
        secrets: { smtpPassword: password },
      });
      expect(saved.ok).toBe(true);
      expect(await secrets.get('smtpPassword')).toBe(password);
      const read = await invoke('getSettings', event(7));
      expect(read).toMatchObject({
        ok: true,
        value: { secrets: { smtpPassword: true }, secretStorage: 'encrypted' },
      });
      expect(JSON.stringify(read)).not.toContain(password);
      expect(JSON.stringify(saved)).not.toContain(password);
    } finally {
      await engine.stop();
    }
  });

  it('refuses to keep the password when the platform cannot encrypt it, writing it nowhere', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hw-ipc-'));
    const { createNodeEngine } = await import('../../main/adapters/compose');
    const safeStorage = {
      isEncryptionAvailable: () => false,
      encryptString: (): Buffer => {
        throw new Error('unavailable');
      },
      decryptString: (): string => {
        throw new Error('unavailable');
      },
    };
    const secrets = createSafeStorageSecrets(safeStorage, dir, 'linux');
    const engine = await createNodeEngine({ dataDir: dir, secrets });
    try {
      const { invoke } = setup(engine.operations);
      const password = 'hunter2-plain-text-never';
      const saved = await invoke('saveSettings', event(7), {
        settings: DEFAULT_SETTINGS,
        secrets: { smtpPassword: password },
      });
      expect(saved.ok).toBe(false);
      const read = await invoke('getSettings', event(7));
      expect(read).toMatchObject({ ok: true, value: { secrets: { smtpPassword: false } } });
    } finally {
      await engine.stop();
    }
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const path = join(dir, file);
      if (statSync(path).isFile())
        expect(readFileSync(path, 'utf8'), file).not.toContain('hunter2');
    }
  });
});

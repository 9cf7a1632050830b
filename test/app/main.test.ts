/**
 * The composition root, run with every Electron object faked (vi.mock: electron is never
 * loaded) and the engine replaced by the recording FakeApi: checks the wiring, not the features.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATIONS, SHOW_HOST_CHANNEL, ipcChannel } from '../../main/shared/contract';
import { STATUS_RESYNC_CHANNEL } from '../../main/shared/channels';
import { FakeApi, makeStatus, memoryLogger } from './fakes';

type Listener = (...args: unknown[]) => void;

const h = vi.hoisted(() => {
  const state = {
    lock: true,
    appListeners: new Map<string, Listener[]>(),
    powerListeners: new Map<string, Listener>(),
    handlers: new Set<string>(),
    trays: [] as { tooltips: string[] }[],
    windows: [] as { options: unknown }[],
    calls: [] as string[],
    engine: null as null | Record<string, unknown>,
  };
  return { state };
});

vi.mock('electron', () => {
  const { state } = h;
  const on = (map: Map<string, Listener[]>) => (event: string, l: Listener) =>
    void map.set(event, [...(map.get(event) ?? []), l]);
  class Tray {
    tooltips: string[] = [];
    constructor() {
      state.trays.push(this);
    }
    setImage() {}
    setToolTip(t: string) {
      this.tooltips.push(t);
    }
    setContextMenu() {}
    on() {}
    destroy() {
      state.calls.push('tray.destroy');
    }
  }
  class BrowserWindow {
    webContents = {
      id: 1,
      on() {},
      setWindowOpenHandler() {},
      send() {},
      isDestroyed: () => false,
    };
    constructor(readonly options: unknown) {
      state.windows.push(this);
    }
    show() {}
    hide() {}
    focus() {}
    isMinimized = () => false;
    restore() {}
    getBounds = () => ({ x: 0, y: 0, width: 800, height: 600 });
    isDestroyed = () => false;
    loadFile = () => Promise.resolve();
    once() {}
    on() {}
  }
  const area = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  return {
    app: {
      requestSingleInstanceLock: () => state.lock,
      quit: () => state.calls.push('app.quit'),
      exit: (code: number) => state.calls.push(`app.exit ${code}`),
      on: on(state.appListeners),
      whenReady: () => Promise.resolve(),
      setAppUserModelId: () => undefined,
      setPath: () => undefined,
      getPath: () => '/tmp/hostwatch-user-data',
      getAppPath: () => '/tmp/hostwatch-app',
      isPackaged: false,
      getVersion: () => '0.1.0',
      getAppMetrics: () => [],
      dock: { hide: () => state.calls.push('dock.hide') },
      getLoginItemSettings: () => ({ openAtLogin: false }),
      setLoginItemSettings: () => undefined,
    },
    BrowserWindow,
    Tray,
    Menu: { buildFromTemplate: (t: unknown) => t },
    Notification: Object.assign(class {}, { isSupported: () => false }),
    nativeImage: { createFromPath: (p: string) => ({ p }) },
    ipcMain: { handle: (c: string) => state.handlers.add(c), removeHandler: () => undefined },
    powerMonitor: { on: (e: string, l: Listener) => state.powerListeners.set(e, l) },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
    },
    screen: { getDisplayMatching: () => area, getPrimaryDisplay: () => area },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest() {}, onHeadersReceived() {} },
        setPermissionRequestHandler() {},
        setPermissionCheckHandler() {},
      },
    },
    shell: { openExternal: () => Promise.resolve(), openPath: () => Promise.resolve('') },
    dialog: { showMessageBox: () => Promise.resolve() },
  };
});

vi.mock('../../main/adapters/compose', () => ({
  createNodeEngine: (options: { dataDir: string; secrets: { kind: string } }) => {
    const { state } = h;
    const api = new FakeApi();
    state.calls.push(`createNodeEngine ${options.dataDir} ${options.secrets.kind}`);
    state.engine = {
      api,
      operations: api,
      dataDir: options.dataDir,
      logDir: `${options.dataDir}/logs`,
      channels: [] as string[],
      start: () => (state.calls.push('engine.start'), Promise.resolve()),
      stop: () => (state.calls.push('engine.stop'), Promise.resolve()),
      suspend: () => state.calls.push('engine.suspend'),
      resume: () => state.calls.push('engine.resume'),
      addChannel: (c: { name: string }) => state.calls.push(`addChannel ${c.name}`),
      logger: () => memoryLogger(),
      addNotice: () => undefined,
      // Alertmanager sources' new alerts (compose.ts follows the settings; main notifies).
      onAlertmanagerAlerts: () => () => undefined,
    };
    return Promise.resolve(state.engine);
  },
}));

beforeEach(() => {
  vi.resetModules();
  const { state } = h;
  Object.assign(state, { lock: true, trays: [], windows: [], calls: [], engine: null });
  state.appListeners.clear();
  state.powerListeners.clear();
  state.handlers.clear();
});
afterEach(() => vi.restoreAllMocks());

const emitApp = (event: string, ...args: unknown[]) =>
  h.state.appListeners.get(event)?.forEach((l) => l(...args));

describe('main.ts composition root', () => {
  it('a second instance quits at once and starts no engine, tray or IPC', async () => {
    h.state.lock = false;
    await import('../../main/app/main');
    await new Promise((r) => setImmediate(r));
    expect(h.state.calls).toEqual(['app.quit']);
    expect(h.state.trays).toHaveLength(0);
    expect(h.state.handlers.size).toBe(0);
  });

  it('the first instance wires engine, tray, IPC, channel, power and quit', async () => {
    await import('../../main/app/main');
    await vi.waitFor(() => expect(h.state.calls).toContain('engine.start'));
    const { state } = h;
    expect(state.calls).toEqual([
      'dock.hide',
      'createNodeEngine /tmp/hostwatch-user-data encrypted',
      'addChannel desktop',
      'engine.start',
    ]);
    expect([...state.handlers].sort()).toEqual(
      [
        ...Object.keys(OPERATIONS).map((n) => ipcChannel(n as keyof typeof OPERATIONS)),
        SHOW_HOST_CHANNEL,
        STATUS_RESYNC_CHANNEL,
      ].sort(),
    );
    // Status pushes reach the tray (throttled, so wait for the repaint).
    (state.engine!.api as FakeApi).emit('status', makeStatus({ health: 'critical' }));
    await vi.waitFor(() => expect(state.trays[0]!.tooltips.at(-1)).toBe('web01 — CRITICAL'));
    state.powerListeners.get('suspend')!();
    state.powerListeners.get('resume')!();
    // A second launch shows the dashboard in this instance.
    emitApp('second-instance');
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    // Quit: the engine stops before the app really quits.
    emitApp('before-quit', { preventDefault: () => state.calls.push('quit deferred') });
    await vi.waitFor(() => expect(state.calls.at(-1)).toBe('app.quit'));
    expect(state.calls.slice(4)).toEqual([
      'engine.suspend',
      'engine.resume',
      'quit deferred',
      'engine.stop',
      'tray.destroy',
      'app.quit',
    ]);
  });
});

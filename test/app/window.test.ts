import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupWindow, type WindowLike } from '../../main/app/window';
import { clampBounds, windowStatePath } from '../../main/app/window-state';
import { isRequestAllowed, type LockableSession } from '../../main/app/window-security';
import { memoryLogger } from './fakes';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fake event emitter accepts any listener shape
type Listener = (...args: any[]) => unknown;

class FakeWindow implements WindowLike {
  static all: FakeWindow[] = [];
  listeners = new Map<string, Listener[]>();
  contentsListeners = new Map<string, Listener[]>();
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  loads: { path: string; options?: { hash?: string } }[] = [];
  visible = false;
  hidden = 0;
  bounds: Rectangle;
  readonly webContents = {
    id: 42,
    on: (e: string, l: Listener) => (
      this.contentsListeners.set(e, [...(this.contentsListeners.get(e) ?? []), l]),
      this.webContents
    ),
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) =>
      void (this.openHandler = h),
    send: () => undefined,
    isDestroyed: () => false,
  } as unknown as WindowLike['webContents'];
  constructor(readonly options: BrowserWindowConstructorOptions) {
    this.bounds = {
      x: options.x ?? 0,
      y: options.y ?? 0,
      width: options.width!,
      height: options.height!,
    };
    FakeWindow.all.push(this);
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
    this.hidden++;
  }
  focus() {}
  isMinimized() {
    return false;
  }
  restore() {}
  getBounds() {
    return this.bounds;
  }
  isDestroyed() {
    return false;
  }
  destroy() {}
  loadFile(path: string, options?: { hash?: string }) {
    this.loads.push(options ? { path, options } : { path });
    return Promise.resolve();
  }
  once(event: string, l: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
  }
  on(event: string, l: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
  emitContents(event: string, ...args: unknown[]) {
    for (const l of this.contentsListeners.get(event) ?? []) l(...args);
  }
}

function fakeSession() {
  const s = {
    beforeRequest: null as
      null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    headers: null as
      | null
      | ((
          d: { responseHeaders?: Record<string, string[]> },
          cb: (r: { responseHeaders: Record<string, string[]> }) => void,
        ) => void),
    permission: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    check: null as null | (() => boolean),
  };
  const session = {
    webRequest: {
      onBeforeRequest: (l: typeof s.beforeRequest) => void (s.beforeRequest = l),
      onHeadersReceived: (l: typeof s.headers) => void (s.headers = l),
    },
    setPermissionRequestHandler: (h: typeof s.permission) => void (s.permission = h),
    setPermissionCheckHandler: (h: typeof s.check) => void (s.check = h),
  } as unknown as LockableSession;
  return { s, session };
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hw-window-'));
  FakeWindow.all = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup(workArea: Rectangle = { x: 0, y: 0, width: 1920, height: 1080 }) {
  const external: string[] = [];
  const { s, session } = fakeSession();
  const rendererDir = join(dir, 'dist', 'renderer');
  const controller = setupWindow({
    BrowserWindow: FakeWindow,
    screen: { getDisplayMatching: () => ({ workArea }), getPrimaryDisplay: () => ({ workArea }) },
    session,
    openExternal: (url) => (external.push(url), Promise.resolve()),
    dataDir: dir,
    preloadPath: '/app/dist/app/preload.cjs',
    rendererDir,
    logger: memoryLogger(),
  });
  return { controller, external, s, rendererDir };
}

describe('dashboard window', () => {
  it('is created on demand with exactly the locked-down preferences', async () => {
    const { controller, rendererDir } = setup();
    expect(FakeWindow.all).toHaveLength(0);
    await controller.show();
    const [win] = FakeWindow.all;
    expect(win!.options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/dist/app/preload.cjs',
    });
    expect(win!.options.show).toBe(false);
    expect(win!.loads).toEqual([{ path: join(rendererDir, 'index.html') }]);
    win!.emit('ready-to-show');
    expect(win!.visible).toBe(true);
    expect(controller.contents()?.id).toBe(42);
  });

  it('denies navigation and window.open, opening only https links externally', async () => {
    const { controller, external } = setup();
    await controller.show();
    const win = FakeWindow.all[0]!;
    const urls = [
      'https://example.com/docs',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'not a url',
    ];
    for (const url of urls) {
      let prevented = false;
      win.emitContents('will-navigate', { preventDefault: () => (prevented = true) }, url);
      expect(prevented, url).toBe(true);
      expect(win.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(external).toEqual(['https://example.com/docs', 'https://example.com/docs']);
    let webview = false;
    win.emitContents('will-attach-webview', { preventDefault: () => (webview = true) });
    expect(webview).toBe(true);
  });

  it('blocks every web request but our renderer files, sets the CSP and denies permissions', () => {
    const { s, rendererDir } = setup();
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      s.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide(pathToFileURL(join(rendererDir, 'index.html')).href + '#/events')).toBe(false);
    expect(decide(pathToFileURL(join(rendererDir, 'assets', 'app.js')).href)).toBe(false);
    expect(decide('devtools://devtools/bundled/inspector.html')).toBe(false);
    for (const url of [
      'https://example.com/x.js',
      'http://127.0.0.1:9100/metrics',
      'ws://localhost/',
      pathToFileURL(join(rendererDir, '..', 'app', 'main.js')).href,
      pathToFileURL(`${rendererDir}-evil/index.html`).href,
      'file:///etc/passwd',
    ]) {
      expect(decide(url), url).toBe(true);
    }
    let headers: Record<string, string[]> = {};
    s.headers!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['X-Other']).toEqual(['1']);
    expect(headers['Content-Security-Policy']![0]).toMatch(
      /^default-src 'none'; script-src 'self';/,
    );
    expect(headers['Content-Security-Policy']![0]).not.toMatch(/unsafe-eval|https?:/);
    let granted: boolean | undefined;
    s.permission!({}, 'notifications', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(s.check!()).toBe(false);
  });

  it('hides instead of closing until quit, and remembers its bounds', async () => {
    const { controller } = setup();
    await controller.show();
    const win = FakeWindow.all[0]!;
    win.bounds = { x: 100, y: 80, width: 900, height: 700 };
    let prevented = false;
    win.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(win.hidden).toBe(1);
    await controller.show('/events?focus=123');
    expect(FakeWindow.all).toHaveLength(1); // the same window, shown again at the event
    expect(win.loads.at(-1)!.options).toEqual({ hash: '/events?focus=123' });
    controller.allowClose();
    prevented = false;
    win.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
    // The bounds write is fire-and-forget: wait for the file rather than sleeping.
    await vi.waitFor(() =>
      expect(JSON.parse(readFileSync(windowStatePath(dir), 'utf8'))).toEqual({
        x: 100,
        y: 80,
        width: 900,
        height: 700,
      }),
    );
  });

  it('reopens at the remembered place, clamped onto a smaller display', async () => {
    writeFileSync(
      windowStatePath(dir),
      JSON.stringify({ x: 2500, y: 900, width: 1400, height: 900 }),
    );
    const { controller } = setup({ x: 0, y: 0, width: 1280, height: 800 });
    await controller.show();
    const o = FakeWindow.all[0]!.options;
    expect({ x: o.x, y: o.y, width: o.width, height: o.height }).toEqual({
      x: 0,
      y: 0,
      width: 1280,
      height: 800,
    });
  });

  it('two quick shows make one window', async () => {
    const { controller } = setup();
    await Promise.all([controller.show(), controller.show()]);
    expect(FakeWindow.all).toHaveLength(1);
  });
});

describe('window helpers', () => {
  it('clamps bounds into the work area', () => {
    const area = { x: 1920, y: 0, width: 1600, height: 900 };
    expect(clampBounds({ x: 3400, y: -50, width: 800, height: 600 }, area)).toEqual({
      x: 2720,
      y: 0,
      width: 800,
      height: 600,
    });
    expect(clampBounds({ width: 5000, height: 100 }, area)).toEqual({ width: 1600, height: 360 });
  });

  it('treats only files inside the renderer dir as ours', () => {
    expect(isRequestAllowed('file:///r/dist/renderer/a/b.js', '/r/dist/renderer')).toBe(true);
    expect(isRequestAllowed('file:///r/dist/renderer/../app/main.js', '/r/dist/renderer')).toBe(
      false,
    );
    expect(isRequestAllowed('file:///r/dist/renderer', '/r/dist/renderer')).toBe(false);
  });
});

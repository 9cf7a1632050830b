/**
 * The dashboard window is released (destroyed, freeing its renderer process) after it has been
 * hidden for the release delay, and the next show recreates it with the same size, position and
 * route. Electron objects and the timers are fakes; bounds go through the real window-state file.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupWindow, type WindowLike } from '../../main/app/window';
import {
  createIdleRelease,
  RELEASE_AFTER_MS,
  routeOf,
  type ReleaseTimers,
} from '../../main/app/window-release';
import type { LockableSession } from '../../main/app/window-security';
import { memoryLogger } from './fakes';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fake emitter accepts any listener shape
type Listener = (...args: any[]) => unknown;

class FakeWindow implements WindowLike {
  static all: FakeWindow[] = [];
  listeners = new Map<string, Listener[]>();
  contentsListeners = new Map<string, Listener[]>();
  loads: { hash?: string }[] = [];
  visible = false;
  destroyed = false;
  bounds: Rectangle;
  readonly webContents = {
    id: FakeWindow.all.length + 1,
    on: (e: string, l: Listener) => (
      this.contentsListeners.set(e, [...(this.contentsListeners.get(e) ?? []), l]),
      this.webContents
    ),
    setWindowOpenHandler: () => undefined,
    send: () => undefined,
    isDestroyed: () => this.destroyed,
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
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.visible = false;
  }
  loadFile(_path: string, options?: { hash?: string }) {
    this.loads.push(options ?? {});
    return Promise.resolve();
  }
  once(event: string, l: Listener) {
    this.on(event, l);
  }
  on(event: string, l: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
  /** The user closes the window with its close button. */
  close(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return prevented;
  }
  /** The renderer moved to another route (a hash change). */
  navigate(route: string) {
    for (const l of this.contentsListeners.get('did-navigate-in-page') ?? [])
      l({}, `file:///app/dist/renderer/index.html#${route}`, true);
  }
}

/** Timers that run only when the test moves time on. */
class ManualTimers implements ReleaseTimers {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  set(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, fn });
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, t] of [...this.pending]) {
      if (t.at <= this.now) {
        this.pending.delete(id);
        t.fn();
      }
    }
  }
  count(): number {
    return this.pending.size;
  }
}

const session = {
  webRequest: { onBeforeRequest: () => undefined, onHeadersReceived: () => undefined },
  setPermissionRequestHandler: () => undefined,
  setPermissionCheckHandler: () => undefined,
} as unknown as LockableSession;

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hw-window-release-'));
  FakeWindow.all = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup(releaseAfterMs?: number) {
  const timers = new ManualTimers();
  const workArea = { x: 0, y: 0, width: 1920, height: 1080 };
  const controller = setupWindow({
    BrowserWindow: FakeWindow,
    screen: { getDisplayMatching: () => ({ workArea }), getPrimaryDisplay: () => ({ workArea }) },
    session,
    openExternal: () => Promise.resolve(),
    dataDir: dir,
    preloadPath: '/app/dist/app/preload.cjs',
    rendererDir: join(dir, 'renderer'),
    logger: memoryLogger(),
    timers,
    ...(releaseAfterMs === undefined ? {} : { releaseAfterMs }),
  });
  return { controller, timers };
}

async function openMovedWindow(controller: ReturnType<typeof setup>['controller']) {
  await controller.show();
  const win = FakeWindow.all[0]!;
  win.emit('ready-to-show');
  win.bounds = { x: 140, y: 90, width: 880, height: 640 };
  win.navigate('/history');
  return win;
}

describe('releasing the hidden dashboard window', () => {
  it('destroys the window after it was hidden for the release delay, not before', async () => {
    const { controller, timers } = setup();
    const win = await openMovedWindow(controller);
    expect(win.close()).toBe(true);
    timers.advance(RELEASE_AFTER_MS - 1);
    expect(win.destroyed).toBe(false);
    expect(controller.contents()).not.toBeNull();
    timers.advance(1);
    expect(win.destroyed).toBe(true);
    expect(controller.contents()).toBeNull();
  });

  it('reopens with the same size, position and route', async () => {
    const { controller, timers } = setup();
    const win = await openMovedWindow(controller);
    win.close();
    timers.advance(RELEASE_AFTER_MS);
    await controller.show();
    expect(FakeWindow.all).toHaveLength(2);
    const again = FakeWindow.all[1]!;
    const o = again.options;
    expect({ x: o.x, y: o.y, width: o.width, height: o.height }).toEqual({
      x: 140,
      y: 90,
      width: 880,
      height: 640,
    });
    expect(again.loads).toEqual([{ hash: '/history' }]);
    again.emit('ready-to-show');
    expect(again.visible).toBe(true);
    expect(controller.contents()).toBe(again.webContents);
  });

  it('an explicit route at reopening wins over the remembered one', async () => {
    const { controller, timers } = setup();
    const win = await openMovedWindow(controller);
    win.close();
    timers.advance(RELEASE_AFTER_MS);
    await controller.show('/events?focus=e7');
    expect(FakeWindow.all[1]!.loads).toEqual([{ hash: '/events?focus=e7' }]);
  });

  it('showing it again before the delay keeps the same window and cancels the release', async () => {
    const { controller, timers } = setup();
    const win = await openMovedWindow(controller);
    win.close();
    timers.advance(RELEASE_AFTER_MS / 2);
    await controller.show();
    expect(timers.count()).toBe(0);
    timers.advance(RELEASE_AFTER_MS * 2);
    expect(win.destroyed).toBe(false);
    expect(FakeWindow.all).toHaveLength(1);
    // Hidden again: the delay starts over.
    win.close();
    timers.advance(RELEASE_AFTER_MS - 1);
    expect(win.destroyed).toBe(false);
    timers.advance(1);
    expect(win.destroyed).toBe(true);
  });

  it('honours a configured delay, and an infinite one keeps the window', async () => {
    const short = setup(5_000);
    const win = await openMovedWindow(short.controller);
    win.close();
    short.timers.advance(5_000);
    expect(win.destroyed).toBe(true);

    FakeWindow.all = [];
    const never = setup(Number.POSITIVE_INFINITY);
    const kept = await openMovedWindow(never.controller);
    kept.close();
    never.timers.advance(365 * 24 * 3600_000);
    expect(kept.destroyed).toBe(false);
    expect(never.timers.count()).toBe(0);
  });

  it('does not release while quitting (the window closes for real)', async () => {
    const { controller, timers } = setup();
    const win = await openMovedWindow(controller);
    win.close();
    controller.allowClose();
    expect(timers.count()).toBe(0);
    expect(win.close()).toBe(false);
    timers.advance(RELEASE_AFTER_MS);
    expect(win.destroyed).toBe(false);
  });
});

describe('release helpers', () => {
  it('reads the route from a dashboard URL', () => {
    expect(routeOf('file:///a/index.html#/events?focus=1')).toBe('/events?focus=1');
    expect(routeOf('file:///a/index.html#')).toBeUndefined();
    expect(routeOf('file:///a/index.html')).toBeUndefined();
  });

  it('fires once per hide and not after cancel', () => {
    const timers = new ManualTimers();
    let released = 0;
    const r = createIdleRelease(10, timers, () => released++);
    r.hidden();
    r.hidden();
    timers.advance(10);
    expect(released).toBe(1);
    r.hidden();
    r.cancel();
    timers.advance(100);
    expect(released).toBe(1);
  });
});

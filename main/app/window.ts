/**
 * The dashboard window: created on demand, hidden rather than destroyed on close (until quit),
 * its size and position remembered, locked down by window-security.ts. Hidden for
 * {@link RELEASE_AFTER_MS} it is destroyed, releasing its renderer process; the next show
 * recreates it with the saved bounds and the route it showed (window-release.ts).
 */
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, Display, Rectangle, WebContents } from 'electron';
import type { Logger } from '../core/ports';
import { clampBounds, loadWindowBounds, saveWindowBounds, type WindowBounds } from './window-state';
import { lockDownContents, lockDownSession, type LockableSession } from './window-security';
import {
  createIdleRelease,
  REAL_TIMERS,
  RELEASE_AFTER_MS,
  routeOf,
  type ReleaseTimers,
} from './window-release';

/** The part of webContents the shell uses. */
export type ContentsLike = Pick<
  WebContents,
  'id' | 'on' | 'setWindowOpenHandler' | 'send' | 'isDestroyed'
>;

/** The part of BrowserWindow the shell uses. */
export interface WindowLike {
  readonly webContents: ContentsLike;
  show(): void;
  hide(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
  getBounds(): Rectangle;
  isDestroyed(): boolean;
  /** Closes at once without a `close` event (used to release a long-hidden window). */
  destroy(): void;
  loadFile(path: string, options?: { hash?: string }): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
}

/** Electron surfaces and paths the window needs. */
export interface WindowDeps {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => WindowLike;
  readonly screen: {
    getDisplayMatching(rect: Rectangle): Pick<Display, 'workArea'>;
    getPrimaryDisplay(): Pick<Display, 'workArea'>;
  };
  readonly session: LockableSession;
  readonly openExternal: (url: string) => Promise<void>;
  readonly dataDir: string;
  /** dist/app/preload.cjs */
  readonly preloadPath: string;
  /** dist/renderer (holds index.html) */
  readonly rendererDir: string;
  /** Window icon for Linux and Windows task bars. */
  readonly iconPath?: string;
  readonly logger: Logger;
  /** Milliseconds hidden before the window is released (default {@link RELEASE_AFTER_MS}). */
  readonly releaseAfterMs?: number;
  /** Timers for the release (default the platform's). */
  readonly timers?: ReleaseTimers;
}

/** Shows and hides the one dashboard window. */
export interface WindowController {
  /** Shows the window (creating it if needed); `route` is a renderer hash route, e.g. `/events?focus=…`. */
  show(route?: string): Promise<void>;
  /** Our window's webContents while it exists (push target and trusted IPC sender). */
  contents(): ContentsLike | null;
  /** From now on close really closes (called when quitting). */
  allowClose(): void;
}

/** Locks the session down now and returns the window controller. */
export function setupWindow(deps: WindowDeps): WindowController {
  lockDownSession(deps.session, deps.rendererDir, deps.logger);
  const indexHtml = join(deps.rendererDir, 'index.html');
  let win: WindowLike | null = null;
  let creating: Promise<WindowLike> | null = null;
  let closing = false;
  // The route the window shows, kept across a release so reopening lands on the same view.
  let route: string | undefined;
  // Bounds at the last close, so a recreated window does not wait for (or race) the file write.
  let lastBounds: WindowBounds | null = null;
  const release = createIdleRelease(
    deps.releaseAfterMs ?? RELEASE_AFTER_MS,
    deps.timers ?? REAL_TIMERS,
    () => {
      if (!win || win.isDestroyed() || closing) return;
      const w = win;
      win = null;
      deps.logger.info('dashboard window released after being hidden');
      w.destroy();
    },
  );

  const load = (w: WindowLike, to?: string): void => {
    if (to) route = to;
    const options = to ? { hash: to } : undefined;
    w.loadFile(indexHtml, options).catch((err: unknown) =>
      deps.logger.error('loading the dashboard failed', err),
    );
  };

  const create = async (to?: string): Promise<WindowLike> => {
    const saved = lastBounds ?? (await loadWindowBounds(deps.dataDir));
    const display =
      saved.x !== undefined && saved.y !== undefined
        ? deps.screen.getDisplayMatching({
            x: saved.x,
            y: saved.y,
            width: saved.width,
            height: saved.height,
          })
        : deps.screen.getPrimaryDisplay();
    const bounds = clampBounds(saved, display.workArea);
    const { BrowserWindow } = deps;
    // The one place web preferences are set; written as a literal so Electronegativity
    // (scripts/security-check.mjs) and the tests can read every value.
    const w = new BrowserWindow({
      ...bounds,
      show: false,
      title: 'Hostwatch',
      backgroundColor: '#111418',
      autoHideMenuBar: true,
      ...(deps.iconPath ? { icon: deps.iconPath } : {}),
      webPreferences: {
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
        // Middle-click must not open links in new windows (they are denied anyway).
        disableBlinkFeatures: 'Auxclick',
        preload: deps.preloadPath,
      },
    });
    lockDownContents(w.webContents, deps.openExternal, deps.logger);
    // The renderer changes its route with the URL hash (an in-page navigation).
    w.webContents.on('did-navigate-in-page', (_event, url) => {
      route = routeOf(url) ?? route;
    });
    w.on('close', (event) => {
      lastBounds = w.getBounds();
      saveWindowBounds(deps.dataDir, w.getBounds()).catch((err: unknown) =>
        deps.logger.warn('saving window bounds failed', err),
      );
      if (closing) return;
      // A tray app keeps its window: hiding keeps charts and scroll position for next time.
      event.preventDefault();
      w.hide();
      release.hidden();
    });
    w.once('ready-to-show', () => w.show());
    load(w, to ?? route);
    return w;
  };

  return {
    async show(to) {
      release.cancel();
      if (win && !win.isDestroyed()) {
        if (to) load(win, to);
        if (win.isMinimized()) win.restore();
        win.show();
        win.focus();
        return;
      }
      // Two quick clicks must not make two windows.
      creating ??= create(to).finally(() => (creating = null));
      win = await creating;
    },
    contents: () =>
      win && !win.isDestroyed() && !win.webContents.isDestroyed() ? win.webContents : null,
    allowClose: () => {
      release.cancel();
      closing = true;
    },
  };
}

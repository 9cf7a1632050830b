/**
 * The dashboard window: created on demand, hidden rather than destroyed on close (until quit),
 * its size and position remembered, locked down by window-security.ts.
 */
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, Display, Rectangle, WebContents } from 'electron';
import type { Logger } from '../core/ports';
import { clampBounds, loadWindowBounds, saveWindowBounds } from './window-state';
import { lockDownContents, lockDownSession, type LockableSession } from './window-security';

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

  const load = (w: WindowLike, route?: string): void => {
    const options = route ? { hash: route } : undefined;
    w.loadFile(indexHtml, options).catch((err: unknown) =>
      deps.logger.error('loading the dashboard failed', err),
    );
  };

  const create = async (route?: string): Promise<WindowLike> => {
    const saved = await loadWindowBounds(deps.dataDir);
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
    w.on('close', (event) => {
      saveWindowBounds(deps.dataDir, w.getBounds()).catch((err: unknown) =>
        deps.logger.warn('saving window bounds failed', err),
      );
      if (closing) return;
      // A tray app keeps its window: hiding keeps charts and scroll position for next time.
      event.preventDefault();
      w.hide();
    });
    w.once('ready-to-show', () => w.show());
    load(w, route);
    return w;
  };

  return {
    async show(route) {
      if (win && !win.isDestroyed()) {
        if (route) load(win, route);
        if (win.isMinimized()) win.restore();
        win.show();
        win.focus();
        return;
      }
      // Two quick clicks must not make two windows.
      creating ??= create(route).finally(() => (creating = null));
      win = await creating;
    },
    contents: () =>
      win && !win.isDestroyed() && !win.webContents.isDestroyed() ? win.webContents : null,
    allowClose: () => {
      closing = true;
    },
  };
}

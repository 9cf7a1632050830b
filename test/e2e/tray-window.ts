/**
 * The tray app's window path without Electron: the engine and main's IPC handlers composed by
 * main/app/compose-app.ts, the function main.ts calls (over a fake safeStorage and a fake
 * ipcMain, with the page below as the window), and the BUILT renderer
 * (dist/renderer/index.html over file://, as `loadFile` shows it) in Chromium. The built preload
 * (dist/app/preload.cjs) runs in the page as an init script, with `require('electron')` answered
 * by a contextBridge that sets `window.hostwatch` and an ipcRenderer whose `invoke` is a
 * playwright binding into the fake ipcMain's handlers. Each invoke carries the sender facts
 * Electron would give (the page's webContents id, its frame's URL and parent), so main's own
 * trust check decides. Pushes main sends to "our webContents" are delivered to the page's
 * ipcRenderer listeners. Every request the page makes is recorded.
 */
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { IpcMainInvokeEvent } from 'electron';
import type { BrowserContext, Page } from 'playwright-core';
import { composeApp } from '../../main/app/compose-app';
import type { OurContents } from '../../main/app/ipc';
import { isRequestAllowed } from '../../main/app/window-security';
import type { NodeEngine } from '../../main/adapters/compose';
import { FakeIpcMain, fakeSafeStorage } from '../app/fakes';
import { launchBrowser, type Browser } from './harness';

/** Who called a binding: playwright's `BindingSource`, which the package does not export by name. */
type BindingSource = Parameters<Parameters<BrowserContext['exposeBinding']>[1]>[0];

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
/** dist/renderer, the folder main.ts loads the window from. */
export const RENDERER_DIR = join(DIST, 'renderer');
/** What main.ts passes setupIpc as the one trusted origin. */
const RENDERER_URL = pathToFileURL(RENDERER_DIR + sep).href;
/** The window's page, as `loadFile(index.html, { hash })` opens it. */
export const INDEX_URL = pathToFileURL(join(RENDERER_DIR, 'index.html')).href;
/** Our window's webContents id; any other page gets another id. */
const OUR_CONTENTS_ID = 1;

/** Binding names the init script uses (test plumbing, not part of the preload's API). */
const INVOKE = '__hostwatchTestInvoke';
const PUSH = '__hostwatchTestPush';

/**
 * Runs the built preload with a stand-in for the `electron` module: contextBridge puts the API on
 * window (frozen, as contextBridge hands the page a copy it cannot change), ipcRenderer.invoke
 * goes through the binding, `on` / `removeListener` keep listeners that pushes reach with a
 * stand-in IpcRendererEvent (which the preload must not hand on).
 */
function initScript(preload: string): string {
  return `(() => {
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, ...args) => window.${INVOKE}(channel, args),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(name, api) {
      Object.defineProperty(window, name, { value: Object.freeze(api), enumerable: true });
    },
  };
  const require = (id) => {
    if (id !== 'electron') throw new Error('the preload may require only electron, not ' + id);
    return { contextBridge, ipcRenderer };
  };
  Object.defineProperty(window, '${PUSH}', {
    value: (channel, payload) => {
      for (const l of listeners.get(channel) ?? []) l({ senderId: 0, ports: [] }, payload);
    },
  });
  const module = { exports: {} };
  (function (require, module, exports) {
${preload}
  })(require, module, module.exports);
})();`;
}

/** The composed app behind a Chromium "window". */
export interface TrayWindow {
  readonly engine: NodeEngine;
  readonly browser: Browser;
  /** The window's page. */
  readonly page: Page;
  readonly ipcMain: FakeIpcMain;
  /** Every URL the page (and any other page of the profile) requested, in order. */
  readonly requests: string[];
  /** Requests that were not the renderer's own files (main's window lock-down rule). */
  foreignRequests(): string[];
  /** How many pushes main sent to the window. */
  pushes(): number;
  /** Opens the window's page at a route, e.g. `/fleet` (as `window.show(route)` does). */
  open(route?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the engine on `dataDir` (settings.json written beforehand), registers main's IPC
 * handlers and opens the built renderer in Chromium with the preload's API.
 */
export async function openTrayWindow(options: {
  dataDir: string;
  width: number;
  height: number;
}): Promise<TrayWindow> {
  const browser = await launchBrowser({
    width: options.width,
    height: options.height,
    // Electron serves file:// as a privileged scheme; Chromium needs this for the module script.
    args: ['--allow-file-access-from-files'],
  });
  const { page, context } = browser;
  const requests: string[] = [];
  context.on('request', (r) => void requests.push(r.url()));

  let sent = 0;
  const contents: OurContents = {
    id: OUR_CONTENTS_ID,
    send(channel, payload) {
      sent++;
      // Like webContents.send: fire and forget; a page that is navigating drops it.
      page
        .evaluate(
          ([name, c, p]) => {
            const pages = window as unknown as Record<string, (c: string, p: unknown) => void>;
            pages[name]!(c, p);
          },
          [PUSH, channel, payload] as const,
        )
        .catch(() => undefined);
    },
    isDestroyed: () => page.isClosed(),
  };
  const ipcMain = new FakeIpcMain();
  // main.ts's own composition: engine over the safeStorage secrets, IPC, the shown host.
  const { engine } = await composeApp({
    dataDir: options.dataDir,
    safeStorage: fakeSafeStorage(),
    platform: 'linux',
    workerPath: join(DIST, 'sampler-worker.js'),
    ipcMain,
    rendererUrl: RENDERER_URL,
    window: () => ({ contents: () => (page.isClosed() ? null : contents) }),
  }).catch(async (err: unknown) => {
    await browser.close();
    throw err;
  });

  // What Electron hands the handler: the sending webContents and its frame.
  const senderEvent = (source: BindingSource): IpcMainInvokeEvent =>
    ({
      sender: { id: source.page === page ? OUR_CONTENTS_ID : OUR_CONTENTS_ID + 1 },
      senderFrame: {
        url: source.frame.url(),
        parent: source.frame.parentFrame() === null ? null : {},
      },
    }) as unknown as IpcMainInvokeEvent;
  await context.exposeBinding(INVOKE, async (source, channel: string, args: unknown[]) => {
    const handler = ipcMain.handlers.get(channel);
    // ipcRenderer.invoke rejects the same way for a channel nobody handles.
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(senderEvent(source), ...args);
  });
  const preload = readFileSync(join(DIST, 'app', 'preload.cjs'), 'utf8').replace(
    /^\/\/# sourceMappingURL=.*$/m,
    '',
  );
  await context.addInitScript({ content: initScript(preload) });
  await engine.start();

  return {
    engine,
    browser,
    page,
    ipcMain,
    requests,
    foreignRequests: () => requests.filter((url) => !isRequestAllowed(url, RENDERER_DIR)),
    pushes: () => sent,
    async open(route = '/status') {
      await page.goto(`${INDEX_URL}#${route}`);
    },
    async close() {
      await browser.close();
      await engine.stop();
    },
  };
}

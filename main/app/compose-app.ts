/**
 * The tray app's engine and its window's IPC, composed in one place for main.ts and for the
 * e2e window test (test/e2e/tray-window.ts), so the test runs what the app runs: the engine over
 * the safeStorage secret store, the window made once the engine exists, and main's IPC
 * handlers answering the window with the engine's operations and following the host it shows.
 * Electron objects (safeStorage, ipcMain, the window) are injected.
 */
import { createNodeEngine, type NodeEngine, type NodeEngineOptions } from '../adapters/compose';
import { setupIpc, type IpcMainLike, type OurContents } from './ipc';
import { createSafeStorageSecrets, type SafeStorageLike } from './safe-storage-secrets';

/** What {@link composeApp} needs; `W` is whatever the caller's window is. */
export interface AppCompositionDeps<W extends { contents(): OurContents | null }> {
  readonly dataDir: string;
  readonly safeStorage: SafeStorageLike;
  readonly platform: NodeJS.Platform;
  /** Path of the sampler worker bundle (dist/sampler-worker.js). */
  readonly workerPath: string;
  /** Other processes of the app whose cost joins the engine's own (issue 11). */
  readonly otherProcesses?: NodeEngineOptions['otherProcesses'];
  readonly ipcMain: IpcMainLike;
  /** file:// URL of dist/renderer/ (with trailing slash): the only origin IPC trusts. */
  readonly rendererUrl: string;
  /** Makes the window once the engine exists (for its loggers). */
  readonly window: (engine: NodeEngine) => W;
}

/** Creates the engine (not started) and the window, and registers the IPC handlers. */
export async function composeApp<W extends { contents(): OurContents | null }>(
  deps: AppCompositionDeps<W>,
): Promise<{ engine: NodeEngine; window: W }> {
  const { dataDir } = deps;
  const secrets = createSafeStorageSecrets(deps.safeStorage, dataDir, deps.platform);
  const engine = await createNodeEngine({
    dataDir,
    secrets,
    workerPath: deps.workerPath,
    ...(deps.otherProcesses ? { otherProcesses: deps.otherProcesses } : {}),
  });
  const window = deps.window(engine);
  setupIpc({
    ipcMain: deps.ipcMain,
    api: engine.operations,
    contents: () => window.contents(),
    rendererUrl: deps.rendererUrl,
    logger: engine.logger('ipc'),
    // The window's shown host is followed with its full stream.
    showHost: (host, onStatus) => engine.fleet.show(host, onStatus),
  });
  return { engine, window };
}

/**
 * The sandboxed preload (bundled to dist/app/preload.cjs as one CommonJS file): exposes the
 * Hostwatch API as `window.hostwatch` and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api';

contextBridge.exposeInMainWorld('hostwatch', createPreloadApi(ipcRenderer));

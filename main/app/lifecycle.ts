/**
 * App lifecycle wiring: one instance only (a second launch focuses the first and exits, so there
 * is never a second sampler or a duplicate email), sleep and wake forwarded to the engine, and a
 * clean engine stop before quitting.
 */
import type { App } from 'electron';
import type { EngineHandle } from '../core/engine-handle';
import type { Logger } from '../core/ports';

/** The part of `app` single-instance handling uses. */
export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/**
 * Takes the single-instance lock. Returns false in a second instance, which has then asked to
 * quit and must start nothing; the first instance gets `onSecondInstance` on each later launch.
 */
export function claimSingleInstance(app: InstanceApp, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', onSecondInstance);
  return true;
}

/** The part of powerMonitor the engine needs. */
export interface PowerMonitorLike {
  on(event: 'suspend' | 'resume', listener: () => void): unknown;
}

/** Forwards sleep and wake so the engine neither samples across a sleep nor fires on the gap. */
export function setupPower(
  powerMonitor: PowerMonitorLike,
  engine: Pick<EngineHandle, 'suspend' | 'resume'>,
): void {
  powerMonitor.on('suspend', () => engine.suspend());
  powerMonitor.on('resume', () => engine.resume());
}

/** The part of `app` quitting uses. */
export type QuitApp = Pick<App, 'quit'> & {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
};

/**
 * Keeps the app alive without windows (it lives in the tray) and, on quit, lets the window
 * close, stops the engine (flushing history and the outbox), then really quits.
 */
export function setupQuit(
  app: QuitApp,
  steps: {
    beforeStop: () => void;
    engine: Pick<EngineHandle, 'stop'>;
    afterStop: () => void;
    logger: Logger;
  },
): void {
  // Without a listener Electron quits when the last window closes; a tray app must not.
  app.on('window-all-closed', () => undefined);
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    steps.beforeStop();
    steps.engine
      .stop()
      .catch((err: unknown) => steps.logger.error('engine stop failed', err))
      .finally(() => {
        state = 'stopped';
        steps.afterStop();
        app.quit();
      });
  });
}

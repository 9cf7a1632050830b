/**
 * Releases the dashboard window after it has been hidden for a while, so an idle tray app holds
 * no renderer process (Chromium's renderer is most of an Electron app's memory). The window's
 * size and position are already saved on close (window-state.ts) and its route is kept here, so
 * the next show recreates it where and as it was.
 */

/** How long the window stays hidden before it is destroyed. */
export const RELEASE_AFTER_MS = 3 * 60_000;

/** A timer source; injected so tests run on a fake clock. */
export interface ReleaseTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** The platform's timers. */
export const REAL_TIMERS: ReleaseTimers = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending release must never keep the process alive on its own.
    t.unref();
    return t;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Starts and cancels the release of a hidden window. */
export interface IdleRelease {
  /** The window was hidden: release it after the delay unless shown first. */
  hidden(): void;
  /** The window was shown (or is going away anyway): forget any pending release. */
  cancel(): void;
}

/** Creates the release timer; `afterMs` of Infinity or less than 0 keeps the window forever. */
export function createIdleRelease(
  afterMs: number,
  timers: ReleaseTimers,
  release: () => void,
): IdleRelease {
  let handle: unknown = null;
  const cancel = (): void => {
    if (handle !== null) timers.clear(handle);
    handle = null;
  };
  return {
    hidden() {
      cancel();
      if (!Number.isFinite(afterMs) || afterMs < 0) return;
      handle = timers.set(() => {
        handle = null;
        release();
      }, afterMs);
    },
    cancel,
  };
}

/** The renderer route in a dashboard URL (`file:///…/index.html#/events` → `/events`). */
export function routeOf(url: string): string | undefined {
  const at = url.indexOf('#');
  if (at < 0) return undefined;
  const route = url.slice(at + 1);
  return route === '' ? undefined : route;
}

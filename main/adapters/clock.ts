/**
 * The real clock: wall time from Date, monotonic time from performance.now().
 */
import { performance } from 'node:perf_hooks';
import type { Clock } from '../core/ports';

/** The system clock. Timers are unref'd so they never keep a stopping process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};

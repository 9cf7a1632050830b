/**
 * Coalesces chart redraws: charts mark themselves dirty as points arrive and are flushed at
 * most once per animation frame each. Flushing stops for the frame once a time budget is
 * spent; the remaining charts are drawn on the next frame, so eight charts updating together
 * never make one long frame. The time spent flushing each frame is recorded for the UI benchmark.
 */

/** Something redrawn on the next frame. */
export interface Flushable {
  flush(): void;
}

/** Main-thread time one frame may spend redrawing charts before the rest waits a frame. */
export const FRAME_BUDGET_MS = 4;

const dirty = new Set<Flushable>();
let scheduled = false;
/** Milliseconds spent flushing in each of the recent frames (at least the last 10 000). */
export const flushTimes: number[] = [];
const KEEP_FLUSH_TIMES = 10_000;

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(run);
}

function run(): void {
  scheduled = false;
  const t0 = performance.now();
  // Insertion order: charts that waited longest go first.
  for (const f of dirty) {
    dirty.delete(f);
    f.flush();
    if (performance.now() - t0 >= FRAME_BUDGET_MS) break;
  }
  flushTimes.push(performance.now() - t0);
  // Trimmed in one batch per 10 000 frames, not by shifting the whole array every frame.
  if (flushTimes.length >= 2 * KEEP_FLUSH_TIMES) flushTimes.splice(0, KEEP_FLUSH_TIMES);
  if (dirty.size > 0) schedule();
}

/** Schedules a flush of `f` on a coming animation frame (once, however often it is called). */
export function markDirty(f: Flushable): void {
  dirty.add(f);
  schedule();
}

/** Forgets a chart that is going away. */
export function forget(f: Flushable): void {
  dirty.delete(f);
}

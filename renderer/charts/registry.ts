/**
 * Charts currently on screen, and the page-level hook the UI benchmark uses to feed them a
 * synthetic hour of data (installed only when the page URL carries `?bench`).
 */
import { flushTimes } from './frame-scheduler';
import type { TimeChart } from './time-chart';

/** Every live chart. */
export const liveCharts = new Set<TimeChart>();

/** What the benchmark reaches through `window.__hostwatchBench`. */
export interface BenchHook {
  /** Milliseconds spent in each chart flush frame. */
  readonly flushTimes: number[];
  /** Number of charts on screen. */
  charts(): number;
  /** Replaces every chart's data with `seconds` synthetic raw points at 1 s, ending now. */
  fill(seconds: number): void;
  /** Appends one synthetic point (time now) to every chart. */
  push(): void;
}

/** Installs the benchmark hook when asked for by the URL. */
export function installBenchHook(win: Window): void {
  if (!new URLSearchParams(win.location.search).has('bench')) return;
  let phase = 0;
  const value = () => 50 + 40 * Math.sin(phase / 30) + Math.random() * 5;
  const hook: BenchHook = {
    flushTimes,
    charts: () => liveCharts.size,
    fill(seconds) {
      const end = Date.now();
      const t = Array.from({ length: seconds }, (_, i) => end - (seconds - 1 - i) * 1000);
      for (const c of liveCharts) {
        const avg = t.map(() => (phase++, value()));
        c.setHistory({ key: 'synthetic', t, avg }, false);
      }
    },
    push() {
      const t = Date.now();
      phase++;
      for (const c of liveCharts) c.append(t, value());
    },
  };
  (win as unknown as { __hostwatchBench: BenchHook }).__hostwatchBench = hook;
}

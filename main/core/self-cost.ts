/**
 * Hostwatch's own cost from two readings of its processes' CPU time and resident memory: the
 * CPU ratio is the CPU time spent between the readings over the wall time between them (0.01 =
 * 1 % of one core). Pure; the adapter reads /proc (self-cost-proc.ts).
 */
import type { SelfCost } from '../shared/contract';

/** One reading of every Hostwatch process together. */
export interface CostReading {
  /** Monotonic ms of the reading. */
  readonly mono: number;
  /** CPU time (user + system) of the processes, in ms, cumulative; per pid. */
  readonly cpuMsByPid: ReadonlyMap<number, number>;
  /** Resident memory of all the processes, in bytes. */
  readonly rssBytes: number;
}

/**
 * The cost between two readings. A process present in only one reading (a renderer that came or
 * went, a restarted worker) adds only what it spent while present in both, never a jump.
 */
export function selfCost(prev: CostReading | null, cur: CostReading, throttled: boolean): SelfCost {
  let cpuRatio: number | null = null;
  if (prev && cur.mono > prev.mono) {
    let spent = 0;
    for (const [pid, ms] of cur.cpuMsByPid) {
      const before = prev.cpuMsByPid.get(pid);
      if (before !== undefined && ms >= before) spent += ms - before;
    }
    cpuRatio = spent / (cur.mono - prev.mono);
  }
  return { cpuRatio, rssBytes: cur.rssBytes, processes: cur.cpuMsByPid.size, throttled };
}

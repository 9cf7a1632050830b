/**
 * Turns raw readings into series values on the main thread: rates from cumulative counters
 * (the first reading of a rate family is only a baseline), percentages, and the sanity filter
 * that drops NaN, negative and impossible numbers.
 */
import {
  METRICS,
  isSaneValue,
  seriesKey,
  type MetricName,
  type ProcessInfo,
  type SeriesKey,
} from '../../shared/metrics';
import type { Reading } from './protocol';

/** A reading with the monotonic ms at which the worker took it. */
export interface TimedReading {
  readonly at: number;
  readonly reading: Reading;
}

/** What one reading yields. */
export type Derived =
  | {
      readonly status: 'ok';
      readonly values: Record<SeriesKey, number>;
      readonly processes?: { byCpu: readonly ProcessInfo[]; byMemory: readonly ProcessInfo[] };
    }
  | { readonly status: 'pending' | 'unavailable'; readonly reason: string };

/** Shortest interval over which a rate is computed; shorter gaps keep the old baseline. */
const MIN_RATE_INTERVAL_MS = 100;

const rate = (now: number, before: number, seconds: number): number => (now - before) / seconds;

/**
 * Derives values from `current`, given the previous reading of the same family (rate families
 * only). `advance` says whether `current` becomes the new baseline.
 */
export function derive(
  current: TimedReading,
  previous: TimedReading | undefined,
): Derived & { advance: boolean } {
  const r = current.reading;
  const values: Record<SeriesKey, number> = {};
  // The sanity filter: NaN, negative and impossible numbers (for the metric's unit) are dropped.
  const put = (metric: MetricName, value: number, target?: string): void => {
    if (isSaneValue(METRICS[metric].unit, value)) values[seriesKey(metric, target)] = value;
  };
  switch (r.kind) {
    case 'baseline':
      return { status: 'pending', reason: 'First reading is a baseline', advance: true };
    case 'unavailable':
      return { status: 'unavailable', reason: r.reason, advance: true };
    case 'cpu':
    case 'diskio':
    case 'network': {
      const prev = previous?.reading;
      if (prev === undefined || prev.kind !== r.kind) {
        return { status: 'pending', reason: 'First reading of a rate is discarded', advance: true };
      }
      const seconds = (current.at - (previous?.at ?? 0)) / 1000;
      if (seconds * 1000 < MIN_RATE_INTERVAL_MS) {
        return {
          status: 'pending',
          reason: 'Too soon after the previous reading for a rate',
          advance: false,
        };
      }
      if (r.kind === 'cpu' && prev.kind === 'cpu') {
        const pct = (
          a: { busy: number; total: number },
          b: { busy: number; total: number } | undefined,
        ): number =>
          b === undefined || a.total <= b.total
            ? NaN
            : ((a.busy - b.busy) / (a.total - b.total)) * 100;
        put('cpu.total', pct(r.total, prev.total));
        r.cores.forEach((c, i) => put('cpu.core', pct(c, prev.cores[i]), String(i)));
      } else if (r.kind === 'diskio' && prev.kind === 'diskio') {
        // A counter that went backwards (driver reset, 32-bit wrap) yields a negative rate,
        // which the sanity filter drops.
        put('diskio.read_bps', rate(r.readBytes, prev.readBytes, seconds));
        put('diskio.write_bps', rate(r.writeBytes, prev.writeBytes, seconds));
      } else if (r.kind === 'network' && prev.kind === 'network') {
        const before = new Map(prev.ifaces.map((i) => [i.name, i]));
        for (const i of r.ifaces) {
          const b = before.get(i.name);
          if (b === undefined) continue; // a new interface: its first reading is a baseline
          put('net.rx_bps', rate(i.rx, b.rx, seconds), i.name);
          put('net.tx_bps', rate(i.tx, b.tx, seconds), i.name);
        }
      }
      break;
    }
    case 'load':
      put('load.1', r.load1);
      put('load.5', r.load5);
      put('load.15', r.load15);
      put('load.per_core', r.cores > 0 ? r.load1 / r.cores : NaN);
      break;
    case 'memory': {
      put('mem.total_bytes', r.total);
      put('mem.available_bytes', r.available);
      put('mem.used_bytes', r.total - r.available);
      put('mem.used_pct', ((r.total - r.available) / r.total) * 100);
      const swapUsed = r.swapTotal - r.swapFree;
      put('swap.total_bytes', r.swapTotal);
      put('swap.used_bytes', swapUsed);
      // No swap configured: a percentage of nothing is undefined, not 0.
      if (r.swapTotal > 0) put('swap.used_pct', (swapUsed / r.swapTotal) * 100);
      break;
    }
    case 'disk':
      for (const m of r.mounts) {
        put('disk.size_bytes', m.size, m.mount);
        put('disk.used_bytes', m.used, m.mount);
        put('disk.avail_bytes', m.available, m.mount);
        // As df computes Use%: reserved blocks count neither as used nor as available.
        put('disk.used_pct', (m.used / (m.used + m.available)) * 100, m.mount);
      }
      break;
    case 'temperature':
      if (r.celsius === null)
        return { status: 'unavailable', reason: r.reason ?? 'No sensor', advance: true };
      put('temp.cpu', r.celsius);
      break;
    case 'uptime':
      put('uptime.seconds', r.seconds);
      break;
    case 'processes':
      return {
        status: 'ok',
        values,
        processes: { byCpu: r.byCpu.filter(saneProcess), byMemory: r.byMemory.filter(saneProcess) },
        advance: true,
      };
  }
  return { status: 'ok', values, advance: true };
}

function saneProcess(p: ProcessInfo): boolean {
  return (
    isSaneValue('ratio', p.cpu) &&
    isSaneValue('bytes', p.memBytes) &&
    isSaneValue('percent', p.memPct)
  );
}

/**
 * Reads Hostwatch's own processes from /proc/<pid>/stat (Linux): utime + stime (fields 14 and
 * 15, in clock ticks) and rss (field 24, in pages). Worker threads share their process's pid,
 * so the sampler worker is inside the main process's figures; an Electron renderer is a pid of
 * its own and is passed in. Elsewhere (no /proc) Node's own counters for this process are used.
 */
import { readFileSync } from 'node:fs';
import type { SelfCost } from '../shared/contract';
import { selfCost, type CostReading } from '../core/self-cost';

/** The aux vector's entry types for the page size and the clock ticks per second (elf.h). */
const AT_PAGESZ = 6;
const AT_CLKTCK = 17;

/**
 * Clock ticks per second and page size from the kernel's aux vector (/proc/self/auxv: pairs of
 * unsigned longs, type then value), as `getconf CLK_TCK` and `getconf PAGESIZE` report them but
 * without spawning a process at start-up. Falls back to Linux's usual 100 and 4096.
 */
export function parseAuxv(bytes: Buffer, wordBytes: 4 | 8): { tck: number; page: number } {
  const found = new Map<number, number>();
  for (let at = 0; at + 2 * wordBytes <= bytes.length; at += 2 * wordBytes) {
    const read = (offset: number): number =>
      wordBytes === 8 ? Number(bytes.readBigUInt64LE(offset)) : bytes.readUInt32LE(offset);
    const type = read(at);
    if (type === 0) break; // AT_NULL ends the vector
    found.set(type, read(at + wordBytes));
  }
  const valid = (v: number | undefined, fallback: number): number =>
    v !== undefined && Number.isSafeInteger(v) && v > 0 ? v : fallback;
  return { tck: valid(found.get(AT_CLKTCK), 100), page: valid(found.get(AT_PAGESZ), 4096) };
}

/** Clock ticks per second and page size, read once (both are fixed for the life of the kernel). */
let sysconf: { tck: number; page: number } | null = null;
function conf(): { tck: number; page: number } {
  if (!sysconf) {
    let auxv = Buffer.alloc(0);
    try {
      auxv = readFileSync('/proc/self/auxv');
    } catch {
      // no /proc: the fallbacks
    }
    // Little-endian 64-bit is every Linux Node ships for but 32-bit ARM (armv7l).
    sysconf = parseAuxv(auxv, process.arch === 'arm' || process.arch === 'ia32' ? 4 : 8);
  }
  return sysconf;
}

/** One process's cumulative CPU ms and resident bytes from its stat line, or null if gone. */
export function readProcStat(pid: number): { cpuMs: number; rssBytes: number } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: split after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state), so field n is rest[n - 3].
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  const rss = Number(rest[21]);
  if (![utime, stime, rss].every(Number.isFinite)) return null;
  const { tck, page } = conf();
  return { cpuMs: ((utime + stime) * 1000) / tck, rssBytes: rss * page };
}

/** Another Hostwatch process as its shell reports it (Electron's `app.getAppMetrics()`). */
export interface ProcessCostSample {
  readonly pid: number;
  /** Cumulative CPU time in ms, where the shell knows it. */
  readonly cpuMs?: number;
  readonly rssBytes?: number;
}

/** What {@link createSelfCostMeter} needs. */
export interface SelfCostMeterDeps {
  /** Monotonic ms. */
  readonly monotonic: () => number;
  /** Pids of other Hostwatch processes (e.g. Electron renderers); this process is always counted. */
  readonly otherPids?: () => readonly number[];
  /**
   * Other Hostwatch processes with the shell's own figures (the tray app's renderer, GPU and
   * utility processes), used where /proc cannot be read; this process's own entry is skipped.
   */
  readonly otherProcesses?: () => readonly ProcessCostSample[];
  /** Whether the expensive collectors are slowed now. */
  readonly throttled?: () => boolean;
  /** Shortest time between readings; calls in between get the last figure (default 1 s). */
  readonly minIntervalMs?: number;
  /**
   * The CPU figure covers about this much time (default 10 s), from readings kept that far back:
   * /proc counts CPU in 10 ms ticks, so a figure over 1 s could only say 0 %, 1 %, 2 %, ….
   */
  readonly windowMs?: number;
  /** Called with each new figure and its monotonic time (the CPU budget follows it). */
  readonly onReading?: (cost: SelfCost, mono: number) => void;
}

/**
 * A meter: each call returns the cost over the last {@link SelfCostMeterDeps.windowMs} of
 * readings (null before two readings).
 */
export function createSelfCostMeter(deps: SelfCostMeterDeps): () => SelfCost | null {
  const ring: CostReading[] = [];
  let last: SelfCost | null = null;
  const minMs = deps.minIntervalMs ?? 1_000;
  const windowMs = deps.windowMs ?? 10_000;
  const read = (): CostReading => {
    const mono = deps.monotonic();
    const cpuMsByPid = new Map<number, number>();
    let rssBytes = 0;
    for (const pid of new Set([process.pid, ...(deps.otherPids?.() ?? [])])) {
      const s = readProcStat(pid);
      if (s) {
        cpuMsByPid.set(pid, s.cpuMs);
        rssBytes += s.rssBytes;
      } else if (pid === process.pid) {
        // No /proc (macOS, Windows): this process's own counters.
        const u = process.cpuUsage();
        cpuMsByPid.set(pid, (u.user + u.system) / 1000);
        rssBytes += process.memoryUsage.rss();
      }
    }
    for (const p of deps.otherProcesses?.() ?? []) {
      if (cpuMsByPid.has(p.pid)) continue; // this process, or already read
      const s = readProcStat(p.pid);
      if (s) {
        cpuMsByPid.set(p.pid, s.cpuMs);
        rssBytes += s.rssBytes;
      } else if (p.cpuMs !== undefined) {
        cpuMsByPid.set(p.pid, p.cpuMs);
        rssBytes += p.rssBytes ?? 0;
      }
    }
    return { mono, cpuMsByPid, rssBytes };
  };
  return () => {
    const now = deps.monotonic();
    const prev = ring.at(-1);
    if (prev && last && now - prev.mono < minMs) return last;
    const cur = read();
    // The oldest reading within the window (or the previous one after a longer gap).
    while (ring.length > 1 && cur.mono - ring[0]!.mono > windowMs) ring.shift();
    const cost = selfCost(ring[0] ?? null, cur, deps.throttled?.() ?? false);
    ring.push(cur);
    if (cost.cpuRatio === null) return last;
    last = cost;
    deps.onReading?.(cost, cur.mono);
    return last;
  };
}

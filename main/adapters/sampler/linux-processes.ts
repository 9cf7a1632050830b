/**
 * Top processes on Linux: one pass over /proc/[pid]/stat at the processes cadence (not a `ps`
 * child process, which costs systeminformation ≈79 ms of CPU per call). CPU % is measured over
 * the interval since the previous scan, so the first scan is only a baseline.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ProcessInfo } from '../../shared/metrics';
import { escapeControl, sanitizeCommand } from '../../shared/sanitize';
import { topProcesses, TOP_N } from './filters';
import { readProcText as read } from './proc-text';
import { hrtimeMs, type Collector } from './protocol';

/** Processes read between two yields of the scan to the event loop. */
const SCAN_SLICE = 250;

/** Kernel USER_HZ: 100 on every mainstream architecture (sysconf is not reachable from Node). */
const CLK_TCK = 100;

/**
 * Bytes per page, for /proc/[pid]/stat's rss. Node computes its own RSS as stat's rss × the page
 * size, so the ratio of the two read back to back gives the page size without sysconf.
 */
function pageSize(): number {
  const pages = Number(read('/proc/self/stat').split(') ')[1]?.split(' ')[21]);
  const ratio = process.memoryUsage.rss() / pages;
  return Number.isFinite(ratio) && ratio > 0 ? 2 ** Math.round(Math.log2(ratio)) : 4096;
}

/** Top processes from a scan of /proc/[pid]/stat; CPU % over the interval since the previous scan. */
export function createProcessesCollector(memTotal: () => number): Collector {
  let previous: { at: number; ticks: Map<number, number> } | undefined;
  let page: number | undefined;
  return async (deadlineMs) => {
    page ??= pageSize();
    const at = hrtimeMs();
    const total = memTotal();
    const ticks = new Map<number, number>();
    const rows: { pid: number; name: string; ticks: number; rss: number }[] = [];
    let scanned = 0;
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      // The reads are synchronous (cheap kernel text): on a machine with thousands of processes,
      // let the thread serve its other work between slices of the scan.
      if (++scanned % SCAN_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      let stat: string;
      try {
        stat = read(`/proc/${pid}/stat`);
      } catch {
        continue; // exited between readdir and read
      }
      // comm may contain spaces and parentheses; it ends at the last ')'.
      const close = stat.lastIndexOf(')');
      const f = stat.slice(close + 2).split(' ');
      const t = Number(f[11]) + Number(f[12]);
      ticks.set(pid, t);
      rows.push({
        pid,
        name: escapeControl(stat.slice(stat.indexOf('(') + 1, close)),
        ticks: t,
        rss: Number(f[21]) * page,
      });
    }
    const before = previous;
    previous = { at, ticks };
    if (before === undefined) return { kind: 'baseline' };
    const seconds = (at - before.at) / 1000;
    const all = rows.map((r) => ({
      pid: r.pid,
      name: r.name,
      command: r.name,
      cpu: ((r.ticks - (before.ticks.get(r.pid) ?? r.ticks)) / CLK_TCK / seconds) * 100,
      memBytes: r.rss,
      memPct: (r.rss / total) * 100,
    }));
    const top = topProcesses(all);
    const commands = await commandLines([...top.byCpu, ...top.byMemory], deadlineMs / 4);
    const withCommand = (p: ProcessInfo): ProcessInfo => ({
      ...p,
      command: commands.get(p.pid) || p.name,
    });
    return {
      kind: 'processes',
      byCpu: top.byCpu.map(withCommand),
      byMemory: top.byMemory.map(withCommand),
    };
  };
}

/** Command lines of at most 2×TOP_N processes; a slow one keeps its short name. */
async function commandLines(
  list: readonly ProcessInfo[],
  budgetMs: number,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const pids = [...new Set(list.map((p) => p.pid))].slice(0, 2 * TOP_N);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.all(
      pids.map(async (pid) => {
        try {
          const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
          // Shown on the dashboard and pushed to every client: credentials masked, whole args.
          out.set(pid, sanitizeCommand(raw.replace(/\0+$/, '').split('\0')).slice(0, 512));
        } catch {
          // exited: keep the name
        }
      }),
    ),
    new Promise((resolve) => (timer = setTimeout(resolve, budgetMs))),
  ]);
  clearTimeout(timer);
  return out;
}

/**
 * systeminformation collectors: the cross-platform path (macOS, Windows, BSD), also usable on
 * Linux when forced (tests exercise it against the real library there).
 *
 * Several of these calls run synchronous child processes and block the thread that calls them,
 * which is why they only ever run inside a sampler worker. Rate metrics are returned as
 * cumulative counters, like the Linux readers, and turned into rates on the main thread.
 */
import { cpus, loadavg } from 'node:os';
import type * as Si from 'systeminformation';
import type { Family, HostInfo, ProcessInfo } from '../../shared/metrics';
import { escapeControl, sanitizeCommand } from '../../shared/sanitize';
import { dedupeByDevice, isPseudoFs, isVirtualIface, topProcesses } from './filters';
import type { Collector, CpuTimes, Reading } from './protocol';

type SiModule = typeof Si;

/** Loads systeminformation lazily: the Linux path never pays for it. */
export async function loadSi(): Promise<SiModule> {
  const mod = (await import('systeminformation')) as SiModule & { default?: SiModule };
  return mod.default ?? mod;
}

/** Host facts from systeminformation (runs its child processes once). */
export async function siHostInfo(): Promise<HostInfo> {
  const si = await loadSi();
  const [os, cpu] = await Promise.all([si.osInfo(), si.cpu()]);
  return {
    hostname: os.hostname,
    platform: os.distro || os.platform,
    release: os.release,
    arch: os.arch,
    cores: cpu.cores,
    cpuModel: `${cpu.manufacturer} ${cpu.brand}`.trim(),
  };
}

/** The systeminformation collectors, one per family. */
export function createSiCollectors(): Record<Family, Collector> {
  let si: SiModule | undefined;
  const lib = async (): Promise<SiModule> => (si ??= await loadSi());

  // currentLoad() reports ticks since its previous call; summing them rebuilds cumulative
  // counters so the main thread computes CPU % the same way for both paths.
  let cumulative: { total: CpuTimes; cores: CpuTimes[] } | undefined;
  let processesSeen = false;

  return {
    cpu: async (): Promise<Reading> => {
      const load = await (await lib()).currentLoad();
      const add = (a: CpuTimes | undefined, busy: number, idle: number): CpuTimes => ({
        busy: (a?.busy ?? 0) + busy,
        total: (a?.total ?? 0) + busy + idle,
      });
      const prev = cumulative;
      cumulative = {
        total: add(prev?.total, load.rawCurrentLoad, load.rawCurrentLoadIdle),
        cores: load.cpus.map((c, i) => add(prev?.cores[i], c.rawLoad, c.rawLoadIdle)),
      };
      return { kind: 'cpu', ...cumulative };
    },
    load: (): Promise<Reading> => {
      // systeminformation offers only a 1-minute figure; os.loadavg() is what it reads anyway.
      if (process.platform === 'win32') {
        return Promise.resolve({ kind: 'unavailable', reason: 'Windows has no load average' });
      }
      const [load1 = NaN, load5 = NaN, load15 = NaN] = loadavg();
      return Promise.resolve({ kind: 'load', load1, load5, load15, cores: cpus().length });
    },
    memory: async (): Promise<Reading> => {
      const m = await (await lib()).mem();
      return {
        kind: 'memory',
        total: m.total,
        available: m.available,
        swapTotal: m.swaptotal,
        swapFree: m.swapfree,
      };
    },
    disk: async (): Promise<Reading> => {
      const list = await (await lib()).fsSize();
      const real = dedupeByDevice(
        list.filter((f) => !isPseudoFs(f.type) && f.size > 0).map((f) => ({ ...f, device: f.fs })),
      );
      return {
        kind: 'disk',
        mounts: real.map((f) => ({
          mount: f.mount,
          size: f.size,
          used: f.used,
          available: f.available,
        })),
      };
    },
    diskio: async (): Promise<Reading> => {
      const s = await (await lib()).fsStats();
      if (s === null || typeof s.rx !== 'number') {
        return {
          kind: 'unavailable',
          reason: 'systeminformation reports no disk I/O counters here',
        };
      }
      return { kind: 'diskio', readBytes: s.rx, writeBytes: s.wx };
    },
    network: async (): Promise<Reading> => {
      const stats = await (await lib()).networkStats('*');
      return {
        kind: 'network',
        ifaces: stats
          .filter((s) => !isVirtualIface(s.iface))
          .map((s) => ({ name: s.iface, rx: s.rx_bytes, tx: s.tx_bytes })),
      };
    },
    temperature: async (): Promise<Reading> => {
      const t = await (await lib()).cpuTemperature();
      // systeminformation reports null (or -1 on some platforms) when it finds no sensor.
      return typeof t.main === 'number' && t.main > 0
        ? { kind: 'temperature', celsius: t.main }
        : {
            kind: 'temperature',
            celsius: null,
            reason: 'systeminformation found no CPU temperature sensor',
          };
    },
    uptime: async (): Promise<Reading> => ({
      kind: 'uptime',
      seconds: (await lib()).time().uptime,
    }),
    processes: async (): Promise<Reading> => {
      const p = await (await lib()).processes();
      // The first call's CPU figures are not measured over a known interval; discard it.
      if (!processesSeen) {
        processesSeen = true;
        return { kind: 'baseline' };
      }
      const memTotal = (await (await lib()).mem()).total;
      const all: ProcessInfo[] = p.list.map((x) => ({
        pid: x.pid,
        name: escapeControl(x.name),
        // Shown on the dashboard and pushed to every client: never the raw command line.
        command:
          sanitizeCommand([x.command, x.params].filter(Boolean).join(' ')).slice(0, 512) ||
          escapeControl(x.name),
        cpu: x.cpu,
        memBytes: x.memRss * 1024, // systeminformation reports RSS in KiB
        memPct: ((x.memRss * 1024) / memTotal) * 100,
      }));
      return { kind: 'processes', ...topProcesses(all) };
    },
  };
}

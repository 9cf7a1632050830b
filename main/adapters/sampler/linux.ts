/**
 * Linux collectors: plain reads of /proc and /sys plus statfs, no child processes.
 *
 * systeminformation spawns `cat`, `df`, `lsblk`, `ps` and friends from several of its Linux calls
 * (≈46 ms of CPU per tick for currentLoad+fsSize+networkStats+disksIO, ≈79 ms per processes()),
 * which alone would blow the agent's 0.5 %-of-a-core budget. The kernel already exposes every
 * number as text; reading it directly costs a few system calls.
 *
 * The /proc pseudo-files are generated from kernel memory and never wait for a disk, so they are
 * read synchronously (several times cheaper than the promise API) on the worker thread. The two
 * reads that can hang are async and guarded: statfs of a dead network mount, and
 * /proc/[pid]/cmdline (takes the target's mmap lock).
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { arch, cpus, hostname } from 'node:os';
import type { Family, HostInfo } from '../../shared/metrics';
import { dedupeByDevice, isPseudoFs, isVirtualIface } from './filters';
import { createProcessesCollector } from './linux-processes';
import { procFile, readProcText as read } from './proc-text';
import type { Collector, CpuTimes, MountUsage, Reading } from './protocol';

const procStat = procFile('/proc/stat');
const procMeminfo = procFile('/proc/meminfo');
const procLoadavg = procFile('/proc/loadavg');
const procDiskstats = procFile('/proc/diskstats');
const procNetDev = procFile('/proc/net/dev');
const procUptime = procFile('/proc/uptime');

function parseCpuLine(fields: string[]): CpuTimes {
  // user nice system idle iowait irq softirq steal [guest guest_nice]; guest time is already
  // included in user/nice, so it is not added again.
  const n = fields.slice(1, 9).map(Number);
  const total = n.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  return { busy: total - idle, total };
}

function readCpu(): Reading {
  let total: CpuTimes | undefined;
  const cores: CpuTimes[] = [];
  for (const line of procStat().split('\n')) {
    if (!line.startsWith('cpu')) break;
    const fields = line.trim().split(/\s+/);
    if (fields[0] === 'cpu') total = parseCpuLine(fields);
    else cores[Number(fields[0]?.slice(3))] = parseCpuLine(fields);
  }
  if (total === undefined) throw new Error('/proc/stat has no cpu line');
  return { kind: 'cpu', total, cores: Array.from(cores, (c) => c ?? { busy: NaN, total: NaN }) };
}

function readMeminfo(): Map<string, number> {
  const kb = new Map<string, number>();
  for (const line of procMeminfo().split('\n')) {
    const m = /^(\w+):\s+(\d+)/.exec(line);
    if (m) kb.set(m[1]!, Number(m[2]) * 1024);
  }
  return kb;
}

function readMemory(): Reading {
  const kb = readMeminfo();
  const total = kb.get('MemTotal') ?? NaN;
  // MemAvailable exists since Linux 3.14; older kernels get the classic estimate.
  const available =
    kb.get('MemAvailable') ??
    (kb.get('MemFree') ?? NaN) + (kb.get('Buffers') ?? 0) + (kb.get('Cached') ?? 0);
  return {
    kind: 'memory',
    total,
    available,
    swapTotal: kb.get('SwapTotal') ?? 0,
    swapFree: kb.get('SwapFree') ?? 0,
  };
}

/** Decodes the octal escapes /proc/mounts uses for space, tab, newline and backslash. */
const unescapeMount = (s: string): string =>
  s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

function createDiskCollector(): Collector {
  // statfs of a dead NFS/CIFS mount blocks a libuv pool thread indefinitely; never ask the same
  // mount again while its previous statfs is outstanding, or the pool (shared by the whole
  // process) would fill up.
  const outstanding = new Set<string>();
  return async (deadlineMs) => {
    const mounts = dedupeByDevice(
      read('/proc/mounts')
        .split('\n')
        .map((line) => line.split(' '))
        .filter((f) => f.length >= 3 && !isPseudoFs(f[2]!))
        .map((f) => ({ device: f[0]!, mount: unescapeMount(f[1]!) })),
    );
    const budget = Math.max(50, deadlineMs / 2);
    const usage = await Promise.all(
      mounts.map(async ({ mount }): Promise<MountUsage | undefined> => {
        if (outstanding.has(mount)) return undefined;
        outstanding.add(mount);
        const call = statfs(mount).finally(() => outstanding.delete(mount));
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise<undefined>(
          (resolve) => (timer = setTimeout(() => resolve(undefined), budget)),
        );
        try {
          const s = await Promise.race([call, late]);
          if (s === undefined || s.blocks === 0) return undefined;
          const size = s.blocks * s.bsize;
          return {
            mount,
            size,
            used: (s.blocks - s.bfree) * s.bsize,
            available: s.bavail * s.bsize,
          };
        } catch {
          return undefined; // permission or a vanished mount: the target simply goes missing
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return { kind: 'disk', mounts: usage.filter((u): u is MountUsage => u !== undefined) };
  };
}

function createDiskioCollector(): Collector {
  // Whole disks are the entries of /sys/block backed by hardware; loop, zram, dm-* and md*
  // resolve under /sys/devices/virtual and would count the same bytes twice. Partitions are
  // not in /sys/block at all.
  const whole = new Map<string, boolean>();
  const isWholeDisk = (name: string): boolean => {
    let known = whole.get(name);
    if (known === undefined) {
      try {
        known = !readlinkSync(`/sys/block/${name.replace(/\//g, '!')}`).includes('/virtual/');
      } catch {
        known = false;
      }
      whole.set(name, known);
    }
    return known;
  };
  return () => {
    let readBytes = 0;
    let writeBytes = 0;
    for (const line of procDiskstats().split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || !isWholeDisk(f[2]!)) continue;
      // Sectors here are always 512 bytes, whatever the device's sector size.
      readBytes += Number(f[5]) * 512;
      writeBytes += Number(f[9]) * 512;
    }
    return Promise.resolve({ kind: 'diskio', readBytes, writeBytes });
  };
}

function readNetwork(): Reading {
  const ifaces: { name: string; rx: number; tx: number }[] = [];
  for (const line of procNetDev().split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (isVirtualIface(name)) continue;
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    ifaces.push({ name, rx: Number(f[0]), tx: Number(f[8]) });
  }
  return { kind: 'network', ifaces };
}

function createTemperatureCollector(): Collector {
  // Sensor discovery walks /sys once; afterwards only the chosen file is read.
  let sensor: string | null | undefined;
  const discover = (): string | null => {
    const cpuChips = [
      'coretemp',
      'k10temp',
      'zenpower',
      'cpu_thermal',
      'soc_thermal',
      'cpu-thermal',
    ];
    for (const hw of safeReaddir('/sys/class/hwmon')) {
      const dir = `/sys/class/hwmon/${hw}`;
      const name = safeRead(`${dir}/name`)?.trim();
      if (name === undefined || !cpuChips.includes(name)) continue;
      // temp1 is the package (coretemp) or Tctl (k10temp) sensor.
      if (safeRead(`${dir}/temp1_input`) !== undefined) return `${dir}/temp1_input`;
    }
    for (const zone of safeReaddir('/sys/class/thermal')) {
      if (!zone.startsWith('thermal_zone')) continue;
      const type = safeRead(`/sys/class/thermal/${zone}/type`)?.trim() ?? '';
      if (/x86_pkg_temp|cpu|soc|k10temp|coretemp/i.test(type))
        return `/sys/class/thermal/${zone}/temp`;
    }
    return null;
  };
  return () => {
    sensor ??= discover();
    const raw = sensor === null ? undefined : safeRead(sensor);
    if (raw === undefined) {
      sensor = undefined; // look again next time: a driver may load later
      return Promise.resolve({
        kind: 'temperature',
        celsius: null,
        reason: 'No readable CPU temperature sensor in /sys/class/hwmon or /sys/class/thermal',
      });
    }
    return Promise.resolve({ kind: 'temperature', celsius: Number(raw) / 1000 });
  };
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function safeRead(path: string): string | undefined {
  try {
    return read(path);
  } catch {
    return undefined;
  }
}

/** The Linux collectors, one per family. */
export function createLinuxCollectors(): Record<Family, Collector> {
  const cores = cpus().length;
  return {
    cpu: () => Promise.resolve(readCpu()),
    load: () => {
      const [l1, l5, l15] = procLoadavg().split(' ').map(Number);
      return Promise.resolve({
        kind: 'load',
        load1: l1 ?? NaN,
        load5: l5 ?? NaN,
        load15: l15 ?? NaN,
        cores,
      });
    },
    memory: () => Promise.resolve(readMemory()),
    disk: createDiskCollector(),
    diskio: createDiskioCollector(),
    network: () => Promise.resolve(readNetwork()),
    temperature: createTemperatureCollector(),
    uptime: () => Promise.resolve({ kind: 'uptime', seconds: Number(procUptime().split(' ')[0]) }),
    processes: createProcessesCollector(() => readMeminfo().get('MemTotal') ?? NaN),
  };
}

/**
 * Host facts from /etc/os-release and /proc/cpuinfo: the same fields systeminformation's
 * osInfo()/cpu() report on Linux, without the child processes they spawn and without loading
 * the library (≈10 MB of peak RSS) into the agent.
 */
export function linuxHostInfo(): HostInfo {
  const osRelease = safeRead('/etc/os-release') ?? safeRead('/usr/lib/os-release') ?? '';
  const field = (key: string): string | undefined =>
    new RegExp(`^${key}=("?)(.*)\\1$`, 'm').exec(osRelease)?.[2];
  const model = /^model name\s*:\s*(.*)$/m.exec(safeRead('/proc/cpuinfo') ?? '')?.[1];
  const list = cpus();
  return {
    hostname: hostname(),
    platform: field('NAME') ?? 'Linux',
    release: field('VERSION_ID') ?? read('/proc/sys/kernel/osrelease').trim(),
    arch: arch(),
    cores: list.length,
    cpuModel: (model ?? list[0]?.model ?? '').trim(),
  };
}

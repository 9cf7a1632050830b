/**
 * A realistic week of history for the README screenshots, written with the real `History` and
 * history store, so the agent that starts on the data dir serves it like its own: 7 days at one
 * sample per 10 s (so minute rollups have a min/max spread) with a daily web-traffic rhythm, a
 * weekend dip, a nightly backup, a memory leak reset by deploys, a disk slowly filling and a CPU
 * spike yesterday; then the last hour at 1 s, ending now.
 *
 * Which series exist and where they end comes from a live reading of this host (`live`), so the
 * seeded lines meet the agent's first live samples instead of jumping: levels (percentages,
 * load, bytes) blend towards the live value over the last minutes, rates do so in log space,
 * and uptime counts back from the live uptime (a reboot inside the week leaves a gap, as a real
 * reboot does). Deterministic: the same `now` and `live` give the same history.
 */
import { join } from 'node:path';
import { createHistoryStore } from '../../main/adapters/history-store';
import { HOUR_MS, type History } from '../../main/core/history';
import type { Logger } from '../../main/core/ports';
import { parseSeriesKey, seriesKey, type SeriesKey } from '../../main/shared/metrics';

/** One seeded sample. */
export interface SeedSample {
  readonly time: number;
  readonly values: Readonly<Record<SeriesKey, number>>;
}

/** Times of the story the history tells (for events and assertions). */
export interface SeedIncidents {
  /** Start of the 20-minute CPU spike to ~97 % (about 20 h ago). */
  readonly cpuSpikeAt: number;
  /** Start of an 18-minute batch job at ~89 % CPU three days ago (the operator snoozed CPU). */
  readonly batchJobAt: number;
  /** Last boot when it falls inside the week (samples stop 80 s before, resume 20 s after). */
  readonly bootAt: number | null;
}

/** Options of {@link seedHistory}. */
export interface SeedOptions {
  /** The agent's data dir; the history goes to `<dataDir>/history`. */
  readonly dataDir: string;
  /** The host's current readings: the seeded series and the values they end at. */
  readonly live: Readonly<Record<SeriesKey, number>>;
  /** Wall-clock ms of the `live` reading (default: now); uptime counts on from it. */
  readonly liveAt?: number;
  /**
   * End of the history (default: now). It may lie a few seconds ahead, so that writing takes
   * place before it: the returned promise resolves only once the clock has reached it, so an
   * agent started then samples right after the seeded end (a step over 5 s would draw a gap).
   */
  readonly now?: number;
  readonly logger?: Logger;
  /** Called with every sample in time order (e.g. to replay them through the rules). */
  readonly onSample?: (sample: SeedSample, incidents: SeedIncidents) => void;
}

/** What {@link seedHistory} wrote. */
export interface SeedResult {
  readonly now: number;
  readonly samples: number;
  readonly keys: readonly SeriesKey[];
  readonly incidents: SeedIncidents;
}

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
/** How far back levels start blending towards the live value (e-folding time). */
const BLEND_MS = 8 * MIN_MS;
/** The same for rates, in log space: a live 0 B/s would otherwise pull a long decline. */
const RATE_BLEND_MS = MIN_MS;

/** Deterministic PRNG (mulberry32) with a Gaussian helper. */
function random(seed: number): { uniform: () => number; gauss: () => number } {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const gauss = (): number =>
    Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, gauss };
}

/** Local hour of day with fraction. */
function hourOf(t: number): number {
  const d = new Date(t);
  return d.getHours() + d.getMinutes() / 60 + d.getSeconds() / 3600;
}

/** Web traffic, 0…1: quiet at 04:00, busy in the afternoon with an evening bump, lower at weekends. */
export function traffic(t: number): number {
  const h = hourOf(t);
  const day = 0.5 - 0.5 * Math.cos((2 * Math.PI * (h - 4)) / 24);
  const evening = 0.3 * Math.exp(-((h - 20.5) ** 2) / 3);
  const dow = new Date(t).getDay();
  return (0.06 + 0.72 * day ** 1.6 + evening) * (dow === 0 || dow === 6 ? 0.7 : 1);
}

/** 1 during the nightly backup (02:00–02:25 local), with soft edges. */
function backup(t: number): number {
  const h = hourOf(t);
  return Math.max(0, Math.min(1, (h - 2) * 30, (2.42 - h) * 30));
}

/** 1 inside [start, start + length), ramping over `ramp` ms at both ends. */
function window(t: number, start: number, length: number, ramp = 45_000): number {
  return Math.max(0, Math.min(1, (t - start) / ramp, (start + length - t) / ramp));
}

/** Sample times: every 10 s for the week, every second (with jitter) for the last hour. */
function sampleTimes(now: number, bootAt: number | null): number[] {
  const out: number[] = [];
  const down = (t: number) => bootAt !== null && t >= bootAt - 80_000 && t < bootAt + 20_000;
  const start = Math.floor((now - 7 * DAY_MS - 10 * MIN_MS) / 10_000) * 10_000;
  for (let t = start; t < now - HOUR_MS; t += 10_000) if (!down(t)) out.push(t + 137);
  for (let t = now - HOUR_MS + 1_000; t < now; t += 1_000)
    if (!down(t)) out.push(t - 1_000 + ((t * 7919) % 40));
  out.push(now);
  return out;
}

/** Slow random walk with time constant `tauMs` and stationary spread ≈ 1, independent of the step. */
function walker(gauss: () => number, tauMs: number): (dt: number) => number {
  let x = 0;
  return (dt) => {
    const k = Math.min(1, dt / tauMs);
    x += -x * k + Math.sqrt(2 * k) * gauss();
    return x;
  };
}

/** Builds the seeded samples (before blending into the live values). */
function model(
  now: number,
  live: Readonly<Record<SeriesKey, number>>,
  incidents: SeedIncidents,
): SeedSample[] {
  const { gauss } = random(20_241_126);
  const keys = Object.keys(live);
  const targets = (metric: string) =>
    keys
      .map((k) => parseSeriesKey(k))
      .filter((p) => p?.metric === metric && p.target !== undefined)
      .map((p) => p!.target!);
  const cores = targets('cpu.core');
  const mounts = targets('disk.used_pct');
  const ifaces = targets('net.rx_bps');
  const nCores = Math.max(1, cores.length);
  const cpuWalk = walker(gauss, 20 * MIN_MS);
  const netWalk = walker(gauss, 30 * MIN_MS);
  const ioWalk = walker(gauss, 10 * MIN_MS);
  const deploys = [now - 5 * DAY_MS - 3.3 * HOUR_MS, now - 2 * DAY_MS - 6.9 * HOUR_MS];
  const restarts = [
    now - 8 * DAY_MS,
    ...deploys,
    ...(incidents.bootAt !== null ? [incidents.bootAt] : []),
  ];
  const uptimeNow = live['uptime.seconds'];
  const memTotal = live['mem.total_bytes'] ?? 8 * 2 ** 30;
  const lastBackup = new Date(now).setHours(2, 25, 0, 0);
  let load1 = 0.3 * nCores;
  let load5 = load1;
  let load15 = load1;
  let prev = 0;
  return sampleTimes(now, incidents.bootAt).map((t) => {
    const dt = prev === 0 ? 10_000 : t - prev;
    prev = t;
    const tr = traffic(t);
    const spike = window(t, incidents.cpuSpikeAt, 20 * MIN_MS);
    const job = window(t, incidents.batchJobAt, 18 * MIN_MS, 20_000);
    const v: Record<SeriesKey, number> = {};
    const set = (key: SeriesKey, value: number) => {
      if (key in live) v[key] = value;
    };
    const clampPct = (x: number) => Math.max(0.2, Math.min(99.9, x));

    const base =
      3 + 44 * tr * Math.exp(0.15 * cpuWalk(dt)) + 22 * backup(t) + (2 + 4 * tr) * gauss();
    const cpu = clampPct(
      base * (1 - Math.max(spike, job)) +
        spike * Math.max(95.6, 97 + 0.9 * gauss()) +
        job * (88.6 + 1.6 * gauss()),
    );
    set('cpu.total', cpu);
    cores.forEach((c, i) =>
      set(
        seriesKey('cpu.core', c),
        clampPct(cpu + (i % 2 ? -1 : 1) * 1.5 + 6 * gauss() * (1 - spike * 0.8)),
      ),
    );

    // Load follows the run queue: CPU-bound work plus, during the spike, requests piling up.
    const queue = nCores * ((cpu / 100) * 1.1 + 1.7 * spike) + 0.08 + 0.1 * Math.abs(gauss());
    const ema = (x: number, tau: number) => x + (queue - x) * (1 - Math.exp(-dt / tau));
    load1 = ema(load1, 60_000);
    load5 = ema(load5, 300_000);
    load15 = ema(load15, 900_000);
    set('load.1', load1);
    set('load.5', load5);
    set('load.15', load15);

    // A slow leak in the app workers (≈0.45 points an hour), freed by each deploy or reboot.
    const since = Math.max(...restarts.filter((r) => r <= t));
    const memPct =
      (live['mem.used_pct'] ?? 30) + 0.45 * ((t - since) / HOUR_MS) + 1.5 * tr + 0.15 * gauss();
    set('mem.used_pct', memPct);
    set('mem.total_bytes', memTotal);

    for (const m of mounts) {
      // Logs grow all day and each nightly backup adds a step; the root disk grows fastest.
      const rate = m === '/' ? 1 : 0.25;
      const nights =
        Math.floor((now - lastBackup) / DAY_MS) - Math.floor((t - lastBackup) / DAY_MS);
      const pct =
        (live[seriesKey('disk.used_pct', m)] ?? 50) -
        rate * ((1.1 * (now - t)) / DAY_MS + 0.9 * nights);
      const size = live[seriesKey('disk.size_bytes', m)] ?? 100e9;
      set(seriesKey('disk.used_pct', m), Math.max(0.5, pct));
      set(seriesKey('disk.used_bytes', m), (Math.max(0.5, pct) / 100) * size);
      set(seriesKey('disk.size_bytes', m), size);
    }

    const io = Math.exp(0.35 * ioWalk(dt) + 0.5 * gauss());
    set(
      'diskio.read_bps',
      (60e3 + 900e3 * tr) * io +
        85e6 * backup(t) +
        40e6 * window(t, incidents.bootAt ?? -1, 60_000, 5_000),
    );
    set('diskio.write_bps', (250e3 + 2.8e6 * tr) * io * Math.exp(0.3 * gauss()) + 38e6 * backup(t));
    ifaces.forEach((ifc, i) => {
      const scale = i === 0 ? 1 : 0.04;
      const n = Math.exp(0.2 * netWalk(dt) + 0.25 * gauss());
      set(seriesKey('net.rx_bps', ifc), scale * (150e3 + 2.1e6 * tr) * n + 1.5e6 * backup(t));
      set(
        seriesKey('net.tx_bps', ifc),
        scale * (400e3 + 9.5e6 * tr) * n * Math.exp(0.15 * gauss()) + 42e6 * backup(t),
      );
    });

    if (uptimeNow !== undefined) {
      // Before the last boot, the machine had been up since a boot 23 days earlier.
      const boot = now - uptimeNow * 1000;
      set('uptime.seconds', (t - (t >= boot ? boot : boot - 23 * DAY_MS)) / 1000);
    }
    set('temp.cpu', 38 + 0.3 * cpu + 0.8 * gauss());
    return { time: t, values: v };
  });
}

/** Blends levels (and rates, in log space) into the live readings over the last minutes. */
function blendIntoLive(
  samples: SeedSample[],
  live: Readonly<Record<SeriesKey, number>>,
  now: number,
): SeedSample[] {
  const last = samples.at(-1)?.values ?? {};
  const ratesBlend = (key: string) => /_bps/.test(key);
  // Uptime is exact; byte totals and disk are built to end at the live value.
  const skip = (key: string) => /^(uptime|disk\.|mem\.total|swap\.total)/.test(key);
  return samples.map(({ time, values }) => {
    const w = Math.exp(-(now - time) / BLEND_MS);
    const wr = Math.exp(-(now - time) / RATE_BLEND_MS);
    const out: Record<SeriesKey, number> = {};
    for (const [key, value] of Object.entries(values)) {
      const target = live[key];
      const end = last[key];
      if (target === undefined || end === undefined || skip(key)) out[key] = value;
      else if (ratesBlend(key)) out[key] = value * (Math.max(target, 1) / Math.max(end, 1)) ** wr;
      else out[key] = Math.max(0, value + (target - end) * w);
    }
    // Derived series stay consistent with what they derive from.
    const load1 = out['load.1'];
    if (load1 !== undefined && 'load.per_core' in live) {
      const cores = Object.keys(live).filter((k) => k.startsWith('cpu.core{')).length || 1;
      out['load.per_core'] = load1 / cores;
    }
    const memPct = out['mem.used_pct'];
    const memTotal = out['mem.total_bytes'];
    if (memPct !== undefined && memTotal !== undefined) {
      if ('mem.used_bytes' in live) out['mem.used_bytes'] = (memPct / 100) * memTotal;
      if ('mem.available_bytes' in live) out['mem.available_bytes'] = memTotal * (1 - memPct / 100);
    }
    // Anything this model does not know (e.g. swap on a host without swap) stays at its live value.
    for (const [key, value] of Object.entries(live)) if (!(key in out)) out[key] = value;
    return { time, values: out };
  });
}

/** Where the story's incidents fall, given the end time and the live uptime. */
export function incidentsFor(now: number, uptimeSeconds: number | undefined): SeedIncidents {
  const minute = (t: number) => Math.floor(t / MIN_MS) * MIN_MS;
  const job = new Date(now - 3 * DAY_MS);
  job.setHours(10, 40, 0, 0);
  const boot = uptimeSeconds === undefined ? null : now - uptimeSeconds * 1000;
  return {
    cpuSpikeAt: minute(now - 20 * HOUR_MS) + 12_000,
    batchJobAt: job.getTime(),
    bootAt:
      boot !== null && boot > now - 7 * DAY_MS + HOUR_MS && boot < now - 3 * MIN_MS ? boot : null,
  };
}

/** Writes the seeded week into `<dataDir>/history` through the real history store. */
export async function seedHistory(options: SeedOptions): Promise<SeedResult> {
  const now = options.now ?? Date.now();
  const logger = options.logger ?? { info: () => {}, warn: console.warn, error: console.error };
  const uptime = options.live['uptime.seconds'];
  const live =
    uptime === undefined
      ? options.live
      : { ...options.live, 'uptime.seconds': uptime + (now - (options.liveAt ?? now)) / 1000 };
  const incidents = incidentsFor(now, live['uptime.seconds']);
  const samples = blendIntoLive(model(now, live, incidents), live, now);
  const store = createHistoryStore({
    dir: join(options.dataDir, 'history'),
    logger,
    now: () => now,
  });
  const history: History = await store.load();
  let lastSettled = samples[0]?.time ?? now;
  for (const s of samples) {
    history.append(s);
    // What the engine does after each append: closed minutes go to the day files.
    store.afterAppend(history);
    options.onSample?.(s, incidents);
    if (s.time - lastSettled > 6 * HOUR_MS) {
      lastSettled = s.time;
      await store.settled();
    }
  }
  await store.close(history);
  // Event-free wait for a known instant: the clock passing the seeded end.
  if (Date.now() < now) await new Promise((r) => setTimeout(r, now - Date.now()));
  return { now, samples: samples.length, keys: history.seriesKeys(), incidents };
}

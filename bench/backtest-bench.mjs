// Speed benchmark of the backtest (`npm run bench`, after the build).
//
// Builds a realistic history in memory: 40 series (CPU total and 8 cores, load, memory, swap,
// 4 mounts, 4 interfaces × 2 directions, disk I/O, temperature, …) with a week of minute rollups
// (daily cycle + noise + occasional spikes) and the last hour of raw samples at 1 Hz; then times
// --runs N (default 40) 7-day backtests of the default CPU rule after a few warm-up runs, and
// one of the default disk rule (every mount). Prints the median and p95 against the target.
//
// Target: a 7-day backtest of one rule answers in under 200 ms (median). Exits 1 if it fails.
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = (name) => import(pathToFileURL(join(root, 'dist/bench', `${name}.js`)).href);
const { backtest } = await lib('backtest');
const { History, MINUTE_MS } = await lib('history');

const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1] || 40) || 40;
const TARGET_MS = 200;

// A seeded generator, so every run measures the same history.
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const noise = (scale) => (rand() - 0.5) * 2 * scale;

const keys = [
  'cpu.total',
  ...Array.from({ length: 8 }, (_, i) => `cpu.core{${i}}`),
  'load.per_core',
  'mem.used_pct',
  'mem.used_bytes',
  'swap.used_pct',
  ...['/', '/data', '/var', '/home'].flatMap((m) => [
    `disk.used_pct{${m}}`,
    `disk.used_bytes{${m}}`,
  ]),
  ...['eth0', 'eth1', 'lo', 'docker0'].flatMap((i) => [`net.rx_bps{${i}}`, `net.tx_bps{${i}}`]),
  'diskio.read_bps',
  'diskio.write_bps',
  'temp.cpu',
  'uptime.seconds',
  'mem.available_bytes',
  'mem.total_bytes',
  'swap.used_bytes',
  'swap.total_bytes',
  'disk.size_bytes{/}',
  'disk.size_bytes{/data}',
  'disk.size_bytes{/var}',
];

/**
 * A plausible value of `key` at wall ms `t`: a daily cycle, noise, a spike now and then, and a
 * busy half hour every day at 02:00 UTC (backups), so the CPU rule has episodes to find.
 */
function value(key, t) {
  const day = Math.sin((2 * Math.PI * t) / 86_400_000);
  if (key.startsWith('cpu')) {
    const busy = t % 86_400_000 >= 7_200_000 && t % 86_400_000 < 9_000_000 ? 55 : 0;
    const spike = rand() < 0.002 ? 60 : 0;
    return Math.max(0, Math.min(100, 35 + 20 * day + noise(8) + spike + busy));
  }
  if (key.includes('disk.used_pct')) return Math.min(100, 70 + 10 * day + noise(1));
  if (key.includes('_pct')) return Math.max(0, Math.min(100, 60 + 5 * day + noise(1)));
  if (key.startsWith('temp')) return 55 + 8 * day + noise(2);
  return Math.max(0, 1e6 * (1 + day) + noise(2e5));
}

const now = Date.now();
const history = new History();
const rawStart = now - 3_599_000;
const setupStart = performance.now();
for (
  let m = Math.floor((now - 7 * 86_400_000) / MINUTE_MS);
  m * MINUTE_MS + MINUTE_MS <= rawStart;
  m++
) {
  const values = {};
  for (const key of keys) {
    const a = value(key, m * MINUTE_MS);
    const b = value(key, m * MINUTE_MS + 30_000);
    values[key] = [Math.min(a, b), (a + b) / 2, Math.max(a, b)];
  }
  history.loadMinute({ start: m * MINUTE_MS, values });
}
for (let t = rawStart; t <= now; t += 1_000) {
  const values = {};
  for (const key of keys) values[key] = value(key, t);
  history.append({ time: t, values });
}
const setupMs = performance.now() - setupStart;

const cpu = {
  id: 'cpu',
  metric: 'cpu.total',
  direction: 'above',
  enabled: true,
  warning: 85,
  critical: 95,
  clear: 75,
  forSeconds: 300,
  repeatMinutes: 60,
};
const disk = { ...cpu, id: 'disk', metric: 'disk.used_pct', target: '*', forSeconds: 60 };
const options = { range: '7d', now, gapMs: 5_000 };

function time(rule, n) {
  const ms = [];
  let result;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    result = backtest(rule, history, options);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return { median: at(0.5), p95: at(0.95), result };
}

time(cpu, 3); // warm-up: module loading and first compilation are not the steady state
const c = time(cpu, runs);
const d = time(disk, Math.max(5, Math.floor(runs / 4)));
const fmt = (x) => `${x.toFixed(1)} ms`;
console.log(
  `history: ${keys.length} series, ${history.stats().rawSamples} raw samples + a week of minute rollups (built in ${fmt(setupMs)})`,
);
console.log(
  `7-day backtest, cpu rule:          median ${fmt(c.median)}, p95 ${fmt(c.p95)} over ${runs} runs (target < ${TARGET_MS} ms); ${c.result.fired} episodes, coverage ${(c.result.coverage * 100).toFixed(1)} %, ${c.result.resolution}`,
);
console.log(
  `7-day backtest, disk rule (4 mounts): median ${fmt(d.median)}, p95 ${fmt(d.p95)}; ${d.result.fired} episodes`,
);
const ok = c.median < TARGET_MS;
console.log(ok ? 'backtest target met' : 'backtest target FAILED');
process.exit(ok ? 0 : 1);

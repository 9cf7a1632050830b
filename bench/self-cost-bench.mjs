// Own-cost benchmark (`npm run bench:selfcost`, after the build): what issue 11's own-cost parts
// cost a real agent (default settings, sampling at 1 s), read from /proc/<pid>/stat and status.
//   idle     the agent's CPU (% of one core) and RSS over --window S seconds (default 60) with no
//            client: the own-cost meter reads /proc/self/stat once per tick and feeds the budget
//   scrape   CPU ms per GET /metrics over --scrapes N back-to-back scrapes (default 200), with
//            prom-client's process metrics included
//   process  the process metrics alone: µs per render of their registry in this process (the
//            same prom-client collectors the agent registers), over 2,000 renders
// It also prints the agent's own figure (status.selfCost) beside the kernel's for the window.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, cpuSeconds, root, rssMb, sleep, startAgent, stop, until } from './proc-util.mjs';

const windowS = Number(arg('--window', '60'));
const scrapes = Number(arg('--scrapes', '200'));

const dataDir = mkdtempSync(join(tmpdir(), 'hostwatch-bench-selfcost-'));
const { child, url } = await startAgent(dataDir);
try {
  const pid = child.pid;
  const status = () => fetch(`${url}/api/status`).then((r) => r.json());
  await until('a first own-cost figure', async () => (await status()).selfCost?.cpuRatio != null);
  await sleep(5_000); // past start-up
  const shown = [];
  const c0 = cpuSeconds(pid, false);
  const t0 = performance.now();
  while (performance.now() - t0 < windowS * 1000) {
    await sleep(5_000);
    shown.push((await status()).selfCost.cpuRatio);
  }
  const idle = ((cpuSeconds(pid, false) - c0) / ((performance.now() - t0) / 1000)) * 100;
  const mean = (shown.reduce((a, b) => a + b, 0) / shown.length) * 100;
  console.log(
    `idle     ${idle.toFixed(2)} % of a core (kernel), ${mean.toFixed(2)} % (status.selfCost, mean of ${shown.length}), RSS ${rssMb(pid).rss.toFixed(1)} MB`,
  );

  const s0 = cpuSeconds(pid, false);
  const w0 = performance.now();
  for (let i = 0; i < scrapes; i++) await fetch(`${url}/metrics`).then((r) => r.text());
  const wall = performance.now() - w0;
  const perScrape = ((cpuSeconds(pid, false) - s0) * 1000) / scrapes;
  // Less the idle ticks that fell in the scrape window.
  const net = perScrape - (idle / 100) * (wall / scrapes);
  console.log(
    `scrape   ${net.toFixed(2)} ms CPU per /metrics (${scrapes} scrapes, idle ticks removed)`,
  );
} finally {
  await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
}

const require = createRequire(join(root, 'package.json'));
const { Registry } = require('prom-client');
const registry = new Registry();
for (const name of [
  'processCpuTotal',
  'processStartTime',
  'osMemoryHeap',
  'processOpenFileDescriptors',
  'processMaxFileDescriptors',
  'heapSizeAndUsed',
  'version',
]) {
  require(`prom-client/lib/metrics/${name}.js`)(registry);
}
for (let i = 0; i < 200; i++) await registry.metrics();
const p0 = process.cpuUsage();
const n = 2_000;
for (let i = 0; i < n; i++) await registry.metrics();
const p1 = process.cpuUsage(p0);
console.log(
  `process  ${((p1.user + p1.system) / n).toFixed(0)} µs CPU per render of the process metrics`,
);

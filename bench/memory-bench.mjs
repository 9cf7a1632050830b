// Memory benchmark of the headless agent (`npm run bench:memory`, after the build).
//
// Each case runs a fresh real agent (`node <flags of npm run agent> dist/agent.js`, sampling at
// its default 1 s) and reads /proc/<pid>/status: the peak is VmHWM over the whole life of the
// process (start-up included); "steady" is the median VmRSS over --sample S seconds (default 10)
// that start --settle S seconds (default 20) after the case's load has ended.
//   idle     an empty data folder, beside bench/proc-reader.mjs (the bare Node reader baseline)
//   week     a data folder holding a full week of history, written through the real history
//            store by test/e2e/seed-history.ts (built to dist/bench/seed-history.js)
//   procs    2,000 extra processes (`sleep`) for --hold S seconds (default 35: two process scans),
//            then killed; steady is measured after they are gone
//   streams  10 concurrent dashboard clients on /api/stream?view=delta with gzip, for --hold S
//   storm    bursts of 400 short-lived processes every 1.5 s for --hold S; steady after
//
// Targets: peak < 80 MB and steady < 64 MB in every case. `--case a,b` runs only those.
// Linux only (it reads /proc). Exits 1 if any target fails.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { arg, root, rssMb, sleep, startAgent, startNode, stop, until } from './proc-util.mjs';

const PEAK_MB = 80;
const STEADY_MB = 64;
const settleMs = Number(arg('--settle', '20')) * 1000;
const sampleS = Number(arg('--sample', '10'));
const holdMs = Number(arg('--hold', '35')) * 1000;
const only = arg('--case', '');
const agentScript = arg('--agent-script', undefined);

if (process.platform !== 'linux') {
  console.error('memory-bench reads /proc and runs on Linux only.');
  process.exit(2);
}

/** Median VmRSS over `seconds` one-second readings. */
async function steadyRss(pid) {
  const readings = [];
  for (let i = 0; i < sampleS; i++) {
    readings.push(rssMb(pid).rss);
    await sleep(1000);
  }
  readings.sort((a, b) => a - b);
  return readings[Math.floor(readings.length / 2)];
}

/** The agent's current readings (for seeding a history that meets them). */
async function liveValues() {
  const dir = mkdtempSync(join(tmpdir(), 'hostwatch-membench-probe-'));
  const agent = await startAgent(dir, { script: agentScript });
  try {
    return await until('a first status with CPU', async () => {
      const s = await (await fetch(`${agent.url}/api/status`)).json();
      const values = s.snapshot?.values;
      return values && values['cpu.total'] !== undefined ? values : undefined;
    });
  } finally {
    await stop(agent.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `sh -c script` in its own process group; returns its pgid and a function that kills it. */
function shellGroup(script) {
  const sh = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  const kill = () =>
    new Promise((resolve) => {
      if (sh.exitCode !== null || sh.signalCode !== null) return resolve();
      sh.once('exit', () => resolve());
      try {
        process.kill(-sh.pid, 'SIGKILL');
      } catch {
        resolve();
      }
    });
  return { pgid: sh.pid, kill };
}

/** Number of live processes in process group `pgid` (other users' processes do not count). */
function groupSize(pgid) {
  let n = 0;
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'latin1');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[2]) === pgid && f[0] !== 'Z') n++;
    } catch {
      // exited meanwhile
    }
  }
  return n;
}

/**
 * Opens `n` dashboard streams (`view=delta`, gzip accepted, as the dashboard's EventSource does);
 * returns the compressed bytes each has received and a function that closes them.
 */
function streamClients(url, n) {
  const requests = [];
  const bytes = Array.from({ length: n }, () => 0);
  for (let i = 0; i < n; i++) {
    const req = get(
      `${url}/api/stream?view=delta`,
      { headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip' } },
      (res) => res.on('data', (chunk) => (bytes[i] += chunk.length)),
    );
    req.on('error', () => {});
    requests.push(req);
  }
  return { bytes, close: () => requests.forEach((r) => r.destroy()) };
}

const cases = {
  async idle(agent, note) {
    const reader = await startNode('proc-reader', [join(root, 'bench/proc-reader.mjs')], /ready/);
    await sleep(holdMs);
    await sleep(settleMs);
    const [steady, readerSteady] = await Promise.all([
      steadyRss(agent.child.pid),
      steadyRss(reader.child.pid),
    ]);
    const { peak: readerPeak, anon, file } = rssMb(reader.child.pid);
    await stop(reader.child);
    note(
      `bare reader: peak ${readerPeak.toFixed(1)} MB, steady ${readerSteady.toFixed(1)} MB ` +
        `(anon ${anon.toFixed(1)} + file ${file.toFixed(1)})`,
    );
    return steady;
  },
  async week(agent) {
    await sleep(holdMs);
    await sleep(settleMs);
    return steadyRss(agent.child.pid);
  },
  async procs(agent, note) {
    const group = shellGroup('for i in $(seq 2000); do sleep 600 & done; wait');
    await until('2,000 extra processes', async () => groupSize(group.pgid) > 2000, 180_000);
    note(`${readdirSync('/proc').filter((e) => /^\d+$/.test(e)).length} processes while held`);
    await sleep(holdMs);
    const during = rssMb(agent.child.pid);
    note(`RSS with them: ${during.rss.toFixed(1)} MB`);
    await group.kill();
    await until('the extra processes gone', async () => groupSize(group.pgid) === 0, 60_000);
    await sleep(settleMs);
    return steadyRss(agent.child.pid);
  },
  async streams(agent, note) {
    const clients = streamClients(agent.url, 10);
    const t0 = performance.now();
    await sleep(holdMs);
    const during = await steadyRss(agent.child.pid);
    const total = clients.bytes.reduce((a, b) => a + b, 0);
    const perClient = total / 10 / ((performance.now() - t0) / 1000);
    note(
      `10 clients received ${total} bytes in all (${perClient.toFixed(0)} B/s, ` +
        `${((perClient * 86_400) / 1e6).toFixed(1)} MB/day each, delta view, ` +
        `gzip bytes of the body); RSS with them ${during.toFixed(1)} MB`,
    );
    if (clients.bytes.some((b) => b === 0)) throw new Error('a stream client received nothing');
    clients.close();
    await sleep(settleMs);
    return Math.max(during, await steadyRss(agent.child.pid));
  },
  async storm(agent, note) {
    const end = Math.ceil(holdMs / 1000);
    const group = shellGroup(
      `end=$(( $(date +%s) + ${end} )); n=0; while [ "$(date +%s)" -lt "$end" ]; do ` +
        `for i in $(seq 400); do sleep 1 & done; n=$((n + 400)); sleep 1.5; done; wait`,
    );
    await sleep(holdMs + 3000);
    await group.kill();
    note(`RSS right after the storm: ${rssMb(agent.child.pid).rss.toFixed(1)} MB`);
    await sleep(settleMs);
    return steadyRss(agent.child.pid);
  },
};

const selected = Object.keys(cases).filter((c) => !only || only.split(',').includes(c));
let seedLib;
const results = [];
for (const name of selected) {
  const dataDir = mkdtempSync(join(tmpdir(), `hostwatch-membench-${name}-`));
  const notes = [];
  try {
    if (name === 'week') {
      seedLib ??= await import(pathToFileURL(join(root, 'dist/bench/seed-history.js')).href);
      const live = await liveValues();
      const t0 = performance.now();
      const seeded = await seedLib.seedHistory({ dataDir, live, now: Date.now() + 2_000 });
      notes.push(
        `seeded ${seeded.samples} samples of ${seeded.keys.length} series in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
    console.log(`case ${name} ...`);
    const agent = await startAgent(dataDir, { script: agentScript });
    const steady = await cases[name](agent, (n) => notes.push(n));
    const { peak, anon, file } = rssMb(agent.child.pid);
    await stop(agent.child);
    results.push({ name, peak, steady, anon, file, notes });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const row = (cells) => cells.map((c, i) => String(c).padEnd(i === 0 ? 10 : 16)).join('');
console.log();
console.log(
  row(['case', 'peak RSS MB', 'steady RSS MB', `peak < ${PEAK_MB}`, `steady < ${STEADY_MB}`]),
);
let ok = true;
for (const r of results) {
  const pass = [r.peak < PEAK_MB, r.steady < STEADY_MB];
  ok &&= pass.every(Boolean);
  console.log(
    row([
      r.name,
      r.peak.toFixed(1),
      r.steady.toFixed(1),
      pass[0] ? 'PASS' : 'FAIL',
      pass[1] ? 'PASS' : 'FAIL',
      `${r.anon.toFixed(1)} + ${r.file.toFixed(1)}`,
    ]),
  );
  for (const n of r.notes) console.log(`          ${n}`);
}
process.exit(ok ? 0 : 1);

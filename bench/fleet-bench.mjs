// Cost of a hub following many remote agents (`npm run bench:fleet`, after the build).
//
// One helper process serves N simulated agents: each is the agent's own HTTP server
// (main/adapters/http/server.ts: node:http, the SSE route, the summary feed, gzip) over TLS with a
// token, fed a status every second by an in-memory engine. The status is a real one, read from
// a real agent started on 127.0.0.2 at the beginning, with its CPU value changed every push.
// The hub is the real agent (`node dist/agent.js` with the flags of `npm run agent`) with
// `--watch-file` listing every simulated agent, pinned. For N = 0 (its idle baseline), 10, 50
// and 200, once every host is connected and a settling pause has passed, it measures over a
// window (--seconds S, default 30):
// - hub CPU as a share of one core (utime + stime from /proc/<pid>/stat),
// - hub RSS (peak of VmRSS sampled each second) over the idle hub's,
// - bytes on the wire per host per day: TCP bytes the simulated agents wrote to the hub (TLS
//   records, headers, heartbeats included), extrapolated from the window.
// Targets: 50 hosts <= 1 % of one core and <= 40 MB over the idle hub; <= 20 MB per host per
// day on the wire.
// Exits 1 when a target is missed.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { agentNodeFlags } from './proc-util.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const seconds = Number(opt('--seconds', '30'));
const counts = opt('--hosts', '0,10,50,200').split(',').map(Number);
const settleMs = 5_000;
const CLK_TCK = 100; // Linux USER_HZ
const AGENT_FLAGS = agentNodeFlags();
const temps = [];
const tempDir = (tag) => {
  const d = mkdtempSync(join(tmpdir(), `hostwatch-fleet-bench-${tag}-`));
  temps.push(d);
  return d;
};

/** Starts the real agent; resolves with the child and what its output matched. */
function startAgent(args, match, flags = []) {
  const child = spawn(process.execPath, [...flags, join(root, 'dist/agent.js'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`agent did not start:\n${out}`)), 60_000);
    const onData = (d) => {
      out += d.toString();
      const m = match.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m, output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`agent exited with ${code}:\n${out}`)));
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

/** A real status from a real agent on 127.0.0.2 (token, TLS), as the simulated ones send it. */
async function realStatus() {
  const agent = await startAgent(
    ['--data-dir', tempDir('real'), '--host', '127.0.0.2', '--port', '0', '--tls', '--new-token'],
    /listening on (https:\/\/\S+)\n[\s\S]*TLS fingerprint: SHA256/,
  );
  try {
    const { fetchStatus } = await simModule();
    const token = await waitFor(
      () => /New API token \(stored in [^\n]*\):\n(\S+)/.exec(agent.output())?.[1],
      'the token line',
    );
    const fingerprint = /TLS fingerprint: (SHA256:[0-9A-F:]{95})/.exec(agent.output())?.[1];
    const url = agent.match[1];
    // The first status may come before the first sample: wait for one with values.
    return await waitFor(async () => {
      const s = await fetchStatus(url, token, fingerprint);
      return s?.snapshot && Object.keys(s.snapshot.values).length > 5 ? s : null;
    }, 'a status with values');
  } finally {
    await stop(agent.child);
  }
}

async function waitFor(fn, what, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

let simBundle;
/** Bundles test/agent/fleet-sim.ts (the agent's own HTTP modules) into dist/bench once. */
async function simModule() {
  if (!simBundle) {
    const outfile = join(root, 'dist/bench/fleet-sim.js');
    await build({
      entryPoints: [join(root, 'test/agent/fleet-sim.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      logLevel: 'warning',
    });
    simBundle = { path: outfile, ...(await import(outfile)) };
  }
  return simBundle;
}

/** Starts the helper process with `n` simulated agents. */
async function startSim(n, status) {
  const { path } = await simModule();
  const statusFile = join(tempDir('status'), 'status.json');
  writeFileSync(statusFile, JSON.stringify(status));
  const child = fork(path, [String(n), statusFile], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = [];
  child.on('message', (m) => pending.shift()?.(m));
  const ask = (msg) =>
    new Promise((resolve) => {
      pending.push(resolve);
      if (msg) child.send(msg);
    });
  const ready = await ask(null);
  return { child, ready, bytes: async () => (await ask({ type: 'bytes' })).bytes };
}

function procStat(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in ticks
}
function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Runs a hub watching the first `n` simulated agents; returns its figures. */
async function measureHub(n, sim) {
  const dataDir = tempDir(`hub${n}`);
  const lines = sim.ready.servers
    .slice(0, n)
    .map(
      (s) =>
        `https://:${sim.ready.token}@${sim.ready.host}:${s.port}#sha256=${sim.ready.fingerprint}`,
    );
  const watchFile = join(dataDir, 'watch.txt');
  writeFileSync(watchFile, lines.join('\n') + '\n');
  const hub = await startAgent(
    [
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--quiet',
      ...(n > 0 ? ['--watch-file', watchFile] : []),
    ],
    /listening on (http:\/\/\S+)/,
    AGENT_FLAGS,
  );
  const url = hub.match[1];
  const pid = hub.child.pid;
  try {
    if (n > 0) {
      await waitFor(
        async () => {
          const fleet = await (await fetch(`${url}/api/fleet`)).json();
          const up = fleet.hosts.filter((h) => h.kind === 'agent' && h.connection === 'connected');
          return up.length === n;
        },
        `all ${n} hosts connected`,
        180_000,
      );
    }
    await new Promise((r) => setTimeout(r, settleMs));
    const cpu0 = procStat(pid);
    const bytes0 = await sim.bytes();
    const t0 = performance.now();
    let peakRss = rssMb(pid);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 1_000);
    await new Promise((r) => setTimeout(r, seconds * 1_000));
    clearInterval(sampler);
    const elapsed = (performance.now() - t0) / 1_000;
    const cpuPct = ((procStat(pid) - cpu0) / CLK_TCK / elapsed) * 100;
    const bytes = (await sim.bytes()) - bytes0;
    peakRss = Math.max(peakRss, rssMb(pid));
    const fleet = n > 0 ? await (await fetch(`${url}/api/fleet`)).json() : { hosts: [] };
    const unreachable = fleet.hosts.filter((h) => h.health === 'unreachable').length;
    return {
      n,
      cpuPct,
      rss: peakRss,
      perHostDayMb: n > 0 ? ((bytes / n / elapsed) * 86_400) / 1e6 : 0,
      perHostBps: n > 0 ? bytes / n / elapsed : 0,
      unreachable,
    };
  } finally {
    await stop(hub.child);
  }
}

const maxN = Math.max(...counts);
console.log(`reading a real status from a real agent on 127.0.0.2…`);
const status = await realStatus();
console.log(`real status: ${JSON.stringify(status).length} bytes of JSON`);
console.log(`starting ${maxN} simulated agents in one helper process…`);
const sim = await startSim(maxN, status);
console.log(`window ${seconds} s per hub, after every host connected and ${settleMs / 1000} s`);
const results = [];
try {
  for (const n of counts) {
    const r = await measureHub(n, sim);
    results.push(r);
    console.log(
      `  N=${String(n).padStart(3)}: CPU ${r.cpuPct.toFixed(2)} % of a core, peak RSS ${r.rss.toFixed(1)} MB` +
        (n > 0 ? `, ${r.perHostBps.toFixed(0)} B/s per host, ${r.unreachable} unreachable` : ''),
    );
  }
} finally {
  sim.child.kill('SIGTERM');
  for (const d of temps) rmSync(d, { recursive: true, force: true });
}

const idle = results.find((r) => r.n === 0);
console.log('\n hosts   hub CPU (% core)   over idle   RSS MB   over idle   wire MB/host/day');
for (const r of results) {
  const overCpu = idle ? (r.cpuPct - idle.cpuPct).toFixed(2) : '-';
  const overRss = idle ? (r.rss - idle.rss).toFixed(1) : '-';
  console.log(
    ` ${String(r.n).padStart(5)}   ${r.cpuPct.toFixed(2).padStart(16)}   ${String(overCpu).padStart(9)}   ${r.rss.toFixed(1).padStart(6)}   ${String(overRss).padStart(9)}   ${r.n > 0 ? r.perHostDayMb.toFixed(2).padStart(16) : '               -'}`,
  );
}
const fifty = results.find((r) => r.n === 50);
const checks = [];
if (fifty) {
  if (idle) {
    // What following costs: the hub's own sampling (the idle hub) is measured in the same run.
    const cpuOver = fifty.cpuPct - idle.cpuPct;
    checks.push([
      `50 hosts: hub CPU ${cpuOver.toFixed(2)} % of one core over idle (total ${fifty.cpuPct.toFixed(2)} %) <= 1 %`,
      cpuOver <= 1,
    ]);
    const over = fifty.rss - idle.rss;
    checks.push([`50 hosts: RSS ${over.toFixed(1)} MB over idle <= 40 MB`, over <= 40]);
  }
}
for (const r of results.filter((x) => x.n > 0)) {
  checks.push([
    `${r.n} hosts: ${r.perHostDayMb.toFixed(2)} MB per host per day <= 20 MB`,
    r.perHostDayMb <= 20,
  ]);
  checks.push([`${r.n} hosts: none unreachable during the window`, r.unreachable === 0]);
}
console.log('\ntargets:');
for (const [what, ok] of checks) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);

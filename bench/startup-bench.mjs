// Start-up CPU benchmark of the headless agent (`npm run bench:startup`, after the build).
//
// CPU is utime+stime of /proc/<pid>/stat (every thread: main, V8's helpers, the sampler worker),
// read the moment the agent has answered its first `GET /api/status`, i.e. from spawn to the
// first served status. Runs --runs N (default 3) starts per case and reports the median:
//   empty  an empty data folder
//   week   a data folder holding a full week of history (test/e2e/seed-history.ts through the
//          real history store, built to dist/bench/seed-history.js)
// The baseline is measured in the same run: `node -e 0` (Node's own start-up), and, with
// `--before <agent.js>` (e.g. a copy of an older dist/), that build under the same flags.
//
// Target: at most half the start-up CPU of the `--before` build when one is given.
// Linux only (it reads /proc). Exits 1 if the target fails.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { arg, CLK_TCK, cpuSeconds, root, rssMb, startAgent, stop, until } from './proc-util.mjs';

const runs = Number(arg('--runs', '3'));
const before = arg('--before', undefined);
const script = arg('--agent-script', join(root, 'dist/agent.js'));

if (process.platform !== 'linux') {
  console.error('startup-bench reads /proc and runs on Linux only.');
  process.exit(2);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU seconds of `node -e 0`, read from the waiting shell's cutime+cstime. */
function bareNode() {
  return new Promise((resolve, reject) => {
    const sh = spawn('sh', ['-c', `"${process.execPath}" -e 0; cat /proc/$$/stat`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    sh.stdout.on('data', (d) => (out += d));
    sh.on('exit', () => {
      const f = out.slice(out.lastIndexOf(')') + 2).split(' ');
      const v = (Number(f[13]) + Number(f[14])) / CLK_TCK;
      Number.isFinite(v) ? resolve(v) : reject(new Error(`no stat: ${out}`));
    });
  });
}

/** CPU seconds of one agent start, spawn to its first served status; also its peak RSS. */
async function agentStart(agentScript, dataDir) {
  const agent = await startAgent(dataDir, { script: agentScript });
  try {
    await until('the first status', async () => (await fetch(`${agent.url}/api/status`)).ok);
    return { cpu: cpuSeconds(agent.child.pid, false), peak: rssMb(agent.child.pid).peak };
  } finally {
    await stop(agent.child);
  }
}

/** A copy of `seeded` for one run (the agent may write to its data folder). */
function copyOf(seeded) {
  const dir = mkdtempSync(join(tmpdir(), 'hostwatch-startbench-'));
  cpSync(seeded, dir, { recursive: true });
  return dir;
}

const seeded = mkdtempSync(join(tmpdir(), 'hostwatch-startbench-week-'));
const { seedHistory } = await import(pathToFileURL(join(root, 'dist/bench/seed-history.js')).href);
// Readings that a fresh agent on this host would report are not needed for a CPU figure: a
// fixed set of the main series is enough for the history to load like a real one.
const live = {
  'cpu.total': 12,
  'load.1': 0.4,
  'load.per_core': 0.2,
  'mem.used_pct': 40,
  'mem.total_bytes': 8 * 2 ** 30,
  'swap.used_pct': 1,
  'disk.used_pct{/}': 55,
  'disk.used_bytes{/}': 55e9,
  'disk.size_bytes{/}': 100e9,
  'diskio.read_bps': 1e5,
  'diskio.write_bps': 4e5,
  'net.rx_bps{eth0}': 2e5,
  'net.tx_bps{eth0}': 6e5,
  'uptime.seconds': 3 * 86_400,
};
const seed = await seedHistory({ dataDir: seeded, live });
console.log(`seeded a week: ${seed.samples} samples of ${seed.keys.length} series`);

const builds = [['this build', script], ...(before ? [['before', before]] : [])];
const results = { bare: [] };
for (let i = 0; i < runs; i++) {
  results.bare.push(await bareNode());
  for (const [name, s] of builds) {
    for (const kase of ['empty', 'week']) {
      const dir =
        kase === 'empty' ? mkdtempSync(join(tmpdir(), 'hostwatch-startbench-')) : copyOf(seeded);
      try {
        const r = await agentStart(s, dir);
        (results[`${name}/${kase}`] ??= []).push(r);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
}
rmSync(seeded, { recursive: true, force: true });

const bare = median(results.bare);
console.log(`\nstart-up CPU, spawn to first served status (median of ${runs}):`);
console.log(`  node -e 0                ${bare.toFixed(2)} s`);
const figures = {};
for (const [name] of builds) {
  for (const kase of ['empty', 'week']) {
    const rs = results[`${name}/${kase}`];
    const cpu = median(rs.map((r) => r.cpu));
    const peak = median(rs.map((r) => r.peak));
    figures[`${name}/${kase}`] = cpu;
    console.log(
      `  ${`${name}, ${kase}`.padEnd(24)} ${cpu.toFixed(2)} s  (${(cpu / Math.max(bare, 0.01)).toFixed(1)}x node -e 0; peak RSS ${peak.toFixed(1)} MB)`,
    );
  }
}
let ok = true;
if (before) {
  for (const kase of ['empty', 'week']) {
    const ratio = figures[`this build/${kase}`] / figures[`before/${kase}`];
    const pass = ratio <= 0.5;
    ok &&= pass;
    console.log(
      `${pass ? 'PASS' : 'FAIL'}  ${kase}: this build / before = ${ratio.toFixed(2)} (target <= 0.50)`,
    );
  }
}
process.exit(ok ? 0 : 1);

// CPU and memory benchmark of the headless agent (`npm run bench`, after the build).
//
// Runs the real agent (`node dist/agent.js --data-dir <tmp> --port 0`, sampling at its default
// 1 s) side by side with bench/proc-reader.mjs (a minimal reader of the same numbers from /proc
// at 1 Hz) for --seconds N (default 60), after --warmup S seconds (default 10). CPU is utime+stime+cutime+cstime of /proc/<pid>/stat
// (all threads, including the sampler workers, plus reaped child processes), taken after both
// are up and a short warm-up, so start-up (module loading, the one-off host-info call) is
// reported separately rather than averaged into the steady state. Peak RSS is VmHWM of
// /proc/<pid>/status, over the whole life of the process, start-up included.
//
// Targets: agent < 0.5 % of one core, < 80 MB peak RSS, CPU <= 3x the minimal reader.
// Linux only (it reads /proc). Exits 1 if any target fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  agentNodeFlags,
  arg,
  CLK_TCK,
  cpuSeconds,
  root,
  rssMb,
  startNode as start,
  stop,
} from './proc-util.mjs';

const argv = process.argv.slice(2);
const seconds = Number(arg('--seconds', '60'));
// Development aid: measure another script that prints the same "listening" line.
const agentScript = arg('--agent-script', join(root, 'dist/agent.js'));
// V8 keeps compiling and collecting start-up garbage for several seconds after a process is
// ready; the steady state the targets speak of begins after that.
const warmupMs = Number(arg('--warmup', String(Math.min(10, Math.max(1, seconds / 6))))) * 1000;
// Measure the agent exactly as `npm run agent` runs it: the same Node flags (a monitoring agent
// does little work per tick, so V8's optimizing compilers are off, trading speed it hardly needs for
// memory; see README "Cost").
const nodeFlags = argv.includes('--no-flags') ? [] : agentNodeFlags();

if (process.platform !== 'linux') {
  console.error('agent-bench reads /proc and runs on Linux only.');
  process.exit(2);
}

const peakRssMb = (pid) => rssMb(pid).peak;

const dataDir = mkdtempSync(join(tmpdir(), 'hostwatch-bench-'));
const t0 = performance.now();
const agent = await start(
  'agent',
  [...nodeFlags, agentScript, '--data-dir', dataDir, '--port', '0'],
  /Hostwatch agent listening on (http:\/\/\S+)/,
);
const reader = await start('proc-reader', [join(root, 'bench/proc-reader.mjs')], /ready/);
console.log(
  `agent up at ${agent.match[1]} (pid ${agent.child.pid}), proc-reader pid ${reader.child.pid}`,
);
console.log(`agent node flags: ${nodeFlags.join(' ') || '(none)'}`);
console.log(`warm-up ${warmupMs} ms, then measuring ${seconds} s ...`);

await new Promise((r) => setTimeout(r, warmupMs));
const startup = { agent: cpuSeconds(agent.child.pid), reader: cpuSeconds(reader.child.pid) };
const tStart = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1000));
const end = { agent: cpuSeconds(agent.child.pid), reader: cpuSeconds(reader.child.pid) };
const wall = (performance.now() - tStart) / 1000;
const peak = { agent: peakRssMb(agent.child.pid), reader: peakRssMb(reader.child.pid) };
await Promise.all([stop(agent.child), stop(reader.child)]);
rmSync(dataDir, { recursive: true, force: true });

const used = { agent: end.agent - startup.agent, reader: end.reader - startup.reader };
const pct = { agent: (used.agent / wall) * 100, reader: (used.reader / wall) * 100 };
// CPU time has 10 ms resolution; a reader that used less than one tick counts as one.
const ratio = used.agent / Math.max(used.reader, 1 / CLK_TCK);
const checks = [
  ['agent CPU < 0.5 % of one core', pct.agent < 0.5],
  ['agent peak RSS < 80 MB', peak.agent < 80],
  ['agent CPU <= 3x proc-reader', ratio <= 3],
];

const row = (cells) => cells.map((c, i) => String(c).padStart(i === 0 ? 14 : 16)).join('');
console.log();
console.log(
  `measured ${wall.toFixed(1)} s of wall time (start-up excluded; ${((tStart - t0) / 1000).toFixed(1)} s to get ready)`,
);
console.log(row(['', 'start-up CPU s', 'CPU s', '% of one core', 'peak RSS MB']));
console.log(
  row([
    'agent',
    startup.agent.toFixed(2),
    used.agent.toFixed(2),
    pct.agent.toFixed(3),
    peak.agent.toFixed(1),
  ]),
);
console.log(
  row([
    'proc-reader',
    startup.reader.toFixed(2),
    used.reader.toFixed(2),
    pct.reader.toFixed(3),
    peak.reader.toFixed(1),
  ]),
);
console.log(`\nCPU ratio agent / proc-reader: ${ratio.toFixed(2)}x`);
for (const [name, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}`);
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);

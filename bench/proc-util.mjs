// Helpers shared by the agent benchmarks: reading a process's CPU and memory from /proc, and
// starting and stopping the real agent (with the Node flags of `npm run agent`).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentNodeFlags as flagsOf } from '../scripts/agent-flags.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLK_TCK = 100; // USER_HZ, 100 on every mainstream Linux architecture

/** The value of `--name` on the command line, or `fallback`. */
export function arg(name, fallback) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
}

/** The Node flags of the `agent` script in package.json (`node --no-opt … dist/agent.js`). */
export function agentNodeFlags() {
  return flagsOf(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.agent);
}

/** utime+stime (+cutime+cstime with `children`) of /proc/<pid>/stat, in seconds. */
export function cpuSeconds(pid, children = true) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const own = Number(f[11]) + Number(f[12]);
  return (children ? own + Number(f[13]) + Number(f[14]) : own) / CLK_TCK;
}

/**
 * VmRSS, VmHWM (peak) and the anonymous and file-backed parts of VmRSS (RssAnon: heaps;
 * RssFile: mostly the pages of the node binary itself) of /proc/<pid>/status, in MB.
 */
export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'latin1');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM'), anon: kb('RssAnon'), file: kb('RssFile') };
}

/** Starts a Node process and resolves once its stdout matches `ready`. */
export function startNode(name, args, ready, timeoutMs = 60_000) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`${name} not ready after ${timeoutMs} ms\n${out}${err}`)),
      timeoutMs,
    );
    child.once('exit', (code) =>
      reject(new Error(`${name} exited (${code}) before it was ready\n${out}${err}`)),
    );
    let settled = false;
    child.stdout.on('data', (d) => {
      if (settled) return; // keep draining the pipe, but match only once
      out += d;
      const m = ready.exec(out);
      if (m) {
        settled = true;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, match: m, output: () => out + err });
      }
    });
  });
}

/** Starts the built agent on a free loopback port; resolves with its child process and URL. */
export async function startAgent(dataDir, { script = join(root, 'dist/agent.js'), flags } = {}) {
  const { child, match } = await startNode(
    'agent',
    [...(flags ?? agentNodeFlags()), script, '--data-dir', dataDir, '--port', '0'],
    /Hostwatch agent listening on (http:\/\/\S+)/,
  );
  return { child, url: match[1] };
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
export function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `f` every 200 ms until it returns a truthy value (or throws after `timeoutMs`). */
export async function until(what, f, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

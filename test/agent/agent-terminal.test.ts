/**
 * The agent's terminal output: under a real pseudo-terminal (`script` from util-linux) the status
 * line is rewritten in place and a log line clears it, stands on its own line, and the status is
 * drawn again below; through a pipe nothing is rewritten and every line stands alone. The log
 * line is provoked for real: a test email to a closed port logs a warning on the console.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { statusLine } from '../../main/agent-terminal';
import type { AlertState } from '../../main/shared/contract';
import { makeStatus } from '../fixtures/status';
import { AGENT, eventually, startAgent, tempDataDir, type AgentProcess } from './agent-process';

const ESC = '\x1b';
const procs: ChildProcess[] = [];
const agents: AgentProcess[] = [];

afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.stop('SIGKILL')));
  for (const p of procs.splice(0)) {
    // `script` runs in its own process group (detached): end it and the agent under it.
    if (p.exitCode === null && p.pid) process.kill(-p.pid, 'SIGKILL');
  }
});

/** `eventually` takes a promise-returning check. */
const check =
  <T>(fn: () => T) =>
  (): Promise<T> =>
    Promise.resolve(fn());

/** A loopback port with nothing listening: bound, noted, closed. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function mailArgs(): Promise<string[]> {
  return [
    '--smtp',
    `smtp://127.0.0.1:${await closedPort()}?security=none`,
    '--alert-to',
    'ops@example.com',
    '--alert-from',
    'hw@example.com',
  ];
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe('agent terminal', () => {
  it('on a TTY, a log line clears the status line, stands on its own line, and the status is redrawn', async () => {
    const cmd = [process.execPath, AGENT, '--data-dir', tempDataDir(), '--port', '0']
      .concat(await mailArgs())
      .map(quote)
      .join(' ');
    const script = spawn('script', ['-qfc', cmd, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    procs.push(script);
    let out = '';
    script.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const url = await eventually(
      check(() => /listening on (http:\/\/\S+)/.exec(out)?.[1]?.trim()),
      'the listening line',
      30_000,
    );
    await eventually(
      check(() => out.includes(`\r${ESC}[K`) && / — OK| — WARNING| — CRITICAL/.test(out)),
      'a status line',
    );
    const res = await fetch(`${url}/api/test-email`, { method: 'POST' });
    expect(((await res.json()) as { delivered: boolean }).delivered).toBe(false);
    await eventually(
      check(() => new RegExp(`Test email failed[^\\n]*\\n\\r${ESC}\\[K\\S[^\\r\\n]*\\S`).test(out)),
      'the log line and a redrawn status below it',
    );
    const at = out.indexOf('Test email failed');
    const before = out.slice(0, at);
    // What precedes the log line since the last clear is only colour codes and its time stamp.
    const sinceClear = before.slice(before.lastIndexOf(`\r${ESC}[K`) + 4);
    expect(sinceClear).not.toMatch(/ — (OK|WARNING|CRITICAL)/);
    expect(sinceClear).not.toContain('\r');
    const logLine = out.slice(at, out.indexOf('\n', at));
    expect(logLine).not.toMatch(/ — (OK|WARNING|CRITICAL)/);
    // The redrawn status is the same kind of line as before.
    const after = out.slice(out.indexOf('\n', at) + 1);
    expect(after).toMatch(new RegExp(`^\\r${ESC}\\[K\\S+ — (OK|WARNING|CRITICAL|no fresh data)`));
  });

  it('without a TTY, nothing is rewritten and the status and the log line stand on their own lines', async () => {
    const agent = await startAgent({ args: await mailArgs() });
    agents.push(agent);
    await eventually(
      check(() => /^\S+ — (OK|WARNING|CRITICAL|no fresh data)/m.test(agent.output())),
      'a status line',
    );
    const res = await fetch(`${agent.url}/api/test-email`, { method: 'POST' });
    expect(((await res.json()) as { delivered: boolean }).delivered).toBe(false);
    await eventually(
      check(() => agent.output().includes('Test email failed')),
      'the log line',
    );
    const output = agent.output();
    expect(output).not.toContain('\r');
    expect(output).not.toContain(`${ESC}[K`);
    const logLine = output.split('\n').find((l) => l.includes('Test email failed'))!;
    expect(logLine).not.toMatch(/ — (OK|WARNING|CRITICAL)/);
  });
});

describe('statusLine', () => {
  const alert = (state: AlertState['state'], ruleId: string): AlertState => ({
    ruleId,
    series: 'cpu.total',
    metric: 'cpu.total',
    state,
    severity: 'warning',
    value: 90,
    threshold: 85,
    since: 0,
    snoozed: false,
  });

  it('counts firing alerts only, not pending ones', () => {
    const status = makeStatus({
      health: 'warning',
      alerts: [alert('firing', 'cpu'), alert('pending', 'load'), alert('pending', 'memory')],
    });
    expect(statusLine(status, 'http://x')).toMatch(/ · 1 firing$/);
    const onlyPending = makeStatus({ alerts: [alert('pending', 'load')] });
    expect(statusLine(onlyPending, 'http://x')).toBe('web01 — OK');
  });
});

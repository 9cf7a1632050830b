/**
 * Runs the real agent (dist/agent.js) as a child process for integration tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built agent. */
export const AGENT = fileURLToPath(new URL('../../dist/agent.js', import.meta.url));

/** A running agent. */
export interface AgentProcess {
  readonly url: string;
  readonly dataDir: string;
  readonly proc: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code and how long it took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/** A fresh temporary data directory. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'hostwatch-agent-'));
}

/** Runs the agent to completion (for refusals) and returns its exit code and output. */
export function runAgentToExit(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((res) => {
    const proc = spawn(process.execPath, [AGENT, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    proc.on('exit', (code) => res({ code, output }));
  });
}

/** Starts the agent on a free loopback port and waits for its "listening" line. */
export function startAgent(
  options: { dataDir?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<AgentProcess> {
  const dataDir = options.dataDir ?? tempDataDir();
  const proc = spawn(
    process.execPath,
    [AGENT, '--data-dir', dataDir, '--port', '0', ...(options.args ?? [])],
    {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`agent did not start:\n${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /listening on (https?:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        res({
          url: m[1],
          dataDir,
          proc,
          output: () => output,
          stop: (signal = 'SIGTERM') =>
            new Promise((done) => {
              if (proc.exitCode !== null) return done({ code: proc.exitCode, ms: 0 });
              const t0 = Date.now();
              proc.once('exit', (code) => done({ code, ms: Date.now() - t0 }));
              proc.kill(signal);
            }),
        });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    proc.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`agent exited with ${code}:\n${output}`));
    });
  });
}

/** Polls `fn` until it returns a truthy value (every 200 ms, up to `timeoutMs`). */
export async function eventually<T>(
  fn: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end)
      throw new Error(
        `timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** GET JSON. */
export async function getJson<T = unknown>(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T };
}

/** What a `--tls --new-token` agent printed at start: its certificate pin and its token. */
export interface TlsAgentCredentials {
  readonly fingerprint: string;
  readonly token: string;
}

/** Waits for the fingerprint line and reads the printed token of a `--tls --new-token` agent. */
export async function tlsCredentials(agent: AgentProcess): Promise<TlsAgentCredentials> {
  const fingerprint = await eventually(
    () => Promise.resolve(/TLS fingerprint: (SHA256:[0-9A-F:]{95})/.exec(agent.output())?.[1]),
    'the fingerprint line',
  );
  const token = /New API token \(stored in [^\n]*\):\n(\S+)/.exec(agent.output())?.[1];
  if (!token) throw new Error(`no token printed:\n${agent.output()}`);
  return { fingerprint, token };
}

/** The `--watch` URL of an agent: `https://:TOKEN@host:port#sha256=FINGERPRINT`. */
export function watchUrl(t: {
  token: string;
  host: string;
  port: number;
  fingerprint: string;
}): string {
  return `https://:${t.token}@${t.host}:${t.port}#sha256=${t.fingerprint}`;
}

/**
 * Kill -9 mid-send: a child process sends through the real outbox to a real SMTP server that
 * stalls after DATA; the test SIGKILLs it, restarts it on the same folder and checks the email
 * is delivered, once, with the same Message-ID (counted at the server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { testCert } from '../fixtures/smtp/cert';
import { startSmtpServer, waitOn } from '../fixtures/smtp/server';
import { EventEmitter } from 'node:events';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface Child {
  proc: ChildProcess;
  lines: Record<string, unknown>[];
  waitFor(p: (l: Record<string, unknown>) => boolean, what: string): Promise<void>;
}

function run(script: string, env: Record<string, string>): Child {
  const proc = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const bus = new EventEmitter();
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: proc.stdout }).on('line', (l) => {
    lines.push(JSON.parse(l) as Record<string, unknown>);
    bus.emit('change');
  });
  proc.on('exit', () => bus.emit('change'));
  cleanups.push(async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await once(proc, 'exit');
    }
  });
  return { proc, lines, waitFor: (p, what) => waitOn(bus, () => lines.some(p), what, 30_000) };
}

it('a process killed with SIGKILL mid-send delivers the email after restart, once, same Message-ID', async () => {
  const work = await mkdtemp(join(tmpdir(), 'hw-crash-'));
  cleanups.push(() => rm(work, { recursive: true, force: true }));
  const script = join(work, 'crash-child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, '../fixtures/smtp/crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    logLevel: 'warning',
    // Bundled CommonJS dependencies still call require().
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  const cert = await testCert();
  await writeFile(join(work, 'ca.pem'), cert.cert);
  const server = await startSmtpServer({
    tls: cert,
    auth: { user: 'u@example.com', pass: 'pw-123456' },
    mode: 'stall-after-data',
  });
  cleanups.push(() => server.close());
  const outbox = join(work, 'outbox');
  const env = { HW_DIR: outbox, HW_PORT: String(server.port), HW_CA: join(work, 'ca.pem') };

  const first = run(script, { ...env, HW_ENQUEUE: '1' });
  await first.waitFor((l) => l.queued === true, 'the batch to be queued');
  await server.waitFor(() => server.dataSeen.length === 1, 'DATA to reach the server');
  const [file] = await readdir(join(outbox, 'pending'));
  const stamped = JSON.parse(await readFile(join(outbox, 'pending', file!), 'utf8'));
  expect(stamped.sendingSince).toEqual(expect.any(Number)); // the "sending" marker is on disk
  first.proc.kill('SIGKILL');
  await once(first.proc, 'exit');
  expect(first.proc.signalCode).toBe('SIGKILL');
  expect(server.received).toHaveLength(0); // the server never said 250

  server.mode = 'ok';
  const second = run(script, { ...env, HW_ENQUEUE: '0' });
  await second.waitFor((l) => l.event === 'delivered', 'delivery after restart');
  expect(
    second.lines.some(
      (l) => typeof l.log === 'string' && l.log.includes('was being sent when Hostwatch stopped'),
    ),
  ).toBe(true);

  const accepted = server.received.map((r) => r.messageId);
  expect(accepted).toEqual([server.dataSeen[0]!.messageId]);
  expect(server.dataSeen.map((r) => r.messageId)).toEqual([accepted[0], accepted[0]]);
  expect(await readdir(join(outbox, 'pending'))).toEqual([]);
  expect(await readdir(join(outbox, 'sent'))).toEqual([file]);
});

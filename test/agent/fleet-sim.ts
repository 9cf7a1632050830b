/**
 * The helper process of bench/fleet-bench.mjs (bundled by it into dist/bench/fleet-sim.js and
 * forked): N simulated agents, each the agent's own HTTP server (main/adapters/http/server.ts:
 * the SSE route, the summary feed, gzip, the token check) over TLS on 127.0.0.8, fed by an
 * in-memory engine with a real agent's status, pushed every second with a changing CPU value.
 * It counts the TCP bytes every server socket wrote, so the hub's wire cost is measured where
 * it is paid. Messages: `ready` once listening, `{ type: 'bytes' }` → `{ type: 'bytes', bytes }`.
 */
import { readFileSync } from 'node:fs';
import { Server, type Socket } from 'node:net';
import { createHttpServer } from '../../main/adapters/http/server';
import { fetchJson } from '../../main/adapters/fleet/remote-client';
import type { Status } from '../../main/shared/contract';
import { parseWatchTarget } from '../../main/shared/watch-target';
import { createFakeEngine, type FakeEngine } from '../adapters/http-fixtures';
import { makeCert } from '../fixtures/tls/servers';

/** Reads one agent's status over its pinned TLS with its token (for the template). */
export async function fetchStatus(
  url: string,
  token: string,
  fingerprint: string,
): Promise<Status | null> {
  const u = new URL(url);
  const parsed = parseWatchTarget(`https://:${token}@${u.host}#sha256=${fingerprint}`);
  if (!parsed.ok) throw new Error(parsed.error);
  const res = await fetchJson(parsed.target, '/api/status');
  return res.ok && res.status === 200 ? (res.body as Status) : null;
}

const HOST = '127.0.0.8';

async function main(n: number, statusFile: string): Promise<void> {
  // Every TCP socket any server here accepts: their bytesWritten is the wire cost.
  const live = new Set<Socket>();
  let closedBytes = 0;
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'connection') {
      const socket = args[0] as Socket;
      live.add(socket);
      socket.once('close', () => {
        closedBytes += socket.bytesWritten;
        live.delete(socket);
      });
    }
    return (emit as (this: Server, e: string | symbol, ...a: unknown[]) => boolean).call(
      this,
      event,
      ...args,
    );
  } as typeof Server.prototype.emit;

  const template = JSON.parse(readFileSync(statusFile, 'utf8')) as Status;
  const cert = await makeCert();
  const token = 'bench-token-0123456789abcdef';
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const engines: FakeEngine[] = [];
  const servers: { port: number }[] = [];
  for (let i = 0; i < n; i++) {
    const engine = createFakeEngine();
    engine.status = template;
    const server = await createHttpServer({
      api: engine.api,
      status: () => engine.status,
      host: HOST,
      port: 0,
      token,
      logger: quiet,
      tls: cert,
      agentVersion: '0.1.0',
    });
    engines.push(engine);
    servers.push({ port: server.port });
  }
  setInterval(() => {
    const now = Date.now();
    for (const engine of engines) {
      const snapshot = template.snapshot && {
        ...template.snapshot,
        time: now,
        values: { ...template.snapshot.values, 'cpu.total': Math.round(Math.random() * 300) / 10 },
      };
      const status: Status = { ...template, snapshot };
      engine.status = status;
      engine.push('status', status);
    }
  }, 1_000);
  process.on('message', (m: { type?: string }) => {
    if (m.type !== 'bytes') return;
    let bytes = closedBytes;
    for (const s of live) bytes += s.bytesWritten;
    process.send?.({ type: 'bytes', bytes });
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready', host: HOST, servers, token, fingerprint: cert.fingerprint });
}

// Forked by the bench (with an IPC channel): serve. Imported for fetchStatus: nothing else.
if (process.send) {
  void main(Number(process.argv[2]), process.argv[3] ?? '');
}

/**
 * Wrong peers said in words: a real hub agent watching, on loopback addresses of their own,
 * - a TCP listener on 127.0.0.4 that accepts and never answers, over HTTPS (→ timed out during
 *   the TLS handshake) and over plain HTTP on 127.0.0.7 (→ timed out waiting for an answer),
 * - a plain HTTPS server on 127.0.0.5 that is not Hostwatch (→ "not a Hostwatch agent"),
 * - a closed port on 127.0.0.6 (→ refused).
 * The hub's /api/fleet lists each unreachable with that reason; its own monitoring goes on.
 */
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FleetHost, FleetSummary, Status } from '../../main/shared/contract';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import { makeCert } from '../fixtures/tls/servers';
import { eventually, getJson, startAgent, tempDataDir, type AgentProcess } from './agent-process';

const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Listens on `host`, port 0, and closes (with every socket) after the test. */
async function listenOn<S extends Server>(server: S, host: string): Promise<number> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  cleanups.push(() => {
    for (const s of sockets) s.destroy();
    return new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as AddressInfo).port;
}

/** A port on `host` that nothing listens on (bound once, then closed). */
async function closedPort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const PIN = `SHA256:${Array.from({ length: 32 }, () => 'AB').join(':')}`;

describe('a hub agent watching peers that are not (working) Hostwatch agents', () => {
  it('lists each unreachable with what is wrong in words', async () => {
    const silentTls = await listenOn(createServer(), '127.0.0.4');
    const silentHttp = await listenOn(createServer(), '127.0.0.7');
    const cert = await makeCert();
    const seen: string[] = [];
    const other = await listenOn(
      createHttpsServer({ cert: cert.cert, key: cert.key }, (req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>Welcome to nginx!</title>');
      }),
      '127.0.0.5',
    );
    const closed = await closedPort('127.0.0.6');

    const dataDir = tempDataDir();
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({
        ...DEFAULT_SETTINGS,
        fleet: { ...DEFAULT_SETTINGS.fleet, unreachableAfterSeconds: 10 },
      }),
    );
    const hub: AgentProcess = await startAgent({
      dataDir,
      args: [
        '--watch',
        `https://:token@127.0.0.4:${silentTls}#sha256=${PIN}`,
        '--watch',
        `http://:token@127.0.0.7:${silentHttp}`,
        '--watch',
        `https://:token@127.0.0.5:${other}#sha256=${cert.fingerprint}`,
        '--watch',
        `https://:token@127.0.0.6:${closed}#sha256=${PIN}`,
      ],
    });
    cleanups.push(() => hub.stop('SIGKILL'));

    const ids = {
      silentTls: `127-0-0-4-${silentTls}`,
      silentHttp: `127-0-0-7-${silentHttp}`,
      other: `127-0-0-5-${other}`,
      closed: `127-0-0-6-${closed}`,
    };
    const hosts = await eventually(
      async () => {
        const fleet = (await getJson<FleetSummary>(`${hub.url}/api/fleet`)).body;
        const byId = (id: string) => fleet.hosts.find((h) => h.id === id);
        const all = Object.values(ids).map(byId);
        const judged = all.every((h) => h?.health === 'unreachable' && h.problem !== null);
        return judged ? (all as FleetHost[]) : null;
      },
      'every wrong peer unreachable with a reason',
      60_000,
    );
    const problemOf = (i: number) => {
      const p = hosts[i]?.problem;
      if (!p) throw new Error(`no problem for host ${i}`);
      return p;
    };
    const [silentTlsHost, silentHttpHost, otherHost, closedHost] = [0, 1, 2, 3].map(problemOf) as [
      NonNullable<FleetHost['problem']>,
      NonNullable<FleetHost['problem']>,
      NonNullable<FleetHost['problem']>,
      NonNullable<FleetHost['problem']>,
    ];

    expect(silentTlsHost.code).toBe('timeout');
    expect(silentTlsHost.message).toBe(
      `127.0.0.4:${silentTls} did not respond within 5 s during the TLS handshake`,
    );
    expect(silentHttpHost.code).toBe('timeout');
    expect(silentHttpHost.message).toBe(
      `127.0.0.7:${silentHttp} did not respond within 10 s while waiting for an answer`,
    );
    expect(otherHost.code).toBe('not-hostwatch');
    expect(otherHost.message).toContain(`127.0.0.5:${other} is not a Hostwatch agent`);
    expect(closedHost.code).toBe('refused');
    expect(closedHost.message).toBe(
      `127.0.0.6:${closed} refused the connection: nothing listens there (is the agent running, on this port?)`,
    );
    // The impostor was asked for the stream only (the pin matched), and the token never
    // reached the ones whose pin did not.
    expect(seen.every((s) => s.startsWith('GET /api/stream'))).toBe(true);

    // The hub's own alert for each, and its own monitoring, go on.
    const status = await eventually(
      async () => {
        const s = (await getJson<Status>(`${hub.url}/api/status`)).body;
        const firing = s.alerts.filter(
          (a) => a.ruleId === 'host-unreachable' && a.state === 'firing',
        );
        return firing.length === 4 ? s : null;
      },
      'four host-unreachable alerts firing',
      30_000,
    );
    expect(status.snapshot?.values['cpu.total']).toBeTypeOf('number');
  }, 120_000);
});

/**
 * The full stream only while a page shows the host: a remote agent on 127.0.0.6 with
 * `--tls --new-token`, reached through a byte-counting TCP relay, and a hub with `--watch` for
 * it. A page's stream of the hub with `?host=<id>` gets that host's every status about once a
 * second; while no page shows it the hub follows it with the summary stream only, which the
 * bytes through the relay prove (a shown host costs many times more on the wire). Two pages on
 * the same host hold it together: it drops back only when the last one goes.
 */
import { request, type IncomingMessage } from 'node:http';
import { createConnection, createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FleetSummary, Status } from '../../main/shared/contract';
import {
  eventually,
  getJson,
  startAgent,
  tlsCredentials,
  watchUrl,
  type AgentProcess,
} from './agent-process';

const running: AgentProcess[] = [];
const relays: Server[] = [];
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop('SIGKILL');
  for (const r of relays.splice(0)) r.close();
});

/** A TCP relay to `port` on `host` that counts the bytes the far side sends back. */
async function byteRelay(host: string, port: number) {
  let fromRemote = 0;
  const server = createServer((client) => {
    const upstream = createConnection({ host, port });
    upstream.on('data', (d: Buffer) => (fromRemote += d.length));
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  relays.push(server);
  await new Promise<void>((done) => server.listen(0, host, done));
  return { port: (server.address() as AddressInfo).port, bytes: () => fromRemote };
}

/** Bytes per second the relay carries over `ms`. */
async function rate(relay: { bytes(): number }, ms: number): Promise<number> {
  const before = relay.bytes();
  await new Promise((r) => setTimeout(r, ms));
  return ((relay.bytes() - before) * 1000) / ms;
}

/** A page's event stream of the hub showing `host`: the statuses it gets, with arrival times. */
function openPage(hubUrl: string, host: string) {
  const statuses: { at: number; status: Status }[] = [];
  let res: IncomingMessage | null = null;
  const req = request(`${hubUrl}/api/stream?view=delta&host=${encodeURIComponent(host)}`, {
    headers: { accept: 'text/event-stream' },
  });
  req.on('response', (r) => {
    res = r;
    let buffer = '';
    r.setEncoding('utf8');
    r.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(message)?.[1];
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (name === 'status' && data) statuses.push({ at: Date.now(), status: JSON.parse(data) });
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return {
    statuses,
    of: (id: string) => statuses.filter((s) => s.status.hostId === id),
    close: () => {
      res?.destroy();
      req.destroy();
    },
  };
}

describe('a hub follows a shown host with the full stream only while a page shows it', () => {
  it('pushes its statuses each second to the pages showing it and drops back after the last', async () => {
    const remote = await startAgent({ args: ['--host', '127.0.0.6', '--tls', '--new-token'] });
    running.push(remote);
    const creds = await tlsCredentials(remote);
    const relay = await byteRelay('127.0.0.6', Number(new URL(remote.url).port));
    const hub = await startAgent({
      args: ['--watch', watchUrl({ ...creds, host: '127.0.0.6', port: relay.port })],
    });
    running.push(hub);
    const id = `127-0-0-6-${relay.port}`;
    await eventually(
      async () => {
        const f = (await getJson<FleetSummary>(`${hub.url}/api/fleet`)).body;
        return f.hosts.find((h) => h.id === id)?.lastSeen;
      },
      'the remote host seen by the hub',
      60_000,
    );

    const idle = await rate(relay, 6_000);

    const first = openPage(hub.url, id);
    const second = openPage(hub.url, id);
    await eventually(
      () => Promise.resolve(first.of(id).length >= 6),
      'six pushed statuses',
      30_000,
    );
    const shown = await rate(relay, 6_000);
    const got = first.of(id);
    // Each push is a whole status of that host, about one a second.
    expect(got.every((s) => s.status.hostId === id && s.status.snapshot !== null)).toBe(true);
    const gaps = got.slice(1).map((s, i) => s.at - got[i]!.at);
    const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
    expect(median).toBeGreaterThan(500);
    expect(median).toBeLessThan(1_600);
    expect(second.of(id).length).toBeGreaterThan(0);

    // One page goes: the other still gets every status.
    first.close();
    const countAt = second.of(id).length;
    await eventually(
      () => Promise.resolve(second.of(id).length >= countAt + 3),
      'statuses after the first page left',
      15_000,
    );

    // The last page goes: back to the summary stream.
    second.close();
    await new Promise((r) => setTimeout(r, 2_000));
    const after = await rate(relay, 6_000);

    const figures = `idle ${idle.toFixed(0)} B/s, shown ${shown.toFixed(0)} B/s, after ${after.toFixed(0)} B/s`;
    console.log(`wire from the remote: ${figures}`);
    expect(shown, figures).toBeGreaterThan(5 * Math.max(idle, 20));
    expect(after, figures).toBeLessThan(shown / 5);
  }, 150_000);
});

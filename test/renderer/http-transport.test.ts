// @vitest-environment node
// The HTTP + SSE transport against a real HTTP server on 127.0.0.1 (Node has no EventSource
// before v22, so the spec-conformant one from undici stands in for the browser's).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventSource } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import { createHttpTransport } from '../../renderer/api/http';
import type { ConnectionState } from '../../renderer/api/transport';
import { makeStatus } from './memory-api';

interface Seen {
  method: string;
  url: string;
  body: string;
  contentType: string | undefined;
}

function startServer(
  port = 0,
): Promise<{ server: Server; base: string; seen: Seen[]; streams: ServerResponse[] }> {
  const seen: Seen[] = [];
  const streams: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        body,
        contentType: req.headers['content-type'],
      });
      const json = (status: number, v: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(v));
      };
      const path = req.url!.split('?')[0];
      if (path === '/api/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(': hello\n\n');
        streams.push(res);
      } else if (path === '/api/status') json(200, makeStatus());
      else if (path === '/api/history') json(200, { range: '5m', resolution: 'raw', series: [] });
      else if (path === '/api/settings') {
        json(400, {
          error: {
            code: 'invalid',
            message: '1 fields are invalid',
            fields: [{ path: 'settings.smtp.host', message: 'Enter the SMTP server' }],
          },
        });
      } else if (path === '/api/test-email') json(500, 'not json at all');
      else json(404, { error: { code: 'not-found', message: 'No such route' } });
    });
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address() as AddressInfo;
      resolve({ server, base: `http://127.0.0.1:${p}`, seen, streams });
    }),
  );
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

function waitForState(
  t: ReturnType<typeof createHttpTransport>,
  want: ConnectionState,
): Promise<void> {
  if (t.connection() === want) return Promise.resolve();
  return new Promise((resolve) => {
    const off = t.onConnection((s) => {
      if (s === want) {
        off();
        resolve();
      }
    });
  });
}

describe('HTTP transport', () => {
  it('derives method, path and query or body from the contract and maps errors to results', async () => {
    const { server, base, seen } = await startServer();
    servers.push(server);
    const { api } = createHttpTransport({
      baseUrl: base,
      fetch: globalThis.fetch,
      EventSource: EventSource as unknown as typeof globalThis.EventSource,
    });

    const status = await api.getStatus(undefined);
    expect(status.ok && status.value.host.hostname).toBe('web01');

    await api.getHistory({ metric: ['cpu.total', 'disk.used_pct{/}'], range: '5m' });
    const history = seen.at(-1)!;
    expect(history.method).toBe('GET');
    expect(new URL(history.url, base).searchParams.get('metric')).toBe(
      'cpu.total,disk.used_pct{/}',
    );

    const saved = await api.saveSettings({
      settings: DEFAULT_SETTINGS,
      secrets: { smtpPassword: null },
    });
    const put = seen.at(-1)!;
    expect(put.method).toBe('PUT');
    expect(put.contentType).toBe('application/json');
    expect(JSON.parse(put.body)).toEqual({
      settings: DEFAULT_SETTINGS,
      secrets: { smtpPassword: null },
    });
    expect(saved).toEqual({
      ok: false,
      error: {
        code: 'invalid',
        message: '1 fields are invalid',
        fields: [{ path: 'settings.smtp.host', message: 'Enter the SMTP server' }],
      },
    });

    const failed = await api.sendTestEmail(undefined);
    expect(seen.at(-1)!.method).toBe('POST');
    expect(seen.at(-1)!.body).toBe('');
    expect(failed.ok === false && failed.error.code).toBe('failed');
  });

  it('refuses an invalid input without a round trip', async () => {
    const { server, base, seen } = await startServer();
    servers.push(server);
    const { api } = createHttpTransport({ baseUrl: base, fetch: globalThis.fetch });
    const r = await api.setMaintenance({ minutes: -5 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.fields?.[0]?.path).toBe('minutes');
    expect(seen).toHaveLength(0);
  });

  it('reports an unreachable agent as unavailable', async () => {
    const { server, base } = await startServer();
    await new Promise((r) => server.close(r));
    const { api } = createHttpTransport({ baseUrl: base, fetch: globalThis.fetch });
    const r = await api.getStatus(undefined);
    expect(!r.ok && r.error.code).toBe('unavailable');
  });

  it('shares one event stream, shows disconnection and reconnects to a restarted agent', async () => {
    const first = await startServer();
    servers.push(first.server);
    const port = Number(new URL(first.base).port);
    const t = createHttpTransport({
      baseUrl: first.base,
      fetch: globalThis.fetch,
      EventSource: EventSource as unknown as typeof globalThis.EventSource,
      maxRetryMs: 200,
    });
    const statuses: string[] = [];
    const events: string[] = [];
    t.api.on('status', (s) => statuses.push(s.health));
    t.api.on('event', (e) => events.push(e.id));
    await waitForState(t, 'open');
    expect(first.seen.filter((s) => s.url === '/api/stream?view=delta')).toHaveLength(1);

    const gotStatus = new Promise<void>((r) => t.api.on('status', () => r()));
    first.streams[0]!.write(
      `event: status\ndata: ${JSON.stringify(makeStatus({ health: 'critical' }))}\n\n`,
    );
    first.streams[0]!.write(
      `event: event\ndata: ${JSON.stringify({ id: 'ev1', time: 1, kind: 'system', severity: 'info', message: 'hi' })}\n\n`,
    );
    await gotStatus;
    await expect.poll(() => events).toEqual(['ev1']);
    expect(statuses).toEqual(['critical']);
    // The delta view: a numbered full status, then a delta on it, reach listeners as statuses.
    first.streams[0]!.write(
      `event: status-full\ndata: ${JSON.stringify({ seq: 1, status: makeStatus({ health: 'ok' }) })}\n\n`,
    );
    first.streams[0]!.write(
      `event: status-delta\ndata: ${JSON.stringify({ seq: 2, base: 1, set: { health: 'warning' } })}\n\n`,
    );
    await expect.poll(() => statuses).toEqual(['critical', 'ok', 'warning']);

    // The agent goes away: the UI must see it, then pick up the agent restarted on the same port.
    first.server.closeAllConnections();
    await new Promise((r) => first.server.close(r));
    servers.splice(0);
    await waitForState(t, 'closed');
    const second = await startServer(port);
    servers.push(second.server);
    await waitForState(t, 'open');
    expect(second.seen.some((s) => s.url === '/api/stream?view=delta')).toBe(true);
  });
});

/**
 * followHost against the real agent HTTP server over TLS (fake engine) and against raw servers
 * that misbehave: summary and events, resume with Last-Event-ID through a TCP proxy the test
 * cuts (no event lost, none twice), a stream that stalls mid-event, huge and malformed
 * messages, view switching, and gzip measured on the wire.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { followHost, type HostFollower } from '../../main/adapters/fleet/remote-client';
import type { ConnectionProblem } from '../../main/adapters/fleet/problems';
import { formatEvent } from '../../main/adapters/http/sse';
import type { EventRecord } from '../../main/shared/contract';
import type { HostSummary } from '../../main/shared/protocol';
import { sampleStatus } from './http-fixtures';
import {
  httpsServer,
  makeCert,
  startTlsAgent,
  target,
  tcpProxy,
  type Cert,
} from '../fixtures/tls/servers';

let cert: Cert;
beforeAll(async () => {
  cert = await makeCert();
});
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function record(id: string): EventRecord {
  return {
    id,
    time: 1,
    host: 'local',
    kind: 'firing',
    severity: 'critical',
    ruleId: 'cpu',
    message: `event ${id}`,
  };
}

function collect() {
  const events: string[] = [];
  const summaries: HostSummary[] = [];
  const problems: ConnectionProblem[] = [];
  let connects = 0;
  let liveAt = 0;
  return {
    events,
    summaries,
    problems,
    connects: () => connects,
    liveAt: () => liveAt,
    handlers: {
      onEvent: (e: EventRecord) => events.push(e.id),
      onSummary: (s: HostSummary) => summaries.push(s),
      onProblem: (p: ConnectionProblem) => problems.push(p),
      onConnected: () => connects++,
      onLiveness: (t: number) => (liveAt = t),
    },
  };
}

function follow(...args: Parameters<typeof followHost>): HostFollower {
  const f = followHost(...args);
  cleanups.push(() => f.stop());
  return f;
}

describe('followHost', () => {
  it('follows the summary stream and alert events of a pinned agent', async () => {
    const { server, engine, token } = await startTlsAgent(cert);
    cleanups.push(() => server.close());
    const c = collect();
    follow(
      target(`https://:${token}@127.0.0.1:${server.port}#sha256=${cert.fingerprint}`),
      c.handlers,
    );
    await vi.waitFor(() => expect(c.summaries.length).toBe(1));
    expect(c.summaries[0]).toMatchObject({
      health: 'warning',
      hostname: 'web-1',
      headline: { cpu: 42.5, mem: 50, disk: { target: '/', usedPct: 61 } },
    });
    expect(c.liveAt()).toBeGreaterThan(0);
    // A change of health goes out at once; the same health again waits for the interval.
    await vi.waitFor(() => expect(engine.listenerCount('status')).toBe(1));
    engine.push('status', sampleStatus({ health: 'critical' }));
    await vi.waitFor(() => expect(c.summaries.at(-1)?.health).toBe('critical'));
    engine.push('status', sampleStatus({ health: 'critical' }));
    engine.push('event', record('a1'));
    await vi.waitFor(() => expect(c.events).toEqual(['a1']));
    expect(c.summaries).toHaveLength(2);
  });

  it('resumes after a cut with Last-Event-ID: every event once, none lost', async () => {
    const { server, engine, token } = await startTlsAgent(cert);
    cleanups.push(() => server.close());
    const proxy = await tcpProxy(server.port);
    cleanups.push(proxy.close);
    const c = collect();
    const f = follow(
      target(`https://:${token}@127.0.0.1:${proxy.port}#sha256=${cert.fingerprint}`),
      c.handlers,
      { initialBackoffMs: 50, maxBackoffMs: 200 },
    );
    await vi.waitFor(() => expect(c.connects()).toBe(1));
    await vi.waitFor(() => expect(engine.listenerCount('event')).toBe(1));
    engine.push('event', record('b1'));
    await vi.waitFor(() => expect(c.events).toEqual(['b1']));
    expect(f.lastEventId()).toBe('b1');

    proxy.down();
    await vi.waitFor(() => expect(c.problems.length).toBeGreaterThan(0));
    // While the watcher is cut off, the agent keeps producing events.
    engine.push('event', record('b2'));
    engine.push('event', record('b3'));
    await new Promise((r) => setTimeout(r, 300));
    proxy.up();
    await vi.waitFor(() => expect(c.events).toEqual(['b1', 'b2', 'b3']), { timeout: 5_000 });
    engine.push('event', record('b4'));
    await vi.waitFor(() => expect(c.events).toEqual(['b1', 'b2', 'b3', 'b4']));
    expect(c.connects()).toBeGreaterThanOrEqual(2);
  });

  it('de-duplicates an event the server sends twice and reports a gap', async () => {
    const srv = await httpsServer(cert, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: gap\ndata: {"lastEventId":"zz","replayed":2}\n\n');
      res.write(formatEvent('event', record('d1'), 'd1'));
      res.write(formatEvent('event', record('d1'), 'd1'));
      res.write(formatEvent('event', record('d2'), 'd2'));
    });
    cleanups.push(srv.close);
    const c = collect();
    const gaps: unknown[] = [];
    follow(target(`https://:t@127.0.0.1:${srv.port}#sha256=${cert.fingerprint}`), {
      ...c.handlers,
      onGap: (g) => gaps.push(g),
    });
    await vi.waitFor(() => expect(c.events).toEqual(['d1', 'd2']));
    expect(gaps).toEqual([{ lastEventId: 'zz', replayed: 2 }]);
  });

  it('reconnects when the stream stalls mid-event', async () => {
    const srv = await httpsServer(cert, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('id: s1\nevent: event\ndata: {"id":"s1","ti');
    });
    cleanups.push(srv.close);
    const c = collect();
    follow(target(`https://:t@127.0.0.1:${srv.port}#sha256=${cert.fingerprint}`), c.handlers, {
      stallMs: 300,
      initialBackoffMs: 20,
    });
    await vi.waitFor(() => expect(srv.connections()).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
    expect(c.problems[0]).toMatchObject({ code: 'stalled' });
    expect(c.events).toEqual([]);
  });

  it('drops a huge message and a malformed one, and keeps reading', async () => {
    const srv = await httpsServer(cert, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: event\ndata: ${'x'.repeat(3 * 1024 * 1024)}\n\n`);
      res.write('event: event\ndata: {not json\n\n');
      res.write(formatEvent('event', record('h1'), 'h1'));
    });
    cleanups.push(srv.close);
    const c = collect();
    follow(target(`https://:t@127.0.0.1:${srv.port}#sha256=${cert.fingerprint}`), c.handlers, {
      maxMessageChars: 64 * 1024,
    });
    await vi.waitFor(() => expect(c.events).toEqual(['h1']), { timeout: 5_000 });
    expect(c.problems.map((p) => p.code)).toEqual(['too-large', 'malformed']);
  });

  it('reports a wrong token on the stream and keeps retrying with back-off', async () => {
    const { server } = await startTlsAgent(cert);
    cleanups.push(() => server.close());
    const c = collect();
    follow(target(`https://:bad@127.0.0.1:${server.port}#sha256=${cert.fingerprint}`), c.handlers, {
      initialBackoffMs: 20,
    });
    await vi.waitFor(() => expect(c.problems.length).toBeGreaterThanOrEqual(2));
    expect(c.problems[0]).toMatchObject({ code: 'wrong-token', status: 401 });
  });

  it('switches to the full stream and back, and compresses it on the wire', async () => {
    const { server, engine, token } = await startTlsAgent(cert);
    cleanups.push(() => server.close());
    const proxy = await tcpProxy(server.port);
    cleanups.push(proxy.close);
    const statuses: unknown[] = [];
    const c = collect();
    const f = follow(
      target(`https://:${token}@127.0.0.1:${proxy.port}#sha256=${cert.fingerprint}`),
      { ...c.handlers, onStatus: (s) => statuses.push(s) },
      { view: 'full' },
    );
    await vi.waitFor(() => expect(statuses.length).toBe(1));
    await vi.waitFor(() => expect(engine.listenerCount('status')).toBe(1));
    const before = proxy.bytesToClient();
    let raw = 0;
    for (let i = 0; i < 50; i++) {
      const s = sampleStatus({ startedAt: i });
      raw += Buffer.byteLength(formatEvent('status', s));
      engine.push('status', s);
    }
    await vi.waitFor(() => expect(statuses.length).toBe(51));
    const wire = proxy.bytesToClient() - before;
    // Each status is nearly the previous one: gzip with a kept window sends a small fraction.
    expect(wire).toBeLessThan(raw / 5);

    f.setView('summary');
    await vi.waitFor(() => expect(c.summaries.length).toBe(1));
    expect(c.connects()).toBe(2);
  });
});

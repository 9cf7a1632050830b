/**
 * The delta view of the event stream over real TCP: a full numbered status on connect, then per
 * push a delta that, applied by the dashboard's own holder (renderer/api/delta-status.ts), gives
 * exactly the pushed status; a client joining later starts from the current status and follows
 * the same numbering. Events still arrive in the delta view.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpServer, type HttpServer } from '../../main/adapters/http/server';
import type { Status } from '../../main/shared/contract';
import { createDeltaStatus } from '../../renderer/api/delta-status';
import {
  createFakeEngine,
  recordingLogger,
  sampleSnapshot,
  sampleStatus,
  type FakeEngine,
} from './http-fixtures';

/** Reads named server-sent events from a fetch body, with their raw data. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async function next(): Promise<{ event: string; data: string }> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event: string | undefined;
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data = line.slice(6);
        }
        if (event !== undefined) return { event, data };
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
}

let server: HttpServer | undefined;
const aborts: AbortController[] = [];
afterEach(async () => {
  for (const a of aborts.splice(0)) a.abort();
  await server?.close();
  server = undefined;
});

async function start(engine: FakeEngine): Promise<HttpServer> {
  server = await createHttpServer({
    api: engine.api,
    status: () => engine.status,
    host: '127.0.0.1',
    port: 0,
    logger: recordingLogger(),
  });
  return server;
}

async function follow(url: string) {
  const abort = new AbortController();
  aborts.push(abort);
  const res = await fetch(`${url}/api/stream?view=delta`, { signal: abort.signal });
  expect(res.status).toBe(200);
  // fetch accepts gzip and decodes it: every message here went through the stream's compressor.
  expect(res.headers.get('content-encoding')).toBe('gzip');
  return sseReader(res.body!);
}

function tick(n: number): Status {
  const snap = sampleSnapshot(1_700_000_000_000 + n * 1000);
  return sampleStatus({
    snapshot: { ...snap, values: { ...snap.values, 'cpu.total': 40 + n } },
    ...(n >= 3 ? { health: 'critical' as const } : {}),
  });
}

describe('GET /api/stream?view=delta', () => {
  it('sends a full status, then deltas that rebuild every pushed status exactly', async () => {
    const engine = createFakeEngine();
    engine.status = tick(0);
    const url = (await start(engine)).url;
    const next = await follow(url);
    const holder = createDeltaStatus();

    const first = await next();
    expect(first.event).toBe('status-full');
    const shown = holder.full(first.data);
    expect(shown).toEqual({ kind: 'status', status: tick(0) });
    await vi.waitFor(() => expect(engine.listenerCount('status')).toBe(1));

    for (let n = 1; n <= 4; n++) {
      engine.status = tick(n);
      engine.push('status', engine.status);
      const msg = await next();
      expect(msg.event, `tick ${n}`).toBe('status-delta');
      expect(holder.delta(msg.data), `tick ${n}`).toEqual({ kind: 'status', status: tick(n) });
      // Only what changed: the host, thresholds and alerts do not travel again.
      expect(msg.data, `tick ${n}`).not.toContain('web-1');
      expect(msg.data.length * 3, `tick ${n}`).toBeLessThan(JSON.stringify(tick(n)).length);
    }

    engine.push('event', {
      id: 'e1',
      host: 'local',
      time: 1,
      kind: 'system',
      severity: 'info',
      message: 'Monitoring started',
    });
    expect((await next()).event).toBe('event');
  });

  it('a client joining later starts from the current status and follows the same deltas', async () => {
    const engine = createFakeEngine();
    engine.status = tick(0);
    const url = (await start(engine)).url;
    const a = await follow(url);
    const holderA = createDeltaStatus();
    holderA.full((await a()).data);
    await vi.waitFor(() => expect(engine.listenerCount('status')).toBe(1));
    engine.status = tick(1);
    engine.push('status', engine.status);
    expect(holderA.delta((await a()).data)).toMatchObject({ kind: 'status' });

    const b = await follow(url);
    const holderB = createDeltaStatus();
    expect(holderB.full((await b()).data)).toEqual({ kind: 'status', status: tick(1) });
    engine.status = tick(2);
    engine.push('status', engine.status);
    const [ma, mb] = [await a(), await b()];
    expect(ma.data).toBe(mb.data);
    expect(holderA.delta(ma.data)).toEqual({ kind: 'status', status: tick(2) });
    expect(holderB.delta(mb.data)).toEqual({ kind: 'status', status: tick(2) });
  });

  it('a delta that does not fit the held status asks for a resync', () => {
    const holder = createDeltaStatus();
    holder.full(JSON.stringify({ seq: 5, status: tick(0) }));
    expect(holder.delta(JSON.stringify({ seq: 9, base: 8 }))).toEqual({ kind: 'resync' });
    expect(holder.delta(JSON.stringify({ seq: 6, base: 5 }))).toEqual({ kind: 'resync' });
    expect(holder.delta('not json')).toEqual({ kind: 'ignored' });
  });

  it('refuses an unknown view in words naming the known ones', async () => {
    const url = (await start(createFakeEngine())).url;
    const res = await fetch(`${url}/api/stream?view=deltas`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('view=delta');
  });
});

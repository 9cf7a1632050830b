/**
 * The event stream over real TCP: the current status on connect, pushed status and events,
 * heartbeats, listener clean-up on disconnect and on shutdown, and dropping a client that does
 * not read.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpServer, type HttpServer } from '../../main/adapters/http/server';
import { createFakeEngine, recordingLogger, sampleStatus, type FakeEngine } from './http-fixtures';

interface SseMessage {
  event?: string;
  data?: string;
  comment?: string;
}

/** Reads server-sent events from a fetch body, message by message. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<SseMessage> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const msg: SseMessage = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) msg.comment = line.slice(1).trim();
            else if (line.startsWith('event: ')) msg.event = line.slice(7);
            else if (line.startsWith('data: ')) msg.data = line.slice(6);
          }
          return msg;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    /** Skips retry lines and heartbeats up to the next named event. */
    async nextEvent(): Promise<{ event: string; data: unknown }> {
      for (;;) {
        const m = await this.next();
        if (m.event !== undefined) return { event: m.event, data: JSON.parse(m.data ?? 'null') };
      }
    },
  };
}

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(
  engine: FakeEngine,
  extra: { heartbeatMs?: number; maxStreamBufferBytes?: number } = {},
) {
  const logger = recordingLogger();
  server = await createHttpServer({
    api: engine.api,
    status: () => engine.status,
    host: '127.0.0.1',
    port: 0,
    logger,
    ...extra,
  });
  return { server, logger };
}

describe('GET /api/stream', () => {
  it('sends the status at once, then pushed status and events; cleans up on disconnect', async () => {
    const engine = createFakeEngine();
    const { server } = await start(engine);
    const abort = new AbortController();
    const res = await fetch(`${server.url}/api/stream`, { signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const sse = sseReader(res.body!);

    const first = await sse.nextEvent();
    expect(first.event).toBe('status');
    expect(first.data).toMatchObject({ health: 'warning', host: { hostname: 'web-1' } });
    await vi.waitFor(() => expect(engine.listenerCount('status')).toBe(1));

    engine.push('status', sampleStatus({ health: 'critical' }));
    engine.push('event', {
      id: 'e9',
      host: 'local',
      time: 9,
      kind: 'resolved',
      severity: 'info',
      message: 'Line\nbreak "quoted"',
    });
    expect(await sse.nextEvent()).toMatchObject({ event: 'status', data: { health: 'critical' } });
    expect(await sse.nextEvent()).toEqual({
      event: 'event',
      data: {
        id: 'e9',
        host: 'local',
        time: 9,
        kind: 'resolved',
        severity: 'info',
        message: 'Line\nbreak "quoted"',
      },
    });

    abort.abort();
    await vi.waitFor(() => {
      expect(engine.listenerCount('status')).toBe(0);
      // Events stay followed for the server's life: the replay ring fills while no one listens.
      expect(engine.listenerCount('event')).toBe(1);
    });
  });

  it('serves every client from one engine subscription, held while any client is connected', async () => {
    const engine = createFakeEngine();
    const { server } = await start(engine);
    const aborts = [new AbortController(), new AbortController()];
    const readers = await Promise.all(
      aborts.map(async (a) => {
        const res = await fetch(`${server.url}/api/stream`, { signal: a.signal });
        const sse = sseReader(res.body!);
        await sse.nextEvent(); // the current status
        return sse;
      }),
    );
    expect(engine.listenerCount('status')).toBe(1);
    expect(engine.listenerCount('event')).toBe(1);

    engine.push('status', sampleStatus({ health: 'critical' }));
    for (const sse of readers) {
      expect(await sse.nextEvent()).toMatchObject({
        event: 'status',
        data: { health: 'critical' },
      });
    }

    aborts[0]!.abort();
    engine.push('status', sampleStatus({ health: 'ok' }));
    expect(await readers[1]!.nextEvent()).toMatchObject({ data: { health: 'ok' } });
    expect(engine.listenerCount('status')).toBe(1);
    aborts[1]!.abort();
    await vi.waitFor(() => {
      expect(engine.listenerCount('status')).toBe(0);
      // Events stay followed for the server's life: the replay ring fills while no one listens.
      expect(engine.listenerCount('event')).toBe(1);
    });
  });

  it('sends heartbeat comments', async () => {
    const engine = createFakeEngine();
    const { server } = await start(engine, { heartbeatMs: 20 });
    const abort = new AbortController();
    const res = await fetch(`${server.url}/api/stream`, { signal: abort.signal });
    const sse = sseReader(res.body!);
    let m = await sse.next();
    while (m.comment === undefined) m = await sse.next();
    expect(m.comment).toBe('heartbeat');
    abort.abort();
  });

  it('ends open streams when the server closes', async () => {
    const engine = createFakeEngine();
    const { server: s } = await start(engine);
    const res = await fetch(`${s.url}/api/stream`);
    const sse = sseReader(res.body!);
    await sse.nextEvent();
    await s.close();
    server = undefined;
    await expect(sse.next()).rejects.toThrow('stream ended');
    expect(engine.listenerCount('status')).toBe(0);
    expect(engine.listenerCount('event')).toBe(0);
  });

  it('drops a client that stops reading instead of buffering without bound', async () => {
    const engine = createFakeEngine();
    const { server, logger } = await start(engine, { maxStreamBufferBytes: 64 * 1024 });
    const socket = connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write('GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    // Never read: the kernel buffers fill, then the server's own buffer passes the bound.
    socket.pause();
    await vi.waitFor(() => expect(engine.listenerCount('status')).toBe(1));

    const big = sampleStatus({
      notices: [{ id: 'n', level: 'info', message: 'x'.repeat(256 * 1024), time: 1 }],
    });
    for (let i = 0; i < 400 && engine.listenerCount('status') > 0; i++) {
      engine.push('status', big);
      await new Promise((r) => setImmediate(r));
    }
    expect(engine.listenerCount('status')).toBe(0);
    expect(
      logger.lines.some(
        (l) => l.level === 'warn' && l.message.startsWith('dropping slow event-stream client'),
      ),
    ).toBe(true);
    socket.destroy();
  });
});

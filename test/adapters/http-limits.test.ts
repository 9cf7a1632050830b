/**
 * Request limits over raw sockets on loopback: an oversized upload announced with
 * `Expect: 100-continue` gets its 413 and never a `100 Continue`; a client uploading a large
 * body without asking reads the 413 rather than a reset; slow headers and slow bodies are cut at
 * the documented 30 s bound.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BODY_LIMIT_BYTES,
  createHttpServer,
  type HttpServer,
} from '../../main/adapters/http/server';
import { createFakeEngine, recordingLogger } from './http-fixtures';

let server: HttpServer;
let port: number;

beforeAll(async () => {
  const engine = createFakeEngine();
  server = await createHttpServer({
    api: engine.api,
    status: () => engine.status,
    host: '127.0.0.1',
    port: 0,
    logger: recordingLogger(),
  });
  port = Number(new URL(server.url).port);
});
afterAll(() => server.close());

/** A raw connection that records everything the server sends and when it closes. */
function open(): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const start = Date.now();
    const closed = new Promise<number>((done) =>
      socket.on('close', () => done(Date.now() - start)),
    );
    socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

const head = (length: number, extra = ''): string =>
  `PUT /api/settings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;

describe('HTTP request limits', () => {
  it('refuses an oversized Expect: 100-continue upload with 413, never 100 Continue', async () => {
    const c = await open();
    c.socket.write(head(10 * 1024 * 1024, 'Expect: 100-continue\r\n'));
    await c.closed;
    const text = c.received();
    expect(text).not.toContain('100 Continue');
    expect(text.startsWith('HTTP/1.1 413 ')).toBe(true);
    expect(text).toContain('larger than 256 KB');
  });

  it('still sends 100 Continue for a body within the limit', async () => {
    const c = await open();
    const body = '{}';
    c.socket.write(head(body.length, 'Expect: 100-continue\r\n'));
    await new Promise<void>((r) => {
      const check = () => (c.received().includes('100 Continue') ? r() : setTimeout(check, 20));
      check();
    });
    c.socket.end(body);
    await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 400 /);
  });

  it('a client pushing a large body without asking reads the 413, not a reset', async () => {
    for (let round = 0; round < 5; round++) {
      const c = await open();
      const size = 4 * BODY_LIMIT_BYTES;
      c.socket.write(head(size));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let sent = 0; sent < size && !c.socket.destroyed; sent += chunk.length)
        c.socket.write(chunk);
      await c.closed;
      expect(c.received().startsWith('HTTP/1.1 413 '), `round ${round}`).toBe(true);
    }
  });

  it('cuts a client whose headers never finish at the 30 s bound', async () => {
    const c = await open();
    c.socket.write('GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // Drip one header byte every 2 s: each byte must not extend the deadline.
    const drip = setInterval(() => c.socket.write('X'), 2_000);
    const ms = await c.closed;
    clearInterval(drip);
    expect(ms).toBeLessThan(40_000);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
  }, 60_000);

  it('cuts a client whose body never finishes at the 30 s bound', async () => {
    const c = await open();
    c.socket.write(head(1_000));
    const drip = setInterval(() => c.socket.write(' '), 2_000);
    const ms = await c.closed;
    clearInterval(drip);
    expect(ms).toBeLessThan(40_000);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
  }, 60_000);
});

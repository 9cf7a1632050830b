/**
 * Whole-response gzip over real TCP on 127.0.0.1: /api/status, /api/history and /metrics are
 * compressed when the client accepts gzip, decompress to exactly the plain answer, and stay plain
 * for clients that do not accept it (or refuse it with q=0) and for small answers.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../main/adapters/http/server';
import { MIN_COMPRESS_BYTES } from '../../main/adapters/http/compress';
import type { HistoryResponse } from '../../main/shared/contract';
import { createFakeEngine, recordingLogger, sampleSnapshot, sampleStatus } from './http-fixtures';
import { request } from 'node:http';

interface BinaryResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** GET without any decoding, so the bytes on the wire are what the test sees. */
function get(url: string, headers: Record<string, string> = {}): Promise<BinaryResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

// A week of per-minute points for two series: the size /api/history answers with for a chart.
const WEEK = 7 * 24 * 60;
const history: HistoryResponse = {
  range: '7d',
  resolution: 'minute',
  series: ['cpu.total', 'mem.used_pct'].map((key, k) => ({
    key: key as 'cpu.total',
    t: Array.from({ length: WEEK }, (_, i) => 1_700_000_000_000 + i * 60_000),
    avg: Array.from(
      { length: WEEK },
      (_, i) => Math.round((20 + k * 30 + Math.sin(i / 30) * 10) * 10) / 10,
    ),
  })),
};

let server: HttpServer;

beforeAll(async () => {
  const engine = createFakeEngine();
  const status = sampleStatus({ snapshot: sampleSnapshot() });
  server = await createHttpServer({
    api: {
      ...engine.api,
      getStatus: () => Promise.resolve({ ok: true, value: status }),
      getHistory: () => Promise.resolve({ ok: true, value: history }),
    },
    status: () => status,
    host: '127.0.0.1',
    port: 0,
    logger: recordingLogger(),
  });
});
afterAll(() => server.close());

/**
 * The answer without prom-client's process metrics (CPU seconds, heap, open files), which move
 * between two scrapes; every other line of /metrics, and any JSON answer, is kept as it is.
 */
const stable = (text: string): string =>
  text
    .split('\n')
    .filter((l) => !/^(# (HELP|TYPE) )?(process|nodejs)_/.test(l))
    .join('\n');

describe('gzip of whole answers', () => {
  for (const path of ['/api/status', '/api/history?metric=cpu.total&range=7d', '/metrics']) {
    it(`${path}: gzip when accepted, the same bytes once decompressed`, async () => {
      const plain = await get(`${server.url}${path}`);
      const zipped = await get(`${server.url}${path}`, { 'accept-encoding': 'gzip, deflate' });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(MIN_COMPRESS_BYTES);
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
      expect(zipped.headers['content-type']).toBe(plain.headers['content-type']);
      expect(stable(gunzipSync(zipped.body).toString('utf8'))).toBe(
        stable(plain.body.toString('utf8')),
      );
      expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    });
  }

  it('a week of history shrinks at least fivefold', async () => {
    const plain = await get(`${server.url}/api/history?metric=cpu.total&range=7d`);
    const zipped = await get(`${server.url}/api/history?metric=cpu.total&range=7d`, {
      'accept-encoding': 'gzip',
    });
    expect(zipped.body.length * 5).toBeLessThan(plain.body.length);
  });

  it('stays plain when gzip is refused with q=0 or only another coding is accepted', async () => {
    for (const accept of ['gzip;q=0', 'br', 'identity']) {
      const res = await get(`${server.url}/api/status`, { 'accept-encoding': accept });
      expect(res.headers['content-encoding'], accept).toBeUndefined();
      expect(res.headers.vary, accept).toMatch(/accept-encoding/i);
      expect(JSON.parse(res.body.toString('utf8')), accept).toHaveProperty('hostId');
    }
  });

  it('leaves answers under the minimum size plain', async () => {
    const res = await get(`${server.url}/api/version`, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.body.length).toBeLessThan(MIN_COMPRESS_BYTES);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString('utf8'))).toHaveProperty('version');
  });
});

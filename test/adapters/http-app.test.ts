// The request pipeline on its own (main/adapters/http/app.ts), on a real node:http server:
// routing and HEAD, the query, the JSON body and its limits, failures, streams and the order
// of the steps. The agent's routes on top of it are tested in http-server and the others.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, HttpFailure } from '../../main/adapters/http/app';
import { rawRequest } from './http-request';

const order: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  const app = createHttpApp({
    bodyLimitBytes: 1024,
    malformedUrl: (reply) => void reply.code(400).send({ error: 'malformed' }),
    guard: (request, reply) => {
      order.push(`guard ${request.path}`);
      if (request.headers['x-deny'] !== undefined) reply.code(401).send({ error: 'denied' });
    },
    notFound: (request, reply) => reply.code(404).send({ error: `no ${request.path}` }),
    onError: (err, reply) =>
      void reply
        .code(err instanceof HttpFailure ? err.statusCode : 500)
        .send({ error: err instanceof Error ? err.message : 'unknown' }),
    onSend: [
      (_request, reply) => {
        order.push(`send ${typeof reply.payload}`);
        reply.header('x-step', 'ran');
      },
    ],
  });
  app.route('GET', '/echo', (request, reply) =>
    reply.send({
      query: request.query,
      path: request.path,
      proto: Object.getPrototypeOf(request.query),
    }),
  );
  app.route('POST', '/echo', (request, reply) => reply.send({ body: request.body ?? null }));
  app.route('GET', '/text', (_request, reply) => reply.send('plain words'));
  app.route('GET', '/stream', (_request, reply) =>
    reply.type('text/plain').send(Readable.from(['a', 'b', 'c'])),
  );
  app.route(
    'GET',
    '/nohead',
    (_request, reply) => {
      order.push('nohead route');
      return reply.send('x');
    },
    { head: false },
  );
  app.route('GET', '/throws', () => {
    throw new Error('boom');
  });
  app.route('GET', '/silent', () => undefined);
  app.fallback((request, reply) => reply.send(`file ${request.path}`));
  server = createServer(app.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('the HTTP pipeline', () => {
  it('routes exact paths, decodes the path, keeps repeated and prototype-named parameters', async () => {
    const res = await rawRequest(`${base}/%65cho?a=1&a=2&b=x+y&__proto__=p&constructor=c`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    // An object literal cannot hold an own `__proto__` key; JSON.parse makes one, as the server did.
    expect(res.json).toEqual(
      JSON.parse(
        '{"query":{"a":["1","2"],"b":"x y","__proto__":"p","constructor":"c"},"path":"/echo","proto":null}',
      ),
    );
  });

  it('answers HEAD with the GET headers and no body, unless the route declines HEAD', async () => {
    const get = await rawRequest(`${base}/text`);
    const head = await rawRequest(`${base}/text`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength('plain words')));
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(get.headers['content-type']).toBe('text/plain; charset=utf-8');
    // A route that declines HEAD leaves it to the fallback (the dashboard's files).
    order.length = 0;
    expect((await rawRequest(`${base}/nohead`, { method: 'HEAD' })).status).toBe(200);
    expect(order).not.toContain('nohead route');
    // The fallback takes GET and HEAD only.
    expect((await rawRequest(`${base}/some/file.js`)).text).toBe('file /some/file.js');
    expect((await rawRequest(`${base}/some/file.js`, { method: 'POST' })).status).toBe(404);
  });

  it('refuses a path that cannot be decoded before the guard sees it', async () => {
    order.length = 0;
    const res = await rawRequest(`${base}/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: 'malformed' });
    expect(order).toEqual(['send string']);
  });

  it('runs the guard before the route and the onSend steps on its answer too', async () => {
    order.length = 0;
    const res = await rawRequest(`${base}/echo`, { headers: { 'x-deny': '1' } });
    expect(res.status).toBe(401);
    expect(res.headers['x-step']).toBe('ran');
    // The step saw the JSON text, not the value: a gzip step can work on it.
    expect(order).toEqual(['guard /echo', 'send string']);
  });

  it('parses a JSON body; no body is undefined, an empty one too', async () => {
    const post = (body: string | undefined, headers: Record<string, string>) =>
      rawRequest(`${base}/echo`, { method: 'POST', headers, body });
    expect(
      (await post('{"a":[1]}', { 'content-type': 'application/json; charset=utf-8' })).json,
    ).toEqual({
      body: { a: [1] },
    });
    expect((await post(undefined, {})).json).toEqual({ body: null });
    expect((await post('  ', { 'content-type': 'application/json' })).json).toEqual({ body: null });
  });

  it('refuses another content type, a body without one, malformed JSON and an oversized body', async () => {
    const post = (body: string, headers: Record<string, string>) =>
      rawRequest(`${base}/echo`, { method: 'POST', headers, body });
    expect(
      (await post('a=1', { 'content-type': 'application/x-www-form-urlencoded' })).status,
    ).toBe(415);
    expect((await post('{}', {})).status).toBe(415);
    const bad = await post('{nope', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: string }).error).toMatch(/^Malformed JSON body: /);
    const big = await post(`"${'x'.repeat(2000)}"`, { 'content-type': 'application/json' });
    expect(big.status).toBe(413);
    expect(big.headers.connection).toBe('close');
  });

  it('counts a chunked body as it arrives and stops at the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${base}/echo`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, agent: false },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      // No Content-Length: Node sends it chunked, 600 bytes at a time.
      req.write('"' + 'y'.repeat(600));
      req.write('y'.repeat(600));
      req.end('"');
    });
    expect(status).toBe(413);
  });

  it('turns a throwing handler into the onError answer and a silent one into a 500', async () => {
    const thrown = await rawRequest(`${base}/throws`);
    expect(thrown.status).toBe(500);
    expect(thrown.json).toEqual({ error: 'boom' });
    expect((await rawRequest(`${base}/silent`)).status).toBe(500);
  });

  it('pipes a stream without a length and sends HEAD of it empty', async () => {
    const res = await rawRequest(`${base}/stream`);
    expect(res.text).toBe('abc');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const head = await rawRequest(`${base}/stream`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });
});

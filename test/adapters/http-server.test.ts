/**
 * The HTTP transport over real TCP on 127.0.0.1: every contract route, Result → status mapping,
 * malformed and oversized input, 404/405/415, security headers and the Host-header check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../main/adapters/http/server';
import { CONTENT_SECURITY_POLICY } from '../../main/adapters/http/guard';
import { httpStatusOf } from '../../main/adapters/http/errors';
import { OPERATIONS } from '../../main/shared/contract';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import { createFakeEngine, recordingLogger, type FakeEngine } from './http-fixtures';
import { rawRequest } from './http-request';

let engine: FakeEngine;
let server: HttpServer;

const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

beforeAll(async () => {
  engine = createFakeEngine();
  server = await createHttpServer({
    api: engine.api,
    status: () => engine.status,
    host: '127.0.0.1',
    port: 0,
    logger: recordingLogger(),
  });
});
afterAll(() => server.close());

describe('operation routes', () => {
  it('registers every operation of the contract at its method and path', async () => {
    for (const [name, op] of Object.entries(OPERATIONS)) {
      const res = await rawRequest(`${server.url}${op.path}`, {
        method: op.method,
        ...(op.method === 'GET' ? {} : json({})),
      });
      expect([404, 405], name).not.toContain(res.status);
      expect(res.headers['content-type'], name).toBe('application/json; charset=utf-8');
    }
  });

  it('answers 500 without details when the engine throws, and keeps serving', async () => {
    const logger = recordingLogger();
    const throwing = await createHttpServer({
      api: { ...engine.api, getStatus: () => Promise.reject(new Error('secret internals')) },
      status: () => null,
      host: '127.0.0.1',
      port: 0,
      logger,
    });
    try {
      const res = await rawRequest(`${throwing.url}/api/status`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual({
        error: { code: 'failed', message: 'getStatus failed unexpectedly' },
      });
      expect(logger.lines).toContainEqual({ level: 'error', message: 'operation getStatus threw' });
      expect((await rawRequest(`${throwing.url}/api/events`)).status).toBe(200);
    } finally {
      await throwing.close();
    }
  });

  it('answers GET /api/status with the status', async () => {
    const res = await fetch(`${server.url}${OPERATIONS.getStatus.path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { health: string; host: { hostname: string } };
    expect(body.health).toBe('warning');
    expect(body.host.hostname).toBe('web-1');
  });

  it('rejects parameters on an operation that takes no input', async () => {
    const res = await fetch(`${server.url}/api/status?x=1`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid');
  });

  it('passes the query to GET operations, with list and default parsing', async () => {
    const res = await fetch(`${server.url}/api/history?metric=cpu.total,disk.used_pct%7B%2F%7D`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { range: string; series: { key: string }[] };
    expect(body.range).toBe('1h');
    expect(body.series.map((s) => s.key)).toEqual(['cpu.total', 'disk.used_pct{/}']);

    const events = await fetch(`${server.url}/api/events?limit=1&severity=warning`);
    expect(events.status).toBe(200);
    expect(((await events.json()) as { id: string }[]).map((e) => e.id)).toEqual(['e1']);

    const all = await fetch(`${server.url}/api/events`);
    expect(((await all.json()) as unknown[]).length).toBe(2);
  });

  it('answers 400 with field errors for an invalid query, before the engine is called', async () => {
    const before = engine.calls.length;
    const res = await fetch(`${server.url}/api/history?range=2y`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: { path: string }[] } };
    expect(body.error.code).toBe('invalid');
    expect(body.error.fields.map((f) => f.path).sort()).toEqual(['metric', 'range']);
    expect(engine.calls.length).toBe(before);
  });

  it('maps engine errors to status codes', async () => {
    const notFound = await fetch(`${server.url}/api/history?metric=nope`);
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as { error: { code: string } }).error.code).toBe('not-found');

    const unavailable = await fetch(`${server.url}/api/test-email`, { method: 'POST' });
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toEqual({
      error: { code: 'unavailable', message: 'Email is not set up' },
    });

    expect(
      ['invalid', 'unauthorized', 'not-found', 'unavailable', 'failed'].map((c) =>
        httpStatusOf(c as never),
      ),
    ).toEqual([400, 401, 404, 503, 500]);
  });

  it('accepts a POST without body, or with an empty JSON body, for operations without input', async () => {
    const res = await rawRequest(`${server.url}/api/test-email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '',
    });
    expect(res.status).toBe(503);
  });

  it('saves valid settings, then GET shows them; invalid settings are refused with nothing changed', async () => {
    const changed = {
      ...DEFAULT_SETTINGS,
      general: { ...DEFAULT_SETTINGS.general, displayName: 'Web One' },
    };
    const put = await fetch(`${server.url}/api/settings`, {
      method: 'PUT',
      ...json({ settings: changed, secrets: { smtpPassword: 'pw' } }),
    });
    expect(put.status).toBe(200);
    expect(
      ((await put.json()) as { secrets: { smtpPassword: boolean } }).secrets.smtpPassword,
    ).toBe(true);

    const bad = {
      ...changed,
      general: { ...changed.general, displayName: 'Should not stick' },
      rules: [{ ...DEFAULT_SETTINGS.rules[0]!, warning: 99, critical: 10 }],
    };
    const refused = await fetch(`${server.url}/api/settings`, {
      method: 'PUT',
      ...json({ settings: bad }),
    });
    expect(refused.status).toBe(400);
    const err = (await refused.json()) as {
      error: { code: string; fields: { path: string; message: string }[] };
    };
    expect(err.error.code).toBe('invalid');
    expect(err.error.fields).toContainEqual({
      path: 'settings.rules.0.critical',
      message: 'Critical must be at or above warning',
    });

    const get = await fetch(`${server.url}/api/settings`);
    const view = (await get.json()) as {
      settings: { general: { displayName: string }; rules: unknown[] };
    };
    expect(view.settings.general.displayName).toBe('Web One');
    expect(view.settings.rules).toHaveLength(DEFAULT_SETTINGS.rules.length);
  });

  it('snoozes, sets maintenance and pauses through POST routes', async () => {
    const snooze = await fetch(`${server.url}/api/snooze`, {
      method: 'POST',
      ...json({ ruleId: 'cpu', duration: '1h' }),
    });
    expect(snooze.status).toBe(200);
    expect(await snooze.json()).toEqual({ all: null, rules: { cpu: 3_601_000 } });

    const unknownRule = await fetch(`${server.url}/api/snooze`, {
      method: 'POST',
      ...json({ ruleId: 'zzz', duration: '1h' }),
    });
    expect(unknownRule.status).toBe(404);

    const maint = await fetch(`${server.url}/api/maintenance`, {
      method: 'POST',
      ...json({ minutes: 30 }),
    });
    expect(await maint.json()).toEqual({ maintenanceUntil: 1_801_000 });

    const pause = await fetch(`${server.url}/api/pause`, {
      method: 'POST',
      ...json({ paused: true }),
    });
    expect(await pause.json()).toEqual({ paused: true });
    const status = (await (await fetch(`${server.url}/api/status`)).json()) as {
      paused: boolean;
      maintenanceUntil: number;
    };
    expect(status.paused).toBe(true);
    expect(status.maintenanceUntil).toBe(1_801_000);

    const wrongType = await fetch(`${server.url}/api/pause`, {
      method: 'POST',
      ...json({ paused: 'yes' }),
    });
    expect(wrongType.status).toBe(400);
    expect(
      ((await wrongType.json()) as { error: { fields: { path: string }[] } }).error.fields[0]!.path,
    ).toBe('paused');
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 and a clear message', async () => {
    const res = await rawRequest(`${server.url}/api/pause`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"paused": tru',
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: { code: 'invalid', message: expect.stringMatching(/^Malformed JSON body/) },
    });
  });

  it('answers a non-JSON content type with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await rawRequest(`${server.url}/api/pause`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: 'paused=true',
      });
      expect(res.status).toBe(415);
      expect(res.json).toMatchObject({ error: { code: 'invalid' } });
    }
  });

  it('answers an oversized body with 413', async () => {
    const res = await rawRequest(`${server.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ settings: { padding: 'x'.repeat(300 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({
      error: { code: 'invalid', message: expect.stringContaining('256 KB') },
    });
  });

  it('answers unknown routes with 404 JSON and wrong methods with 405 and Allow', async () => {
    const missing = await rawRequest(`${server.url}/api/nope`);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: { code: 'not-found' } });

    const wrong = await rawRequest(`${server.url}/api/status`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, HEAD');

    const put = await rawRequest(`${server.url}/api/snooze`, { method: 'GET' });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('POST');
  });

  it('answers a malformed URL, oversized headers and a bad query in the same JSON shape', async () => {
    const url = await rawRequest(`${server.url}/api/%zz`);
    expect(url.status).toBe(400);
    expect(url.json).toEqual({ error: { code: 'invalid', message: 'Malformed URL' } });
    const headers = await rawRequest(`${server.url}/api/status`, {
      headers: { 'x-big': 'a'.repeat(20_000) },
    });
    expect(headers.status).toBe(431);
    expect(headers.headers['x-content-type-options']).toBe('nosniff');
    const query = await rawRequest(`${server.url}/api/events?limit=%zz`);
    expect(query.status).toBe(400);
    expect(query.json).toMatchObject({ error: { fields: [{ path: 'limit' }] } });
  });

  it('keeps serving after a burst of garbage', async () => {
    const garbage = ['{', '[1,', '"\\u12"', 'null', '{"settings":null}', '\u0000'];
    const results = await Promise.all(
      garbage.map((body) =>
        rawRequest(`${server.url}/api/settings`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400]);
    expect((await fetch(`${server.url}/api/status`)).status).toBe(200);
  });
});

describe('headers and Host check', () => {
  it('sets the security headers on every response', async () => {
    for (const path of ['/api/status', '/api/nope', '/metrics']) {
      const res = await rawRequest(`${server.url}${path}`);
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('refuses a foreign Host header on loopback (DNS rebinding) and accepts loopback names', async () => {
    const evil = await rawRequest(`${server.url}/api/status`, {
      headers: { host: `evil.example:${server.port}` },
    });
    expect(evil.status).toBe(421);
    expect(evil.json).toMatchObject({ error: { message: expect.stringContaining('localhost') } });
    for (const host of [
      `localhost:${server.port}`,
      `127.0.0.1:${server.port}`,
      `[::1]:${server.port}`,
      'localhost',
    ]) {
      const res = await rawRequest(`${server.url}/api/status`, { headers: { host } });
      expect(res.status, host).toBe(200);
    }
  });

  it('refuses cross-site state changes', async () => {
    const res = await rawRequest(`${server.url}/api/pause`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '{"paused":false}',
    });
    expect(res.status).toBe(403);
    const same = await rawRequest(`${server.url}/api/pause`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: '{"paused":false}',
    });
    expect(same.status).toBe(200);
  });
});

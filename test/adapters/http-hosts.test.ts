/**
 * The host-aware HTTP API over the real engine (fake sampler and clock, real sockets): the fleet,
 * the default and named host, an unknown host, and the `fleet` push on the event stream.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../main/adapters/http/server';
import { cpuSettings, makeEngine, type TestEngine } from '../core/engine-fakes';
import { recordingLogger } from './http-fixtures';
import { rawRequest } from './http-request';

let server: HttpServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(): Promise<{ t: TestEngine; url: string }> {
  const t = await makeEngine(cpuSettings());
  t.sampler.values = { 'cpu.total': 10 };
  await t.run(1);
  server = await createHttpServer({
    api: t.engine.operations,
    status: () => t.engine.currentStatus(),
    host: '127.0.0.1',
    port: 0,
    logger: recordingLogger(),
  });
  return { t, url: server.url };
}

describe('host-aware HTTP API', () => {
  it('lists the local host in GET /api/fleet', async () => {
    const { t, url } = await serve();
    const res = await rawRequest(`${url}/api/fleet`);
    expect(res.status).toBe(200);
    const status = t.engine.currentStatus()!;
    expect(res.json).toEqual({
      hosts: [
        {
          id: 'local',
          name: status.host.displayName,
          kind: 'local',
          health: 'ok',
          lastSeen: status.snapshot!.time,
          alerts: [],
        },
      ],
    });
  });

  it('answers the local host by default and by name', async () => {
    const { url } = await serve();
    const plain = await rawRequest(`${url}/api/status`);
    const named = await rawRequest(`${url}/api/status?host=local`);
    expect(plain.status).toBe(200);
    expect((plain.json as { hostId: string }).hostId).toBe('local');
    expect(named.json).toEqual(plain.json);
    const paused = await rawRequest(`${url}/api/pause`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ host: 'local', paused: true }),
    });
    expect(paused.json).toEqual({ paused: true });
    const events = await rawRequest(`${url}/api/events?host=local&limit=5`);
    expect(events.json).toEqual([
      expect.objectContaining({ kind: 'system', code: 'paused', host: 'local' }),
    ]);
  });

  it('answers 404 in words for a host that is not watched, changing nothing', async () => {
    const { t, url } = await serve();
    for (const res of [
      await rawRequest(`${url}/api/status?host=web09`),
      await rawRequest(`${url}/api/history?host=web09&metric=cpu.total`),
      await rawRequest(`${url}/api/pause`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ host: 'web09', paused: true }),
      }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json).toEqual({
        error: { code: 'not-found', message: 'No host "web09" is watched' },
      });
    }
    expect(t.engine.currentStatus()?.paused).toBe(false);
  });

  it('pushes the fleet on the stream when the local host changes health', async () => {
    const { t, url } = await serve();
    const controller = new AbortController();
    const res = await fetch(`${url}/api/stream`, { signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp): Promise<void> => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}`);
        text += decoder.decode(value);
      }
    };
    await until(/event: status\n/);
    t.sampler.values = { 'cpu.total': 95 };
    await t.run(30);
    await until(/event: fleet\ndata: .*"health":"critical"/);
    const line = /event: fleet\ndata: (.*)\n/.exec(text.slice(text.lastIndexOf('event: fleet')));
    const fleet = JSON.parse(line![1]!) as { hosts: { id: string; health: string }[] };
    expect(fleet.hosts.map((h) => [h.id, h.health])).toEqual([['local', 'critical']]);
    controller.abort();
  });
});

describe('API answers in words (issue 13)', () => {
  it('refuses history of an unknown series, naming it and listing the known ones', async () => {
    const { url } = await serve();
    const res = await rawRequest(`${url}/api/history?metric=cpu.total,cpu.totl,nope&range=5m`);
    expect(res.status).toBe(400);
    const { error } = res.json as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid');
    expect(error.message).toBe('Unknown series "cpu.totl", "nope"; known series are cpu.total');
    const good = await rawRequest(`${url}/api/history?metric=cpu.total&range=5m`);
    expect(good.status).toBe(200);
  });

  it("refuses a check's phase or status code every time, in words: they are current values only", async () => {
    const { t, url } = await serve();
    // The latest run reached TLS, so the phase is in the snapshot, but history does not keep it.
    t.sampler.values = { 'cpu.total': 10, 'check.up{shop}': 1, 'check.tls_ms{shop}': 9 };
    await t.run(2);
    const res = await rawRequest(
      `${url}/api/history?metric=check.up{shop},check.tls_ms{shop},check.status_code{shop}&range=5m`,
    );
    expect(res.status).toBe(400);
    const { error } = res.json as { error: { code: string; message: string } };
    expect(error.message).toBe(
      '"check.tls_ms{shop}", "check.status_code{shop}" are current values only (in /api/status ' +
        'and /metrics); the history of a check keeps check.up, check.response_ms, ' +
        'check.cert_days, check.fail_streak',
    );
    // Nor are they listed among the known series.
    const unknown = await rawRequest(`${url}/api/history?metric=nope&range=5m`);
    expect((unknown.json as { error: { message: string } }).error.message).toBe(
      'Unknown series "nope"; known series are check.up{shop}, cpu.total',
    );
    const good = await rawRequest(`${url}/api/history?metric=check.up{shop}&range=5m`);
    expect(good.status).toBe(200);
  });

  it('refuses to snooze a rule that does not exist, naming the rules', async () => {
    const { t, url } = await serve();
    const post = (body: unknown) =>
      rawRequest(`${url}/api/snooze`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const res = await post({ ruleId: 'cpuu', duration: '1h' });
    expect(res.status).toBe(400);
    const ids = t.engine.ruleIds().join(', ');
    expect((res.json as { error: { message: string } }).error.message).toBe(
      `No rule "cpuu"; the rules are ${ids}`,
    );
    expect(t.engine.currentStatus()?.snooze.rules).toEqual({});
    expect((await post({ ruleId: 'cpu', duration: '1h' })).status).toBe(200);
  });

  it('takes {} or nothing for operations without input, and refuses extras in plain words', async () => {
    const { url } = await serve();
    const post = (body?: string) =>
      rawRequest(`${url}/api/test-email`, {
        method: 'POST',
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body }),
      });
    expect((await post()).status).toBe(200);
    expect((await post('{}')).status).toBe(200);
    const extra = await post('{"to":"x@example.com"}');
    expect(extra.status).toBe(400);
    const message = (extra.json as { error: { message: string } }).error.message;
    // The test email concerns a host (default this one): "host" is all it takes.
    expect(message).toContain('Unexpected field "to": this operation takes only "host"');
    expect(message).not.toMatch(/expected undefined|received object/);
    const query = await rawRequest(`${url}/api/status?foo=1`);
    expect(query.status).toBe(400);
    expect((query.json as { error: { message: string } }).error.message).toContain(
      'Unexpected field "foo": this operation takes only "host"',
    );
    expect((await rawRequest(`${url}/api/fleet`)).status).toBe(200);
    const fleetExtra = await rawRequest(`${url}/api/fleet?foo=1`);
    expect(fleetExtra.status).toBe(400);
    expect((fleetExtra.json as { error: { message: string } }).error.message).toContain(
      'Unexpected field "foo": this operation takes no input',
    );
  });
});

/**
 * The `runCheck` operation over HTTP (POST /api/checks/run) on a real agent against real local
 * servers: a saved check by id (its run is recorded in status), unsaved checks tried before
 * saving (valid certificate through the check's CA file, an expired one, a wrong host, a closed
 * port), and bad input refused with field errors in words.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckRunAnswer, Status } from '../../main/shared/contract';
import { checkCerts } from '../fixtures/checks/certs';
import { closeAll, closedPort, httpsServer } from '../fixtures/checks/servers';
import { eventually, getJson, startAgent, type AgentProcess } from './agent-process';

let agent: AgentProcess | undefined;

afterEach(async () => {
  await agent?.stop('SIGKILL');
  agent = undefined;
  await closeAll();
});

const run = async (body: unknown): Promise<{ status: number; body: CheckRunAnswer }> => {
  const res = await fetch(`${agent!.url}/api/checks/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as CheckRunAnswer };
};

interface ErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

describe('runCheck over HTTP', () => {
  it('runs a saved check by id and records it; tries unsaved checks and says the result in words', async () => {
    const certs = await checkCerts();
    const good = await httpsServer(certs.fiveDays, (_req, res) => res.end('hello shop'));
    const expired = await httpsServer(certs.expired, (_req, res) => res.end('old'));
    const wrongHost = await httpsServer(certs.wrongHost, (_req, res) => res.end('elsewhere'));
    const closed = await closedPort();
    agent = await startAgent({
      args: ['--host', '127.0.0.2', '--check', `https://127.0.0.1:${good}/`],
      env: { NODE_EXTRA_CA_CERTS: certs.caFile },
    });
    const id = `127-0-0-1-${good}`;

    // A saved check, by id: the answer is the run, and status shows the same run.
    const saved = await run({ id });
    expect(saved.status).toBe(200);
    const r = saved.body.result;
    expect(r).toMatchObject({ checkId: id, up: true, failure: null, status: 200 });
    expect(r.phases.dns).toBeNull(); // an IP address needs no lookup
    expect(r.phases.connect).not.toBeNull();
    expect(r.phases.tls).not.toBeNull();
    expect(r.phases.firstByte).not.toBeNull();
    expect(r.cert!.daysLeft).toBeGreaterThan(4.9);
    expect(r.cert!.daysLeft).toBeLessThan(5.1);
    expect(r.cert!.issuer).toContain('Hostwatch Test CA');
    expect(r.cert!.notAfter).toBe(Math.floor(certs.fiveDays.notAfter.getTime() / 1000) * 1000);
    expect(saved.body.summary).toMatch(
      /^Up in \d+ ms \(connect \d+ ms, TLS \d+ ms, first byte \d+ ms\); HTTP status 200; certificate /,
    );
    expect(saved.body.summary).toContain(
      `valid until ${certs.fiveDays.notAfter.toISOString().slice(0, 10)} (4 day(s) left)`,
    );
    // The scheduler's own first run comes at a random moment in the first 10 s and may land
    // right after this one: then status shows the later run, with both counted in the streak.
    await eventually(async () => {
      const { body } = await getJson<Status>(`${agent!.url}/api/status`);
      const c = body.checks?.find((x) => x.id === id);
      if (!c?.last) return false;
      return c.last.at === r.at || (c.last.at > r.at && c.failStreak <= -2);
    }, 'the saved run in status');

    // An unsaved check trusting the test CA through its own CA option.
    const tried = await run({
      check: {
        id: 'draft',
        name: 'Draft',
        kind: 'http',
        url: `https://localhost:${good}/`,
        caFile: certs.caFile,
        keyword: 'hello',
      },
    });
    expect(tried.status).toBe(200);
    expect(tried.body.result).toMatchObject({ checkId: 'draft', up: true, status: 200 });
    expect(tried.body.result.phases.dns).not.toBeNull();
    expect(tried.body.summary).toMatch(/^Up in \d+ ms \(DNS \d+ ms, connect /);

    const exp = await run({
      check: { id: 'old', name: 'Old', kind: 'http', url: `https://localhost:${expired}/` },
    });
    expect(exp.status).toBe(200);
    expect(exp.body.result.up).toBe(false);
    expect(exp.body.result.failure).toMatchObject({ kind: 'tls-expired' });
    expect(exp.body.result.cert!.daysLeft).toBeLessThan(0);
    expect(exp.body.summary).toMatch(/^Down: TLS: the certificate expired on \d{4}-\d\d-\d\d/);
    expect(exp.body.summary).toContain('expired 1 day(s) ago');

    const wrong = await run({
      check: { id: 'wrong', name: 'Wrong', kind: 'tls', address: `localhost:${wrongHost}` },
    });
    expect(wrong.body.result.failure).toMatchObject({
      kind: 'tls-hostname-mismatch',
      host: 'localhost',
    });
    expect(wrong.body.summary).toContain('Down: TLS: the certificate is not valid for localhost');

    const refused = await run({
      check: { id: 'shut', name: 'Shut', kind: 'tcp', address: `127.0.0.1:${closed}` },
    });
    expect(refused.body.result.failure).toMatchObject({ kind: 'connection-refused', port: closed });
    expect(refused.body.summary).toMatch(/^Down: Connection refused by 127\.0\.0\.1 port \d+/);
  }, 90_000);

  it('refuses bad input with field errors in words and an unknown id with not-found', async () => {
    agent = await startAgent({ args: ['--host', '127.0.0.3'] });

    const scheme = await run({
      check: { id: 'x', name: 'X', kind: 'http', url: 'file:///etc/passwd' },
    });
    expect(scheme.status).toBe(400);
    const fields = (scheme.body as unknown as ErrorBody).error.fields!;
    expect(fields).toContainEqual({
      path: 'check.url',
      message: 'The file: scheme is not supported; use http, https, tcp or tls',
    });

    const interval = await run({
      check: { id: 'x', name: 'X', kind: 'tcp', address: 'example.com:443', intervalSeconds: 5 },
    });
    expect(interval.status).toBe(400);
    expect((interval.body as unknown as ErrorBody).error.fields).toContainEqual({
      path: 'check.intervalSeconds',
      message: 'Run a check at most every 10 seconds',
    });

    const both = await run({ id: 'x', check: { id: 'x', name: 'X', kind: 'tcp', address: 'a:1' } });
    expect(both.status).toBe(400);
    expect((both.body as unknown as ErrorBody).error.message).toContain('Send either "id"');

    const unknown = await run({ id: 'no-such-check' });
    expect(unknown.status).toBe(404);
    expect((unknown.body as unknown as ErrorBody).error.message).toBe(
      'No saved check "no-such-check"; save the check first or send it as "check"',
    );
  }, 60_000);
});

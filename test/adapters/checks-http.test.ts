/**
 * http checks against real servers on 127.0.0.1: status, keyword, redirects (loop, too many,
 * another scheme), a server that never answers, one that trickles, a huge body, and the
 * https certificate cases through the check's CA option.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../main/adapters/checks/run';
import { describeCheckFailure } from '../../main/shared/check-words';
import { checkSchema, type CheckInput } from '../../main/shared/checks';
import { checkCerts, type CheckCerts } from '../fixtures/checks/certs';
import { closeAll, httpServer, httpsServer, silentServer } from '../fixtures/checks/servers';

let certs: CheckCerts;
beforeAll(async () => {
  certs = await checkCerts();
});
afterEach(closeAll);

const DAY = 86_400_000;

function http(url: string, over: Partial<CheckInput> = {}) {
  return checkSchema.parse({ id: 't', name: 't', kind: 'http', url, timeoutSeconds: 2, ...over });
}

const ok = (body: string) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/html' }).end(body);
};

describe('http check', () => {
  it('is up on a 200 and times every phase it went through', async () => {
    const port = await httpServer(ok('<h1>hello</h1>'));
    const r = await runCheck(http(`http://localhost:${port}/`));
    expect(r.failure).toBeNull();
    expect(r.up).toBe(true);
    expect(r.status).toBe(200);
    expect(r.cert).toBeNull();
    expect(r.phases.dns).toBeGreaterThanOrEqual(0);
    expect(r.phases.connect).toBeGreaterThanOrEqual(0);
    expect(r.phases.tls).toBeNull();
    expect(r.phases.firstByte).toBeGreaterThanOrEqual(0);
    expect(r.phases.total).toBeGreaterThanOrEqual(r.phases.firstByte!);
  });

  it('fails with the status on a 500, and accepts it when 500 is in the accepted ranges', async () => {
    const port = await httpServer((_q, res) => res.writeHead(500).end('boom'));
    const r = await runCheck(http(`http://127.0.0.1:${port}/`));
    expect(r.up).toBe(false);
    expect(r.failure).toEqual({ kind: 'http-status', status: 500 });
    expect(r.status).toBe(500);
    expect(describeCheckFailure(r.failure!)).toBe('HTTP status 500');
    const accepted = await runCheck(
      http(`http://127.0.0.1:${port}/`, { acceptedStatus: [{ from: 500, to: 503 }] }),
    );
    expect(accepted.up).toBe(true);
  });

  it('finds a keyword, reports it missing, and reports an unwanted one present', async () => {
    const port = await httpServer(ok('<p>status: all systems operational</p>'));
    const url = `http://127.0.0.1:${port}/`;
    expect((await runCheck(http(url, { keyword: 'operational' }))).up).toBe(true);
    expect((await runCheck(http(url, { keyword: 'Database error' }))).failure).toEqual({
      kind: 'keyword-missing',
      keyword: 'Database error',
    });
    expect(
      (await runCheck(http(url, { keyword: 'operational', keywordMode: 'absent' }))).failure,
    ).toEqual({ kind: 'keyword-present', keyword: 'operational' });
  });

  it('sends the configured header, replacing Host', async () => {
    let seen: string | undefined;
    const port = await httpServer((req, res) => {
      seen = req.headers.host;
      res.end('ok');
    });
    const r = await runCheck(
      http(`http://127.0.0.1:${port}/`, { header: { name: 'Host', value: 'shop.example.com' } }),
    );
    expect(r.up).toBe(true);
    expect(seen).toBe('shop.example.com');
  });

  it('follows redirects and counts them', async () => {
    const port = await httpServer((req, res) => {
      if (req.url === '/a') res.writeHead(302, { location: '/b' }).end();
      else if (req.url === '/b')
        res.writeHead(301, { location: `http://127.0.0.1:${port}/c` }).end();
      else res.end('landed');
    });
    const r = await runCheck(http(`http://127.0.0.1:${port}/a`, { keyword: 'landed' }));
    expect(r.failure).toBeNull();
    expect(r.redirects).toBe(2);
  });

  it('detects a redirect loop', async () => {
    const port = await httpServer((req, res) => {
      res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' }).end();
    });
    const r = await runCheck(http(`http://127.0.0.1:${port}/a`));
    expect(r.failure).toEqual({ kind: 'redirect-loop' });
    expect(r.status).toBe(302);
  });

  it('stops after maxRedirects', async () => {
    const port = await httpServer((req, res) => {
      const n = Number(req.url!.slice(1));
      res.writeHead(307, { location: `/${n + 1}` }).end();
    });
    const r = await runCheck(http(`http://127.0.0.1:${port}/0`, { maxRedirects: 3 }));
    expect(r.failure).toEqual({ kind: 'too-many-redirects', max: 3 });
    expect(r.redirects).toBe(3);
  });

  it('refuses a redirect to another scheme and one without a Location', async () => {
    const port = await httpServer((req, res) => {
      if (req.url === '/ftp') res.writeHead(302, { location: 'ftp://127.0.0.1/file' }).end();
      else if (req.url === '/file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      else res.writeHead(302).end();
    });
    const base = `http://127.0.0.1:${port}`;
    expect((await runCheck(http(`${base}/ftp`))).failure).toEqual({
      kind: 'redirect-refused',
      scheme: 'ftp',
    });
    expect((await runCheck(http(`${base}/file`))).failure).toEqual({
      kind: 'redirect-refused',
      scheme: 'file',
    });
    expect((await runCheck(http(`${base}/none`))).failure).toEqual({
      kind: 'redirect-refused',
      scheme: '',
    });
  });

  it('times out waiting for the first byte when the server never answers', async () => {
    const port = await silentServer();
    const r = await runCheck(http(`http://127.0.0.1:${port}/`, { timeoutSeconds: 1 }));
    expect(r.failure).toEqual({ kind: 'timeout', phase: 'first-byte', afterMs: 1000 });
    expect(r.phases.total).toBeLessThan(5000);
    expect(describeCheckFailure(r.failure!)).toBe(
      'Timed out after 1 s during waiting for the first byte',
    );
  });

  it('times out reading the body when the server trickles bytes forever', async () => {
    const timers: NodeJS.Timeout[] = [];
    const port = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      timers.push(setInterval(() => res.write('.'), 50));
      res.on('close', () => timers.forEach(clearInterval));
    });
    const r = await runCheck(http(`http://127.0.0.1:${port}/`, { timeoutSeconds: 1 }));
    timers.forEach(clearInterval);
    expect(r.failure).toEqual({ kind: 'timeout', phase: 'body', afterMs: 1000 });
    expect(r.status).toBe(200);
  });

  it('cuts off a 5 GB body at the read limit, declared or streamed', async () => {
    let sent = 0;
    const port = await httpServer((req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      if (req.url === '/declared') res.writeHead(200, { 'content-length': String(5 * 1024 ** 3) });
      else res.writeHead(200); // chunked, no length
      const pump = (): void => {
        while (!res.destroyed && sent < 5 * 1024 ** 3 && res.write(chunk)) sent += chunk.length;
      };
      res.on('drain', pump);
      pump();
    });
    const declared = await runCheck(
      http(`http://127.0.0.1:${port}/declared`, { bodyLimitBytes: 65_536 }),
    );
    expect(declared.failure).toEqual({ kind: 'body-too-large', limitBytes: 65_536 });
    sent = 0;
    const streamed = await runCheck(
      http(`http://127.0.0.1:${port}/stream`, { bodyLimitBytes: 1024 * 1024, keyword: 'zzz' }),
    );
    expect(streamed.failure).toEqual({ kind: 'body-too-large', limitBytes: 1024 * 1024 });
    // Bounded cost: the server got far less than the 5 GB onto the wire.
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('HEAD reads no body', async () => {
    let method = '';
    const port = await httpServer((req, res) => {
      method = req.method!;
      res.writeHead(200, { 'content-length': String(5 * 1024 ** 3) }).end();
    });
    const r = await runCheck(http(`http://127.0.0.1:${port}/`, { method: 'HEAD' }));
    expect(method).toBe('HEAD');
    expect(r.up).toBe(true);
  });
});

describe('https check', () => {
  it('trusts the test CA given as caFile and reports the certificate expiring in 5 days', async () => {
    const port = await httpsServer(certs.fiveDays, ok('secure'));
    const r = await runCheck(
      http(`https://localhost:${port}/`, { caFile: certs.caFile, keyword: 'secure' }),
    );
    expect(r.failure).toBeNull();
    expect(r.phases.tls).toBeGreaterThanOrEqual(0);
    expect(r.cert).not.toBeNull();
    expect(r.cert!.daysLeft).toBeGreaterThan(4.9);
    expect(r.cert!.daysLeft).toBeLessThanOrEqual(5);
    expect(r.cert!.subject).toContain('CN=localhost');
    expect(r.cert!.issuer).toContain('CN=Hostwatch Test CA');
    // X.509 dates have whole seconds.
    expect(Math.abs(r.cert!.notAfter - certs.fiveDays.notAfter.getTime())).toBeLessThan(1000);
  });

  it('calls a certificate from an unknown CA untrusted, and a self-signed one self-signed', async () => {
    const port = await httpsServer(certs.fiveDays, ok('x'));
    const r = await runCheck(http(`https://localhost:${port}/`));
    expect(r.failure).toEqual({ kind: 'tls-untrusted', reason: 'unknown-issuer' });
    expect(r.cert!.daysLeft).toBeGreaterThan(4.9);
    const selfPort = await httpsServer(certs.selfSigned, ok('x'));
    const s = await runCheck(http(`https://localhost:${selfPort}/`));
    expect(s.failure).toEqual({ kind: 'tls-untrusted', reason: 'self-signed' });
  });

  it('reports an expired certificate with its date, and its expiry even when accepted', async () => {
    const port = await httpsServer(certs.expired, ok('x'));
    const url = `https://localhost:${port}/`;
    const r = await runCheck(http(url, { caFile: certs.caFile }));
    expect(r.failure?.kind).toBe('tls-expired');
    expect(r.cert!.daysLeft).toBeLessThan(0);
    expect(describeCheckFailure(r.failure!)).toBe(
      `TLS: the certificate expired on ${certs.expired.notAfter.toISOString().slice(0, 10)}`,
    );
    const accepted = await runCheck(http(url, { acceptInvalidCert: true }));
    expect(accepted.up).toBe(true);
    expect(accepted.cert!.daysLeft).toBeLessThan(0);
    expect(accepted.cert!.daysLeft).toBeGreaterThan(-1.1);
  });

  it('reports a certificate for another host as a hostname mismatch', async () => {
    const port = await httpsServer(certs.wrongHost, ok('x'));
    const r = await runCheck(http(`https://localhost:${port}/`, { caFile: certs.caFile }));
    expect(r.failure).toEqual({ kind: 'tls-hostname-mismatch', host: 'localhost' });
    expect(r.cert!.subject).toContain('wrong.example');
  });

  it('checks the certificate against an IP address host too', async () => {
    const port = await httpsServer(certs.fiveDays, ok('x'));
    const r = await runCheck(http(`https://127.0.0.1:${port}/`, { caFile: certs.caFile }));
    expect(r.failure).toBeNull();
  });

  it('reports an unreadable CA file in words', async () => {
    const port = await httpsServer(certs.fiveDays, ok('x'));
    const r = await runCheck(
      http(`https://localhost:${port}/`, { caFile: '/nonexistent/hostwatch-ca.pem' }),
    );
    expect(r.failure).toEqual({ kind: 'ca-file', path: '/nonexistent/hostwatch-ca.pem' });
  });

  it('times out in the TLS phase when the server never answers the handshake', async () => {
    const port = await silentServer();
    const r = await runCheck(http(`https://127.0.0.1:${port}/`, { timeoutSeconds: 1 }));
    expect(r.failure).toEqual({ kind: 'timeout', phase: 'tls', afterMs: 1000 });
    expect(r.cert).toBeNull();
  });

  it('reports an expiring certificate when the https page then fails on status', async () => {
    const port = await httpsServer(certs.fiveDays, (_q, res) => res.writeHead(503).end());
    const r = await runCheck(http(`https://localhost:${port}/`, { caFile: certs.caFile }));
    expect(r.failure).toEqual({ kind: 'http-status', status: 503 });
    expect(r.cert!.daysLeft).toBeGreaterThan(4.9);
    expect(Date.now() + 5 * DAY - r.cert!.notAfter).toBeLessThan(60_000);
  });
});

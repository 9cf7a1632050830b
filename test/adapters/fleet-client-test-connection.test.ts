/**
 * testConnection and fetchJson against real servers on loopback: the real agent HTTP server over
 * TLS, a TLS server that records what it receives (a wrong pin never sends the token), and
 * servers that refuse, stay silent, are not Hostwatch, are too old or answer garbage.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchJson, testConnection } from '../../main/adapters/fleet/remote-client';
import { probeAgent } from '../../main/adapters/fleet/probe';
import {
  closeAll,
  httpsServer,
  listen,
  makeCert,
  portOf,
  recordingTlsServer,
  startTlsAgent,
  target,
  type Cert,
} from '../fixtures/tls/servers';

let certA: Cert;
let certB: Cert;
beforeAll(async () => {
  [certA, certB] = await Promise.all([makeCert(), makeCert()]);
});
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
const quick = {
  timeouts: { connectMs: 1_000, tlsMs: 1_000 },
  responseMs: 1_000,
  bodyIdleMs: 1_000,
};

describe('testConnection', () => {
  it('connects to the agent with the right pin and token', async () => {
    const { server, token } = await startTlsAgent(certA);
    cleanups.push(() => server.close());
    const result = await testConnection(
      target(`https://:${token}@127.0.0.1:${server.port}#sha256=${certA.fingerprint}`),
    );
    expect(result).toMatchObject({
      ok: true,
      code: 'ok',
      identity: { product: 'hostwatch', version: '9.9.9' },
    });
    expect(result.message).toContain(certA.fingerprint);
  });

  it('refuses a wrong pin before sending anything: the server never sees the token', async () => {
    const rec = await recordingTlsServer(certA);
    cleanups.push(rec.close);
    const result = await testConnection(
      target(`https://:secret-token@127.0.0.1:${rec.port}#sha256=${certB.fingerprint}`),
      quick,
    );
    expect(result).toMatchObject({
      ok: false,
      code: 'fingerprint-mismatch',
      expected: certB.fingerprint,
      actual: certA.fingerprint,
    });
    expect(result.message).toContain(certA.fingerprint);
    expect(result.message).toContain(certB.fingerprint);
    // The client reached the server and saw its certificate; not one byte of request came in.
    await new Promise((r) => setTimeout(r, 200));
    expect(rec.connections()).toBe(1);
    expect(rec.text()).toBe('');
  });

  it('sends the token to the same recording server when the pin is right (the recorder works)', async () => {
    const rec = await recordingTlsServer(certA);
    cleanups.push(rec.close);
    const result = await testConnection(
      target(`https://:secret-token@127.0.0.1:${rec.port}#sha256=${certA.fingerprint}`),
      { ...quick, responseMs: 300 },
    );
    expect(result).toMatchObject({ ok: false, code: 'timeout', phase: 'response' });
    expect(rec.text()).toMatch(/authorization: Bearer secret-token/i);
  });

  it('says the token is wrong', async () => {
    const { server } = await startTlsAgent(certA);
    cleanups.push(() => server.close());
    const result = await testConnection(
      target(`https://:nope@127.0.0.1:${server.port}#sha256=${certA.fingerprint}`),
    );
    expect(result).toMatchObject({ ok: false, code: 'wrong-token', status: 401 });
  });

  it('says a plain web server is not Hostwatch (plain http on loopback, and https to it)', async () => {
    const web = await listen(
      createHttpServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>hi</h1>'),
      ),
    );
    cleanups.push(() => new Promise((r) => web.close(r)));
    const plain = await testConnection(target(`http://127.0.0.1:${portOf(web)}`), quick);
    expect(plain).toMatchObject({ ok: false, code: 'not-hostwatch' });
    expect(plain.message).toContain('text/html');
    const tls = await testConnection(
      target(`https://:t@127.0.0.1:${portOf(web)}#sha256=${certA.fingerprint}`),
      quick,
    );
    expect(tls).toMatchObject({ ok: false, code: 'not-tls' });
  });

  it('says an HTTPS server with another 401 and a JSON server of another kind are not Hostwatch', async () => {
    const other = await httpsServer(certA, (req, res) => {
      if (req.url === '/api/version')
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"name":"other"}');
      else res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end();
    });
    cleanups.push(other.close);
    const result = await testConnection(
      target(`https://:t@127.0.0.1:${other.port}#sha256=${certA.fingerprint}`),
      quick,
    );
    expect(result).toMatchObject({ ok: false, code: 'not-hostwatch' });
  });

  it('says an agent without the identity route, or of an old protocol, is too old', async () => {
    let protocol: number | null = null;
    const old = await httpsServer(certA, (req, res) => {
      if (req.url === '/api/version' && protocol !== null) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ product: 'hostwatch', protocol, version: '0.0.1' }));
      }
      if (req.url === '/api/status') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ health: 'ok', host: { hostname: 'x' } }));
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no route"}');
    });
    cleanups.push(old.close);
    const t = target(`https://:t@127.0.0.1:${old.port}#sha256=${certA.fingerprint}`);
    expect(await testConnection(t, quick)).toMatchObject({ ok: false, code: 'version-too-old' });
    protocol = 1;
    const r = await testConnection(t, quick);
    expect(r).toMatchObject({ ok: false, code: 'version-too-old' });
    expect(r.message).toContain('protocol 1');
  });

  it('reports a server that accepts TCP and never answers as a timeout, naming the phase', async () => {
    const sockets = new Set<Socket>();
    const silent = await listen(createNetServer((s) => void sockets.add(s)));
    cleanups.push(() => closeAll(silent, sockets));
    const tls = await testConnection(
      target(`https://:t@127.0.0.1:${portOf(silent)}#sha256=${certA.fingerprint}`),
      quick,
    );
    expect(tls).toMatchObject({ ok: false, code: 'timeout', phase: 'tls' });
    const plain = await testConnection(target(`http://127.0.0.1:${portOf(silent)}`), quick);
    expect(plain).toMatchObject({ ok: false, code: 'timeout', phase: 'response' });
  });

  it('reports a closed port as refused', async () => {
    const s = await listen(createNetServer());
    const port = portOf(s);
    await new Promise((r) => s.close(r));
    const result = await testConnection(
      target(`https://:t@127.0.0.1:${port}#sha256=${certA.fingerprint}`),
      quick,
    );
    expect(result).toMatchObject({ ok: false, code: 'refused' });
    expect(result.message).toContain(`127.0.0.1:${port}`);
  });

  it('reports a name that does not resolve as DNS', async () => {
    const result = await testConnection(
      target(`https://:t@x.invalid:9477#sha256=${certA.fingerprint}`),
      quick,
    );
    expect(result).toMatchObject({ ok: false, code: 'dns' });
    expect(result.message).toContain('x.invalid');
  });

  it('refuses an unpinned self-signed certificate even when trusting the system CAs', async () => {
    const { server, token } = await startTlsAgent(certA);
    cleanups.push(() => server.close());
    const result = await testConnection(
      target(`https://:${token}@127.0.0.1:${server.port}#trust=system-ca`),
      quick,
    );
    expect(result).toMatchObject({
      ok: false,
      code: 'untrusted-certificate',
      actual: certA.fingerprint,
    });
  });
});

describe('fetchJson', () => {
  it('gets the status from the agent', async () => {
    const { server, token } = await startTlsAgent(certA);
    cleanups.push(() => server.close());
    const result = await fetchJson(
      target(`https://:${token}@127.0.0.1:${server.port}#sha256=${certA.fingerprint}`),
      '/api/status',
    );
    expect(result).toMatchObject({ ok: true, status: 200, body: { health: 'warning' } });
  });

  it('drops malformed and oversized JSON with a clear word', async () => {
    const bad = await httpsServer(certA, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/huge') {
        // 8 MiB, streamed: the client must stop at its limit rather than buffer it all.
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let n = 0;
        const pump = () => {
          while (n < 128 && res.write(chunk)) n++;
          if (n < 128) res.once('drain', pump);
          else res.end();
        };
        res.on('error', () => undefined);
        return pump();
      }
      res.end('{"health": ');
    });
    cleanups.push(bad.close);
    const t = target(`https://:t@127.0.0.1:${bad.port}#sha256=${certA.fingerprint}`);
    expect(await fetchJson(t, '/x', quick)).toMatchObject({ ok: false, code: 'malformed' });
    expect(await fetchJson(t, '/huge', { ...quick, maxBytes: 256 * 1024 })).toMatchObject({
      ok: false,
      code: 'too-large',
    });
  });
});

// The engine's probe port (Settings → Servers "Test connection"): the same checks, in the
// contract's words, plus who answered.
describe('probeAgent', () => {
  it('says connected with the host name, version and fingerprint seen', async () => {
    const { server, token } = await startTlsAgent(certA);
    cleanups.push(() => server.close());
    const result = await probeAgent(
      target(`https://:${token}@127.0.0.1:${server.port}#sha256=${certA.fingerprint}`),
    );
    expect(result).toEqual({
      connected: true,
      code: 'ok',
      message: expect.stringContaining('host web-1') as string,
      hostName: 'web-1',
      version: '9.9.9',
      protocol: expect.any(Number) as number,
      fingerprintSeen: certA.fingerprint,
    });
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('gives both fingerprints on a mismatch, and the one seen on first use', async () => {
    const rec = await recordingTlsServer(certA);
    cleanups.push(rec.close);
    const mismatch = await probeAgent(
      target(`https://:secret-token@127.0.0.1:${rec.port}#sha256=${certB.fingerprint}`),
      quick,
    );
    expect(mismatch).toMatchObject({
      connected: false,
      code: 'fingerprint-mismatch',
      fingerprintSeen: certA.fingerprint,
      fingerprintExpected: certB.fingerprint,
    });
    const unpinned = await probeAgent(
      {
        ...target(`https://:secret-token@127.0.0.1:${rec.port}#sha256=${certB.fingerprint}`),
        fingerprint: null,
      },
      quick,
    );
    expect(unpinned).toMatchObject({
      connected: false,
      code: 'untrusted-certificate',
      fingerprintSeen: certA.fingerprint,
    });
    expect(rec.text()).toBe('');
  });

  it('names the wrong token and the phase of a timeout', async () => {
    const { server } = await startTlsAgent(certA);
    cleanups.push(() => server.close());
    const wrong = await probeAgent(
      target(`https://:nope@127.0.0.1:${server.port}#sha256=${certA.fingerprint}`),
    );
    expect(wrong).toMatchObject({ connected: false, code: 'wrong-token' });
    const rec = await recordingTlsServer(certA);
    cleanups.push(rec.close);
    const slow = await probeAgent(
      target(`https://:secret-token@127.0.0.1:${rec.port}#sha256=${certA.fingerprint}`),
      { ...quick, responseMs: 300 },
    );
    expect(slow).toMatchObject({ connected: false, code: 'timeout', phase: 'response' });
  });
});

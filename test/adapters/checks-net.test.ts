/**
 * tcp and tls checks, name resolution and address rules against real loopback endpoints: a
 * closed port, a name under .invalid, IPv6 only, link-local and metadata targets (refused
 * before any packet leaves), and the test CA trusted through NODE_EXTRA_CA_CERTS in a child.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateTarget } from '../../main/adapters/checks/address';
import { runCheck } from '../../main/adapters/checks/run';
import { checkSchema, type CheckInput } from '../../main/shared/checks';
import { checkCerts, type CheckCerts } from '../fixtures/checks/certs';
import {
  closeAll,
  closedPort,
  httpServer,
  httpsServer,
  silentServer,
} from '../fixtures/checks/servers';

let certs: CheckCerts;
beforeAll(async () => {
  certs = await checkCerts();
});
afterEach(closeAll);

function check(over: CheckInput | Partial<CheckInput>) {
  return checkSchema.parse({ id: 't', name: 't', kind: 'tcp', timeoutSeconds: 2, ...over });
}

describe('tcp check', () => {
  it('is up when the port accepts, and says "connection refused" for a closed port', async () => {
    const open = await silentServer();
    const up = await runCheck(check({ address: `127.0.0.1:${open}` }));
    expect(up.up).toBe(true);
    expect(up.phases.connect).toBeGreaterThanOrEqual(0);
    expect(up.phases.dns).toBeNull(); // an IP literal needs no lookup
    const port = await closedPort();
    const down = await runCheck(check({ address: `127.0.0.1:${port}` }));
    expect(down.failure).toEqual({ kind: 'connection-refused', address: '127.0.0.1', port });
  });

  it('says the name does not exist for a name under .invalid', async () => {
    const r = await runCheck(check({ address: 'no-such-host.invalid:80' }));
    expect(r.failure).toEqual({ kind: 'dns-not-found', host: 'no-such-host.invalid' });
  });

  it('reaches an IPv6-only endpoint over IPv6 and reports no IPv4 address when asked for one', async () => {
    const port = await httpServer((_q, res) => res.end('v6'), '::1');
    const v6 = await runCheck(
      check({ kind: 'http', url: `http://[::1]:${port}/`, ipFamily: '6', keyword: 'v6' }),
    );
    expect(v6.failure).toBeNull();
    const v4 = await runCheck(check({ kind: 'http', url: `http://[::1]:${port}/`, ipFamily: '4' }));
    expect(v4.failure).toEqual({ kind: 'dns-no-address', host: '::1', family: '4' });
    // localhost has only an IPv4 entry here; asking for IPv6 is "no address", not "not found".
    const named = await runCheck(check({ address: `localhost:${port}`, ipFamily: '6' }));
    expect(named.failure).toEqual({ kind: 'dns-no-address', host: 'localhost', family: '6' });
  });
});

describe('link-local and metadata targets', () => {
  it('knows the addresses', () => {
    for (const a of [
      '169.254.169.254',
      '169.254.0.1',
      '100.100.100.200',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:169.254.169.254',
      'fe80::1%eth0',
    ]) {
      expect(isPrivateTarget(a), a).toBe(true);
    }
    for (const a of ['127.0.0.1', '10.0.0.1', '100.100.100.201', '::1', '2001:db8::1', '8.8.8.8']) {
      expect(isPrivateTarget(a), a).toBe(false);
    }
  });

  it('refuses a metadata URL and a redirect to one, before connecting', async () => {
    const direct = await runCheck(
      check({ kind: 'http', url: 'http://169.254.169.254/latest/meta-data/' }),
    );
    expect(direct.failure).toEqual({ kind: 'private-target', address: '169.254.169.254' });
    expect(direct.phases.connect).toBeNull();
    const port = await httpServer((_q, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    );
    const redirected = await runCheck(check({ kind: 'http', url: `http://127.0.0.1:${port}/` }));
    expect(redirected.failure).toEqual({ kind: 'private-target', address: '169.254.169.254' });
    const v6 = await runCheck(check({ kind: 'tcp', address: '[fd00:ec2::254]:80' }));
    expect(v6.failure).toEqual({ kind: 'private-target', address: 'fd00:ec2::254' });
  });
});

describe('tls check', () => {
  it('shakes hands, verifies with the CA file and reports the certificate', async () => {
    const port = await httpsServer(certs.fiveDays, (_q, res) => res.end());
    const r = await runCheck(
      check({ kind: 'tls', address: `localhost:${port}`, caFile: certs.caFile }),
    );
    expect(r.failure).toBeNull();
    expect(r.status).toBeNull();
    expect(r.phases.tls).toBeGreaterThanOrEqual(0);
    expect(r.cert!.daysLeft).toBeGreaterThan(4.9);
  });

  it('names each certificate fault', async () => {
    const expired = await httpsServer(certs.expired, (_q, res) => res.end());
    const wrong = await httpsServer(certs.wrongHost, (_q, res) => res.end());
    const self = await httpsServer(certs.selfSigned, (_q, res) => res.end());
    const run = (port: number, over: Partial<CheckInput> = {}) =>
      runCheck(check({ kind: 'tls', address: `localhost:${port}`, caFile: certs.caFile, ...over }));
    expect((await run(expired)).failure?.kind).toBe('tls-expired');
    expect((await run(wrong)).failure).toEqual({
      kind: 'tls-hostname-mismatch',
      host: 'localhost',
    });
    expect((await run(self)).failure).toEqual({ kind: 'tls-untrusted', reason: 'self-signed' });
    const accepted = await run(expired, { acceptInvalidCert: true });
    expect(accepted.up).toBe(true);
    expect(accepted.cert!.daysLeft).toBeLessThan(0);
  });

  it('says the handshake failed when the server is not TLS, and times out on a silent one', async () => {
    const plain = await httpServer((_q, res) => res.end('plain'));
    const r = await runCheck(check({ kind: 'tls', address: `127.0.0.1:${plain}` }));
    expect(r.failure).toEqual({ kind: 'tls-handshake' });
    const silent = await silentServer();
    const t = await runCheck(
      check({ kind: 'tls', address: `127.0.0.1:${silent}`, timeoutSeconds: 1 }),
    );
    expect(t.failure).toEqual({ kind: 'timeout', phase: 'tls', afterMs: 1000 });
  });
});

describe('NODE_EXTRA_CA_CERTS', () => {
  it('trusts the test CA from the environment in a fresh process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hostwatch-probe-'));
    const outfile = join(dir, 'probe-child.mjs');
    await build({
      entryPoints: ['test/fixtures/checks/probe-child.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'silent',
    });
    const port = await httpsServer(certs.fiveDays, (_q, res) => res.end('trusted'));
    const input = JSON.stringify({
      id: 't',
      name: 't',
      kind: 'http',
      url: `https://localhost:${port}/`,
      keyword: 'trusted',
    });
    const run = (env: NodeJS.ProcessEnv) =>
      promisify(execFile)(process.execPath, [outfile, input], { env, timeout: 30_000 }).then(
        (r) =>
          JSON.parse(r.stdout) as { up: boolean; failure: unknown; cert: { daysLeft: number } },
      );
    const { NODE_EXTRA_CA_CERTS: _drop, ...base } = process.env;
    const trusted = await run({ ...base, NODE_EXTRA_CA_CERTS: certs.caFile });
    expect(trusted.failure).toBeNull();
    expect(trusted.cert.daysLeft).toBeGreaterThan(4.9);
    const without = await run(base);
    expect(without.failure).toEqual({ kind: 'tls-untrusted', reason: 'unknown-issuer' });
  });
});

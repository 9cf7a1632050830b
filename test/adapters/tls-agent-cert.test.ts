/**
 * The agent's certificate: generated once into the data folder (key 0600), reused with the same
 * fingerprint, SAN with the bind address and host name, the fingerprint as openssl prints it,
 * user-given files, the flag rules, and the HTTP server actually serving HTTPS with it.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../main/adapters/http/server';
import { resolveAgentTls, tlsDecision } from '../../main/adapters/tls/agent-tls';
import {
  loadCertificateFiles,
  loadOrCreateCertificate,
  subjectAltNames,
  TLS_DIR,
} from '../../main/adapters/tls/self-signed';
import { createFakeEngine, recordingLogger } from './http-fixtures';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hostwatch-tls-'));
  dirs.push(d);
  return d;
}
let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('agent certificate', () => {
  it('is generated on first start with a 0600 key and reused afterwards', async () => {
    const dir = tempDir();
    const first = await loadOrCreateCertificate(dir, '127.0.0.2');
    expect(first.source).toBe('generated');
    expect(first.fingerprint).toMatch(/^SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(statSync(join(dir, TLS_DIR, 'key.pem')).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateCertificate(dir, '127.0.0.2');
    expect(again).toMatchObject({ source: 'reused', fingerprint: first.fingerprint });
  });

  it('names the bind address and the host name, and openssl agrees on the fingerprint', async () => {
    const dir = tempDir();
    const made = await loadOrCreateCertificate(dir, '192.0.2.7');
    const san = new X509Certificate(made.cert).subjectAltName ?? '';
    expect(san).toContain('IP Address:192.0.2.7');
    expect(san).toContain('IP Address:127.0.0.1');
    expect(subjectAltNames('web01.example.com', 'web01').dns).toEqual(
      expect.arrayContaining(['web01', 'web01.example.com', 'localhost']),
    );
    const openssl = execFileSync(
      'openssl',
      ['x509', '-noout', '-fingerprint', '-sha256', '-in', made.certPath],
      {
        encoding: 'utf8',
      },
    );
    expect(`SHA256:${openssl.trim().split('=')[1]}`).toBe(made.fingerprint);
  });

  it('refuses half a pair or a damaged one in words instead of replacing it', async () => {
    const dir = tempDir();
    await loadOrCreateCertificate(dir, '127.0.0.1');
    rmSync(join(dir, TLS_DIR, 'key.pem'));
    await expect(loadOrCreateCertificate(dir, '127.0.0.1')).rejects.toThrow(/holds only cert\.pem/);
    writeFileSync(join(dir, TLS_DIR, 'key.pem'), 'not a key');
    await expect(loadOrCreateCertificate(dir, '127.0.0.1')).rejects.toThrow(
      /private key cannot be read/,
    );
  });

  it('loads --tls-cert/--tls-key files and refuses a key of another certificate', async () => {
    const a = tempDir();
    const b = tempDir();
    const ca = await loadOrCreateCertificate(a, '127.0.0.1');
    await loadOrCreateCertificate(b, '127.0.0.1');
    const files = await loadCertificateFiles(ca.certPath, join(a, TLS_DIR, 'key.pem'));
    expect(files).toMatchObject({ source: 'files', fingerprint: ca.fingerprint });
    await expect(loadCertificateFiles(ca.certPath, join(b, TLS_DIR, 'key.pem'))).rejects.toThrow(
      /does not belong/,
    );
    await expect(loadCertificateFiles(join(a, 'nope.pem'), join(b, 'nope.pem'))).rejects.toThrow(
      /Cannot read the TLS/,
    );
  });
});

describe('when the agent serves TLS', () => {
  const base = { tls: false, noTls: false, behindProxy: false };
  it('follows the flag rules', () => {
    expect(tlsDecision({ ...base, host: '127.0.0.1' })).toBe(false);
    expect(tlsDecision({ ...base, host: '127.0.0.1', tls: true })).toBe(true);
    expect(tlsDecision({ ...base, host: '0.0.0.0' })).toBe(true);
    expect(tlsDecision({ ...base, host: '0.0.0.0', noTls: true, behindProxy: true })).toBe(false);
    expect(String(tlsDecision({ ...base, host: '0.0.0.0', noTls: true }))).toMatch(
      /only with --behind-proxy/,
    );
    expect(String(tlsDecision({ ...base, host: '::1', certFile: 'a.pem' }))).toMatch(/go together/);
  });

  it('resolves to no certificate on plain loopback', async () => {
    expect(await resolveAgentTls({ ...base, host: '127.0.0.1', dataDir: tempDir() })).toBeNull();
  });

  it('serves HTTPS from the HTTP server with the certificate', async () => {
    const made = await loadOrCreateCertificate(tempDir(), '127.0.0.1');
    const engine = createFakeEngine();
    server = await createHttpServer({
      api: engine.api,
      status: () => engine.status,
      host: '127.0.0.1',
      port: 0,
      logger: recordingLogger(),
      tls: made,
      agentVersion: '1.2.3',
    });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${server!.url}/api/version`, { ca: made.cert }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body)).toEqual({ product: 'hostwatch', protocol: 2, version: '1.2.3' });
  });
});

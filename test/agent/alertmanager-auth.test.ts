/**
 * Alertmanager logins against real parts. A real Debian Alertmanager serving TLS (its own
 * self-signed certificate) with a bcrypt `basic_auth_users` login, watched by a real hub agent
 * with the pinned fingerprint and the password saved as a secret: the alert posted into
 * Alertmanager shows in `/api/fleet`; `POST /api/fleet/test-alertmanager` says connected (version,
 * active alerts) or the problem in words (wrong password, wrong pin with both fingerprints, not
 * an Alertmanager, refused, DNS, timeout); a wrong saved password makes the fleet say "Wrong
 * credentials"; the password is in none of /api/settings, the settings file or the logs.
 * Bearer: Alertmanager cannot check a token itself, so a real HTTPS server that records what it
 * receives shows the `Authorization: Bearer …` header arrives only once the pin matched.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertmanagerSource } from '../../main/shared/alertmanager-settings';
import type { ConnectionTestResult, FleetSummary } from '../../main/shared/contract';
import {
  freePort,
  postSecureAlerts,
  putAlertmanagers,
  startSecureAlertmanager,
  type TestAlertmanager,
} from '../fixtures/alertmanager';
import { closeAll, httpsServer, listen, makeCert, portOf } from '../fixtures/tls/servers';
import { eventually, getJson, startAgent, type AgentProcess } from './agent-process';

const agents: AgentProcess[] = [];
const ams: TestAlertmanager[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const a of agents.splice(0)) await a.stop('SIGKILL');
  for (const am of ams.splice(0)) await am.stop();
  for (const c of cleanups.splice(0)) await c();
});

const WRONG_PIN = `SHA256:${Array.from({ length: 32 }, () => 'AB').join(':')}`;

function testAm(hubUrl: string, body: unknown) {
  return getJson<ConnectionTestResult>(`${hubUrl}/api/fleet/test-alertmanager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Saves the entries and expects the save to be accepted. */
async function putOk(...args: Parameters<typeof putAlertmanagers>) {
  const r = await putAlertmanagers(...args);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** Every file below `dir` but the 0600 secrets file, as text. */
function filesBelow(dir: string, skip: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return filesBelow(p, skip);
    return name === skip ? [] : [readFileSync(p, 'latin1')];
  });
}

describe('an Alertmanager with TLS and basic auth, watched by a real hub', () => {
  it('shows its alert, tests the login in words, says wrong credentials, never leaks the password', async () => {
    const am = await startSecureAlertmanager();
    ams.push(am);
    await postSecureAlerts(am, [
      {
        labels: { alertname: 'DiskFull', instance: 'db01:9100', severity: 'critical' },
        annotations: { summary: 'Disk / is full' },
      },
    ]);
    const hub = await startAgent();
    agents.push(hub);
    const entry: AlertmanagerSource = {
      id: 'am-secure',
      name: 'Secure Alertmanager',
      url: am.url,
      fingerprint: am.cert.fingerprint,
      trustSystemCa: false,
      auth: 'basic',
      username: am.user,
      enabled: true,
    };
    const saved = await putOk(hub.url, [entry], { 'am-secure': am.password });
    expect(saved.secrets.alertmanagerSecrets).toEqual({ 'am-secure': true });

    const fleet = () => getJson<FleetSummary>(`${hub.url}/api/fleet`).then((r) => r.body);
    const host = await eventually(
      async () => {
        const h = (await fleet()).hosts.find((x) => x.id === 'am-secure');
        return h && h.alerts.length === 1 ? h : null;
      },
      'the secure Alertmanager and its alert in /api/fleet',
      40_000,
    );
    expect(host).toMatchObject({ kind: 'alertmanager', health: 'critical' });
    expect(host.alerts[0]?.alertmanager?.alertname).toBe('DiskFull');

    const base = {
      url: am.url,
      fingerprint: am.cert.fingerprint,
      auth: 'basic',
      username: am.user,
    };
    // The saved password, which the UI never sees.
    const ok = await testAm(hub.url, { ...base, savedSecretOf: 'am-secure' });
    expect(ok.body).toMatchObject({
      connected: true,
      code: 'ok',
      activeAlerts: 1,
      fingerprintSeen: am.cert.fingerprint,
    });
    expect(ok.body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(ok.body.message).toContain(`Alertmanager ${ok.body.version}`);
    expect(JSON.stringify(ok.body)).not.toContain(am.password);

    const wrong = await testAm(hub.url, { ...base, secret: 'not-the-password' });
    expect(wrong.body).toMatchObject({ connected: false, code: 'wrong-credentials' });
    expect(wrong.body.message).toMatch(/^Wrong credentials: .* refused the login \(HTTP 401\)/);

    const noLogin = await testAm(hub.url, { ...base, auth: 'none' });
    expect(noLogin.body.code).toBe('wrong-credentials');

    const mismatch = await testAm(hub.url, { ...base, fingerprint: WRONG_PIN, secret: 'x' });
    expect(mismatch.body).toMatchObject({
      connected: false,
      code: 'fingerprint-mismatch',
      fingerprintSeen: am.cert.fingerprint,
      fingerprintExpected: WRONG_PIN,
    });
    expect(mismatch.body.message).toContain(am.cert.fingerprint);
    expect(mismatch.body.message).toContain(WRONG_PIN);

    // First use: no pin; the certificate's fingerprint is shown to pin.
    const unpinned = await testAm(hub.url, { url: am.url });
    expect(unpinned.body).toMatchObject({
      code: 'untrusted-certificate',
      fingerprintSeen: am.cert.fingerprint,
    });

    // The hub agent answers HTTP, but has no /api/v2/status.
    const notAm = await testAm(hub.url, { url: hub.url });
    expect(notAm.body).toMatchObject({ connected: false, code: 'not-alertmanager' });
    expect(notAm.body.message).toMatch(/not as an Alertmanager/);

    const closed = await freePort();
    const refused = await testAm(hub.url, { url: `http://127.0.0.1:${closed}` });
    expect(refused.body).toMatchObject({ connected: false, code: 'refused' });

    // `.invalid` never resolves (RFC 6761).
    const dns = await testAm(hub.url, {
      url: 'https://no-such-host.invalid:9093',
      fingerprint: WRONG_PIN,
    });
    expect(dns.body).toMatchObject({ connected: false, code: 'dns' });
    expect(dns.body.message).toContain('no-such-host.invalid');

    // A listener that accepts and never speaks: the TLS handshake times out.
    const sockets = new Set<Socket>();
    const silent = await listen(createServer((s) => void sockets.add(s)));
    cleanups.push(() => closeAll(silent, sockets));
    const timeout = await testAm(hub.url, {
      url: `https://127.0.0.1:${portOf(silent)}`,
      fingerprint: WRONG_PIN,
    });
    expect(timeout.body).toMatchObject({ connected: false, code: 'timeout', phase: 'tls' });

    // A wrong saved password: the watch fails, and the fleet says why.
    await putOk(hub.url, [entry], { 'am-secure': 'wrong-password-123' });
    const failing = await eventually(
      async () => {
        const h = (await fleet()).hosts.find((x) => x.id === 'am-secure');
        return h?.health === 'unreachable' ? h : null;
      },
      'the Alertmanager unreachable with a wrong password',
      40_000,
    );
    expect(failing.problem?.code).toBe('wrong-credentials');
    expect(failing.problem?.message).toMatch(/Wrong credentials/);
    await putOk(hub.url, [entry], { 'am-secure': am.password });
    await eventually(
      async () => (await fleet()).hosts.find((x) => x.id === 'am-secure')?.health === 'critical',
      'the Alertmanager reachable again with the right password',
      40_000,
    );

    const settingsText = JSON.stringify((await getJson(`${hub.url}/api/settings`)).body);
    expect(settingsText).not.toContain(am.password);
    const files = filesBelow(hub.dataDir, 'secrets.json');
    expect(files.some((f) => f.includes('am-secure'))).toBe(true);
    for (const text of files) expect(text).not.toContain(am.password);
    expect(hub.output()).toMatch(/Alertmanager Secure Alertmanager: Wrong credentials/);
    expect(hub.output()).not.toContain(am.password);
    expect(hub.output()).not.toContain('wrong-password-123');
  }, 180_000);
});

describe('a bearer token', () => {
  it('is sent only after the pin matched', async () => {
    const cert = await makeCert();
    const seen: (string | undefined)[] = [];
    const server = await httpsServer(cert, (req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(401, { 'content-type': 'text/plain' }).end('no');
    });
    cleanups.push(() => server.close());
    const hub = await startAgent();
    agents.push(hub);
    const url = `https://127.0.0.1:${server.port}`;
    const token = `bearer-${Date.now()}`;

    const mismatch = await testAm(hub.url, {
      url,
      fingerprint: WRONG_PIN,
      auth: 'bearer',
      secret: token,
    });
    expect(mismatch.body.code).toBe('fingerprint-mismatch');
    // The handshake reached the certificate, but no request (so no header) was written.
    expect(mismatch.body.fingerprintSeen).toBe(cert.fingerprint);
    expect(seen).toEqual([]);

    // A saved watch with the wrong pin sends nothing either.
    await putOk(
      hub.url,
      [
        {
          id: 'am-bearer',
          name: 'Bearer AM',
          url,
          fingerprint: WRONG_PIN,
          trustSystemCa: false,
          auth: 'bearer',
          username: null,
          enabled: true,
        },
      ],
      { 'am-bearer': token },
    );
    await eventually(
      async () =>
        (await getJson<FleetSummary>(`${hub.url}/api/fleet`)).body.hosts.find(
          (h) => h.id === 'am-bearer',
        )?.problem?.code === 'fingerprint-mismatch',
      'the watch failing on the pin',
    );
    expect(seen).toEqual([]);

    const right = await testAm(hub.url, {
      url,
      fingerprint: cert.fingerprint,
      auth: 'bearer',
      secret: token,
    });
    expect(right.body.code).toBe('wrong-credentials');
    expect(seen).toEqual([`Bearer ${token}`]);
    expect(JSON.stringify(right.body)).not.toContain(token);
  }, 60_000);
});

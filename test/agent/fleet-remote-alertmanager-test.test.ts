/**
 * "Test connection" of an Alertmanager row for a watched host, through the hub: a real
 * Alertmanager with TLS and a basic-auth login, a remote agent on 127.0.0.5 (`--tls
 * --new-token`) that holds the Alertmanager's password as its own saved secret, and a hub that
 * `--watch`es it and holds none. `POST /api/fleet/test-alertmanager` with `host: <remote id>` is
 * forwarded to the remote agent, which tests with its saved password (connected, version,
 * active alerts); the same call without `host` is the hub's own test and says in words that no
 * password is saved there; an unknown host is `not-found`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertmanagerSource } from '../../main/shared/alertmanager-settings';
import type {
  ConnectionTestResult,
  FleetSummary,
  OperationError,
} from '../../main/shared/contract';
import {
  postSecureAlerts,
  putAlertmanagers,
  startSecureAlertmanager,
  type TestAlertmanager,
} from '../fixtures/alertmanager';
import {
  eventually,
  getJson,
  startAgent,
  tlsCredentials,
  watchUrl,
  type AgentProcess,
} from './agent-process';

const agents: AgentProcess[] = [];
const ams: TestAlertmanager[] = [];
afterEach(async () => {
  for (const a of agents.splice(0)) await a.stop('SIGKILL');
  for (const am of ams.splice(0)) await am.stop();
});

function testAm<T>(hubUrl: string, body: unknown) {
  return getJson<T>(`${hubUrl}/api/fleet/test-alertmanager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('an Alertmanager test for a watched host, through the hub', () => {
  it('is forwarded to that host, which tests with its own saved password', async () => {
    const am = await startSecureAlertmanager();
    ams.push(am);
    await postSecureAlerts(am, [{ labels: { alertname: 'DiskFull', severity: 'critical' } }]);
    const remote = await startAgent({ args: ['--host', '127.0.0.5', '--tls', '--new-token'] });
    agents.push(remote);
    const creds = await tlsCredentials(remote);
    const port = Number(new URL(remote.url).port);
    const hub = await startAgent({
      args: ['--watch', watchUrl({ ...creds, host: '127.0.0.5', port })],
    });
    agents.push(hub);
    const id = `127-0-0-5-${port}`;
    await eventually(
      async () => {
        const f = (await getJson<FleetSummary>(`${hub.url}/api/fleet`)).body;
        return f.hosts.find((h) => h.id === id)?.connection === 'connected';
      },
      'the remote agent connected to the hub',
      60_000,
    );

    // The password is saved on the remote agent only (through the hub, as Settings does).
    const entry: AlertmanagerSource = {
      id: 'am-remote',
      name: 'Remote Alertmanager',
      url: am.url,
      fingerprint: am.cert.fingerprint,
      trustSystemCa: false,
      auth: 'basic',
      username: am.user,
      enabled: false,
    };
    const saved = await putAlertmanagers(hub.url, [entry], { 'am-remote': am.password }, id);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.secrets.alertmanagerSecrets).toEqual({ 'am-remote': true });

    const row = {
      url: am.url,
      fingerprint: am.cert.fingerprint,
      auth: 'basic',
      username: am.user,
      savedSecretOf: 'am-remote',
    };
    const there = await testAm<ConnectionTestResult>(hub.url, { ...row, host: id });
    expect(there.status).toBe(200);
    expect(there.body).toMatchObject({
      connected: true,
      code: 'ok',
      activeAlerts: 1,
      fingerprintSeen: am.cert.fingerprint,
    });
    expect(there.body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(JSON.stringify(there.body)).not.toContain(am.password);
    expect(JSON.stringify(there.body)).not.toContain(creds.token);

    // Without a host it is the hub's own test, and the hub has no password saved.
    const here = await testAm<{ error: OperationError }>(hub.url, row);
    expect(here.status).toBe(400);
    expect(here.body.error.fields?.[0]).toMatchObject({ path: 'secret' });
    expect(here.body.error.message).toBe(
      'No password or token is saved for Alertmanager "am-remote": type it',
    );

    const unknown = await testAm<{ error: OperationError }>(hub.url, { ...row, host: 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('No host "nope" is watched');
  }, 120_000);
});

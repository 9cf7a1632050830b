/**
 * Settings → Servers against real agents: a remote agent on 127.0.0.2 with `--tls --new-token`
 * and a hub agent on loopback. `POST /api/fleet/test` says in words what a wrong pin, a wrong
 * token or a closed port is, and who answered when all is right; a server saved with
 * `PUT /api/settings` (token through `secrets.hostTokens`) is listed and followed by the hub's
 * `/api/fleet` without a restart, and is gone once removed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ConnectionTestResult,
  FleetSummary,
  OperationError,
  SettingsView,
} from '../../main/shared/contract';
import type { Server } from '../../main/shared/settings';
import { eventually, getJson, startAgent, type AgentProcess } from './agent-process';

const running: AgentProcess[] = [];
afterEach(async () => {
  // An agent a test already killed has exited (stop() would wait for an exit already seen).
  for (const a of running.splice(0))
    if (a.proc.exitCode === null && a.proc.signalCode === null) await a.stop('SIGKILL');
});

async function startRemote(host: string) {
  const agent = await startAgent({ args: ['--host', host, '--tls', '--new-token'] });
  running.push(agent);
  const fingerprint = await eventually(
    () => Promise.resolve(/TLS fingerprint: (SHA256:[0-9A-F:]{95})/.exec(agent.output())?.[1]),
    'the fingerprint line',
  );
  const token = /New API token \(stored in [^\n]*\):\n(\S+)/.exec(agent.output())?.[1];
  if (!token) throw new Error(`no token printed:\n${agent.output()}`);
  return { agent, fingerprint, token, url: `https://${host}:${new URL(agent.url).port}` };
}

async function startHub() {
  const hub = await startAgent();
  running.push(hub);
  return hub;
}

function post<T>(url: string, body: unknown) {
  return getJson<T>(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function putServers(
  hubUrl: string,
  servers: Server[],
  hostTokens: Record<string, string | null>,
) {
  const view = (await getJson<SettingsView>(`${hubUrl}/api/settings`)).body;
  return getJson<SettingsView | OperationError>(`${hubUrl}/api/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      settings: { ...view.settings, fleet: { ...view.settings.fleet, servers } },
      secrets: { hostTokens },
    }),
  });
}

const WRONG_PIN = `SHA256:${Array.from({ length: 32 }, () => 'AB').join(':')}`;

describe('POST /api/fleet/test on a real hub agent', () => {
  it('says mismatch with the fingerprint seen, connected with the right pin, and the other problems', async () => {
    const [remote, hub] = await Promise.all([startRemote('127.0.0.2'), startHub()]);
    const test = (body: unknown) =>
      post<ConnectionTestResult>(`${hub.url}/api/fleet/test`, body).then((r) => r);

    const mismatch = await test({ url: remote.url, fingerprint: WRONG_PIN, token: remote.token });
    expect(mismatch.status).toBe(200);
    expect(mismatch.body).toMatchObject({
      connected: false,
      code: 'fingerprint-mismatch',
      fingerprintSeen: remote.fingerprint,
      fingerprintExpected: WRONG_PIN,
    });
    expect(mismatch.body.message).toContain(remote.fingerprint);

    // First use: no pin yet; the answer shows the certificate's fingerprint to pin.
    const unpinned = await test({ url: remote.url, token: remote.token });
    expect(unpinned.body).toMatchObject({
      connected: false,
      code: 'untrusted-certificate',
      fingerprintSeen: remote.fingerprint,
    });

    // The pin written in lower case without the prefix is the same pin.
    const loose = remote.fingerprint.slice(7).toLowerCase();
    const ok = await test({ url: remote.url, fingerprint: loose, token: remote.token });
    expect(ok.body).toMatchObject({
      connected: true,
      code: 'ok',
      fingerprintSeen: remote.fingerprint,
      protocol: expect.any(Number) as number,
    });
    expect(ok.body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(ok.body.hostName).toBeTypeOf('string');
    expect(JSON.stringify(ok.body)).not.toContain(remote.token);

    const wrongToken = await test({
      url: remote.url,
      fingerprint: remote.fingerprint,
      token: 'not-the-token',
    });
    expect(wrongToken.body).toMatchObject({ connected: false, code: 'wrong-token' });
    expect(wrongToken.body.message).toMatch(/refused the token/);

    // The hub itself answers on loopback with plain HTTP: https to it is "not TLS".
    const hubPort = new URL(hub.url).port;
    const notTls = await test({ url: `https://127.0.0.1:${hubPort}`, fingerprint: WRONG_PIN });
    expect(notTls.body).toMatchObject({ connected: false, code: 'not-tls' });

    await remote.agent.stop('SIGKILL');
    const refused = await test({
      url: remote.url,
      fingerprint: remote.fingerprint,
      token: remote.token,
    });
    expect(refused.body).toMatchObject({ connected: false, code: 'refused' });
  }, 120_000);

  it('refuses bad input with field errors and uses the saved token of a server', async () => {
    const [remote, hub] = await Promise.all([startRemote('127.0.0.3'), startHub()]);
    const bad = await post<OperationError>(`${hub.url}/api/fleet/test`, {
      url: 'https://127.0.0.3:1/path',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/https:\/\/host:port/);
    const clear = await post<OperationError>(`${hub.url}/api/fleet/test`, {
      url: 'http://192.0.2.1:9477',
    });
    expect(clear.status).toBe(400);
    expect(JSON.stringify(clear.body)).toMatch(/clear text/);
    const noSaved = await post<{ error: OperationError }>(`${hub.url}/api/fleet/test`, {
      url: remote.url,
      fingerprint: remote.fingerprint,
      savedTokenOf: 'web09',
    });
    expect(noSaved.status).toBe(400);
    expect(noSaved.body.error.fields?.[0]?.path).toBe('token');
    expect(noSaved.body.error.message).toMatch(/No token is saved for server "web09"/);

    // Disabled, so the hub does not follow it; the token is only stored.
    const saved = await putServers(
      hub.url,
      [
        {
          id: 'web03',
          name: 'web03',
          url: remote.url,
          fingerprint: remote.fingerprint,
          trustSystemCa: false,
          enabled: false,
        },
      ],
      { web03: remote.token },
    );
    expect(saved.status).toBe(200);
    expect((saved.body as SettingsView).secrets.hostTokens).toEqual({ web03: true });
    const viaSaved = await post<ConnectionTestResult>(`${hub.url}/api/fleet/test`, {
      url: remote.url,
      fingerprint: remote.fingerprint,
      savedTokenOf: 'web03',
    });
    expect(viaSaved.body).toMatchObject({ connected: true, code: 'ok' });
  }, 120_000);
});

describe('servers saved through PUT /api/settings', () => {
  it('are followed by the hub without a restart, and gone once removed', async () => {
    const [remote, hub] = await Promise.all([startRemote('127.0.0.2'), startHub()]);
    const fleet = () => getJson<FleetSummary>(`${hub.url}/api/fleet`).then((r) => r.body);
    const server: Server = {
      id: 'web02',
      name: 'Web two',
      url: remote.url,
      fingerprint: remote.fingerprint,
      trustSystemCa: false,
      enabled: true,
    };
    const saved = await putServers(hub.url, [server], { web02: remote.token });
    expect(saved.status).toBe(200);
    const host = await eventually(
      async () => {
        const h = (await fleet()).hosts.find((x) => x.id === 'web02');
        return h?.connection === 'connected' && h.lastSeen !== null ? h : null;
      },
      'web02 followed in /api/fleet',
      60_000,
    );
    expect(host).toMatchObject({ name: 'Web two', kind: 'agent', url: remote.url });
    expect(host.health).not.toBe('unreachable');

    const removed = await putServers(hub.url, [], { web02: null });
    expect(removed.status).toBe(200);
    expect((removed.body as SettingsView).secrets.hostTokens).toEqual({});
    await eventually(
      async () => !(await fleet()).hosts.some((x) => x.id === 'web02'),
      'web02 gone from /api/fleet',
    );
    expect((await fleet()).hosts.map((h) => h.id)).toEqual(['local']);
  }, 120_000);
});

/**
 * A watched host's settings through the hub: a remote agent on 127.0.0.5 with
 * `--tls --new-token` and a hub on loopback that `--watch`es it. `GET /api/settings?host=<id>`
 * on the hub answers the remote agent's own settings (forwarded with the stored token, which
 * never appears in the answer); `PUT /api/settings` with that host saves them on the remote
 * agent, which its own `/api/settings` then shows, while the hub's own settings stay as they
 * were; invalid settings get a field error in words and save nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fetchJson } from '../../main/adapters/fleet/remote-client';
import type { FleetSummary, OperationError, SettingsView } from '../../main/shared/contract';
import { parseWatchTarget } from '../../main/shared/watch-target';
import {
  eventually,
  getJson,
  startAgent,
  tlsCredentials,
  watchUrl,
  type AgentProcess,
} from './agent-process';

const running: AgentProcess[] = [];
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop('SIGKILL');
});

function put<T>(url: string, body: unknown) {
  return getJson<T>(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe("a watched host's settings through the hub", () => {
  it('reads and saves them on the remote agent, never showing its token', async () => {
    const remote = await startAgent({ args: ['--host', '127.0.0.5', '--tls', '--new-token'] });
    running.push(remote);
    const creds = await tlsCredentials(remote);
    const port = Number(new URL(remote.url).port);
    const url = watchUrl({ ...creds, host: '127.0.0.5', port });
    const hub = await startAgent({ args: ['--watch', url] });
    running.push(hub);
    const id = `127-0-0-5-${port}`;
    await eventually(
      async () => {
        const f = (await getJson<FleetSummary>(`${hub.url}/api/fleet`)).body;
        return f.hosts.find((h) => h.id === id)?.connection === 'connected';
      },
      'the remote agent connected to the hub',
      60_000,
    );
    const parsed = parseWatchTarget(url);
    if (!parsed.ok) throw new Error(parsed.error);
    const own = async () => {
      const r = await fetchJson(parsed.target, '/api/settings');
      if (!r.ok) throw new Error(r.message);
      return r.body as SettingsView;
    };

    const hubOwn = (await getJson<SettingsView>(`${hub.url}/api/settings`)).body;
    const read = await fetch(`${hub.url}/api/settings?host=${id}`);
    const text = await read.text();
    expect(read.status).toBe(200);
    expect(text).not.toContain(creds.token);
    const remoteView = JSON.parse(text) as SettingsView;
    expect(remoteView.settings).toEqual((await own()).settings);
    // The hub's own settings list the remote server; the remote's own list none.
    expect(hubOwn.settings.fleet.servers.map((s) => s.id)).toEqual([id]);
    expect(remoteView.settings.fleet.servers).toEqual([]);

    const changed = {
      ...remoteView.settings,
      general: { ...remoteView.settings.general, displayName: 'web05' },
      rules: remoteView.settings.rules.map((r) => (r.id === 'cpu' ? { ...r, warning: 77 } : r)),
    };
    const saved = await put<SettingsView>(`${hub.url}/api/settings`, {
      host: id,
      settings: changed,
      secrets: { smtpPassword: true },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.settings.general.displayName).toBe('web05');
    const after = await own();
    expect(after.settings.general.displayName).toBe('web05');
    expect(after.settings.rules.find((r) => r.id === 'cpu')?.warning).toBe(77);
    // The hub's own settings did not change.
    const hubAfter = (await getJson<SettingsView>(`${hub.url}/api/settings`)).body;
    expect(hubAfter.settings).toEqual(hubOwn.settings);

    // Invalid settings for the remote host are refused with a field error; nothing is saved there.
    const bad = await put<{ error: OperationError }>(`${hub.url}/api/settings`, {
      host: id,
      settings: { ...changed, general: { ...changed.general, displayName: 'x'.repeat(65) } },
      secrets: { smtpPassword: true },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.[0]?.path).toContain('displayName');
    expect((await own()).settings.general.displayName).toBe('web05');
  }, 120_000);
});

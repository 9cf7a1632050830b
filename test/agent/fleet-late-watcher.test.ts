/**
 * A watcher that starts after a remote alert already fired: a remote agent on 127.0.0.5 whose
 * memory rule fires at once, and only then a hub that `--watch`es it. From the hub's first
 * answer that holds the host's summary, the alert is firing there: `/api/fleet` (health and the
 * alert), `/metrics` and the tray's colour and tooltip made from that fleet (the real pure
 * tray code). The FIRING event itself happened before the hub watched: the first connect
 * sends no Last-Event-ID, so it is not replayed into the hub's event log (and so raises no
 * notification; see the README's fleet section for why), while the RESOLVED that happens
 * while the hub watches is recorded there.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchJson } from '../../main/adapters/fleet/remote-client';
import { fleetView } from '../../main/app/tray-fleet';
import { trayState } from '../../main/core/tray-state';
import type { EventRecord, FleetSummary, Status } from '../../main/shared/contract';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import type { SettingsView } from '../../main/shared/contract';
import { parseWatchTarget } from '../../main/shared/watch-target';
import {
  eventually,
  getJson,
  startAgent,
  tempDataDir,
  tlsCredentials,
  watchUrl,
  type AgentProcess,
} from './agent-process';

const running: AgentProcess[] = [];
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop('SIGKILL');
});

describe('a watcher started after a remote alert fired', () => {
  it('shows it firing from the first summary, without replaying its old event', async () => {
    const dataDir = tempDataDir();
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({
        ...DEFAULT_SETTINGS,
        general: { ...DEFAULT_SETTINGS.general, displayName: 'web05' },
        rules: DEFAULT_SETTINGS.rules.map((r) =>
          r.id === 'memory'
            ? { ...r, warning: 0.0001, critical: null, clear: 0, forSeconds: 0 }
            : r,
        ),
      }),
    );
    const remote = await startAgent({
      dataDir,
      args: ['--host', '127.0.0.5', '--tls', '--new-token'],
    });
    running.push(remote);
    const creds = await tlsCredentials(remote);
    const port = Number(new URL(remote.url).port);
    const parsed = parseWatchTarget(watchUrl({ ...creds, host: '127.0.0.5', port }));
    if (!parsed.ok) throw new Error(parsed.error);
    // The remote agent's own view first: its memory alert fired before anyone watched.
    await eventually(async () => {
      const r = await fetchJson(parsed.target, '/api/status');
      const s = r.ok ? (r.body as Status) : null;
      return s?.alerts.some((a) => a.ruleId === 'memory' && a.state === 'firing');
    }, 'the memory alert firing on the remote agent');
    const hub = await startAgent({
      args: ['--watch', watchUrl({ ...creds, host: '127.0.0.5', port })],
    });
    running.push(hub);
    const id = `127-0-0-5-${port}`;
    const first = await eventually(
      async () => {
        const f = (await getJson<FleetSummary>(`${hub.url}/api/fleet`)).body;
        const h = f.hosts.find((x) => x.id === id);
        // Connected is not yet summarised: the connect itself counts as hearing the host (its
        // health is `unknown` for the moment until the first summary message is read).
        return h?.lastSeen && h.health !== 'unknown' ? f : null;
      },
      "the hub holding the remote host's first summary",
      60_000,
    );
    const host = first.hosts.find((x) => x.id === id)!;
    expect(host.health).toBe('warning');
    expect(host.alerts).toContainEqual(
      expect.objectContaining({ ruleId: 'memory', state: 'firing', severity: 'warning' }),
    );
    const metrics = await (await fetch(`${hub.url}/metrics`)).text();
    expect(metrics).toContain(`hostwatch_fleet_host_health{host="${id}",state="warning"} 1`);
    const tray = trayState(fleetView(null, first).trayHosts, 'en');
    expect(tray.icon).toBe('warning');
    expect(tray.tooltip).toMatch(/WARNING.*Memory/);

    // The remote agent's own log has its FIRING event; the hub's has none of it replayed.
    const remoteEvents = await eventually(async () => {
      const r = (await getJson<EventRecord[]>(`${hub.url}/api/events?host=${id}`)).body;
      return r.length > 0 ? r : null;
    }, "the remote host's events through the hub");
    expect(remoteEvents.some((e) => e.kind === 'firing' && e.ruleId === 'memory')).toBe(true);
    const hubOwn = (await getJson<EventRecord[]>(`${hub.url}/api/events`)).body;
    expect(hubOwn.filter((e) => e.host === id && e.kind === 'firing')).toEqual([]);

    // What happens while the hub watches is recorded there: the alert resolves (its rule
    // raised through the hub) and the RESOLVED event reaches the hub's own log.
    const view = (await getJson<SettingsView>(`${hub.url}/api/settings?host=${id}`)).body;
    const saved = await fetch(`${hub.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        host: id,
        settings: {
          ...view.settings,
          rules: view.settings.rules.map((r) =>
            r.id === 'memory' ? { ...r, warning: 99.99, clear: 99.9 } : r,
          ),
        },
        secrets: { smtpPassword: true },
      }),
    });
    expect(saved.status).toBe(200);
    const resolved = await eventually(
      async () => {
        const r = (await getJson<EventRecord[]>(`${hub.url}/api/events`)).body;
        return r.find((e) => e.host === id && e.kind === 'resolved' && e.ruleId === 'memory');
      },
      "the remote RESOLVED event in the hub's log",
      30_000,
    );
    expect(resolved.host).toBe(id);
    const later = (await getJson<EventRecord[]>(`${hub.url}/api/events`)).body;
    expect(later.filter((e) => e.host === id && e.kind === 'firing')).toEqual([]);
  }, 120_000);
});

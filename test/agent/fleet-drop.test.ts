/**
 * Drop and resume with real processes: a hub follows web02 (127.0.0.2, pinned TLS, token).
 * web02 is paused with SIGSTOP, so its stream stalls without closing: the hub notices the
 * silence (`fleet.silence_s`), says web02 unreachable (fleet and its own alert), cuts the
 * stalled stream and keeps trying. After SIGCONT web02's own alert resolves at once, usually
 * while the hub is still reconnecting (then the event reaches it by Last-Event-ID replay; the
 * test does not force which): either way the hub holds every event of web02 exactly once.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchJson } from '../../main/adapters/fleet/remote-client';
import type { EventRecord, FleetSummary, Status } from '../../main/shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';
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
  for (const a of running.splice(0)) {
    a.proc.kill('SIGCONT');
    await a.stop('SIGKILL');
  }
});

/** web02's memory rule: a 1 % warning (fires at once) or its default (clears). */
function withMemoryWarning(settings: Settings, warning: number | null): Settings {
  const memory = DEFAULT_SETTINGS.rules.find((r) => r.id === 'memory')!;
  return {
    ...settings,
    rules: settings.rules.map((r) =>
      r.id !== 'memory'
        ? r
        : warning === null
          ? memory
          : { ...r, warning, critical: null, clear: 0.5, forSeconds: 0, repeatMinutes: 0 },
    ),
  };
}

describe('a hub following an agent that stalls', () => {
  it('says it unreachable, and after it resumes catches up without duplicates', async () => {
    const dataDir = tempDataDir();
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({
        ...DEFAULT_SETTINGS,
        general: { ...DEFAULT_SETTINGS.general, displayName: 'web02' },
        notifications: { ...DEFAULT_SETTINGS.notifications, groupWindowSeconds: 0 },
      }),
    );
    const remote = await startAgent({
      dataDir,
      args: ['--host', '127.0.0.2', '--tls', '--new-token'],
    });
    running.push(remote);
    const creds = await tlsCredentials(remote);
    const port = Number(new URL(remote.url).port);
    const url = watchUrl({ ...creds, host: '127.0.0.2', port });
    const parsed = parseWatchTarget(url);
    if (!parsed.ok) throw new Error(parsed.error);
    const target = parsed.target;
    const remoteCall = async (path: string, body?: unknown) => {
      const res = await fetchJson(
        target,
        path,
        body === undefined ? {} : { method: 'PUT', body: body },
      );
      if (!res.ok || res.status !== 200) throw new Error(JSON.stringify(res));
      return res.body;
    };
    const setMemoryWarning = async (warning: number | null) => {
      const view = (await remoteCall('/api/settings')) as { settings: Settings };
      await remoteCall('/api/settings', { settings: withMemoryWarning(view.settings, warning) });
    };

    const hubDir = tempDataDir();
    writeFileSync(
      join(hubDir, 'settings.json'),
      JSON.stringify({
        ...DEFAULT_SETTINGS,
        fleet: { ...DEFAULT_SETTINGS.fleet, unreachableAfterSeconds: 10 },
      }),
    );
    const hub = await startAgent({ dataDir: hubDir, args: ['--watch', url] });
    running.push(hub);
    const id = `127-0-0-2-${port}`;
    const host = async () =>
      (await getJson<FleetSummary>(`${hub.url}/api/fleet`)).body.hosts.find((h) => h.id === id);
    const hubLog = async () =>
      (await getJson<EventRecord[]>(`${hub.url}/api/events?limit=1000`)).body.filter(
        (e) => e.host === id,
      );
    const memoryEvent = (kind: string) => async () =>
      (await hubLog()).find((e) => e.ruleId === 'memory' && e.kind === kind);

    await eventually(
      async () => (await host())?.connection === 'connected',
      'web02 connected',
      60_000,
    );
    const connectedAt = Date.now();
    await setMemoryWarning(1);
    await eventually(memoryEvent('firing'), "web02's FIRING in the hub's log", 30_000);

    remote.proc.kill('SIGSTOP');
    await eventually(
      async () => (await host())?.health === 'unreachable',
      'web02 unreachable while paused',
      40_000,
    );
    await eventually(
      async () => {
        const s = (await getJson<Status>(`${hub.url}/api/status`)).body;
        return s.alerts.some(
          (a) => a.ruleId === 'host-unreachable' && a.target === id && a.state === 'firing',
        );
      },
      "the hub's own unreachable alert",
      20_000,
    );
    // The stream sent nothing but never closed: the hub cuts it (stalled) and its new attempts
    // time out in the TLS handshake of a process that cannot answer.
    const cut = await eventually(
      async () => {
        const p = (await host())?.problem;
        return p && (p.code === 'stalled' || p.code === 'timeout') ? p : null;
      },
      'the stalled stream cut',
      90_000,
    );
    expect(cut.message).toMatch(/sent nothing for 45 s|during the TLS handshake/);

    remote.proc.kill('SIGCONT');
    // At once after waking, most likely before the hub has its stream back: the alert resolves.
    await setMemoryWarning(null);
    const duringReconnect = (await host())?.connection !== 'connected';
    console.log(`RESOLVED raised while the hub was reconnecting: ${duringReconnect}`);
    await eventually(memoryEvent('resolved'), "web02's RESOLVED in the hub's log", 90_000);
    await eventually(
      async () => {
        const h = await host();
        return h?.connection === 'connected' && h.health !== 'unreachable';
      },
      'web02 back in the fleet',
      60_000,
    );
    await eventually(
      async () => {
        const s = (await getJson<Status>(`${hub.url}/api/status`)).body;
        return !s.alerts.some((a) => a.ruleId === 'host-unreachable' && a.state === 'firing');
      },
      "the hub's unreachable alert resolved",
      30_000,
    );

    // Every event web02 logged since the hub followed it is in the hub's log exactly once.
    const own = ((await remoteCall('/api/events?limit=1000')) as EventRecord[]).filter(
      (e) => e.time >= connectedAt,
    );
    const key = (e: EventRecord) => `${e.time} ${e.kind} ${e.ruleId ?? ''} ${e.message}`;
    const seen = (await hubLog()).map(key);
    expect(new Set(seen).size).toBe(seen.length);
    expect(own.length).toBeGreaterThanOrEqual(4); // 2 settings saves, FIRING, RESOLVED
    for (const e of own) expect(seen).toContain(key(e));
  }, 240_000);
});

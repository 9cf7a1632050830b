/**
 * Acknowledging a remote host's alert through the watcher (issue 11, the tray menu's path): a
 * hub agent on 127.0.0.1 follows a real agent (web02) on 127.0.0.2 over pinned TLS with its
 * token; web02's disk rule fires on a real filesystem (an ext4 image loop-mounted and filled
 * past 50 %) and web02 emails the real SMTP fixture. `POST /api/ack { host: "web02", … }` on the
 * hub forwards the acknowledgement with the stored token; then, on web02 itself:
 * - `/api/status` carries `acknowledged` (by the tray, with the note), and the hub's fleet says so;
 * - the reminder falls due a minute after FIRING and is held back as acknowledged: no second
 *   email for the alert;
 * - emptied again, the disk resolves: one RESOLVED email, and the acknowledgement is gone.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord, FleetSummary, Status } from '../../main/shared/contract';
import { DEFAULT_SETTINGS, type Rule, type Settings } from '../../main/shared/settings';
import { parseWatchTarget } from '../../main/shared/watch-target';
import { fetchJson } from '../../main/adapters/fleet/remote-client';
import { canLoopMount, mountLoopDisk, type LoopDisk } from '../fixtures/loop-disk';
import { startSmtpServer, type Received, type TestSmtpServer } from '../fixtures/smtp/server';
import {
  eventually,
  getJson,
  startAgent,
  tempDataDir,
  tlsCredentials,
  watchUrl,
  type AgentProcess,
} from './agent-process';

let disk: LoopDisk | undefined;
let smtp: TestSmtpServer | undefined;
const running: AgentProcess[] = [];

beforeAll(() => {
  if (canLoopMount) disk = mountLoopDisk(16);
});

afterAll(async () => {
  for (const a of running.splice(0)) await a.stop('SIGKILL');
  await smtp?.close();
  disk?.remove();
});

const subject = (m: Received) => m.parsed.subject ?? '';
const fromWeb02 = (m: Received) => m.parsed.from?.value[0]?.address === 'web02@example.com';

describe.runIf(canLoopMount)("acknowledging a watched host's alert from the watcher", () => {
  it('forwards to the remote agent, which holds its reminders back and still sends RESOLVED', async () => {
    const mount = disk!.dir;
    smtp = await startSmtpServer();
    const mail = smtp;
    const rule: Rule = {
      id: 'data-disk',
      metric: 'disk.used_pct',
      direction: 'above',
      target: mount,
      enabled: true,
      warning: 50,
      critical: null,
      clear: 40,
      forSeconds: 0,
      repeatMinutes: 1,
    };
    const remoteDir = tempDataDir();
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      general: { ...DEFAULT_SETTINGS.general, displayName: 'web02' },
      sampling: { ...DEFAULT_SETTINGS.sampling, diskSeconds: 1 },
      notifications: { ...DEFAULT_SETTINGS.notifications, groupWindowSeconds: 1 },
      rules: [rule],
    };
    writeFileSync(join(remoteDir, 'settings.json'), JSON.stringify(settings));
    const web02 = await startAgent({
      dataDir: remoteDir,
      args: [
        '--host',
        '127.0.0.2',
        '--tls',
        '--new-token',
        '--smtp',
        `smtp://127.0.0.1:${mail.port}?security=none`,
        '--alert-to',
        'ops@example.com',
        '--alert-from',
        'web02@example.com',
      ],
    });
    running.push(web02);
    const creds = await tlsCredentials(web02);
    const remote = { host: '127.0.0.2', port: Number(new URL(web02.url).port), ...creds };
    const target = parseWatchTarget(watchUrl(remote));
    if (!target.ok) throw new Error(target.error);
    const remoteStatus = async () => {
      const res = await fetchJson(target.target, '/api/status');
      if (!res.ok) throw new Error(res.message);
      return res.body as Status;
    };
    const remoteEvents = async () => {
      const res = await fetchJson(target.target, '/api/events?limit=500');
      if (!res.ok) throw new Error(res.message);
      return res.body as EventRecord[];
    };

    const hub = await startAgent({
      args: ['--host', '127.0.0.1', '--watch', watchUrl(remote)],
    });
    running.push(hub);
    const hubFleet = () => getJson<FleetSummary>(`${hub.url}/api/fleet`).then((r) => r.body);
    const web02InHub = async () => (await hubFleet()).hosts.find((h) => h.kind === 'agent');
    const host = await eventually(
      async () => {
        const h = await web02InHub();
        return h?.connection === 'connected' && h.lastSeen !== null ? h : undefined;
      },
      'web02 connected in the hub',
      60_000,
    );

    // Fill the real disk past the 50 % warning level: web02 fires and emails it.
    const filler = join(mount, 'filler.bin');
    writeFileSync(filler, Buffer.alloc(Math.ceil(disk!.availableBytes() * 0.7)));
    expect(disk!.usedPct()).toBeGreaterThan(55);
    await mail.waitFor(
      () => mail.received.some((m) => fromWeb02(m) && /WARNING/.test(subject(m))),
      "web02's FIRING email",
      60_000,
    );
    const firing = (await remoteStatus()).alerts.find(
      (a) => a.ruleId === 'data-disk' && a.state === 'firing',
    );
    expect(firing?.acknowledged).toBeUndefined();

    // The hub lists it under web02, and acknowledges it there (what the tray menu calls).
    await eventually(
      async () => (await web02InHub())?.alerts.some((a) => a.ruleId === 'data-disk'),
      "web02's alert in the hub's fleet",
      30_000,
    );
    const res = await fetch(`${hub.url}/api/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        host: host.id,
        ruleId: 'data-disk',
        series: firing!.series,
        note: 'cleaning up',
        by: 'tray',
      }),
    });
    const answer = (await res.json()) as { acknowledged?: unknown };
    expect(res.status, JSON.stringify(answer)).toBe(200);
    const acked = (await remoteStatus()).alerts.find((a) => a.ruleId === 'data-disk');
    expect(acked?.acknowledged).toMatchObject({ by: 'tray', note: 'cleaning up' });
    await eventually(
      async () =>
        (await web02InHub())?.alerts.find((a) => a.ruleId === 'data-disk')?.acknowledged?.by ===
        'tray',
      "the acknowledgement in the hub's fleet",
      30_000,
    );
    const sentAtAck = mail.received.filter(fromWeb02).length;

    // The reminder falls due a minute after FIRING: web02 holds it back as acknowledged.
    await eventually(
      async () =>
        (await remoteEvents()).some(
          (e) =>
            e.kind === 'suppressed' && e.ruleId === 'data-disk' && e.reasonCode === 'acknowledged',
        ),
      "web02's reminder held back as acknowledged",
      120_000,
    );
    expect(mail.received.filter(fromWeb02)).toHaveLength(sentAtAck);

    // Space returns: the alert resolves, its RESOLVED still goes out, the acknowledgement ends.
    rmSync(filler);
    await mail.waitFor(
      () => mail.received.some((m) => fromWeb02(m) && /RESOLVED/.test(subject(m))),
      "web02's RESOLVED email",
      60_000,
    );
    expect(mail.received.filter(fromWeb02).map(subject)).toEqual([
      expect.stringMatching(/^\[Hostwatch\] WARNING web02: /),
      expect.stringMatching(/^\[Hostwatch\] RESOLVED web02: /),
    ]);
    const after = await remoteStatus();
    expect(after.alerts.filter((a) => a.ruleId === 'data-disk')).toEqual([]);
  }, 300_000);
});

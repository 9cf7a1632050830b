/**
 * A hub agent on 127.0.0.1 watching real agents on 127.0.0.2 (web02) and 127.0.0.3 (web03)
 * over pinned TLS with their tokens, every agent sending mail to the real SMTP fixture:
 * - web03's own alert (a memory rule with a 1 % warning level) is emailed once, by web03 itself,
 *   naming web03; the hub records it as web03's event and never emails it a second time;
 * - web02 flapping (stopped and started twice, each time for less than the unreachable delay)
 *   gives no "unreachable" email at all;
 * - web02 stopped gives exactly one FIRING email from the hub naming web02, sent no sooner than
 *   the unreachable delay after the hub last heard from it; started again, one RESOLVED email.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRecord, FleetSummary } from '../../main/shared/contract';
import { DEFAULT_SETTINGS, type Server, type Settings } from '../../main/shared/settings';
import { fetchJson } from '../../main/adapters/fleet/remote-client';
import { parseWatchTarget } from '../../main/shared/watch-target';
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

const running: AgentProcess[] = [];
let smtp: TestSmtpServer | undefined;

afterEach(async () => {
  for (const a of running.splice(0)) {
    a.proc.kill('SIGCONT');
    await a.stop('SIGKILL');
  }
  await smtp?.close();
});

/** Seconds of silence before the hub calls a host unreachable (the schema's least is 10). */
const UNREACHABLE_S = 15;

function writeSettings(dataDir: string, patch: (s: Settings) => Settings): void {
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(patch(DEFAULT_SETTINGS)));
}

/** A remote agent on `host` with TLS and a token, mailing as `<name>@example.com`. */
async function startRemote(name: string, host: string, smtpPort: number) {
  const dataDir = tempDataDir();
  writeSettings(dataDir, (s) => ({
    ...s,
    general: { ...s.general, displayName: name },
    notifications: { ...s.notifications, groupWindowSeconds: 1 },
  }));
  const args = [
    '--host',
    host,
    '--tls',
    '--smtp',
    `smtp://127.0.0.1:${smtpPort}?security=none`,
    '--alert-to',
    'ops@example.com',
    '--alert-from',
    `${name}@example.com`,
  ];
  const agent = await startAgent({ dataDir, args: [...args, '--new-token'] });
  running.push(agent);
  const creds = await tlsCredentials(agent);
  const port = Number(new URL(agent.url).port);
  const remote = { name, host, port, dataDir, agent, ...creds };
  return {
    ...remote,
    /** Stops the process (SIGTERM) and waits for its exit. */
    async stop() {
      await remote.agent.stop();
    },
    /** Starts it again on the same address, port, certificate and token. */
    async restart() {
      remote.agent = await startAgent({ dataDir, args: [...args, '--port', String(port)] });
      running.push(remote.agent);
    },
  };
}

const from = (m: Received) => m.parsed.from?.value[0]?.address ?? '';
const subject = (m: Received) => m.parsed.subject ?? '';

describe('a hub agent emailing about the hosts it watches', () => {
  it('one email per alert: remote alerts by the remote, unreachable by the hub, no storm', async () => {
    smtp = await startSmtpServer();
    const mail = smtp;
    const [web02, web03] = await Promise.all([
      startRemote('web02', '127.0.0.2', mail.port),
      startRemote('web03', '127.0.0.3', mail.port),
    ]);

    const hubDir = tempDataDir();
    const server = (r: { name: string; host: string; port: number }): Server => ({
      id: r.name,
      name: r.name,
      url: `https://${r.host}:${r.port}`,
      fingerprint: null,
      trustSystemCa: false,
      enabled: true,
    });
    // Ids and names from the settings; the token and pin from --watch (same address).
    writeSettings(hubDir, (s) => ({
      ...s,
      general: { ...s.general, displayName: 'hub' },
      notifications: { ...s.notifications, groupWindowSeconds: 1 },
      fleet: {
        ...s.fleet,
        unreachableAfterSeconds: UNREACHABLE_S,
        servers: [server(web02), server(web03)],
      },
    }));
    const hub = await startAgent({
      dataDir: hubDir,
      args: [
        '--watch',
        watchUrl(web02),
        '--watch',
        watchUrl(web03),
        '--smtp',
        `smtp://127.0.0.1:${mail.port}?security=none`,
        '--alert-to',
        'ops@example.com',
        '--alert-from',
        'hub@example.com',
      ],
    });
    running.push(hub);
    const fleet = () => getJson<FleetSummary>(`${hub.url}/api/fleet`).then((r) => r.body);
    const hostOf = async (id: string) => (await fleet()).hosts.find((h) => h.id === id);
    const connected = async (id: string) => {
      const h = await hostOf(id);
      return h?.connection === 'connected' && h.health !== 'unreachable' && h.lastSeen !== null;
    };
    const hubEvents = (host: string) =>
      getJson<EventRecord[]>(`${hub.url}/api/events?host=${host}&limit=500`).then((r) => r.body);
    const unreachableMails = () =>
      mail.received.filter((m) => from(m) === 'hub@example.com' && /unreachable/i.test(subject(m)));

    await eventually(
      async () => (await connected('web02')) && (await connected('web03')),
      'web02 and web03 connected in the hub',
      60_000,
    );

    // web03's own alert, forced once the hub follows it (a 1 % memory warning saved on web03
    // over its pinned TLS with its token): one email from web03 naming it, and the hub
    // records it as web03's event.
    const web03Target = parseWatchTarget(watchUrl(web03));
    if (!web03Target.ok) throw new Error(web03Target.error);
    const view = await fetchJson(web03Target.target, '/api/settings');
    if (!view.ok) throw new Error(view.message);
    const current = (view.body as { settings: Settings }).settings;
    expect(current.general.displayName).toBe('web03');
    const saved = await fetchJson(web03Target.target, '/api/settings', {
      method: 'PUT',
      body: {
        settings: {
          ...current,
          rules: current.rules.map((r) =>
            r.id === 'memory'
              ? { ...r, warning: 1, critical: null, clear: 0.5, forSeconds: 0, repeatMinutes: 0 }
              : r,
          ),
        },
      },
    });
    expect(saved.ok && saved.status).toBe(200);
    await mail.waitFor(
      () => mail.received.some((m) => from(m) === 'web03@example.com'),
      "web03's memory email",
      60_000,
    );
    const remoteEvent = await eventually(
      async () =>
        (await hubEvents('local')).find(
          (e) => e.kind === 'firing' && e.ruleId === 'memory' && e.host === 'web03',
        ),
      "web03's FIRING event in the hub's log",
      30_000,
    );
    expect(remoteEvent.severity).toBe('warning');

    // Flapping: two short stops, each well under the unreachable delay: no alert at all.
    for (let i = 0; i < 2; i++) {
      await web02.stop();
      await web02.restart();
      await eventually(() => connected('web02'), 'web02 back after a quick restart', 30_000);
    }
    const web02Events = await hubEvents('local');
    expect(web02Events.filter((e) => e.ruleId === 'host-unreachable')).toEqual([]);

    // A real stop: the hub says so once, no sooner than the delay after it last heard web02.
    await web02.stop();
    await mail
      .waitFor(() => unreachableMails().length > 0, 'the unreachable FIRING email', 90_000)
      .catch(async (err: unknown) => {
        console.log(
          mail.received.map((m) => `${from(m)} ${subject(m)}`),
          JSON.stringify((await hubEvents('local')).slice(0, 15), null, 1),
          JSON.stringify(await hostOf('web02')),
        );
        throw err;
      });
    const down = await hostOf('web02');
    expect(down?.health).toBe('unreachable');
    const firing = unreachableMails()[0]!;
    expect(subject(firing)).toBe('[Hostwatch] CRITICAL hub: web02 unreachable');
    expect(firing.parsed.text).toContain('web02');
    const sentAt = firing.parsed.date?.getTime() ?? 0;
    expect(sentAt).toBeGreaterThanOrEqual((down?.lastSeen ?? Infinity) + UNREACHABLE_S * 1_000);

    await web02.restart();
    await mail.waitFor(
      () => unreachableMails().some((m) => /RESOLVED/.test(subject(m))),
      'the unreachable RESOLVED email',
      90_000,
    );
    await eventually(() => connected('web02'), 'web02 connected again', 30_000);
    // Give a storm (a reminder, a second FIRING, the remote alert again) the chance to show.
    await new Promise((r) => setTimeout(r, 5_000));

    const hubMails = mail.received.filter((m) => from(m) === 'hub@example.com').map(subject);
    expect(hubMails).toHaveLength(2);
    expect(hubMails[1]).toBe('[Hostwatch] RESOLVED hub: web02 unreachable');
    expect(unreachableMails()[1]!.parsed.inReplyTo).toBe(firing.messageId);
    const web03Mails = mail.received.filter((m) => /web03/.test(subject(m))).map(subject);
    expect(web03Mails).toEqual(['[Hostwatch] WARNING web03: Memory']);
    expect(mail.received.filter((m) => from(m) === 'web03@example.com')).toHaveLength(1);
    // The hub counted every flap above: none of them was an unreachable transition.
    const transitions = (await hubEvents('local')).filter(
      (e) => e.ruleId === 'host-unreachable' && (e.kind === 'firing' || e.kind === 'resolved'),
    );
    expect(transitions.map((e) => e.kind)).toEqual(['resolved', 'firing']); // newest first
  }, 240_000);
});

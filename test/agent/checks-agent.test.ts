/**
 * End to end: the real agent runs endpoint checks against real local servers and mails a real
 * SMTP server. A certificate valid for 5 more days (signed by a test CA, trusted through
 * NODE_EXTRA_CA_CERTS) raises one critical certificate alert whose email gives the exact expiry
 * date; a server answering 500 three times raises "down" once, and the two good runs after it
 * resolve it once. `/metrics` carries the blackbox-style probe series and passes promtool.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addChecks } from '../../main/shared/check-rules';
import { checkSchema } from '../../main/shared/checks';
import type { Status } from '../../main/shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';
import { checkCerts } from '../fixtures/checks/certs';
import { closeAll, httpServer, httpsServer } from '../fixtures/checks/servers';
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp/server';
import { eventually, getJson, startAgent, tempDataDir, type AgentProcess } from './agent-process';

let agent: AgentProcess | undefined;
let smtp: TestSmtpServer | undefined;

afterEach(async () => {
  await agent?.stop('SIGKILL');
  agent = undefined;
  await smtp?.close();
  await closeAll();
});

/** A settings file for web01: emails grouped for 1 s only, sent from a fixed address. */
function writeConfig(dataDir: string, settings: Partial<Settings> = {}): string {
  const config = join(dataDir, 'custom-settings.json');
  const full: Settings = {
    ...DEFAULT_SETTINGS,
    general: { ...DEFAULT_SETTINGS.general, displayName: 'web01' },
    notifications: { ...DEFAULT_SETTINGS.notifications, groupWindowSeconds: 1 },
    smtp: { ...DEFAULT_SETTINGS.smtp, from: 'hostwatch@example.com' },
    ...settings,
  };
  writeFileSync(config, JSON.stringify(full));
  return config;
}

const smtpArgs = (port: number) => [
  '--smtp',
  `smtp://127.0.0.1:${port}?security=none`,
  '--alert-to',
  'ops@example.com',
];

describe('endpoint checks in the agent', () => {
  it('--check on a certificate with 5 days left: one critical certificate email with the expiry date; probe metrics pass promtool', async () => {
    const certs = await checkCerts();
    const port = await httpsServer(certs.fiveDays, (_req, res) => res.end('ok'));
    smtp = await startSmtpServer();
    const dataDir = tempDataDir();
    agent = await startAgent({
      dataDir,
      args: [
        '--config',
        writeConfig(dataDir),
        ...smtpArgs(smtp.port),
        '--check',
        `https://127.0.0.1:${port}/`,
      ],
      env: { NODE_EXTRA_CA_CERTS: certs.caFile },
    });
    const id = `127-0-0-1-${port}`;

    await smtp.waitFor(
      () => smtp!.received.some((m) => /Certificate/.test(m.parsed.subject ?? '')),
      'the certificate email',
      60_000,
    );
    const mail = smtp.received.find((m) => /Certificate/.test(m.parsed.subject ?? ''))!;
    expect(mail.parsed.subject).toBe(`[Hostwatch] CRITICAL web01: Certificate days left ${id}`);
    const expiry = certs.fiveDays.notAfter.toISOString().slice(0, 19).replace('T', ' ');
    expect(mail.parsed.text).toContain(`Certificate expires: ${expiry} UTC`);
    expect(mail.parsed.text).toContain(`URL: https://127.0.0.1:${port}/`);
    expect(mail.parsed.text).toContain('Issuer: CN=Hostwatch Test CA');

    const status = await eventually(async () => {
      const { body } = await getJson<Status>(`${agent!.url}/api/status`);
      return body.checks?.[0]?.last ? body : undefined;
    }, 'a check result in status');
    const row = status.checks![0]!;
    expect(row).toMatchObject({ id, kind: 'http', target: `https://127.0.0.1:${port}/` });
    expect(row.last!.up).toBe(true);
    expect(row.last!.cert!.daysLeft).toBeGreaterThan(4.9);
    expect(row.last!.cert!.daysLeft).toBeLessThan(5.1);
    expect(row.recentMs.length).toBeGreaterThan(0);
    expect(status.alerts.find((a) => a.ruleId === `${id}.cert`)).toMatchObject({
      state: 'firing',
      severity: 'critical',
    });

    const metrics = await (await fetch(`${agent.url}/metrics`)).text();
    expect(metrics).toContain(`hostwatch_probe_success{check="${id}"} 1`);
    expect(metrics).toContain(`hostwatch_probe_http_status_code{check="${id}"} 200`);
    expect(metrics).toMatch(
      new RegExp(`hostwatch_probe_duration_seconds\\{check="${id}",phase="tls"\\} 0\\.\\d+`),
    );
    // X.509 keeps whole seconds.
    const expirySeconds = Math.floor(certs.fiveDays.notAfter.getTime() / 1000);
    expect(metrics).toContain(
      `hostwatch_probe_ssl_earliest_cert_expiry_seconds{check="${id}"} ${expirySeconds}\n`,
    );
    execFileSync('promtool', ['check', 'metrics'], { input: metrics });
  });

  it('a 500 for 3 runs raises "down" once with the failure in words; 2 good runs resolve it once', async () => {
    let hits = 0;
    const port = await httpServer((_req, res) => {
      hits += 1;
      res.statusCode = hits <= 3 ? 500 : 200;
      res.end(hits <= 3 ? 'broken' : 'fine');
    });
    smtp = await startSmtpServer();
    const dataDir = tempDataDir();
    const check = checkSchema.parse({
      id: 'shop',
      name: 'Shop',
      kind: 'http',
      url: `http://127.0.0.1:${port}/health`,
      intervalSeconds: 10,
      timeoutSeconds: 5,
    });
    const { checks, rules } = addChecks(DEFAULT_SETTINGS, [check]);
    agent = await startAgent({
      dataDir,
      args: ['--config', writeConfig(dataDir, { checks, rules }), ...smtpArgs(smtp.port)],
    });
    const subjectOf = (m: TestSmtpServer['received'][number]) => m.parsed.subject ?? '';
    const shopMails = () => smtp!.received.filter((m) => /shop$/.test(subjectOf(m)));

    await smtp.waitFor(() => shopMails().length >= 1, 'the down email', 60_000);
    expect(hits).toBe(3);
    await smtp.waitFor(() => shopMails().length >= 2, 'the back-up email', 60_000);
    expect(hits).toBe(5);
    // One more run must not mail again.
    await eventually(() => Promise.resolve(hits >= 6), 'a sixth run', 30_000);
    await new Promise((r) => setTimeout(r, 2_000));

    const subjects = shopMails().map(subjectOf);
    expect(subjects).toEqual([
      '[Hostwatch] CRITICAL web01: Failures in a row shop',
      '[Hostwatch] RESOLVED web01: Failures in a row shop',
    ]);
    const down = shopMails()[0]!.parsed.text ?? '';
    expect(down).toContain('Check: Shop');
    expect(down).toContain(`URL: http://127.0.0.1:${port}/health`);
    expect(down).toContain('Failure: HTTP status 500');
    expect(down).toContain('Last good: never');
    const events = await getJson<{ kind: string; ruleId?: string }[]>(
      `${agent.url}/api/events?limit=500`,
    );
    const kinds = events.body.filter((e) => e.ruleId === 'shop.down').map((e) => e.kind);
    expect(kinds.filter((k) => k === 'firing')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'resolved')).toHaveLength(1);
  });
});

/**
 * End to end: the real agent, sampling this machine with the default rules (the CPU rule's
 * duration shortened), sends one FIRING email when every core is busy and one RESOLVED email
 * when the load stops, to a real SMTP server over TCP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp/server';
import { startAgent, tempDataDir, type AgentProcess } from './agent-process';

let agent: AgentProcess | undefined;
let smtp: TestSmtpServer | undefined;
const burners: ChildProcess[] = [];

afterEach(async () => {
  for (const b of burners.splice(0)) b.kill('SIGKILL');
  await agent?.stop('SIGKILL');
  await smtp?.close();
});

function burnEveryCore(): void {
  for (let i = 0; i < cpus().length; i++) {
    burners.push(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  }
}

describe('agent alert email', () => {
  it('full CPU load on every core gives one FIRING email, and its end one RESOLVED email', async () => {
    smtp = await startSmtpServer();
    const dataDir = tempDataDir();
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      general: {
        ...DEFAULT_SETTINGS.general,
        displayName: 'web01',
        dashboardUrl: 'http://127.0.0.1:9477/',
      },
      rules: DEFAULT_SETTINGS.rules.map((r) => (r.id === 'cpu' ? { ...r, forSeconds: 4 } : r)),
      notifications: { ...DEFAULT_SETTINGS.notifications, groupWindowSeconds: 2 },
      smtp: { ...DEFAULT_SETTINGS.smtp, from: 'hostwatch@example.com' },
    };
    const config = join(dataDir, 'custom-settings.json');
    writeFileSync(config, JSON.stringify(settings));
    agent = await startAgent({
      dataDir,
      args: [
        '--config',
        config,
        '--smtp',
        `smtp://127.0.0.1:${smtp.port}?security=none`,
        '--alert-to',
        'ops@example.com',
      ],
    });

    burnEveryCore();
    await smtp.waitFor(
      () => smtp!.received.some((m) => /CPU/.test(m.parsed.subject ?? '')),
      'the FIRING email',
      60_000,
    );
    for (const b of burners.splice(0)) b.kill('SIGKILL');
    await smtp.waitFor(
      () => smtp!.received.some((m) => /RESOLVED/.test(m.parsed.subject ?? '')),
      'the RESOLVED email',
      60_000,
    );
    // Give a storm the chance to show itself before counting.
    await new Promise((r) => setTimeout(r, 4_000));

    const cpuMails = smtp.received.filter((m) => /CPU/.test(m.parsed.subject ?? ''));
    const subjects = cpuMails.map((m) => m.parsed.subject);
    expect(subjects).toHaveLength(2);
    expect(subjects[0]).toMatch(/^\[Hostwatch\] (WARNING|CRITICAL) web01: CPU$/);
    expect(subjects[1]).toBe('[Hostwatch] RESOLVED web01: CPU');
    // The RESOLVED threads under its FIRING.
    expect(cpuMails[1]!.parsed.inReplyTo).toBe(cpuMails[0]!.messageId);
    const firing = cpuMails[0]!;
    expect(firing.to).toEqual(['ops@example.com']);
    expect(firing.parsed.text).toMatch(/threshold|Threshold/);
    expect(firing.parsed.html).toBeTruthy();
    expect(firing.parsed.text).toContain('http://127.0.0.1:9477/');
    expect(firing.messageId).toBeTruthy();
  });
});

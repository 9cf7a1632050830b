/**
 * The data disk fills up while an alert fires: the real agent, its data folder on a 2 MB tmpfs,
 * a real SMTP server. The alert email cannot be written to the outbox; status says so; once
 * space returns the email arrives and the notice clears.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Notice, Status } from '../../main/shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp/server';
import { eventually, getJson, startAgent, type AgentProcess } from './agent-process';

const canMount = process.platform === 'linux' && process.getuid?.() === 0;
let mountDir: string;
let configDir: string;
let agent: AgentProcess | undefined;
let smtp: TestSmtpServer | undefined;

beforeAll(() => {
  if (!canMount) return;
  mountDir = mkdtempSync(join(tmpdir(), 'hw-full-'));
  configDir = mkdtempSync(join(tmpdir(), 'hw-full-config-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountDir]);
});

afterEach(async () => {
  await agent?.stop('SIGKILL');
  agent = undefined;
  await smtp?.close();
  smtp = undefined;
});

afterAll(() => {
  if (!canMount) return;
  execFileSync('umount', [mountDir]);
  rmSync(mountDir, { recursive: true, force: true });
  rmSync(configDir, { recursive: true, force: true });
});

/** Writes one file until the tmpfs refuses more: the disk is full. */
function fillDisk(dir: string): string {
  const path = join(dir, 'filler.bin');
  try {
    writeFileSync(path, Buffer.alloc(4 * 1024 * 1024));
  } catch (err) {
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    return path;
  }
  throw new Error('the tmpfs took 4 MB: it is not the 2 MB one');
}

const notice = (s: Status, code: string): Notice | undefined =>
  s.notices.find((n) => n.code === code);

describe.runIf(canMount)('alert email on a full data disk', () => {
  it('is kept, said in status, and arrives once space returns', async () => {
    smtp = await startSmtpServer();
    const base: Settings = {
      ...DEFAULT_SETTINGS,
      general: { ...DEFAULT_SETTINGS.general, displayName: 'web01' },
      notifications: { ...DEFAULT_SETTINGS.notifications, groupWindowSeconds: 0 },
      smtp: {
        ...DEFAULT_SETTINGS.smtp,
        enabled: true,
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        from: 'hostwatch@example.com',
        to: ['ops@example.com'],
      },
    };
    // The settings file lives off the full disk, so the rule change below can be saved.
    const config = join(configDir, 'settings.json');
    writeFileSync(config, JSON.stringify(base));
    agent = await startAgent({ dataDir: mountDir, args: ['--config', config] });
    await eventually(
      async () => (await getJson<Status>(`${agent!.url}/api/status`)).body.snapshot,
      'a first snapshot',
    );

    const filler = fillDisk(mountDir);
    // A memory rule that fires at once: the alert fires while the disk is full.
    const rules = base.rules.map((r) =>
      r.id === 'memory' ? { ...r, warning: 1, critical: null, clear: null, forSeconds: 0 } : r,
    );
    const put = await fetch(`${agent.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ settings: { ...base, rules } }),
    });
    expect(put.status).toBe(200);

    const held = await eventually(
      async () =>
        notice((await getJson<Status>(`${agent!.url}/api/status`)).body, 'email-not-persisted'),
      'the email-not-persisted notice',
      30_000,
    );
    expect(held.params).toMatchObject({ count: 1, error: 'ENOSPC' });
    expect(smtp.received.filter((m) => /Memory/i.test(m.parsed.subject ?? ''))).toHaveLength(0);

    rmSync(filler);
    await smtp.waitFor(
      () => smtp!.received.some((m) => /web01: Memory/i.test(m.parsed.subject ?? '')),
      'the memory alert email',
      60_000,
    );
    await eventually(
      async () =>
        notice((await getJson<Status>(`${agent!.url}/api/status`)).body, 'email-not-persisted') ===
          undefined || null,
      'the notice to clear',
      30_000,
    );
  });
});

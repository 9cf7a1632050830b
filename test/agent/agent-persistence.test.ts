/**
 * Persistence failures of the real agent: its data folder on a 2 MB tmpfs that is filled up, or
 * its logs folder made immutable with `chattr +i`. Each failure is one status notice with code
 * and params; the write is retried and the notice clears once it succeeds; nothing is forgotten
 * across a restart; the console is not flooded.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Notice, Status } from '../../main/shared/contract';
import { eventually, getJson, startAgent, tempDataDir, type AgentProcess } from './agent-process';

const root = process.platform === 'linux' && process.getuid?.() === 0;
let mountDir: string;
let agent: AgentProcess | undefined;
const immutable: string[] = [];

beforeAll(() => {
  if (!root) return;
  mountDir = mkdtempSync(join(tmpdir(), 'hw-persist-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountDir]);
});

afterEach(async () => {
  for (const f of immutable.splice(0)) execFileSync('chattr', ['-i', f]);
  await agent?.stop('SIGKILL');
  agent = undefined;
});

afterAll(() => {
  if (!root) return;
  execFileSync('umount', [mountDir]);
  rmSync(mountDir, { recursive: true, force: true });
});

const status = async (): Promise<Status> =>
  (await getJson<Status>(`${agent!.url}/api/status`)).body;
const byCode = (s: Status, code: string, target?: string): Notice | undefined =>
  s.notices.find((n) => n.code === code && (target === undefined || n.params?.target === target));
const post = (path: string, body: unknown) =>
  fetch(`${agent!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

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

describe.runIf(root)('persistence failures', () => {
  it('snooze and pause on a full disk: a notice, a retry once space returns, kept across a restart', async () => {
    const dataDir = join(mountDir, 'data');
    agent = await startAgent({ dataDir });
    await eventually(async () => (await status()).snapshot, 'a first snapshot');
    const filler = fillDisk(mountDir);

    expect((await post('/api/pause', { paused: true })).status).toBe(200);
    expect((await post('/api/snooze', { duration: '4h' })).status).toBe(200);
    const n = await eventually(
      async () => byCode(await status(), 'persistence-failed', 'state'),
      'the state notice',
    );
    expect(n.params).toMatchObject({
      target: 'state',
      error: 'ENOSPC',
      path: join(dataDir, 'state.json'),
    });
    expect(n.level).toBe('error');

    rmSync(filler);
    await eventually(
      async () => byCode(await status(), 'persistence-failed', 'state') === undefined || null,
      'the state notice to clear',
      30_000,
    );
    const saved = JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as {
      controls: { paused: boolean };
    };
    expect(saved.controls.paused).toBe(true);

    await agent.stop('SIGKILL');
    agent = await startAgent({ dataDir });
    const after = await status();
    expect(after.paused).toBe(true);
    expect(after.snooze.all).not.toBeNull();
  });

  it('an immutable logs folder: reported once, monitoring goes on, logging resumes', async () => {
    const dataDir = tempDataDir();
    const logs = join(dataDir, 'logs');
    mkdirSync(logs, { recursive: true });
    execFileSync('chattr', ['+i', logs]);
    immutable.push(logs);
    agent = await startAgent({ dataDir });
    const n = await eventually(
      async () => byCode(await status(), 'logs-unwritable'),
      'the logs notice',
    );
    expect(n.params).toMatchObject({ error: 'EPERM' });
    // Monitoring goes on: fresh snapshots keep coming.
    const t1 = (await eventually(async () => (await status()).snapshot, 'a snapshot')).time;
    await eventually(async () => ((await status()).snapshot?.time ?? 0) > t1, 'a later snapshot');
    // Generate log lines (each control change logs), then count the complaints on the console.
    for (let i = 0; i < 5; i++) await post('/api/pause', { paused: i % 2 === 0 });
    const complaints = agent.output().match(/logs cannot be written/gi) ?? [];
    expect(complaints).toHaveLength(1);
    expect(agent.output()).not.toMatch(/electron-log\.transports\.file/);

    execFileSync('chattr', ['-i', logs]);
    immutable.splice(0);
    await eventually(
      async () => byCode(await status(), 'logs-unwritable') === undefined || null,
      'the logs notice to clear',
      30_000,
    );
    await post('/api/pause', { paused: false });
    await eventually(
      () =>
        Promise.resolve(
          /Monitoring resumed/.test(readFileSync(join(logs, 'hostwatch.log'), 'utf8')),
        ),
      'a line in the app log',
    );
    expect(statSync(join(logs, 'hostwatch.log')).mode & 0o777).toBe(0o600);
  });

  it('creates every data file 0600 inside a pre-created 0755 folder', async () => {
    const dataDir = tempDataDir();
    execFileSync('chmod', ['0755', dataDir]);
    agent = await startAgent({ dataDir });
    await eventually(async () => (await status()).snapshot, 'a first snapshot');
    const put = await fetch(`${agent.url}/api/settings`, { method: 'GET' });
    const view = (await put.json()) as { settings: unknown };
    await fetch(`${agent.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ settings: view.settings, secrets: { smtpPassword: 'pw' } }),
    });
    await post('/api/pause', { paused: true });
    await agent.stop('SIGTERM');
    agent = undefined;
    const files = execFileSync('find', [dataDir, '-type', 'f'], { encoding: 'utf8' })
      .trim()
      .split('\n');
    for (const name of [
      'settings.json',
      'secrets.json',
      'state.json',
      'events.jsonl',
      'logs/hostwatch.log',
    ])
      expect(files).toContain(join(dataDir, name));
    expect(files.some((f) => f.includes('/history/'))).toBe(true);
    for (const f of files) expect((statSync(f).mode & 0o777).toString(8), f).toBe('600');
  });
});

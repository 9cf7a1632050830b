/**
 * Settings and the SMTP password are saved both or neither, through the real engine, settings
 * store and secrets file, with `chattr +i` making one of the two files refuse writes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeEngine, type NodeEngine } from '../../main/adapters/compose';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';

let dir: string | undefined;
let engine: NodeEngine | undefined;
const immutable: string[] = [];

afterEach(async () => {
  for (const f of immutable.splice(0)) execFileSync('chattr', ['-i', f]);
  await engine?.stop();
  engine = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const named = (displayName: string): Settings => ({
  ...DEFAULT_SETTINGS,
  general: { ...DEFAULT_SETTINGS.general, displayName },
});

function lock(path: string): void {
  execFileSync('chattr', ['+i', path]);
  immutable.push(path);
}

async function setUp(): Promise<NodeEngine> {
  dir = mkdtempSync(join(tmpdir(), 'hw-save-'));
  engine = await createNodeEngine({ dataDir: dir, workerPath: resolve('dist/sampler-worker.js') });
  const first = await engine.api.saveSettings({
    settings: named('before'),
    secrets: { smtpPassword: 'old-password' },
  });
  expect(first.ok).toBe(true);
  return engine;
}

const onDisk = (name: string): string => readFileSync(join(dir!, name), 'utf8');

describe.runIf(process.platform === 'linux')('saving settings with the SMTP password', () => {
  it('keeps the old password when the settings file cannot be written', async () => {
    const e = await setUp();
    lock(join(dir!, 'settings.json'));
    const saved = await e.api.saveSettings({
      settings: named('after'),
      secrets: { smtpPassword: 'new-password' },
    });
    expect(saved.ok).toBe(false);
    if (saved.ok) return;
    expect(saved.error.message).toMatch(/^Settings not saved: .*E(PERM|ACCES)/);
    expect(await e.secrets.get('smtpPassword')).toBe('old-password');
    expect(onDisk('secrets.json')).toContain('old-password');
    expect(onDisk('secrets.json')).not.toContain('new-password');
    expect(JSON.parse(onDisk('settings.json')).general.displayName).toBe('before');
  });

  it('keeps the old settings when the password cannot be written', async () => {
    const e = await setUp();
    lock(join(dir!, 'secrets.json'));
    const saved = await e.api.saveSettings({
      settings: named('after'),
      secrets: { smtpPassword: 'new-password' },
    });
    expect(saved.ok).toBe(false);
    if (saved.ok) return;
    expect(saved.error.fields?.[0]?.path).toBe('secrets.smtpPassword');
    expect(JSON.parse(onDisk('settings.json')).general.displayName).toBe('before');
    const view = await e.api.getSettings(undefined);
    expect(view.ok && view.value.settings.general.displayName).toBe('before');
    expect(await e.secrets.get('smtpPassword')).toBe('old-password');
  });
});

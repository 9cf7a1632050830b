import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogging, type Logging } from '../../main/adapters/logger';
import { migrateSettings, MigrationError } from '../../main/adapters/migrations';
import {
  createSettingsStore,
  SettingsValidationError,
  type CorruptCause,
  SettingsWriteError,
} from '../../main/adapters/settings-store';
import type { LoadedSettings, SettingsStorePort } from '../../main/core/ports';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../main/shared/settings';

let dir: string;
let file: string;
let logging: Logging;
let store: SettingsStorePort;
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 6);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostwatch-settings-'));
  file = join(dir, 'config', 'settings.json');
  logging = createLogging({
    dir: join(dir, 'logs'),
    maxFileMB: 1,
    keepFiles: 1,
    consoleLevel: false,
  });
  store = createSettingsStore({
    path: file,
    logger: logging.scope('settings'),
    clock: { now: () => NOW },
  });
});

afterEach(async () => {
  await logging.close();
  chmodSync(dir, 0o755);
  if (existsSync(join(dir, 'config'))) chmodSync(join(dir, 'config'), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const onDisk = (): unknown => JSON.parse(readFileSync(file, 'utf8'));
const backupName = `settings.json.corrupt-2026-01-02T03-04-05-006Z`;
const appLog = (): string => readFileSync(logging.appLogPath, 'utf8');

function custom(): Settings {
  const s = structuredClone(DEFAULT_SETTINGS);
  s.general.displayName = 'web-01';
  s.logging.keepFiles = 9;
  s.rules[0]!.warning = 80;
  return s;
}

/** Writes `content` to the settings file and expects load() to fall back to defaults with a backup. */
async function expectFallback(
  content: string | Buffer,
  reason: RegExp,
  cause: CorruptCause,
): Promise<LoadedSettings> {
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(file, content);
  const loaded = await store.load();
  expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
  expect(loaded.problem).toMatch(reason);
  expect(loaded.problem).toContain(join(dir, 'config', backupName));
  expect(loaded.problem).toContain('using default settings');
  // The same problem as a notice code, for the UI's own language.
  expect(loaded.problemCode).toBe('settings-corrupt');
  expect(loaded.problemParams).toMatchObject({
    path: file,
    cause,
    backup: join(dir, 'config', backupName),
  });
  // The bad file is kept byte for byte, and a good file with defaults takes its place.
  expect(readFileSync(join(dir, 'config', backupName))).toEqual(Buffer.from(content));
  expect(onDisk()).toEqual(DEFAULT_SETTINGS);
  expect(appLog()).toContain(backupName);
  return loaded;
}

describe('load', () => {
  it('creates the file with defaults when it is missing', async () => {
    const loaded = await store.load();
    expect(loaded).toEqual({ settings: DEFAULT_SETTINGS });
    expect(onDisk()).toEqual(DEFAULT_SETTINGS);
  });

  it('reads back what save wrote', async () => {
    await store.save(custom());
    expect(await store.load()).toEqual({ settings: custom() });
    expect(readdirSync(join(dir, 'config'))).toEqual(['settings.json']); // no temp files left behind
  });

  it('fills fields missing from an older file with defaults and writes them back', async () => {
    const { logging: _logging, ...partial } = custom();
    const { subjectPrefix: _prefix, ...smtp } = partial.smtp;
    mkdirSync(join(dir, 'config'));
    writeFileSync(file, JSON.stringify({ ...partial, smtp }));

    const loaded = await store.load();
    expect(loaded.problem).toBeUndefined();
    expect(loaded.settings.general.displayName).toBe('web-01');
    expect(loaded.settings.logging).toEqual(DEFAULT_SETTINGS.logging);
    expect(loaded.settings.smtp.subjectPrefix).toBe('[Hostwatch]');
    expect(onDisk()).toEqual(loaded.settings);
  });

  it('keeps a file truncated mid-write as a backup and starts on defaults', async () => {
    const good = JSON.stringify(custom(), null, 2);
    await expectFallback(
      good.slice(0, Math.floor(good.length / 2)),
      /not valid JSON \(it may have been cut off/,
      'not-json',
    );
  });

  it('keeps an empty file as a backup', async () => {
    await expectFallback('', /is empty/, 'empty');
  });

  it('keeps garbage bytes as a backup', async () => {
    await expectFallback(
      Buffer.concat([Buffer.from([0xff, 0xfe, 0x00]), randomBytes(256)]),
      /not valid JSON/,
      'not-json',
    );
  });

  it('keeps a file with invalid values as a backup and names the field', async () => {
    const bad = structuredClone(custom()) as unknown as { rules: { warning: number }[] };
    bad.rules[0]!.warning = 150;
    const loaded = await expectFallback(
      JSON.stringify(bad),
      /invalid values \(.*rules\.0\.warning: A percentage is at most 100/,
      'invalid-values',
    );
    expect(loaded.problemParams?.fields).toContain('rules.0.warning');
  });

  it('keeps a file from a newer version as a backup', async () => {
    await expectFallback(
      JSON.stringify({ ...custom(), version: 3 }),
      /newer Hostwatch/,
      'not-upgradable',
    );
  });

  it('keeps a JSON array as a backup', async () => {
    await expectFallback('[1,2]', /does not contain a settings object/, 'not-object');
  });

  it('treats an unreadable path as a problem, not a crash', async () => {
    mkdirSync(file, { recursive: true }); // a directory where the file should be: EISDIR
    const loaded = await store.load();
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.problem).toMatch(/could not be read \(EISDIR/);
    expect(loaded.problemParams).toMatchObject({ cause: 'unreadable', error: 'EISDIR' });
    expect(existsSync(join(dir, 'config', backupName))).toBe(true);
  });
});

describe('problem', () => {
  it('repeats the problem on later loads until settings are saved', async () => {
    const first = await expectFallback('{"version":', /not valid JSON/, 'not-json');
    const again = await store.load();
    expect(again.problem).toContain(backupName);
    expect(again).toMatchObject({
      problemCode: 'settings-corrupt',
      problemParams: first.problemParams,
    });
    await store.save(custom());
    expect(await store.load()).toEqual({ settings: custom() });
  });
});

describe('migrations', () => {
  it('upgrades the pre-release file (version 0) and writes version 2', async () => {
    mkdirSync(join(dir, 'config'));
    writeFileSync(file, JSON.stringify({ cpuThreshold: 90, email: 'ops@example.com' }));

    const loaded = await store.load();
    expect(loaded.problem).toBeUndefined();
    const cpu = loaded.settings.rules.find((r) => r.id === 'cpu');
    expect(cpu).toMatchObject({ metric: 'cpu.total', warning: 90, critical: 95, clear: 75 });
    expect(loaded.settings.rules).toHaveLength(DEFAULT_SETTINGS.rules.length);
    expect(loaded.settings.smtp.to).toEqual(['ops@example.com']);
    expect(loaded.settings.notifications.email).toBe(true);
    expect(onDisk()).toMatchObject({ version: 2, smtp: { to: ['ops@example.com'] }, checks: [] });
    expect(appLog()).toContain('settings migrated from version 0 to 1');
    expect(appLog()).toContain('settings migrated from version 1 to 2');
  });

  it('keeps the CPU rule valid for thresholds near 100', () => {
    const { settings, from, applied } = migrateSettings({ cpuThreshold: 99 });
    expect(from).toBe(0);
    expect(applied.map((m) => m.to)).toEqual([1, 2]);
    const parsed = settingsSchema.parse({ ...structuredClone(DEFAULT_SETTINGS), ...settings });
    expect(parsed.rules[0]).toMatchObject({ warning: 99, critical: 99, clear: 75 });
  });

  it('leaves a current file alone and refuses an unknown version', () => {
    expect(migrateSettings({ version: 2, x: 1 })).toEqual({
      settings: { version: 2, x: 1 },
      from: 2,
      applied: [],
    });
    expect(() => migrateSettings({ version: 'one' })).toThrow(MigrationError);
  });
});

describe('save', () => {
  it('refuses invalid settings with field errors and writes nothing', async () => {
    await store.save(custom());
    const before = readFileSync(file);
    const bad = structuredClone(custom());
    bad.sampling.intervalSeconds = 0;
    bad.smtp = { ...bad.smtp, enabled: true, host: '' };

    const error = await store.save(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsValidationError);
    const fields = (error as SettingsValidationError).fields.map((f) => f.path);
    expect(fields).toEqual(expect.arrayContaining(['sampling.intervalSeconds', 'smtp.host']));
    expect(readFileSync(file)).toEqual(before);
  });

  it('gives a clear error and keeps the old file when the folder is not writable', async () => {
    await store.save(custom());
    const before = readFileSync(file);
    chmodSync(join(dir, 'config'), 0o555);
    const changed = structuredClone(custom());
    changed.general.displayName = 'web-02';

    const error = await asUnprivileged(() => store.save(changed)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsWriteError);
    expect((error as Error).message).toContain(`Could not save settings to ${file}`);
    expect((error as Error).message).toMatch(/EACCES|permission denied/);
    expect((error as Error).message).toContain('previous settings file is unchanged');
    expect(readFileSync(file)).toEqual(before);
    expect(readdirSync(join(dir, 'config'))).toEqual(['settings.json']);
  });
});

/**
 * Runs `fn` without root's power to write anywhere: as root (CI containers), the effective uid
 * drops to `nobody` for the call, so the folder's permissions apply as they would for a user.
 */
async function asUnprivileged<T>(fn: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0 || !process.seteuid) return fn();
  process.seteuid(65534);
  try {
    return await fn();
  } finally {
    process.seteuid(0);
  }
}

/** Settings version 2 (endpoint checks): a real version-1 file gains an empty checks list. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../main/adapters/settings-store';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../main/shared/settings';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('settings migration to version 2', () => {
  it('a version-1 file loads with no checks and its own values kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostwatch-mig-'));
    const path = join(dir, 'settings.json');
    const { checks: _none, ...v1 } = {
      ...DEFAULT_SETTINGS,
      version: 1,
      general: { ...DEFAULT_SETTINGS.general, displayName: 'web01' },
    };
    writeFileSync(path, JSON.stringify(v1));
    const store = createSettingsStore({ path, logger: quiet });
    const loaded = await store.load();
    expect(SETTINGS_VERSION).toBe(2);
    expect(loaded.problem).toBeUndefined();
    expect(loaded.settings.version).toBe(2);
    expect(loaded.settings.checks).toEqual([]);
    expect(loaded.settings.general.displayName).toBe('web01');
    await store.save(loaded.settings);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ version: 2, checks: [] });
  });
});

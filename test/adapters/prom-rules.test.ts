/**
 * The exported rules checked by the real promtool: `promtool check rules` accepts them and
 * `promtool test rules` agrees with the expectations Hostwatch's RuleEngine computed, for the
 * default settings and an edited set; without the hysteresis clause it does not. Also the settings
 * reader: a missing file is the defaults, a bad one is refused in words.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ExportSettingsError,
  readSettingsForExport,
  testFilePath,
  writePromRules,
} from '../../main/adapters/prom-rules-file';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';

const PROMTOOL = '/usr/bin/promtool';

function promtool(...args: string[]): { status: number | null; output: string } {
  const r = spawnSync(PROMTOOL, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hostwatch-promrules-'));
}

/** Default settings edited the ways an operator would: thresholds, a mount, disabled, critical only, Korean. */
function editedSettings(): Settings {
  const byId = new Map(DEFAULT_SETTINGS.rules.map((r) => [r.id, r]));
  return {
    ...DEFAULT_SETTINGS,
    general: { ...DEFAULT_SETTINGS.general, language: 'ko' },
    rules: [
      { ...byId.get('cpu')!, warning: 70, critical: 90, clear: 60, forSeconds: 120 },
      { ...byId.get('memory')!, enabled: false },
      { ...byId.get('swap')!, warning: null, critical: 80, clear: 60, forSeconds: 45 },
      { ...byId.get('disk')!, id: 'disk-data', target: '/data', forSeconds: 30 },
      { ...byId.get('temperature')!, forSeconds: 0 },
      { ...byId.get('network')!, enabled: true, target: 'eth1', forSeconds: 20 },
      { ...byId.get('load')!, clear: null },
    ],
  };
}

async function exportTo(settings: Settings, options?: { hysteresis?: boolean }) {
  const dir = tempDir();
  return writePromRules(settings, join(dir, 'hostwatch.rules.yml'), options);
}

describe('promtool on the exported rules', () => {
  it('accepts and proves the default settings', async () => {
    const files = await exportTo(DEFAULT_SETTINGS);
    expect(files.tests).toBe(testFilePath(files.rules));
    const check = promtool('check', 'rules', files.rules);
    expect(check.output).toContain('SUCCESS: 12 rules found');
    expect(check.status).toBe(0);
    const test = promtool('test', 'rules', files.tests);
    expect(test.output).toContain('SUCCESS');
    expect(test.status).toBe(0);
  });

  it('accepts and proves an edited set, with Korean annotations and the disabled rule left out', async () => {
    const files = await exportTo(editedSettings());
    const text = readFileSync(files.rules, 'utf8');
    expect(text).toContain('# Disabled rules, left out: memory.');
    expect(text).not.toContain('HostwatchMemory');
    expect(text).toContain('hostwatch_filesystem_used_ratio{mountpoint="/data"}');
    expect(text).toContain(
      'hostwatch_network_receive_bytes_per_second{device="eth1"} >= 100000000',
    );
    expect(text).toContain('CPU 70% 이상');
    const rules = (parse(text) as { groups: { rules: { alert: string }[] }[] }).groups[0]!.rules;
    // swap: critical only; network: warning only; the other four both; memory left out.
    expect(rules.map((r) => r.alert).filter((a) => a.startsWith('HostwatchSwap'))).toEqual([
      'HostwatchSwapCritical',
    ]);
    expect(rules).toHaveLength(2 + 1 + 2 + 2 + 1 + 2);
    const check = promtool('check', 'rules', files.rules);
    expect(check.status, check.output).toBe(0);
    const test = promtool('test', 'rules', files.tests);
    expect(test.output).toContain('SUCCESS');
    expect(test.status).toBe(0);
  });

  it('fails the generated tests when the hysteresis clause is dropped', async () => {
    for (const settings of [DEFAULT_SETTINGS, editedSettings()]) {
      const files = await exportTo(settings, { hysteresis: false });
      expect(promtool('check', 'rules', files.rules).status).toBe(0);
      const test = promtool('test', 'rules', files.tests);
      expect(test.status).not.toBe(0);
      expect(test.output).toContain('FAILED');
      // The scenario that hovers between the clear and the warning level is what catches it.
      expect(test.output).toMatch(/name: cpu: hover/);
    }
  });

  it('fails the generated tests when the rules file disagrees with the settings', async () => {
    const files = await exportTo(DEFAULT_SETTINGS);
    // A hand edit of one threshold (85% → 80%) makes Prometheus fire where Hostwatch would not.
    const rules = readFileSync(files.rules, 'utf8').replace(
      'hostwatch_cpu_usage_ratio >= 0.85 or',
      'hostwatch_cpu_usage_ratio >= 0.8 or',
    );
    writeFileSync(files.rules, rules);
    const test = promtool('test', 'rules', files.tests);
    expect(test.status).not.toBe(0);
    expect(test.output).toContain('HostwatchCpuWarning');
  });
});

describe('readSettingsForExport', () => {
  it('reads a missing file as the default settings', async () => {
    await expect(readSettingsForExport(join(tempDir(), 'none.json'))).resolves.toEqual(
      DEFAULT_SETTINGS,
    );
  });

  it('reads a valid file, and a pre-release one through the migrations', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.json'), JSON.stringify(editedSettings()));
    expect((await readSettingsForExport(join(dir, 's.json'))).general.language).toBe('ko');
    writeFileSync(join(dir, 'v0.json'), JSON.stringify({ cpuThreshold: 70 }));
    const v0 = await readSettingsForExport(join(dir, 'v0.json'));
    expect(v0.rules.find((r) => r.id === 'cpu')?.warning).toBe(70);
  });

  it('refuses bad files in words and leaves them where they are', async () => {
    const dir = tempDir();
    const path = join(dir, 'settings.json');
    writeFileSync(path, '{ not json');
    await expect(readSettingsForExport(path)).rejects.toThrow(/is not valid JSON/);
    const bad = { ...DEFAULT_SETTINGS, rules: [{ ...DEFAULT_SETTINGS.rules[0]!, warning: 150 }] };
    writeFileSync(path, JSON.stringify(bad));
    const err = await readSettingsForExport(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportSettingsError);
    expect((err as Error).message).toContain('rules.0.warning: A percentage is at most 100');
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(bad));
  });
});

/**
 * `agent.js export-rules`: the packaged agent's subcommand writes the rules and the promtool test
 * file, refuses bad settings and bad options in words, and never starts the agent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPromRulesYaml, renderPromTestsYaml } from '../../main/adapters/prom-rules-file';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import { runAgentToExit, tempDataDir } from './agent-process';

describe('agent.js export-rules', () => {
  it('writes the rules for a missing settings file (the defaults) and the test file beside them', async () => {
    const dir = tempDataDir();
    const out = join(dir, 'prom', '..', 'hostwatch.rules.yml');
    const r = await runAgentToExit([
      'export-rules',
      '--config',
      join(dir, 'missing.json'),
      '--out',
      out,
    ]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain(`Wrote 6 rule(s) to ${join(dir, 'hostwatch.rules.yml')}`);
    expect(r.output).toContain(`Wrote promtool tests to ${join(dir, 'hostwatch.rules.test.yml')}`);
    expect(r.output).not.toContain('listening');
    expect(readFileSync(join(dir, 'hostwatch.rules.yml'), 'utf8')).toBe(
      renderPromRulesYaml(DEFAULT_SETTINGS),
    );
    expect(readFileSync(join(dir, 'hostwatch.rules.test.yml'), 'utf8')).toBe(
      renderPromTestsYaml(DEFAULT_SETTINGS, 'hostwatch.rules.yml'),
    );
  });

  it('uses the settings of --config, in their language', async () => {
    const dir = tempDataDir();
    const config = join(dir, 'settings.json');
    writeFileSync(
      config,
      JSON.stringify({
        ...DEFAULT_SETTINGS,
        general: { ...DEFAULT_SETTINGS.general, language: 'ko' },
      }),
    );
    const r = await runAgentToExit([
      'export-rules',
      '--config',
      config,
      '--out',
      join(dir, 'r.yml'),
    ]);
    expect(r.code, r.output).toBe(0);
    expect(readFileSync(join(dir, 'r.yml'), 'utf8')).toContain('CPU 85% 이상');
    expect(readFileSync(join(dir, 'r.test.yml'), 'utf8')).toContain('rule_files:\n  - r.yml');
  });

  it('refuses invalid settings and unknown options with a message and exit code 2', async () => {
    const dir = tempDataDir();
    const config = join(dir, 'settings.json');
    writeFileSync(config, JSON.stringify({ ...DEFAULT_SETTINGS, rules: 'none' }));
    const bad = await runAgentToExit([
      'export-rules',
      '--config',
      config,
      '--out',
      join(dir, 'r.yml'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.output).toContain(`The settings file ${config} has invalid values`);
    expect(bad.output).toContain('rules:');

    const unknown = await runAgentToExit(['export-rules', '--port', '1']);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain("Unknown option '--port'");
    expect(unknown.output).toContain('Usage: hostwatch-agent export-rules');
  });
});

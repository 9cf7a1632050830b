/**
 * deploy/prometheus/: the committed rules equal a fresh export of the default settings (so they
 * never drift), `promtool check config` accepts prometheus.yml with its files in place, and
 * `amtool check-config` accepts alertmanager.yml.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderPromRulesYaml, renderPromTestsYaml } from '../../main/adapters/prom-rules-file';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import { testCert } from '../fixtures/smtp/cert';

const DEPLOY = fileURLToPath(new URL('../../deploy/prometheus/', import.meta.url));

function run(cmd: string, args: string[], cwd: string): { status: number | null; output: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('deploy/prometheus', () => {
  it('holds the rules and tests exported from the default settings, unchanged', () => {
    expect(readFileSync(join(DEPLOY, 'hostwatch.rules.yml'), 'utf8')).toBe(
      renderPromRulesYaml(DEFAULT_SETTINGS),
    );
    expect(readFileSync(join(DEPLOY, 'hostwatch.rules.test.yml'), 'utf8')).toBe(
      renderPromTestsYaml(DEFAULT_SETTINGS, 'hostwatch.rules.yml'),
    );
  });

  it('has a prometheus.yml that promtool accepts with its rules, CA and token in place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostwatch-deploy-'));
    for (const f of ['prometheus.yml', 'hostwatch.rules.yml']) {
      copyFileSync(join(DEPLOY, f), join(dir, f));
    }
    const config = parse(readFileSync(join(dir, 'prometheus.yml'), 'utf8')) as {
      scrape_configs: {
        scheme: string;
        tls_config: { ca_file: string };
        authorization: { credentials_file: string };
      }[];
    };
    const scrape = config.scrape_configs[0]!;
    expect(scrape.scheme).toBe('https');
    writeFileSync(join(dir, scrape.tls_config.ca_file), (await testCert()).cert);
    writeFileSync(join(dir, scrape.authorization.credentials_file), 'token\n', { mode: 0o600 });
    const check = run('/usr/bin/promtool', ['check', 'config', 'prometheus.yml'], dir);
    expect(check.output).toContain('SUCCESS: 12 rules found');
    expect(check.status).toBe(0);
  });

  it('fails the config check when the token file is missing (the check is real)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostwatch-deploy-'));
    for (const f of ['prometheus.yml', 'hostwatch.rules.yml']) {
      copyFileSync(join(DEPLOY, f), join(dir, f));
    }
    const check = run('/usr/bin/promtool', ['check', 'config', 'prometheus.yml'], dir);
    expect(check.status).not.toBe(0);
    expect(check.output).toContain('hostwatch-token');
  });

  it('has an alertmanager.yml that amtool accepts, routing to email and inhibiting warnings', () => {
    const check = run('/usr/bin/amtool', ['check-config', 'alertmanager.yml'], DEPLOY);
    expect(check.output).toContain('SUCCESS');
    expect(check.output).toContain('1 inhibit rules');
    expect(check.status).toBe(0);
    const config = parse(readFileSync(join(DEPLOY, 'alertmanager.yml'), 'utf8')) as {
      receivers: { email_configs?: unknown[] }[];
    };
    expect(config.receivers[0]!.email_configs).toHaveLength(1);
  });
});

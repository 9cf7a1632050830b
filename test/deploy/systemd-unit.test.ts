/**
 * The shipped systemd unit (deploy/systemd/hostwatch-agent.service), checked by systemd's own
 * tools: `systemd-analyze verify` inside a throw-away root that holds the system's units and the
 * unit's ExecStart binary where `npm install -g` puts it, and `systemd-analyze security` offline.
 */
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SECRET_ENV } from '../../main/adapters/secrets-file';
import { runAgentToExit, tempDataDir } from '../agent/agent-process';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const UNIT = join(root, 'deploy/systemd/hostwatch-agent.service');
const ENV_EXAMPLE = join(root, 'deploy/systemd/agent.env.example');
const SYSTEM_UNITS = '/usr/lib/systemd/system';

/** `Key=value` lines of one section, in order (a key may repeat). */
function section(text: string, name: string): [string, string][] {
  const out: [string, string][] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header?.[1]) current = header[1];
    else if (current === name) {
      const eq = line.indexOf('=');
      out.push([line.slice(0, eq), line.slice(eq + 1)]);
    }
  }
  return out;
}

const unitText = readFileSync(UNIT, 'utf8');
const service = new Map(section(unitText, 'Service'));
const execStart = (service.get('ExecStart') ?? '').split(/\s+/);

/** A root with the system's units and the unit installed; `binary` false leaves ExecStart missing. */
function fakeRoot(unit: string, binary = true): { dir: string; unitPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hostwatch-unit-root-'));
  cpSync(SYSTEM_UNITS, join(dir, SYSTEM_UNITS), { recursive: true, verbatimSymlinks: true });
  const unitPath = join(dir, 'etc/systemd/system/hostwatch-agent.service');
  mkdirSync(join(dir, 'etc/systemd/system'), { recursive: true });
  writeFileSync(unitPath, unit);
  if (binary) {
    const bin = join(dir, execStart[0] ?? '');
    mkdirSync(join(bin, '..'), { recursive: true });
    writeFileSync(bin, '#!/bin/sh\n');
    chmodSync(bin, 0o755);
  }
  return { dir, unitPath };
}

async function verify(unit: string, binary = true): Promise<{ code: number; stderr: string }> {
  const { dir, unitPath } = fakeRoot(unit, binary);
  try {
    const { stderr } = await run('systemd-analyze', ['verify', `--root=${dir}`, unitPath]);
    return { code: 0, stderr };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('systemd unit', () => {
  it('passes systemd-analyze verify with no warning at all', async () => {
    expect(await verify(unitText)).toEqual({ code: 0, stderr: '' });
  });

  it('is checked for real: a typo, a bad value and a missing binary are reported', async () => {
    const typo = await verify(unitText.replace('ProtectSystem=', 'ProtectSytem='));
    expect(typo.stderr).toMatch(/Unknown key 'ProtectSytem'/);
    const bad = await verify(unitText.replace('NoNewPrivileges=yes', 'NoNewPrivileges=maybe'));
    expect(bad.stderr).toMatch(/Failed to parse boolean/);
    const missing = await verify(unitText, false);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/is not executable/);
  });

  it('has [Unit] and [Install], runs unprivileged and hardened, with no secret inline', () => {
    expect(section(unitText, 'Unit').length).toBeGreaterThan(0);
    expect(new Map(section(unitText, 'Install')).get('WantedBy')).toBe('multi-user.target');
    expect(service.get('DynamicUser')).toBe('yes');
    expect(service.has('User')).toBe(false);
    expect(service.get('ProtectSystem')).toBe('strict');
    expect(service.get('StateDirectory')).toBe('hostwatch');
    expect(service.get('NoNewPrivileges')).toBe('yes');
    expect(service.get('CapabilityBoundingSet')).toBe('');
    expect(service.get('EnvironmentFile')).toBe('/etc/hostwatch/agent.env');
    expect(service.has('Environment')).toBe(false);
    expect(unitText).not.toMatch(/PASSWORD|TOKEN=|:\/\/[^\s/]*:[^\s/]*@/);
    // The data folder is the state directory, and nothing runs npm.
    expect(execStart.slice(execStart.indexOf('--data-dir'))[1]).toBe('/var/lib/hostwatch');
    expect(service.get('ExecStart')).not.toMatch(/\bnpm\b|\bsh\b/);
  });

  it('scores as well hardened in systemd-analyze security (exposure at most 2.5)', async () => {
    const { dir, unitPath } = fakeRoot(unitText);
    const { stdout } = await run('systemd-analyze', [
      'security',
      '--offline=yes',
      `--root=${dir}`,
      '--threshold=25',
      '--no-pager',
      unitPath,
    ]);
    const exposure = Number(/Overall exposure level for \S+: ([\d.]+)/.exec(stdout)?.[1]);
    expect(exposure).toBeLessThanOrEqual(2.5);
  });

  it('ships an env example whose every name is one the agent reads', () => {
    const names = readFileSync(ENV_EXAMPLE, 'utf8')
      .split('\n')
      .map((l) => /^#?(HOSTWATCH_[A-Z_]+)=/.exec(l.trim())?.[1])
      .filter((n): n is string => Boolean(n));
    expect(names).toContain('HOSTWATCH_TOKEN');
    expect(names).toContain('HOSTWATCH_SMTP_PASSWORD');
    const agentSource = readFileSync(join(root, 'main/agent.ts'), 'utf8');
    const known = new Set([...Object.values(SECRET_ENV), ...agentSource.match(/HOSTWATCH_\w+/g)!]);
    expect(names.filter((n) => !known.has(n))).toEqual([]);
    // The copy an admin makes must be 0600; the README's install line says so.
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toMatch(/install -m 0600 \S*agent\.env\.example \/etc\/hostwatch\/agent\.env/);
  });

  it("its ExecStart options, with the example's empty token, make the agent refuse in words", async () => {
    const args = execStart.slice(1).map((a) => (a === '/var/lib/hostwatch' ? tempDataDir() : a));
    const { code, output } = await runAgentToExit(args, { HOSTWATCH_TOKEN: '' });
    expect(code).toBe(2);
    expect(output).toMatch(/Refusing to listen on 0\.0\.0\.0 without a token/);
  });
});

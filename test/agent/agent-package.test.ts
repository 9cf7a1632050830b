/**
 * The agent as a server admin installs it: `npm run pack:agent`'s tarball, installed with
 * `npm install --omit=dev` into an empty folder, started through its `hostwatch-agent` bin with
 * plain Node (no npm in the process tree), serving the real engine and the dashboard.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Status } from '../../main/shared/contract';
import { eventually, getJson } from './agent-process';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

let installDir = '';

beforeAll(async () => {
  const packDir = mkdtempSync(join(tmpdir(), 'hostwatch-pack-'));
  const { stdout } = await run(process.execPath, ['scripts/pack-agent.mjs', '--out', packDir], {
    cwd: root,
  });
  const tarball = stdout.trim().split('\n').at(-1) ?? '';
  expect(existsSync(tarball)).toBe(true);
  installDir = mkdtempSync(join(tmpdir(), 'hostwatch-install-'));
  await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', tarball], {
    cwd: installDir,
  });
}, 240_000);

/** Every package folder under node_modules, scoped ones as `@scope/name`. */
function installedPackages(dir: string): string[] {
  const top = join(dir, 'node_modules');
  return readdirSync(top)
    .filter((n) => !n.startsWith('.'))
    .flatMap((n) => (n.startsWith('@') ? readdirSync(join(top, n)).map((s) => `${n}/${s}`) : [n]));
}

describe('the packed agent', () => {
  it('installs with --omit=dev: only the runtime libraries, no Electron, Vite or esbuild', () => {
    const installed = installedPackages(installDir);
    expect(installed).toContain('hostwatch-agent');
    expect(installed).toContain('nodemailer');
    expect(installed).toContain('systeminformation');
    const forbidden =
      /^(electron|electron-builder|vite|vitest|esbuild|@esbuild\/.*|rolldown|react|react-dom|typescript)$/;
    expect(installed.filter((n) => forbidden.test(n))).toEqual([]);
    // No native module: nothing to compile or download on the server.
    expect(
      installed.filter((n) => existsSync(join(installDir, 'node_modules', n, 'binding.gyp'))),
    ).toEqual([]);
    const pkg = JSON.parse(
      readFileSync(join(installDir, 'node_modules/hostwatch-agent/package.json'), 'utf8'),
    ) as { dependencies: Record<string, string>; engines?: { node?: string } };
    const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    expect(pkg.engines?.node).toBe(rootPkg.engines.node);
    // The service unit and its env example ship with it, identical to deploy/systemd/.
    for (const file of ['hostwatch-agent.service', 'agent.env.example']) {
      expect(
        readFileSync(join(installDir, 'node_modules/hostwatch-agent/systemd', file), 'utf8'),
      ).toBe(readFileSync(join(root, 'deploy/systemd', file), 'utf8'));
    }
    // Every bare import of the bundles is a declared dependency (or a Node built-in).
    for (const file of ['agent-main.js', 'sampler-worker.js']) {
      const code = readFileSync(join(installDir, 'node_modules/hostwatch-agent', file), 'utf8');
      // esbuild writes each import on a line of its own; dynamic ones as import("x").
      const specifiers = [
        ...code.matchAll(/^import\s+(?:[\w*{}\s,$]+\s+from\s+)?["']([^"']+)["'];?$/gm),
        ...code.matchAll(/\bimport\(["']([^"']+)["']\)/g),
      ]
        .map((m) => m[1] ?? '')
        .filter((s) => !s.startsWith('.'));
      expect(specifiers.length).toBeGreaterThan(0);
      const undeclared = specifiers
        .filter((s) => !s.startsWith('node:'))
        .map((s) => /^(@[^/]+\/[^/]+|[^/]+)/.exec(s)?.[1] ?? s)
        .filter((n) => !(n in pkg.dependencies));
      expect(undeclared, file).toEqual([]);
    }
  });

  it('starts from its bin with plain node, serves status and the dashboard, and stops cleanly', async () => {
    const bin = join(installDir, 'node_modules/.bin/hostwatch-agent');
    const dataDir = mkdtempSync(join(tmpdir(), 'hostwatch-packed-data-'));
    // The bin itself is executed (its shebang picks node), as a service's ExecStart would.
    const proc = spawn(bin, ['--port', '0', '--data-dir', dataDir, '--quiet'], {
      cwd: installDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
    try {
      const url = await eventually(
        () => Promise.resolve(/listening on (http:\/\/\S+)/.exec(output)?.[1]),
        `the listening line (output so far: ${output})`,
        30_000,
      );
      // The process that listens is node itself running the installed bundle: no npm, no shell.
      const exe = realpathSync(`/proc/${proc.pid}/exe`);
      expect(exe).toMatch(/\/node(js)?$/);
      const cmdline = readFileSync(`/proc/${proc.pid}/cmdline`, 'utf8').split('\0');
      expect(cmdline).toContain('--no-opt');
      const script = cmdline.find((a) => a.includes('hostwatch-agent')) ?? '';
      expect(realpathSync(script)).toBe(
        realpathSync(join(installDir, 'node_modules/hostwatch-agent/agent.js')),
      );

      const status = await eventually(async () => {
        const { body } = await getJson<Status>(`${url}/api/status`);
        return body.snapshot?.values['cpu.total'] !== undefined ? body : undefined;
      }, 'a status with a CPU value from the packed sampler worker');
      expect(status.health).toMatch(/ok|warning|critical/);
      expect(status.snapshot?.values['mem.total_bytes']).toBeGreaterThan(0);

      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root">/);
      expect(existsSync(join(dataDir, 'settings.json'))).toBe(true);
    } finally {
      proc.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped cleanly.');
    expect(output).not.toMatch(/is not defined|Cannot find (module|package)/);
  });
});

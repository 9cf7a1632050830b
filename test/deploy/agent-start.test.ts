/**
 * `npm run agent` on a fresh build: the staleness check in scripts/build.mjs must not load the
 * bundlers (esbuild, Vite) at all, so starting the agent costs a plain Node start-up and needs no
 * development tool. A resolve hook that refuses esbuild and vite proves it.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
// Registered before build.mjs runs: resolving esbuild or vite fails the process.
const refuseBundlers = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(
  "export async function resolve(s, c, next) {" +
  "  if (/^(esbuild|vite)$/.test(s)) throw new Error('loaded bundler ' + s);" +
  "  return next(s, c);" +
  "}"));
`)}`;

describe('npm run agent', () => {
  it('skips the build on a fresh dist/ without loading esbuild or Vite', async () => {
    // The suite's global setup has just built dist/, so the check finds it fresh.
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', refuseBundlers, 'scripts/build.mjs', '--if-stale'],
      { cwd: root },
    );
    expect(stderr).toBe('');
    expect(stdout).toBe('');
  });

  it('is caught by the hook when a build is due (the check is real)', async () => {
    // Without --if-stale the script always builds, so it must reach the refused import.
    const failed = await run(
      process.execPath,
      ['--import', refuseBundlers, 'scripts/build.mjs', '--main'],
      {
        cwd: root,
      },
    ).then(
      () => null,
      (err: { stderr: string }) => err,
    );
    expect(failed?.stderr).toMatch(/loaded bundler esbuild/);
  });

  it('runs the agent with plain node after the check, with the flags the package bin carries', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.agent).toMatch(
      /^node scripts\/build\.mjs --if-stale && node (--[\w-]+(=\S+)? )+dist\/agent\.js$/,
    );
  });
});

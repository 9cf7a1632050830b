// Builds Hostwatch: the Node bundles (agent, sampler worker, Electron main and preload) with
// esbuild, and the renderer with Vite. `--main` builds only the Node bundles; `--if-stale` skips
// the build when dist/ is newer than every source file.
import { readdirSync, readFileSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

if (args.has('--if-stale') && existsSync(join(root, 'dist/.stamp'))) {
  const built = statSync(join(root, 'dist/.stamp')).mtimeMs;
  const src = Math.max(newest(join(root, 'main')), newest(join(root, 'renderer')));
  if (built > src) process.exit(0);
}

// Loaded only once a build is due, so `npm run agent` on a fresh build never loads the bundlers.
const { build } = await import('esbuild');
const { agentBundleOptions } = await import('./agent-bundle.mjs');
const { build: viteBuild } = await import('vite');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  build({
    ...common,
    ...agentBundleOptions(rootPkg),
    outdir: 'dist',
  }),
  build({
    ...common,
    entryPoints: { main: 'main/app/main.ts' },
    outdir: 'dist/app',
    format: 'esm',
    packages: 'external',
  }),
  // Modules for the benchmarks that use them: pure core (bench/backtest-bench.mjs) and the
  // seeded week of history written through the real store (bench/memory-bench.mjs), and the
  // store itself (bench/raw-save-bench.mjs).
  build({
    ...common,
    entryPoints: {
      backtest: 'main/core/backtest.ts',
      history: 'main/core/history.ts',
      'history-store': 'main/adapters/history-store.ts',
      'seed-history': 'test/e2e/seed-history.ts',
    },
    outdir: 'dist/bench',
    format: 'esm',
    packages: 'external',
  }),
  // A sandboxed preload must be a single CommonJS file that requires nothing but electron.
  build({
    ...common,
    entryPoints: { preload: 'main/app/preload.ts' },
    outdir: 'dist/app',
    format: 'cjs',
    external: ['electron'],
    outExtension: { '.js': '.cjs' },
  }),
]);

if (!args.has('--main')) {
  // Vitest runs with NODE_ENV=test, which would make Vite bundle development React.
  process.env.NODE_ENV = 'production';
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

writeFileSync(join(root, 'dist/.stamp'), new Date().toISOString());

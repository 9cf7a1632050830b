// Builds the installable agent package (`npm run pack:agent`): dist/agent-package/ holds the agent
// and its sampler worker bundled from main/, the dashboard, the systemd unit, and a package.json
// with a `hostwatch-agent` bin whose dependencies are exactly the libraries the bundles import,
// at the app's versions. So `npm install --omit=dev hostwatch-agent-*.tgz` on a server pulls in
// no Electron, Vite or esbuild and no native module, and the bin runs with plain `node`.
// The libraries stay real packages rather than bundled in: bundled, the agent's peak RSS rose from
// 74 to 82 MB (bench/agent-bench.mjs), past the 80 MB target. Prints the tarball's path.
//
//   node scripts/pack-agent.mjs [--out DIR]     (tarball goes to DIR, default dist/)
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { agentNodeFlags } from './agent-flags.mjs';
import { agentBundleOptions } from './agent-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const outIndex = argv.indexOf('--out');
const outDir =
  outIndex >= 0 && argv[outIndex + 1] ? resolve(argv[outIndex + 1]) : join(root, 'dist');
const pkgDir = join(root, 'dist/agent-package');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// The dashboard comes from the normal build; build it first when it is missing or stale.
execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], {
  stdio: 'inherit',
});
if (!existsSync(join(root, 'dist/renderer/index.html'))) {
  throw new Error('dist/renderer/index.html is missing after the build');
}

/** The app's dependencies that the bundles import (bare specifiers), at the app's versions. */
function runtimeDependencies(meta) {
  const names = new Set();
  for (const output of Object.values(meta.outputs)) {
    for (const { path, external } of output.imports) {
      if (!external || path.startsWith('node:')) continue;
      names.add(/^(@[^/]+\/[^/]+|[^/]+)/.exec(path)[1]);
    }
  }
  const deps = {};
  for (const name of [...names].sort()) {
    const version = rootPkg.dependencies[name];
    // A dev-only tool imported by the agent would otherwise be missing on the server.
    if (!version) throw new Error(`the agent imports ${name}, which is not in "dependencies"`);
    if (name === 'electron') throw new Error('the agent bundle imports electron');
    deps[name] = version;
  }
  return deps;
}

rmSync(pkgDir, { recursive: true, force: true });
mkdirSync(pkgDir, { recursive: true });

// The same Node flags as `npm run agent` (package.json is their one source), carried in the
// shebang so that `hostwatch-agent` and a service's ExecStart get them without a wrapper process.
const shebang = `#!/usr/bin/env -S node ${agentNodeFlags(rootPkg.scripts.agent).join(' ')}`.trim();
const { metafile } = await build({
  absWorkingDir: root,
  ...agentBundleOptions(rootPkg),
  outdir: pkgDir,
  metafile: true,
  logLevel: 'warning',
});
const agentJs = join(pkgDir, 'agent.js');
writeFileSync(agentJs, `${shebang}\n${readFileSync(agentJs, 'utf8')}`);
chmodSync(agentJs, 0o755);
const dependencies = runtimeDependencies(metafile);
cpSync(join(root, 'dist/renderer'), join(pkgDir, 'renderer'), { recursive: true });
// The service unit and its env example travel with the package, so the server has them.
cpSync(join(root, 'deploy/systemd'), join(pkgDir, 'systemd'), { recursive: true });

const pkg = {
  name: 'hostwatch-agent',
  version: rootPkg.version,
  description:
    'Hostwatch headless agent: server health, alert emails, dashboard, JSON + SSE API, /metrics.',
  license: rootPkg.license,
  author: rootPkg.author,
  type: 'module',
  bin: { 'hostwatch-agent': 'agent.js' },
  engines: rootPkg.engines,
  os: ['linux', 'darwin', 'win32'],
  files: ['agent.js', 'agent-main.js', 'sampler-worker.js', 'renderer/', 'systemd/', 'README.md'],
  dependencies,
};
writeFileSync(join(pkgDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(
  join(pkgDir, 'README.md'),
  '# hostwatch-agent\n\nThe headless Hostwatch agent. `hostwatch-agent --help` lists its options; ' +
    'the Hostwatch README ("Deploying the agent on a server") explains the systemd service.\n',
);

mkdirSync(outDir, { recursive: true });
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
    cwd: pkgDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }),
);
console.log(join(outDir, packed[0].filename));

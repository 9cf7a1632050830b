// Builds the installable agent package (`npm run pack:agent`): dist/agent-package/ holds the agent
// and its sampler worker bundled WITH their runtime libraries (fastify, nodemailer, zod, …), the
// dashboard, and a package.json with a `hostwatch-agent` bin and no dependencies, so
// `npm install --omit=dev hostwatch-agent-*.tgz` on a server pulls in nothing (no Electron, Vite
// or esbuild) and the bin runs with plain `node`. Prints the tarball's path.
//
//   node scripts/pack-agent.mjs [--out DIR]     (tarball goes to DIR, default dist/)
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { agentNodeFlags } from './agent-flags.mjs';

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

/** The license texts of every npm package that went into the bundles (their licenses ask for it). */
function thirdPartyLicenses(meta) {
  const dirs = new Set();
  for (const input of Object.keys(meta.inputs)) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]);
  }
  const parts = [];
  for (const dir of [...dirs].sort()) {
    const { name, version, license } = JSON.parse(
      readFileSync(join(root, dir, 'package.json'), 'utf8'),
    );
    const file = readdirSync(join(root, dir)).find((f) => /^(licen[cs]e|copying)/i.test(f));
    const text = file ? readFileSync(join(root, dir, file), 'utf8').trim() : `License: ${license}`;
    parts.push(`${name}@${version} (${license})\n\n${text}\n`);
  }
  return parts.join(`\n${'-'.repeat(72)}\n\n`);
}

rmSync(pkgDir, { recursive: true, force: true });
mkdirSync(pkgDir, { recursive: true });

// The same Node flags as `npm run agent` (package.json is their one source), carried in the
// shebang so that `hostwatch-agent` and a service's ExecStart get them without a wrapper process.
const shebang = `#!/usr/bin/env -S node ${agentNodeFlags(rootPkg.scripts.agent).join(' ')}`.trim();
// CommonJS libraries inside an ESM bundle still call require() for Node built-ins and read
// __filename / __dirname (write-file-atomic does), which ES modules do not define.
const cjsShim = [
  "import { createRequire as __hwCreateRequire } from 'node:module';",
  "import { fileURLToPath as __hwFileURLToPath } from 'node:url';",
  "import { dirname as __hwDirname } from 'node:path';",
  'const require = __hwCreateRequire(import.meta.url);',
  'const __filename = __hwFileURLToPath(import.meta.url);',
  'const __dirname = __hwDirname(__filename);',
].join('\n');

const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: { agent: 'main/agent.ts', 'sampler-worker': 'main/adapters/sampler/worker.ts' },
  outdir: pkgDir,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  // electron-log/node probes for `electron` inside a try/catch; the agent never has it.
  external: ['electron'],
  banner: { js: cjsShim },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
const agentJs = join(pkgDir, 'agent.js');
writeFileSync(agentJs, `${shebang}\n${readFileSync(agentJs, 'utf8')}`);
chmodSync(agentJs, 0o755);
writeFileSync(join(pkgDir, 'THIRD-PARTY-LICENSES.txt'), thirdPartyLicenses(metafile));
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
  files: [
    'agent.js',
    'sampler-worker.js',
    'renderer/',
    'systemd/',
    'THIRD-PARTY-LICENSES.txt',
    'README.md',
  ],
  // Every runtime library is bundled into agent.js and sampler-worker.js.
  dependencies: {},
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

// The esbuild options of the agent's bundles, shared by scripts/build.mjs (dist/: what the tests
// and benchmarks run) and scripts/pack-agent.mjs (the npm package a server installs), so both
// ship the same code.
import { cjsBuiltins, cjsBuiltinsBanner } from './cjs-builtins.mjs';

/**
 * Dependencies bundled into agent.js instead of installed beside it. electron-log so that its
 * built-ins go through cjs-builtins.mjs (its remote transport, never used by the agent, requires
 * `https` at load); zod because it is 225 files whose loading one by one was a sixth of start-up.
 */
export const BUNDLED_PACKAGES = ['electron-log', 'zod'];

/** esbuild options for the agent and its sampler worker, given the root package.json. */
export function agentBundleOptions(rootPkg) {
  return {
    // agent.js turns on the compile cache, then loads agent-main.js (main/agent-entry.ts).
    entryPoints: {
      agent: 'main/agent-entry.ts',
      'agent-main': 'main/agent.ts',
      'sampler-worker': 'main/adapters/sampler/worker.ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    outExtension: { '.js': '.js' },
    external: Object.keys(rootPkg.dependencies)
      .filter((name) => !BUNDLED_PACKAGES.includes(name))
      .flatMap((name) => [name, `${name}/*`]),
    // V8 keeps every module's source in the heap and parses it at start-up: without comments and
    // whitespace the agent's source is ~half the size, and pure ASCII (one comment's "≥" made
    // the whole string two bytes a character). Names stay, so stack traces read as before.
    minifyWhitespace: true,
    minifySyntax: true,
    // Built-ins through require(), the heavy ones on first use (see cjs-builtins.mjs).
    plugins: [cjsBuiltins],
    banner: { js: cjsBuiltinsBanner },
  };
}

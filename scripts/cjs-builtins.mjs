// An esbuild plugin for the agent's ESM bundles: Node's built-in modules are loaded with
// `require()` (through `createRequire`), not with `import`.
//
// Why: an ESM `import … from 'node:http'` makes Node build an ES module facade of the built-in,
// and the facade reads every export, lazy ones included. In Node 22 `node:http` lazily exports
// `WebSocket`, `CloseEvent` and `MessageEvent` from undici, so the import alone loads Node's whole
// fetch implementation (and `node:crypto`'s facade loads WebCrypto): ~3 MB of resident memory
// in the agent, which never calls fetch at idle. `require()` returns the module object itself,
// whose lazy exports stay unloaded until used. Imports of the built-ins keep their names, so the
// bundle reads as before; only the loading differs.
import { builtinModules } from 'node:module';

const builtins = new Set(builtinModules);
const NAMESPACE = 'node-builtin-require';

/** The banner that defines the bundle's require for built-ins. */
export const cjsBuiltinsBanner =
  "import { createRequire as __hostwatchCreateRequire } from 'node:module';" +
  ' const __hostwatchRequire = __hostwatchCreateRequire(import.meta.url);';

/** @type {import('esbuild').Plugin} */
export const cjsBuiltins = {
  name: 'cjs-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_]+(\/[a-z_]+)?$/ }, (args) => {
      const bare = args.path.replace(/^node:/, '');
      if (!builtins.has(bare)) return undefined;
      return { path: `node:${bare}`, namespace: NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: `module.exports = __hostwatchRequire(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

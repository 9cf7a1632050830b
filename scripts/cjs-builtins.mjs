// An esbuild plugin for the agent's ESM bundles: Node's built-in modules are loaded with
// `require()` (through `createRequire`), not with `import`, and the heavy ones only on first use.
//
// Why require: an ESM `import … from 'node:http'` makes Node build an ES module facade of the
// built-in, and the facade reads every export, lazy ones included. In Node 22 `node:http` lazily
// exports `WebSocket`, `CloseEvent` and `MessageEvent` from undici, so the import alone loads
// Node's whole fetch implementation (and `node:crypto`'s facade loads WebCrypto): ~3 MB of
// resident memory in the agent, which never calls fetch at idle. `require()` returns the module
// object itself, whose lazy exports stay unloaded until used.
//
// Why on first use: an agent without endpoint checks, a fleet or TLS never touches `tls` and
// `https` (3 MB loaded), nor `child_process`, `dgram`, `cluster`, `worker_threads` or `zlib`,
// yet they load at start-up because a module imports them at its top (electron-log's remote
// transport requires `https`). For those, the module object is a stand-in that lists the real
// export names (read from this Node at build time) and loads the module the first time one of
// them is read. Imports keep their names, so the bundle reads as before; only the loading differs.
import { builtinModules, createRequire } from 'node:module';

const builtins = new Set(builtinModules);
const NAMESPACE = 'node-builtin-require';
const require = createRequire(import.meta.url);

/** Built-ins loaded when first used rather than at start-up. */
export const LAZY_BUILTINS = new Set([
  'tls',
  'https',
  'child_process',
  'dgram',
  'cluster',
  'worker_threads',
  'zlib',
]);

/** The banner that defines the bundle's require for built-ins and the lazy stand-in. */
export const cjsBuiltinsBanner =
  "import { createRequire as __hostwatchCreateRequire } from 'node:module';" +
  ' const __hostwatchRequire = __hostwatchCreateRequire(import.meta.url);' +
  // `__esModule` is what the bundle's interop reads when it takes the module in: not an export.
  ' const __hostwatchLazy = (id, names) => { let real; const load = () => (real ??= __hostwatchRequire(id));' +
  ' const own = new Set(names); return new Proxy({}, {' +
  " get: (_t, key) => (key === '__esModule' ? undefined : load()[key])," +
  ' set: (_t, key, value) => { load()[key] = value; return true; },' +
  ' has: (_t, key) => own.has(key) || key in load(),' +
  ' ownKeys: () => [...own],' +
  ' getOwnPropertyDescriptor: (_t, key) => (own.has(key) ? { configurable: true, enumerable: true, get: () => load()[key] } : undefined),' +
  ' }); };';

/** @type {import('esbuild').Plugin} */
export const cjsBuiltins = {
  name: 'cjs-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_]+(\/[a-z_]+)?$/ }, (args) => {
      const bare = args.path.replace(/^node:/, '');
      if (!builtins.has(bare)) return undefined;
      return { path: `node:${bare}`, namespace: NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
      const id = JSON.stringify(args.path);
      const bare = args.path.replace(/^node:/, '');
      const contents = LAZY_BUILTINS.has(bare)
        ? `module.exports = __hostwatchLazy(${id}, ${JSON.stringify(Object.keys(require(bare)))});`
        : `module.exports = __hostwatchRequire(${id});`;
      return { contents, loader: 'js' };
    });
  },
};

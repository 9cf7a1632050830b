/**
 * The agent's entry point (dist/agent.js): turns on Node's compile cache, then loads the agent
 * itself (dist/agent-main.js, built from main/agent.ts). V8 then reads the agent's compiled
 * code from the cache on every start after the first instead of compiling ~1 MB of JavaScript
 * again: a fifth less start-up CPU (bench/startup-bench.mjs). The cache lives where Node keeps
 * it (NODE_COMPILE_CACHE, else the temporary directory); when it cannot be written, the agent
 * starts as before.
 */
import * as nodeModule from 'node:module';

// Node 22.1 added it; the @types/node this repository pins does not declare it yet.
const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
try {
  enableCompileCache?.();
} catch {
  // An older Node or an unwritable cache directory: start without it.
}
// A specifier esbuild leaves alone: agent-main.js is a bundle of its own, loaded after the call.
const agentMain = './agent-main.js';
await import(agentMain);

// Resolve hook (runs on Node's loader thread): maps the bare specifier 'electron' to the stub.
const STUB = new URL('./electron-stub.mjs', import.meta.url).href;

/** Node module customization hook: `electron` is the stub, everything else resolves as usual. */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STUB, format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}

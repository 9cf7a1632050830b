/**
 * Secure contexts of checks: one for the default trust store (the system roots and
 * NODE_EXTRA_CA_CERTS), and for checks with an extra CA file the system roots, the file's
 * certificates and, because a custom `ca` replaces the default store, NODE_EXTRA_CA_CERTS again.
 * Each is built once (per file content), since building a context with ~150 roots costs about
 * half a millisecond of CPU, which tls.connect would otherwise spend on every connection.
 */
import { readFile } from 'node:fs/promises';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { CheckError } from './context';

const cache = new Map<string, SecureContext>();
const CACHE_MAX = 16;
let extra: Promise<string | null> | undefined;
let defaultContext: SecureContext | undefined;

/** The secure context for a check's CA file, or the shared one of the default trust store. */
export async function secureContextFor(caFile: string | undefined): Promise<SecureContext> {
  if (caFile === undefined) return (defaultContext ??= createSecureContext());
  const pem = await readFile(caFile, 'utf8').catch(() => '');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new CheckError({ kind: 'ca-file', path: caFile });
  }
  const hit = cache.get(pem);
  if (hit) return hit;
  extra ??= readExtraCerts();
  const env = await extra;
  let context: SecureContext;
  try {
    context = createSecureContext({ ca: [...rootCertificates, ...(env ? [env] : []), pem] });
  } catch {
    throw new CheckError({ kind: 'ca-file', path: caFile });
  }
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(pem, context);
  return context;
}

function readExtraCerts(): Promise<string | null> {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  return file ? readFile(file, 'utf8').catch(() => null) : Promise.resolve(null);
}

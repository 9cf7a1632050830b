/**
 * The agent's own certificate: generated on first start into `<data dir>/tls/` (key mode 0600)
 * and reused on every later start, so the fingerprint watchers pinned stays valid. A damaged
 * pair is never replaced silently: that would change the fingerprint under every watcher.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { hostname as osHostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { pemFingerprint } from './fingerprint';

/** A certificate and key the agent serves with. */
export interface AgentCertificate {
  readonly cert: string;
  readonly key: string;
  /** `SHA256:AB:CD:…` of the (leaf) certificate. */
  readonly fingerprint: string;
  /** Where it came from: generated now, reused from the data folder, or given by the user. */
  readonly source: 'generated' | 'reused' | 'files';
  /** Path of the certificate file. */
  readonly certPath: string;
}

/** File names inside the data folder. */
export const TLS_DIR = 'tls';
const CERT_FILE = 'cert.pem';
const KEY_FILE = 'key.pem';
/** A pinned certificate need not expire soon; ten years avoids a surprise re-pin. */
const VALID_YEARS = 10;

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/**
 * Names the certificate is valid for: the bind address and the host name, plus loopback and,
 * for a wildcard bind, every address of this machine, so a browser's name check can pass too.
 */
export function subjectAltNames(
  bindHost: string,
  machineName: string = osHostname(),
): { dns: string[]; ips: string[] } {
  const dns = new Set<string>(['localhost']);
  const ips = new Set<string>(['127.0.0.1', '::1']);
  const add = (name: string): void => {
    const n = name.replace(/^\[|\]$/g, '').toLowerCase();
    if (n === '' || isWildcard(n)) return;
    if (isIP(n)) ips.add(n);
    else dns.add(n);
  };
  add(machineName);
  add(bindHost);
  if (isWildcard(bindHost)) {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) add(a.address.split('%', 1)[0] ?? '');
    }
  }
  return { dns: [...dns], ips: [...ips] };
}

/** Generates a new self-signed certificate (EC P-256, SHA-256) for a bind address. */
export async function generateCertificate(
  bindHost: string,
  machineName: string = osHostname(),
): Promise<{ cert: string; key: string }> {
  const { dns, ips } = subjectAltNames(bindHost, machineName);
  const now = new Date();
  const notAfter = new Date(now);
  notAfter.setFullYear(now.getFullYear() + VALID_YEARS);
  // Loaded only when a certificate is made (first TLS start): selfsigned brings a whole X.509
  // and ASN.1 library that every other start would load for nothing (README "Cost").
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: machineName || 'hostwatch' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...dns.map((value) => ({ type: 2 as const, value })),
          ...ips.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** Checks that a key belongs to a certificate; throws in words otherwise. */
function assertPair(cert: string, key: string, where: string): void {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (err) {
    throw new Error(`${where}: the certificate cannot be read (${(err as Error).message})`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch (err) {
    throw new Error(`${where}: the private key cannot be read (${(err as Error).message})`);
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new Error(`${where}: the private key does not belong to the certificate`);
  }
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Loads the agent's certificate from the data folder, generating it on first start. Throws in
 * words when only half of the pair exists or the pair is damaged.
 */
export async function loadOrCreateCertificate(
  dataDir: string,
  bindHost: string,
): Promise<AgentCertificate> {
  const dir = join(dataDir, TLS_DIR);
  const certPath = join(dir, CERT_FILE);
  const keyPath = join(dir, KEY_FILE);
  const [cert, key] = await Promise.all([readIfExists(certPath), readIfExists(keyPath)]);
  if (cert !== null && key !== null) {
    assertPair(cert, key, `The agent certificate in ${dir}`);
    return { cert, key, fingerprint: pemFingerprint(cert), source: 'reused', certPath };
  }
  if (cert !== null || key !== null) {
    throw new Error(
      `${dir} holds only ${cert !== null ? CERT_FILE : KEY_FILE}: restore the other file, or ` +
        `delete the folder to make a new certificate (watchers must then pin the new fingerprint)`,
    );
  }
  const made = await generateCertificate(bindHost);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Key first, 0600 from its first byte (write-file-atomic creates the temp file with the mode).
  await writeFileAtomic(keyPath, made.key, { mode: 0o600 });
  await writeFileAtomic(certPath, made.cert, { mode: 0o644 });
  return { ...made, fingerprint: pemFingerprint(made.cert), source: 'generated', certPath };
}

/** Loads a certificate and key the user gave (`--tls-cert`, `--tls-key`); throws in words. */
export async function loadCertificateFiles(
  certPath: string,
  keyPath: string,
): Promise<AgentCertificate> {
  const read = async (path: string, what: string): Promise<string> => {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      throw new Error(
        `Cannot read the TLS ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
  };
  const [cert, key] = await Promise.all([read(certPath, 'certificate'), read(keyPath, 'key')]);
  assertPair(cert, key, `--tls-cert ${certPath} / --tls-key ${keyPath}`);
  return { cert, key, fingerprint: pemFingerprint(cert), source: 'files', certPath };
}

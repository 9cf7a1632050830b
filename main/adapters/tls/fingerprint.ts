/**
 * Certificate fingerprints as the agent prints them and a watcher pins them:
 * `SHA256:AB:CD:…`, the SHA-256 of the DER certificate (what `openssl x509 -fingerprint
 * -sha256` shows after its `sha256 Fingerprint=`).
 */
import { X509Certificate } from 'node:crypto';
import { normalizeFingerprint } from '../../shared/watch-target';

/** Fingerprint of the first certificate of a PEM text, `SHA256:AB:CD:…`. */
export function pemFingerprint(pem: string | Buffer): string {
  return fromColonHex(new X509Certificate(pem).fingerprint256);
}

/** Fingerprint of a DER certificate (e.g. `TLSSocket.getPeerCertificate().raw`). */
export function derFingerprint(der: Buffer): string {
  return fromColonHex(new X509Certificate(der).fingerprint256);
}

/** `AB:CD:…` (Node's `fingerprint256`) → `SHA256:AB:CD:…`. */
export function fromColonHex(colonHex: string): string {
  const fp = normalizeFingerprint(colonHex);
  if (fp === null) throw new Error(`not a SHA-256 fingerprint: ${colonHex}`);
  return fp;
}

/**
 * TLS sessions of checks, so most runs resume instead of doing a full handshake (no certificate
 * chain sent, parsed or verified; the costliest part of an https check's CPU).
 *
 * Guarantee: a session is kept only after a full handshake whose certificate was valid for the
 * host, together with the certificate details read in that handshake; it is offered again for at
 * most {@link FULL_HANDSHAKE_EVERY_MS} of wall-clock time, and never once that certificate's
 * notAfter has passed, so a renewed or expiring certificate is seen within that time and an
 * expired one on the first run after its expiry. Days left are recomputed on every run.
 */
import type { CheckCert } from '../../shared/checks';

/** Longest time between two full handshakes of one target. */
export const FULL_HANDSHAKE_EVERY_MS = 10 * 60_000;
/** Targets remembered at once (the oldest is dropped first). */
const MAX_SESSIONS = 1_024;

/** What a full handshake learned, and the newest ticket to resume it with. */
export interface KeptSession {
  /** The newest session ticket; undefined until the server has sent one. */
  session: Buffer | undefined;
  /** The earliest-expiring certificate of the chain at the full handshake. */
  readonly cert: CheckCert | null;
  /** Wall-clock ms of the full handshake. */
  readonly fullAt: number;
}

const kept = new Map<string, KeptSession>();

/** The key of one target: a session is only offered to the same name, port and trust. */
export function sessionKey(host: string, port: number, caFile: string | undefined): string {
  return `${host}\0${port}\0${caFile ?? ''}`;
}

/** The session to offer for `key` at wall-clock `now`, or undefined when a full one is due. */
export function sessionToOffer(key: string, now: number): KeptSession | undefined {
  const s = kept.get(key);
  if (!s?.session) return undefined;
  const age = now - s.fullAt;
  const expired = s.cert !== null && s.cert.notAfter <= now;
  if (age < 0 || age >= FULL_HANDSHAKE_EVERY_MS || expired) {
    kept.delete(key);
    return undefined;
  }
  return s;
}

/** Keeps the outcome of a valid full handshake (its ticket may follow later). */
export function keepSession(key: string, entry: KeptSession): void {
  kept.delete(key);
  if (kept.size >= MAX_SESSIONS) kept.delete(kept.keys().next().value!);
  kept.set(key, entry);
}

/** Forgets a target (its certificate was not valid, or it refused to resume). */
export function forgetSession(key: string): void {
  kept.delete(key);
}

/** The kept certificate with days left as of `now`. */
export function certAt(cert: CheckCert | null, now: number): CheckCert | null {
  return cert && { ...cert, daysLeft: (cert.notAfter - now) / 86_400_000 };
}

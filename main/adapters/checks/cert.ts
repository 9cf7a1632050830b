/**
 * The TLS handshake of a check and what it learns about the certificate. The handshake never
 * rejects an invalid certificate itself: it always completes (when the peer lets it), so the
 * chain's expiry is reported even when the check then fails as expired, untrusted or mismatched.
 */
import { isIP, type Socket } from 'node:net';
import {
  connect as tlsConnect,
  type DetailedPeerCertificate,
  type SecureContext,
  type TLSSocket,
} from 'node:tls';
import type { CheckFailure } from '../../shared/check-failures';
import type { CheckCert } from '../../shared/checks';
import { waitFor, type RunContext } from './context';

const DAY_MS = 86_400_000;

/** What a handshake gave. */
export interface Handshake {
  readonly socket: TLSSocket;
  /** The earliest-expiring certificate of the chain, or null when none was presented. */
  readonly cert: CheckCert | null;
  /** Why the certificate is not valid for this host, or null when it is. */
  readonly failure: CheckFailure | null;
}

/** Runs the handshake over a connected socket; `now` is the wall clock for days left. */
export async function handshake(
  ctx: RunContext,
  socket: Socket,
  host: string,
  secureContext: SecureContext | undefined,
  now: number,
): Promise<Handshake> {
  const finish = ctx.enter('tls', 'tls');
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const tls = tlsConnect({
    socket,
    host: bare,
    // SNI must not carry an IP address (RFC 6066); the identity check then uses `host`.
    ...(isIP(bare) === 0 ? { servername: bare } : {}),
    rejectUnauthorized: false,
    ...(secureContext ? { secureContext } : {}),
    ALPNProtocols: ['http/1.1'],
  });
  ctx.adopt(socket, tls);
  await waitFor(ctx, tls, 'secureConnect');
  finish();
  const chain = chainOf(tls.getPeerCertificate(true));
  const cert = earliest(chain, now);
  return { socket: tls, cert, failure: tls.authorized ? null : classify(tls, bare, chain) };
}

function chainOf(leaf: DetailedPeerCertificate | undefined): DetailedPeerCertificate[] {
  const chain: DetailedPeerCertificate[] = [];
  const seen = new Set<string>();
  let c = leaf;
  // The root's issuerCertificate is itself; an incomplete chain ends in undefined.
  while (c && c.fingerprint256 && !seen.has(c.fingerprint256)) {
    seen.add(c.fingerprint256);
    chain.push(c);
    c = c.issuerCertificate;
  }
  return chain;
}

function earliest(chain: readonly DetailedPeerCertificate[], now: number): CheckCert | null {
  let best: CheckCert | null = null;
  for (const c of chain) {
    const notAfter = Date.parse(c.valid_to);
    if (!Number.isFinite(notAfter) || (best && best.notAfter <= notAfter)) continue;
    best = {
      daysLeft: (notAfter - now) / DAY_MS,
      subject: dn(c.subject),
      issuer: dn(c.issuer),
      notAfter,
      validFrom: Date.parse(c.valid_from),
    };
  }
  return best;
}

/** A distinguished name as `CN=…, O=…`. */
function dn(name: Record<string, string | string[] | undefined> | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .filter((e): e is [string, string | string[]] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

function classify(
  tls: TLSSocket,
  host: string,
  chain: readonly DetailedPeerCertificate[],
): CheckFailure {
  // Node puts the OpenSSL or identity-check code here as a string, despite the Error type.
  const raw = tls.authorizationError as unknown;
  const code =
    typeof raw === 'string' ? raw : String((raw as { code?: string } | null)?.code ?? raw);
  const dates = (pick: (c: DetailedPeerCertificate) => string) =>
    chain.map((c) => Date.parse(pick(c))).filter(Number.isFinite);
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return { kind: 'tls-expired', notAfter: Math.min(...dates((c) => c.valid_to)) };
    case 'CERT_NOT_YET_VALID':
      return { kind: 'tls-not-yet-valid', validFrom: Math.max(...dates((c) => c.valid_from)) };
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return { kind: 'tls-hostname-mismatch', host };
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return { kind: 'tls-untrusted', reason: 'self-signed' };
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return { kind: 'tls-untrusted', reason: 'unknown-issuer' };
    default:
      return { kind: 'tls-untrusted', reason: 'other' };
  }
}

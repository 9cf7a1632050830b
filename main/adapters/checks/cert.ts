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
import { certAt, forgetSession, keepSession, sessionToOffer, type KeptSession } from './sessions';

const DAY_MS = 86_400_000;
/** `['http/1.1']` in ALPN's wire form, built once instead of by tls.connect on every run. */
const ALPN_HTTP1 = Buffer.from('\x08http/1.1', 'latin1');

/** What a handshake gave. */
export interface Handshake {
  readonly socket: TLSSocket;
  /** The earliest-expiring certificate of the chain, or null when none was presented. */
  readonly cert: CheckCert | null;
  /** Why the certificate is not valid for this host, or null when it is. */
  readonly failure: CheckFailure | null;
}

/**
 * Runs the handshake over a connected socket; `now` is the wall clock for days left. With a
 * `sessionKey`, a session kept from an earlier valid full handshake is resumed (sessions.ts):
 * the certificate details then come from that handshake.
 */
export async function handshake(
  ctx: RunContext,
  socket: Socket,
  host: string,
  secureContext: SecureContext | undefined,
  now: number,
  sessionKey?: string,
): Promise<Handshake> {
  const finish = ctx.enter('tls', 'tls');
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const offered = sessionKey === undefined ? undefined : sessionToOffer(sessionKey, now);
  const tls = tlsConnect({
    ...(offered?.session ? { session: offered.session } : {}),
    socket,
    host: bare,
    // SNI must not carry an IP address (RFC 6066); the identity check then uses `host`.
    ...(isIP(bare) === 0 ? { servername: bare } : {}),
    rejectUnauthorized: false,
    ...(secureContext ? { secureContext } : {}),
    ALPNProtocols: ALPN_HTTP1,
  });
  ctx.adopt(socket, tls);
  // TLS 1.3 sends tickets after the handshake, TLS 1.2 during it: listen from the start.
  let ticket: Buffer | undefined;
  let entry: KeptSession | undefined;
  tls.on('session', (s: Buffer) => {
    ticket = s;
    if (entry) entry.session = s;
  });
  await waitFor(ctx, tls, 'secureConnect');
  finish();
  // A resumed session was verified (chain and host) in the full handshake it came from.
  if (offered && tls.isSessionReused() && tls.authorized) {
    entry = offered;
    if (ticket) offered.session = ticket;
    return { socket: tls, cert: certAt(offered.cert, now), failure: null };
  }
  const chain = chainOf(tls.getPeerCertificate(true));
  const cert = earliest(chain, now);
  const failure = tls.authorized ? null : classify(tls, bare, chain);
  if (sessionKey !== undefined) {
    if (failure === null) {
      entry = { session: ticket, cert, fullAt: now };
      keepSession(sessionKey, entry);
    } else forgetSession(sessionKey);
  }
  return { socket: tls, cert, failure };
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

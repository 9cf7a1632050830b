/**
 * Opens the connection to a remote agent and checks its certificate before anything is sent.
 *
 * Pinning happens here, in the handshake, not in an HTTP library's hook: the socket is handed
 * to the HTTP request only after `secureConnect` has compared the peer certificate's SHA-256
 * with the pin, so the Authorization header is never written to a wrong certificate. (Node
 * skips `checkServerIdentity` when chain verification fails, which it always does for a
 * self-signed certificate, so that hook cannot carry the pin.)
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { WatchTarget } from '../../shared/watch-target';
import { derFingerprint } from '../tls/fingerprint';
import { classifyError, ProblemError, timeoutProblem, type Phase } from './problems';

/** Connection deadlines in milliseconds. */
export interface ConnectTimeouts {
  /** DNS and TCP connect. */
  readonly connectMs: number;
  /** The TLS handshake after TCP connected. */
  readonly tlsMs: number;
}

/** Default deadlines. */
export const DEFAULT_CONNECT_TIMEOUTS: ConnectTimeouts = { connectMs: 5_000, tlsMs: 5_000 };

/** `host:port` for messages. */
export function where(target: Pick<WatchTarget, 'host' | 'port'>): string {
  return target.host.includes(':')
    ? `[${target.host}]:${target.port}`
    : `${target.host}:${target.port}`;
}

/**
 * Connects to a target; resolves with a socket that has passed the certificate check (TLS) or
 * connected (plain HTTP on loopback). Rejects with a {@link ProblemError}.
 */
export function openConnection(
  target: WatchTarget,
  timeouts: ConnectTimeouts = DEFAULT_CONNECT_TIMEOUTS,
): Promise<Socket> {
  const at = where(target);
  return new Promise((resolve, reject) => {
    let phase: Phase = 'connect';
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const settle = (err: ProblemError | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) {
        socket.destroy();
        reject(err);
      } else {
        resolve(socket);
      }
    };
    const arm = (ms: number): void => {
      clearTimeout(timer);
      timer = setTimeout(() => settle(new ProblemError(timeoutProblem(at, phase, ms))), ms);
    };
    let socket: Socket;
    if (target.tls) {
      const tlsSocket: TLSSocket = tlsConnect({
        host: target.host,
        port: target.port,
        // SNI must not carry an IP address (RFC 6066).
        servername: isIP(target.host) ? undefined : target.host,
        // The chain and name are checked below, by pin or by the system CAs, before any write.
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
      });
      socket = tlsSocket;
      tlsSocket.once('connect', () => {
        phase = 'tls';
        arm(timeouts.tlsMs);
      });
      tlsSocket.once('secureConnect', () => {
        const raw = tlsSocket.getPeerCertificate().raw as Buffer | undefined;
        const actual = raw ? derFingerprint(raw) : 'none';
        if (target.fingerprint !== null) {
          if (actual !== target.fingerprint) {
            settle(
              new ProblemError({
                code: 'fingerprint-mismatch',
                expected: target.fingerprint,
                actual,
                message:
                  `The certificate of ${at} is not the pinned one: expected ${target.fingerprint}, ` +
                  `got ${actual}. Nothing was sent. If the agent's certificate was renewed, pin the new ` +
                  `fingerprint (hostwatch agent --print-fingerprint); otherwise someone may be in the middle.`,
              }),
            );
            return;
          }
        } else if (!tlsSocket.authorized) {
          settle(
            new ProblemError({
              code: 'untrusted-certificate',
              actual,
              message:
                `The certificate of ${at} is not trusted by the system CAs ` +
                `(${String(tlsSocket.authorizationError)}). Nothing was sent. Pin it with #sha256=${actual.slice(7)} if it is the agent's own.`,
            }),
          );
          return;
        }
        settle(null);
      });
    } else {
      socket = netConnect({ host: target.host, port: target.port });
      socket.once('connect', () => settle(null));
    }
    socket.setNoDelay(true);
    socket.on('error', (err) => settle(new ProblemError(classifyError(err, at, target.host))));
    socket.once('close', () =>
      settle(
        new ProblemError({
          code: 'closed',
          phase,
          message: `${at} closed the connection during ${phase === 'tls' ? 'the TLS handshake' : 'connect'}`,
        }),
      ),
    );
    arm(timeouts.connectMs);
  });
}

/**
 * Turns whatever a run threw into a failure code: deadline first (an error caused by the
 * deadline destroying a socket is a timeout), then our own codes, then system error codes.
 */
import type { CheckFailure } from '../../shared/check-failures';
import { codeOf } from './connect';
import { CheckError, type RunContext } from './context';

const CLOSED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENETDOWN']);

/** The failure for an error thrown during a run. */
export function failureOf(err: unknown, ctx: RunContext): CheckFailure {
  if (ctx.timedOutIn !== null) {
    return { kind: 'timeout', phase: ctx.timedOutIn, afterMs: ctx.timeoutMs };
  }
  if (err instanceof CheckError) return err.failure;
  const code = codeOf(err);
  const sys = err as { address?: unknown; port?: unknown };
  if (code === 'ECONNREFUSED') {
    return {
      kind: 'connection-refused',
      address: typeof sys.address === 'string' ? sys.address : '',
      port: typeof sys.port === 'number' ? sys.port : 0,
    };
  }
  if (UNREACHABLE.has(code)) {
    return { kind: 'unreachable', address: typeof sys.address === 'string' ? sys.address : '' };
  }
  if (CLOSED.has(code)) return { kind: 'connection-closed', phase: ctx.phase };
  if (code.startsWith('HPE_')) return { kind: 'bad-response' };
  if (ctx.phase === 'tls') return { kind: 'tls-handshake' };
  return { kind: 'error', code: code || (err instanceof Error ? err.name : 'unknown') };
}

/**
 * Results and failures as HTTP: one mapping from {@link ErrorCode} to status codes and one JSON
 * error body, `{ error: { code, message, fields? } }`, for every failure the server sends.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Reply } from './app';
import type { ErrorCode, OperationError } from '../../shared/contract';
import { assertNever } from '../../shared/assert-never';

/** HTTP status of a failed operation. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'invalid':
      return 400;
    case 'unauthorized':
      return 401;
    case 'not-found':
      return 404;
    case 'unavailable':
      return 503;
    case 'failed':
      return 500;
    default:
      return assertNever(code);
  }
}

/** The contract error code closest to a transport-level HTTP status. */
export function errorCodeOf(status: number): ErrorCode {
  if (status === 401 || status === 403 || status === 421) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'failed';
  return 'invalid';
}

/** Sends a JSON error body with the given status. */
export function sendError(
  reply: Reply,
  status: number,
  error: OperationError,
  headers: Record<string, string> = {},
): Reply {
  return reply
    .code(status)
    .headers({ 'cache-control': 'no-store', ...headers })
    .type('application/json; charset=utf-8')
    .send({ error });
}

/** Sends a transport-level failure (bad JSON, wrong method, …) with the matching error code. */
export function sendHttpError(
  reply: Reply,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Reply {
  return sendError(reply, status, { code: errorCodeOf(status), message }, headers);
}

/**
 * Answers a request Node's HTTP parser rejected (bad framing, oversized headers, timeout) with
 * the same JSON error shape, then drops the connection.
 */
export function clientErrorHandler(
  securityHeaders: Readonly<Record<string, string>>,
): (err: Error & { code?: string }, socket: Duplex) => void {
  return (err, socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, message] =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request took too long to arrive']
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'Request headers are too large']
          : [400, 'Malformed HTTP request'];
    const body = JSON.stringify({ error: { code: errorCodeOf(status), message } });
    const headers = Object.entries(securityHeaders)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`,
      );
    }
    socket.destroy();
  };
}

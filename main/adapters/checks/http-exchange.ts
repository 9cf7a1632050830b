/**
 * One HTTP request/response over a socket the check opened itself (so DNS, connect and TLS are
 * timed apart), with a bounded body read: never more than the limit is buffered, and a body
 * past the limit is cut off as "body too large".
 */
import { request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Check } from '../../shared/checks';
import { CheckError, waitFor, type RunContext } from './context';

/** Where one request goes: the Host header and the request target. */
export interface RequestTarget {
  /** `host[:port]` as in the URL. */
  readonly host: string;
  /** Path and query. */
  readonly path: string;
}

/** Sends the request and waits for the response head. */
export async function exchange(
  ctx: RunContext,
  socket: Socket,
  target: RequestTarget,
  check: Check,
): Promise<IncomingMessage> {
  const finish = ctx.enter('first-byte', 'firstByte');
  // A flat [name, value, …] list: http.request writes it as it is, without the per-header
  // setHeader/getHeader round of an object (the same bytes on the wire).
  const own = [
    'host',
    target.host,
    'user-agent',
    'Hostwatch-check',
    'accept',
    '*/*',
    'connection',
    'close',
  ];
  let headers = own;
  // The user's header may replace Host (virtual hosts behind an IP); names are case-insensitive.
  if (check.header) {
    const replaced = check.header.name.toLowerCase();
    headers = [];
    for (let i = 0; i < own.length; i += 2) {
      if (own[i] !== replaced) headers.push(own[i]!, own[i + 1]!);
    }
    headers.push(check.header.name, check.header.value);
  }
  const req = request({
    createConnection: () => socket,
    method: check.method,
    path: target.path,
    headers,
  });
  // Errors after the response head arrive on the response or are moot once the run ends.
  req.on('error', () => undefined);
  req.end();
  const res = await waitFor<IncomingMessage>(ctx, req, 'response');
  finish();
  res.on('error', () => undefined);
  return res;
}

/** Reads the body up to the limit; returns it only when a keyword needs it. */
export async function readBody(
  ctx: RunContext,
  res: IncomingMessage,
  limit: number,
  keep: boolean,
): Promise<Buffer | null> {
  ctx.enter('body');
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    res.destroy();
    throw new CheckError({ kind: 'body-too-large', limitBytes: limit });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  await ctx.race(
    new Promise<void>((resolve, reject) => {
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          res.destroy();
          reject(new CheckError({ kind: 'body-too-large', limitBytes: limit }));
        } else if (keep) chunks.push(chunk);
      });
      let ended = false;
      // Ahead of http's own 'end' listener, which ends the connection gracefully (a TLS
      // close_notify and a shutdown(2), ~75 µs a run) just before the run destroys it anyway:
      // the whole response is in, so the socket goes now and http leaves it alone.
      res.prependOnceListener('end', () => {
        ended = true;
        res.socket?.destroy();
        resolve();
      });
      res.once('error', reject);
      // 'close' follows 'end' on every run: the error (and its stack) only when it came first.
      res.once('close', () => {
        if (!ended) reject(new CheckError({ kind: 'connection-closed', phase: 'body' }));
      });
    }),
  );
  return keep ? Buffer.concat(chunks) : null;
}

/**
 * One HTTP request over a socket that {@link openConnection} has already checked, with
 * deadlines per phase and a bound on the answer's size (after decompression).
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { WatchTarget } from '../../shared/watch-target';
import { where } from './connect';
import { classifyError, ProblemError, timeoutProblem } from './problems';

/** A request to send. */
export interface RequestSpec {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Deadline for the response headers. */
  readonly responseMs: number;
}

/** The headers every request carries: the token and gzip. */
export function baseHeaders(target: WatchTarget): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'gzip' };
  if (target.token !== '') headers.authorization = `Bearer ${target.token}`;
  return headers;
}

/**
 * Sends a request on `socket`; resolves with the response once its headers arrived. The socket
 * is destroyed on any failure.
 */
export function sendRequest(
  socket: Socket,
  target: WatchTarget,
  spec: RequestSpec,
): Promise<{ res: IncomingMessage; abort: () => void }> {
  const at = where(target);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      createConnection: () => socket,
      host: target.host,
      port: target.port,
      method: spec.method ?? 'GET',
      path: spec.path,
      headers: { ...baseHeaders(target), ...spec.headers },
    });
    const timer = setTimeout(() => {
      req.destroy(new ProblemError(timeoutProblem(at, 'response', spec.responseMs)));
    }, spec.responseMs);
    req.once('response', (res) => {
      clearTimeout(timer);
      resolve({ res, abort: () => req.destroy() });
    });
    req.once('error', (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new ProblemError(classifyError(err, at, target.host)));
    });
    req.end(spec.body);
  });
}

/** The decoded body stream of a response (gunzipped when the server compressed it). */
export function decodedBody(res: IncomingMessage): Readable {
  if (res.headers['content-encoding'] !== 'gzip') return res;
  const gunzip = createGunzip();
  res.on('error', (err) => gunzip.destroy(err));
  return res.pipe(gunzip);
}

/** Reads a whole (decoded) body of at most `maxBytes`, with an idle deadline. */
export function readBody(
  res: IncomingMessage,
  target: WatchTarget,
  maxBytes: number,
  idleMs: number,
): Promise<Buffer> {
  const at = where(target);
  const body = decodedBody(res);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    const fail = (err: ProblemError): void => {
      clearTimeout(timer);
      res.destroy();
      body.destroy();
      reject(err);
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(new ProblemError(timeoutProblem(at, 'body', idleMs))), idleMs);
    };
    arm();
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        fail(
          new ProblemError({
            code: 'too-large',
            message: `The answer of ${at} is larger than ${Math.round(maxBytes / 1024)} KB; it was dropped`,
          }),
        );
        return;
      }
      chunks.push(chunk);
      arm();
    });
    body.once('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    body.once('error', (err) => fail(new ProblemError(classifyError(err, at, target.host))));
  });
}

/** Whether a 401 comes from a Hostwatch agent (its challenge names the realm). */
export function isHostwatchChallenge(headers: IncomingHttpHeaders): boolean {
  return /realm="hostwatch"/i.test(headers['www-authenticate'] ?? '');
}

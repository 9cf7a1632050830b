/**
 * Request limits enforced on the Node server, before the pipeline (app.ts) sees a request: slow clients
 * are cut at 30 s for headers and for the whole request (Node checks those deadlines only every
 * `connectionsCheckingInterval`, 30 s by default, which let a slow client linger up to 60 s), and
 * an `Expect: 100-continue` request whose `Content-Length` is over the body limit gets its 413
 * without ever being told to continue, so the client never uploads the body at all.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { errorCodeOf } from './errors';

/** Headers and the whole request must arrive within this (ms). */
export const REQUEST_DEADLINE_MS = 30_000;
/** How often Node checks the deadlines (ms). */
const CHECK_EVERY_MS = 1_000;
/** How long an idle keep-alive connection stays open (ms). */
const KEEP_ALIVE_MS = 72_000;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The HTTP (or HTTPS) server with the deadlines above and the early 413. The 413 closes the
 * connection after it is written, draining what the client still sends so that it reads the
 * answer instead of a reset.
 */
export function createLimitedServer(
  bodyLimitBytes: number,
  headers: Readonly<Record<string, string>>,
  tls: { readonly cert: string; readonly key: string } | undefined,
  handler: Handler,
): Server {
  const limits = {
    requestTimeout: REQUEST_DEADLINE_MS,
    headersTimeout: REQUEST_DEADLINE_MS,
    connectionsCheckingInterval: CHECK_EVERY_MS,
    // Idle keep-alive connections stay open longer than a load balancer's usual 60 s, so a
    // proxy in front never reuses one the agent is closing.
    keepAliveTimeout: KEEP_ALIVE_MS,
  };
  // An https.Server is an http.Server underneath: same events, same limits.
  const server: Server = tls
    ? createHttpsServer({ ...limits, cert: tls.cert, key: tls.key }, handler)
    : createServer(limits, handler);
  server.on('checkContinue', (req, res) => {
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > bodyLimitBytes) {
      refuseTooLarge(req, res, bodyLimitBytes, headers);
      return;
    }
    res.writeContinue();
    handler(req, res);
  });
  return server;
}

function refuseTooLarge(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  headers: Readonly<Record<string, string>>,
): void {
  const body = JSON.stringify({
    error: {
      code: errorCodeOf(413),
      message: `Request body is larger than ${limit / 1024} KB`,
    },
  });
  // Read and discard anything the client sends anyway, so closing does not reset the
  // connection under the 413 before the client has read it.
  req.resume();
  res.writeHead(413, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
}

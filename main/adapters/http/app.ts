/**
 * The request pipeline of the agent's HTTP server, on Node's own `http` server. Every request
 * passes the same steps in order: the URL is split and decoded (a path that cannot be decoded is
 * a 400 before anything else), the guard (which may answer by itself), the route — an exact
 * method and path, since the API is generated from the contract and has no path parameters —
 * or the fallback for GET and HEAD (the dashboard's files), the JSON body, the handler, and on
 * the way out the `onSend` steps (security headers, gzip). A GET route answers HEAD as well,
 * with the GET's headers and no body, unless it says otherwise.
 *
 * A framework did this before (Fastify): it loaded some 250 modules (ajv, semver, avvio, a
 * router with a radix tree) for about 7 MB of resident memory and a large part of start-up, to
 * serve a table of fixed paths. See `bench/memory-bench.mjs` and `bench/startup-bench.mjs`.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { pipeline, Readable } from 'node:stream';

/** A request as the handlers see it. */
export interface HttpRequest {
  readonly method: string;
  /** The request target as sent: path and query, not decoded. */
  readonly url: string;
  /** The path, percent-decoded. */
  readonly path: string;
  /** The query parameters; a name given twice holds an array. */
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined when there is none. */
  body: unknown;
  /** The client's address. */
  readonly ip: string;
  readonly raw: IncomingMessage;
}

/** What a reply may carry: text, bytes, a stream, a value sent as JSON, or nothing. */
export type Payload = string | Buffer | Readable | object | undefined;

/** The answer being built for one request; written once the handler has returned. */
export class Reply {
  statusCode = 200;
  payload: Payload = undefined;
  /** The handler writes the response itself (an event stream); no `onSend` step runs. */
  hijacked = false;
  /** True once `send` was called (by the guard, a handler or a failure). */
  sent = false;
  private readonly fields = new Map<string, string | number>();

  constructor(readonly raw: ServerResponse) {}

  code(status: number): this {
    this.statusCode = status;
    return this;
  }

  header(name: string, value: string | number): this {
    this.fields.set(name.toLowerCase(), value);
    return this;
  }

  headers(values: Readonly<Record<string, string | number>>): this {
    for (const [name, value] of Object.entries(values)) this.header(name, value);
    return this;
  }

  type(contentType: string): this {
    return this.header('content-type', contentType);
  }

  getHeader(name: string): string | number | undefined {
    return this.fields.get(name.toLowerCase());
  }

  /** All headers set so far. */
  allHeaders(): Record<string, string | number> {
    return Object.fromEntries(this.fields);
  }

  send(payload?: Payload): this {
    this.payload = payload;
    this.sent = true;
    return this;
  }

  hijack(): void {
    this.hijacked = true;
    this.sent = true;
  }
}

/** A failure with the HTTP status it is answered with (a body too large, malformed JSON …). */
export class HttpFailure extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export type Handler = (request: HttpRequest, reply: Reply) => unknown;
/** A step every request passes before its route; it answers by calling `reply.send`. */
export type Step = (request: HttpRequest, reply: Reply) => void | Promise<void>;
/** A step on the way out: may set headers and replace the payload. */
export type SendStep = (request: HttpRequest, reply: Reply) => void | Promise<void>;

/** What the pipeline is built from. */
export interface HttpAppOptions {
  /** Largest accepted JSON body, in bytes. */
  readonly bodyLimitBytes: number;
  /** Answers a URL whose path cannot be decoded. */
  readonly malformedUrl: (reply: Reply) => void;
  /** Runs before routing and before the body is read. */
  readonly guard: Step;
  /** No route and no fallback: a 404 or a 405. */
  readonly notFound: Handler;
  /** A thrown error or a failed body: the reply to send. */
  readonly onError: (error: unknown, reply: Reply) => void;
  readonly onSend: readonly SendStep[];
}

/** The pipeline: routes are added, then `handle` is given to a Node server. */
export interface HttpApp {
  route(method: string, path: string, handler: Handler, options?: { head?: boolean }): void;
  /** Answers GET and HEAD requests that no route takes. */
  fallback(handler: Handler): void;
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function parseQuery(search: string): Record<string, string | string[]> {
  // No prototype: a parameter named `__proto__` or `constructor` is a plain entry.
  const query = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(search)) {
    const seen = query[name];
    if (seen === undefined) query[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else query[name] = [seen, value];
  }
  return query;
}

/** Reads a JSON body of at most `limit` bytes; undefined when the request has no body. */
async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'];
  const length = req.headers['content-length'];
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (type === undefined) {
    if (hasBody) throw new HttpFailure(415, 'unsupported media type');
    return undefined;
  }
  if ((type.split(';', 1)[0] ?? '').trim().toLowerCase() !== 'application/json') {
    throw new HttpFailure(415, 'unsupported media type');
  }
  if (length !== undefined && Number(length) > limit) throw new HttpFailure(413, 'too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpFailure(413, 'too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HttpFailure(400, `Malformed JSON body: ${(err as Error).message}`);
  }
}

/** What goes on the wire: a value as its JSON text. */
type Body = string | Buffer | Readable | undefined;

function toBody(payload: Payload): Body {
  if (
    payload === undefined ||
    typeof payload === 'string' ||
    Buffer.isBuffer(payload) ||
    payload instanceof Readable
  ) {
    return payload;
  }
  return JSON.stringify(payload);
}

/** A value becomes JSON and text gets a type, before the `onSend` steps see the payload. */
function serialize(reply: Reply): void {
  const body = toBody(reply.payload);
  if (reply.getHeader('content-type') === undefined) {
    if (body !== reply.payload) reply.type('application/json; charset=utf-8');
    else if (typeof body === 'string') reply.type('text/plain; charset=utf-8');
  }
  reply.payload = body;
}

/** Writes a finished reply: a length for text and bytes, a piped stream, no body for HEAD. */
function write(request: HttpRequest, reply: Reply): void {
  const res = reply.raw;
  if (res.headersSent || res.destroyed) {
    if (reply.payload instanceof Readable) reply.payload.destroy();
    return;
  }
  const payload = toBody(reply.payload);
  if (!(payload instanceof Readable) && reply.getHeader('content-length') === undefined) {
    reply.header('content-length', payload === undefined ? 0 : Buffer.byteLength(payload));
  }
  res.writeHead(reply.statusCode, reply.allHeaders());
  if (payload instanceof Readable) {
    if (request.method === 'HEAD') {
      payload.destroy();
      res.end();
      return;
    }
    // A file that fails midway cuts the connection: the client sees a short body, not a lie.
    pipeline(payload, res, (err) => {
      if (err) res.destroy();
    });
    return;
  }
  res.end(request.method === 'HEAD' ? undefined : payload);
}

/** Builds the pipeline. */
export function createHttpApp(options: HttpAppOptions): HttpApp {
  const routes = new Map<string, Handler>();
  let fallback: Handler | undefined;

  const find = (method: string, path: string): Handler | undefined => {
    const route = routes.get(`${method} ${path}`);
    if (route) return route;
    return method === 'GET' || method === 'HEAD' ? fallback : undefined;
  };

  const run = async (req: IncomingMessage, reply: Reply): Promise<HttpRequest> => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const rawPath = mark < 0 ? url : url.slice(0, mark);
    let path: string;
    try {
      path = rawPath.includes('%') ? decodeURIComponent(rawPath) : rawPath;
    } catch {
      const request = toRequest(req, url, rawPath, '');
      options.malformedUrl(reply);
      return request;
    }
    const request = toRequest(req, url, path, mark < 0 ? '' : url.slice(mark + 1));
    try {
      await options.guard(request, reply);
      if (reply.sent) return request;
      const handler = find(request.method, path);
      if (handler === undefined) {
        await options.notFound(request, reply);
        return request;
      }
      if (BODY_METHODS.has(request.method)) {
        request.body = await readJsonBody(req, options.bodyLimitBytes);
      }
      await handler(request, reply);
    } catch (err) {
      if (err instanceof HttpFailure && err.statusCode === 413) {
        // Whatever the client still sends is read and dropped, and the connection closed after
        // the answer, so the client reads the 413 instead of a reset.
        req.resume();
        reply.header('connection', 'close');
      }
      options.onError(err, reply);
    }
    return request;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const reply = new Reply(res);
    void run(req, reply)
      .then(async (request) => {
        if (reply.hijacked) return;
        if (!reply.sent) reply.code(500).send({ error: { code: 'failed', message: 'No answer' } });
        serialize(reply);
        for (const step of options.onSend) await step(request, reply);
        write(request, reply);
      })
      .catch((err: unknown) => {
        // Only a broken onSend step gets here; the connection is all that can be closed.
        res.destroy(err instanceof Error ? err : undefined);
      });
  };

  return {
    route(method, path, handler, routeOptions) {
      routes.set(`${method} ${path}`, handler);
      if (method === 'GET' && routeOptions?.head !== false) routes.set(`HEAD ${path}`, handler);
    },
    fallback(handler) {
      fallback = handler;
    },
    handle,
  };
}

function toRequest(req: IncomingMessage, url: string, path: string, search: string): HttpRequest {
  return {
    method: req.method ?? 'GET',
    url,
    path,
    query: parseQuery(search),
    headers: req.headers,
    body: undefined,
    ip: req.socket.remoteAddress ?? '',
    raw: req,
  };
}

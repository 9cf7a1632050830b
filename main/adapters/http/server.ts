/**
 * The agent's HTTP transport: the JSON API and event stream derived from the contract, the
 * Prometheus endpoint and the dashboard, behind one guard (token, Host header, cross-site
 * check) and one set of security headers.
 */
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyHttpsOptions,
  type FastifyServerOptions,
} from 'fastify';
import { STREAM_PATH, type Status } from '../../shared/contract';
import type { EngineApi } from '../../core/engine-api';
import type { Logger } from '../../core/ports';
import { requiresToken } from './auth';
import { clientErrorHandler, sendHttpError } from './errors';
import { registerIdentityRoute } from './identity';
import { VERSION_PATH } from '../../shared/protocol';
import { installGuard, SECURITY_HEADERS } from './guard';
import { METRICS_CONTENT_TYPE, renderMetrics, type ExtraMetrics } from './prometheus';
import { OPERATION_ROUTES, registerOperationRoutes } from './routes';
import { registerEventStream, type SseOptions } from './sse';
import { registerStatic } from './static';
import { limitedServerFactory, REQUEST_DEADLINE_MS } from './limits';
import { installCompression } from './compress';

/** Path of the Prometheus endpoint. */
export const METRICS_PATH = '/metrics';
/** How long close() lets requests in flight finish before cutting connections. */
const CLOSE_GRACE_MS = 1_000;
/** Largest accepted request body. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** What the HTTP server needs. */
export interface HttpServerDeps {
  /** The engine's handler table the routes are generated from (core/engine-api.ts). */
  readonly api: EngineApi;
  /** The latest status (null while the engine is starting), read at scrape and connect time. */
  readonly status: () => Status | null;
  /** Address to bind; anything but loopback requires `token`. */
  readonly host: string;
  /** Port to bind; 0 picks a free one. */
  readonly port: number;
  /** Bearer token every request must carry when set. */
  readonly token?: string | undefined;
  /** The built dashboard (dist/renderer); no dashboard when absent. */
  readonly staticDir?: string | undefined;
  readonly logger: Logger;
  /** Numbers from outside the engine for /metrics, e.g. the outbox length. */
  readonly extraMetrics?: (() => ExtraMetrics) | undefined;
  /** Milliseconds between event-stream heartbeats (default 15 s). */
  readonly heartbeatMs?: number | undefined;
  /** Unsent bytes after which a slow event-stream client is dropped (default 1 MiB). */
  readonly maxStreamBufferBytes?: number | undefined;
  /** Serve HTTPS with this certificate and key (PEM); plain HTTP when absent. */
  readonly tls?: { readonly cert: string; readonly key: string } | undefined;
  /** Agent version reported at `GET /api/version` (default `unknown`). */
  readonly agentVersion?: string | undefined;
  /** Alert events kept for `Last-Event-ID` replay (default 500). */
  readonly eventRingSize?: number | undefined;
  /** Most milliseconds between summary-stream messages without change (default 5 s). */
  readonly summaryIntervalMs?: number | undefined;
  /** A page's stream shows a watched host (`?host=`, sse.ts): the fleet's full stream of it. */
  readonly showHost?: SseOptions['showHost'];
}

/** A running HTTP server. */
export interface HttpServer {
  /** Base URL, e.g. `http://127.0.0.1:9477` (`https://` when serving TLS). */
  readonly url: string;
  readonly port: number;
  /** Ends every event stream and stops listening. */
  close(): Promise<void>;
}

/** Methods accepted per path, for 405 answers. */
function allowedMethods(hasStatic: boolean): (path: string) => string[] | undefined {
  const byPath = new Map<string, string[]>();
  for (const { method, path } of OPERATION_ROUTES) {
    byPath.set(path, [...(byPath.get(path) ?? []), method]);
  }
  byPath.set(STREAM_PATH, ['GET']);
  byPath.set(METRICS_PATH, ['GET']);
  byPath.set(VERSION_PATH, ['GET']);
  return (path) => {
    const known = byPath.get(path);
    if (known) return known.includes('GET') ? [...known, 'HEAD'] : known;
    return hasStatic && !path.startsWith('/api/') ? ['GET', 'HEAD'] : undefined;
  };
}

function installParsersAndErrors(app: FastifyInstance, deps: HttpServerDeps): void {
  // Only JSON bodies: a form or text/plain post (what a cross-site page can send without CORS)
  // gets 415. An empty JSON body means "no input" (POST /api/test-email).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      const e = new Error(`Malformed JSON body: ${(err as Error).message}`) as FastifyError;
      e.statusCode = 400;
      done(e, undefined);
    }
  });

  const allow = allowedMethods(deps.staticDir !== undefined);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '/';
    const methods = allow(path);
    if (methods) {
      return sendHttpError(reply, 405, `${request.method} is not allowed on ${path}`, {
        allow: methods.join(', '),
      });
    }
    return sendHttpError(reply, 404, `No route ${request.method} ${path}`);
  });

  app.setErrorHandler((err: FastifyError, _request, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      deps.logger.error('request failed', err);
      return sendHttpError(reply, status, 'Internal error; see the agent log');
    }
    const messages: Record<number, string> = {
      413: `Request body is larger than ${BODY_LIMIT_BYTES / 1024} KB`,
      415: 'Send JSON with Content-Type: application/json',
    };
    return sendHttpError(reply, status, messages[status] ?? err.message);
  });
}

/**
 * Starts the HTTP server. Rejects when a non-loopback `host` is given without a token, or when
 * the address cannot be bound.
 */
export async function createHttpServer(deps: HttpServerDeps): Promise<HttpServer> {
  const token = deps.token === '' ? undefined : deps.token;
  if (requiresToken(deps.host) && token === undefined) {
    throw new Error(
      `Refusing to listen on ${deps.host} without a token: the API and dashboard would be open ` +
        'to the network. Set a token, or bind 127.0.0.1.',
    );
  }
  const options: FastifyServerOptions = {
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Slow-loris defence: the whole request must arrive within 30 s (streams are responses),
    // checked every second; an oversized upload is refused before `100 Continue` (limits.ts).
    requestTimeout: REQUEST_DEADLINE_MS,
    serverFactory: limitedServerFactory(BODY_LIMIT_BYTES, SECURITY_HEADERS, deps.tls),
    forceCloseConnections: 'idle',
    clientErrorHandler: clientErrorHandler(SECURITY_HEADERS),
    // A URL that cannot be decoded never reaches the router or the hooks.
    frameworkErrors: (_err, _request, reply) => {
      void sendHttpError(reply, 400, 'Malformed URL', SECURITY_HEADERS);
    },
  };
  // Fastify types an HTTPS instance with another server type; its API is the same, and the
  // routes here use only what both share.
  const app: FastifyInstance = deps.tls
    ? Fastify({
        ...options,
        https: { cert: deps.tls.cert, key: deps.tls.key },
      } as unknown as FastifyHttpsOptions<HttpsServer>)
    : Fastify(options);
  installParsersAndErrors(app, deps);
  installGuard(app, { host: deps.host, token });
  installCompression(app, new Set([STREAM_PATH]));
  registerOperationRoutes(app, deps.api, deps.logger);
  registerIdentityRoute(app, deps.agentVersion ?? 'unknown');
  const endStreams = registerEventStream(app, {
    api: deps.api,
    status: deps.status,
    logger: deps.logger,
    headers: SECURITY_HEADERS,
    heartbeatMs: deps.heartbeatMs ?? 15_000,
    maxBufferBytes: deps.maxStreamBufferBytes ?? 1024 * 1024,
    eventRingSize: deps.eventRingSize,
    summaryIntervalMs: deps.summaryIntervalMs,
    showHost: deps.showHost,
  });
  app.addHook('preClose', (done) => {
    endStreams();
    done();
  });

  app.get(METRICS_PATH, async (_request, reply) => {
    let extra: ExtraMetrics = {};
    try {
      extra = deps.extraMetrics?.() ?? {};
    } catch (err) {
      deps.logger.warn('extra metrics failed; scraping without them', err);
    }
    // fleet: every watched host's health and reachability (hostwatch_fleet_host_*)
    const fleet = await deps.api.getFleet(undefined);
    const text = await renderMetrics(deps.status(), extra, fleet.ok ? fleet.value : undefined);
    return reply
      .code(200)
      .type(METRICS_CONTENT_TYPE)
      .header('cache-control', 'no-store')
      .send(text);
  });
  if (deps.staticDir !== undefined) registerStatic(app, deps.staticDir);

  await app.listen({ host: deps.host, port: deps.port });
  const address = app.server.address() as AddressInfo;
  const hostForUrl = deps.host.includes(':') ? `[${deps.host}]` : deps.host;
  const url = `${deps.tls ? 'https' : 'http'}://${hostForUrl}:${address.port}`;
  deps.logger.info(`listening on ${url}${token ? ' (token required)' : ''}`);
  return {
    url,
    port: address.port,
    close: async () => {
      // Requests in flight get a moment to finish; then connections that are still open (a
      // client that connected but never sent a request, a stalled upload) are cut, so
      // shutdown never waits for a client's keep-alive or the request timeout.
      const cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      try {
        await app.close();
      } finally {
        clearTimeout(cut);
      }
    },
  };
}

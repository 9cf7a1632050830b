/**
 * The agent's HTTP transport: the JSON API and event stream derived from the contract, the
 * Prometheus endpoint and the dashboard, behind one guard (token, Host header, cross-site
 * check) and one set of security headers.
 */
import type { AddressInfo } from 'node:net';
import { createHttpApp, HttpFailure, type HttpApp } from './app';
import { STREAM_PATH, type Status } from '../../shared/contract';
import type { EngineApi } from '../../core/engine-api';
import type { Logger } from '../../core/ports';
import { requiresToken } from './auth';
import { clientErrorHandler, sendHttpError } from './errors';
import { registerIdentityRoute } from './identity';
import { VERSION_PATH } from '../../shared/protocol';
import { createGuard, SECURITY_HEADERS, securityHeaders } from './guard';
import { METRICS_CONTENT_TYPE, renderMetrics, type ExtraMetrics } from './prometheus';
import { OPERATION_ROUTES, registerOperationRoutes } from './routes';
import { registerEventStream, type SseOptions } from './sse';
import { registerStatic } from './static';
import { createLimitedServer } from './limits';
import { compression } from './compress';

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

/** The 404 or 405 of a request no route takes. */
function notFound(hasStatic: boolean): Parameters<typeof createHttpApp>[0]['notFound'] {
  const allow = allowedMethods(hasStatic);
  return (request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '/';
    const methods = allow(path);
    if (methods) {
      return sendHttpError(reply, 405, `${request.method} is not allowed on ${path}`, {
        allow: methods.join(', '),
      });
    }
    return sendHttpError(reply, 404, `No route ${request.method} ${path}`);
  };
}

/** Answers a thrown error: the failure's own status and words, or a 500 that is logged. */
function onError(logger: Logger): Parameters<typeof createHttpApp>[0]['onError'] {
  const messages: Record<number, string> = {
    413: `Request body is larger than ${BODY_LIMIT_BYTES / 1024} KB`,
    415: 'Send JSON with Content-Type: application/json',
  };
  return (err, reply) => {
    const status = err instanceof HttpFailure ? err.statusCode : 500;
    if (status >= 500) {
      logger.error('request failed', err);
      sendHttpError(reply, status, 'Internal error; see the agent log');
      return;
    }
    sendHttpError(reply, status, messages[status] ?? (err as Error).message);
  };
}

/** Listens on `host:port`; rejects with the bind error (address in use, not permitted …). */
function listen(server: ReturnType<typeof createLimitedServer>, host: string, port: number) {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
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
  const app: HttpApp = createHttpApp({
    bodyLimitBytes: BODY_LIMIT_BYTES,
    // A URL that cannot be decoded never reaches the guard or a route.
    malformedUrl: (reply) => sendHttpError(reply, 400, 'Malformed URL'),
    guard: createGuard({ host: deps.host, token }),
    notFound: notFound(deps.staticDir !== undefined),
    onError: onError(deps.logger),
    onSend: [securityHeaders, compression(new Set([STREAM_PATH]))],
  });
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
  app.route('GET', METRICS_PATH, async (_request, reply) => {
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

  const server = createLimitedServer(BODY_LIMIT_BYTES, SECURITY_HEADERS, deps.tls, app.handle);
  // Slow-loris defence and the early 413 are in limits.ts; a request Node's parser rejects is
  // answered in the same JSON shape.
  server.on('clientError', clientErrorHandler(SECURITY_HEADERS));
  await listen(server, deps.host, deps.port);
  const address = server.address() as AddressInfo;
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
      endStreams();
      const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      try {
        await new Promise<void>((resolve, reject) => {
          server.close((err) => (err ? reject(err) : resolve()));
        });
      } finally {
        clearTimeout(cut);
      }
    },
  };
}

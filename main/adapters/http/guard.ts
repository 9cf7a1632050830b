/**
 * The hooks every request passes: security headers on every response, then the Host-header
 * check, the cross-site check for state-changing requests and the token check, all before the
 * body is read.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createTokenGuard, isAllowedHost, isCrossSite } from './auth';
import { sendHttpError } from './errors';

/** The Content-Security-Policy of the dashboard (and of every other response). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Headers on every response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Options of the request guard. */
export interface GuardOptions {
  /** The address the server is bound to. */
  readonly host: string;
  readonly token?: string | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function queryToken(request: FastifyRequest): string | undefined {
  const t = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof t === 'string' ? t : undefined;
}

/** The URL of a page request without its `token` parameter, so it stays out of history. */
function withoutToken(url: string): string {
  const parsed = new URL(url, 'http://localhost');
  parsed.searchParams.delete('token');
  return parsed.pathname + parsed.search;
}

/** Installs the security headers and the request guard on `app`. */
export function installGuard(app: FastifyInstance, options: GuardOptions): void {
  const tokens = createTokenGuard(options.token);

  app.addHook('onSend', async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const headers = request.headers;
    if (!isAllowedHost(headers.host, options.host)) {
      return sendHttpError(
        reply,
        421,
        'This server answers only to localhost / 127.0.0.1 (the Host header names another host)',
      );
    }
    if (!SAFE_METHODS.has(request.method) && isCrossSite(headers)) {
      return sendHttpError(reply, 403, 'Cross-site requests are refused');
    }
    const outcome = tokens.check({
      authorization: headers.authorization,
      cookie: headers.cookie,
      queryToken: queryToken(request),
    });
    if (outcome === 'denied') {
      return sendHttpError(reply, 401, 'A valid token is required: Authorization: Bearer <token>', {
        'www-authenticate': 'Bearer realm="hostwatch"',
      });
    }
    if (outcome === 'ok-query') {
      reply.header('set-cookie', tokens.sessionCookie());
      const path = request.url.split('?', 1)[0] ?? '/';
      const isPage = request.method === 'GET' && !path.startsWith('/api/') && path !== '/metrics';
      if (isPage) return reply.code(303).header('location', withoutToken(request.url)).send();
    }
    return undefined;
  });
}

/**
 * The hooks every request passes: security headers on every response, then the Host-header
 * check, the cross-site check for state-changing requests and the token check, all before the
 * body is read.
 */
import type { HttpRequest, Reply, SendStep, Step } from './app';
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

function queryToken(request: HttpRequest): string | undefined {
  const t = request.query.token;
  return typeof t === 'string' ? t : undefined;
}

/** The URL of a page request without its `token` parameter, so it stays out of history. */
function withoutToken(url: string): string {
  const parsed = new URL(url, 'http://localhost');
  parsed.searchParams.delete('token');
  return parsed.pathname + parsed.search;
}

/** The step on the way out that puts the security headers on every answer. */
export const securityHeaders: SendStep = (_request, reply) => {
  reply.headers(SECURITY_HEADERS);
};

/** The request guard: Host header, cross-site check and token, before the body is read. */
export function createGuard(options: GuardOptions): Step {
  const tokens = createTokenGuard(options.token);

  return (request: HttpRequest, reply: Reply): void => {
    const headers = request.headers;
    if (!isAllowedHost(headers.host, options.host)) {
      sendHttpError(
        reply,
        421,
        'This server answers only to localhost / 127.0.0.1 (the Host header names another host)',
      );
      return;
    }
    if (!SAFE_METHODS.has(request.method) && isCrossSite(headers)) {
      sendHttpError(reply, 403, 'Cross-site requests are refused');
      return;
    }
    const outcome = tokens.check({
      authorization: headers.authorization,
      cookie: headers.cookie,
      queryToken: queryToken(request),
    });
    if (outcome === 'denied') {
      sendHttpError(reply, 401, 'A valid token is required: Authorization: Bearer <token>', {
        'www-authenticate': 'Bearer realm="hostwatch"',
      });
      return;
    }
    if (outcome === 'ok-query') {
      reply.header('set-cookie', tokens.sessionCookie());
      const path = request.url.split('?', 1)[0] ?? '/';
      const isPage = request.method === 'GET' && !path.startsWith('/api/') && path !== '/metrics';
      if (isPage) reply.code(303).header('location', withoutToken(request.url)).send();
    }
  };
}

/**
 * Who may talk to the agent: the bind-address rule (a token on anything but loopback), the
 * bearer-token / cookie check, the Host-header check against DNS rebinding and the cross-site
 * request check.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isLoopbackHost } from '../../shared/settings';

/** Name of the cookie the dashboard receives after opening it once with `?token=`. */
export const SESSION_COOKIE = 'hostwatch_session';

/** Whether binding to `host` needs a token: anything but 127.0.0.0/8, ::1 and localhost does. */
export function requiresToken(host: string): boolean {
  return !isLoopbackHost(host.trim());
}

/** Splits a Host header into its host name (brackets removed for IPv6); undefined when malformed. */
export function hostHeaderName(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(header.trim());
  return m?.[1]?.replace(/^\[|\]$/g, '').toLowerCase();
}

/**
 * Whether a request's Host header is acceptable. When the server is bound to loopback, only
 * loopback names are accepted, so a page on an attacker's domain that re-resolves to 127.0.0.1
 * (DNS rebinding) cannot read the API. On other addresses the token is the defence.
 */
export function isAllowedHost(header: string | undefined, boundHost: string): boolean {
  if (requiresToken(boundHost)) return true;
  const name = hostHeaderName(header);
  return name !== undefined && isLoopbackHost(name);
}

/**
 * Whether a request comes from another site, judged by the `Sec-Fetch-Site` and `Origin` headers
 * browsers add. Such requests are refused for state-changing methods, so a web page cannot make
 * the browser snooze alerts or send mail through a loopback agent without a token.
 */
export function isCrossSite(headers: {
  origin?: string | undefined;
  host?: string | undefined;
  'sec-fetch-site'?: string | string[] | undefined;
}): boolean {
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host.toLowerCase() !== (headers.host ?? '').toLowerCase();
  } catch {
    // `Origin: null` (sandboxed frames, file://) and garbage are foreign.
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares two secrets in constant time (hashing first so lengths never leak). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** Outcome of checking one request's credentials. */
export type AuthOutcome =
  /** No token configured, or a valid bearer header or cookie. */
  | 'ok'
  /** A valid `?token=` query: the caller should set the session cookie. */
  | 'ok-query'
  | 'denied';

/** Credentials a request may carry. */
export interface Credentials {
  readonly authorization?: string | undefined;
  readonly cookie?: string | undefined;
  readonly queryToken?: string | undefined;
}

/** Checks request credentials against a configured token. */
export interface TokenGuard {
  /** Whether a token is configured at all. */
  readonly enabled: boolean;
  check(credentials: Credentials): AuthOutcome;
  /** The `Set-Cookie` value that lets a browser (and its EventSource) in afterwards. */
  sessionCookie(): string;
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Creates the token guard. The cookie holds a hash derived from the token rather than the token
 * itself, so a leaked cookie does not reveal the bearer token used by scrapers.
 */
export function createTokenGuard(token: string | undefined): TokenGuard {
  if (token === undefined || token === '') {
    return { enabled: false, check: () => 'ok', sessionCookie: () => '' };
  }
  const session = createHash('sha256').update(`hostwatch-session\0${token}`).digest('base64url');
  return {
    enabled: true,
    check({ authorization, cookie, queryToken }) {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
      if (bearer !== undefined && safeEqual(bearer, token)) return 'ok';
      const fromCookie = readCookie(cookie, SESSION_COOKIE);
      if (fromCookie !== undefined && safeEqual(fromCookie, session)) return 'ok';
      if (queryToken !== undefined && safeEqual(queryToken, token)) return 'ok-query';
      return 'denied';
    },
    sessionCookie: () => `${SESSION_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Strict`,
  };
}

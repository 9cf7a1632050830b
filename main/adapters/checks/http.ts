/**
 * The `http` check: GET or HEAD a URL, following redirects (with loop detection and only to
 * http or https), then the status, the body limit and the keyword. Every https hop's
 * certificate is verified; the first one is reported.
 */
import type { Socket } from 'node:net';
import type { CheckFailure } from '../../shared/check-failures';
import type { Check } from '../../shared/checks';
import { handshake } from './cert';
import { connectTcp } from './connect';
import type { RunContext } from './context';
import { exchange, readBody, type RequestTarget } from './http-exchange';
import { sessionKey } from './sessions';
import { secureContextFor } from './trust';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** One URL as a run uses it, read out of the URL once. */
interface Hop {
  readonly url: URL;
  readonly https: boolean;
  readonly hostname: string;
  readonly port: number;
  /** Host header and request target. */
  readonly target: RequestTarget;
}

function hopOf(url: URL): Hop {
  const https = url.protocol === 'https:';
  return {
    url,
    https,
    hostname: url.hostname,
    port: Number(url.port) || (https ? 443 : 80),
    target: { host: url.host, path: `${url.pathname}${url.search}` },
  };
}

/**
 * The first hop of each configured URL, parsed once: a check runs the same URL every interval,
 * and parsing it and reading its parts (WHATWG URL getters) cost more than the rest of the
 * run's own code. Redirect targets are parsed per run. Bounded: the oldest URL goes first.
 */
const firstHops = new Map<string, Hop>();
const FIRST_HOPS_MAX = 1_024;

function firstHop(href: string): Hop {
  let hop = firstHops.get(href);
  if (!hop) {
    hop = hopOf(new URL(href));
    if (firstHops.size >= FIRST_HOPS_MAX) firstHops.delete(firstHops.keys().next().value!);
    firstHops.set(href, hop);
  }
  return hop;
}

/** Runs the check; null when it is up. */
export async function runHttp(
  check: Check,
  ctx: RunContext,
  now: number,
): Promise<CheckFailure | null> {
  let hop = firstHop(check.url ?? '');
  let seen: Set<string> | undefined;
  const secure = await secureContextFor(check.caFile);
  for (;;) {
    const { url, https, hostname, port } = hop;
    let socket: Socket = await connectTcp(ctx, {
      host: hostname,
      port,
      family: check.ipFamily,
      allowPrivate: check.allowPrivateTarget,
    });
    if (https) {
      const key = sessionKey(hostname, port, check.caFile);
      const hs = await handshake(ctx, socket, hostname, secure, now, key);
      ctx.cert ??= hs.cert;
      if (hs.failure && !check.acceptInvalidCert) return hs.failure;
      socket = hs.socket;
    }
    const res = await exchange(ctx, socket, hop.target, check);
    const status = res.statusCode ?? 0;
    ctx.status = status;

    if (REDIRECTS.has(status) && check.maxRedirects > 0) {
      res.destroy();
      socket.destroy();
      const next = nextUrl(url, res.headers.location);
      if (!next) return { kind: 'redirect-refused', scheme: '' };
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return { kind: 'redirect-refused', scheme: next.protocol.replace(/:$/, '') };
      }
      seen ??= new Set([url.href]);
      if (seen.has(next.href)) return { kind: 'redirect-loop' };
      if (ctx.redirects >= check.maxRedirects) {
        return { kind: 'too-many-redirects', max: check.maxRedirects };
      }
      ctx.redirects += 1;
      seen.add(next.href);
      hop = hopOf(next);
      continue;
    }

    if (!check.acceptedStatus.some((r) => status >= r.from && status <= r.to)) {
      res.destroy();
      return { kind: 'http-status', status };
    }
    if (check.method === 'HEAD') return null;
    const body = await readBody(ctx, res, check.bodyLimitBytes, check.keyword !== undefined);
    if (check.keyword === undefined || body === null) return null;
    const found = body.toString('utf8').includes(check.keyword);
    if (check.keywordMode === 'contains' && !found) {
      return { kind: 'keyword-missing', keyword: check.keyword };
    }
    if (check.keywordMode === 'absent' && found) {
      return { kind: 'keyword-present', keyword: check.keyword };
    }
    return null;
  }
}

/** The redirect target relative to the current URL, without credentials; null when unusable. */
function nextUrl(current: URL, location: string | undefined): URL | null {
  if (!location || !URL.canParse(location, current)) return null;
  const next = new URL(location, current);
  // A redirect cannot smuggle credentials into the next request.
  next.username = '';
  next.password = '';
  next.hash = '';
  return next;
}

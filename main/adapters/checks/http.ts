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
import { exchange, readBody } from './http-exchange';
import { sessionKey } from './sessions';
import { secureContextFor } from './trust';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Runs the check; null when it is up. */
export async function runHttp(
  check: Check,
  ctx: RunContext,
  now: number,
): Promise<CheckFailure | null> {
  let url = new URL(check.url ?? '');
  const seen = new Set([url.href]);
  const secure = await secureContextFor(check.caFile);
  for (;;) {
    const https = url.protocol === 'https:';
    const port = Number(url.port) || (https ? 443 : 80);
    let socket: Socket = await connectTcp(ctx, {
      host: url.hostname,
      port,
      family: check.ipFamily,
      allowPrivate: check.allowPrivateTarget,
    });
    if (https) {
      const key = sessionKey(url.hostname, port, check.caFile);
      const hs = await handshake(ctx, socket, url.hostname, secure, now, key);
      ctx.cert ??= hs.cert;
      if (hs.failure && !check.acceptInvalidCert) return hs.failure;
      socket = hs.socket;
    }
    const res = await exchange(ctx, socket, url, check);
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
      if (seen.has(next.href)) return { kind: 'redirect-loop' };
      if (ctx.redirects >= check.maxRedirects) {
        return { kind: 'too-many-redirects', max: check.maxRedirects };
      }
      ctx.redirects += 1;
      seen.add(next.href);
      url = next;
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

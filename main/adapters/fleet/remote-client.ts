/**
 * The watcher's client for a remote agent: `testConnection` (says in words what is wrong),
 * `fetchJson` (one forwarded call, size-limited) and `followHost` (the long-lived stream, in
 * follow-host.ts). Every connection is pinned before the token is sent; see connect.ts.
 */
import { OPERATIONS } from '../../shared/contract';
import {
  isAgentIdentity,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  VERSION_PATH,
  type AgentIdentity,
} from '../../shared/protocol';
import type { WatchTarget } from '../../shared/watch-target';
import { DEFAULT_CONNECT_TIMEOUTS, openConnection, where, type ConnectTimeouts } from './connect';
import { classifyError, ProblemError, type ConnectionProblem } from './problems';
import { isHostwatchChallenge, readBody, sendRequest } from './request';

export {
  followHost,
  type FollowHandlers,
  type FollowOptions,
  type HostFollower,
} from './follow-host';
export type { ConnectionProblem, ProblemCode, Phase } from './problems';

/** Deadlines and limits of one call. */
export interface CallOptions {
  readonly timeouts?: ConnectTimeouts;
  /** Deadline for the response headers (default 10 s). */
  readonly responseMs?: number;
  /** Most idle time while reading the body (default 10 s). */
  readonly bodyIdleMs?: number;
  /** Largest accepted (decompressed) body (default 4 MiB). */
  readonly maxBytes?: number;
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** JSON body to send. */
  readonly body?: unknown;
}

/** Outcome of {@link fetchJson}. */
export type FetchJsonResult =
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  | ({ readonly ok: false } & ConnectionProblem);

/** Default largest body of a one-off call. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Calls one path on a remote agent and parses the JSON answer. Any HTTP status with a JSON body
 * is `ok: true` (the caller judges 4xx answers, which carry the agent's own error); transport
 * problems, 401, non-JSON and oversized answers are problems.
 */
export async function fetchJson(
  target: WatchTarget,
  path: string,
  options: CallOptions = {},
): Promise<FetchJsonResult> {
  const at = where(target);
  if (!path.startsWith('/')) {
    return { ok: false, code: 'malformed', message: `The path "${path}" must start with /` };
  }
  try {
    const socket = await openConnection(target, options.timeouts ?? DEFAULT_CONNECT_TIMEOUTS);
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const { res } = await sendRequest(socket, target, {
      method: options.method ?? 'GET',
      path,
      responseMs: options.responseMs ?? 10_000,
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body } : {}),
    });
    const status = res.statusCode ?? 0;
    if (status === 401) {
      res.resume();
      socket.destroy();
      return isHostwatchChallenge(res.headers)
        ? {
            ok: false,
            code: 'wrong-token',
            status,
            message: `${at} refused the token: check it (hostwatch agent --new-token prints a new one)`,
          }
        : {
            ok: false,
            code: 'not-hostwatch',
            status,
            message: `${at} asks for a kind of login Hostwatch does not use: it is not a Hostwatch agent`,
          };
    }
    const raw = await readBody(
      res,
      target,
      options.maxBytes ?? DEFAULT_MAX_BODY_BYTES,
      options.bodyIdleMs ?? 10_000,
    );
    socket.destroy();
    const type = res.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      return {
        ok: false,
        code: 'not-hostwatch',
        status,
        message: `${at} answered ${path} with ${type || 'no content type'} (HTTP ${status}), not JSON: it is not a Hostwatch agent`,
      };
    }
    try {
      return { ok: true, status, body: JSON.parse(raw.toString('utf8')) as unknown };
    } catch {
      return {
        ok: false,
        code: 'malformed',
        status,
        message: `${at} sent malformed JSON for ${path} (${raw.length} bytes)`,
      };
    }
  } catch (err) {
    const problem = err instanceof ProblemError ? err.problem : classifyError(err, at, target.host);
    return { ok: false, ...problem };
  }
}

/** Outcome of {@link testConnection}. */
export type TestConnectionResult =
  | {
      readonly ok: true;
      readonly code: 'ok';
      readonly message: string;
      readonly identity: AgentIdentity;
    }
  | ({ readonly ok: false } & ConnectionProblem);

/**
 * Checks a target end to end: connection, certificate, token and "is this a Hostwatch agent of
 * a protocol we speak", and says in words what is wrong.
 */
export async function testConnection(
  target: WatchTarget,
  options: Pick<CallOptions, 'timeouts' | 'responseMs' | 'bodyIdleMs'> = {},
): Promise<TestConnectionResult> {
  const at = where(target);
  const limits = { ...options, maxBytes: 64 * 1024 };
  const version = await fetchJson(target, VERSION_PATH, limits);
  if (!version.ok) return version;
  if (version.status === 404) {
    // An agent from before the identity route still answers the status operation.
    const status = await fetchJson(target, OPERATIONS.getStatus.path, {
      ...options,
      maxBytes: 1024 * 1024,
    });
    const body = status.ok ? (status.body as Record<string, unknown> | null) : null;
    if (status.ok && status.status === 200 && body && 'health' in body && 'host' in body) {
      return {
        ok: false,
        code: 'version-too-old',
        message: `${at} runs a Hostwatch agent older than protocol ${MIN_PROTOCOL_VERSION}: update it there`,
      };
    }
    return {
      ok: false,
      code: 'not-hostwatch',
      status: 404,
      message: `${at} has no ${VERSION_PATH}: it is not a Hostwatch agent`,
    };
  }
  if (version.status !== 200) {
    return {
      ok: false,
      code: 'http-error',
      status: version.status,
      message: `${at} answered ${VERSION_PATH} with HTTP ${version.status}`,
    };
  }
  if (!isAgentIdentity(version.body)) {
    return {
      ok: false,
      code: 'not-hostwatch',
      message: `${at} answered ${VERSION_PATH} with JSON that is not a Hostwatch identity: it is not a Hostwatch agent`,
    };
  }
  const identity = version.body;
  if (identity.protocol < MIN_PROTOCOL_VERSION) {
    return {
      ok: false,
      code: 'version-too-old',
      message: `${at} runs Hostwatch ${identity.version} with protocol ${identity.protocol}; protocol ${MIN_PROTOCOL_VERSION} or newer is needed: update it there`,
    };
  }
  const pin = target.fingerprint
    ? `, certificate ${target.fingerprint}`
    : target.tls
      ? ', certificate trusted by the system CAs'
      : '';
  const newer =
    identity.protocol > PROTOCOL_VERSION
      ? ' (a newer protocol; this watcher uses its older part)'
      : '';
  return {
    ok: true,
    code: 'ok',
    identity,
    message: `Connected to ${at}: Hostwatch ${identity.version}, protocol ${identity.protocol}${newer}${pin}`,
  };
}

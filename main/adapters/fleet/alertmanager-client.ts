/**
 * Calls to an Alertmanager's API v2 over the same pinned connection as a remote agent's
 * (connect.ts: the certificate is checked before the login is written), with deadlines and a
 * bound on the answer's size. Basic auth or a bearer token go in the Authorization header.
 */
import {
  amAlertsSchema,
  amStatusSchema,
  type AmStatus,
  authorizationHeader,
  type AlertmanagerTarget,
  type AmAlert,
} from '../../shared/alertmanager';
import type { SilenceBody } from '../../core/alertmanager';
import { DEFAULT_CONNECT_TIMEOUTS, openConnection, where, type ConnectTimeouts } from './connect';
import { classifyError, ProblemError, type ConnectionProblem } from './problems';
import { readBody, sendRequest } from './request';

/** Deadlines and limits of one Alertmanager call. */
export interface AmCallOptions {
  readonly timeouts?: ConnectTimeouts;
  /** Deadline for the response headers (default 10 s). */
  readonly responseMs?: number;
  /** Largest accepted (decompressed) body (default 8 MiB: ~10 000 alerts). */
  readonly maxBytes?: number;
}

/** Outcome of an Alertmanager call. */
export type AmResult<T> =
  { readonly ok: true; readonly value: T } | ({ readonly ok: false } & ConnectionProblem);

/** One JSON call; any status other than 2xx is a problem naming the status and the answer. */
async function amJson(
  target: AlertmanagerTarget,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  options: AmCallOptions,
): Promise<AmResult<unknown>> {
  const conn = target.conn;
  const at = where(conn);
  try {
    const socket = await openConnection(conn, options.timeouts ?? DEFAULT_CONNECT_TIMEOUTS);
    const text = body === undefined ? undefined : JSON.stringify(body);
    const authorization = authorizationHeader(target.auth);
    const { res } = await sendRequest(socket, conn, {
      method,
      path: `${target.pathPrefix}${path}`,
      responseMs: options.responseMs ?? 10_000,
      headers: {
        accept: 'application/json',
        ...(authorization ? { authorization } : {}),
        ...(text !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(text !== undefined ? { body: text } : {}),
    });
    const status = res.statusCode ?? 0;
    const raw = await readBody(res, conn, options.maxBytes ?? 8 * 1024 * 1024, 10_000);
    socket.destroy();
    if (status === 401 || status === 403) {
      return {
        ok: false,
        code: 'wrong-credentials',
        status,
        message: `Wrong credentials: ${at} refused the login (HTTP ${status}). Check the user name and password, or the token`,
      };
    }
    if (status < 200 || status > 299) {
      return {
        ok: false,
        code: 'http-error',
        status,
        message: `${at} answered ${method} ${path} with HTTP ${status}: ${raw.toString('utf8').slice(0, 200)}`,
      };
    }
    try {
      return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
    } catch {
      return {
        ok: false,
        code: 'malformed',
        status,
        message: `${at} sent malformed JSON for ${path}: is it an Alertmanager?`,
      };
    }
  } catch (err) {
    const problem = err instanceof ProblemError ? err.problem : classifyError(err, at, conn.host);
    return { ok: false, ...problem };
  }
}

/** The active and suppressed alerts (`GET /api/v2/alerts`; inhibited and silenced included). */
export async function fetchAmAlerts(
  target: AlertmanagerTarget,
  options: AmCallOptions = {},
): Promise<AmResult<AmAlert[]>> {
  const answer = await amJson(target, 'GET', '/api/v2/alerts', undefined, options);
  if (!answer.ok) return answer;
  const parsed = amAlertsSchema.safeParse(answer.value);
  if (!parsed.success) {
    return {
      ok: false,
      code: 'malformed',
      message: `${where(target.conn)} answered /api/v2/alerts with something that is not a list of alerts: is it an Alertmanager (API v2)?`,
    };
  }
  return { ok: true, value: parsed.data };
}

/**
 * Alertmanager's own status (`GET /api/v2/status`): its version, proof that an Alertmanager
 * answers. Anything else (a 404, another JSON shape) is `not-alertmanager`.
 */
export async function fetchAmStatus(
  target: AlertmanagerTarget,
  options: AmCallOptions = {},
): Promise<AmResult<AmStatus>> {
  const answer = await amJson(target, 'GET', '/api/v2/status', undefined, {
    maxBytes: 1024 * 1024,
    ...options,
  });
  const notAm = {
    ok: false,
    code: 'not-alertmanager',
    message: `${where(target.conn)}${target.pathPrefix} answers, but not as an Alertmanager: /api/v2/status is missing or not Alertmanager's (check the address and its path)`,
  } as const;
  if (!answer.ok) {
    return answer.code === 'http-error' || answer.code === 'malformed' ? notAm : answer;
  }
  const parsed = amStatusSchema.safeParse(answer.value);
  return parsed.success ? { ok: true, value: parsed.data } : notAm;
}

/** Creates a silence (`POST /api/v2/silences`); answers its id. */
export async function postAmSilence(
  target: AlertmanagerTarget,
  body: SilenceBody,
  options: AmCallOptions = {},
): Promise<AmResult<string>> {
  const answer = await amJson(target, 'POST', '/api/v2/silences', body, options);
  if (!answer.ok) return answer;
  const id = (answer.value as { silenceID?: unknown } | null)?.silenceID;
  if (typeof id !== 'string' || id === '') {
    return {
      ok: false,
      code: 'malformed',
      message: `${where(target.conn)} accepted the silence but sent no silence id`,
    };
  }
  return { ok: true, value: id };
}

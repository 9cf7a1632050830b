/**
 * The browser transport: fetch against the agent's routes derived from {@link OPERATIONS}
 * (GET inputs as the query string, others as a JSON body) and one shared EventSource on
 * /api/stream for pushed events, reconnecting with back-off. The page's shown remote host rides
 * on that stream (`&host=`): showing another host reopens it, resuming events after the last
 * one seen (`&since=`), so the agent follows that host with its full stream only meanwhile.
 */
import {
  OPERATIONS,
  PUSH_EVENT_NAMES,
  STREAM_PATH,
  parseInput,
  type HostId,
  type HostwatchApi,
  type OperationError,
  type OperationName,
  type OperationOutputs,
  type OperationRawInput,
  type PushEventName,
  type PushEvents,
  type Result,
} from '../../main/shared/contract';
import type { ConnectionState, Transport } from './transport';
import { createDeltaStatus, type DeltaOutcome } from './delta-status';
import { STATUS_DELTA_EVENT, STATUS_FULL_EVENT } from '../../main/shared/status-delta';

/** Options of the HTTP transport; the defaults suit a page served by the agent. */
export interface HttpTransportOptions {
  /** Base URL of the agent, '' for the page's own origin. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly EventSource?: typeof EventSource;
  /** Longest pause between reconnect attempts. */
  readonly maxRetryMs?: number;
}

function toQuery(input: unknown): string {
  if (input === undefined || input === null || typeof input !== 'object') return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) params.set(k, v.map((x) => String(x as string | number)).join(','));
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      params.set(k, String(v));
  }
  const q = params.toString();
  return q ? `?${q}` : '';
}

function isOperationError(v: unknown): v is OperationError {
  return (
    typeof v === 'object' && v !== null && typeof (v as { message?: unknown }).message === 'string'
  );
}

function failure(
  code: OperationError['code'],
  message: string,
): { ok: false; error: OperationError } {
  return { ok: false, error: { code, message } };
}

/** Maps an HTTP status without an error body to an error code. */
function codeForStatus(status: number): OperationError['code'] {
  if (status === 400 || status === 422) return 'invalid';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status === 503) return 'unavailable';
  return 'failed';
}

/** Creates the HTTP + SSE transport. */
export function createHttpTransport(options: HttpTransportOptions = {}): Transport {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const ES = options.EventSource ?? globalThis.EventSource;
  const maxRetryMs = options.maxRetryMs ?? 10_000;

  async function call<K extends OperationName>(
    name: K,
    raw: OperationRawInput<K>,
  ): Promise<Result<OperationOutputs[K]>> {
    // Validate here too, so a bad input gets its field errors without a round trip.
    const parsed = parseInput(name, raw);
    if (!parsed.ok) return parsed;
    const op = OPERATIONS[name];
    const isGet = op.method === 'GET';
    const url = `${base}${op.path}${isGet ? toQuery(parsed.value) : ''}`;
    const init: RequestInit = {
      method: op.method,
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    };
    if (!isGet && raw !== undefined) {
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
      init.body = JSON.stringify(raw);
    }
    let res: Response;
    try {
      res = await doFetch(url, init);
    } catch (e) {
      return failure('unavailable', e instanceof Error ? e.message : 'The agent cannot be reached');
    }
    let body: unknown = undefined;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    if (res.ok) return { ok: true, value: body as OperationOutputs[K] };
    const err = (body as { error?: unknown } | undefined)?.error;
    if (isOperationError(err)) return { ok: false, error: err };
    return failure(codeForStatus(res.status), `HTTP ${res.status} ${res.statusText}`.trim());
  }

  // One EventSource shared by every subscriber, opened on first use.
  const listeners: { [E in PushEventName]: Set<(p: PushEvents[E]) => void> } = {
    status: new Set(),
    event: new Set(),
    fleet: new Set(),
  };
  const connectionListeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let source: EventSource | null = null;
  let retryMs = 500;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  // The stream's delta view: a full status on connect, then only what changed each second.
  const deltas = createDeltaStatus();
  let shown: HostId | null = null;
  let lastEventId = '';

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const l of connectionListeners) l(next);
  }

  function dispatch<E extends PushEventName>(name: E, data: string): void {
    let payload: PushEvents[E];
    try {
      payload = JSON.parse(data) as PushEvents[E];
    } catch {
      return;
    }
    for (const l of listeners[name]) l(payload);
  }

  function onDelta(outcome: DeltaOutcome): void {
    if (outcome.kind === 'status') for (const l of listeners.status) l(outcome.status);
    if (outcome.kind === 'resync' && source) {
      // A delta that does not fit what we hold: reopen, and the server starts with a full status.
      source.close();
      source = null;
      open();
    }
  }

  function open(): void {
    if (source || !ES) return;
    deltas.reset();
    const query = new URLSearchParams({ view: 'delta' });
    if (shown !== null) query.set('host', shown);
    if (lastEventId !== '') query.set('since', lastEventId);
    const es = new ES(`${base}${STREAM_PATH}?${query.toString()}`, { withCredentials: false });
    source = es;
    es.addEventListener(STATUS_FULL_EVENT, (e) => {
      setState('open');
      onDelta(deltas.full((e as MessageEvent<string>).data));
    });
    es.addEventListener(STATUS_DELTA_EVENT, (e) => {
      setState('open');
      onDelta(deltas.delta((e as MessageEvent<string>).data));
    });
    es.addEventListener('open', () => {
      retryMs = 500;
      setState('open');
    });
    for (const name of PUSH_EVENT_NAMES) {
      es.addEventListener(name, (e) => {
        setState('open');
        const message = e as MessageEvent<string>;
        if (name === 'event' && message.lastEventId) lastEventId = message.lastEventId;
        dispatch(name, message.data);
      });
    }
    es.addEventListener('error', () => {
      setState('closed');
      // The browser retries by itself unless the stream failed for good (CLOSED): then we do,
      // with a capped back-off, so a restarted agent is picked up again.
      if (es.readyState === ES.CLOSED) {
        es.close();
        source = null;
        retryTimer ??= setTimeout(() => {
          retryTimer = null;
          open();
        }, retryMs);
        retryMs = Math.min(retryMs * 2, maxRetryMs);
      }
    });
  }

  const ops = Object.fromEntries(
    (Object.keys(OPERATIONS) as OperationName[]).map((name) => [
      name,
      (input: unknown) => call(name, input as never),
    ]),
  ) as unknown as Omit<HostwatchApi, 'on'>;

  const api: HostwatchApi = {
    ...ops,
    on(event, listener) {
      listeners[event].add(listener);
      open();
      return () => {
        listeners[event].delete(listener);
      };
    },
  };

  return {
    kind: 'http',
    api,
    show(host) {
      if (host === shown) return;
      shown = host;
      // Not open yet: the first subscriber opens it with this host.
      if (!source) return;
      source.close();
      source = null;
      open();
    },
    connection: () => state,
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
  };
}

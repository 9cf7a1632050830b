/**
 * `GET /api/stream`: server-sent events. `event: status` carries the Status JSON (the current one
 * at once, then every push), `event: event` each new event record, `event: fleet` each change of the fleet; a comment line every
 * heartbeat keeps proxies and the browser's EventSource from timing the stream out.
 *
 * `?view=summary` sends `event: summary` (see summary-feed.ts) instead of `status`, for watchers
 * whose dashboard for this host is closed. `?view=delta` sends `status-full` on connect and then
 * `status-delta` per push (delta-feed.ts, main/shared/status-delta.ts), for the dashboard. Every `event` message carries its record's id as the
 * SSE `id:`, and the last events are kept in a ring: a client reconnecting with `Last-Event-ID`
 * first gets what it missed (after an `event: gap` notice when its id is older than the ring).
 * With `Accept-Encoding: gzip` the stream is compressed, flushed per message.
 *
 * `&host=<id>` says the page shows that watched host: while the stream is open the watcher
 * follows it with the full stream and this client gets `event: status` with each of its
 * statuses (`hostId` = id) as it arrives (fleet-service.ts `show`, counted per host); the
 * stream's end releases it. `&since=<event id>` does what `Last-Event-ID` does, for a page that
 * reopens its stream to show another host (EventSource cannot set that header itself).
 *
 * A client that does not read is dropped once its unsent output passes a bound, rather than
 * letting the server's memory grow with it; the browser's EventSource reconnects by itself.
 */
import type { ServerResponse } from 'node:http';
import type { Handler, HttpApp } from './app';
import {
  LOCAL_HOST_ID,
  STREAM_PATH,
  type HostId,
  type HostwatchApi,
  type PushEventName,
  type Status,
} from '../../shared/contract';
import { GAP_EVENT, type GapNotice, type StreamView } from '../../shared/protocol';
import { createDeltaFeed } from './delta-feed';
import type { Logger } from '../../core/ports';
import { EventRing } from './event-ring';
import { sendHttpError } from './errors';
import { acceptsGzip, createSseOutput } from './sse-output';
import { createSummaryFeed } from './summary-feed';

/** Events kept for `Last-Event-ID` replay unless configured otherwise. */
export const DEFAULT_EVENT_RING_SIZE = 500;

/** Options of the event stream. */
export interface SseOptions {
  /** Where pushed events come from. */
  readonly api: Pick<HostwatchApi, 'on'>;
  readonly status: () => Status | null;
  readonly logger: Logger;
  /** Headers every response carries (security headers). */
  readonly headers: Readonly<Record<string, string>>;
  /** Milliseconds between heartbeat comments. */
  readonly heartbeatMs: number;
  /** Unsent bytes per client beyond which the client is dropped. */
  readonly maxBufferBytes: number;
  /** Events kept for replay (default {@link DEFAULT_EVENT_RING_SIZE}). */
  readonly eventRingSize?: number | undefined;
  /** Most milliseconds between two summary messages without change (default 5 s). */
  readonly summaryIntervalMs?: number | undefined;
  /** Monotonic clock for the summary interval (default `performance.now`). */
  readonly now?: (() => number) | undefined;
  /** A page shows a watched host: its statuses go to `onStatus` until the release is called. */
  readonly showHost?:
    ((host: HostId, onStatus: (status: Status) => void) => () => void) | undefined;
}

/** Query parameters of the stream: the view, the shown host and the resume point. */
export const SHOWN_HOST_PARAM = 'host';
/** Query parameter standing in for `Last-Event-ID` (see the header). */
export const SINCE_PARAM = 'since';

function queryString(query: unknown, name: string): string | null | Error {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  if (v === undefined || v === '') return null;
  if (typeof v !== 'string' || v.length > 128) {
    return new Error(`The stream's "${name}" parameter must be one text of at most 128 characters`);
  }
  return v;
}

/** Formats one server-sent event; JSON has no raw newlines, so one `data:` line suffices. */
export function formatEvent(name: PushEventName, payload: unknown, id?: string): string {
  // An id with a line break would split the message; event ids are UUIDs, so this is a guard.
  const idLine = id !== undefined && !/[\r\n]/.test(id) ? `id: ${id}\n` : '';
  return `${idLine}event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

function streamView(query: unknown): StreamView | Error {
  const view = (query as Record<string, unknown> | undefined)?.view;
  if (view === undefined || view === 'full') return 'full';
  if (view === 'summary') return 'summary';
  if (view === 'delta') return 'delta';
  const shown = typeof view === 'string' ? view : JSON.stringify(view);
  return new Error(`Unknown stream view "${shown}": use view=summary, view=delta or view=full`);
}

/** Registers the stream route; returns a function that ends every open stream (for shutdown). */
export function registerEventStream(app: HttpApp, options: SseOptions): () => void {
  /** Each open stream's write and end, and its view. */
  const clients = new Map<(chunk: string) => void, { end: () => void; view: StreamView }>();
  const ring = new EventRing(options.eventRingSize ?? DEFAULT_EVENT_RING_SIZE);
  const summaries = createSummaryFeed(options.summaryIntervalMs);
  const deltas = createDeltaFeed();
  const now = options.now ?? (() => performance.now());
  const broadcast = (chunk: string, view?: StreamView): void => {
    for (const [write, client] of clients)
      if (view === undefined || client.view === view) write(chunk);
  };
  // Events are followed for the whole life of the server, not only while a client is
  // connected: the ring must hold what happens while a watcher is cut off.
  const offEvents = options.api.on('event', (e) => {
    const chunk = formatEvent('event', e, e.id);
    ring.push(e.id, chunk);
    broadcast(chunk);
  });
  // One status subscription for all clients, taken while any is connected: a push is
  // serialised once per tick, not once per client.
  let unsubscribe: (() => void) | null = null;
  const subscribe = (): (() => void) => {
    const offStatus = options.api.on('status', (s) => {
      let full = false;
      let summary = false;
      let delta = false;
      for (const c of clients.values()) {
        if (c.view === 'full') full = true;
        else if (c.view === 'delta') delta = true;
        else summary = true;
      }
      if (full) broadcast(formatEvent('status', s), 'full');
      if (delta) broadcast(deltas.onStatus(s), 'delta');
      const due = summary ? summaries.onStatus(s, now()) : null;
      if (due !== null) broadcast(due, 'summary');
    });
    // The fleet push changes only when a host's health or alerts do: the full stream gets it.
    const offFleet = options.api.on('fleet', (f) => {
      const chunk = formatEvent('fleet', f);
      broadcast(chunk, 'full');
      broadcast(chunk, 'delta');
    });
    return () => {
      offStatus();
      offFleet();
    };
  };

  const open: Handler = (request, reply) => {
    const view = streamView(request.query);
    if (view instanceof Error) return sendHttpError(reply, 400, view.message);
    const shownHost = queryString(request.query, SHOWN_HOST_PARAM);
    if (shownHost instanceof Error) return sendHttpError(reply, 400, shownHost.message);
    const since = queryString(request.query, SINCE_PARAM);
    if (since instanceof Error) return sendHttpError(reply, 400, since.message);
    const lastIdHeader = request.headers['last-event-id'];
    // The browser's own reconnect sends the header, which is newer than the page's `since`.
    const lastEventId =
      typeof lastIdHeader === 'string' && lastIdHeader !== '' ? lastIdHeader : since;
    // The response is written by hand from here on; the onSend steps no longer apply to it.
    reply.hijack();
    const res: ServerResponse = reply.raw;
    const out = createSseOutput(
      res,
      acceptsGzip(request.headers['accept-encoding']),
      view === 'full' ? 'status' : 'small',
    );
    res.writeHead(200, {
      ...options.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      vary: 'accept-encoding',
      ...(out.encoding ? { 'content-encoding': out.encoding } : {}),
      // Stops nginx and similar proxies from buffering the stream.
      'x-accel-buffering': 'no',
    });
    res.socket?.setNoDelay(true);

    let closed = false;
    let releaseHost: (() => void) | null = null;
    const end = (): void => {
      if (closed) return;
      closed = true;
      releaseHost?.();
      releaseHost = null;
      clearInterval(heartbeat);
      clients.delete(write);
      if (clients.size === 0) {
        unsubscribe?.();
        unsubscribe = null;
      }
      out.end();
    };
    const write = (chunk: string): void => {
      if (closed) return;
      const pending = out.pending();
      if (pending > options.maxBufferBytes) {
        options.logger.warn(
          `dropping slow event-stream client ${request.ip}: ${pending} bytes unsent`,
        );
        end();
        res.destroy();
        return;
      }
      out.write(chunk);
    };

    const heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs);
    heartbeat.unref();
    res.on('close', end);
    res.on('error', end);

    write('retry: 3000\n\n');
    const current = options.status();
    if (view === 'full') {
      if (current !== null) write(formatEvent('status', current));
    } else if (view === 'delta') {
      const following = [...clients.values()].some((c) => c.view === 'delta');
      const first = deltas.current(current, following);
      if (first !== null) write(first);
    } else {
      const first = summaries.current(current);
      if (first !== null) write(first);
    }
    if (lastEventId !== null) {
      const replay = ring.since(lastEventId);
      if (!replay.found) {
        const gap: GapNotice = { lastEventId, replayed: replay.chunks.length };
        write(`event: ${GAP_EVENT}\ndata: ${JSON.stringify(gap)}\n\n`);
      }
      for (const chunk of replay.chunks) write(chunk);
    }
    if (closed) return;
    clients.set(write, { end, view });
    unsubscribe ??= subscribe();
    // The local host's status is the stream's own; only a watched host is shown this way.
    if (shownHost !== null && shownHost !== LOCAL_HOST_ID && options.showHost) {
      releaseHost = options.showHost(shownHost, (s) => write(formatEvent('status', s)));
    }
  };
  app.route('GET', STREAM_PATH, open, { head: false });

  return () => {
    offEvents();
    for (const { end } of [...clients.values()]) end();
  };
}

/**
 * `GET /api/stream`: server-sent events. `event: status` carries the Status JSON (the current one
 * at once, then every push), `event: event` each new event record, `event: fleet` each change of the fleet; a comment line every
 * heartbeat keeps proxies and the browser's EventSource from timing the stream out.
 *
 * A client that does not read is dropped once its unsent output passes a bound, rather than
 * letting the server's memory grow with it; the browser's EventSource reconnects by itself.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import {
  PUSH_EVENT_NAMES,
  STREAM_PATH,
  type HostwatchApi,
  type PushEventName,
  type Status,
} from '../../shared/contract';
import type { Logger } from '../../core/ports';

/** Options of the event stream. */
export interface SseOptions {
  readonly api: HostwatchApi;
  readonly status: () => Status | null;
  readonly logger: Logger;
  /** Headers every response carries (security headers). */
  readonly headers: Readonly<Record<string, string>>;
  /** Milliseconds between heartbeat comments. */
  readonly heartbeatMs: number;
  /** Unsent bytes per client beyond which the client is dropped. */
  readonly maxBufferBytes: number;
}

/** Formats one server-sent event; JSON has no raw newlines, so one `data:` line suffices. */
export function formatEvent(name: PushEventName, payload: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/** Registers the stream route; returns a function that ends every open stream (for shutdown). */
export function registerEventStream(app: FastifyInstance, options: SseOptions): () => void {
  /** Each open stream's write and end. */
  const clients = new Map<(chunk: string) => void, () => void>();
  // One engine subscription for all clients, taken while any is connected: a push is serialised
  // once per tick, not once per client.
  let unsubscribe: (() => void) | null = null;
  const broadcast = (chunk: string): void => {
    for (const write of clients.keys()) write(chunk);
  };
  const subscribe = (): (() => void) => {
    const offs = PUSH_EVENT_NAMES.map((name) =>
      options.api.on(name, (payload) => broadcast(formatEvent(name, payload))),
    );
    return () => {
      for (const off of offs) off();
    };
  };

  app.get(STREAM_PATH, { exposeHeadRoute: false }, (request, reply) => {
    // The response is written by hand from here on; Fastify's hooks no longer apply to it.
    reply.hijack();
    const res: ServerResponse = reply.raw;
    res.writeHead(200, {
      ...options.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Stops nginx and similar proxies from buffering the stream.
      'x-accel-buffering': 'no',
    });
    res.socket?.setNoDelay(true);

    let closed = false;
    const end = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      clients.delete(write);
      if (clients.size === 0) {
        unsubscribe?.();
        unsubscribe = null;
      }
      res.end();
    };
    const write = (chunk: string): void => {
      if (closed) return;
      if (res.writableLength > options.maxBufferBytes) {
        options.logger.warn(
          `dropping slow event-stream client ${request.ip}: ${res.writableLength} bytes unsent`,
        );
        end();
        res.destroy();
        return;
      }
      res.write(chunk);
    };

    const heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs);
    heartbeat.unref();
    res.on('close', end);
    res.on('error', end);

    write('retry: 3000\n\n');
    const current = options.status();
    if (current !== null) write(formatEvent('status', current));
    if (closed) return;
    clients.set(write, end);
    unsubscribe ??= subscribe();
  });

  return () => {
    for (const end of [...clients.values()]) end();
  };
}

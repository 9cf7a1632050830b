/**
 * Gzip for whole responses (`/api/status`, `/api/history`, `/metrics` and the other JSON and
 * text answers) when the client sent `Accept-Encoding: gzip`. The event stream compresses itself
 * per message (sse-output.ts) and is not touched here; static files keep their own handling.
 * Bodies under {@link MIN_COMPRESS_BYTES} go as they are: gzip's header would eat the saving.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptsGzip } from './sse-output';

const gzipAsync = promisify(gzip);

/** Smallest body worth compressing, in bytes. */
export const MIN_COMPRESS_BYTES = 1024;

// What the API and /metrics answer; HTML, scripts and images come from static.ts.
const COMPRESSIBLE = /^(application\/json|text\/plain|application\/openmetrics-text)\b/i;

function compressible(reply: FastifyReply): boolean {
  const type = reply.getHeader('content-type');
  return typeof type === 'string' && COMPRESSIBLE.test(type);
}

/** Installs the gzip step for JSON and text answers on `app`; `skip` names paths to leave alone. */
export function installCompression(app: FastifyInstance, skip: ReadonlySet<string>): void {
  app.addHook(
    'onSend',
    async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
      const path = request.url.split('?', 1)[0] ?? '/';
      if (skip.has(path) || !compressible(reply)) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      // Caches between the agent and a client must not hand a gzip body to one that did not ask.
      reply.header('vary', 'Accept-Encoding');
      if (reply.getHeader('content-encoding') !== undefined) return payload;
      if (!acceptsGzip(request.headers['accept-encoding'])) return payload;
      const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
      if (body.length < MIN_COMPRESS_BYTES) return payload;
      const zipped = await gzipAsync(body, { level: 6 });
      reply.header('content-encoding', 'gzip');
      reply.header('content-length', zipped.length);
      return zipped;
    },
  );
}

/**
 * Gzip for whole responses (`/api/status`, `/api/history`, `/metrics` and the other JSON and
 * text answers) when the client sent `Accept-Encoding: gzip`. The event stream compresses itself
 * per message (sse-output.ts) and is not touched here; static files keep their own handling.
 * Bodies under {@link MIN_COMPRESS_BYTES} go as they are: gzip's header would eat the saving.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Reply, SendStep } from './app';
import { acceptsGzip } from './sse-output';

// Made on first use: zlib stays unloaded until a client asks for gzip (scripts/cjs-builtins.mjs).
let gzipAsync: ((body: Buffer, options: { level: number }) => Promise<Buffer>) | undefined;

/** Smallest body worth compressing, in bytes. */
export const MIN_COMPRESS_BYTES = 1024;

// What the API and /metrics answer; HTML, scripts and images come from static.ts.
const COMPRESSIBLE = /^(application\/json|text\/plain|application\/openmetrics-text)\b/i;

function compressible(reply: Reply): boolean {
  const type = reply.getHeader('content-type');
  return typeof type === 'string' && COMPRESSIBLE.test(type);
}

/** The gzip step for JSON and text answers; `skip` names paths to leave alone. */
export function compression(skip: ReadonlySet<string>): SendStep {
  return async (request, reply) => {
    if (skip.has(request.path) || !compressible(reply)) return;
    const payload = reply.payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return;
    // Caches between the agent and a client must not hand a gzip body to one that did not ask.
    reply.header('vary', 'Accept-Encoding');
    if (reply.getHeader('content-encoding') !== undefined) return;
    if (!acceptsGzip(request.headers['accept-encoding'])) return;
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    if (body.length < MIN_COMPRESS_BYTES) return;
    const zipped = await (gzipAsync ??= promisify(gzip))(body, { level: 6 });
    reply.header('content-encoding', 'gzip');
    reply.header('content-length', zipped.length);
    reply.payload = zipped;
  };
}

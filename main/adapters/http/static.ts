/**
 * The dashboard: the Vite build (dist/renderer) served read-only. `/` is index.html; a path
 * that leaves the directory (`..`, encoded or not, or a symlink pointing out), a dotfile or
 * anything but a regular file is refused. Hashed assets are cached for a year, index.html never.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { HttpApp, HttpRequest, Reply } from './app';
import { sendHttpError } from './errors';

/** Content types by file extension; anything else is served as a download-safe octet stream. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type of a file name. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path to a file inside `root`, or undefined when the path is malformed, hidden or
 * would leave `root`. Does not touch the disk (symlinks are checked when serving).
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return undefined;
  const base = resolve(root);
  const file = segments.length === 0 ? join(base, 'index.html') : resolve(base, ...segments);
  return file.startsWith(base + sep) ? file : undefined;
}

/** Serves the files of `staticDir` for GET and HEAD requests no route takes. */
export function registerStatic(app: HttpApp, staticDir: string): void {
  const rootPromise = realpath(staticDir).catch(() => resolve(staticDir));

  app.fallback(async (request: HttpRequest, reply: Reply) => {
    const urlPath = request.url.split('?', 1)[0] ?? '/';
    if (urlPath === '/api' || urlPath.startsWith('/api/')) {
      return sendHttpError(reply, 404, `No API route ${urlPath}`);
    }
    const root = await rootPromise;
    const file = resolveStaticPath(root, urlPath);
    if (file === undefined) return sendHttpError(reply, 404, 'Not found');
    let real: string;
    try {
      real = await realpath(file);
      if (!real.startsWith(root + sep) || !(await stat(real)).isFile())
        throw new Error('not a file');
    } catch {
      return sendHttpError(reply, 404, `Not found: ${urlPath}`);
    }
    const immutable = urlPath.startsWith('/assets/');
    return reply
      .code(200)
      .type(contentTypeOf(real))
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(createReadStream(real));
  });
}

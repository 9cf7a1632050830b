/**
 * Token rules and the dashboard over real TCP: the non-loopback decision, the bearer token and
 * the browser's one-time `?token=` → cookie, static files with correct types, CSP and no path
 * traversal.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../main/adapters/http/server';
import { CONTENT_SECURITY_POLICY } from '../../main/adapters/http/guard';
import {
  hostHeaderName,
  isAllowedHost,
  requiresToken,
  SESSION_COOKIE,
} from '../../main/adapters/http/auth';
import { resolveStaticPath } from '../../main/adapters/http/static';
import { createFakeEngine, recordingLogger } from './http-fixtures';
import { rawRequest } from './http-request';

const TOKEN = 'correct-horse-battery-staple-0123';

describe('when a token is required', () => {
  it('requires one on every address but loopback', () => {
    for (const host of [
      '127.0.0.1',
      '127.0.0.2',
      '127.255.0.9',
      '::1',
      '[::1]',
      'localhost',
      'LOCALHOST',
    ]) {
      expect(requiresToken(host), host).toBe(false);
    }
    for (const host of [
      '0.0.0.0',
      '::',
      '192.168.1.10',
      '10.0.0.1',
      'example.com',
      '128.0.0.1',
      '::ffff:127.0.0.1x',
    ]) {
      expect(requiresToken(host), host).toBe(true);
    }
  });

  it('refuses to start on a non-loopback address without a token, before binding', async () => {
    const engine = createFakeEngine();
    for (const token of [undefined, '']) {
      await expect(
        createHttpServer({
          api: engine.api,
          status: () => null,
          host: '0.0.0.0',
          port: 0,
          token,
          logger: recordingLogger(),
        }),
      ).rejects.toThrow(/Refusing to listen on 0\.0\.0\.0 without a token/);
    }
  });

  it('judges Host headers only when bound to loopback', () => {
    expect(hostHeaderName('[::1]:9477')).toBe('::1');
    expect(hostHeaderName('Localhost:80')).toBe('localhost');
    expect(hostHeaderName('a:b:c')).toBeUndefined();
    expect(isAllowedHost('127.0.0.1:1', '127.0.0.1')).toBe(true);
    expect(isAllowedHost('rebind.evil:1', '127.0.0.1')).toBe(false);
    expect(isAllowedHost(undefined, 'localhost')).toBe(false);
    expect(isAllowedHost('agent.example.com', '0.0.0.0')).toBe(true);
  });
});

describe('with a token and a dashboard', () => {
  let dir: string;
  let server: HttpServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hostwatch-http-'));
    const root = join(dir, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Hostwatch</title>');
    await writeFile(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
    await writeFile(join(root, 'assets', 'app-1234.css'), 'body{}');
    await writeFile(join(root, '.env'), 'SECRET=1');
    await writeFile(join(dir, 'secret.txt'), 'outside');
    await symlink(join(dir, 'secret.txt'), join(root, 'escape.txt'));
    const engine = createFakeEngine();
    server = await createHttpServer({
      api: engine.api,
      status: () => engine.status,
      host: '127.0.0.1',
      port: 0,
      token: TOKEN,
      staticDir: root,
      logger: recordingLogger(),
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const bearer = { authorization: `Bearer ${TOKEN}` };

  it('answers 401 without the token on every kind of path', async () => {
    for (const path of [
      '/api/status',
      '/api/stream',
      '/metrics',
      '/',
      '/assets/app-1234.js',
      '/api/nope',
    ]) {
      const res = await rawRequest(`${server.url}${path}`);
      expect(res.status, path).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="hostwatch"');
      expect(res.json).toMatchObject({ error: { code: 'unauthorized' } });
    }
    const wrong = await rawRequest(`${server.url}/api/status`, {
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    const forged = await rawRequest(`${server.url}/api/status`, {
      headers: { cookie: `${SESSION_COOKIE}=${TOKEN}` },
    });
    expect(forged.status).toBe(401);
  });

  it('checks the token before reading a body', async () => {
    const res = await rawRequest(`${server.url}/api/pause`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(401);
  });

  it('accepts the bearer token', async () => {
    expect((await rawRequest(`${server.url}/api/status`, { headers: bearer })).status).toBe(200);
    expect((await rawRequest(`${server.url}/metrics`, { headers: bearer })).status).toBe(200);
  });

  it('turns ?token= on a page into an HttpOnly SameSite=Strict cookie and a clean URL', async () => {
    const first = await rawRequest(`${server.url}/?lang=ko&token=${TOKEN}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/?lang=ko');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(
      new RegExp(`^${SESSION_COOKIE}=[\\w-]+; Path=/; HttpOnly; SameSite=Strict$`),
    );
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0]!;

    const page = await rawRequest(`${server.url}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const api = await rawRequest(`${server.url}/api/events`, { headers: { cookie } });
    expect(api.status).toBe(200);
    // An API call may carry ?token= too; it is not passed on as an operation parameter.
    const viaQuery = await rawRequest(`${server.url}/api/status?token=${TOKEN}`);
    expect(viaQuery.status).toBe(200);
  });

  it('serves index.html for / with the CSP and no caching, and assets with their types', async () => {
    const index = await rawRequest(`${server.url}/`, { headers: bearer });
    expect(index.status).toBe(200);
    expect(index.text).toContain('<title>Hostwatch</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['cache-control']).toBe('no-cache');

    const js = await rawRequest(`${server.url}/assets/app-1234.js`, { headers: bearer });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    const css = await rawRequest(`${server.url}/assets/app-1234.css`, { headers: bearer });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('refuses traversal, dotfiles, symlinks out of the directory and directories', async () => {
    for (const path of [
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/.env',
      '/escape.txt',
      '/assets',
      '/%00',
    ]) {
      const res = await rawRequest(`${server.url}${path}`, { headers: bearer });
      expect(res.status, path).toBe(404);
      expect(res.text).not.toContain('outside');
    }
    expect(resolveStaticPath('/srv/r', '/../etc/passwd')).toBeUndefined();
    expect(resolveStaticPath('/srv/r', '/assets/a.js')).toBe('/srv/r/assets/a.js');
    expect(resolveStaticPath('/srv/r', '/')).toBe('/srv/r/index.html');
    expect(resolveStaticPath('/srv/r', '/a/%2e%2e/%2e%2e/x')).toBeUndefined();
    expect(resolveStaticPath('/srv/r', '/%E0%A4%A')).toBeUndefined();
  });

  it('answers 405 for a non-GET on a page path', async () => {
    const res = await rawRequest(`${server.url}/index.html`, { method: 'POST', headers: bearer });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});

describe('the built dashboard (dist/renderer)', () => {
  const root = join(process.cwd(), 'dist', 'renderer');
  let server: HttpServer;
  beforeAll(async () => {
    const engine = createFakeEngine();
    server = await createHttpServer({
      api: engine.api,
      status: () => engine.status,
      host: '127.0.0.1',
      port: 0,
      staticDir: root,
      logger: recordingLogger(),
    });
  });
  afterAll(() => server.close());

  it('serves index.html and the script and stylesheet it loads, with no inline script the CSP would block', async () => {
    const index = await rawRequest(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const refs = [
      ...index.text.matchAll(/<(script|link rel="stylesheet")[^>]*\s(?:src|href)="\.?\/?([^"]+)"/g),
    ];
    expect(refs.length).toBeGreaterThanOrEqual(2);
    for (const [, tag, path] of refs) {
      const res = await rawRequest(`${server.url}/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toBe(
        tag === 'script' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
      );
    }
  });
});

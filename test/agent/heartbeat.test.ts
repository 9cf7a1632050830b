/**
 * The heartbeat on the real agent (issue 11): its URL ping reaches a real HTTP server on
 * 127.0.0.5, is held back while sampling is paused, a failing endpoint becomes a status notice
 * that clears when it works again; the daily summary email reaches a real SMTP server at its hour.
 * Time runs faster only for the heartbeat, through the test seam HOSTWATCH_HEARTBEAT_SCALE=600
 * (a minute in 0.1 s): the agent itself samples and sends in real time.
 */
import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Status } from '../../main/shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp/server';
import { eventually, getJson, startAgent, tempDataDir, type AgentProcess } from './agent-process';

const SCALE = { HOSTWATCH_HEARTBEAT_SCALE: '600' };
let agent: AgentProcess | undefined;
let smtp: TestSmtpServer | undefined;
let http: Server | undefined;

afterEach(async () => {
  await agent?.stop('SIGKILL');
  agent = undefined;
  await smtp?.close();
  smtp = undefined;
  await new Promise((r) => (http ? http.close(r) : r(undefined)));
  http = undefined;
});

/** A real HTTP server on 127.0.0.5 that records each request and answers `code()`. */
async function recorder(code: () => number) {
  const hits: { method: string; url: string; agent: string }[] = [];
  http = createServer((req, res) => {
    hits.push({
      method: req.method ?? '',
      url: req.url ?? '',
      agent: req.headers['user-agent'] ?? '',
    });
    res.writeHead(code()).end('ok');
  });
  await new Promise<void>((r) => http!.listen(0, '127.0.0.5', r));
  const port = (http.address() as { port: number }).port;
  return { hits, url: `http://127.0.0.5:${port}/ping/abc` };
}

function writeSettings(
  dataDir: string,
  heartbeat: Settings['heartbeat'],
  extra: Partial<Settings> = {},
) {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    general: { ...DEFAULT_SETTINGS.general, displayName: 'web01' },
    ...extra,
    heartbeat,
  };
  const path = join(dataDir, 'custom-settings.json');
  writeFileSync(path, JSON.stringify(settings));
  return path;
}

/** The agent's log files (the terminal repeats warnings, so it is not counted). */
function logs(a: AgentProcess): string {
  const dir = join(a.dataDir, 'logs');
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

const status = async (): Promise<Status> =>
  (await getJson<Status>(`${agent!.url}/api/status`)).body;
const post = (path: string, body: unknown) =>
  fetch(`${agent!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('heartbeat on the real agent', () => {
  it('pings the URL every interval, holds back while paused, and resumes', async () => {
    const server = await recorder(() => 200);
    const dataDir = tempDataDir();
    const config = writeSettings(dataDir, {
      email: { enabled: false, hour: 9 },
      url: { enabled: true, url: server.url, intervalMinutes: 10 },
    });
    agent = await startAgent({ dataDir, args: ['--config', config], env: SCALE });
    await eventually(() => Promise.resolve(server.hits.length >= 3), 'three pings', 60_000);
    expect(server.hits[0]).toEqual({
      method: 'GET',
      url: '/ping/abc',
      agent: 'Hostwatch heartbeat',
    });

    expect((await post('/api/pause', { paused: true })).status).toBe(200);
    await eventually(
      () => Promise.resolve(/Heartbeat ping held back \(paused\)/.test(logs(agent!))),
      'the held-back log line',
      60_000,
    );
    const whilePaused = server.hits.length;
    expect((await post('/api/pause', { paused: false })).status).toBe(200);
    await eventually(
      () => Promise.resolve(server.hits.length >= whilePaused + 2),
      'pings after resume',
      60_000,
    );
  });

  it('holds the ping back while the health is critical, and pings again once it is not', async () => {
    const server = await recorder(() => 200);
    const dataDir = tempDataDir();
    // Memory is always above 1 %: with no "for", the memory rule is critical from the first tick.
    const rules = DEFAULT_SETTINGS.rules.map((r) =>
      r.id === 'memory' ? { ...r, warning: 0.5, critical: 1, clear: null, forSeconds: 0 } : r,
    );
    const config = writeSettings(
      dataDir,
      {
        email: { enabled: false, hour: 9 },
        url: { enabled: true, url: server.url, intervalMinutes: 10 },
      },
      { rules },
    );
    agent = await startAgent({ dataDir, args: ['--config', config], env: SCALE });
    await eventually(async () => (await status()).health === 'critical', 'critical health', 60_000);
    await eventually(
      () => Promise.resolve(/Heartbeat ping held back \(critical\)/.test(logs(agent!))),
      'the held-back (critical) log line',
      60_000,
    );
    const whileCritical = server.hits.length;
    const { body: view } = await getJson<{ settings: Settings }>(`${agent.url}/api/settings`);
    const calm = view.settings.rules.map((r) =>
      r.id === 'memory' ? { ...r, warning: 100, critical: 100, clear: null } : r,
    );
    const put = await fetch(`${agent.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ settings: { ...view.settings, rules: calm } }),
    });
    expect(put.status).toBe(200);
    await eventually(
      () => Promise.resolve(server.hits.length >= whileCritical + 2),
      'pings after the health left critical',
      60_000,
    );
  });

  it('a failing endpoint shows a notice, logged once, cleared when it answers again', async () => {
    let code = 500;
    const server = await recorder(() => code);
    const dataDir = tempDataDir();
    const config = writeSettings(dataDir, {
      email: { enabled: false, hour: 9 },
      url: { enabled: true, url: server.url, intervalMinutes: 10 },
    });
    agent = await startAgent({ dataDir, args: ['--config', config], env: SCALE });
    const notice = await eventually(
      async () => (await status()).notices.find((n) => n.id === 'heartbeat'),
      'the heartbeat notice',
      60_000,
    );
    expect(notice.message).toContain(`Heartbeat ping to ${server.url} fails: HTTP 500`);
    await eventually(() => Promise.resolve(server.hits.length >= 3), 'three failing pings', 60_000);
    expect(logs(agent).match(/Heartbeat ping to \S+ failed/g)).toHaveLength(1);
    code = 200;
    await eventually(
      async () => !(await status()).notices.some((n) => n.id === 'heartbeat'),
      'the notice to clear',
      60_000,
    );
  });

  it('sends the daily summary email to the real SMTP server at its hour', async () => {
    smtp = await startSmtpServer();
    const dataDir = tempDataDir();
    // The next local hour: at 600× it comes within 6 s of real time.
    const hour = (new Date().getHours() + 1) % 24;
    const config = writeSettings(
      dataDir,
      { email: { enabled: true, hour }, url: { enabled: false, url: '', intervalMinutes: 5 } },
      { smtp: { ...DEFAULT_SETTINGS.smtp, from: 'hostwatch@example.com' } },
    );
    agent = await startAgent({
      dataDir,
      args: [
        '--config',
        config,
        '--smtp',
        `smtp://127.0.0.1:${smtp.port}?security=none`,
        '--alert-to',
        'ops@example.com',
      ],
      env: SCALE,
    });
    await smtp.waitFor(() => smtp!.received.length >= 1, 'the heartbeat email', 60_000);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['ops@example.com']);
    expect(mail.parsed.subject).toMatch(
      /^\[Hostwatch\] (All is well on web01|\d+ open problem\(s\) on web01)$/,
    );
    expect(mail.parsed.text).toMatch(/^Health: (OK|WARNING|CRITICAL|UNKNOWN)$/m);
    expect(mail.parsed.text).toContain(
      'Last email confirmed by the server: none yet since the start',
    );
    expect(mail.parsed.text).toMatch(/Running for: /);
  });
});

/**
 * The real agent process on this machine: real sampler, real files, real HTTP.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryResponse, Status } from '../../main/shared/contract';
import {
  eventually,
  getJson,
  runAgentToExit,
  startAgent,
  tempDataDir,
  type AgentProcess,
} from './agent-process';

const running: AgentProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.stop('SIGKILL')));
});

async function start(options: Parameters<typeof startAgent>[0] = {}): Promise<AgentProcess> {
  const agent = await startAgent(options);
  running.push(agent);
  return agent;
}

async function liveStatus(url: string): Promise<Status> {
  return eventually(async () => {
    const { body } = await getJson<Status>(`${url}/api/status`);
    return body.snapshot?.values['cpu.total'] !== undefined ? body : undefined;
  }, 'a status with a CPU value');
}

describe('agent', () => {
  it('samples this machine and serves status, history, events and /metrics', async () => {
    const agent = await start();
    const status = await liveStatus(agent.url);
    expect(status.health).toMatch(/ok|warning|critical/);
    expect(status.snapshot?.values['mem.total_bytes']).toBeGreaterThan(0);
    expect(
      Object.keys(status.snapshot?.values ?? {}).some((k) => k.startsWith('disk.used_pct{')),
    ).toBe(true);

    const history = await eventually(async () => {
      const { body } = await getJson<HistoryResponse>(
        `${agent.url}/api/history?metric=cpu.total,mem.used_pct&range=5m`,
      );
      return body.series[0] && body.series[0].t.length >= 2 ? body : undefined;
    }, 'two history points');
    expect(history.resolution).toBe('raw');
    expect(history.series.map((s) => s.key)).toEqual(['cpu.total', 'mem.used_pct']);

    const events = await getJson<{ kind: string }[]>(`${agent.url}/api/events`);
    expect(events.body.some((e) => e.kind === 'system')).toBe(true);

    const metrics = await (await fetch(`${agent.url}/metrics`)).text();
    expect(metrics).toMatch(/^hostwatch_memory_used_bytes \d/m);
    // promtool exits non-zero on any problem with the exposition.
    const out = execFileSync('promtool', ['check', 'metrics'], { input: metrics }).toString();
    expect(out.trim()).toBe('');
  });

  it('streams status over server-sent events', async () => {
    const agent = await start();
    const res = await fetch(`${agent.url}/api/stream`);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    while ((text.match(/event: status/g) ?? []).length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect((text.match(/event: status/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses bad input with a 4xx, saves nothing and keeps running', async () => {
    const agent = await start();
    const settingsPath = join(agent.dataDir, 'settings.json');
    const before = readFileSync(settingsPath, 'utf8');
    const { body: view } = await getJson<{ settings: { rules: { warning: number }[] } }>(
      `${agent.url}/api/settings`,
    );
    view.settings.rules[0]!.warning = -5;
    const put = await fetch(`${agent.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ settings: view.settings }),
    });
    expect(put.status).toBe(400);
    const err = (await put.json()) as { error: { fields: { path: string }[] } };
    expect(err.error.fields.map((f) => f.path)).toContain('settings.rules.0.warning');

    const malformed = await fetch(`${agent.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"settings": ',
    });
    expect(malformed.status).toBe(400);
    const huge = await fetch(`${agent.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(400_000) }),
    });
    expect(huge.status).toBe(413);
    const badQuery = await fetch(`${agent.url}/api/history?metric=cpu.total&range=1y`);
    expect(badQuery.status).toBe(400);

    expect(readFileSync(settingsPath, 'utf8')).toBe(before);
    expect((await fetch(`${agent.url}/api/status`)).status).toBe(200);
  });

  it('persists a valid settings change and the SMTP password only as "set"', async () => {
    const dataDir = tempDataDir();
    const agent = await start({ dataDir });
    const { body: view } = await getJson<{
      settings: { rules: { id: string; warning: number; clear: number }[] };
    }>(`${agent.url}/api/settings`);
    const cpu = view.settings.rules.find((r) => r.id === 'cpu')!;
    cpu.warning = 70;
    cpu.clear = 60;
    const put = await fetch(`${agent.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ settings: view.settings, secrets: { smtpPassword: 's3cret-pw' } }),
    });
    expect(put.status).toBe(200);
    expect(await put.text()).not.toContain('s3cret-pw');
    await agent.stop();
    const again = await start({ dataDir });
    const { body } = await getJson<{
      settings: { rules: { id: string; warning: number }[] };
      secrets: { smtpPassword: boolean };
    }>(`${again.url}/api/settings`);
    expect(body.settings.rules.find((r) => r.id === 'cpu')!.warning).toBe(70);
    expect(body.secrets.smtpPassword).toBe(true);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain('s3cret-pw');
    for (const log of ['hostwatch.log', 'metrics.log']) {
      const p = join(dataDir, 'logs', log);
      if (existsSync(p)) expect(readFileSync(p, 'utf8')).not.toContain('s3cret-pw');
    }
  });

  it('stops cleanly on SIGTERM and SIGINT, and keeps history across a restart', async () => {
    const dataDir = tempDataDir();
    const agent = await start({ dataDir });
    await eventually(async () => {
      const { body } = await getJson<HistoryResponse>(
        `${agent.url}/api/history?metric=mem.used_pct&range=5m`,
      );
      return (body.series[0]?.t.length ?? 0) >= 3;
    }, 'three samples');
    const { code, ms } = await agent.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5_000);
    expect(agent.output()).toContain('Stopped cleanly');

    const again = await start({ dataDir });
    const { body } = await getJson<HistoryResponse>(
      `${again.url}/api/history?metric=mem.used_pct&range=5m`,
    );
    expect(body.series[0]!.t.length).toBeGreaterThanOrEqual(3);
    const second = await again.stop('SIGINT');
    expect(second.code).toBe(0);
  });

  it('refuses to listen beyond loopback without a token, and enforces a configured token', async () => {
    const refused = await runAgentToExit([
      '--data-dir',
      tempDataDir(),
      '--host',
      '0.0.0.0',
      '--port',
      '0',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(/without a token/);

    const agent = await start({ env: { HOSTWATCH_TOKEN: 'test-token-123456' } });
    expect((await fetch(`${agent.url}/api/status`)).status).toBe(401);
    expect((await fetch(`${agent.url}/metrics`)).status).toBe(401);
    const ok = await fetch(`${agent.url}/api/status`, {
      headers: { authorization: 'Bearer test-token-123456' },
    });
    expect(ok.status).toBe(200);
  });

  it('takes SMTP from the command line, and explains a missing sender', async () => {
    const smtp = [
      '--smtp',
      'smtp://mailer@127.0.0.1:2525?security=none',
      '--alert-to',
      'ops@example.com',
    ];
    const refused = await runAgentToExit(['--data-dir', tempDataDir(), '--port', '0', ...smtp]);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/smtp\.from.*--alert-from/);

    const agent = await start({
      args: [...smtp, '--alert-from', 'hostwatch@example.com'],
      env: { HOSTWATCH_SMTP_PASSWORD: 'pw-from-env' },
    });
    const { body } = await getJson<{
      settings: { smtp: Record<string, unknown> };
      secrets: { smtpPassword: boolean };
    }>(`${agent.url}/api/settings`);
    expect(body.settings.smtp).toMatchObject({
      enabled: true,
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
      username: 'mailer',
      from: 'hostwatch@example.com',
      to: ['ops@example.com'],
    });
    expect(body.secrets.smtpPassword).toBe(true);
    expect(JSON.stringify(body)).not.toContain('pw-from-env');
  });

  it('still reports a corrupt settings file that --smtp has just replaced', async () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'settings.json'), '{ "version": 1, "smtp": ');
    const agent = await start({
      dataDir,
      args: [
        '--smtp',
        'smtp://mailer@127.0.0.1:2525?security=none',
        '--alert-to',
        'ops@example.com',
      ],
      env: { HOSTWATCH_ALERT_FROM: 'hostwatch@example.com' },
    });
    const { body } = await getJson<Status>(`${agent.url}/api/status`);
    expect(body.notices.map((n) => n.code)).toContain('settings-corrupt');
    const saved = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as {
      smtp: { host: string; to: string[] };
    };
    expect(saved.smtp).toMatchObject({ host: '127.0.0.1', to: ['ops@example.com'] });
  });

  it('explains a bad command line', async () => {
    const res = await runAgentToExit(['--port', 'eighty']);
    expect(res.code).toBe(2);
    expect(res.output).toMatch(/--port must be a whole number/);
    const unknown = await runAgentToExit(['--colour', 'red']);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toMatch(/Usage:/);
  });
});

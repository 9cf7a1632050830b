/**
 * A real fleet: agents on 127.0.0.2 and 127.0.0.3 with `--tls --new-token`, and a watcher
 * agent with `--watch` for each (pinned by the fingerprint they printed), and a third agent on
 * 127.0.0.4 watched with a wrong token. The watcher lists them in /api/fleet and on /metrics; a stopped agent
 * (`kill -STOP`) becomes unreachable and comes back after `kill -CONT`; the wrong token is
 * said in words; local monitoring goes on.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FleetSummary, Status } from '../../main/shared/contract';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import { eventually, getJson, startAgent, tempDataDir, type AgentProcess } from './agent-process';

const running: AgentProcess[] = [];

afterEach(async () => {
  for (const a of running.splice(0)) {
    a.proc.kill('SIGCONT');
    await a.stop('SIGKILL');
  }
});

async function startTlsAgent(host: string) {
  const agent = await startAgent({ args: ['--host', host, '--tls', '--new-token'] });
  running.push(agent);
  const fingerprint = await eventually(
    () => Promise.resolve(/TLS fingerprint: (SHA256:[0-9A-F:]{95})/.exec(agent.output())?.[1]),
    'the fingerprint line',
  );
  const token = /New API token \(stored in [^\n]*\):\n(\S+)/.exec(agent.output())?.[1];
  if (!token) throw new Error(`no token printed:\n${agent.output()}`);
  const port = Number(new URL(agent.url).port);
  return { agent, fingerprint, token, port, host };
}

const hostOf = (fleet: FleetSummary, id: string) => fleet.hosts.find((h) => h.id === id);

describe('a watcher agent following real agents', () => {
  it('lists them, marks a stopped one unreachable and back, and says a wrong token', async () => {
    const [a, b, c] = await Promise.all([
      startTlsAgent('127.0.0.2'),
      startTlsAgent('127.0.0.3'),
      startTlsAgent('127.0.0.4'),
    ]);
    const dataDir = tempDataDir();
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, fleet: { unreachableAfterSeconds: 10, servers: [] } }),
    );
    const watch = (t: { token: string; host: string; port: number; fingerprint: string }) =>
      `https://:${t.token}@${t.host}:${t.port}#sha256=${t.fingerprint}`;
    const watcher = await startAgent({
      dataDir,
      args: [
        '--watch',
        watch(a),
        '--watch',
        watch(b),
        '--watch',
        watch({ ...c, token: 'wrong-token' }),
      ],
    });
    running.push(watcher);
    const idA = `127-0-0-2-${a.port}`;
    const idB = `127-0-0-3-${b.port}`;
    const idWrong = `127-0-0-4-${c.port}`;
    const fleet = () => getJson<FleetSummary>(`${watcher.url}/api/fleet`).then((r) => r.body);

    const all = await eventually(
      async () => {
        const f = await fleet();
        const ok = [idA, idB].every((id) => {
          const h = hostOf(f, id);
          return h && h.connection === 'connected' && h.health !== 'unreachable' && h.lastSeen;
        });
        return ok ? f : null;
      },
      'both agents connected in /api/fleet',
      60_000,
    );
    expect(all.hosts[0]?.id).toBe('local');
    expect(all.hosts.map((h) => h.url ?? '').join(' ')).not.toContain(a.token);
    expect(hostOf(all, idA)?.url).toBe(`https://127.0.0.2:${a.port}`);

    const wrong = await eventually(
      async () => hostOf(await fleet(), idWrong)?.problem ?? null,
      'the wrong token said in words',
      60_000,
    );
    expect(wrong.code).toBe('wrong-token');
    expect(wrong.message).toMatch(/refused the token/);

    a.agent.proc.kill('SIGSTOP');
    const t0 = Date.now();
    await eventually(
      async () => hostOf(await fleet(), idA)?.health === 'unreachable',
      'the stopped agent unreachable',
      40_000,
    );
    expect(Date.now() - t0).toBeLessThan(40_000);
    // The watcher's own critical alert, from the rule over the silence series (a tick later).
    const status = await eventually(
      async () => {
        const s = await getJson<Status>(`${watcher.url}/api/status`);
        const keys = s.body.alerts.map((x) => `${x.ruleId} ${x.series} ${x.severity} ${x.state}`);
        return keys.includes(`host-unreachable fleet.silence_s{${idA}} critical firing`) ? s : null;
      },
      'the host-unreachable alert firing',
      10_000,
    );
    const metrics = await (await fetch(`${watcher.url}/metrics`)).text();
    expect(metrics).toContain(`hostwatch_fleet_host_up{host="${idA}"} 0`);
    expect(metrics).toContain(`hostwatch_fleet_host_health{host="${idA}",state="unreachable"} 1`);
    expect(metrics).toContain(`hostwatch_fleet_host_up{host="${idB}"} 1`);
    // Local monitoring goes on meanwhile.
    expect(status.body.snapshot?.values['cpu.total']).toBeTypeOf('number');

    a.agent.proc.kill('SIGCONT');
    await eventually(
      async () => {
        const h = hostOf(await fleet(), idA);
        return h && h.health !== 'unreachable' && h.connection === 'connected';
      },
      'the agent back after SIGCONT',
      90_000,
    );
  }, 240_000);
});

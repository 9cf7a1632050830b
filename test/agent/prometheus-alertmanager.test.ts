/**
 * The reference set-up with the real Debian binaries on loopback: Prometheus scrapes a real agent
 * (bearer token from a credentials file) with the rules `agent.js export-rules` wrote for a CPU
 * rule with a low level and a short "for"; a busy loop makes HostwatchCpuWarning fire in
 * Prometheus, reach Alertmanager, and go out as an email to a real SMTP server. A second agent
 * watches that Alertmanager (`--watch-alertmanager`): its `/api/fleet` shows the alert, and a
 * silence created through it is listed by Alertmanager's API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp/server';
import {
  eventually,
  getJson,
  runAgentToExit,
  startAgent,
  tempDataDir,
  type AgentProcess,
} from './agent-process';

const TOKEN = 'prometheus-test-token-0123456789';

/** A free loopback port: Prometheus and Alertmanager cannot listen on port 0, so bind, read, close. */
function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => res(port));
    });
  });
}

/** Starts a binary, keeping its output for failure messages. */
function startBinary(path: string, args: string[]): { proc: ChildProcess; output: () => string } {
  const proc = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { proc, output: () => output.slice(-4000) };
}

function stopProcess(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    proc.once('exit', () => done());
    proc.kill('SIGKILL');
  });
}

/**
 * Settings with one CPU rule that a busy loop on one core breaks: warning 30 %, for 3 s. No
 * critical level: on a busy machine the CPU can reach any critical level too, and the test is
 * about the warning alert's path through Prometheus and Alertmanager.
 */
function testSettings(): Settings {
  return {
    ...DEFAULT_SETTINGS,
    rules: DEFAULT_SETTINGS.rules.map((r) =>
      r.id === 'cpu'
        ? { ...r, warning: 30, critical: null, clear: 20, forSeconds: 3 }
        : { ...r, enabled: false },
    ),
  };
}

interface PromAlert {
  labels: Record<string, string>;
}

describe('Prometheus and Alertmanager with a real agent', () => {
  const dir = tempDataDir();
  let agent: AgentProcess | undefined;
  let watcher: AgentProcess | undefined;
  let smtp: TestSmtpServer | undefined;
  const procs: ChildProcess[] = [];
  const outputs: (() => string)[] = [];
  let promUrl = '';
  let amUrl = '';
  // Set by afterAll: anything a timed-out beforeAll starts later is stopped at once, never leaked.
  let finished = false;
  const track = (proc: ChildProcess): ChildProcess => {
    procs.push(proc);
    if (finished) void stopProcess(proc);
    return proc;
  };

  beforeAll(async () => {
    // A busy loop first, so the CPU is high by the time Prometheus scrapes.
    track(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));

    const settingsPath = join(dir, 'settings.json');
    writeFileSync(settingsPath, JSON.stringify(testSettings()));
    const rulesPath = join(dir, 'hostwatch.rules.yml');
    const exported = await runAgentToExit([
      'export-rules',
      '--config',
      settingsPath,
      '--out',
      rulesPath,
    ]);
    expect(exported.code, exported.output).toBe(0);

    agent = await startAgent({ dataDir: dir, env: { HOSTWATCH_TOKEN: TOKEN } });
    track(agent.proc);
    smtp = await startSmtpServer();
    if (finished) await smtp.close();
    const [promPort, amPort] = [await freePort(), await freePort()];
    promUrl = `http://127.0.0.1:${promPort}`;
    amUrl = `http://127.0.0.1:${amPort}`;

    writeFileSync(join(dir, 'token'), `${TOKEN}\n`, { mode: 0o600 });
    writeFileSync(
      join(dir, 'prometheus.yml'),
      stringify({
        global: { scrape_interval: '1s', evaluation_interval: '1s' },
        rule_files: [rulesPath],
        alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
        scrape_configs: [
          {
            job_name: 'hostwatch',
            authorization: { type: 'Bearer', credentials_file: join(dir, 'token') },
            static_configs: [{ targets: [new URL(agent.url).host] }],
          },
        ],
      }),
    );
    writeFileSync(
      join(dir, 'alertmanager.yml'),
      stringify({
        global: {
          smtp_smarthost: `127.0.0.1:${smtp.port}`,
          smtp_from: 'alertmanager@example.com',
          smtp_require_tls: false,
        },
        route: { receiver: 'operators', group_by: ['alertname'], group_wait: '1s' },
        receivers: [{ name: 'operators', email_configs: [{ to: 'ops@example.com' }] }],
      }),
    );
    mkdirSync(join(dir, 'am'));
    mkdirSync(join(dir, 'tsdb'));
    const am = startBinary('/usr/bin/prometheus-alertmanager', [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'am')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ]);
    const prom = startBinary('/usr/bin/prometheus', [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ]);
    track(am.proc);
    track(prom.proc);
    outputs.push(am.output, prom.output, () => agent?.output() ?? '');
    watcher = await startAgent({
      args: ['--watch-alertmanager', amUrl, '--alertmanager-every', '1', '--quiet'],
    });
    track(watcher.proc);
    outputs.push(() => watcher?.output() ?? '');
  }, 90_000);

  afterAll(async () => {
    finished = true;
    await Promise.all(procs.map(stopProcess));
    await smtp?.close();
  }, 30_000);

  /** Output of the binaries for a failure message. */
  const logs = (): string => outputs.map((o) => o()).join('\n---\n');

  it('fires HostwatchCpuWarning in Prometheus, Alertmanager and an email', async () => {
    const target = await eventually(
      async () => {
        const { body } = await getJson<{
          data: { activeTargets: { health: string; lastError: string }[] };
        }>(`${promUrl}/api/v1/targets`);
        return body.data.activeTargets.find((t) => t.health === 'up');
      },
      'Prometheus scraping the agent with its token',
      30_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${logs()}`);
    });
    expect(target.lastError).toBe('');

    const query = encodeURIComponent('ALERTS{alertname="HostwatchCpuWarning",alertstate="firing"}');
    const firing = await eventually(
      async () => {
        const { body } = await getJson<{ data: { result: { metric: Record<string, string> }[] } }>(
          `${promUrl}/api/v1/query?query=${query}`,
        );
        return body.data.result[0];
      },
      'ALERTS firing in Prometheus',
      45_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${logs()}`);
    });
    expect(firing.metric).toMatchObject({ rule: 'cpu', severity: 'warning', job: 'hostwatch' });

    const inAm = await eventually(
      async () => {
        const { body } = await getJson<PromAlert[]>(`${amUrl}/api/v2/alerts`);
        return body.find((a) => a.labels.alertname === 'HostwatchCpuWarning');
      },
      'the alert in Alertmanager',
      30_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${logs()}`);
    });
    expect(inAm.labels).toMatchObject({ rule: 'cpu', severity: 'warning' });

    await smtp!.waitFor(() => smtp!.received.length > 0, 'the Alertmanager email', 30_000);
    const mail = smtp!.received[0]!;
    expect(mail.to).toEqual(['ops@example.com']);
    expect(mail.parsed.subject).toContain('HostwatchCpuWarning');
  });

  it("shows the alert in a watcher's /api/fleet from Alertmanager, and silences it there", async () => {
    interface FleetAlert {
      severity: string;
      target?: string;
      snoozed: boolean;
      alertmanager?: { fingerprint: string; alertname: string; instance: string };
    }
    const fromAm = await eventually(
      async () => {
        const { body } = await getJson<{
          hosts: { id: string; kind: string; health: string; alerts: FleetAlert[] }[];
        }>(`${watcher!.url}/api/fleet`);
        const host = body.hosts.find((h) => h.kind === 'alertmanager');
        const alert = host?.alerts.find((a) => a.alertmanager?.alertname === 'HostwatchCpuWarning');
        return host && alert ? { host, alert } : undefined;
      },
      "the Alertmanager's alert in the watcher's fleet",
      90_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${logs()}`);
    });
    expect(fromAm.host.health).toBe('warning');
    expect(fromAm.alert).toMatchObject({ severity: 'warning', snoozed: false });
    expect(fromAm.alert.target).toBe(new URL(agent!.url).host);

    const res = await fetch(`${watcher!.url}/api/silence`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        host: fromAm.host.id,
        alertFingerprint: fromAm.alert.alertmanager!.fingerprint,
        duration: '1h',
      }),
    });
    const created = (await res.json()) as { silenceId: string };
    expect(res.status, JSON.stringify(created)).toBe(200);

    const { body: silences } = await getJson<
      { id: string; createdBy: string; comment: string; status: { state: string } }[]
    >(`${amUrl}/api/v2/silences`);
    const mine = silences.find((s) => s.id === created.silenceId);
    expect(mine?.createdBy).toMatch(/^Hostwatch \(.+\)$/);
    expect(mine?.comment).toContain('Hostwatch');
    expect(mine?.status.state).toBe('active');

    await eventually(
      async () => {
        const { body } = await getJson<{ hosts: { kind: string; alerts: FleetAlert[] }[] }>(
          `${watcher!.url}/api/fleet`,
        );
        return body.hosts
          .find((h) => h.kind === 'alertmanager')
          ?.alerts.find((a) => a.alertmanager?.alertname === 'HostwatchCpuWarning' && a.snoozed);
      },
      'the silenced alert shown as snoozed by the watcher',
      20_000,
    );
  });
});

/**
 * The real agent process over TLS on 127.0.0.2: its printed fingerprint is the one it serves
 * and the one `--print-fingerprint` prints; a watcher with that pin and the printed token
 * connects and follows the summary stream; a wrong pin and a wrong token are
 * refused; `--no-tls` without `--behind-proxy` is refused at start.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  testConnection,
  followHost,
  type HostFollower,
} from '../../main/adapters/fleet/remote-client';
import type { HostSummary } from '../../main/shared/protocol';
import { parseWatchTarget, type WatchTarget } from '../../main/shared/watch-target';
import {
  eventually,
  runAgentToExit,
  startAgent,
  tempDataDir,
  type AgentProcess,
} from './agent-process';

const running: AgentProcess[] = [];
const followers: HostFollower[] = [];
afterEach(async () => {
  for (const f of followers.splice(0)) f.stop();
  await Promise.all(running.splice(0).map((a) => a.stop('SIGKILL')));
});

function target(url: string): WatchTarget {
  const parsed = parseWatchTarget(url);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.target;
}

async function startTlsAgent(dataDir = tempDataDir()) {
  const agent = await startAgent({
    dataDir,
    args: ['--host', '127.0.0.2', '--tls', '--new-token'],
  });
  running.push(agent);
  const fingerprint = await eventually(
    () => Promise.resolve(/TLS fingerprint: (SHA256:[0-9A-F:]{95})/.exec(agent.output())?.[1]),
    'the fingerprint line',
  );
  const token = /New API token \(stored in [^\n]*\):\n(\S+)/.exec(agent.output())?.[1];
  if (!token) throw new Error(`no token printed:\n${agent.output()}`);
  const port = Number(new URL(agent.url).port);
  return { agent, fingerprint, token, port, dataDir };
}

describe('agent over TLS', () => {
  it('serves HTTPS with the fingerprint it prints; a pinned watcher follows it', async () => {
    const { agent, fingerprint, token, port, dataDir } = await startTlsAgent();
    expect(agent.url).toMatch(/^https:\/\/127\.0\.0\.2:\d+$/);

    const good = target(`https://:${token}@127.0.0.2:${port}#sha256=${fingerprint}`);
    expect(await testConnection(good)).toMatchObject({
      ok: true,
      identity: { product: 'hostwatch', protocol: 2 },
    });

    const summaries: HostSummary[] = [];
    followers.push(followHost(good, { onSummary: (s) => summaries.push(s) }));
    await vi.waitFor(() => expect(summaries.length).toBeGreaterThan(0), { timeout: 20_000 });
    expect(summaries[0]).toMatchObject({
      health: expect.stringMatching(/ok|warning|critical|unknown/) as unknown,
    });

    const printed = await runAgentToExit(['--data-dir', dataDir, '--print-fingerprint']);
    expect(printed.code).toBe(0);
    expect(printed.output.trim()).toBe(`TLS fingerprint: ${fingerprint}`);
  });

  it('refuses a wrong pin and a wrong token in words', async () => {
    const { fingerprint, token, port } = await startTlsAgent();
    const otherPin = `SHA256:${'AB:'.repeat(31)}AB`;
    const wrongPin = await testConnection(
      target(`https://:${token}@127.0.0.2:${port}#sha256=${otherPin}`),
    );
    expect(wrongPin).toMatchObject({
      ok: false,
      code: 'fingerprint-mismatch',
      expected: otherPin,
      actual: fingerprint,
    });
    const wrongToken = await testConnection(
      target(`https://:nope@127.0.0.2:${port}#sha256=${fingerprint}`),
    );
    expect(wrongToken).toMatchObject({ ok: false, code: 'wrong-token' });
  });

  it('refuses --no-tls without --behind-proxy', async () => {
    const r = await runAgentToExit([
      '--data-dir',
      tempDataDir(),
      '--host',
      '127.0.0.2',
      '--no-tls',
    ]);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/--no-tls is accepted only with --behind-proxy/);
  });
});

/**
 * The check limits in the real agent: the most `--check` https checks (250, with their 750
 * default rules) start, every one runs and is recorded in history; one more is refused at
 * start with the limit in words. Real HTTPS server with a test-CA certificate, trusted through
 * NODE_EXTRA_CA_CERTS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryResponse, Status } from '../../main/shared/contract';
import { MAX_CHECKS, TOO_MANY_CHECKS } from '../../main/shared/limits';
import { checkCerts } from '../fixtures/checks/certs';
import { closeAll, httpsServer } from '../fixtures/checks/servers';
import {
  eventually,
  getJson,
  runAgentToExit,
  startAgent,
  tempDataDir,
  type AgentProcess,
} from './agent-process';

let agent: AgentProcess | undefined;
afterEach(async () => {
  await agent?.stop('SIGKILL');
  agent = undefined;
  await closeAll();
});

const checkArgs = (port: number, n: number) =>
  Array.from({ length: n }, (_, i) => ['--check', `https://localhost:${port}/site-${i}`]).flat();

describe('check limits in the agent', () => {
  it(`runs and records the most checks (${MAX_CHECKS}) and refuses one more in words`, async () => {
    const certs = await checkCerts();
    const port = await httpsServer(certs.fiveDays, (_req, res) => res.end('ok'));
    const env = { NODE_EXTRA_CA_CERTS: certs.caFile };

    const refused = await runAgentToExit(
      ['--data-dir', tempDataDir(), '--port', '0', ...checkArgs(port, MAX_CHECKS + 1)],
      env,
    );
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(TOO_MANY_CHECKS);

    const dataDir = tempDataDir();
    agent = await startAgent({ dataDir, args: checkArgs(port, MAX_CHECKS), env });
    const saved = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as {
      checks: unknown[];
      rules: { metric: string }[];
    };
    expect(saved.checks).toHaveLength(MAX_CHECKS);
    expect(saved.rules.filter((r) => r.metric.startsWith('check.'))).toHaveLength(3 * MAX_CHECKS);
    // The first runs are spread over 10 s; at most 8 run at once.
    const status = await eventually(
      async () => {
        const { body } = await getJson<Status>(`${agent!.url}/api/status`);
        const up = (body.checks ?? []).filter((c) => c.last?.up).length;
        return up === MAX_CHECKS ? body : undefined;
      },
      `all ${MAX_CHECKS} checks up`,
      60_000,
    );
    expect(status.checks).toHaveLength(MAX_CHECKS);
    expect(status.checks!.at(-1)!.last?.cert?.daysLeft).toBeGreaterThan(4);
    // Every check's response time and certificate days are in history (64 keys a query).
    const keys = status.checks!.flatMap((c) => [
      `check.response_ms{${c.id}}`,
      `check.cert_days{${c.id}}`,
    ]);
    let recorded = 0;
    for (let i = 0; i < keys.length; i += 64) {
      const { status: code, body } = await getJson<HistoryResponse>(
        `${agent.url}/api/history?metric=${encodeURIComponent(keys.slice(i, i + 64).join(','))}&range=5m`,
      );
      expect(code).toBe(200);
      recorded += body.series.filter((s) => s.avg.some((v) => v !== null)).length;
    }
    expect(recorded).toBe(2 * MAX_CHECKS);
    expect(agent.output()).not.toMatch(/not recorded|series cap/i);
  }, 120_000);
});

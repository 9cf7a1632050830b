/**
 * Link-local and cloud-metadata targets on a real agent, with names resolved through the
 * agent's own `--resolve NAME:ADDRESS` pins (nothing is added to the system's resolver):
 * `resolveCheckHost` says where a name goes and which addresses are link-local; a saved check
 * without the confirmation whose name resolves there fails with the failure kind in words and
 * never connects (a real HTTP server on 127.0.0.2, reachable through the same name, counts the
 * requests); with the confirmation the same name is checked. Bad `--resolve` is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckHostAnswer, CheckRunAnswer, Status } from '../../main/shared/contract';
import { describeCheckFailure } from '../../main/shared/check-words';
import { closeAll, httpServer } from '../fixtures/checks/servers';
import {
  eventually,
  getJson,
  runAgentToExit,
  startAgent,
  type AgentProcess,
} from './agent-process';

let agent: AgentProcess | undefined;

afterEach(async () => {
  await agent?.stop('SIGKILL');
  agent = undefined;
  await closeAll();
});

const post = async <T>(path: string, body: unknown): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${agent!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
};

describe('link-local and metadata targets (real agent, --resolve pins)', () => {
  it('says where a name goes, refuses an unconfirmed check before connecting, runs a confirmed one', async () => {
    let requests = 0;
    const port = await httpServer((_req, res) => {
      requests += 1;
      res.end('shop');
    }, '127.0.0.2');
    agent = await startAgent({
      args: [
        '--host',
        '127.0.0.3',
        '--resolve',
        'shop.test:127.0.0.2',
        // The loopback server first, then the metadata address: a run that connected would
        // reach the server; a refused one never does.
        '--resolve',
        'mixed.test:127.0.0.2',
        '--resolve',
        'mixed.test:169.254.169.254',
        '--resolve',
        'v6meta.test:[fd00:ec2::254]',
        '--check',
        `http://mixed.test:${port}/`,
      ],
    });

    // Where names go, through the runner's own lookup.
    const shop = await post<CheckHostAnswer>('/api/checks/resolve', { host: 'shop.test' });
    expect(shop).toEqual({
      status: 200,
      body: { host: 'shop.test', addresses: ['127.0.0.2'], linkLocal: [], failure: null },
    });
    const mixed = await post<CheckHostAnswer>('/api/checks/resolve', { host: 'MIXED.test' });
    expect(mixed.body.addresses).toEqual(['127.0.0.2', '169.254.169.254']);
    expect(mixed.body.linkLocal).toEqual(['169.254.169.254']);
    const six = await post<CheckHostAnswer>('/api/checks/resolve', { host: 'v6meta.test' });
    expect(six.body.linkLocal).toEqual(['fd00:ec2::254']);
    const onlyFour = await post<CheckHostAnswer>('/api/checks/resolve', {
      host: 'v6meta.test',
      family: '4',
    });
    expect(onlyFour.body.failure).toEqual({
      kind: 'dns-no-address',
      host: 'v6meta.test',
      family: '4',
    });
    const literal = await post<CheckHostAnswer>('/api/checks/resolve', { host: '[fe80::1]' });
    expect(literal.body).toMatchObject({ host: 'fe80::1', linkLocal: ['fe80::1'] });
    const empty = await post<{ error: { code: string; message: string } }>('/api/checks/resolve', {
      host: ' ',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('Enter a host name or address');

    // The saved check (from --check, so not confirmed): refused in words, nothing connected.
    const id = `mixed-test-${port}`;
    const refused = await post<CheckRunAnswer>('/api/checks/run', { id });
    expect(refused.status).toBe(200);
    expect(refused.body.result).toMatchObject({
      checkId: id,
      up: false,
      failure: { kind: 'private-target', address: '169.254.169.254' },
    });
    expect(refused.body.result.phases.connect).toBeNull();
    expect(refused.body.summary).toContain(
      'Refused: 169.254.169.254 is a link-local or cloud metadata address; confirm the target to allow it',
    );
    expect(describeCheckFailure(refused.body.result.failure!, 'ko')).toBe(
      '거부됨: 169.254.169.254은(는) 링크 로컬 또는 클라우드 메타데이터 주소입니다. 허용하려면 대상을 확인하세요',
    );
    const row = await eventually(async () => {
      const { body } = await getJson<Status>(`${agent!.url}/api/status`);
      return body.checks?.find((c) => c.id === id && c.last);
    }, 'the refused run in status');
    expect(row.last!.failure).toEqual({ kind: 'private-target', address: '169.254.169.254' });
    expect(requests).toBe(0);

    // Confirmed: the same name is checked (the first address answers).
    const confirmed = await post<CheckRunAnswer>('/api/checks/run', {
      check: {
        id: 'mixed-ok',
        name: 'Mixed, confirmed',
        kind: 'http',
        url: `http://mixed.test:${port}/`,
        allowPrivateTarget: true,
      },
    });
    expect(confirmed.body.result).toMatchObject({ up: true, status: 200, failure: null });
    expect(confirmed.body.result.phases.dns).not.toBeNull();
    expect(requests).toBe(1);
  }, 60_000);

  it('refuses a --resolve pin that is not NAME:ADDRESS, in words', async () => {
    for (const bad of ['shop.test', 'shop.test:not-an-ip', ':127.0.0.1']) {
      const { code, output } = await runAgentToExit(['--port', '0', '--resolve', bad]);
      expect(code, output).not.toBe(0);
      expect(output).toContain('--resolve (number 1): write it as NAME:ADDRESS');
    }
  });
});

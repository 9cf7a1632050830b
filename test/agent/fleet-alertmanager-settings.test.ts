/**
 * "Add Alertmanager" without a restart, against the real Debian Alertmanager and a real hub
 * agent: an entry saved with `PUT /api/settings` (its bearer token through
 * `secrets.alertmanagerSecrets`, shown back only as set) joins the hub's `/api/fleet` with the
 * Alertmanager's active alert; removed, it leaves the fleet and its secret is cleared.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FleetSummary } from '../../main/shared/contract';
import {
  postAlerts,
  putAlertmanagers,
  startAlertmanager,
  type TestAlertmanager,
} from '../fixtures/alertmanager';
import { eventually, getJson, startAgent, type AgentProcess } from './agent-process';

const agents: AgentProcess[] = [];
const ams: TestAlertmanager[] = [];
afterEach(async () => {
  for (const a of agents.splice(0)) await a.stop('SIGKILL');
  for (const am of ams.splice(0)) await am.stop();
});

describe('Alertmanagers saved through PUT /api/settings', () => {
  it('are watched by the hub without a restart, and gone once removed', async () => {
    const am = await startAlertmanager();
    ams.push(am);
    await postAlerts(am, [
      {
        labels: { alertname: 'DiskFull', instance: 'db01:9100', severity: 'critical' },
        annotations: { summary: 'Disk / is full' },
      },
    ]);
    const hub = await startAgent();
    agents.push(hub);
    const fleet = () => getJson<FleetSummary>(`${hub.url}/api/fleet`).then((r) => r.body);
    expect((await fleet()).hosts.map((h) => h.id)).toEqual(['local']);

    const saved = await putAlertmanagers(
      hub.url,
      [
        {
          id: 'am-team',
          name: 'Team Alertmanager',
          url: am.url,
          fingerprint: null,
          trustSystemCa: false,
          auth: 'bearer',
          username: null,
          enabled: true,
        },
      ],
      { 'am-team': 'bearer-secret-1' },
    );
    expect(saved.status).toBe(200);
    expect(saved.body.secrets.alertmanagerSecrets).toEqual({ 'am-team': true });
    expect(JSON.stringify(saved.body)).not.toContain('bearer-secret-1');

    const host = await eventually(
      async () => {
        const h = (await fleet()).hosts.find((x) => x.id === 'am-team');
        return h && h.alerts.length === 1 ? h : null;
      },
      'the Alertmanager and its alert in /api/fleet',
      40_000,
    );
    expect(host).toMatchObject({
      kind: 'alertmanager',
      name: 'Team Alertmanager',
      health: 'critical',
    });
    expect(host.alerts[0]?.alertmanager?.alertname).toBe('DiskFull');

    const removed = await putAlertmanagers(hub.url, [], { 'am-team': null });
    expect(removed.status).toBe(200);
    expect(removed.body.secrets.alertmanagerSecrets).toEqual({});
    await eventually(
      async () => !(await fleet()).hosts.some((x) => x.id === 'am-team'),
      'the Alertmanager gone from /api/fleet',
    );
  }, 120_000);
});

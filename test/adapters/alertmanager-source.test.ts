/**
 * An Alertmanager as a fleet source, against the real Debian binary on loopback: its alerts
 * become one fleet host grouped by instance and coloured by severity, a new alert is reported
 * once, a silence from Hostwatch is a real silence in Alertmanager's API and shows as snoozed,
 * a pinned TLS Alertmanager is reached and a wrong pin sends nothing, and a dead one reads
 * unreachable.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  watchAlertmanager,
  type AlertmanagerWatch,
} from '../../main/adapters/fleet/alertmanager-source';
import { HostRouter } from '../../main/core/host-router';
import { parseAlertmanagerUrl, type AlertmanagerTarget } from '../../main/shared/alertmanager';
import type { AlertState, FleetHost } from '../../main/shared/contract';
import {
  freePort,
  listSilences,
  postAlerts,
  startAlertmanager,
  type TestAlertmanager,
} from '../fixtures/alertmanager';
import { makeCert } from '../fixtures/tls/servers';

function amTarget(url: string): AlertmanagerTarget {
  const parsed = parseAlertmanagerUrl(url);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.target;
}

/** Polls until `fn` answers something truthy. */
async function until<T>(fn: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  const end = Date.now() + 20_000;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const started: { am?: TestAlertmanager; watch?: AlertmanagerWatch }[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) {
    s.watch?.stop();
    await s.am?.stop();
  }
});

function fleetHost(router: HostRouter, id: string): FleetHost | undefined {
  return router.fleet().hosts.find((h) => h.id === id);
}

describe('Alertmanager source (real Alertmanager)', () => {
  it('lists active alerts as one fleet host, by instance, coloured by severity, each new alert reported once', async () => {
    const am = await startAlertmanager();
    started.push({ am });
    await postAlerts(am, [
      {
        labels: {
          alertname: 'HostwatchCpuWarning',
          instance: 'web02:9477',
          severity: 'warning',
          rule: 'cpu',
        },
      },
      {
        labels: { alertname: 'DiskFull', instance: 'db01:9100', severity: 'critical' },
        annotations: { summary: 'Disk / is full' },
      },
    ]);
    const router = new HostRouter();
    const reported: AlertState[] = [];
    const watch = watchAlertmanager(router, {
      id: 'am-main',
      name: 'Team Alertmanager',
      target: amTarget(am.url),
      pollMs: 200,
      user: 'tester',
      onNewAlerts: (_host, alerts) => reported.push(...alerts),
    });
    started.push({ watch });

    const host = await until(
      () =>
        Promise.resolve(
          fleetHost(router, 'am-main')?.alerts.length === 2 && fleetHost(router, 'am-main'),
        ),
      'both alerts in the fleet',
    );
    expect(host).toMatchObject({
      kind: 'alertmanager',
      name: 'Team Alertmanager',
      health: 'critical',
      url: am.url,
    });
    expect(host.alerts.map((a) => [a.target, a.severity, a.ruleId])).toEqual([
      ['db01:9100', 'critical', 'DiskFull'],
      ['web02:9477', 'warning', 'cpu'],
    ]);
    expect(host.alerts[0]!.alertmanager).toMatchObject({
      alertname: 'DiskFull',
      summary: 'Disk / is full',
    });
    expect(host.alerts.every((a) => !a.snoozed)).toBe(true);

    // Several more polls: still exactly one report per alert.
    await watch.pollNow();
    await watch.pollNow();
    expect(reported.map((a) => a.alertmanager?.alertname).sort()).toEqual([
      'DiskFull',
      'HostwatchCpuWarning',
    ]);
  });

  it('creates a real silence named after Hostwatch and the user, and then shows the alert as snoozed', async () => {
    const am = await startAlertmanager();
    started.push({ am });
    await postAlerts(am, [
      { labels: { alertname: 'LoadHigh', instance: 'web01:9477', severity: 'warning' } },
    ]);
    const router = new HostRouter();
    const watch = watchAlertmanager(router, {
      id: 'am',
      name: 'AM',
      target: amTarget(am.url),
      pollMs: 200,
      user: 'alice',
    });
    started.push({ watch });
    const alert = await until(
      () => Promise.resolve(fleetHost(router, 'am')?.alerts[0]),
      'the alert',
    );

    const before = Date.now();
    const result = await router.silence('am', {
      alertFingerprint: alert.alertmanager!.fingerprint,
      duration: '4h',
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;

    const silences = await listSilences(am);
    const mine = silences.find((s) => s.id === result.value.silenceId);
    expect(mine).toBeDefined();
    expect(mine!.createdBy).toBe('Hostwatch (alice)');
    expect(mine!.comment).toContain('Hostwatch');
    expect(mine!.comment).toContain('alice');
    expect(mine!.status.state).toBe('active');
    expect(mine!.matchers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'alertname', value: 'LoadHigh', isRegex: false }),
        expect.objectContaining({ name: 'instance', value: 'web01:9477', isRegex: false }),
      ]),
    );
    const hours = (Date.parse(mine!.endsAt) - before) / 3_600_000;
    expect(hours).toBeGreaterThan(3.9);
    expect(hours).toBeLessThan(4.1);

    const snoozed = await until(
      () => Promise.resolve(fleetHost(router, 'am')?.alerts.find((a) => a.snoozed)),
      'the silenced alert shown as snoozed',
    );
    expect(snoozed.alertmanager!.silencedBy).toEqual([result.value.silenceId]);
  });

  it('refuses in words to silence an alert it does not have, and a host that is not an Alertmanager', async () => {
    const am = await startAlertmanager();
    started.push({ am });
    const router = new HostRouter();
    const watch = watchAlertmanager(router, {
      id: 'am',
      name: 'AM',
      target: amTarget(am.url),
      pollMs: 200,
      user: 'u',
    });
    started.push({ watch });
    await watch.pollNow();
    const missing = await router.silence('am', { alertFingerprint: 'abc123', duration: '1h' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(JSON.stringify(missing)).toContain('no active alert abc123');
    expect(await listSilences(am)).toEqual([]);
    const unknown = await router.silence('nope', { alertFingerprint: 'abc', duration: '1h' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('reaches a pinned TLS Alertmanager, and with a wrong pin reads unreachable', async () => {
    const cert = await makeCert();
    const other = await makeCert();
    const dir = mkdtempSync(join(tmpdir(), 'hostwatch-am-tls-'));
    writeFileSync(join(dir, 'c.pem'), cert.cert);
    writeFileSync(join(dir, 'k.pem'), cert.key);
    const am = await startAlertmanager({
      scheme: 'https',
      webConfig: {
        tls_server_config: { cert_file: join(dir, 'c.pem'), key_file: join(dir, 'k.pem') },
      },
    });
    started.push({ am });
    const router = new HostRouter();
    const good = watchAlertmanager(router, {
      id: 'good',
      name: 'Pinned',
      target: amTarget(`${am.url}#sha256=${cert.fingerprint.slice(7)}`),
      pollMs: 200,
      user: 'u',
    });
    const bad = watchAlertmanager(router, {
      id: 'bad',
      name: 'Wrong pin',
      target: amTarget(`${am.url}#sha256=${other.fingerprint.slice(7)}`),
      pollMs: 200,
      user: 'u',
    });
    started.push({ watch: good }, { watch: bad });
    await good.pollNow();
    await bad.pollNow();
    expect(fleetHost(router, 'good')).toMatchObject({ health: 'ok', alerts: [] });
    expect(fleetHost(router, 'bad')).toMatchObject({ health: 'unreachable' });
  });

  it('reads unreachable when nothing listens, and recovers when Alertmanager starts there', async () => {
    const port = await freePort();
    const router = new HostRouter();
    const problems: (string | null)[] = [];
    const watch = watchAlertmanager(router, {
      id: 'am',
      name: 'AM',
      target: amTarget(`http://127.0.0.1:${port}`),
      pollMs: 200,
      user: 'u',
      onProblem: (p) => problems.push(p ? p.code : null),
    });
    started.push({ watch });
    await watch.pollNow();
    expect(fleetHost(router, 'am')).toMatchObject({
      kind: 'alertmanager',
      health: 'unreachable',
      lastSeen: null,
    });
    expect(problems).toEqual(['refused']);
  });
});

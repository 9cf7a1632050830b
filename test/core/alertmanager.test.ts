import { describe, expect, it } from 'vitest';
import {
  alertmanagerFleetHost,
  amSeverity,
  newAlertsToNotify,
  silenceBody,
} from '../../main/core/alertmanager';
import { parseAlertmanagerUrl, type AmAlert } from '../../main/shared/alertmanager';
import { parseInput } from '../../main/shared/contract';

function alert(
  fingerprint: string,
  labels: Record<string, string>,
  state: AmAlert['status']['state'] = 'active',
): AmAlert {
  return {
    fingerprint,
    labels,
    annotations: {},
    startsAt: '2026-12-01T10:00:00.000Z',
    status: { state, silencedBy: state === 'suppressed' ? ['s1'] : [], inhibitedBy: [] },
  };
}

const view = {
  id: 'am',
  name: 'AM',
  url: 'http://127.0.0.1:9093',
  lastSeen: 1_000,
  failing: false,
};

describe('Alertmanager alerts as a fleet host', () => {
  it('maps severity labels: critical words are critical, anything else warning', () => {
    expect(amSeverity({ severity: 'critical' })).toBe('critical');
    expect(amSeverity({ severity: 'PAGE' })).toBe('critical');
    expect(amSeverity({ severity: 'warning' })).toBe('warning');
    expect(amSeverity({ severity: 'info' })).toBe('warning');
    expect(amSeverity({})).toBe('warning');
  });

  it('groups by instance, critical first within one, silenced shown as snoozed, health the worst', () => {
    const host = alertmanagerFleetHost({
      ...view,
      alerts: [
        alert('b1', { alertname: 'Load', instance: 'web02', severity: 'warning' }),
        alert('a2', { alertname: 'Mem', instance: 'web01', severity: 'warning' }, 'suppressed'),
        alert('a1', { alertname: 'Disk', instance: 'web01', severity: 'critical' }),
        alert('u1', { alertname: 'New', instance: 'web00' }, 'unprocessed'),
      ],
    });
    expect(host.kind).toBe('alertmanager');
    expect(host.health).toBe('critical');
    expect(host.alerts.map((a) => [a.target, a.ruleId, a.severity, a.snoozed])).toEqual([
      ['web01', 'Disk', 'critical', false],
      ['web01', 'Mem', 'warning', true],
      ['web02', 'Load', 'warning', false],
    ]);
    expect(host.alerts[0]!.since).toBe(Date.parse('2026-12-01T10:00:00.000Z'));
  });

  it('reads ok with no alerts, unknown before the first poll and unreachable when polls fail', () => {
    expect(alertmanagerFleetHost({ ...view, alerts: [] }).health).toBe('ok');
    expect(alertmanagerFleetHost({ ...view, alerts: [], lastSeen: null }).health).toBe('unknown');
    const failing = alertmanagerFleetHost({
      ...view,
      failing: true,
      alerts: [alert('a', { alertname: 'X', severity: 'critical' })],
    });
    expect(failing.health).toBe('unreachable');
  });

  it('reports each active alert once per fingerprint, again only after it left and came back', () => {
    const seen = new Set<string>();
    const a = alert('a', { alertname: 'A' });
    const s = alert('s', { alertname: 'S' }, 'suppressed');
    expect(newAlertsToNotify(seen, [a, s]).map((x) => x.fingerprint)).toEqual(['a']);
    expect(newAlertsToNotify(seen, [a, s])).toEqual([]);
    expect(newAlertsToNotify(seen, [])).toEqual([]);
    expect(newAlertsToNotify(seen, [a]).map((x) => x.fingerprint)).toEqual(['a']);
  });

  it('builds a silence of exactly the alert, named after Hostwatch and the user', () => {
    const now = Date.parse('2026-12-01T12:00:00.000Z');
    const body = silenceBody(
      { labels: { instance: 'web01:9477', alertname: 'HostwatchCpuWarning' } },
      '8h',
      'kim',
      now,
    );
    expect(body.matchers).toEqual([
      { name: 'alertname', value: 'HostwatchCpuWarning', isRegex: false, isEqual: true },
      { name: 'instance', value: 'web01:9477', isRegex: false, isEqual: true },
    ]);
    expect(body.startsAt).toBe('2026-12-01T12:00:00.000Z');
    expect(body.endsAt).toBe('2026-12-01T20:00:00.000Z');
    expect(body.createdBy).toBe('Hostwatch (kim)');
    expect(body.comment).toBe(
      'Silenced for 8h from Hostwatch by kim: HostwatchCpuWarning on web01:9477',
    );
  });
});

describe('Alertmanager address', () => {
  const pin = 'AB:'.repeat(31) + 'AB';

  it('takes loopback http, pinned https, basic auth, a bearer token and a path prefix', () => {
    const plain = parseAlertmanagerUrl('http://127.0.0.1:9093');
    expect(plain).toMatchObject({
      ok: true,
      target: { conn: { url: 'http://127.0.0.1:9093', tls: false }, auth: { kind: 'none' } },
    });
    const basic = parseAlertmanagerUrl(`https://ops:s%40cret@am.example.com/am/#sha256=${pin}`);
    expect(basic).toMatchObject({
      ok: true,
      target: {
        conn: { url: 'https://am.example.com:9093', fingerprint: `SHA256:${pin}` },
        pathPrefix: '/am',
        auth: { kind: 'basic', username: 'ops', password: 's@cret' },
      },
    });
    const bearer = parseAlertmanagerUrl('https://:tok@am.example.com:443#trust=system-ca');
    expect(bearer).toMatchObject({
      ok: true,
      target: { conn: { port: 443, trustSystemCa: true }, auth: { kind: 'bearer', token: 'tok' } },
    });
  });

  it('refuses in words: clear text beyond loopback, no pin, not a URL', () => {
    expect(parseAlertmanagerUrl('http://am.example.com:9093')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not encrypted'),
    });
    expect(parseAlertmanagerUrl('https://am.example.com')).toMatchObject({
      ok: false,
      error: expect.stringContaining('No certificate pin'),
    });
    expect(parseAlertmanagerUrl('am:9093')).toMatchObject({ ok: false });
    expect(parseAlertmanagerUrl('')).toMatchObject({ ok: false, error: expect.any(String) });
  });

  it('silence input: host, hexadecimal fingerprint and 1h/4h/8h only', () => {
    expect(parseInput('silence', { host: 'am', alertFingerprint: 'a1b2', duration: '4h' }).ok).toBe(
      true,
    );
    const bad = parseInput('silence', { host: 'am', alertFingerprint: 'zz', duration: '2h' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.fields?.map((f) => f.path).sort()).toEqual(['alertFingerprint', 'duration']);
    const extra = parseInput('silence', {
      host: 'am',
      alertFingerprint: 'a',
      duration: '1h',
      x: 1,
    });
    expect(extra.ok ? '' : extra.error.message).toContain('Unexpected field "x"');
  });
});

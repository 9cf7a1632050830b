import { describe, expect, it } from 'vitest';
import { alertmanagerNotificationText } from '../../main/app/alertmanager-notifier';
import { alertmanagerFleetHost } from '../../main/core/alertmanager';
import type { AmAlert } from '../../main/shared/alertmanager';

const amAlert = (fingerprint: string, labels: Record<string, string>): AmAlert => ({
  fingerprint,
  labels,
  annotations: { summary: `${labels.alertname} summary` },
  startsAt: '2026-12-01T10:00:00.000Z',
  status: { state: 'active', silencedBy: [], inhibitedBy: [] },
});

const host = alertmanagerFleetHost({
  id: 'am',
  name: 'Team AM',
  url: 'http://127.0.0.1:9093',
  lastSeen: 1,
  failing: false,
  alerts: [
    amAlert('a', { alertname: 'DiskFull', instance: 'db01', severity: 'critical' }),
    amAlert('b', { alertname: 'LoadHigh', instance: 'web01', severity: 'warning' }),
  ],
});

describe('Alertmanager notification text', () => {
  it('names the source, severity, alert and instance for one new alert, with its summary', () => {
    expect(alertmanagerNotificationText(host, host.alerts.slice(0, 1), 'en')).toEqual({
      title: 'Team AM — CRITICAL: DiskFull on db01',
      body: 'DiskFull summary',
    });
    expect(alertmanagerNotificationText(host, host.alerts.slice(0, 1), 'ko').title).toBe(
      'Team AM — 심각: db01의 DiskFull',
    );
  });

  it('counts several new alerts in the title and lists them in the body', () => {
    expect(alertmanagerNotificationText(host, host.alerts, 'en')).toEqual({
      title: 'Team AM — 2 new alerts',
      body: 'CRITICAL: DiskFull on db01\nWARNING: LoadHigh on web01',
    });
    expect(alertmanagerNotificationText(host, host.alerts, 'ko').title).toBe(
      'Team AM — 새 알림 2건',
    );
  });
});

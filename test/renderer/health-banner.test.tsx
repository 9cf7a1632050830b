import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AlertState, Health } from '../../main/shared/contract';
import { HealthBanner } from '../../renderer/components/health-banner';
import { createMemoryApi, makeStatus } from './memory-api';
import { renderApp, renderWith } from './render';

const diskAlert: AlertState = {
  ruleId: 'disk',
  series: 'disk.used_pct{/}',
  metric: 'disk.used_pct',
  target: '/',
  state: 'firing',
  severity: 'critical',
  value: 96.4,
  threshold: 95,
  since: Date.now() - 60_000,
  snoozed: false,
};

describe('health banner', () => {
  it.each<[Health, string, string]>([
    ['ok', '✓', 'OK'],
    ['warning', '▲', 'WARNING'],
    ['critical', '●', 'CRITICAL'],
    ['unknown', '?', 'UNKNOWN'],
  ])('shows %s with an icon and words, not colour alone', async (health, icon, word) => {
    const status = makeStatus({ health });
    const mem = createMemoryApi({ status });
    await renderWith(mem, <HealthBanner status={status} connection="open" />);
    const banner = screen.getByRole('region', { name: word });
    expect(banner.getAttribute('data-health')).toBe(health);
    expect(banner.className).toContain(`banner-${health}`);
    expect(banner.querySelector('.banner-icon')!.textContent).toBe(icon);
    expect(banner.querySelector('.banner-health')!.textContent).toBe(word);
    expect(banner.querySelector('.banner-what')!.textContent).toMatch(/\w/);
  });

  it('names what is wrong, worst first', async () => {
    const status = makeStatus({
      health: 'critical',
      alerts: [
        diskAlert,
        {
          ...diskAlert,
          ruleId: 'cpu',
          series: 'cpu.total',
          metric: 'cpu.total',
          target: undefined,
          state: 'pending',
          severity: 'warning',
          value: 88,
        },
      ],
    });
    const mem = createMemoryApi({ status });
    await renderWith(mem, <HealthBanner status={status} connection="open" />);
    expect(screen.getByRole('status').textContent).toBe('●CRITICAL:Disk / 96.4 %web01');
    expect(screen.getByText('1 pending (not yet long enough to alert)')).toBeTruthy();
  });

  it('shows paused, snoozed, maintenance and notices', async () => {
    const until = new Date(2030, 0, 2, 13, 30).getTime();
    const status = makeStatus({
      paused: true,
      snooze: { all: 'resolved', rules: { cpu: until } },
      maintenanceUntil: until,
      notices: [
        {
          id: 'settings-corrupt',
          level: 'error',
          message: 'The settings file was corrupt; started on defaults.',
          time: 1,
        },
      ],
    });
    const mem = createMemoryApi({ status });
    await renderWith(mem, <HealthBanner status={status} connection="open" />);
    expect(screen.getByText(/Sampling is paused/)).toBeTruthy();
    expect(screen.getByText(/snoozed until every alert has resolved/)).toBeTruthy();
    // A snoozed rule gets its own row with the time and an undo (see rule-snooze.test.tsx).
    const cpu = screen.getByRole('list', { name: 'Notifications by rule' });
    expect(cpu.textContent).toMatch(/Rule cpu.*snoozed until .*13:30/);
    expect(screen.getByText(/Maintenance until .*13:30/)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Notices' }).textContent).toContain(
      'The settings file was corrupt',
    );
  });

  it('shows a disconnected transport', async () => {
    const mem = createMemoryApi();
    await renderWith(mem, <HealthBanner status={mem.status} connection="closed" />);
    expect(screen.getByRole('alert').textContent).toBe(
      'Disconnected from the agent — reconnecting…',
    );
  });

  it('follows pushed status and puts the health in the document title', async () => {
    const mem = createMemoryApi();
    await renderApp(mem);
    expect(document.title).toBe('✓ OK — web01 — Hostwatch');
    act(() => mem.emit('status', makeStatus({ health: 'critical', alerts: [diskAlert] })));
    expect(document.title).toBe('● CRITICAL — web01 — Hostwatch');
    expect(screen.getByRole('status').textContent).toContain('CRITICAL:Disk / 96.4 %');
  });
});

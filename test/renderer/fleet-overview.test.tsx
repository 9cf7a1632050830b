import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FleetHost } from '../../main/shared/contract';
import { FleetOverview } from '../../renderer/components/fleet-overview';
import { createMemoryApi, makeAlert, makeStatus } from './memory-api';
import { renderWith } from './render';

const NOW = 1_700_000_100_000;
const HOSTS: FleetHost[] = [
  {
    id: 'local',
    name: 'web01',
    kind: 'local',
    health: 'ok',
    lastSeen: NOW - 1_000,
    alerts: [],
    headline: { cpu: 12.2, mem: 40, disk: { target: '/', usedPct: 71.4 } },
  },
  {
    id: 'web02',
    name: 'web02',
    kind: 'agent',
    url: 'https://127.0.0.2:9477',
    health: 'unreachable',
    lastSeen: NOW - 125_000,
    alerts: [],
  },
  {
    id: 'db01',
    name: 'db01',
    kind: 'agent',
    health: 'critical',
    lastSeen: NOW - 2_000,
    alerts: [makeAlert({ state: 'firing' })],
    headline: { cpu: 5, mem: 50, disk: { target: '/var', usedPct: 97 } },
  },
];

async function show(language: 'en' | 'ko' = 'en') {
  const opened: string[] = [];
  const mem = createMemoryApi({ status: makeStatus({ language }) });
  await renderWith(
    mem,
    <FleetOverview
      hosts={HOSTS}
      now={NOW}
      sparks={{ local: { cpu: [10, 12, 14], mem: [40, 40, 41], disk: [71, 71, 71] } }}
      onOpenHost={(h) => opened.push(h)}
    />,
    language,
  );
  return opened;
}

const card = (host: string) => document.querySelector<HTMLElement>(`[data-host="${host}"]`)!;

describe('fleet overview', () => {
  it('shows a card per host: health in words, headline values, sparklines, last seen, alerts', async () => {
    await show();
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
    const web01 = within(card('local'));
    expect(web01.getByText('OK')).toBeTruthy();
    expect(card('local').textContent).toContain('12%');
    expect(card('local').textContent).toContain('Disk /');
    expect(card('local').querySelectorAll('svg.sparkline')).toHaveLength(3);
    expect(web01.getByText('Last seen 1 s ago')).toBeTruthy();
    expect(web01.getByText('No active alerts')).toBeTruthy();
    expect(within(card('db01')).getByText('1 active alert(s)')).toBeTruthy();
  });

  it('shows unreachable as its own state, without stale values', async () => {
    await show();
    const web02 = card('web02');
    expect(web02.className).toContain('fleet-unreachable');
    expect(web02.querySelector('[data-health]')?.textContent).toBe('✕ UNREACHABLE');
    expect(web02.querySelector('.fleet-metrics')).toBeNull();
  });

  it('opens a host when its card is chosen', async () => {
    const opened = await show();
    await userEvent.click(screen.getByRole('button', { name: 'Open web02' }));
    expect(opened).toEqual(['web02']);
  });

  it('speaks Korean', async () => {
    await show('ko');
    expect(card('web02').querySelector('[data-health]')?.textContent).toBe('✕ 연결 불가');
    expect(card('local').textContent).toContain('메모리');
  });
});

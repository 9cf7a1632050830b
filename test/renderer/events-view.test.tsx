import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../main/shared/contract';
import { rangeContaining } from '../../renderer/components/history-view';
import { createMemoryApi, makeEvent } from './memory-api';
import { renderApp } from './render';

const now = Date.now();
const events: EventRecord[] = [
  makeEvent('a', now - 30 * 60_000),
  {
    id: 'b',
    host: 'local',
    time: now - 20 * 60_000,
    kind: 'delivery-failed',
    severity: 'error',
    ruleId: 'cpu',
    metric: 'cpu.total',
    channel: 'email',
    reason: 'SMTP 535 authentication failed',
    message: 'x',
  },
  {
    id: 'c',
    host: 'local',
    time: now - 10 * 60_000,
    kind: 'resolved',
    severity: 'info',
    ruleId: 'memory',
    series: 'mem.used_pct',
    metric: 'mem.used_pct',
    value: 50,
    message: 'y',
  },
];

describe('events', () => {
  it('lists newest first, filters by severity and metric, and renders text from fields', async () => {
    const user = userEvent.setup();
    const mem = createMemoryApi({ events });
    await renderApp(mem, 'events');
    const list = screen.getByRole('list', { name: 'Events' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-kind'))).toEqual([
      'resolved',
      'delivery-failed',
      'firing',
    ]);
    expect(items[0]!.textContent).toContain('Memory is back to normal: 50%');
    expect(items[1]!.textContent).toContain('Sending a notification about CPU by email failed');
    expect(items[1]!.textContent).toContain('Reason: SMTP 535 authentication failed');

    await user.selectOptions(screen.getByLabelText('Severity'), 'warning');
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    await user.selectOptions(screen.getByLabelText('Severity'), '');
    await user.selectOptions(screen.getByLabelText('Metric'), 'mem.used_pct');
    expect(
      within(screen.getByRole('list', { name: 'Events' })).getAllByRole('listitem'),
    ).toHaveLength(1);

    act(() =>
      mem.emit('event', {
        id: 'd',
        host: 'local',
        time: Date.now(),
        kind: 'firing',
        severity: 'critical',
        metric: 'mem.used_pct',
        series: 'mem.used_pct',
        value: 98,
        threshold: 97,
        message: 'z',
      }),
    );
    expect(
      within(screen.getByRole('list', { name: 'Events' })).getAllByRole('listitem')[0]!.textContent,
    ).toContain('Memory is Critical: 98%');
  });

  it('links an event to the history chart around its time', async () => {
    const user = userEvent.setup();
    const mem = createMemoryApi({ events });
    await renderApp(mem, 'events');
    const first = within(screen.getByRole('list', { name: 'Events' })).getAllByRole('listitem')[2]!;
    await user.click(within(first).getByRole('button', { name: 'Show in history' }));
    expect(screen.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: '1 hour' }).checked).toBe(true);
    expect(screen.getByText(/Marked event at/)).toBeTruthy();
    expect(mem.api.getHistory).toHaveBeenLastCalledWith({
      metric: ['cpu.total', 'load.per_core', 'mem.used_pct'],
      range: '1h',
    });
  });

  it('picks the smallest range containing a time', () => {
    const t = 1_000_000_000_000;
    expect(rangeContaining(t - 60_000, t)).toBe('5m');
    expect(rangeContaining(t - 30 * 60_000, t)).toBe('1h');
    expect(rangeContaining(t - 5 * 3_600_000, t)).toBe('24h');
    expect(rangeContaining(t - 3 * 86_400_000, t)).toBe('7d');
  });
});

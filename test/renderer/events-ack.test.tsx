import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ackRows } from '../../renderer/components/events-view';
import { createMemoryApi, makeAlert, makeEvent, makeStatus } from './memory-api';
import { renderApp } from './render';

const now = Date.now();
const cpuAlert = makeAlert({
  ruleId: 'cpu',
  series: 'cpu.total',
  metric: 'cpu.total',
  severity: 'warning',
  value: 88,
  threshold: 85,
});
const { target: _t, ...cpuFiring } = cpuAlert;
void _t;

const eventsList = () => screen.getByRole('list', { name: 'Events' });

describe('acknowledge from the Events view', () => {
  it('puts Acknowledge on the newest event of a firing alert only, and acknowledges with a note', async () => {
    const mem = createMemoryApi({
      status: makeStatus({ health: 'warning', alerts: [cpuFiring] }),
      events: [
        makeEvent('reminder', now - 60_000, { kind: 'reminder' }),
        makeEvent('first', now - 30 * 60_000),
        makeEvent('old-mem', now - 40 * 60_000, {
          ruleId: 'memory',
          series: 'mem.used_pct',
          metric: 'mem.used_pct',
        }),
      ],
    });
    await renderApp(mem, 'events');
    const user = userEvent.setup();
    const items = within(eventsList()).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    // Newest first: the reminder carries the controls; the older FIRING and the memory event
    // (whose alert no longer fires) do not.
    expect(within(items[0]!).getByRole('button', { name: 'Acknowledge' })).toBeTruthy();
    expect(within(items[1]!).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(within(items[2]!).queryByRole('button', { name: 'Acknowledge' })).toBeNull();

    await user.type(within(items[0]!).getByRole('textbox', { name: /Note/ }), 'rebuilding index');
    await user.click(within(items[0]!).getByRole('button', { name: 'Acknowledge' }));
    expect(mem.api.acknowledge).toHaveBeenCalledWith({
      host: 'local',
      ruleId: 'cpu',
      series: 'cpu.total',
      note: 'rebuilding index',
      by: 'dashboard',
    });
    await waitFor(() =>
      expect(within(eventsList()).getAllByRole('listitem')[0]!.textContent).toMatch(
        /Acknowledged from the dashboard at .* — rebuilding index/,
      ),
    );
    expect(mem.status.alerts[0]?.acknowledged?.note).toBe('rebuilding index');

    const first = within(eventsList()).getAllByRole('listitem')[0]!;
    await user.click(within(first).getByRole('button', { name: 'Take back' }));
    await waitFor(() =>
      expect(
        within(within(eventsList()).getAllByRole('listitem')[0]!).getByRole('button', {
          name: 'Acknowledge',
        }),
      ).toBeTruthy(),
    );
    expect(mem.status.alerts[0]?.acknowledged).toBeUndefined();
  });

  it('says in words why an acknowledgement was refused, keeping the note', async () => {
    const mem = createMemoryApi({
      status: makeStatus({ health: 'warning', alerts: [cpuFiring] }),
      events: [makeEvent('first', now - 60_000)],
    });
    await renderApp(mem, 'events');
    // The alert resolved in the engine meanwhile; the view has not heard yet.
    mem.status = { ...mem.status, alerts: [{ ...cpuFiring, state: 'pending' }] };
    const user = userEvent.setup();
    const item = within(eventsList()).getAllByRole('listitem')[0]!;
    await user.type(within(item).getByRole('textbox'), 'looking');
    await user.click(within(item).getByRole('button', { name: 'Acknowledge' }));
    expect((await within(item).findByRole('alert')).textContent).toMatch(/not firing/);
    expect(within(item).getByRole<HTMLInputElement>('textbox').value).toBe('looking');
  });

  it('shows who acknowledged in Korean', async () => {
    const mem = createMemoryApi({
      status: makeStatus({
        language: 'ko',
        health: 'warning',
        alerts: [{ ...cpuFiring, acknowledged: { time: now, by: 'tray' } }],
      }),
      events: [makeEvent('first', now - 60_000)],
    });
    await renderApp(mem, 'events');
    const list = await screen.findByRole('list', { name: '이벤트' });
    const item = within(list).getAllByRole('listitem')[0]!;
    await waitFor(() => expect(item.textContent).toMatch(/트레이에서 확인함/));
    expect(within(item).getByRole('button', { name: '확인 취소' })).toBeTruthy();
  });
});

describe('ackRows', () => {
  it('ignores other hosts, pending alerts and events without a rule', () => {
    const events = [
      makeEvent('other-host', now, { host: 'web02' }),
      makeEvent('no-rule', now - 1, { ruleId: undefined }),
      makeEvent('resolved', now - 2, { kind: 'resolved' }),
      makeEvent('mine', now - 3),
    ];
    expect([...ackRows(events, [cpuFiring], 'local').keys()]).toEqual(['mine']);
    expect(ackRows(events, [{ ...cpuFiring, state: 'pending' }], 'local').size).toBe(0);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AlertState } from '../../main/shared/contract';
import { createI18n } from '../../renderer/i18n';
import { createMemoryApi, makeAlert, makeStatus } from './memory-api';
import { renderApp } from './render';

const firing = makeAlert;

const alerts: AlertState[] = [
  firing({}),
  firing({ series: 'disk.used_pct{/home}', target: '/home', value: 97.1 }),
  firing({
    ruleId: 'cpu',
    series: 'cpu.total',
    metric: 'cpu.total',
    target: undefined,
    severity: 'warning',
    value: 88,
    threshold: 85,
  }),
  // Pending alerts have nothing to snooze yet.
  firing({
    ruleId: 'memory',
    series: 'mem.used_pct',
    metric: 'mem.used_pct',
    target: undefined,
    state: 'pending',
    severity: 'warning',
    value: 91,
  }),
];

const rules = () => screen.getByRole('list', { name: 'Notifications by rule' });
const row = (rule: string) => document.querySelector<HTMLElement>(`.banner [data-rule="${rule}"]`)!;

describe('per-rule snooze in the banner', () => {
  it('offers one labelled snooze group per firing rule', async () => {
    await renderApp(createMemoryApi({ status: makeStatus({ health: 'critical', alerts }) }));
    expect(
      within(rules())
        .getAllByRole('listitem')
        .map((li) => li.dataset.rule),
    ).toEqual(['disk', 'cpu']);
    const disk = within(rules()).getByRole('group', {
      name: 'Snooze notifications for Disk /, Disk /home',
    });
    expect(
      within(disk)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['1 hour', '4 hours', '8 hours', 'Until resolved']);
    expect(
      within(rules()).getByRole('group', { name: 'Snooze notifications for CPU' }),
    ).toBeTruthy();
  });

  it('snoozes one rule, shows it snoozed and resumes it', async () => {
    const user = userEvent.setup();
    const mem = createMemoryApi({ status: makeStatus({ health: 'critical', alerts }) });
    await renderApp(mem);
    const before = Date.now();
    const group = within(rules()).getByRole('group', { name: /for Disk \// });
    await user.click(within(group).getByRole('button', { name: '4 hours' }));
    expect(mem.api.snooze).toHaveBeenCalledTimes(1);
    expect(mem.api.snooze).toHaveBeenCalledWith({ ruleId: 'disk', duration: '4h' });

    // The pushed status says so: the row shows until when, with an undo that has the focus.
    const until = mem.status.snooze.rules.disk as number;
    expect(until).toBeGreaterThanOrEqual(before + 4 * 3_600_000);
    const i18n = createI18n('en');
    await waitFor(() =>
      expect(row('disk').textContent).toContain(`snoozed until ${i18n.formatTime(until)}`),
    );
    const resume = within(row('disk')).getByRole('button', {
      name: 'Resume notifications for Disk /, Disk /home',
    });
    expect(resume.textContent).toBe('Resume notifications');
    expect(document.activeElement).toBe(resume);
    expect(within(row('disk')).queryByRole('group')).toBeNull();
    // Its alerts are tagged as snoozed; the other rule is untouched.
    expect(screen.getByRole('status').textContent).toContain('Disk / 96% (snoozed)');
    expect(within(row('cpu')).getByRole('group')).toBeTruthy();

    await user.click(resume);
    expect(mem.api.snooze).toHaveBeenLastCalledWith({ ruleId: 'disk', duration: 'off' });
    await waitFor(() => expect(within(row('disk')).getByRole('group')).toBeTruthy());
    expect(document.activeElement).toBe(
      within(row('disk')).getByRole('button', { name: '1 hour' }),
    );
    expect(mem.status.snooze.rules).toEqual({});
  });

  it('works from the keyboard alone', async () => {
    const user = userEvent.setup();
    const mem = createMemoryApi({ status: makeStatus({ health: 'critical', alerts }) });
    await renderApp(mem);
    const untilResolved = within(row('cpu')).getByRole('button', { name: 'Until resolved' });
    // Tab through the page until the button has focus, then press it with Enter.
    for (let i = 0; i < 30 && document.activeElement !== untilResolved; i++) await user.tab();
    expect(document.activeElement).toBe(untilResolved);
    await user.keyboard('{Enter}');
    expect(mem.api.snooze).toHaveBeenCalledWith({ ruleId: 'cpu', duration: 'resolved' });
    await waitFor(() => expect(row('cpu').textContent).toContain('snoozed until it resolves'));
    await user.keyboard(' ');
    expect(mem.api.snooze).toHaveBeenLastCalledWith({ ruleId: 'cpu', duration: 'off' });
  });

  it('lists a snoozed rule that no longer fires, so it can be resumed', async () => {
    const user = userEvent.setup();
    const mem = createMemoryApi({
      status: makeStatus({ snooze: { all: null, rules: { memory: 'resolved' } } }),
    });
    await renderApp(mem);
    expect(row('memory').textContent).toContain('Rule memory');
    expect(row('memory').textContent).toContain('snoozed until it resolves');
    await user.click(screen.getByRole('button', { name: 'Resume notifications for Rule memory' }));
    expect(mem.api.snooze).toHaveBeenCalledWith({ ruleId: 'memory', duration: 'off' });
    await waitFor(() =>
      expect(screen.queryByRole('list', { name: 'Notifications by rule' })).toBeNull(),
    );
  });

  it('says when snoozing failed', async () => {
    const user = userEvent.setup();
    const mem = createMemoryApi({ status: makeStatus({ health: 'critical', alerts }) });
    mem.nextSnoozeError = { code: 'unavailable', message: 'The agent is not reachable' };
    await renderApp(mem);
    await user.click(within(row('cpu')).getByRole('button', { name: '1 hour' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That did not work: The agent is not reachable',
    );
    expect(within(row('cpu')).getByRole('group')).toBeTruthy();
  });

  it('speaks Korean', async () => {
    const user = userEvent.setup();
    const mem = createMemoryApi({
      status: makeStatus({ language: 'ko', health: 'critical', alerts }),
    });
    await renderApp(mem);
    const group = screen.getByRole('group', { name: '디스크 /, 디스크 /home 알림 일시 중지' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['1시간', '4시간', '8시간', '해소될 때까지']);
    await user.click(within(group).getByRole('button', { name: '해소될 때까지' }));
    expect(mem.api.snooze).toHaveBeenCalledWith({ ruleId: 'disk', duration: 'resolved' });
    await waitFor(() => expect(row('disk').textContent).toContain('해소될 때까지 일시 중지됨'));
    expect(
      within(row('disk')).getByRole('button', { name: '디스크 /, 디스크 /home 알림 다시 받기' })
        .textContent,
    ).toBe('알림 다시 받기');
    expect(screen.getByRole('list', { name: '규칙별 알림' })).toBeTruthy();
  });
});

import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Health, NoticeCode } from '../../main/shared/contract';
import { HealthBanner } from '../../renderer/components/health-banner';
import { createMemoryApi, makeAlert, makeStatus } from './memory-api';
import { renderApp, renderWith } from './render';

const diskAlert = makeAlert();

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
    expect(screen.getByRole('status').textContent).toBe('●CRITICAL:Disk / 96%web01');
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
        {
          id: 'email-failed',
          level: 'error',
          message: 'An alert email could not be delivered: 550 mailbox unavailable',
          time: 2,
          code: 'email-failed',
          params: { smtpCode: 'rejected' },
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
    // A coded notice is said from its code, in the dictionary's words.
    expect(screen.getByRole('list', { name: 'Notices' }).textContent).toContain(
      'An alert email could not be delivered: the mail server refused the message',
    );
  });

  it('says a failing heartbeat ping in Korean, keeping the URL and the error as they came', async () => {
    const url = 'https://hc-ping.example/abc';
    const status = makeStatus({
      notices: [
        {
          id: 'heartbeat',
          level: 'warning',
          message: `Heartbeat ping to ${url} fails: HTTP 500`,
          time: 1,
          code: 'heartbeat-failing',
          params: { url, error: 'HTTP 500' },
        },
      ],
    });
    const mem = createMemoryApi({ status });
    await renderWith(mem, <HealthBanner status={status} connection="open" />, 'ko');
    const text = within(screen.getByRole('list', { name: '알림 사항' })).getByRole(
      'listitem',
    ).textContent;
    expect(text).toContain(`${url}(으)로 보내는 하트비트 핑이 실패합니다(HTTP 500)`);
    expect(text).not.toContain('Heartbeat ping');
  });

  it('says coded notices in Korean and shows an uncoded one as it came', async () => {
    const path = '/srv/hw/settings.json';
    const backup = '/srv/hw/settings.json.corrupt-2026';
    const status = makeStatus({
      notices: [
        {
          id: 'settings',
          level: 'error',
          message: `The settings file ${path} is empty. It was kept as ${backup}, and …`,
          time: 1,
          code: 'settings-corrupt',
          params: { path, cause: 'empty', backup },
        },
        {
          id: 'email-retrying',
          level: 'warning',
          message: 'Emails are waiting to be sent (2); retrying: the mail server did not answer',
          time: 2,
          code: 'email-retrying',
          params: { count: 2, smtpCode: 'timeout' },
        },
        {
          id: 'email-failed',
          level: 'error',
          message: 'An alert email could not be delivered: the mail server refused the message',
          time: 3,
          code: 'email-failed',
          params: { smtpCode: 'rejected' },
        },
        {
          id: 'notifications-unsupported',
          level: 'warning',
          message: 'Desktop notifications are not supported here',
          time: 4,
          code: 'notifications-unsupported',
        },
        // A code this UI does not know (a newer engine), and no code at all (an older one).
        {
          id: 'future',
          level: 'info',
          message: 'Something new happened',
          time: 5,
          code: 'from-the-future' as NoticeCode,
        },
        { id: 'old', level: 'info', message: 'An old engine speaks English', time: 6 },
      ],
    });
    const mem = createMemoryApi({ status });
    await renderWith(mem, <HealthBanner status={status} connection="open" />, 'ko');
    const items = within(screen.getByRole('list', { name: '알림 사항' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    expect(items).toHaveLength(6);
    const coded = items.slice(0, 4);
    expect(coded[0]).toContain(`설정 파일 ${path}`);
    expect(coded[0]).toContain(`${backup}에 보관`);
    expect(coded[1]).toContain('이메일 2개가 대기 중');
    expect(coded[1]).toContain('메일 서버가 제시간에 응답하지 않았습니다');
    expect(coded[2]).toContain('메일 서버가 메시지를 거부했습니다');
    expect(coded[3]).toContain('데스크톱 알림을 사용할 수 없습니다');
    // Nothing English is left but the paths and the product name.
    for (const text of coded) {
      expect(
        text.replaceAll(backup, '').replaceAll(path, '').replaceAll('Hostwatch', ''),
      ).not.toMatch(/[A-Za-z]/);
    }
    expect(items[4]).toContain('Something new happened');
    expect(items[5]).toContain('An old engine speaks English');
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
    expect(screen.getByRole('status').textContent).toContain('CRITICAL:Disk / 96%');
  });
});

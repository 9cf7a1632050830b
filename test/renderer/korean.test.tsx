import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../main/shared/contract';
import { en } from '../../renderer/i18n/en';
import { ko } from '../../renderer/i18n/ko';
import { leakedEnglish, SHARED } from './leaked-english';
import { createMemoryApi, makeAlert, makeStatus } from './memory-api';
import { renderApp } from './render';

const events: EventRecord[] = [
  {
    id: 'e1',
    host: 'local',
    time: Date.now() - 5_000,
    kind: 'firing',
    severity: 'critical',
    ruleId: 'disk',
    series: 'disk.used_pct{/}',
    metric: 'disk.used_pct',
    value: 96.4,
    threshold: 95,
    message: 'Disk / is critical: 96.4% (threshold 95%)',
  },
  {
    id: 'e2',
    host: 'local',
    time: Date.now() - 4_000,
    kind: 'suppressed',
    severity: 'info',
    ruleId: 'disk',
    series: 'disk.used_pct{/}',
    metric: 'disk.used_pct',
    message: 'Held back',
    reason: 'snoozed',
  },
  // System events carry a code, so they are translated too (the message is only a fallback).
  {
    id: 'e3',
    host: 'local',
    time: Date.now() - 3_000,
    kind: 'system',
    severity: 'info',
    code: 'settings-saved',
    message: 'Settings saved',
  },
  {
    id: 'e4',
    host: 'local',
    time: Date.now() - 2_000,
    kind: 'system',
    severity: 'info',
    code: 'snoozed',
    params: { target: '*', duration: '1h' },
    message: 'Snoozed all alerts (1h)',
  },
  // Reasons with a code are said from it, whatever the English text.
  {
    id: 'e5',
    host: 'local',
    time: Date.now() - 1_000,
    kind: 'delivery-failed',
    severity: 'error',
    channel: 'email',
    series: 'cpu.total',
    metric: 'cpu.total',
    message: 'Email not delivered',
    reason: 'mail.example.net:465 did not answer in time.',
    reasonCode: 'smtp',
    reasonParams: { code: 'timeout', server: 'mail.example.net:465' },
  },
];

const cpuFiring = makeAlert({
  ruleId: 'cpu',
  series: 'cpu.total',
  metric: 'cpu.total',
  target: undefined,
  severity: 'warning',
  value: 88,
  threshold: 85,
});

describe('Korean', () => {
  it('has exactly the English keys, each translated', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    const untranslated = (Object.keys(en) as (keyof typeof en)[]).filter(
      (k) => !SHARED.has(k) && ko[k] === en[k],
    );
    expect(untranslated).toEqual([]);
  });

  it('labels every view in Korean with no English UI strings left', async () => {
    const user = userEvent.setup();
    const mem = createMemoryApi({
      status: makeStatus({ language: 'ko', health: 'warning', alerts: [cpuFiring] }),
      events,
    });
    mem.view = {
      ...mem.view,
      settings: { ...mem.view.settings, general: { ...mem.view.settings.general, language: 'ko' } },
    };
    await renderApp(mem);
    expect(document.documentElement.lang).toBe('ko');
    expect(screen.getByRole('tab', { name: '상태' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: '설정' })).toBeTruthy();
    expect(document.title).toBe('▲ 경고 — web01 — Hostwatch');
    expect(screen.getByRole('region', { name: /^메모리와 스왑/ })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'CPU 알림 일시 중지' })).toBeTruthy();
    expect(leakedEnglish(document.body.textContent)).toEqual([]);

    await user.click(screen.getByRole('tab', { name: '이벤트' }));
    expect(screen.getByText('디스크 /: 위험 상태 — 96% (기준 95%)')).toBeTruthy();
    expect(screen.getByText(/사유: 일시 중지됨/)).toBeTruthy();
    expect(screen.getByText('설정을 저장했습니다')).toBeTruthy();
    expect(screen.getByText('모든 규칙 알림을 1시간 동안 일시 중지했습니다')).toBeTruthy();
    expect(
      screen.getByText(
        /사유: 메일 서버가 제시간에 응답하지 않았습니다 \(서버 mail\.example\.net:465\)/,
      ),
    ).toBeTruthy();
    expect(document.body.textContent).not.toContain('did not answer');
    expect(leakedEnglish(document.body.textContent)).toEqual([]);

    await user.click(screen.getByRole('tab', { name: '설정' }));
    await screen.findByLabelText('CPU: 경고');
    expect(leakedEnglish(document.body.textContent)).toEqual([]);
    // Field errors are Korean too.
    const warning = screen.getByLabelText('CPU: 경고');
    await user.clear(warning);
    await user.type(warning, '150');
    expect(
      document.getElementById(warning.getAttribute('aria-describedby')!)?.textContent,
    ).toContain('백분율은 100 이하여야 합니다');
  });

  it('switches the whole window when the language is saved', async () => {
    const user = userEvent.setup();
    const mem = createMemoryApi();
    await renderApp(mem, 'settings');
    await user.selectOptions(await screen.findByLabelText('Language'), 'ko');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('tab', { name: '설정' });
    expect(leakedEnglish(document.body.textContent)).toEqual([]);
    // A pushed status in the saved language keeps it.
    act(() => mem.emit('status', makeStatus({ language: 'ko' })));
    expect(screen.getByRole('tab', { name: '상태' })).toBeTruthy();
  });
});

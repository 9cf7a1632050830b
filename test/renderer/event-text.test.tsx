// Event sentences and reasons in both languages. The reasons are real output of the alert policy
// (main/core/policy.ts), the email channel's source and the mail adapter's failure codes, so a
// reworded or new reason there fails here.
import { readFileSync } from 'node:fs';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SMTP_FAILURE_CODES } from '../../main/adapters/mailer/explain';
import {
  AlertPolicy,
  muteReason,
  worthAMessage,
  type PolicyInput,
  type Reason,
} from '../../main/core/policy';
import type { Transition } from '../../main/core/ports';
import type { EventRecord, ReasonCode, SystemEventCode } from '../../main/shared/contract';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import {
  describeEvent,
  describeEventReason,
  describeReason,
  describeReasonCode,
  describeSystemEvent,
  eventReasonIsKnown,
  parseReason,
  reasonIsKnown,
} from '../../renderer/components/event-text';
import { createI18n } from '../../renderer/i18n';
import { createMemoryApi, makeStatus } from './memory-api';
import { renderApp } from './render';

const en = createI18n('en');
const ko = createI18n('ko');
const NOW = new Date(2031, 4, 6, 12, 0).getTime();
const LATER = new Date(2031, 4, 6, 16, 30).getTime();

const system = (
  code: SystemEventCode | 'rebooted',
  params?: EventRecord['params'],
): EventRecord => ({
  id: `s-${code}`,
  host: 'local',
  time: NOW,
  kind: 'system',
  severity: 'info',
  code: code as SystemEventCode,
  ...(params ? { params } : {}),
  message: `engine says ${code}`,
});

const base: Omit<PolicyInput, 'transitions' | 'firing'> = {
  now: NOW,
  rules: DEFAULT_SETTINGS.rules,
  snooze: { all: null, rules: {} },
  maintenanceUntil: null,
  quietHours: { enabled: false, start: '22:00', end: '07:00', allowCritical: false },
  localMinutes: 12 * 60,
};
const quiet: typeof base = {
  ...base,
  quietHours: { ...base.quietHours, enabled: true },
  localMinutes: 23 * 60,
};

/** Every reason the policy can give, produced by the policy itself. */
function policyReasons(): Reason[] {
  const mutes = [
    muteReason({ ...base, maintenanceUntil: LATER }, 'disk', 'critical'),
    muteReason({ ...base, snooze: { all: null, rules: { disk: 'resolved' } } }, 'disk', 'critical'),
    muteReason({ ...base, snooze: { all: null, rules: { disk: LATER } } }, 'disk', 'critical'),
    muteReason({ ...base, snooze: { all: 'resolved', rules: {} } }, 'disk', 'critical'),
    muteReason({ ...base, snooze: { all: LATER, rules: {} } }, 'disk', 'critical'),
    muteReason(quiet, 'disk', 'warning'),
  ].map((m) => m!);
  expect(mutes.every((m) => typeof m.text === 'string')).toBe(true);
  const notSent = [
    ...mutes.map((m) => worthAMessage('resolved', false, null, m)),
    worthAMessage('resolved', false, null),
  ].map((v) => {
    if (v.action !== 'suppress') throw new Error('a RESOLVED whose FIRING was held is suppressed');
    return v.reason;
  });

  // And through the whole policy: a FIRING held back in quiet hours, then its RESOLVED.
  const policy = new AlertPolicy();
  const t: Transition = {
    kind: 'firing',
    ruleId: 'disk',
    series: 'disk.used_pct{/}',
    metric: 'disk.used_pct',
    target: '/',
    severity: 'warning',
    previous: null,
    value: 91,
    threshold: 85,
    since: NOW,
    at: NOW,
  };
  const fired = policy.decide({ ...quiet, transitions: [t], firing: [] });
  const resolved = policy.decide({
    ...quiet,
    now: NOW + 60_000,
    transitions: [{ ...t, kind: 'resolved', value: 70, threshold: 80, at: NOW + 60_000 }],
    firing: [],
  });
  const decided = [...fired.suppressed, ...resolved.suppressed].map(
    ({ reason, code, params }): Reason => ({ text: reason, code, params }),
  );
  expect(decided.map((r) => r.text)).toEqual([
    mutes[5]!.text,
    `its FIRING was not sent (${mutes[5]!.text})`,
  ]);
  return [...mutes, ...notSent, ...decided];
}

/** The reason the email channel logs when SMTP is off, read from its source. */
function emailReason(): Reason {
  const src = readFileSync('main/adapters/mailer/email-channel.ts', 'utf8');
  const m = /reason: '([^']*not set up)',\s*reasonCode: '([a-z-]+)'/.exec(src);
  expect(m, 'email channel reason not found').not.toBeNull();
  return { text: m![1]!, code: m![2]! as ReasonCode, params: {} };
}

/**
 * Latin-script words left in a Korean text once data (the rule id), the SMTP acronym and the
 * formatter's own times are removed (Node's ICU may print AM/PM where Chromium prints 오전/오후).
 */
function latinWords(text: string, times: readonly number[] = [LATER]): string[] {
  let rest = text;
  for (const t of times) rest = rest.split(ko.formatTime(t)).join(' ');
  return (
    rest
      .split(SERVER)
      .join(' ')
      .replace(/\b(disk|SMTP|STARTTLS|TLS|DNS)\b/g, '')
      .match(/[A-Za-z]+/g) ?? []
  );
}

/** The mail server named in SMTP failure params (data, like the rule id). */
const SERVER = 'mail.example.net:587';

describe('system events', () => {
  it.each<[SystemEventCode, EventRecord['params'], string, string]>([
    ['started', undefined, 'Monitoring started', '모니터링을 시작했습니다'],
    ['stopped', undefined, 'Monitoring stopped', '모니터링을 멈췄습니다'],
    ['paused', undefined, 'Sampling paused', '수집을 일시 중지했습니다'],
    ['resumed', undefined, 'Sampling resumed', '수집을 다시 시작했습니다'],
    ['settings-saved', undefined, 'Settings saved', '설정을 저장했습니다'],
    [
      'maintenance-started',
      { minutes: 90 },
      'Maintenance started for 90 min',
      '90분 동안 점검을 시작했습니다',
    ],
    ['maintenance-ended', { minutes: 0 }, 'Maintenance ended', '점검을 끝냈습니다'],
    [
      'snoozed',
      { target: 'cpu', duration: '4h' },
      'Notifications for rule cpu snoozed for 4 hours',
      '규칙 cpu 알림을 4시간 동안 일시 중지했습니다',
    ],
    [
      'snoozed',
      { target: '*', duration: 'resolved' },
      'Notifications for all rules snoozed until resolved',
      '모든 규칙 알림을 해소될 때까지 일시 중지했습니다',
    ],
    [
      'snooze-ended',
      { target: '*', duration: 'off' },
      'Notifications for all rules resumed',
      '모든 규칙 알림을 다시 보냅니다',
    ],
  ])('%s %j reads in both languages', (code, params, english, korean) => {
    expect(describeEvent(en, system(code, params))).toBe(english);
    expect(describeEvent(ko, system(code, params))).toBe(korean);
  });

  it('falls back to the message for an unknown code or params it cannot read', () => {
    expect(describeEvent(ko, system('rebooted'))).toBe('engine says rebooted');
    expect(describeSystemEvent(ko, system('rebooted'))).toBeNull();
    expect(describeEvent(ko, system('snoozed', { target: 'cpu', duration: '2d' }))).toBe(
      'engine says snoozed',
    );
    expect(describeEvent(ko, system('maintenance-started', { minutes: 'soon' }))).toBe(
      'engine says maintenance-started',
    );
    const old: EventRecord = {
      id: 'o',
      host: 'local',
      time: NOW,
      kind: 'system',
      severity: 'info',
      message: 'Old',
    };
    expect(describeEvent(ko, old)).toBe('Old');
  });
});

describe('reasons', () => {
  it('parses each pattern of the policy and the email channel', () => {
    expect(parseReason('maintenance until 2031-05-06T14:30:00.000Z')).toEqual({
      kind: 'maintenance',
      until: Date.UTC(2031, 4, 6, 14, 30),
    });
    expect(parseReason('rule disk.root snoozed until it resolves')).toEqual({
      kind: 'rule-snoozed',
      rule: 'disk.root',
      until: 'resolved',
    });
    expect(parseReason('all alerts snoozed until 2031-05-06T14:30:00.000Z')).toEqual({
      kind: 'all-snoozed',
      until: Date.UTC(2031, 4, 6, 14, 30),
    });
    expect(parseReason('quiet hours (22:00–07:00)')).toEqual({
      kind: 'quiet-hours',
      start: '22:00',
      end: '07:00',
    });
    expect(parseReason('its FIRING was not sent (quiet hours (22:00–07:00))')).toEqual({
      kind: 'firing-not-sent',
      why: { kind: 'quiet-hours', start: '22:00', end: '07:00' },
    });
    expect(parseReason('email (SMTP) is not set up')).toEqual({ kind: 'email-not-set-up' });
    expect(parseReason('snoozed')).toEqual({ kind: 'word', key: 'reason.snoozed' });
    expect(parseReason('maintenance until next week')).toBeNull();
    expect(parseReason('SMTP 535 authentication failed')).toBeNull();
  });

  it('shows times in local time with the UI formatter, not as ISO text', () => {
    const iso = new Date(LATER).toISOString();
    expect(describeReason(en, `rule disk snoozed until ${iso}`)).toBe(
      `rule disk snoozed until ${en.formatTime(LATER)}`,
    );
    expect(describeReason(ko, `maintenance until ${iso}`)).toBe(
      `${ko.formatTime(LATER)}까지 점검 중`,
    );
  });

  it('leaves unknown text as it is, also inside a known wrapper', () => {
    expect(describeReason(ko, 'SMTP 535 authentication failed')).toBe(
      'SMTP 535 authentication failed',
    );
    expect(reasonIsKnown('SMTP 535 authentication failed')).toBe(false);
    expect(describeReason(ko, 'its FIRING was not sent (a new reason)')).toBe(
      '해당 경보 알림을 보내지 않았음 (a new reason)',
    );
    expect(reasonIsKnown('its FIRING was not sent (a new reason)')).toBe(false);
  });

  it('translates every real policy and email reason text into Korean with no English left', () => {
    const reasons = [...new Set([...policyReasons(), emailReason()].map((r) => r.text))];
    expect(reasons).toHaveLength(14);
    for (const reason of reasons) {
      expect(reasonIsKnown(reason), reason).toBe(true);
      const korean = describeReason(ko, reason);
      expect(latinWords(korean), `${reason} → ${korean}`).toEqual([]);
      expect(korean, reason).toMatch(/[가-힣]/);
      expect(describeReason(en, reason), reason).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    }
  });

  it('renders policy reasons and system events in the Korean event list with nothing skipped', async () => {
    const [maintenance, , , , , quietHours] = policyReasons().map((r) => r.text);
    const events: EventRecord[] = [
      system('snoozed', { target: 'disk', duration: '8h' }),
      {
        id: 'sup',
        host: 'local',
        time: NOW - 1_000,
        kind: 'suppressed',
        severity: 'info',
        ruleId: 'disk',
        series: 'disk.used_pct{/}',
        metric: 'disk.used_pct',
        message: 'Held back',
        reason: maintenance,
      },
      {
        id: 'sup2',
        host: 'local',
        time: NOW - 2_000,
        kind: 'suppressed',
        severity: 'info',
        channel: 'email',
        message: 'Alert email not queued',
        reason: emailReason().text,
      },
      {
        id: 'sup3',
        host: 'local',
        time: NOW - 3_000,
        kind: 'suppressed',
        severity: 'info',
        metric: 'cpu.total',
        series: 'cpu.total',
        message: 'Held back',
        reason: quietHours,
      },
    ];
    await renderApp(createMemoryApi({ status: makeStatus({ language: 'ko' }), events }), 'events');
    const list = screen.getByRole('list', { name: '이벤트' });
    // Nothing in the list is marked as raw engine text, so the e2e language check sees it all.
    expect(list.querySelectorAll('[data-dynamic]')).toHaveLength(0);
    expect(within(list).getByText('규칙 disk 알림을 8시간 동안 일시 중지했습니다')).toBeTruthy();
    expect(list.textContent).toContain(`사유: ${ko.formatTime(LATER)}까지 점검 중`);
    expect(list.textContent).toContain('사유: 이메일(SMTP)이 설정되지 않음');
    expect(list.textContent).toContain('사유: 방해 금지 시간 (22:00–07:00)');
    const times = [LATER, ...events.map((e) => e.time)];
    expect(latinWords(list.textContent, times)).toEqual(['CPU']);
  });
});

describe('coded reasons', () => {
  const suppressed = (r: Reason, over: Partial<EventRecord> = {}): EventRecord => ({
    id: `c-${r.code}`,
    host: 'local',
    time: NOW,
    kind: 'suppressed',
    severity: 'info',
    message: 'Held back',
    reason: r.text,
    reasonCode: r.code,
    reasonParams: r.params,
    ...over,
  });

  it('says every policy and email reason from its code exactly as from its English text', () => {
    const reasons = [...policyReasons(), emailReason()];
    expect(new Set(reasons.map((r) => r.code))).toEqual(
      new Set<ReasonCode>([
        'maintenance',
        'snoozed-rule-resolved',
        'snoozed-rule',
        'snoozed-all-resolved',
        'snoozed-all',
        'quiet-hours',
        'firing-not-sent',
        'email-not-configured',
      ]),
    );
    for (const r of reasons) {
      for (const i18n of [en, ko]) {
        const coded = describeReasonCode(i18n, r.code, r.params);
        expect(coded, `${i18n.lang} ${r.text}`).toBe(describeReason(i18n, r.text));
      }
      const korean = describeReasonCode(ko, r.code, r.params)!;
      expect(latinWords(korean), `${r.text} → ${korean}`).toEqual([]);
    }
  });

  it('uses the code, not the text: a reworded English reason still reads in Korean', () => {
    const e = suppressed(
      {
        text: 'held because of a maintenance window',
        code: 'maintenance',
        params: { until: LATER },
      },
      { reason: 'held because of a maintenance window' },
    );
    expect(describeEventReason(ko, e)).toBe(`${ko.formatTime(LATER)}까지 점검 중`);
    expect(eventReasonIsKnown(ko, e)).toBe(true);
    expect(reasonIsKnown(e.reason!)).toBe(false);
  });

  it('explains every SMTP failure kind in Korean, with the server when known', () => {
    for (const code of SMTP_FAILURE_CODES) {
      const korean = describeReasonCode(ko, 'smtp', { code, server: SERVER });
      expect(korean, code).not.toBeNull();
      expect(korean, code).toContain(`(서버 ${SERVER})`);
      expect(latinWords(korean!), `${code} → ${korean}`).toEqual([]);
      const english = describeReasonCode(en, 'smtp', { code });
      expect(english, code).toMatch(/^[^{}]+$/);
      expect(english, code).not.toBe(describeReasonCode(ko, 'smtp', { code }));
    }
    expect(describeReasonCode(ko, 'smtp', { code: 'auth' })).toBe(
      '메일 서버가 사용자 이름 또는 비밀번호를 거부했습니다',
    );
  });

  it('says the outbox reasons in Korean', () => {
    expect(describeReasonCode(ko, 'outbox-full', { max: 500 })).toBe(
      '보낼 편지함에는 이메일을 최대 500개까지 둘 수 있음',
    );
    expect(describeReasonCode(ko, 'outbox-expired', { days: 7 })).toBe('7일 넘게 기다림');
    expect(describeReasonCode(ko, 'outbox-unreadable', { path: '/x/failed/a.json' })).toBe(
      '/x/failed/a.json(으)로 옮김',
    );
  });

  it('falls back to the English text for a code or params it cannot read', () => {
    const newer = suppressed({
      text: 'quiet hours (22:00–07:00)',
      code: 'solar-flare' as ReasonCode,
      params: {},
    });
    expect(describeEventReason(ko, newer)).toBe('방해 금지 시간 (22:00–07:00)');
    const broken = suppressed({ text: 'a reason from nowhere', code: 'maintenance', params: {} });
    expect(describeEventReason(ko, broken)).toBe('a reason from nowhere');
    expect(eventReasonIsKnown(ko, broken)).toBe(false);
    const unknownSmtp = suppressed({
      text: 'Sending through x failed',
      code: 'smtp',
      params: { code: 'gremlins' },
    });
    expect(describeEventReason(ko, unknownSmtp)).toBe('Sending through x failed');
    expect(
      describeReasonCode(ko, 'firing-not-sent', { inner: 'firing-not-sent', start: '1', end: '2' }),
    ).toBeNull();
    expect(describeEventReason(ko, { ...newer, reason: undefined, reasonCode: undefined })).toBe(
      null,
    );
  });

  it('renders coded reasons in the Korean event list with no English left', async () => {
    const [, , snoozedRule, , , , , , , , , , , , resolvedAfterQuiet] = policyReasons();
    const events: EventRecord[] = [
      suppressed(snoozedRule!, {
        id: 'a',
        host: 'local',
        time: NOW - 1_000,
        ruleId: 'disk',
        series: 'disk.used_pct{/}',
        metric: 'disk.used_pct',
      }),
      suppressed(resolvedAfterQuiet!, {
        id: 'b',
        host: 'local',
        time: NOW - 2_000,
        metric: 'cpu.total',
      }),
      suppressed(emailReason(), { id: 'c', host: 'local', time: NOW - 3_000, channel: 'email' }),
      {
        id: 'd',
        host: 'local',
        time: NOW - 4_000,
        kind: 'delivery-failed',
        severity: 'error',
        channel: 'email',
        series: 'cpu.total',
        metric: 'cpu.total',
        message: 'Email not delivered: [Hostwatch] CRITICAL web01',
        reason: `${SERVER} rejected the user name or password. The server said: 535 5.7.8 Nope`,
        reasonCode: 'smtp',
        reasonParams: { code: 'auth', server: SERVER },
      },
    ];
    await renderApp(createMemoryApi({ status: makeStatus({ language: 'ko' }), events }), 'events');
    const list = screen.getByRole('list', { name: '이벤트' });
    expect(list.querySelectorAll('[data-dynamic]')).toHaveLength(0);
    const text = list.textContent;
    expect(text).toContain(`사유: 규칙 disk: ${ko.formatTime(LATER)}까지 일시 중지됨`);
    expect(text).toContain('사유: 해당 경보 알림을 보내지 않았음 (방해 금지 시간 (22:00–07:00))');
    expect(text).toContain('사유: 이메일(SMTP)이 설정되지 않음');
    expect(text).toContain(
      `사유: 메일 서버가 사용자 이름 또는 비밀번호를 거부했습니다 (서버 ${SERVER})`,
    );
    expect(text).not.toContain('rejected');
    const times = [LATER, ...events.map((e) => e.time)];
    expect(latinWords(text, times)).toEqual(['CPU', 'CPU']);
  });
});

// A test email's delivery event reads "Test email sent to …" in both languages, not
// "Notification about the host sent by email"; alert deliveries keep their sentence.
import { describe, expect, it } from 'vitest';
import { testEmailText } from '../../main/core/event-text';
import type { EventRecord } from '../../main/shared/contract';
import { describeEvent } from '../../renderer/components/event-text';
import { createI18n } from '../../renderer/i18n';

const en = createI18n('en');
const ko = createI18n('ko');

const testEmail = (kind: 'delivered' | 'delivery-failed', to: string): EventRecord => ({
  id: 'e1',
  host: 'local',
  time: 1,
  kind,
  severity: kind === 'delivered' ? 'info' : 'error',
  channel: 'email',
  code: 'test-email',
  params: { to },
  message: testEmailText(kind === 'delivered', to === '' ? [] : to.split(', ')),
});

describe('test email events', () => {
  it('say who the test email went to, in English as the engine writes it', () => {
    const sent = testEmail('delivered', 'ops@example.com, me@example.com');
    expect(describeEvent(en, sent)).toBe('Test email sent to ops@example.com, me@example.com');
    expect(describeEvent(en, sent)).toBe(sent.message);
    const failed = testEmail('delivery-failed', 'ops@example.com');
    expect(describeEvent(en, failed)).toBe('Test email to ops@example.com failed');
    expect(describeEvent(en, failed)).toBe(failed.message);
  });

  it('say it in Korean', () => {
    expect(describeEvent(ko, testEmail('delivered', 'ops@example.com'))).toBe(
      'ops@example.com(으)로 테스트 메일을 보냈습니다',
    );
    expect(describeEvent(ko, testEmail('delivery-failed', 'ops@example.com'))).toBe(
      'ops@example.com(으)로 테스트 메일을 보내지 못했습니다',
    );
    expect(describeEvent(ko, testEmail('delivered', ''))).toBe(
      '받는 사람 없음(으)로 테스트 메일을 보냈습니다',
    );
  });

  it('leave alert deliveries as they were', () => {
    const alert: EventRecord = {
      id: 'e2',
      host: 'local',
      time: 1,
      kind: 'delivered',
      severity: 'info',
      channel: 'email',
      metric: 'cpu.total',
      series: 'cpu.total',
      message: 'Alert email sent',
    };
    expect(describeEvent(en, alert)).toBe('Notification about CPU sent by email');
  });
});

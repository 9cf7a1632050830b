import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  createNoticeNotifier,
  notifyOrFallback,
  type NotificationLike,
} from '../../main/app/notifications';
import type { Notice } from '../../main/shared/contract';
import { makeStatus } from '../fixtures/status';

function fakeNotifications() {
  const shown: NotificationConstructorOptions[] = [];
  class FakeNotification implements NotificationLike {
    constructor(readonly options: NotificationConstructorOptions) {}
    static isSupported = () => true;
    show() {
      shown.push(this.options);
    }
    on() {
      return this;
    }
  }
  return { FakeNotification, shown };
}

const held: Notice = {
  id: 'email-not-persisted',
  level: 'error',
  code: 'email-not-persisted',
  message: '1 alert email(s) could not be written to disk (ENOSPC)',
  time: 1,
  params: { count: 2, error: 'ENOSPC' },
};

describe('native notification for alert emails held in memory', () => {
  it('shows one notification when the notice appears, and again only after it cleared', () => {
    const { FakeNotification, shown } = fakeNotifications();
    const feed = createNoticeNotifier(notifyOrFallback(FakeNotification, () => undefined));
    feed(makeStatus());
    expect(shown).toHaveLength(0);
    feed(makeStatus({ notices: [held] }));
    feed(makeStatus({ notices: [held] }));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('Alert emails not saved to disk');
    expect(shown[0]!.body).toContain('2 alert email(s)');
    expect(shown[0]!.body).toContain('ENOSPC');
    feed(makeStatus());
    feed(makeStatus({ notices: [held], language: 'ko' }));
    expect(shown).toHaveLength(2);
    expect(shown[1]!.title).toBe('알림 이메일을 디스크에 저장하지 못함');
    expect(shown[1]!.body).toContain('2개');
  });

  it('ignores other notices', () => {
    const { FakeNotification, shown } = fakeNotifications();
    const feed = createNoticeNotifier(notifyOrFallback(FakeNotification, () => undefined));
    feed(makeStatus({ notices: [{ ...held, id: 'x', code: 'email-retrying' }] }));
    expect(shown).toHaveLength(0);
  });
});

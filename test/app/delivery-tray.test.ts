import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDeliveryLine } from '../../main/app/delivery-tray';
import type { MenuActions } from '../../main/app/menu';
import { createNoticeNotifier } from '../../main/app/notifications';
import { setupTray, type TrayLike } from '../../main/app/tray';
import type { DeliveryProof, Notice } from '../../main/shared/contract';
import { FakeClock } from '../fixtures/fake-clock';
import { fakeImage, makeStatus } from './fakes';

const at = (h: number, m: number) => new Date(2026, 0, 1, h, m).getTime();
const accepted: DeliveryProof = {
  lastAccepted: {
    time: at(10, 42),
    subject: '[Hostwatch] WARNING web01: CPU',
    response: '250 2.0.0 Ok: queued as 4F2A1',
    messageId: '<a@b>',
  },
  failing: null,
  failures: {},
};
const failing: DeliveryProof = {
  ...accepted,
  failing: { since: at(11, 5), reason: 'connection refused (ECONNREFUSED)', code: 'refused' },
};

class FakeTray implements TrayLike {
  static last: FakeTray;
  tooltips: string[] = [];
  constructor(_image: NativeImage) {
    FakeTray.last = this;
  }
  setImage() {}
  setToolTip(t: string) {
    this.tooltips.push(t);
  }
  setContextMenu() {}
  on() {}
  destroy() {}
}

describe('proof of delivery in the tray tooltip', () => {
  it('adds when the last email was accepted, or since when sending fails', () => {
    const tray = setupTray(
      {
        Tray: FakeTray,
        nativeImage: { createFromPath: (p: string) => fakeImage(p) },
        Menu: { buildFromTemplate: (t: MenuItemConstructorOptions[]) => t as unknown as Menu },
        iconDir: join(import.meta.dirname, '../../build/icons'),
        platform: 'linux',
        clock: new FakeClock(),
      },
      {
        actions: { openDashboard: () => undefined } as unknown as MenuActions,
        openAtLogin: () => false,
        minIntervalMs: 0,
      },
    );
    tray.update(makeStatus({ delivery: accepted }));
    expect(FakeTray.last.tooltips.at(-1)).toMatch(/\nLast email accepted 10:42$/);
    tray.update(makeStatus({ delivery: failing }));
    expect(FakeTray.last.tooltips.at(-1)).toMatch(/\nEmail failing since 11:05$/);
    tray.update(makeStatus({ delivery: failing, language: 'ko' }));
    expect(FakeTray.last.tooltips.at(-1)).toMatch(/\n11:05부터 이메일 전송 실패$/);
  });

  it('leaves the line out without email, before any email, and past the Windows limit', () => {
    expect(withDeliveryLine('Hostwatch — OK', undefined, 'en')).toBe('Hostwatch — OK');
    const none: DeliveryProof = { lastAccepted: null, failing: null, failures: {} };
    expect(withDeliveryLine('Hostwatch — OK', none, 'en')).toBe('Hostwatch — OK');
    const long = 'x'.repeat(110);
    expect(withDeliveryLine(long, accepted, 'en')).toBe(long);
  });
});

describe('native notification when email keeps failing', () => {
  const notice: Notice = {
    id: 'email-failing',
    level: 'error',
    code: 'email-failing',
    message: 'Alert emails have been failing for 31 min',
    time: at(11, 5),
    params: { since: at(11, 5), minutes: 31, smtpCode: 'refused' },
  };

  it('says it once while the notice stands, again after it cleared, in the UI language', () => {
    const shown: string[] = [];
    const feed = createNoticeNotifier((title, body) => shown.push(`${title} | ${body}`));
    feed(makeStatus({ delivery: failing }));
    expect(shown).toEqual([]);
    feed(makeStatus({ delivery: failing, notices: [notice] }));
    feed(makeStatus({ delivery: failing, notices: [notice] }));
    expect(shown).toEqual([
      'Alert emails are not getting through | Sending has failed for 31 min: connection refused (ECONNREFUSED). Check Settings → Email.',
    ]);
    feed(makeStatus({ delivery: accepted }));
    feed(makeStatus({ delivery: failing, notices: [notice], language: 'ko' }));
    expect(shown[1]).toBe(
      '경보 이메일이 전달되지 않습니다 | 31분 동안 전송에 실패했습니다: connection refused (ECONNREFUSED). 설정 → 이메일을 확인하세요.',
    );
  });
});

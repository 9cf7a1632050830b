import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  createDesktopChannel,
  eventsRoute,
  notifyOrFallback,
  type NotificationLike,
} from '../../main/app/notifications';
import type { AlertBatch, AlertMessage } from '../../main/core/ports';
import { memoryLogger } from './fakes';

function fakeNotifications(supported = true) {
  const shown: FakeNotification[] = [];
  class FakeNotification implements NotificationLike {
    handlers = new Map<string, (details?: { actionIndex?: number }) => void>();
    constructor(readonly options: NotificationConstructorOptions) {}
    static isSupported = () => supported;
    show() {
      shown.push(this);
    }
    on(event: 'click' | 'close' | 'action', l: (details?: { actionIndex?: number }) => void) {
      this.handlers.set(event, l);
    }
  }
  return { FakeNotification, shown };
}

function message(over: Partial<AlertMessage> = {}): AlertMessage {
  return {
    id: 'm1',
    kind: 'firing',
    ruleId: 'disk',
    series: 'disk.used_pct{/}',
    metric: 'disk.used_pct',
    target: '/',
    severity: 'critical',
    value: 96,
    threshold: 95,
    since: 1_700_000_000_000,
    at: 1_700_000_060_000,
    ...over,
  };
}

function batch(messages: AlertMessage[], language: 'en' | 'ko' = 'en'): AlertBatch {
  return {
    id: 'b1',
    messages,
    context: { hostname: 'web01', dashboardUrl: '', language, processes: null, createdAt: 0 },
  };
}

function setup(supported = true) {
  const { FakeNotification, shown } = fakeNotifications(supported);
  const routes: string[] = [];
  const notices: string[] = [];
  const channel = createDesktopChannel({
    Notification: FakeNotification,
    openRoute: (r) => routes.push(r),
    onUnsupported: (m) => notices.push(m),
    logger: memoryLogger(),
  });
  return { channel, shown, routes, notices };
}

describe('desktop notifications channel', () => {
  it('is the desktop channel and shows one notification for a firing alert', async () => {
    const { channel, shown } = setup();
    expect(channel.name).toBe('desktop');
    await channel.deliver(batch([message()]));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.options.title).toBe('web01 — FIRING CRITICAL: Disk / 96%');
    expect(shown[0]!.options.body).toMatch(/^Above 95% since /);
  });

  it('summarises a grouped batch in one notification and skips reminders', async () => {
    const { channel, shown } = setup();
    await channel.deliver(
      batch([
        message(),
        message({
          id: 'm2',
          kind: 'resolved',
          metric: 'mem.used_pct',
          target: undefined,
          value: 80,
          threshold: 85,
          at: 1_700_000_000_500,
        }),
        message({ id: 'm3', kind: 'reminder' }),
      ]),
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]!.options.title).toBe('web01 — 2 alerts');
    expect(shown[0]!.options.body).toBe('FIRING CRITICAL: Disk / 96%\nRESOLVED: Memory 80%');
    await channel.deliver(batch([message({ kind: 'reminder' })]));
    expect(shown).toHaveLength(1);
  });

  it('opens the window at the event when clicked', async () => {
    const { channel, shown, routes } = setup();
    await channel.deliver(batch([message({ kind: 'escalated' })]));
    shown[0]!.handlers.get('click')!();
    expect(routes).toEqual([eventsRoute(1_700_000_060_000)]);
    expect(routes[0]).toBe('/events?focus=1700000060000');
  });

  it('writes in Korean when the UI is Korean', async () => {
    const { channel, shown } = setup();
    await channel.deliver(batch([message({ kind: 'resolved', value: 70, threshold: 82 })], 'ko'));
    expect(shown[0]!.options.title).toBe('web01 — 해결: 디스크 / 70%');
    expect(shown[0]!.options.body).toBe('82% 미만으로 회복');
  });

  it('says once that notifications are unsupported, and never throws', async () => {
    const { channel, shown, notices } = setup(false);
    await channel.deliver(batch([message()]));
    await channel.deliver(batch([message()]));
    expect(shown).toHaveLength(0);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/email, the event log and the tray/);
  });

  it('falls back to a dialog for short messages where notifications are unsupported', () => {
    const dialogs: string[] = [];
    const unsupported = fakeNotifications(false);
    notifyOrFallback(unsupported.FakeNotification, (t, b) => dialogs.push(`${t}: ${b}`))(
      'Test email sent',
      'ok',
    );
    expect(dialogs).toEqual(['Test email sent: ok']);
    const supported = fakeNotifications(true);
    notifyOrFallback(supported.FakeNotification, (t) => dialogs.push(t))('Test email sent', 'ok');
    expect(supported.shown.map((n) => n.options.title)).toEqual(['Test email sent']);
  });
});

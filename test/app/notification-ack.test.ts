import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  acknowledgeFromNotification,
  createDesktopChannel,
  eventsRoute,
  type ActionNotificationLike,
} from '../../main/app/notifications';
import type { AlertBatch, AlertMessage } from '../../main/core/ports';
import { FakeApi, memoryLogger } from './fakes';

type Listener = (details?: { actionIndex?: number }) => void;

function channelWith(acknowledge?: (ruleId: string, series: string) => void) {
  const shown: FakeNotification[] = [];
  class FakeNotification implements ActionNotificationLike {
    handlers = new Map<string, Listener>();
    constructor(readonly options: NotificationConstructorOptions) {}
    static isSupported = () => true;
    show() {
      shown.push(this);
    }
    on(event: 'click' | 'close' | 'action', l: Listener) {
      this.handlers.set(event, l);
    }
  }
  const routes: string[] = [];
  const channel = createDesktopChannel({
    Notification: FakeNotification,
    openRoute: (r) => routes.push(r),
    onUnsupported: () => undefined,
    logger: memoryLogger(),
    ...(acknowledge ? { acknowledge } : {}),
  });
  return { channel, shown, routes };
}

const firing: AlertMessage = {
  id: 'm1',
  kind: 'firing',
  ruleId: 'cpu',
  series: 'cpu.total',
  metric: 'cpu.total',
  severity: 'warning',
  value: 91,
  threshold: 85,
  since: 1_700_000_000_000,
  at: 1_700_000_060_000,
};
const batch = (messages: AlertMessage[], language: 'en' | 'ko' = 'en'): AlertBatch => ({
  id: 'b1',
  messages,
  context: { hostname: 'web01', dashboardUrl: '', language, processes: null, createdAt: 0 },
});

describe('acknowledge from a notification', () => {
  it('puts an Acknowledge button on a single firing alert and acknowledges it when pressed', async () => {
    const acked: string[] = [];
    const { channel, shown, routes } = channelWith((r, s) => acked.push(`${r} ${s}`));
    await channel.deliver(batch([firing]));
    expect(shown[0]!.options.actions).toEqual([{ type: 'button', text: 'Acknowledge' }]);
    shown[0]!.handlers.get('action')!({ actionIndex: 0 });
    expect(acked).toEqual(['cpu cpu.total']);
    // A click on the body still opens the Events view at the alert.
    shown[0]!.handlers.get('click')!();
    expect(routes).toEqual([eventsRoute(firing.at)]);
  });

  it('labels the button in Korean', async () => {
    const { channel, shown } = channelWith(() => undefined);
    await channel.deliver(batch([{ ...firing, kind: 'escalated', severity: 'critical' }], 'ko'));
    expect(shown[0]!.options.actions).toEqual([{ type: 'button', text: '확인' }]);
  });

  it('has no button for RESOLVED, for a grouped batch, or where the platform has no buttons', async () => {
    const withAck = channelWith(() => undefined);
    await withAck.channel.deliver(batch([{ ...firing, kind: 'resolved' }]));
    await withAck.channel.deliver(batch([firing, { ...firing, id: 'm2', ruleId: 'memory' }]));
    expect(withAck.shown.map((n) => n.options.actions)).toEqual([undefined, undefined]);
    expect(withAck.shown.every((n) => !n.handlers.has('action'))).toBe(true);

    const noButtons = channelWith();
    await noButtons.channel.deliver(batch([firing]));
    expect(noButtons.shown[0]!.options.actions).toBeUndefined();
    noButtons.shown[0]!.handlers.get('click')!();
    expect(noButtons.routes).toEqual(['/events?focus=1700000060000']);
  });

  it('acknowledges through the engine API by notification and logs a refusal', async () => {
    const api = new FakeApi();
    const log = memoryLogger();
    acknowledgeFromNotification(api, log)('cpu', 'cpu.total');
    await new Promise((r) => setImmediate(r));
    expect(api.calls).toEqual([
      { name: 'acknowledge', input: { ruleId: 'cpu', series: 'cpu.total', by: 'notification' } },
    ]);
    api.acknowledge = () =>
      Promise.resolve({
        ok: false as const,
        error: { code: 'not-found' as const, message: 'gone' },
      });
    acknowledgeFromNotification(api, log)('cpu', 'cpu.total');
    await new Promise((r) => setImmediate(r));
    expect(log.lines).toEqual(['warn acknowledge from a notification refused: gone']);
  });
});

import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createRemoteEventNotifier,
  hostEventsRoute,
  type DeliveredIds,
} from '../../main/app/remote-notifications';
import { openDeliveredIds } from '../../main/adapters/fleet/delivered-ids';
import type { EventRecord } from '../../main/shared/contract';
import { fakeNotifications } from '../fixtures/fake-notifications';
import { memoryLogger } from './fakes';

function event(over: Partial<EventRecord> = {}): EventRecord {
  return {
    id: 'e1',
    host: 'web02',
    time: 1_700_000_060_000,
    kind: 'firing',
    severity: 'critical',
    ruleId: 'disk',
    series: 'disk.used_pct{/}',
    metric: 'disk.used_pct',
    value: 96,
    threshold: 95,
    message: 'Disk / at 96% (critical above 95%)',
    ...over,
  };
}

function memoryIds(): DeliveredIds & { keys: Set<string> } {
  const keys = new Set<string>();
  return { keys, has: (k) => keys.has(k), add: (k) => void keys.add(k) };
}

function notifier(delivered: DeliveredIds, language: 'en' | 'ko' = 'en', supported = true) {
  const { FakeNotification, shown } = fakeNotifications(supported);
  const routes: string[] = [];
  const notify = createRemoteEventNotifier({
    Notification: FakeNotification,
    delivered,
    openRoute: (r) => routes.push(r),
    hostName: (h) => (h === 'web02' ? 'web02.example' : h),
    language: () => language,
    logger: memoryLogger(),
  });
  return { notify, shown, routes };
}

describe('remote event notifications', () => {
  it('shows a remote FIRING and RESOLVED once each, and a click opens that host at that event', () => {
    const { notify, shown, routes } = notifier(memoryIds());
    notify(event());
    notify(event({ id: 'e2', kind: 'resolved', severity: 'info', time: 1_700_000_120_000 }));
    expect(shown.map((n) => n.options.title)).toEqual([
      'web02.example — FIRING CRITICAL: Disk / 96%',
      'web02.example — RESOLVED: Disk / 96%',
    ]);
    expect(shown[0]?.options.body).toBe('Disk / at 96% (critical above 95%)');
    shown[1]?.handlers.get('click')?.();
    expect(routes).toEqual([hostEventsRoute('web02', 1_700_000_120_000)]);
    expect(routes[0]).toBe('/web02/events?focus=1700000120000');
  });

  it('ignores local events (the desktop channel shows those) and other kinds', () => {
    const { notify, shown } = notifier(memoryIds());
    notify(event({ host: 'local' }));
    for (const kind of ['reminder', 'delivered', 'suppressed', 'system'] as const)
      notify(event({ id: kind, kind }));
    expect(shown).toEqual([]);
  });

  it('shows a replayed event (same host and id, as after a reconnect) only once', () => {
    const ids = memoryIds();
    const { notify, shown } = notifier(ids);
    notify(event());
    notify(event());
    // The same id from another agent is another event.
    notify(event({ host: 'web03' }));
    expect(shown.map((n) => n.options.title)).toEqual([
      'web02.example — FIRING CRITICAL: Disk / 96%',
      'web03 — FIRING CRITICAL: Disk / 96%',
    ]);
  });

  it('speaks Korean', () => {
    const { notify, shown } = notifier(memoryIds(), 'ko');
    notify(event({ kind: 'firing', severity: 'warning', value: 91 }));
    expect(shown[0]?.options.title).toBe('web02.example — 발생 경고: 디스크 / 91%');
  });

  it('remembers delivered events across a restart, in a bounded 0600 file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw-delivered-'));
    const path = join(dir, 'delivered-notifications.json');
    const first = openDeliveredIds(path, memoryLogger(), 3);
    const a = notifier(first);
    a.notify(event());
    await first.flush();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // The app restarts; the agent replays its recent events.
    const second = openDeliveredIds(path, memoryLogger(), 3);
    const b = notifier(second);
    b.notify(event());
    b.notify(event({ id: 'e2' }));
    expect(b.shown.map((n) => n.options.title)).toEqual([
      'web02.example — FIRING CRITICAL: Disk / 96%',
    ]);
    for (const id of ['e3', 'e4', 'e5']) second.add(`web02\u0000${id}`);
    await second.flush();
    const kept = JSON.parse(readFileSync(path, 'utf8')) as string[];
    expect(kept).toEqual(['web02\u0000e3', 'web02\u0000e4', 'web02\u0000e5']);
  });

  it('starts empty from an unreadable file and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw-delivered-'));
    const path = join(dir, 'delivered-notifications.json');
    writeFileSync(path, '{not json');
    const log = memoryLogger();
    const ids = openDeliveredIds(path, log);
    expect(ids.has('web02\u0000e1')).toBe(false);
    expect(log.lines.some((l) => l.startsWith(`warn Delivered-notifications file ${path}`))).toBe(
      true,
    );
  });
});

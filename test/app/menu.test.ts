import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, createMenuActions, type MenuState } from '../../main/app/menu';
import { click, find } from '../fixtures/menu-items';
import { FakeApi, memoryLogger } from './fakes';

function wired(state: Partial<MenuState> = {}) {
  const api = new FakeApi();
  const log = memoryLogger();
  const seen: string[] = [];
  let loginOn = false;
  const actions = createMenuActions({
    api,
    openDashboard: () => seen.push('dashboard'),
    openHost: (host) => seen.push(`host ${host}`),
    copyText: (text) => seen.push(`copy ${text}`),
    openPath: (p) => (seen.push(`open ${p}`), Promise.resolve('')),
    logDir: '/var/log/hostwatch',
    setOpenAtLogin: (on) => ((loginOn = on), Promise.resolve()),
    notify: (title, body) => seen.push(`notify ${title}: ${body}`),
    refresh: () => seen.push('refresh'),
    language: () => 'en',
    quit: () => seen.push('quit'),
    logger: log,
  });
  const full: MenuState = {
    language: 'en',
    paused: false,
    snooze: null,
    openAtLogin: false,
    ...state,
  };
  return { api, seen, log, actions, items: buildMenuTemplate(full, actions), login: () => loginOn };
}

/** Waits for the fire-and-forget action promises (they resolve in microtasks). */
const settle = () => new Promise((r) => setImmediate(r));

describe('tray menu', () => {
  it('snoozes all notifications for each duration through the engine', async () => {
    for (const d of ['1h', '4h', '8h', 'resolved'] as const) {
      const { api, items } = wired();
      click(items, `snooze-${d}`);
      await settle();
      expect(api.calls).toEqual([{ name: 'snooze', input: { duration: d } }]);
    }
  });

  it('offers "resume notifications" while snoozed, and it calls snooze off', async () => {
    const { api, items } = wired({ snooze: 'resolved' });
    expect(find(items, 'snooze-1h')).toBeUndefined();
    expect(find(items, 'snooze-status')?.label).toBe('Notifications snoozed until resolved');
    click(items, 'snooze-off');
    await settle();
    expect(api.calls).toEqual([{ name: 'snooze', input: { duration: 'off' } }]);
    expect(api.snoozeState.all).toBeNull();
  });

  it('pauses and resumes monitoring', async () => {
    const running = wired();
    expect(find(running.items, 'resume')).toBeUndefined();
    click(running.items, 'pause');
    await settle();
    expect(running.api.paused).toBe(true);
    const paused = wired({ paused: true });
    click(paused.items, 'resume');
    await settle();
    expect(paused.api.calls).toEqual([{ name: 'setPaused', input: { paused: false } }]);
  });

  it('sends a test email and shows the outcome', async () => {
    const ok = wired();
    click(ok.items, 'test-email');
    await settle();
    expect(ok.api.calls.map((c) => c.name)).toEqual(['sendTestEmail']);
    expect(ok.seen).toEqual(['notify Test email sent: Delivered to ops@example.com']);
    const bad = wired();
    bad.api.testEmail = {
      ok: true,
      value: { delivered: false, message: 'The server refused the password' },
    };
    click(bad.items, 'test-email');
    await settle();
    expect(bad.seen).toEqual(['notify Test email failed: The server refused the password']);
  });

  it('opens the dashboard and the log folder, toggles start at login, quits', async () => {
    const { items, seen, login } = wired();
    click(items, 'open');
    click(items, 'logs');
    expect(find(items, 'login')).toMatchObject({ type: 'checkbox', checked: false });
    click(items, 'login');
    await settle();
    click(items, 'quit');
    expect(login()).toBe(true);
    expect(seen).toEqual(['dashboard', 'open /var/log/hostwatch', 'refresh', 'quit']);
  });

  it('logs a refused operation instead of throwing', async () => {
    const { api, actions, log } = wired();
    api.setPaused = () =>
      Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'engine stopping' } });
    actions.setPaused(true);
    await settle();
    expect(log.lines).toEqual(['warn pause refused: engine stopping']);
  });

  it('speaks Korean', () => {
    const { items } = wired({ language: 'ko' });
    expect(find(items, 'open')?.label).toBe('대시보드 열기');
    expect(find(items, 'quit')?.label).toBe('Hostwatch 종료');
  });
});

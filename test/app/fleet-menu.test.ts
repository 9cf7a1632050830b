import { describe, expect, it } from 'vitest';
import { hostHeadline, type MenuHost } from '../../main/app/fleet-menu';
import { buildMenuTemplate, createMenuActions, type MenuState } from '../../main/app/menu';
import { click, find } from '../fixtures/menu-items';
import { FakeApi, memoryLogger } from './fakes';

const HOSTS: MenuHost[] = [
  {
    id: 'local',
    name: 'web01',
    health: 'ok',
    headline: { cpu: 12.2, mem: 40, disk: { target: '/', usedPct: 71.4 } },
  },
  { id: 'web02', name: 'web02', health: 'unreachable', url: 'https://127.0.0.2:9477' },
  {
    id: 'db01',
    name: 'db01',
    health: 'critical',
    url: 'https://127.0.0.3:9477',
    headline: { cpu: null, mem: 50, disk: { target: '/var', usedPct: 97 } },
  },
];

function wired(state: Partial<MenuState> = {}) {
  const api = new FakeApi();
  const seen: string[] = [];
  const actions = createMenuActions({
    api,
    openDashboard: () => seen.push('dashboard'),
    openHost: (host) => seen.push(`host ${host}`),
    copyText: (text) => seen.push(`copy ${text}`),
    openPath: () => Promise.resolve(''),
    logDir: '/tmp',
    setOpenAtLogin: () => Promise.resolve(),
    notify: () => undefined,
    refresh: () => undefined,
    language: () => 'en',
    quit: () => seen.push('quit'),
    logger: memoryLogger(),
  });
  const full: MenuState = {
    language: 'en',
    paused: false,
    snooze: null,
    openAtLogin: false,
    hosts: HOSTS,
    ...state,
  };
  return { api, seen, items: buildMenuTemplate(full, actions) };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('tray menu for a fleet', () => {
  it('lists one entry per host with its health dot and headline, then the existing actions', () => {
    const { items } = wired();
    expect(items.slice(0, 4).map((i) => i.label ?? i.type)).toEqual([
      '🟢 web01 — OK · cpu 12% · disk / 71%',
      '⛔ web02 — UNREACHABLE',
      '🔴 db01 — CRITICAL · disk /var 97%',
      'separator',
    ]);
    expect(items.map((i) => i.id).filter(Boolean)).toEqual([
      'host:local:entry',
      'host:web02:entry',
      'host:db01:entry',
      'open',
      'snooze',
      'pause',
      'test-email',
      'logs',
      'login',
      'quit',
    ]);
  });

  it('opens the dashboard at a host', () => {
    const { items, seen } = wired();
    click(items, 'host:web02:open');
    click(items, 'host:local:open');
    expect(seen).toEqual(['host web02', 'host local']);
  });

  it('snoozes one host for each duration, and resumes it, through the engine', async () => {
    for (const d of ['1h', '4h', '8h', 'resolved', 'off'] as const) {
      const { api, items } = wired();
      click(items, `host:db01:snooze-${d}`);
      await settle();
      expect(api.calls).toEqual([{ name: 'snooze', input: { host: 'db01', duration: d } }]);
    }
  });

  it('copies a remote host address; the local host has none to copy', () => {
    const { items, seen } = wired();
    click(items, 'host:web02:copy');
    expect(seen).toEqual(['copy https://127.0.0.2:9477']);
    expect(find(items, 'host:local:copy')).toBeUndefined();
  });

  it('has no host entries without a fleet', () => {
    const { items } = wired({ hosts: [] });
    expect(items[0]?.id).toBe('open');
  });

  it('speaks Korean', () => {
    const { items } = wired({ language: 'ko' });
    expect(items[0]?.label).toBe('🟢 web01 — 정상 · CPU 12% · 디스크 / 71%');
    expect(items[1]?.label).toBe('⛔ web02 — 연결 불가');
    expect(find(items, 'host:web02:open')?.label).toBe('이 호스트의 대시보드 열기');
    expect(find(items, 'host:web02:copy')?.label).toBe('주소 복사');
  });

  it('says "no fresh data" for a host not yet heard from', () => {
    expect(hostHeadline({ id: 'x', name: 'x', health: 'unknown' }, 'en')).toBe('x — no fresh data');
  });
});

import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMenuActions } from '../../main/app/menu';
import { setupTray, type TrayLike } from '../../main/app/tray';
import type { AlertState } from '../../main/shared/contract';
import { FakeClock } from '../fixtures/fake-clock';
import { FakeApi, fakeImage, makeStatus, memoryLogger } from './fakes';

class FakeTray implements TrayLike {
  static last: FakeTray;
  menus: MenuItemConstructorOptions[][] = [];
  constructor(_image: NativeImage) {
    FakeTray.last = this;
  }
  setImage() {}
  setToolTip() {}
  setContextMenu(menu: Menu | null) {
    this.menus.push(menu as unknown as MenuItemConstructorOptions[]);
  }
  on() {}
  destroy() {}
}

const cpu: AlertState = {
  ruleId: 'cpu',
  series: 'cpu.total',
  metric: 'cpu.total',
  state: 'firing',
  severity: 'warning',
  value: 91,
  threshold: 85,
  since: 1_000,
  snoozed: false,
};
const diskPending: AlertState = {
  ...cpu,
  ruleId: 'disk',
  series: 'disk.used_pct{/}',
  metric: 'disk.used_pct',
  target: '/',
  state: 'pending',
};

function setup() {
  const api = new FakeApi();
  const log = memoryLogger();
  const actions = createMenuActions({
    api,
    openDashboard: () => undefined,
    openHost: () => undefined,
    copyText: () => undefined,
    openPath: () => Promise.resolve(''),
    logDir: '/tmp',
    setOpenAtLogin: () => Promise.resolve(),
    notify: () => undefined,
    refresh: () => undefined,
    language: () => 'en',
    quit: () => undefined,
    logger: log,
  });
  const clock = new FakeClock();
  const tray = setupTray(
    {
      Tray: FakeTray,
      nativeImage: { createFromPath: (p: string) => fakeImage(p) },
      Menu: { buildFromTemplate: (t: MenuItemConstructorOptions[]) => t as unknown as Menu },
      iconDir: join(import.meta.dirname, '../../build/icons'),
      platform: 'linux',
      clock,
    },
    { actions, openAtLogin: () => false, minIntervalMs: 0 },
  );
  const menu = () => FakeTray.last.menus[FakeTray.last.menus.length - 1]!;
  return { api, log, tray, fake: FakeTray.last, menu };
}

const settle = () => new Promise((r) => setImmediate(r));
const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label ?? i.type);

describe('tray menu: firing alerts', () => {
  it('lists only firing alerts and acknowledges one from the tray', async () => {
    const { api, tray, menu } = setup();
    expect(menu().some((i) => i.id?.startsWith('ack'))).toBe(false);
    tray.update(makeStatus({ health: 'warning', alerts: [cpu, diskPending] }));
    const items = menu();
    expect(labels(items).slice(0, 3)).toEqual([
      'Firing alerts',
      'Acknowledge CPU (warning)',
      'separator',
    ]);
    (items[1]!.click as () => void)();
    await settle();
    expect(api.calls.filter((c) => c.name === 'acknowledge').map((c) => c.input)).toEqual([
      { ruleId: 'cpu', series: 'cpu.total', by: 'tray' },
    ]);
  });

  it('says when an acknowledged alert was acknowledged and takes it back', async () => {
    const { api, tray, menu } = setup();
    const at = new Date(2026, 0, 1, 10, 42).getTime();
    tray.update(
      makeStatus({
        health: 'warning',
        alerts: [{ ...cpu, acknowledged: { time: at, by: 'tray' } }],
      }),
    );
    const item = menu().find((i) => i.id === 'ack:cpu:cpu.total')!;
    expect(item.label).toBe('Take back acknowledgement: CPU (warning), acknowledged 10:42');
    (item.click as () => void)();
    await settle();
    expect(api.calls.filter((c) => c.name === 'unacknowledge').map((c) => c.input)).toEqual([
      { ruleId: 'cpu', series: 'cpu.total', by: 'tray' },
    ]);
  });

  it('is in Korean and is not rebuilt when only the value moves', () => {
    const { tray, fake, menu } = setup();
    tray.update(makeStatus({ language: 'ko', health: 'warning', alerts: [cpu] }));
    expect(labels(menu()).slice(0, 2)).toEqual(['발생 중인 경보', 'CPU (경고) 확인']);
    const builds = fake.menus.length;
    tray.update(makeStatus({ language: 'ko', health: 'warning', alerts: [{ ...cpu, value: 93 }] }));
    expect(fake.menus.length).toBe(builds);
  });

  it('logs a refusal instead of throwing', async () => {
    const { api, log, tray, menu } = setup();
    api.acknowledge = () =>
      Promise.resolve({
        ok: false as const,
        error: { code: 'not-found' as const, message: 'Rule cpu on "cpu.total" is not firing' },
      });
    tray.update(makeStatus({ health: 'warning', alerts: [cpu] }));
    (menu().find((i) => i.id === 'ack:cpu:cpu.total')!.click as () => void)();
    await settle();
    expect(log.lines).toContain('warn acknowledge refused: Rule cpu on "cpu.total" is not firing');
  });
});

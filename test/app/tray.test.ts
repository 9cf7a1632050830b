import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MenuActions } from '../../main/app/menu';
import { setupTray, trayIconPath, type TrayLike } from '../../main/app/tray';
import type { TrayIcon } from '../../main/core/tray-state';
import { FakeClock } from '../fixtures/fake-clock';
import { fakeImage, makeStatus } from './fakes';

const ICON_DIR = join(import.meta.dirname, '../../build/icons');

class FakeTray implements TrayLike {
  static last: FakeTray;
  images: string[] = [];
  tooltips: string[] = [];
  menus: MenuItemConstructorOptions[][] = [];
  clicks: (() => void)[] = [];
  destroyed = false;
  constructor(image: NativeImage) {
    this.images.push((image as unknown as { path: string }).path);
    FakeTray.last = this;
  }
  setImage(image: NativeImage) {
    this.images.push((image as unknown as { path: string }).path);
  }
  setToolTip(t: string) {
    this.tooltips.push(t);
  }
  setContextMenu(menu: Menu | null) {
    this.menus.push(menu as unknown as MenuItemConstructorOptions[]);
  }
  on(_event: 'click', listener: () => void) {
    this.clicks.push(listener);
  }
  destroy() {
    this.destroyed = true;
  }
}

function setup(platform: NodeJS.Platform = 'linux') {
  const clock = new FakeClock();
  const created: string[] = [];
  const opened: string[] = [];
  const actions = { openDashboard: () => opened.push('dashboard') } as unknown as MenuActions;
  const controller = setupTray(
    {
      Tray: FakeTray,
      nativeImage: { createFromPath: (p: string) => (created.push(p), fakeImage(p)) },
      Menu: { buildFromTemplate: (t: MenuItemConstructorOptions[]) => t as unknown as Menu },
      iconDir: ICON_DIR,
      platform,
      clock,
    },
    { actions, openAtLogin: () => false, minIntervalMs: 500 },
  );
  return { controller, tray: FakeTray.last, clock, created, opened };
}

describe('tray controller', () => {
  it('starts grey and shows each health as its icon and tooltip', () => {
    const { controller, tray, clock } = setup();
    expect(tray.images).toEqual([trayIconPath(ICON_DIR, 'linux', 'unknown')]);
    expect(tray.tooltips).toEqual(['Hostwatch — starting…']);
    const cases: [Parameters<typeof makeStatus>[0], TrayIcon][] = [
      [{ health: 'ok' }, 'ok'],
      [{ health: 'warning' }, 'warning'],
      [{ health: 'critical' }, 'critical'],
      [{ health: 'unknown' }, 'unknown'],
      [{ health: 'critical', paused: true }, 'unknown'],
    ];
    for (const [over, icon] of cases) {
      clock.advance(1_000);
      controller.update(makeStatus(over));
      expect(tray.images.at(-1)).toBe(trayIconPath(ICON_DIR, 'linux', icon));
    }
    expect(tray.tooltips.at(-1)).toBe('web01 — monitoring paused');
  });

  it('loads each image once and only files that exist, per platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      for (const icon of [
        'ok',
        'warning',
        'critical',
        'unknown',
        'warning-ring',
        'critical-ring',
      ] as const) {
        expect(existsSync(trayIconPath(ICON_DIR, platform, icon))).toBe(true);
      }
    }
    expect(existsSync(join(ICON_DIR, 'tray-ok@2x.png'))).toBe(true);
    const { controller, clock, created } = setup('win32');
    for (let i = 0; i < 6; i++) {
      clock.advance(1_000);
      controller.update(makeStatus({ health: i % 2 ? 'ok' : 'critical' }));
    }
    expect(created.sort()).toEqual([
      join(ICON_DIR, 'tray-critical.ico'),
      join(ICON_DIR, 'tray-ok.ico'),
      join(ICON_DIR, 'tray-unknown.ico'),
    ]);
  });

  it('coalesces a burst into one repaint that ends on the latest state', () => {
    const { controller, tray, clock } = setup();
    clock.advance(1_000);
    controller.update(makeStatus({ health: 'ok' })); // paints at once
    const painted = tray.tooltips.length;
    controller.update(makeStatus({ health: 'warning' }));
    controller.update(makeStatus({ health: 'critical' }));
    controller.update(
      makeStatus({ health: 'ok', host: { ...makeStatus().host, displayName: 'latest' } }),
    );
    expect(tray.tooltips.length).toBe(painted); // nothing yet: inside the window
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(499);
    expect(tray.tooltips.length).toBe(painted);
    clock.advance(1);
    expect(tray.tooltips.length).toBe(painted + 1);
    expect(tray.tooltips.at(-1)).toBe('latest — OK');
    expect(tray.images.at(-1)).toBe(trayIconPath(ICON_DIR, 'linux', 'ok'));
    expect(clock.pendingTimers()).toBe(0);
  });

  it('rebuilds the menu only when what it shows changes', () => {
    const { controller, tray, clock } = setup();
    const initial = tray.menus.length;
    clock.advance(1_000);
    controller.update(makeStatus({ health: 'warning' }));
    expect(tray.menus.length).toBe(initial); // same menu state
    clock.advance(1_000);
    controller.update(makeStatus({ paused: true }));
    expect(tray.menus.length).toBe(initial + 1);
    expect(tray.menus.at(-1)!.some((i) => i.id === 'resume')).toBe(true);
    controller.refreshMenu();
    expect(tray.menus.length).toBe(initial + 2);
  });

  it('opens the dashboard on click and stops painting once destroyed', () => {
    const { controller, tray, clock, opened } = setup();
    tray.clicks.forEach((c) => c());
    expect(opened).toEqual(['dashboard']);
    controller.update(makeStatus());
    controller.update(makeStatus({ health: 'critical' }));
    controller.destroy();
    const before = tray.tooltips.length;
    clock.advance(1_000);
    expect(tray.destroyed).toBe(true);
    expect(tray.tooltips.length).toBe(before);
  });

  it('colours and names the worst host of a fleet, lists each host in the menu', () => {
    const { controller, tray, clock } = setup();
    clock.advance(1_000);
    controller.update(makeStatus({ health: 'ok' }));
    expect(tray.menus.at(-1)![0]?.id).toBe('open'); // one machine: no host entries
    clock.advance(1_000);
    controller.updateFleet({
      hosts: [
        { id: 'local', name: 'web01', kind: 'local', health: 'ok', lastSeen: 1, alerts: [] },
        {
          id: 'web02',
          name: 'web02',
          kind: 'agent',
          url: 'https://127.0.0.2:9477',
          health: 'unreachable',
          lastSeen: 1,
          alerts: [],
        },
        { id: 'web03', name: 'web03', kind: 'agent', health: 'ok', lastSeen: 1, alerts: [] },
      ],
    });
    expect(tray.images.at(-1)).toBe(trayIconPath(ICON_DIR, 'linux', 'critical'));
    expect(tray.tooltips.at(-1)).toBe('3 servers — CRITICAL: web02 unreachable');
    expect(
      tray.menus
        .at(-1)!
        .slice(0, 3)
        .map((i) => i.label),
    ).toEqual(['🟢 web01 — OK', '⛔ web02 — UNREACHABLE', '🟢 web03 — OK']);
    // The host comes back: green again, and the menu says so.
    clock.advance(1_000);
    controller.updateFleet({
      hosts: [
        { id: 'local', name: 'web01', kind: 'local', health: 'ok', lastSeen: 2, alerts: [] },
        { id: 'web02', name: 'web02', kind: 'agent', health: 'ok', lastSeen: 2, alerts: [] },
      ],
    });
    expect(tray.images.at(-1)).toBe(trayIconPath(ICON_DIR, 'linux', 'ok'));
    expect(tray.tooltips.at(-1)).toBe('2 servers — OK');
    expect(tray.menus.at(-1)![1]?.label).toBe('🟢 web02 — OK');
  });

  it('lets the local status (fresh every tick) speak for the local host of the fleet', () => {
    const { controller, tray, clock } = setup();
    controller.updateFleet({
      hosts: [
        { id: 'local', name: 'web01', kind: 'local', health: 'ok', lastSeen: 1, alerts: [] },
        { id: 'web02', name: 'web02', kind: 'agent', health: 'ok', lastSeen: 1, alerts: [] },
      ],
    });
    clock.advance(1_000);
    controller.update(makeStatus({ health: 'critical', paused: true }));
    expect(tray.tooltips.at(-1)).toBe('2 servers — web01: monitoring paused');
    expect(tray.menus.at(-1)![0]?.label).toBe('⚪ web01 — no fresh data');
  });
});

/**
 * The tray menu's About line with Hostwatch's own cost (issue 11), with injected fakes for
 * Electron: the tray, the clock, and `app.getAppMetrics()` folded into the meter's reading.
 */
import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  ABOUT_REFRESH_MS,
  appProcessCosts,
  type AppProcessMetric,
} from '../../main/app/about-line';
import type { MenuActions } from '../../main/app/menu';
import { setupTray, type TrayLike } from '../../main/app/tray';
import { createSelfCostMeter } from '../../main/adapters/self-cost-proc';
import type { SelfCost } from '../../main/shared/contract';
import { FakeClock } from '../fixtures/fake-clock';
import { find } from '../fixtures/menu-items';
import { fakeImage, makeStatus } from './fakes';

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

function setup(version: string | null = '0.1.0') {
  const clock = new FakeClock();
  const controller = setupTray(
    {
      Tray: FakeTray,
      nativeImage: { createFromPath: (p: string) => fakeImage(p) },
      Menu: { buildFromTemplate: (t: MenuItemConstructorOptions[]) => t as unknown as Menu },
      iconDir: '/icons',
      platform: 'linux',
      clock,
    },
    {
      actions: {} as unknown as MenuActions,
      openAtLogin: () => false,
      minIntervalMs: 0,
      ...(version ? { version } : {}),
    },
  );
  const tray = FakeTray.last;
  return { controller, tray, clock, about: () => find(tray.menus.at(-1)!, 'about') };
}

const cost = (cpuRatio: number, mib: number): SelfCost => ({
  cpuRatio,
  rssBytes: mib * 1024 * 1024,
  processes: 4,
  throttled: false,
});

describe('tray About line', () => {
  it('shows the version and the own cost, disabled, just above Quit', () => {
    const { controller, about, tray } = setup();
    expect(about()?.label).toBe('Hostwatch 0.1.0'); // nothing measured yet
    controller.update(makeStatus({ selfCost: cost(0.003, 71) }));
    expect(about()).toMatchObject({ label: 'Hostwatch 0.1.0 — 0.3% CPU · 71 MiB', enabled: false });
    const ids = tray.menus.at(-1)!.map((i) => i.id ?? i.type);
    expect(ids.slice(-2)).toEqual(['about', 'quit']);
  });

  it('says it in Korean, and takes new figures at most once a minute', () => {
    const { controller, about, clock, tray } = setup();
    controller.update(makeStatus({ language: 'ko', selfCost: cost(0.003, 71) }));
    expect(about()?.label).toBe('Hostwatch 0.1.0 — CPU 0.3% · 71 MiB');
    const menus = tray.menus.length;
    clock.advance(1_000);
    controller.update(makeStatus({ language: 'ko', selfCost: cost(0.005, 72) }));
    expect(tray.menus.length).toBe(menus); // same line: the menu is not rebuilt every tick
    clock.advance(ABOUT_REFRESH_MS);
    controller.update(makeStatus({ language: 'ko', selfCost: cost(0.005, 72) }));
    expect(about()?.label).toBe('Hostwatch 0.1.0 — CPU 0.5% · 72 MiB');
    // A language change takes effect at once.
    controller.update(makeStatus({ language: 'en', selfCost: cost(0.005, 72) }));
    expect(about()?.label).toBe('Hostwatch 0.1.0 — 0.5% CPU · 72 MiB');
  });

  it('has no line without a version', () => {
    const { controller, about } = setup(null);
    controller.update(makeStatus({ selfCost: cost(0.003, 71) }));
    expect(about()).toBeUndefined();
  });
});

describe('app metrics in the own-cost reading', () => {
  // Pids far above pid_max (2^22), so /proc has no such process and the shell's figures count.
  const RENDERER = 90_000_001;
  const GPU = 90_000_002;
  const metrics = (rendererCpuS: number): AppProcessMetric[] => [
    {
      pid: process.pid,
      type: 'Browser',
      cpu: { cumulativeCPUUsage: 999 },
      memory: { workingSetSize: 1 },
    },
    {
      pid: RENDERER,
      type: 'Tab',
      cpu: { cumulativeCPUUsage: rendererCpuS },
      memory: { workingSetSize: 50_000 },
    },
    { pid: GPU, type: 'GPU', cpu: { cumulativeCPUUsage: 2 }, memory: { workingSetSize: 20_000 } },
  ];

  it('converts seconds to ms and KB to bytes', () => {
    expect(appProcessCosts(metrics(1.5))[1]).toEqual({
      pid: RENDERER,
      cpuMs: 1_500,
      rssBytes: 50_000 * 1024,
    });
  });

  it('counts the renderer and GPU processes with this one, not this one twice', () => {
    let mono = 0;
    let rendererCpuS = 10;
    const meter = createSelfCostMeter({
      monotonic: () => mono,
      otherProcesses: () => appProcessCosts(metrics(rendererCpuS)),
      minIntervalMs: 0,
    });
    expect(meter()).toBeNull();
    mono = 1_000;
    rendererCpuS = 10.4; // the renderer spent 400 ms in this second
    const c = meter()!;
    expect(c.processes).toBe(3);
    expect(c.cpuRatio!).toBeGreaterThanOrEqual(0.4);
    expect(c.cpuRatio!).toBeLessThan(0.4 + 1); // plus this process's own, at most one core
    const own = process.memoryUsage.rss();
    // This process from /proc (not the fake 1 KB), plus 50,000 and 20,000 KB.
    expect(c.rssBytes! - 70_000 * 1024).toBeGreaterThan(own / 2);
  });
});

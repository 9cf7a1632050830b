/**
 * The tray counts failing endpoint checks (issue 9): the tooltip says how many, in English and
 * Korean, and the menu gets a line that opens the dashboard; nothing when all are up.
 */
import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuActions } from '../../main/app/menu';
import { setupTray, type TrayLike } from '../../main/app/tray';
import type { CheckStatus } from '../../main/shared/contract';
import { FakeClock } from '../fixtures/fake-clock';
import { fakeImage, makeStatus } from './fakes';

class FakeTray implements TrayLike {
  static last: FakeTray;
  tooltips: string[] = [];
  menus: MenuItemConstructorOptions[][] = [];
  constructor(_image: NativeImage) {
    FakeTray.last = this;
  }
  setImage() {}
  setToolTip(t: string) {
    this.tooltips.push(t);
  }
  setContextMenu(menu: Menu | null) {
    this.menus.push(menu as unknown as MenuItemConstructorOptions[]);
  }
  on() {}
  destroy() {}
}

function check(id: string, up: boolean | null, enabled = true): CheckStatus {
  return {
    id,
    name: id,
    kind: 'http',
    target: `https://${id}.example/`,
    enabled,
    last:
      up === null
        ? null
        : {
            checkId: id,
            at: 1_000,
            up,
            failure: up ? null : { kind: 'http-status', status: 500 },
            phases: { dns: 1, connect: 1, tls: 1, firstByte: 1, total: 4 },
            status: up ? 200 : 500,
            cert: null,
            redirects: 0,
          },
    failStreak: up ? -1 : 1,
    lastGoodAt: null,
    lastFailure: null,
    recentMs: [],
  };
}

function setup() {
  const clock = new FakeClock();
  const opened: string[] = [];
  const actions = { openDashboard: () => opened.push('dashboard') } as unknown as MenuActions;
  const controller = setupTray(
    {
      Tray: FakeTray,
      nativeImage: { createFromPath: (p: string) => fakeImage(p) },
      Menu: { buildFromTemplate: (t: MenuItemConstructorOptions[]) => t as unknown as Menu },
      iconDir: '/icons',
      platform: 'linux',
      clock,
    },
    { actions, openAtLogin: () => false, minIntervalMs: 0 },
  );
  return { controller, tray: FakeTray.last, clock, opened };
}

const menuLine = (menu: MenuItemConstructorOptions[] | undefined) =>
  menu?.find((i) => i.id === 'checks-failing');

describe('tray: failing checks', () => {
  it('counts enabled checks whose latest run failed, in the tooltip and the menu', () => {
    const { controller, tray, clock, opened } = setup();
    const checks = [
      check('shop', false),
      check('api', false),
      check('blog', true),
      check('old', false, false), // disabled: not counted
      check('new', null), // never run: not counted
    ];
    controller.update(makeStatus({ health: 'ok', checks }));
    clock.advance(10);
    expect(tray.tooltips.at(-1)).toBe('web01 — OK · 2 checks failing');
    const line = menuLine(tray.menus.at(-1));
    expect(line?.label).toBe('▲ 2 checks failing');
    (line!.click as () => void)();
    expect(opened).toEqual(['dashboard']);
  });

  it('says it in Korean, and says nothing once every check is up', () => {
    const { controller, tray, clock } = setup();
    controller.update(
      makeStatus({ health: 'critical', language: 'ko', checks: [check('shop', false)] }),
    );
    clock.advance(10);
    expect(tray.tooltips.at(-1)).toMatch(/ · 검사 1개 실패$/);
    expect(menuLine(tray.menus.at(-1))?.label).toBe('▲ 검사 1개 실패');

    clock.advance(1_000);
    controller.update(makeStatus({ health: 'ok', checks: [check('shop', true)] }));
    clock.advance(10);
    expect(tray.tooltips.at(-1)).toBe('web01 — OK');
    expect(menuLine(tray.menus.at(-1))).toBeUndefined();
  });
});

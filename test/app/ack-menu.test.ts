import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMenuActions } from '../../main/app/menu';
import { setupTray, type TrayLike } from '../../main/app/tray';
import type { AlertState, FleetHost, FleetSummary } from '../../main/shared/contract';
import { summaryChangeKey, summarize } from '../../main/shared/host-summary';
import { click, find } from '../fixtures/menu-items';
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

const memory: AlertState = {
  ...cpu,
  ruleId: 'memory',
  series: 'mem.used_pct',
  metric: 'mem.used_pct',
  severity: 'critical',
};
const unreachableWeb03: AlertState = {
  ...cpu,
  ruleId: 'host-unreachable',
  series: 'fleet.silence_s{web03}',
  metric: 'fleet.silence_s',
  target: 'web03',
  severity: 'critical',
};
const remoteHost = (over: Partial<FleetHost>): FleetHost => ({
  id: 'web02',
  name: 'web02',
  kind: 'agent',
  url: 'https://127.0.0.2:9477',
  health: 'warning',
  lastSeen: 1_000,
  alerts: [],
  ...over,
});
/** The hub (web01) with its CPU alert and the unreachable alert it raised about web03. */
const hubStatus = (language: 'en' | 'ko' = 'en') =>
  makeStatus({ language, health: 'critical', alerts: [cpu, unreachableWeb03] });
const fleetOf = (...hosts: FleetHost[]): FleetSummary => ({
  hosts: [{ ...remoteHost({}), id: 'local', name: 'web01', kind: 'local', alerts: [] }, ...hosts],
});

describe('tray menu: firing alerts of the watched hosts', () => {
  it("lists each host's firing alerts by host name and acknowledges a remote one on its host", async () => {
    const { api, tray, menu } = setup();
    tray.update(hubStatus());
    tray.updateFleet(
      fleetOf(
        remoteHost({ alerts: [memory, { ...diskPending, series: 'disk.used_pct{/var}' }] }),
        remoteHost({
          id: 'web03',
          name: 'web03',
          health: 'unreachable',
          alerts: [unreachableWeb03],
        }),
        remoteHost({ id: 'am', name: 'alertmanager', kind: 'alertmanager', alerts: [cpu] }),
      ),
    );
    const items = menu();
    const heading = items.findIndex((i) => i.id === 'ack-heading');
    // The hub's own alerts first (its unreachable alert about web03 once, as its own), then
    // web02's firing one; a pending alert and the Alertmanager's alerts are not listed.
    expect(labels(items.slice(heading, heading + 5))).toEqual([
      'Firing alerts',
      'Acknowledge CPU (warning) on web01',
      'Acknowledge web03 unreachable (critical) on web01',
      'Acknowledge Memory (critical) on web02',
      'separator',
    ]);
    click(items, 'ack@web02:memory:mem.used_pct');
    click(items, 'ack:cpu:cpu.total');
    await settle();
    expect(api.calls.filter((c) => c.name === 'acknowledge').map((c) => c.input)).toEqual([
      { host: 'web02', ruleId: 'memory', series: 'mem.used_pct', by: 'tray' },
      { ruleId: 'cpu', series: 'cpu.total', by: 'tray' },
    ]);
  });

  it("takes back a remote host's acknowledgement on that host, in Korean too", async () => {
    const { api, tray, menu } = setup();
    const at = new Date(2026, 0, 1, 10, 42).getTime();
    tray.update(hubStatus('ko'));
    tray.updateFleet(
      fleetOf(remoteHost({ alerts: [{ ...memory, acknowledged: { time: at, by: 'tray' } }] })),
    );
    const item = find(menu(), 'ack@web02:memory:mem.used_pct')!;
    expect(item.label).toBe('확인 취소: web02의 메모리 (위험), 10:42에 확인함');
    expect(find(menu(), 'ack:cpu:cpu.total')!.label).toBe('web01의 CPU (경고) 확인');
    click(menu(), 'ack@web02:memory:mem.used_pct');
    await settle();
    expect(api.calls.filter((c) => c.name === 'unacknowledge').map((c) => c.input)).toEqual([
      { host: 'web02', ruleId: 'memory', series: 'mem.used_pct', by: 'tray' },
    ]);
  });

  it("names a refusal's host in the log", async () => {
    const { api, log, tray, menu } = setup();
    api.acknowledge = () =>
      Promise.resolve({
        ok: false as const,
        error: { code: 'unavailable' as const, message: 'This host is not connected' },
      });
    tray.update(hubStatus());
    tray.updateFleet(fleetOf(remoteHost({ alerts: [memory] })));
    click(menu(), 'ack@web02:memory:mem.used_pct');
    await settle();
    expect(log.lines).toContain('warn acknowledge web02 refused: This host is not connected');
  });

  it('a remote summary is sent at once when an alert is acknowledged, not at the next interval', () => {
    const status = makeStatus({ health: 'warning', alerts: [cpu] });
    const acked = makeStatus({
      health: 'warning',
      alerts: [{ ...cpu, acknowledged: { time: 5_000, by: 'tray' } }],
    });
    expect(summaryChangeKey(summarize(acked))).not.toBe(summaryChangeKey(summarize(status)));
    expect(summaryChangeKey(summarize({ ...status, alerts: [{ ...cpu, value: 99 }] }))).toBe(
      summaryChangeKey(summarize(status)),
    );
  });
});

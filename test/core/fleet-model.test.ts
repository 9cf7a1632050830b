import { describe, expect, it } from 'vitest';
import { FleetModel, silenceKey } from '../../main/core/fleet-model';
import { isOffline } from '../../main/core/fleet-offline';
import { UNREACHABLE_RULE_ID, withFleetRules } from '../../main/core/fleet-rules';
import { worstHealth } from '../../main/core/fleet';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../main/shared/settings';
import type { HostSummary } from '../../main/shared/protocol';
import { makeEngine } from './engine-fakes';

const summary = (health: HostSummary['health']): HostSummary => ({
  displayName: 'web01',
  hostname: 'web01',
  health,
  paused: false,
  stale: false,
  alerts: [],
  headline: { cpu: 12, mem: 40, disk: { target: '/', usedPct: 71 } },
  time: 0,
});

const server = (id: string, port: number) => ({
  id,
  name: id,
  url: `https://127.0.0.2:${port}`,
  fingerprint: null,
  trustSystemCa: true,
  enabled: true,
});

const fleetSettings = (after = 10): Settings =>
  withFleetRules({
    ...DEFAULT_SETTINGS,
    rules: [],
    notifications: { ...DEFAULT_SETTINGS.notifications, groupWindowSeconds: 0 },
    fleet: { unreachableAfterSeconds: after, servers: [server('web01', 9477)], alertmanagers: [] },
  });

describe('fleet model', () => {
  it('counts silence from the last message, or from the start when a host never spoke', () => {
    const m = new FleetModel();
    m.upsert({ id: 'web01', name: 'web01', kind: 'agent', url: 'https://a:1' }, 1_000);
    expect(m.silenceValues(4_000, false)).toEqual({ [silenceKey('web01')]: 3 });
    m.summary('web01', summary('ok'), 50_000, 5_000);
    expect(m.silenceValues(7_500, false)).toEqual({ 'fleet.silence_s{web01}': 2.5 });
    expect(m.silenceValues(7_500, true)).toEqual({ 'fleet.silence_s{web01}': null });
  });

  it('lists a silent host as unreachable, which counts as critical for the fleet', () => {
    const m = new FleetModel();
    m.upsert({ id: 'web01', name: '', kind: 'agent', url: 'https://a:1' }, 0);
    expect(m.fleetHost('web01', 1_000, 10_000, false)?.health).toBe('unknown');
    m.summary('web01', summary('warning'), 99, 1_000);
    const live = m.fleetHost('web01', 2_000, 10_000, false);
    expect(live).toMatchObject({ health: 'warning', name: 'web01', connection: 'connected' });
    expect(live?.headline?.disk).toEqual({ target: '/', usedPct: 71 });
    m.failed('web01', { code: 'refused', message: 'refused' });
    const dead = m.fleetHost('web01', 11_000, 10_000, false);
    expect(dead).toMatchObject({ health: 'unreachable', connection: 'failing', lastSeen: 99 });
    expect(dead?.problem).toEqual({ code: 'refused', message: 'refused' });
    expect(worstHealth(['ok', dead!.health])).toBe('critical');
    expect(m.fleetHost('web01', 11_000, 10_000, true)?.health).toBe('unknown');
  });

  it('restarts the silence when a host is pointed at a new address', () => {
    const m = new FleetModel();
    m.upsert({ id: 'a', name: 'a', kind: 'agent', url: 'https://a:1' }, 0);
    m.upsert({ id: 'a', name: 'A', kind: 'agent', url: 'https://a:1' }, 5_000);
    expect(m.silenceValues(6_000, false)['fleet.silence_s{a}']).toBe(6);
    m.upsert({ id: 'a', name: 'A', kind: 'agent', url: 'https://b:1' }, 5_000);
    expect(m.silenceValues(6_000, false)['fleet.silence_s{a}']).toBe(1);
    m.remove('a');
    expect(m.silenceValues(6_000, false)).toEqual({});
  });
});

describe('offline', () => {
  const failing = (code: string) => ({
    connection: 'failing' as const,
    problem: { code, message: code },
  });
  const connected = { connection: 'connected' as const, problem: null };

  it('follows its truth table', () => {
    expect(isOffline(false, [])).toBe(true);
    expect(isOffline(false, [connected])).toBe(true);
    expect(isOffline(true, [failing('network'), failing('dns')])).toBe(true);
    expect(isOffline(null, [failing('network'), failing('network')])).toBe(true);
    expect(isOffline(true, [failing('network')])).toBe(false);
    expect(isOffline(true, [failing('network'), connected])).toBe(false);
    expect(isOffline(true, [failing('network'), failing('refused')])).toBe(false);
  });
});

describe('unreachable rule', () => {
  it('is created with the first server and follows the delay unless edited by hand', () => {
    const none = withFleetRules({ ...DEFAULT_SETTINGS });
    expect(none.rules.some((r) => r.id === UNREACHABLE_RULE_ID)).toBe(false);
    const one = fleetSettings(60);
    const rule = one.rules.find((r) => r.id === UNREACHABLE_RULE_ID);
    expect(rule).toMatchObject({ metric: 'fleet.silence_s', target: '*', critical: 60 });
    expect(settingsSchema.safeParse(one).success).toBe(true);
    const slower = { ...one, fleet: { ...one.fleet, unreachableAfterSeconds: 120 } };
    expect(withFleetRules(slower, one).rules.at(-1)?.critical).toBe(120);
    const edited = { ...slower, rules: [{ ...rule!, critical: 30 }] };
    expect(withFleetRules(edited, one).rules.at(-1)?.critical).toBe(30);
  });

  it('fires once through the engine when a host goes silent, resolves when it speaks', async () => {
    const t = await makeEngine(fleetSettings(10));
    const m = new FleetModel();
    m.upsert({ id: 'web01', name: 'web01', kind: 'agent', url: 'https://a:1' }, t.clock.mono);
    const feed = (offline = false) =>
      t.engine.setExternal('fleet', m.silenceValues(t.clock.mono, offline));
    for (let i = 0; i < 5; i++) {
      m.summary('web01', summary('ok'), t.clock.wall, t.clock.mono);
      feed();
      await t.run(1);
    }
    expect(t.email.kinds()).toEqual([]);
    for (let i = 0; i < 15; i++) {
      feed();
      await t.run(1);
    }
    expect(t.email.kinds()).toEqual(['firing:host-unreachable:critical']);
    expect(t.engine.currentStatus()?.alerts[0]?.series).toBe('fleet.silence_s{web01}');
    m.summary('web01', summary('ok'), t.clock.wall, t.clock.mono);
    feed();
    await t.run(1);
    expect(t.email.kinds()).toEqual([
      'firing:host-unreachable:critical',
      'resolved:host-unreachable:critical',
    ]);
  });

  it('raises nothing while this computer is offline, however long', async () => {
    const t = await makeEngine(fleetSettings(10));
    const m = new FleetModel();
    for (const id of ['a', 'b', 'c']) {
      m.upsert({ id, name: id, kind: 'agent', url: `https://${id}:1` }, t.clock.mono);
    }
    for (let i = 0; i < 120; i++) {
      t.engine.setExternal('fleet', m.silenceValues(t.clock.mono, true));
      await t.run(1);
    }
    expect(t.email.kinds()).toEqual([]);
    expect(t.engine.currentStatus()?.health).toBe('ok');
  });
});

import { describe, expect, it } from 'vitest';
import { LOCAL_HOST_ID, type FleetSummary, type Status } from '../../main/shared/contract';
import { fleetChanged, worstHealth } from '../../main/core/fleet';
import type { HostHandler } from '../../main/core/host-router';
import { emptyBacktest } from '../fixtures/backtest';
import { makeStatus } from '../fixtures/status';
import { cpuSettings, makeEngine } from './engine-fakes';

/** A remote host's handler that answers every operation from one status. */
function remoteHandler(status: Status): HostHandler {
  const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
  return {
    getStatus: () => ok(status),
    getHistory: (input) => ok({ range: input.range, resolution: 'raw' as const, series: [] }),
    getEvents: () => ok([]),
    snooze: () => ok(status.snooze),
    setMaintenance: () => ok({ maintenanceUntil: null }),
    setPaused: (input) => ok({ paused: input.paused }),
    backtest: (input) => ok(emptyBacktest(input.range)),
    acknowledge: () =>
      Promise.resolve({ ok: false, error: { code: 'not-found', message: 'none' } }),
    unacknowledge: () =>
      Promise.resolve({ ok: false, error: { code: 'not-found', message: 'none' } }),
    ...settingsRefusals(),
  };
}

/** The settings operations of a host that has none to give (not what these tests look at). */
function settingsRefusals() {
  const none = () =>
    Promise.resolve({
      ok: false as const,
      error: { code: 'unavailable' as const, message: 'none' },
    });
  return {
    getSettings: none,
    saveSettings: none,
    sendTestEmail: none,
    exportRules: none,
    runCheck: none,
    testConnection: none,
    testAlertmanager: none,
  };
}

describe('host router', () => {
  it('answers host-scoped operations for the local host by default and by name', async () => {
    const t = await makeEngine(cpuSettings());
    t.sampler.values = { 'cpu.total': 10 };
    await t.run(1);
    const plain = await t.engine.api.getStatus(undefined);
    const named = await t.engine.api.getStatus({ host: LOCAL_HOST_ID });
    expect(plain.ok && plain.value.hostId).toBe('local');
    expect(named).toEqual(plain);
    const paused = await t.engine.api.setPaused({ host: 'local', paused: true });
    expect(paused).toEqual({ ok: true, value: { paused: true } });
    expect(t.engine.currentStatus()?.paused).toBe(true);
  });

  it('answers an unknown host with not-found in words', async () => {
    const t = await makeEngine(cpuSettings());
    for (const r of [
      await t.engine.api.getStatus({ host: 'nope' }),
      await t.engine.api.getHistory({ host: 'nope', metric: ['cpu.total'] }),
      await t.engine.api.getEvents({ host: 'nope' }),
      await t.engine.api.snooze({ host: 'nope', duration: '1h' }),
      await t.engine.api.setMaintenance({ host: 'nope', minutes: 5 }),
      await t.engine.api.setPaused({ host: 'nope', paused: true }),
    ]) {
      expect(r).toEqual({
        ok: false,
        error: { code: 'not-found', message: 'No host "nope" is watched' },
      });
    }
    expect(t.engine.currentStatus()?.paused).toBe(false);
  });

  it('lists the local host in the fleet, computed from its status', async () => {
    const t = await makeEngine(cpuSettings());
    t.sampler.values = { 'cpu.total': 95 };
    await t.run(30);
    const fleet = await t.engine.api.getFleet(undefined);
    const status = t.engine.currentStatus()!;
    expect(fleet).toEqual({
      ok: true,
      value: {
        hosts: [
          {
            id: 'local',
            name: status.host.displayName,
            kind: 'local',
            health: 'critical',
            lastSeen: status.snapshot?.time,
            alerts: status.alerts,
          },
        ],
      },
    });
  });

  it('pushes the fleet when a host changes health, not on every tick', async () => {
    const t = await makeEngine(cpuSettings());
    const pushed: FleetSummary[] = [];
    t.engine.api.on('fleet', (f) => pushed.push(f));
    t.sampler.values = { 'cpu.total': 10 };
    await t.run(5);
    expect(pushed.map((f) => f.hosts[0]?.health)).toEqual(['ok']);
    t.sampler.values = { 'cpu.total': 95 };
    await t.run(30);
    expect(pushed.map((f) => f.hosts[0]?.health).at(-1)).toBe('critical');
    const count = pushed.length;
    await t.run(5);
    expect(pushed).toHaveLength(count);
  });

  it('routes to another host after one register call and forgets it after unregister', async () => {
    const t = await makeEngine(cpuSettings());
    const remote = makeStatus({ hostId: 'web02', health: 'warning' });
    const pushed: FleetSummary[] = [];
    t.engine.api.on('fleet', (f) => pushed.push(f));
    const off = t.engine.hosts.register('web02', {
      handler: remoteHandler(remote),
      summary: () => ({
        id: 'web02',
        name: 'web02',
        kind: 'agent',
        url: 'https://127.0.0.2:9477',
        health: 'unreachable',
        lastSeen: null,
        alerts: [],
      }),
    });
    expect(await t.engine.api.getStatus({ host: 'web02' })).toEqual({ ok: true, value: remote });
    await t.run(1);
    const fleet = await t.engine.api.getFleet(undefined);
    expect(fleet.ok && fleet.value.hosts.map((h) => h.id)).toEqual(['local', 'web02']);
    expect(pushed.at(-1)?.hosts.map((h) => h.id)).toEqual(['local', 'web02']);
    off();
    expect((await t.engine.api.getStatus({ host: 'web02' })).ok).toBe(false);
    expect(pushed.at(-1)?.hosts.map((h) => h.id)).toEqual(['local']);
  });
});

describe('fleet', () => {
  it('takes the worst health, unreachable counting as critical', () => {
    expect(worstHealth([])).toBe('unknown');
    expect(worstHealth(['ok', 'unknown'])).toBe('unknown');
    expect(worstHealth(['ok', 'ok'])).toBe('ok');
    expect(worstHealth(['ok', 'warning'])).toBe('warning');
    expect(worstHealth(['warning', 'unreachable'])).toBe('critical');
    expect(worstHealth(['critical'])).toBe('critical');
  });

  it('sees a change in health or alerts but not in lastSeen alone', () => {
    const host = {
      id: 'local',
      name: 'a',
      kind: 'local' as const,
      health: 'ok' as const,
      lastSeen: 1,
      alerts: [],
    };
    expect(fleetChanged(null, { hosts: [host] })).toBe(true);
    expect(fleetChanged({ hosts: [host] }, { hosts: [{ ...host, lastSeen: 2 }] })).toBe(false);
    expect(fleetChanged({ hosts: [host] }, { hosts: [{ ...host, health: 'warning' }] })).toBe(true);
  });
});

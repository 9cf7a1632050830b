/**
 * The fleet's state pieces on the in-memory API: the host-bound API (every host-scoped
 * operation names the host unless the caller did; the others are untouched), the fleet store
 * (getFleet, then each `fleet` push; headline rings for the sparklines; only while listened
 * to), and a remote store that names its own host in what it holds.
 */
import { describe, expect, it } from 'vitest';
import {
  HOST_SCOPED_OPERATIONS,
  type FleetHost,
  type HostwatchApi,
} from '../../main/shared/contract';
import { alwaysConnected } from '../../renderer/api/transport';
import { FleetStore } from '../../renderer/state/fleet-store';
import { hostBoundApi } from '../../renderer/state/host-api';
import { LiveStores } from '../../renderer/state/live-stores';
import { createMemoryApi, makeEvent, makeStatus } from './memory-api';

const callsOf = (fn: unknown) => (fn as { mock: { calls: unknown[][] } }).mock.calls;

const host = (id: string, cpu: number, patch: Partial<FleetHost> = {}): FleetHost => ({
  id,
  name: id,
  kind: 'agent',
  health: 'ok',
  lastSeen: 1,
  alerts: [],
  headline: { cpu, mem: 10, disk: { target: '/', usedPct: 50 } },
  ...patch,
});

describe('host-bound API', () => {
  it('names the host on every host-scoped operation, and only there', async () => {
    const mem = createMemoryApi();
    const api = hostBoundApi(mem.api, 'web02');
    expect(hostBoundApi(mem.api, 'web02')).toBe(api);
    expect(hostBoundApi(mem.api, 'local')).toBe(mem.api);
    await api.getStatus(undefined);
    await api.getHistory({ metric: ['cpu.total'], range: '5m' });
    await api.snooze({ ruleId: 'cpu', duration: '1h' });
    await api.getEvents({ host: 'db01', limit: 5 });
    await api.getSettings(undefined);
    await api.getFleet(undefined);
    expect(callsOf(mem.api.getStatus)[0]?.[0]).toEqual({ host: 'web02' });
    expect(callsOf(mem.api.getHistory)[0]?.[0]).toEqual({
      host: 'web02',
      metric: ['cpu.total'],
      range: '5m',
    });
    expect(callsOf(mem.api.snooze)[0]?.[0]).toEqual({
      host: 'web02',
      ruleId: 'cpu',
      duration: '1h',
    });
    // A caller that names a host keeps it.
    expect(callsOf(mem.api.getEvents)[0]?.[0]).toEqual({ host: 'db01', limit: 5 });
    // A watched host's settings are its own (issue 8); the fleet is this instance's.
    expect(callsOf(mem.api.getSettings)[0]?.[0]).toEqual({ host: 'web02' });
    expect(callsOf(mem.api.getFleet)[0]?.[0]).toBeUndefined();
    // Every host-scoped operation is wrapped, every other one is the page's own.
    for (const name of Object.keys(mem.api) as (keyof HostwatchApi)[]) {
      const scoped = (HOST_SCOPED_OPERATIONS as readonly string[]).includes(name);
      expect(api[name] === mem.api[name], name).toBe(!scoped);
    }
  });
});

describe('fleet store', () => {
  it('reads the fleet, follows the push, keeps headline rings, and stops when unheard', async () => {
    const mem = createMemoryApi();
    const store = new FleetStore(mem.api, 60_000);
    let changes = 0;
    const off = store.subscribe(() => changes++);
    await expect.poll(() => store.getState().fleet?.hosts.map((h) => h.id)).toEqual(['local']);
    mem.emit('fleet', { hosts: [host('local', 5), host('web02', 20)] });
    mem.emit('fleet', { hosts: [host('local', 6), host('web02', 30)] });
    const s = store.getState();
    expect(s.fleet?.hosts.map((h) => h.id)).toEqual(['local', 'web02']);
    expect(s.sparks.web02?.cpu).toEqual([20, 30]);
    expect(s.sparks.local?.cpu).toEqual([5, 6]);
    // An unreachable host has no headline: its ring keeps what it had.
    mem.emit('fleet', {
      hosts: [host('local', 7), host('web02', 0, { health: 'unreachable', headline: undefined })],
    });
    expect(store.getState().sparks.web02?.cpu).toEqual([20, 30]);
    expect(store.getState().fleet?.hosts[1]?.health).toBe('unreachable');
    off();
    const before = changes;
    mem.emit('fleet', { hosts: [host('local', 8)] });
    expect(changes).toBe(before);
  });

  it('says why the fleet could not be read', async () => {
    const mem = createMemoryApi();
    (
      mem.api.getFleet as unknown as { mockImplementation: (f: HostwatchApi['getFleet']) => void }
    ).mockImplementation(() =>
      Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'HTTP 502' } }),
    );
    const store = new FleetStore(mem.api, 60_000);
    const off = store.subscribe(() => undefined);
    await expect.poll(() => store.getState().error).toBe('HTTP 502');
    off();
  });
});

describe('a remote host store', () => {
  it('holds the forwarded status and events under its own host id', async () => {
    const mem = createMemoryApi({
      status: makeStatus({ hostId: 'local' }),
      events: [makeEvent('e1', Date.now(), { host: 'local' })],
    });
    const stores = new LiveStores(alwaysConnected('memory', mem.api));
    const store = stores.open('web02');
    expect(stores.open('web02')).toBe(store);
    await expect.poll(() => store.getState().status?.hostId).toBe('web02');
    await expect.poll(() => store.getState().events.map((e) => e.host)).toEqual(['web02']);
    expect(callsOf(mem.api.getStatus)).toEqual([[{ host: 'web02' }]]);
    // A pushed status of another host is not this one's.
    mem.emit('status', makeStatus({ hostId: 'local', health: 'critical' }));
    expect(store.getState().status?.health).toBe('ok');
    mem.emit('status', makeStatus({ hostId: 'web02', health: 'critical' }));
    expect(store.getState().status?.health).toBe('critical');
    stores.stop();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { alwaysConnected } from '../../renderer/api/transport';
import { LiveStore } from '../../renderer/state/live-store';
import { LiveStores } from '../../renderer/state/live-stores';
import { createMemoryApi, makeEvent, makeSnapshot, makeStatus } from './memory-api';

describe('live store sparklines', () => {
  it('backfills a series from history when it first appears, not only those of the first status', async () => {
    // A rate series (CPU) has no value in the agent's first sample: it appears one tick later.
    const mem = createMemoryApi({
      status: makeStatus({ snapshot: makeSnapshot({ 'mem.used_pct': 40 }) }),
    });
    const store = new LiveStore(alwaysConnected('memory', mem.api));
    await store.start();
    expect(mem.api.getHistory).toHaveBeenCalledTimes(1);
    expect(vi.mocked(mem.api.getHistory).mock.calls[0]![0].metric).toEqual(['mem.used_pct']);

    const next = makeSnapshot({ 'mem.used_pct': 41, 'cpu.total': 12 });
    mem.emit('status', makeStatus({ snapshot: { ...next, time: next.time + 1_000 } }));
    await Promise.resolve();
    expect(mem.api.getHistory).toHaveBeenCalledTimes(2);
    expect(vi.mocked(mem.api.getHistory).mock.calls[1]![0].metric).toEqual(['cpu.total']);
    store.stop();
  });

  it("asks no history of a check's phases and status code, which are current values only", async () => {
    // The agent refuses them; asking made a failed request in the console whenever a run had
    // not reached a phase the previous run had.
    const mem = createMemoryApi({
      status: makeStatus({
        snapshot: makeSnapshot({
          'check.up{shop}': 1,
          'check.response_ms{shop}': 80,
          'check.dns_ms{shop}': 2,
          'check.tls_ms{shop}': 9,
          'check.status_code{shop}': 200,
          'check.fail_streak{shop}': -3,
          'mem.used_pct': 40,
        }),
      }),
    });
    const store = new LiveStore(alwaysConnected('memory', mem.api));
    await store.start();
    expect(vi.mocked(mem.api.getHistory).mock.calls[0]![0].metric).toEqual([
      'check.up{shop}',
      'check.response_ms{shop}',
      'check.fail_streak{shop}',
      'mem.used_pct',
    ]);
    store.stop();
  });
});

describe('live stores per host', () => {
  it('keeps each host apart: the local store ignores another host and vice versa', async () => {
    const mem = createMemoryApi({ status: makeStatus({ hostId: 'local' }) });
    const stores = new LiveStores(alwaysConnected('memory', mem.api));
    const local = stores.local;
    const web02 = stores.get('web02');
    expect(stores.get('web02')).toBe(web02);
    await Promise.all([local.start(), web02.start()]);
    // The local store asks without a host (every agent's default); another names its host.
    expect(vi.mocked(mem.api.getStatus).mock.calls.map((c) => c[0])).toEqual([
      undefined,
      { host: 'web02' },
    ]);
    expect(vi.mocked(mem.api.getEvents).mock.calls.map((c) => c[0])).toEqual([
      { limit: 500 },
      { host: 'web02', limit: 500 },
    ]);

    mem.emit('status', makeStatus({ hostId: 'web02', health: 'critical' }));
    mem.emit('event', makeEvent('r1', 5, { host: 'web02' }));
    mem.emit('event', makeEvent('l1', 6, { host: 'local' }));
    expect(local.getState().status?.health).toBe('ok');
    expect(local.getState().events.map((e) => e.id)).toEqual(['l1']);
    expect(web02.getState().status?.health).toBe('critical');
    expect(web02.getState().events.map((e) => e.id)).toEqual(['r1']);
    expect(stores.hosts()).toEqual(['local', 'web02']);
    stores.remove('web02');
    expect(stores.hosts()).toEqual(['local']);
    stores.stop();
  });
});

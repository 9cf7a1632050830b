import { describe, expect, it, vi } from 'vitest';
import { alwaysConnected } from '../../renderer/api/transport';
import { LiveStore } from '../../renderer/state/live-store';
import { createMemoryApi, makeSnapshot, makeStatus } from './memory-api';

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
});

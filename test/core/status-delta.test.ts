/**
 * Status deltas: applying the delta of two statuses to the first gives the second exactly, a
 * tick that changes only current values sends only those values, and a delta applied to another
 * status than its base is refused.
 */
import { describe, expect, it } from 'vitest';
import type { Status } from '../../main/shared/contract';
import type { Snapshot, TopProcesses } from '../../main/shared/metrics';
import { applyStatusDelta, statusDelta } from '../../main/shared/status-delta';
import { makeStatus } from '../fixtures/status';

const procs = (n: number): TopProcesses => ({
  at: 1000 + n,
  byCpu: Array.from({ length: 5 }, (_, i) => ({
    pid: 100 + i + n,
    name: `worker-${i}`,
    command: `worker --id ${i}`,
    cpu: 10 - i,
    memBytes: 1e8,
    memPct: 1.2,
  })),
  byMemory: Array.from({ length: 5 }, (_, i) => ({
    pid: 200 + i + n,
    name: `db-${i}`,
    command: 'postgres',
    cpu: 1,
    memBytes: 5e8 - i,
    memPct: 6,
  })),
});

function snapshot(time: number, values: Record<string, number>, n = 0): Snapshot {
  const fresh = { status: 'ok' as const, updatedAt: time };
  return {
    time,
    mono: time - 1_000_000,
    values: values,
    families: {
      cpu: fresh,
      load: fresh,
      memory: fresh,
      disk: fresh,
      diskio: fresh,
      network: fresh,
      temperature: fresh,
      uptime: fresh,
      processes: fresh,
    },
    processes: procs(n),
  };
}

const at = (time: number, values: Record<string, number>, extra: Partial<Status> = {}, n = 0) =>
  makeStatus({ snapshot: snapshot(time, values, n), ...extra });

describe('status deltas', () => {
  it('round-trips: base + delta gives the next status exactly', () => {
    const a = at(1000, { 'cpu.total': 10, 'mem.used_pct': 40, 'disk.used_pct{/}': 61 });
    const b = at(
      2000,
      { 'cpu.total': 12, 'mem.used_pct': 40, 'net.rx_bps{eth0}': 5 },
      { health: 'warning', paused: true },
      1,
    );
    const delta = statusDelta(a, b, 7);
    expect(delta.base).toBe(7);
    expect(delta.seq).toBe(8);
    const applied = applyStatusDelta({ seq: 7, status: a }, delta);
    expect(applied?.seq).toBe(8);
    expect(applied?.status).toEqual(b);
    expect(delta.snapshot?.drop).toEqual(['disk.used_pct{/}']);
  });

  it('a tick that changes values only carries those values, not processes or host', () => {
    const a = at(1000, { 'cpu.total': 10, 'mem.used_pct': 40, 'load.1': 0.5 });
    const b = at(2000, { 'cpu.total': 11, 'mem.used_pct': 40, 'load.1': 0.5 });
    const delta = statusDelta(a, b, 1);
    expect(delta.set).toBeUndefined();
    expect(delta.snapshot).toEqual({
      set: { time: 2000, mono: 2000 - 1_000_000 },
      families: b.snapshot!.families,
      values: { 'cpu.total': 11 },
    });
    expect(JSON.stringify(delta).length * 2).toBeLessThan(JSON.stringify(b).length);
    expect(applyStatusDelta({ seq: 1, status: a }, delta)?.status).toEqual(b);
  });

  it('new top-process lists travel whole when they change', () => {
    const a = at(1000, { 'cpu.total': 10 }, {}, 0);
    const b = at(1000, { 'cpu.total': 10 }, {}, 3);
    const delta = statusDelta(a, b, 1);
    expect(delta.snapshot?.set).toEqual({ processes: b.snapshot!.processes });
    expect(applyStatusDelta({ seq: 1, status: a }, delta)?.status).toEqual(b);
  });

  it('a snapshot appearing or going away is set whole, and a field that is gone is unset', () => {
    const none = makeStatus({ snapshot: null });
    const some = at(1000, { 'cpu.total': 10 });
    const appear = statusDelta(none, some, 1);
    expect(appear.set).toEqual({ snapshot: some.snapshot });
    expect(applyStatusDelta({ seq: 1, status: none }, appear)?.status).toEqual(some);
    const gone = statusDelta(some, none, 2);
    expect(applyStatusDelta({ seq: 2, status: some }, gone)?.status).toEqual(none);
    const withExtra = { ...some, extra: 1 } as unknown as Status;
    const dropped = statusDelta(withExtra, some, 3);
    expect(dropped.unset).toEqual(['extra']);
    expect(applyStatusDelta({ seq: 3, status: withExtra }, dropped)?.status).toEqual(some);
  });

  it('an unchanged status gives an empty delta, and a delta for another base is refused', () => {
    const a = at(1000, { 'cpu.total': 10 });
    const delta = statusDelta(a, structuredClone(a), 4);
    expect(delta).toEqual({ seq: 5, base: 4 });
    expect(applyStatusDelta({ seq: 3, status: a }, delta)).toBeNull();
  });
});

/** Grouping edges mutation testing found unpinned: window changes, restore, batch ids. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUP_WINDOW_MS, Grouper, batchId } from '../../main/core/grouping';
import { fnv1a } from '../../main/core/policy';
import type { AlertMessage } from '../../main/core/ports';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

function msg(id: string, at = T0): AlertMessage {
  return {
    id,
    kind: 'firing',
    ruleId: 'cpu',
    series: 'cpu.total',
    metric: 'cpu.total',
    severity: 'warning',
    value: 90,
    threshold: 85,
    since: at,
    at,
  };
}

const ids = (batches: AlertMessage[][]): string[][] => batches.map((b) => b.map((m) => m.id));

describe('Grouper windows', () => {
  it('defaults to a 30 s window', () => {
    expect(DEFAULT_GROUP_WINDOW_MS).toBe(30_000);
    const g = new Grouper();
    g.add([msg('a')], T0);
    expect(g.nextDueAt()).toBe(T0 + 30_000);
    expect(g.due(T0 + 29_999)).toEqual([]);
    expect(ids(g.due(T0 + 30_000))).toEqual([['a']]);
  });

  it('a changed window keeps the open window’s start; a negative one is zero', () => {
    const g = new Grouper(30_000);
    g.add([msg('a')], T0);
    g.setWindow(10_000);
    expect(g.nextDueAt()).toBe(T0 + 10_000);
    g.setWindow(-5);
    expect(g.nextDueAt()).toBe(T0);
    expect(ids(g.due(T0))).toEqual([['a']]);
  });

  it('an empty add opens no window', () => {
    const g = new Grouper(1_000);
    g.add([], T0);
    expect(g.nextDueAt()).toBeNull();
    expect(g.due(T0 + 5_000)).toEqual([]);
  });

  it('a message id sent in one window may come again in the next', () => {
    const g = new Grouper(1_000);
    g.add([msg('a')], T0);
    expect(ids(g.due(T0 + 1_000))).toEqual([['a']]);
    g.add([msg('a')], T0 + 2_000);
    expect(g.nextDueAt()).toBe(T0 + 3_000);
    expect(ids(g.drain())).toEqual([['a']]);
  });
});

describe('Grouper serialize and restore', () => {
  it('restores the waiting messages and the window start', () => {
    const a = new Grouper(30_000);
    a.add([msg('a'), msg('b')], T0 + 5_000);
    const saved = a.serialize();
    expect(saved).toEqual({ pending: [msg('a'), msg('b')], openedAt: T0 + 5_000 });
    saved.pending.push(msg('c')); // a copy: the grouper's list is untouched
    expect(a.serialize().pending).toHaveLength(2);
    const b = new Grouper(30_000);
    b.add([msg('old')], T0);
    b.restore(a.serialize());
    expect(b.nextDueAt()).toBe(T0 + 35_000);
    b.add([msg('a')], T0 + 6_000); // already waiting: kept once
    expect(ids(b.due(T0 + 35_000))).toEqual([['a', 'b']]);
  });

  it('restoring nothing leaves it empty and forgets what waited before', () => {
    const g = new Grouper(30_000);
    g.add([msg('x')], T0);
    g.restore({ pending: [], openedAt: T0 });
    expect(g.nextDueAt()).toBeNull();
    expect(g.drain()).toEqual([]);
    g.add([msg('x')], T0 + 1);
    expect(g.nextDueAt()).toBe(T0 + 30_001);
  });
});

describe('batchId', () => {
  it('is the first id, a count of the others and a hash of all of them', () => {
    expect(batchId([msg('a'), msg('b'), msg('c')])).toBe(`a+2-${fnv1a('a,b,c')}`);
    expect(batchId([])).toBe(`empty+-1-${fnv1a('')}`);
  });
});

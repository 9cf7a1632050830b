import { describe, expect, it } from 'vitest';
import { Grouper, batchId } from '../../main/core/grouping';
import type { AlertMessage } from '../../main/core/ports';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

function msg(id: string, at: number, over: Partial<AlertMessage> = {}): AlertMessage {
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
    ...over,
  };
}

describe('Grouper', () => {
  it('the first message opens the window; everything inside it goes out as one batch', () => {
    const g = new Grouper(30_000);
    expect(g.nextDueAt()).toBeNull();
    g.add([msg('a', T0)], T0);
    expect(g.nextDueAt()).toBe(T0 + 30_000);
    g.add([msg('b', T0 + 10_000), msg('c', T0 + 29_000)], T0 + 29_000);
    expect(g.due(T0 + 29_999)).toEqual([]);
    const out = g.due(T0 + 30_000);
    expect(out.map((b) => b.map((m) => m.id))).toEqual([['a', 'b', 'c']]);
    expect(g.nextDueAt()).toBeNull();
    g.add([msg('d', T0 + 31_000)], T0 + 31_000);
    expect(g.nextDueAt()).toBe(T0 + 61_000);
  });

  it('a zero window sends at once; drain empties it; duplicates in a window are kept once', () => {
    const g = new Grouper(0);
    g.add([msg('a', T0), msg('a', T0)], T0);
    expect(g.due(T0).map((b) => b.length)).toEqual([1]);
    g.setWindow(60_000);
    g.add([msg('x', T0)], T0);
    expect(g.drain().map((b) => b.length)).toEqual([1]);
    expect(g.drain()).toEqual([]);
  });

  it('a flood of 200 breaches across 10 rules in 60 s becomes a handful of batches', () => {
    const g = new Grouper(30_000);
    const batches: AlertMessage[][] = [];
    for (let i = 0; i < 200; i++) {
      const now = T0 + i * 300; // 200 breaches over 60 s
      g.add([msg(`r${i % 10}-${i}`, now, { ruleId: `r${i % 10}` })], now);
      batches.push(...g.due(now));
    }
    batches.push(...g.due(T0 + 120_000));
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.length).toBeLessThanOrEqual(3);
    expect(batches.flat()).toHaveLength(200);
  });

  it('batch ids are deterministic from the message ids', () => {
    const a = [msg('a', T0), msg('b', T0)];
    expect(batchId(a)).toBe(batchId([msg('a', T0 + 5), msg('b', T0 + 9)]));
    expect(batchId(a)).not.toBe(batchId([msg('a', T0), msg('c', T0)]));
    expect(batchId([msg('solo', T0)])).toBe('solo');
  });
});

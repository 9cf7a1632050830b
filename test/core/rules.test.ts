import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../../main/core/rules';
import type { Transition } from '../../main/core/ports';
import { DEFAULT_RULES, type Rule } from '../../main/shared/settings';

const T0 = 1_700_000_000_000;

function rule(over: Partial<Rule> = {}): Rule {
  return {
    id: 'cpu',
    metric: 'cpu.total',
    enabled: true,
    warning: 80,
    critical: 90,
    clear: 70,
    forSeconds: 10,
    repeatMinutes: 0,
    ...over,
  };
}

/** A fake clock: every sample advances monotonic and wall time together by `step` ms. */
class Feed {
  mono = 0;
  time = T0;
  constructor(readonly engine: RuleEngine) {}

  tick(values: Record<string, number>, step = 1_000, wallStep = step): Transition[] {
    this.mono += step;
    this.time += wallStep;
    return this.engine.evaluate({ mono: this.mono, time: this.time, values });
  }

  /** Feeds `n` samples one second apart; returns all transitions. */
  run(n: number, values: Record<string, number>): Transition[] {
    const out: Transition[] = [];
    for (let i = 0; i < n; i++) out.push(...this.tick(values));
    return out;
  }
}

function setup(rules: Rule[] = [rule()], gapMs = 5_000): Feed {
  return new Feed(new RuleEngine(rules, { gapMs }));
}

const kinds = (ts: Transition[]): string[] => ts.map((t) => `${t.kind}:${t.severity}`);

describe('RuleEngine', () => {
  it('fires once for a breach sustained for forSeconds', () => {
    const f = setup();
    const first = f.tick({ 'cpu.total': 85 });
    expect(first).toEqual([]);
    expect(f.engine.states()).toMatchObject([
      { state: 'pending', severity: 'warning', since: T0 + 1_000 },
    ]);
    const before = f.run(9, { 'cpu.total': 85 }); // 9 s into the breach
    expect(before).toEqual([]);
    const fired = f.tick({ 'cpu.total': 85 }); // 10 s
    expect(fired).toEqual([
      {
        kind: 'firing',
        ruleId: 'cpu',
        series: 'cpu.total',
        metric: 'cpu.total',
        severity: 'warning',
        previous: null,
        value: 85,
        threshold: 80,
        since: T0 + 1_000,
        at: T0 + 11_000,
      },
    ]);
    expect(f.run(100, { 'cpu.total': 85 })).toEqual([]);
    expect(f.engine.states()).toMatchObject([
      { state: 'firing', severity: 'warning', value: 85, threshold: 80 },
    ]);
  });

  it('fires on the first breaching sample when forSeconds is 0', () => {
    const f = setup([rule({ forSeconds: 0 })]);
    expect(kinds(f.tick({ 'cpu.total': 95 }))).toEqual(['firing:critical']);
  });

  it('fires nothing for a single spike', () => {
    const f = setup();
    const out = [
      ...f.run(5, { 'cpu.total': 50 }),
      ...f.tick({ 'cpu.total': 99 }),
      ...f.run(30, { 'cpu.total': 50 }),
    ];
    expect(out).toEqual([]);
    expect(f.engine.states()).toEqual([]);
  });

  it('returns from pending to ok silently when the value drops below warning', () => {
    const f = setup();
    f.run(5, { 'cpu.total': 85 });
    expect(f.tick({ 'cpu.total': 79 })).toEqual([]);
    expect(f.engine.states()).toEqual([]);
    // The timer restarted: 9 more breaching seconds are not enough.
    expect(f.run(10, { 'cpu.total': 85 })).toEqual([]);
    expect(kinds(f.tick({ 'cpu.total': 85 }))).toEqual(['firing:warning']);
  });

  it('fires once and resolves once for a value oscillating around the threshold, only below clear', () => {
    const f = setup([rule({ forSeconds: 0 })]);
    const out: Transition[] = [];
    for (let i = 0; i < 50; i++) out.push(...f.tick({ 'cpu.total': i % 2 === 0 ? 81 : 72 }));
    expect(kinds(out)).toEqual(['firing:warning']);
    expect(f.tick({ 'cpu.total': 70 })).toEqual([]); // at the clear level is not below it
    const resolved = f.tick({ 'cpu.total': 69.9 });
    expect(resolved).toMatchObject([
      { kind: 'resolved', severity: 'warning', value: 69.9, threshold: 70 },
    ]);
    expect(f.engine.states()).toEqual([]);
  });

  it('never fires a sustained rule while the value keeps dipping below warning', () => {
    const f = setup();
    const out: Transition[] = [];
    for (let i = 0; i < 100; i++) out.push(...f.tick({ 'cpu.total': i % 5 === 4 ? 79 : 85 }));
    expect(out).toEqual([]);
  });

  it('uses the lowest threshold as the clear level when clear is null', () => {
    const f = setup([rule({ clear: null, forSeconds: 0 })]);
    f.tick({ 'cpu.total': 85 });
    expect(f.tick({ 'cpu.total': 80 })).toEqual([]);
    expect(f.tick({ 'cpu.total': 79 })).toMatchObject([{ kind: 'resolved', threshold: 80 }]);
  });

  it('escalates after critical is sustained and de-escalates below the band', () => {
    // warning 80, critical 90, clear 70: band 10, so de-escalation below max(80, 90 - 10) = 80.
    const f = setup([rule({ forSeconds: 5 })]);
    const out: Transition[] = [];
    out.push(...f.run(6, { 'cpu.total': 85 }));
    expect(kinds(out)).toEqual(['firing:warning']);
    const spike = [...f.tick({ 'cpu.total': 95 }), ...f.tick({ 'cpu.total': 85 })];
    expect(spike).toEqual([]); // a critical spike does not escalate
    const esc = f.run(6, { 'cpu.total': 95 });
    expect(esc).toMatchObject([
      { kind: 'escalated', severity: 'critical', previous: 'warning', threshold: 90 },
    ]);
    expect(f.run(5, { 'cpu.total': 82 })).toEqual([]); // below critical but inside the band
    expect(f.tick({ 'cpu.total': 79 })).toMatchObject([
      { kind: 'deescalated', severity: 'warning', previous: 'critical', threshold: 80, value: 79 },
    ]);
    expect(f.tick({ 'cpu.total': 60 })).toMatchObject([
      { kind: 'resolved', severity: 'warning', previous: 'warning', threshold: 70, value: 60 },
    ]);
  });

  it('de-escalates right below critical when the rule has no hysteresis band', () => {
    const f = setup([rule({ clear: null, forSeconds: 0 })]);
    expect(kinds(f.tick({ 'cpu.total': 95 }))).toEqual(['firing:critical']);
    expect(f.tick({ 'cpu.total': 90 })).toEqual([]);
    expect(kinds(f.tick({ 'cpu.total': 89 }))).toEqual(['deescalated:warning']);
    expect(kinds(f.tick({ 'cpu.total': 90 }))).toEqual(['escalated:critical']);
  });

  it('fires critical directly when critical is sustained from the start', () => {
    const f = setup();
    const out = f.run(11, { 'cpu.total': 97 });
    expect(out).toMatchObject([{ kind: 'firing', severity: 'critical', threshold: 90 }]);
  });

  it('fires warning then escalates when critical started later', () => {
    const f = setup();
    const out = [...f.run(5, { 'cpu.total': 85 }), ...f.run(20, { 'cpu.total': 95 })];
    expect(kinds(out)).toEqual(['firing:warning', 'escalated:critical']);
    expect(out[0]!.at).toBe(T0 + 11_000); // 10 s after the breach began
    expect(out[1]!.at).toBe(T0 + 16_000); // 10 s after critical began
    expect(out[1]!.since).toBe(out[0]!.since);
  });

  it('restarts the pending timer after a sampling gap instead of firing', () => {
    const f = setup();
    f.run(8, { 'cpu.total': 85 });
    expect(f.tick({ 'cpu.total': 85 }, 60_000)).toEqual([]); // the machine slept for a minute
    expect(f.engine.states()).toMatchObject([{ state: 'pending', since: f.time }]);
    expect(f.run(9, { 'cpu.total': 85 })).toEqual([]);
    expect(kinds(f.tick({ 'cpu.total': 85 }))).toEqual(['firing:warning']);
  });

  it('treats a wall-clock jump with a normal monotonic step as a gap', () => {
    const f = setup();
    f.run(8, { 'cpu.total': 85 });
    // Linux CLOCK_MONOTONIC stops during suspend: 1 s monotonic, 1 h of wall time.
    expect(f.tick({ 'cpu.total': 85 }, 1_000, 3_600_000)).toEqual([]);
    expect(f.run(5, { 'cpu.total': 85 })).toEqual([]);
  });

  it('treats suspend() as a gap', () => {
    const f = setup();
    f.run(9, { 'cpu.total': 85 });
    f.engine.suspend();
    expect(f.tick({ 'cpu.total': 85 })).toEqual([]);
    expect(f.run(9, { 'cpu.total': 85 })).toEqual([]);
    expect(kinds(f.tick({ 'cpu.total': 85 }))).toEqual(['firing:warning']);
  });

  it('keeps a firing alert firing across a gap', () => {
    const f = setup([rule({ forSeconds: 0 })]);
    f.tick({ 'cpu.total': 85 });
    expect(f.tick({ 'cpu.total': 85 }, 600_000)).toEqual([]);
    expect(f.engine.states()).toMatchObject([{ state: 'firing' }]);
  });

  it('never transitions on undefined values', () => {
    const f = setup();
    // Pending, then the series disappears for longer than forSeconds: nothing fires.
    f.run(3, { 'cpu.total': 85 });
    expect(f.run(30, {})).toEqual([]);
    expect(f.run(30, { 'cpu.total': Number.NaN })).toEqual([]);
    expect(f.engine.states()).toMatchObject([{ state: 'pending', value: null }]);
    // A defined breaching sample may then fire (the breach was seen before and after).
    expect(kinds(f.tick({ 'cpu.total': 85 }))).toEqual(['firing:warning']);
    // Firing, then undefined for an hour: no resolution, value null.
    expect(f.run(3_600, { 'mem.used_pct': 10 })).toEqual([]);
    expect(f.engine.states()).toMatchObject([{ state: 'firing', value: null }]);
    expect(kinds(f.tick({ 'cpu.total': 10 }))).toEqual(['resolved:warning']);
  });

  it('keeps a disk alert firing while its whole family is stale', () => {
    const f = setup([DEFAULT_RULES.find((r) => r.id === 'disk')!]);
    f.run(61, { 'disk.used_pct{/}': 97 });
    expect(f.engine.states()).toMatchObject([{ state: 'firing', severity: 'critical' }]);
    expect(f.run(600, { 'cpu.total': 5 })).toEqual([]);
  });

  it('fires a slow-cadence series that reports only every 30 s', () => {
    const f = setup([rule({ id: 'disk', metric: 'disk.used_pct', target: '*', forSeconds: 60 })]);
    const out: Transition[] = [];
    for (let s = 1; s <= 120; s++)
      out.push(...f.tick(s % 30 === 0 ? { 'disk.used_pct{/}': 85 } : {}));
    expect(kinds(out)).toEqual(['firing:warning']);
    expect(out[0]!.at).toBe(T0 + 90_000); // first seen at 30 s, held to 90 s
  });

  it("expands a '*' target per mount and a named target to one series", () => {
    const f = setup([
      rule({
        id: 'disk',
        metric: 'disk.used_pct',
        target: '*',
        warning: 85,
        critical: 95,
        clear: 82,
        forSeconds: 0,
      }),
      rule({
        id: 'home',
        metric: 'disk.used_pct',
        target: '/home',
        warning: 40,
        critical: null,
        clear: null,
        forSeconds: 0,
      }),
      rule({
        id: 'rx',
        metric: 'net.rx_bps',
        warning: 100,
        critical: null,
        clear: null,
        forSeconds: 0,
      }),
    ]);
    const out = f.tick({
      'disk.used_pct{/}': 96,
      'disk.used_pct{/home}': 50,
      'disk.used_pct{/data}': 90,
      'disk.used_bytes{/}': 1e12,
      'net.rx_bps{eth0}': 500,
      'net.rx_bps{eth1}': 5,
    });
    expect(out.map((t) => `${t.ruleId} ${t.series} ${t.severity}`).sort()).toEqual([
      'disk disk.used_pct{/data} warning',
      'disk disk.used_pct{/} critical',
      'home disk.used_pct{/home} warning',
      'rx net.rx_bps{eth0} warning',
    ]);
    expect(out.find((t) => t.series === 'disk.used_pct{/data}')).toMatchObject({
      metric: 'disk.used_pct',
      target: '/data',
    });
    expect(f.engine.thresholds()).toEqual({
      'disk.used_pct{/}': { warning: 85, critical: 95 },
      'disk.used_pct{/home}': { warning: 40, critical: 95 },
      'disk.used_pct{/data}': { warning: 85, critical: 95 },
      'net.rx_bps{eth0}': { warning: 100, critical: null },
      'net.rx_bps{eth1}': { warning: 100, critical: null },
    });
    // Only '/' drops below its clear level.
    const next = f.tick({
      'disk.used_pct{/}': 50,
      'disk.used_pct{/home}': 50,
      'disk.used_pct{/data}': 90,
    });
    expect(next.map((t) => `${t.kind} ${t.series}`)).toEqual(['resolved disk.used_pct{/}']);
  });

  it('lists states worst first', () => {
    const f = setup([
      rule({ id: 'a', forSeconds: 0, warning: 10, critical: 20, clear: 5 }),
      rule({ id: 'b', metric: 'mem.used_pct', forSeconds: 0, warning: 10, critical: 20, clear: 5 }),
      rule({
        id: 'c',
        metric: 'swap.used_pct',
        forSeconds: 60,
        warning: 10,
        critical: 20,
        clear: 5,
      }),
      rule({ id: 'd', metric: 'temp.cpu', forSeconds: 60, warning: 10, critical: 20, clear: 5 }),
    ]);
    f.tick({ 'cpu.total': 15, 'mem.used_pct': 25, 'swap.used_pct': 15, 'temp.cpu': 25 });
    expect(f.engine.states().map((s) => `${s.ruleId} ${s.state} ${s.severity}`)).toEqual([
      'b firing critical',
      'a firing warning',
      'd pending critical',
      'c pending warning',
    ]);
    expect(f.engine.states().every((s) => !s.snoozed)).toBe(true);
  });

  it('keeps firing alerts across serialize and restore; pending ones restart', () => {
    const rules = [
      rule({ forSeconds: 0 }),
      rule({ id: 'mem', metric: 'mem.used_pct', forSeconds: 30 }),
    ];
    const f = setup(rules);
    f.tick({ 'cpu.total': 95, 'mem.used_pct': 85 });
    const saved = JSON.parse(JSON.stringify(f.engine.serialize())) as unknown;

    const g = setup(rules);
    expect(g.engine.restore(saved)).toBe(1);
    expect(g.engine.states()).toMatchObject([
      { ruleId: 'cpu', state: 'firing', severity: 'critical', value: 95, since: T0 + 1_000 },
    ]);
    expect(g.tick({ 'cpu.total': 95, 'mem.used_pct': 85 })).toEqual([]); // no second FIRING
    expect(g.run(29, { 'cpu.total': 95, 'mem.used_pct': 85 })).toEqual([]); // mem restarted
    expect(
      g.tick({ 'cpu.total': 50, 'mem.used_pct': 85 }).map((t) => `${t.kind} ${t.ruleId}`),
    ).toEqual(['resolved cpu', 'firing mem']);
  });

  it('ignores garbage on restore', () => {
    const f = setup();
    for (const junk of [
      null,
      'x',
      42,
      {},
      { version: 2, firing: [] },
      { version: 1, firing: 'no' },
    ]) {
      expect(f.engine.restore(junk)).toBe(0);
    }
    const mixed = {
      version: 1,
      firing: [
        {
          ruleId: 'cpu',
          series: 'nope.metric',
          severity: 'warning',
          since: 1,
          value: 1,
          clear: 70,
        },
        { ruleId: 'cpu', series: 'cpu.total', severity: 'fatal', since: 1, value: 1, clear: 70 },
        'garbage',
        { ruleId: 'cpu', series: 'cpu.total', severity: 'warning', since: 5, value: 85, clear: 70 },
      ],
    };
    expect(f.engine.restore(mixed)).toBe(1);
    expect(f.engine.states()).toMatchObject([{ ruleId: 'cpu', state: 'firing', since: 5 }]);
  });

  it('resolves a restored alert whose rule is gone at the next evaluation', () => {
    const saved = {
      version: 1,
      firing: [
        {
          ruleId: 'old',
          series: 'cpu.total',
          severity: 'critical',
          since: 5,
          value: 99,
          clear: 70,
        },
      ],
    };
    const f = setup();
    expect(f.engine.restore(saved)).toBe(0);
    expect(f.tick({ 'cpu.total': 10 })).toMatchObject([
      {
        kind: 'resolved',
        ruleId: 'old',
        severity: 'critical',
        value: 99,
        threshold: 70,
        at: T0 + 1_000,
      },
    ]);
    expect(f.tick({ 'cpu.total': 10 })).toEqual([]);
  });

  it('keeps unchanged rules running across setRules', () => {
    const f = setup([rule()]);
    f.run(5, { 'cpu.total': 85 });
    f.engine.setRules([rule(), rule({ id: 'new', metric: 'mem.used_pct' })]);
    expect(f.run(5, { 'cpu.total': 85 })).toEqual([]); // 9 s into the breach
    expect(kinds(f.tick({ 'cpu.total': 85 }))).toEqual(['firing:warning']);
  });

  it('restarts pending on a changed rule but keeps firing until the new clear level', () => {
    const f = setup([rule({ forSeconds: 0 }), rule({ id: 'mem', metric: 'mem.used_pct' })]);
    f.tick({ 'cpu.total': 85, 'mem.used_pct': 85 });
    f.run(5, { 'cpu.total': 85, 'mem.used_pct': 85 });
    f.engine.setRules([
      rule({ forSeconds: 0, warning: 95, critical: null, clear: 60 }),
      rule({ id: 'mem', metric: 'mem.used_pct', warning: 81 }),
    ]);
    expect(f.engine.states().map((s) => `${s.ruleId} ${s.state}`)).toEqual(['cpu firing']);
    expect(f.run(10, { 'cpu.total': 65, 'mem.used_pct': 85 })).toEqual([]);
    const out = f.tick({ 'cpu.total': 59, 'mem.used_pct': 85 });
    expect(out.map((t) => `${t.kind} ${t.ruleId} ${t.threshold}`)).toEqual([
      'resolved cpu 60',
      'firing mem 81',
    ]);
  });

  it('de-escalates when a changed rule drops its critical level', () => {
    const f = setup([rule({ forSeconds: 0 })]);
    f.tick({ 'cpu.total': 95 });
    f.engine.setRules([rule({ forSeconds: 0, critical: null })]);
    expect(kinds(f.tick({ 'cpu.total': 95 }))).toEqual(['deescalated:warning']);
  });

  it('resolves a firing alert when its rule is disabled or removed, and then produces nothing', () => {
    const f = setup([
      rule({ forSeconds: 0 }),
      rule({ id: 'mem', metric: 'mem.used_pct', forSeconds: 0 }),
    ]);
    f.tick({ 'cpu.total': 95, 'mem.used_pct': 85 });
    f.engine.setRules([rule({ forSeconds: 0, enabled: false })]);
    expect(f.engine.states()).toEqual([]);
    const out = f.tick({ 'cpu.total': 95, 'mem.used_pct': 85 });
    expect(out.map((t) => `${t.kind} ${t.ruleId} ${t.severity} ${t.threshold}`)).toEqual([
      'resolved cpu critical 70',
      'resolved mem warning 70',
    ]);
    expect(f.run(10, { 'cpu.total': 95, 'mem.used_pct': 85 })).toEqual([]);
    expect(f.engine.thresholds()).toEqual({});
  });

  it('resolves on retargeting away from a firing series', () => {
    const disk = rule({ id: 'disk', metric: 'disk.used_pct', target: '*', forSeconds: 0 });
    const f = setup([disk]);
    f.tick({ 'disk.used_pct{/}': 85, 'disk.used_pct{/home}': 85 });
    f.engine.setRules([{ ...disk, target: '/' }]);
    expect(
      f
        .tick({ 'disk.used_pct{/}': 85, 'disk.used_pct{/home}': 85 })
        .map((t) => `${t.kind} ${t.series}`),
    ).toEqual(['resolved disk.used_pct{/home}']);
  });

  it('forgets a removed mount only when asked to', () => {
    const disk = rule({ id: 'disk', metric: 'disk.used_pct', target: '*', forSeconds: 0 });
    const f = new Feed(new RuleEngine([disk], { gapMs: 5_000, forgetAbsentAfterMs: 10_000 }));
    f.tick({ 'disk.used_pct{/}': 10, 'disk.used_pct{/media/usb}': 85 });
    expect(f.run(30, {})).toEqual([]); // the family is stale: not gone
    expect(f.run(10, { 'disk.used_pct{/}': 10 })).toEqual([]); // absent for 9 s
    expect(f.tick({ 'disk.used_pct{/}': 10 })).toMatchObject([
      { kind: 'resolved', series: 'disk.used_pct{/media/usb}', value: null, threshold: 70 },
    ]);
  });

  it('keeps states and thresholds current as values, series and rules change', () => {
    const disk = rule({ id: 'disk', metric: 'disk.used_pct', target: '*', forSeconds: 0 });
    const f = setup([disk]);
    f.tick({ 'disk.used_pct{/}': 50 });
    expect(f.engine.states()).toEqual([]);
    expect(f.engine.thresholds()).toEqual({ 'disk.used_pct{/}': { warning: 80, critical: 90 } });
    f.tick({ 'disk.used_pct{/}': 50, 'disk.used_pct{/data}': 85 });
    expect(f.engine.states()).toMatchObject([
      { series: 'disk.used_pct{/data}', state: 'firing', value: 85, threshold: 80 },
    ]);
    expect(f.engine.thresholds()).toEqual({
      'disk.used_pct{/}': { warning: 80, critical: 90 },
      'disk.used_pct{/data}': { warning: 80, critical: 90 },
    });
    f.tick({ 'disk.used_pct{/}': 50, 'disk.used_pct{/data}': 86 });
    expect(f.engine.states()).toMatchObject([{ value: 86 }]);
    f.engine.setRules([{ ...disk, warning: 75 }]);
    expect(f.engine.states()).toMatchObject([{ state: 'firing', threshold: 75 }]);
    expect(f.engine.thresholds()).toEqual({
      'disk.used_pct{/}': { warning: 75, critical: 90 },
      'disk.used_pct{/data}': { warning: 75, critical: 90 },
    });
  });

  it('applies the default rules to a realistic sample without throwing', () => {
    const f = setup(DEFAULT_RULES);
    const out = f.run(700, {
      'cpu.total': 12,
      'load.per_core': 0.3,
      'mem.used_pct': 98,
      'swap.used_pct': 0,
      'disk.used_pct{/}': 40,
      'temp.cpu': 55,
      'diskio.write_bps': 1e9,
    });
    expect(out.map((t) => `${t.kind} ${t.ruleId} ${t.severity}`)).toEqual([
      'firing memory critical',
    ]);
  });
});

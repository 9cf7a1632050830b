/**
 * Edges of the rule state machine that mutation testing found unpinned: values exactly at a
 * level, single-threshold rules, re-targeting, gaps, thresholds for charts, ordering, restore.
 */
import { describe, expect, it } from 'vitest';
import { RuleEngine, type RuleEngineOptions } from '../../main/core/rules';
import type { Transition } from '../../main/core/ports';
import type { Rule } from '../../main/shared/settings';

const T0 = 1_700_000_000_000;

function rule(over: Partial<Rule> = {}): Rule {
  return {
    id: 'cpu',
    metric: 'cpu.total',
    enabled: true,
    warning: 80,
    critical: 90,
    clear: 70,
    forSeconds: 0,
    repeatMinutes: 0,
    ...over,
  };
}

/** A manual clock: each tick advances monotonic and wall time by one second. */
class Feed {
  mono = 0;
  time = T0;
  readonly engine: RuleEngine;
  constructor(rules: Rule[], options: Partial<RuleEngineOptions> = {}) {
    this.engine = new RuleEngine(rules, { gapMs: 5_000, ...options });
  }
  tick(values: Record<string, number>, step = 1_000, wallStep = step): Transition[] {
    this.mono += step;
    this.time += wallStep;
    return this.engine.evaluate({ mono: this.mono, time: this.time, values });
  }
}

const kinds = (ts: Transition[]): string[] => ts.map((t) => `${t.kind}:${t.severity}`);

describe('levels are "at or above"', () => {
  it('a value exactly at warning fires warning; exactly at critical fires critical', () => {
    const f = new Feed([rule()]);
    expect(kinds(f.tick({ 'cpu.total': 79.99 }))).toEqual([]);
    expect(f.tick({ 'cpu.total': 80 })).toMatchObject([
      { kind: 'firing', severity: 'warning', value: 80, threshold: 80 },
    ]);
    expect(f.tick({ 'cpu.total': 90 })).toMatchObject([
      { kind: 'escalated', severity: 'critical', previous: 'warning', value: 90, threshold: 90 },
    ]);
    const g = new Feed([rule()]);
    expect(g.tick({ 'cpu.total': 90 })).toMatchObject([
      { kind: 'firing', severity: 'critical', threshold: 90 },
    ]);
  });

  it('stays firing exactly at the clear level and resolves just below it', () => {
    const f = new Feed([rule()]);
    f.tick({ 'cpu.total': 85 });
    expect(f.tick({ 'cpu.total': 70 })).toEqual([]);
    expect(f.engine.states()).toMatchObject([{ state: 'firing', value: 70 }]);
    expect(f.tick({ 'cpu.total': 69.9 })).toMatchObject([
      {
        kind: 'resolved',
        severity: 'warning',
        previous: 'warning',
        value: 69.9,
        threshold: 70,
        since: T0 + 1_000,
        at: T0 + 3_000,
      },
    ]);
    expect(f.engine.states()).toEqual([]);
  });

  it('waits exactly forSeconds: not one millisecond less', () => {
    const f = new Feed([rule({ forSeconds: 2 })]);
    expect(f.tick({ 'cpu.total': 85 })).toEqual([]);
    expect(f.tick({ 'cpu.total': 85 }, 1_999)).toEqual([]);
    expect(kinds(f.tick({ 'cpu.total': 85 }, 1))).toEqual(['firing:warning']);
  });

  it('escalates only after critical is held forSeconds, counted from its first sample', () => {
    const f = new Feed([rule({ forSeconds: 2 })]);
    f.tick({ 'cpu.total': 85 });
    f.tick({ 'cpu.total': 85 });
    expect(kinds(f.tick({ 'cpu.total': 85 }))).toEqual(['firing:warning']);
    expect(f.tick({ 'cpu.total': 95 })).toEqual([]);
    expect(f.tick({ 'cpu.total': 95 })).toEqual([]);
    expect(kinds(f.tick({ 'cpu.total': 95 }))).toEqual(['escalated:critical']);
    // A second escalation in the same episode after a de-escalation.
    expect(f.tick({ 'cpu.total': 80 })).toEqual([]);
    expect(f.tick({ 'cpu.total': 79 })).toMatchObject([
      { kind: 'deescalated', severity: 'warning', previous: 'critical', threshold: 80 },
    ]);
    f.tick({ 'cpu.total': 95 });
    f.tick({ 'cpu.total': 95 });
    expect(f.tick({ 'cpu.total': 95 })).toMatchObject([
      { kind: 'escalated', severity: 'critical', since: T0 + 1_000 },
    ]);
  });

  it('a dip below critical while firing warning restarts the escalation timer', () => {
    const f = new Feed([rule({ forSeconds: 2 })]);
    for (let i = 0; i < 3; i++) f.tick({ 'cpu.total': 85 });
    f.tick({ 'cpu.total': 95 });
    f.tick({ 'cpu.total': 85 });
    f.tick({ 'cpu.total': 95 });
    expect(f.tick({ 'cpu.total': 95 })).toEqual([]);
    expect(kinds(f.tick({ 'cpu.total': 95 }))).toEqual(['escalated:critical']);
  });

  it('pending reports the level breached now and its threshold', () => {
    const f = new Feed([rule({ forSeconds: 60 })]);
    f.tick({ 'cpu.total': 85 });
    expect(f.engine.states()).toMatchObject([
      { state: 'pending', severity: 'warning', threshold: 80, value: 85 },
    ]);
    f.tick({ 'cpu.total': 95 });
    expect(f.engine.states()).toMatchObject([
      { state: 'pending', severity: 'critical', threshold: 90, value: 95 },
    ]);
    f.tick({ 'cpu.total': 85 });
    expect(f.engine.states()).toMatchObject([{ state: 'pending', severity: 'warning' }]);
  });
});

describe('de-escalation level', () => {
  it('is critical minus the rule band (90 − (80 − 70) = 80 here: never below warning)', () => {
    const f = new Feed([rule({ warning: 60, critical: 90, clear: 50 })]);
    f.tick({ 'cpu.total': 95 });
    expect(f.tick({ 'cpu.total': 80 })).toEqual([]);
    expect(kinds(f.tick({ 'cpu.total': 79.9 }))).toEqual(['deescalated:warning']);
  });

  it('is warning when the band reaches below it', () => {
    const f = new Feed([rule({ warning: 80, critical: 85, clear: 60 })]);
    f.tick({ 'cpu.total': 95 });
    expect(f.tick({ 'cpu.total': 80 })).toEqual([]);
    expect(kinds(f.tick({ 'cpu.total': 79.9 }))).toEqual(['deescalated:warning']);
  });
});

describe('single-threshold rules with a null clear level', () => {
  it('warning only: fires and clears at the warning level, never critical', () => {
    const f = new Feed([rule({ warning: 80, critical: null, clear: null })]);
    expect(f.tick({ 'cpu.total': 80 })).toMatchObject([
      { kind: 'firing', severity: 'warning', threshold: 80 },
    ]);
    expect(f.tick({ 'cpu.total': 1_000 })).toEqual([]);
    expect(f.engine.states()).toMatchObject([{ severity: 'warning', threshold: 80 }]);
    expect(f.tick({ 'cpu.total': 80 })).toEqual([]);
    expect(f.tick({ 'cpu.total': 79 })).toMatchObject([{ kind: 'resolved', threshold: 80 }]);
    expect(f.engine.thresholds()).toEqual({ 'cpu.total': { warning: 80, critical: null } });
  });

  it('critical only: fires critical, has nothing to de-escalate to, clears at critical', () => {
    const f = new Feed([rule({ warning: null, critical: 90, clear: null, forSeconds: 2 })]);
    expect(f.tick({ 'cpu.total': 89 })).toEqual([]);
    expect(f.engine.states()).toEqual([]);
    f.tick({ 'cpu.total': 90 });
    f.tick({ 'cpu.total': 90 });
    expect(f.tick({ 'cpu.total': 90 })).toMatchObject([
      { kind: 'firing', severity: 'critical', threshold: 90 },
    ]);
    expect(f.tick({ 'cpu.total': 90 })).toEqual([]);
    expect(f.tick({ 'cpu.total': 89 })).toMatchObject([
      { kind: 'resolved', severity: 'critical', threshold: 90 },
    ]);
  });

  it('critical only, with a clear level: stays critical in the band, no de-escalation', () => {
    const f = new Feed([rule({ warning: null, critical: 90, clear: 50 })]);
    f.tick({ 'cpu.total': 95 });
    expect(f.tick({ 'cpu.total': 60 })).toEqual([]);
    expect(f.engine.states()).toMatchObject([{ state: 'firing', severity: 'critical' }]);
    expect(kinds(f.tick({ 'cpu.total': 49 }))).toEqual(['resolved:critical']);
  });

  it('warning only never escalates, however high the value', () => {
    const f = new Feed([rule({ warning: 80, critical: null, clear: 70, forSeconds: 0 })]);
    f.tick({ 'cpu.total': 85 });
    expect(f.tick({ 'cpu.total': 10_000 })).toEqual([]);
  });
});

describe('setRules', () => {
  it('resolves a firing alert when its rule is re-targeted to another metric under the same id', () => {
    const f = new Feed([rule()]);
    f.tick({ 'cpu.total': 95, 'mem.used_pct': 10 });
    f.engine.setRules([rule({ metric: 'mem.used_pct' })]);
    expect(f.tick({ 'cpu.total': 95, 'mem.used_pct': 10 })).toMatchObject([
      {
        kind: 'resolved',
        ruleId: 'cpu',
        series: 'cpu.total',
        metric: 'cpu.total',
        severity: 'critical',
        value: 95,
        threshold: 70,
      },
    ]);
    expect(f.engine.states()).toEqual([]);
    expect(kinds(f.tick({ 'cpu.total': 95, 'mem.used_pct': 95 }))).toEqual(['firing:critical']);
    expect(f.engine.states()).toMatchObject([{ series: 'mem.used_pct' }]);
  });

  it('drops a pending instance silently when its rule moves to another metric', () => {
    const f = new Feed([rule({ forSeconds: 60 })]);
    f.tick({ 'cpu.total': 95 });
    f.engine.setRules([rule({ forSeconds: 60, metric: 'mem.used_pct' })]);
    expect(f.tick({ 'cpu.total': 95 })).toEqual([]);
    expect(f.engine.states()).toEqual([]);
  });

  it('a changed threshold restarts the escalation timer of a firing warning', () => {
    const f = new Feed([rule({ forSeconds: 2 })]);
    for (let i = 0; i < 3; i++) f.tick({ 'cpu.total': 85 });
    f.tick({ 'cpu.total': 95 });
    f.engine.setRules([rule({ forSeconds: 2, critical: 91 })]);
    expect(f.tick({ 'cpu.total': 95 })).toEqual([]);
    expect(f.tick({ 'cpu.total': 95 })).toEqual([]);
    expect(kinds(f.tick({ 'cpu.total': 95 }))).toEqual(['escalated:critical']);
  });

  it('an unchanged rule keeps the escalation timer of a firing warning', () => {
    const f = new Feed([rule({ forSeconds: 2 })]);
    for (let i = 0; i < 3; i++) f.tick({ 'cpu.total': 85 });
    f.tick({ 'cpu.total': 95 });
    f.tick({ 'cpu.total': 95 });
    f.engine.setRules([rule({ forSeconds: 2, repeatMinutes: 30 })]);
    expect(kinds(f.tick({ 'cpu.total': 95 }))).toEqual(['escalated:critical']);
  });

  for (const [name, change] of [
    ['warning', { warning: 81 }],
    ['critical', { critical: 91 }],
    ['clear', { clear: 71 }],
    ['forSeconds', { forSeconds: 61 }],
  ] as const) {
    it(`a changed ${name} restarts pending; the same rule keeps it`, () => {
      const f = new Feed([rule({ forSeconds: 60 })]);
      f.tick({ 'cpu.total': 95 });
      const since = f.engine.states()[0]!.since;
      f.engine.setRules([rule({ forSeconds: 60 })]);
      f.tick({ 'cpu.total': 95 });
      expect(f.engine.states()[0]!.since).toBe(since);
      f.engine.setRules([rule({ forSeconds: 60, ...change })]);
      f.tick({ 'cpu.total': 95 });
      expect(f.engine.states()[0]!.since).toBe(f.time);
    });
  }

  it('a disabled rule evaluates nothing and shows no thresholds', () => {
    const f = new Feed([rule({ enabled: false })]);
    expect(f.tick({ 'cpu.total': 99 })).toEqual([]);
    expect(f.engine.states()).toEqual([]);
    expect(f.engine.thresholds()).toEqual({});
  });
});

describe('gaps', () => {
  it('a monotonic step of exactly gapMs is no gap; one ms more is', () => {
    const f = new Feed([rule({ forSeconds: 5 })]);
    f.tick({ 'cpu.total': 85 });
    expect(kinds(f.tick({ 'cpu.total': 85 }, 5_000))).toEqual(['firing:warning']);
    const g = new Feed([rule({ forSeconds: 5 })]);
    g.tick({ 'cpu.total': 85 });
    expect(g.tick({ 'cpu.total': 85 }, 5_001)).toEqual([]);
    expect(g.engine.states()).toMatchObject([{ state: 'pending', since: g.time }]);
  });

  it('a monotonic clock going backwards is a gap', () => {
    const f = new Feed([rule({ forSeconds: 2 })]);
    f.tick({ 'cpu.total': 85 });
    f.tick({ 'cpu.total': 85 });
    f.mono -= 3_000;
    expect(f.tick({ 'cpu.total': 85 }, 1_000)).toEqual([]);
    expect(f.engine.states()).toMatchObject([{ state: 'pending', since: f.time }]);
  });

  it('a wall step differing from the monotonic step by exactly gapMs is no gap', () => {
    const f = new Feed([rule({ forSeconds: 2 })]);
    f.tick({ 'cpu.total': 85 });
    f.tick({ 'cpu.total': 85 }, 1_000, 6_000);
    expect(kinds(f.tick({ 'cpu.total': 85 }))).toEqual(['firing:warning']);
    const g = new Feed([rule({ forSeconds: 2 })]);
    g.tick({ 'cpu.total': 85 });
    g.tick({ 'cpu.total': 85 }, 1_000, -4_001);
    expect(g.tick({ 'cpu.total': 85 })).toEqual([]);
  });

  it('setGapMs changes what counts as a gap', () => {
    const f = new Feed([rule({ forSeconds: 20 })]);
    f.engine.setGapMs(30_000);
    f.tick({ 'cpu.total': 85 });
    expect(kinds(f.tick({ 'cpu.total': 85 }, 20_000))).toEqual(['firing:warning']);
  });

  it('a gap restarts the escalation timer of a firing warning', () => {
    const f = new Feed([rule({ forSeconds: 2 })]);
    for (let i = 0; i < 3; i++) f.tick({ 'cpu.total': 85 });
    f.tick({ 'cpu.total': 95 });
    f.engine.suspend();
    f.tick({ 'cpu.total': 95 });
    expect(f.tick({ 'cpu.total': 95 })).toEqual([]);
    expect(kinds(f.tick({ 'cpu.total': 95 }))).toEqual(['escalated:critical']);
    // suspend() marks only the next sample.
    expect(f.tick({ 'cpu.total': 95 })).toEqual([]);
  });
});

describe('values and series', () => {
  it('ignores NaN and Infinity like absent values', () => {
    const f = new Feed([rule({ forSeconds: 2 })]);
    f.tick({ 'cpu.total': 85 });
    f.tick({ 'cpu.total': Number.NaN });
    expect(f.engine.states()).toMatchObject([{ state: 'pending', value: null }]);
    f.tick({ 'cpu.total': Number.POSITIVE_INFINITY });
    expect(kinds(f.tick({ 'cpu.total': 85 }))).toEqual(['firing:warning']);
  });

  it('a series key that does not parse is ignored', () => {
    const f = new Feed([rule()]);
    expect(f.tick({ 'cpu.total': 1, 'bogus.metric': 99 })).toEqual([]);
    expect(f.engine.thresholds()).toEqual({ 'cpu.total': { warning: 80, critical: 90 } });
  });

  it('an untargeted rule ignores targeted keys of its metric', () => {
    const f = new Feed([rule({ metric: 'cpu.core', target: undefined })]);
    // cpu.core is targeted: a '*' target is implied when none is given.
    expect(kinds(f.tick({ 'cpu.core{0}': 95, 'cpu.core{1}': 10 }))).toEqual(['firing:critical']);
    expect(f.engine.states()).toMatchObject([{ series: 'cpu.core{0}', target: '0' }]);
  });

  it('a named target does not match another target of the metric', () => {
    const f = new Feed([rule({ id: 'disk', metric: 'disk.used_pct', target: '/data' })]);
    expect(f.tick({ 'disk.used_pct{/}': 99, 'disk.used_pct{/data}': 1 })).toEqual([]);
    expect(f.engine.thresholds()).toEqual({
      'disk.used_pct{/data}': { warning: 80, critical: 90 },
    });
  });

  it('thresholds follow the seen series of a wildcard rule while check series come and go', () => {
    const f = new Feed([
      rule({ id: 'disk', metric: 'disk.used_pct', target: '*' }),
      rule({
        id: 'c.slow',
        metric: 'check.response_ms',
        target: 'c',
        warning: 500,
        critical: null,
        clear: 400,
      }),
    ]);
    const levels = { warning: 80, critical: 90 };
    const slow = { 'check.response_ms{c}': { warning: 500, critical: null } };
    f.tick({ 'disk.used_pct{/}': 10 });
    expect(f.engine.thresholds()).toEqual({ 'disk.used_pct{/}': levels, ...slow });
    // A check run adds its series for one tick: the thresholds stay the same.
    f.tick({ 'disk.used_pct{/}': 10, 'check.response_ms{c}': 20, 'check.up{c}': 1 });
    expect(f.engine.thresholds()).toEqual({ 'disk.used_pct{/}': levels, ...slow });
    // A new disk is a new series of the wildcard rule: it gets the rule's levels.
    f.tick({ 'disk.used_pct{/}': 10, 'disk.used_pct{/mnt}': 10 });
    expect(f.engine.thresholds()).toEqual({
      'disk.used_pct{/}': levels,
      'disk.used_pct{/mnt}': levels,
      ...slow,
    });
    f.tick({ 'disk.used_pct{/mnt}': 10, 'check.up{c}': 0 });
    expect(f.engine.thresholds()).toEqual({ 'disk.used_pct{/mnt}': levels, ...slow });
  });

  it('forgets an absent series exactly forgetAbsentAfterMs after it went missing', () => {
    const f = new Feed([rule({ id: 'disk', metric: 'disk.used_pct', target: '*' })], {
      forgetAbsentAfterMs: 3_000,
    });
    f.tick({ 'disk.used_pct{/}': 10, 'disk.used_pct{/mnt}': 95 });
    f.tick({ 'disk.used_pct{/}': 10 }); // absent since here
    f.tick({ 'disk.used_pct{/}': 10 });
    f.tick({ 'disk.used_pct{/}': 10 });
    expect(f.engine.states()).toMatchObject([{ series: 'disk.used_pct{/mnt}', value: null }]);
    expect(f.tick({ 'disk.used_pct{/}': 10 })).toMatchObject([
      { kind: 'resolved', series: 'disk.used_pct{/mnt}', value: null, threshold: 70 },
    ]);
    expect(f.engine.states()).toEqual([]);
  });

  it('a series that comes back resets its absence clock', () => {
    const f = new Feed([rule({ id: 'disk', metric: 'disk.used_pct', target: '*' })], {
      forgetAbsentAfterMs: 2_000,
    });
    f.tick({ 'disk.used_pct{/}': 10, 'disk.used_pct{/mnt}': 95 });
    f.tick({ 'disk.used_pct{/}': 10 });
    f.tick({ 'disk.used_pct{/}': 10, 'disk.used_pct{/mnt}': 95 });
    f.tick({ 'disk.used_pct{/}': 10 });
    expect(f.tick({ 'disk.used_pct{/}': 10 })).toEqual([]);
    expect(kinds(f.tick({ 'disk.used_pct{/}': 10 }))).toEqual(['resolved:critical']);
  });

  it('forgets a pending absent series without a message', () => {
    const f = new Feed([rule({ id: 'disk', metric: 'disk.used_pct', forSeconds: 60 })], {
      forgetAbsentAfterMs: 1_000,
    });
    f.tick({ 'disk.used_pct{/}': 10, 'disk.used_pct{/mnt}': 95 });
    expect(f.tick({ 'disk.used_pct{/}': 10 })).toEqual([]);
    expect(f.engine.states()).toMatchObject([{ state: 'pending', value: null }]);
    expect(f.tick({ 'disk.used_pct{/}': 10 })).toEqual([]);
    expect(f.engine.states()).toEqual([]);
  });
});

describe('thresholds for charts', () => {
  it('takes the lowest level of every rule on a series, null where none has one', () => {
    const f = new Feed([
      rule({ id: 'a', warning: 80, critical: null, clear: null }),
      rule({ id: 'b', warning: 85, critical: 95, clear: 70 }),
      rule({ id: 'c', warning: 75, critical: 99, clear: 70 }),
    ]);
    expect(f.engine.thresholds()).toEqual({ 'cpu.total': { warning: 75, critical: 95 } });
  });

  it('lists a named target before it is seen and every seen series of a * rule', () => {
    const f = new Feed([
      rule({ id: 'root', metric: 'disk.used_pct', target: '/', warning: 85 }),
      rule({ id: 'all', metric: 'disk.used_pct', target: '*', warning: 90, critical: 95 }),
    ]);
    expect(f.engine.thresholds()).toEqual({ 'disk.used_pct{/}': { warning: 85, critical: 90 } });
    f.tick({ 'disk.used_pct{/}': 1, 'disk.used_pct{/home}': 1 });
    expect(f.engine.thresholds()).toEqual({
      'disk.used_pct{/}': { warning: 85, critical: 90 },
      'disk.used_pct{/home}': { warning: 90, critical: 95 },
    });
    f.tick({ 'disk.used_pct{/}': 1 });
    expect(Object.keys(f.engine.thresholds())).toEqual(['disk.used_pct{/}']);
  });
});

describe('states order', () => {
  it('firing critical, firing warning, pending critical, pending warning; then oldest, rule, series', () => {
    const f = new Feed([
      rule({ id: 'b-fw', metric: 'mem.used_pct' }),
      rule({ id: 'a-pw', metric: 'swap.used_pct', forSeconds: 60 }),
      rule({ id: 'c-pc', metric: 'load.1', forSeconds: 60 }),
      rule({ id: 'd-fc', metric: 'cpu.total' }),
      rule({ id: 'disk', metric: 'disk.used_pct', target: '*' }),
    ]);
    f.tick({
      'mem.used_pct': 85,
      'swap.used_pct': 85,
      'load.1': 95,
      'cpu.total': 95,
      'disk.used_pct{/b}': 85,
      'disk.used_pct{/a}': 85,
    });
    expect(f.engine.states().map((s) => `${s.ruleId}/${s.series}/${s.state}`)).toEqual([
      'd-fc/cpu.total/firing',
      'b-fw/mem.used_pct/firing',
      'disk/disk.used_pct{/a}/firing',
      'disk/disk.used_pct{/b}/firing',
      'c-pc/load.1/pending',
      'a-pw/swap.used_pct/pending',
    ]);
  });

  it('orders older breaches first within a rank', () => {
    const f = new Feed([rule({ id: 'z' }), rule({ id: 'a', metric: 'mem.used_pct' })]);
    f.tick({ 'cpu.total': 85 });
    f.tick({ 'cpu.total': 85, 'mem.used_pct': 85 });
    expect(f.engine.states().map((s) => s.ruleId)).toEqual(['z', 'a']);
  });
});

describe('serialize and restore', () => {
  it('saves each firing alert with its clear level, not pending ones', () => {
    const f = new Feed([rule(), rule({ id: 'mem', metric: 'mem.used_pct', forSeconds: 60 })]);
    f.tick({ 'cpu.total': 95, 'mem.used_pct': 95 });
    expect(f.engine.serialize()).toEqual({
      version: 1,
      firing: [
        {
          ruleId: 'cpu',
          series: 'cpu.total',
          severity: 'critical',
          since: T0 + 1_000,
          value: 95,
          clear: 70,
        },
      ],
    });
  });

  it('a restored alert resolves under its rule and counts as restored', () => {
    const a = new Feed([rule()]);
    a.tick({ 'cpu.total': 95 });
    const saved = JSON.parse(JSON.stringify(a.engine.serialize())) as unknown;
    const b = new Feed([rule()]);
    expect(b.engine.restore(saved)).toBe(1);
    expect(b.engine.restore(saved)).toBe(0); // already firing: not restored twice
    expect(b.engine.states()).toMatchObject([
      { state: 'firing', severity: 'critical', since: T0 + 1_000, value: 95, threshold: 90 },
    ]);
    expect(b.tick({ 'cpu.total': 75 })).toMatchObject([
      { kind: 'deescalated', severity: 'warning' },
    ]);
    expect(b.tick({ 'cpu.total': 10 })).toMatchObject([
      { kind: 'resolved', since: T0 + 1_000, threshold: 70 },
    ]);
  });

  it('a restored alert whose rule now targets another metric resolves with its saved clear', () => {
    const saved = {
      version: 1,
      firing: [
        {
          ruleId: 'cpu',
          series: 'cpu.total',
          severity: 'warning',
          since: T0,
          value: 88,
          clear: 61,
        },
        { ruleId: 'cpu', series: 'nope{', severity: 'warning', since: T0, value: 88, clear: 61 },
      ],
    };
    const f = new Feed([rule({ metric: 'mem.used_pct' })]);
    expect(f.engine.restore(saved)).toBe(0);
    expect(f.tick({})).toMatchObject([
      { kind: 'resolved', ruleId: 'cpu', value: 88, threshold: 61, since: T0 },
    ]);
    expect(f.tick({})).toEqual([]);
  });

  it('a restored alert of a disabled rule resolves at the next evaluation', () => {
    const saved = {
      version: 1,
      firing: [
        {
          ruleId: 'cpu',
          series: 'cpu.total',
          severity: 'warning',
          since: T0,
          value: 88,
          clear: 61,
        },
      ],
    };
    const f = new Feed([rule({ enabled: false })]);
    expect(f.engine.restore(saved)).toBe(0);
    expect(kinds(f.tick({ 'cpu.total': 99 }))).toEqual(['resolved:warning']);
  });
});

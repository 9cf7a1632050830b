import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../../main/core/rules';
import type { Transition } from '../../main/core/ports';
import { ruleSchema, toFieldErrors, type Rule } from '../../main/shared/settings';

const T0 = 1_700_000_000_000;
// A stand-in series for "certificate days left" (that metric belongs to another package): the
// engine does not care what the numbers mean, only which side of the thresholds they are on.
const KEY = 'mem.available_bytes';

/** Issue 9's certificate rule: warning at or below 21 days, critical at or below 7, clear above 30. */
function below(over: Partial<Rule> = {}): Rule {
  return {
    id: 'cert',
    metric: KEY,
    direction: 'below',
    enabled: true,
    warning: 21,
    critical: 7,
    clear: 30,
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

  tick(value: number | undefined, step = 1_000): Transition[] {
    this.mono += step;
    this.time += step;
    const values: Record<string, number> = value === undefined ? {} : { [KEY]: value };
    return this.engine.evaluate({ mono: this.mono, time: this.time, values });
  }

  run(n: number, value: number | undefined): Transition[] {
    const out: Transition[] = [];
    for (let i = 0; i < n; i++) out.push(...this.tick(value));
    return out;
  }
}

function setup(rules: Rule[] = [below()]): Feed {
  return new Feed(new RuleEngine(rules, { gapMs: 5_000 }));
}

const kinds = (ts: Transition[]): string[] => ts.map((t) => `${t.kind}:${t.severity}`);

/** Drives a fresh engine into firing warning at 20 days left. */
function firingWarning(over: Partial<Rule> = {}): Feed {
  const f = setup([below(over)]);
  expect(kinds(f.run(11, 20))).toEqual(['firing:warning']);
  return f;
}

describe('below rules: ok → pending → firing', () => {
  it('fires warning for a value exactly at the warning level held forSeconds', () => {
    const f = setup();
    expect(f.tick(21)).toEqual([]);
    expect(f.engine.states()).toMatchObject([{ state: 'pending', severity: 'warning' }]);
    expect(f.run(9, 21)).toEqual([]);
    expect(f.tick(21)).toEqual([
      {
        kind: 'firing',
        ruleId: 'cert',
        series: KEY,
        metric: KEY,
        severity: 'warning',
        previous: null,
        value: 21,
        threshold: 21,
        since: T0 + 1_000,
        at: T0 + 11_000,
      },
    ]);
  });

  it('never leaves ok for a value just above the warning level', () => {
    const f = setup();
    expect(f.run(60, 21.5)).toEqual([]);
    expect(f.engine.states()).toEqual([]);
  });

  it('drops pending silently when the value rises above warning before forSeconds', () => {
    const f = setup();
    expect(f.run(5, 15)).toEqual([]);
    expect(f.tick(22)).toEqual([]);
    expect(f.engine.states()).toEqual([]);
    // The timer starts again from the next breach, not from the first one.
    expect(f.run(10, 15)).toEqual([]);
    expect(kinds(f.tick(15))).toEqual(['firing:warning']);
  });

  it('fires critical directly when critical (exactly 7) is held forSeconds', () => {
    const f = setup();
    const out = f.run(11, 7);
    expect(kinds(out)).toEqual(['firing:critical']);
    expect(out[0]).toMatchObject({ value: 7, threshold: 7 });
  });

  it('fires warning, not critical, for a value just above critical', () => {
    const f = setup();
    expect(kinds(f.run(30, 7.5))).toEqual(['firing:warning']);
  });

  it('fires on the first breaching sample when forSeconds is 0', () => {
    const f = setup([below({ forSeconds: 0 })]);
    expect(kinds(f.tick(3))).toEqual(['firing:critical']);
  });
});

describe('below rules: clear level (hysteresis)', () => {
  it('stays firing between warning and clear, and at exactly the clear level', () => {
    const f = firingWarning();
    expect(f.run(30, 25)).toEqual([]);
    expect(f.run(30, 30)).toEqual([]);
    expect(f.engine.states()).toMatchObject([{ state: 'firing', value: 30 }]);
  });

  it('resolves as soon as the value rises above the clear level', () => {
    const f = firingWarning();
    const out = f.tick(30.5);
    expect(out).toMatchObject([
      { kind: 'resolved', severity: 'warning', value: 30.5, threshold: 30 },
    ]);
    expect(f.engine.states()).toEqual([]);
  });

  it('resolves from critical straight to ok when the value jumps above clear', () => {
    const f = setup();
    expect(kinds(f.run(11, 2))).toEqual(['firing:critical']);
    expect(f.tick(90)).toMatchObject([{ kind: 'resolved', severity: 'critical', threshold: 30 }]);
  });

  it('clears at the highest threshold when clear is null', () => {
    const f = firingWarning({ clear: null });
    expect(f.run(5, 21)).toEqual([]); // at the warning level: still breaching
    expect(f.tick(21.5)).toMatchObject([{ kind: 'resolved', threshold: 21 }]);
  });
});

describe('below rules: escalation and de-escalation', () => {
  it('escalates when critical is held forSeconds and not before', () => {
    const f = firingWarning();
    expect(f.run(10, 7)).toEqual([]);
    expect(f.tick(7)).toMatchObject([
      { kind: 'escalated', severity: 'critical', previous: 'warning', value: 7, threshold: 7 },
    ]);
  });

  it('restarts the escalation timer when the value leaves critical', () => {
    const f = firingWarning();
    expect(f.run(8, 5)).toEqual([]);
    expect(f.tick(12)).toEqual([]);
    expect(f.run(10, 5)).toEqual([]);
    expect(kinds(f.tick(5))).toEqual(['escalated:critical']);
  });

  it('de-escalates above critical + the rule band (7 + 9 = 16), not at it', () => {
    const f = setup();
    expect(kinds(f.run(11, 4))).toEqual(['firing:critical']);
    expect(f.run(5, 10)).toEqual([]); // above critical but inside its hysteresis band
    expect(f.run(5, 16)).toEqual([]);
    expect(f.tick(16.5)).toMatchObject([
      { kind: 'deescalated', severity: 'warning', previous: 'critical', threshold: 21 },
    ]);
  });

  it('never de-escalates past warning when the band is wide', () => {
    // band 60 − 21 = 39: critical + band = 46 is above warning, so the level is warning (21).
    const f = setup([below({ clear: 60 })]);
    expect(kinds(f.run(11, 4))).toEqual(['firing:critical']);
    expect(f.run(5, 21)).toEqual([]);
    expect(kinds(f.tick(22))).toEqual(['deescalated:warning']);
  });
});

describe('below rules: undefined values and gaps', () => {
  it('keeps the pending timer through undefined values; only a defined breach fires', () => {
    const f = setup();
    expect(f.tick(20)).toEqual([]);
    expect(f.run(20, undefined)).toEqual([]);
    expect(f.tick(Number.NaN)).toEqual([]);
    expect(kinds(f.tick(20))).toEqual(['firing:warning']);
  });

  it('keeps firing with value null while the series is absent', () => {
    const f = firingWarning();
    expect(f.run(30, undefined)).toEqual([]);
    expect(f.engine.states()).toMatchObject([{ state: 'firing', value: null }]);
    expect(kinds(f.tick(50))).toEqual(['resolved:warning']);
  });

  it('restarts the pending timer after a sampling gap instead of firing', () => {
    const f = setup();
    expect(f.run(8, 15)).toEqual([]);
    expect(f.tick(15, 60_000)).toEqual([]); // a minute without samples
    expect(f.run(9, 15)).toEqual([]);
    expect(kinds(f.tick(15))).toEqual(['firing:warning']);
  });

  it('restarts the escalation timer after a gap but keeps firing', () => {
    const f = firingWarning();
    expect(f.run(8, 3)).toEqual([]);
    expect(f.tick(3, 60_000)).toEqual([]);
    expect(f.engine.states()).toMatchObject([{ state: 'firing', severity: 'warning' }]);
    expect(f.run(9, 3)).toEqual([]);
    expect(kinds(f.tick(3))).toEqual(['escalated:critical']);
  });
});

describe('below rules: a single threshold with null clear ("up: critical when 0")', () => {
  const up = below({ id: 'up', warning: null, critical: 0, clear: null, forSeconds: 0 });

  it('fires critical at exactly 0, stays at 0 and resolves at 1', () => {
    const f = setup([up]);
    expect(f.run(3, 1)).toEqual([]);
    expect(f.tick(0)).toMatchObject([
      { kind: 'firing', severity: 'critical', value: 0, threshold: 0 },
    ]);
    expect(f.run(10, 0)).toEqual([]);
    expect(f.tick(1)).toMatchObject([{ kind: 'resolved', severity: 'critical', threshold: 0 }]);
  });

  it('has no warning to de-escalate to', () => {
    const f = setup([up]);
    expect(kinds(f.tick(0))).toEqual(['firing:critical']);
    expect(f.engine.states()).toMatchObject([{ severity: 'critical' }]);
    expect(kinds(f.tick(0.5))).toEqual(['resolved:critical']);
  });

  it('waits forSeconds on the critical level alone', () => {
    const f = setup([{ ...up, forSeconds: 5 }]);
    expect(f.run(5, 0)).toEqual([]);
    expect(kinds(f.tick(0))).toEqual(['firing:critical']);
  });
});

describe('direction and existing rules', () => {
  it('treats a rule without direction as an above rule', () => {
    const { direction: _d, ...plain } = below({ warning: 80, critical: 90, clear: 70 });
    const series = [...Array<number>(11).fill(85), 95, 20, 10];
    const out = (r: Rule): string[] => {
      const f = setup([r]);
      return kinds(series.flatMap((v) => f.tick(v)));
    };
    expect(out(plain)).toEqual(['firing:warning', 'resolved:warning']);
    expect(out({ ...plain, direction: 'above' })).toEqual(['firing:warning', 'resolved:warning']);
  });

  it('drops pending when setRules flips the direction', () => {
    const f = setup();
    expect(f.run(8, 15)).toEqual([]);
    f.engine.setRules([below({ direction: 'above', warning: 10, critical: 20, clear: 5 })]);
    expect(f.run(10, 15)).toEqual([]); // kept, the old timer would have fired at the 3rd sample
    expect(kinds(f.tick(15))).toEqual(['firing:warning']);
  });
});

describe('rule schema: direction', () => {
  const base = { id: 'x', metric: KEY, enabled: true, forSeconds: 0, repeatMinutes: 0 };

  it('defaults to above, so files written before directions need no migration', () => {
    const parsed = ruleSchema.parse({ ...base, warning: 80, critical: 90, clear: 70 });
    expect(parsed.direction).toBe('above');
  });

  it('accepts a below rule with critical ≤ warning ≤ clear', () => {
    const parsed = ruleSchema.parse({
      ...base,
      direction: 'below',
      warning: 21,
      critical: 7,
      clear: 30,
    });
    expect(parsed).toMatchObject({ direction: 'below', warning: 21, critical: 7, clear: 30 });
  });

  it('refuses a below rule whose critical is above its warning, in words', () => {
    const r = ruleSchema.safeParse({
      ...base,
      direction: 'below',
      warning: 7,
      critical: 21,
      clear: 30,
    });
    expect(r.success).toBe(false);
    expect(toFieldErrors(r.error!)).toEqual([
      { path: 'critical', message: 'For a "below" rule, critical must be at or below warning' },
    ]);
  });

  it('refuses a below rule whose clear level is under its highest level', () => {
    const r = ruleSchema.safeParse({
      ...base,
      direction: 'below',
      warning: 21,
      critical: 7,
      clear: 14,
    });
    expect(toFieldErrors(r.error!)).toEqual([
      {
        path: 'clear',
        message: 'For a "below" rule, the clear level must be at or above the highest alert level',
      },
    ]);
  });

  it('accepts a single-threshold below rule with null clear', () => {
    const r = ruleSchema.safeParse({
      ...base,
      direction: 'below',
      warning: null,
      critical: 0,
      clear: null,
    });
    expect(r.success).toBe(true);
  });

  it('still refuses an above rule with critical under warning', () => {
    const r = ruleSchema.safeParse({
      ...base,
      direction: 'above',
      warning: 21,
      critical: 7,
      clear: null,
    });
    expect(toFieldErrors(r.error!)).toEqual([
      { path: 'critical', message: 'Critical must be at or above warning' },
    ]);
  });

  it('refuses an unknown direction', () => {
    const r = ruleSchema.safeParse({
      ...base,
      direction: 'sideways',
      warning: 1,
      critical: null,
      clear: null,
    });
    expect(r.success).toBe(false);
    expect(toFieldErrors(r.error!)[0]?.path).toBe('direction');
  });
});

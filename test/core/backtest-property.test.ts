import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtest, type BacktestEpisode } from '../../main/core/backtest';
import { History } from '../../main/core/history';
import type { Transition } from '../../main/core/ports';
import { RuleEngine } from '../../main/core/rules';
import type { Rule } from '../../main/shared/settings';

const T0 = 1_700_000_000_000;
const KEY = 'cpu.total';
const GAP_MS = 5_000;

/** A rule of either direction with levels in the order its schema demands. */
const ruleArb: fc.Arbitrary<Rule> = fc
  .record({
    direction: fc.constantFrom('above' as const, 'below' as const),
    levels: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
    shape: fc.constantFrom('both', 'warning', 'critical'),
    nullClear: fc.boolean(),
    forSeconds: fc.integer({ min: 0, max: 20 }),
  })
  .map(({ direction, levels, shape, nullClear, forSeconds }) => {
    // above: clear < warning < critical; below: the mirror.
    const [a, b, c] = [...levels].sort((x, y) => (direction === 'above' ? x - y : y - x)) as [
      number,
      number,
      number,
    ];
    return {
      id: 'p',
      metric: KEY,
      direction,
      enabled: true,
      warning: shape === 'critical' ? null : b,
      critical: shape === 'warning' ? null : c,
      clear: nullClear ? null : a,
      forSeconds,
      repeatMinutes: 0,
    };
  });

/** Steps of mostly 1 s with jitter, absent values and sampling gaps longer than GAP_MS. */
const seriesArb = fc.array(
  fc.record({
    dt: fc.oneof(
      { weight: 8, arbitrary: fc.constant(1_000) },
      { weight: 2, arbitrary: fc.integer({ min: 200, max: GAP_MS }) },
      { weight: 1, arbitrary: fc.integer({ min: GAP_MS + 1, max: 15_000 }) },
    ),
    // Integers are exact in the history's Float32 raw ring, so both runs see the same values.
    v: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined, freq: 8 }),
  }),
  { minLength: 1, maxLength: 220 },
);

/** Episodes of the live engine fed the samples one by one. */
function liveEpisodes(
  rule: Rule,
  samples: readonly { time: number; v: number | undefined }[],
): Omit<BacktestEpisode, 'series'>[] {
  const engine = new RuleEngine([rule], { gapMs: GAP_MS });
  const out: Omit<BacktestEpisode, 'series'>[] = [];
  let open: { since: number; start: number; severity: 'warning' | 'critical' } | null = null;
  const seen: Transition[] = [];
  for (const s of samples) {
    const values: Record<string, number> = s.v === undefined ? {} : { [KEY]: s.v };
    seen.push(...engine.evaluate({ mono: s.time, time: s.time, values }));
  }
  for (const t of seen) {
    if (t.kind === 'firing') open = { since: t.since, start: t.at, severity: t.severity };
    else if (t.kind === 'escalated' && open) open.severity = 'critical';
    else if (t.kind === 'resolved' && open) {
      out.push({ ...open, end: t.at });
      open = null;
    }
  }
  if (open) out.push({ ...open, end: null });
  return out;
}

describe('backtest vs the live engine (property)', () => {
  it('gives the same episodes for the same raw series, gaps and absent values included', () => {
    fc.assert(
      fc.property(ruleArb, seriesArb, (rule, steps) => {
        let time = T0;
        const samples = steps.map((s) => ({ time: (time += s.dt), v: s.v }));
        const history = new History();
        for (const s of samples) {
          history.append({ time: s.time, values: s.v === undefined ? {} : { [KEY]: s.v } });
        }
        const now = samples.at(-1)!.time;
        const result = backtest(rule, history, { range: '24h', now, gapMs: GAP_MS });
        const got = result.episodes.map(({ series: _s, ...e }) => e);
        expect(got).toEqual(liveEpisodes(rule, samples));
        expect(result.resolution === 'raw' || result.resolution === 'none').toBe(true);
        expect(result.approximate).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

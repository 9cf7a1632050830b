/** The own-CPU budget on a fake clock: slows after a period above, restores after a period under. */
import { describe, expect, it } from 'vitest';
import {
  budgetedCadences,
  CpuBudget,
  THROTTLE_FACTOR,
  type CpuBudgetChange,
} from '../../main/core/cpu-budget';
import { FakeClock } from '../fixtures/fake-clock';

const SEC = 1_000;
const MIN = 60 * SEC;
const DEFAULT = { budgetRatio: 0.01, periodMs: 10 * MIN };

/** Feeds one reading a second for `ms`, the ratio given by `ratio(t)`; returns the changes. */
function run(
  clock: FakeClock,
  budget: CpuBudget,
  ms: number,
  ratio: (mono: number) => number | null,
): { at: number; change: CpuBudgetChange }[] {
  const changes: { at: number; change: CpuBudgetChange }[] = [];
  const end = clock.monotonic() + ms;
  while (clock.monotonic() < end) {
    clock.advance(SEC);
    const at = clock.monotonic();
    const change = budget.observe(at, ratio(at));
    if (change) changes.push({ at, change });
  }
  return changes;
}

function setup(config = DEFAULT) {
  const clock = new FakeClock();
  const budget = new CpuBudget(config);
  budget.observe(clock.monotonic(), null); // the first reading has no ratio yet
  return { clock, budget };
}

describe('CPU budget', () => {
  it('slows only after a whole period above the budget, and says by how much', () => {
    const { clock, budget } = setup();
    expect(run(clock, budget, 10 * MIN - SEC, () => 0.03)).toEqual([]);
    expect(budget.throttled).toBe(false);
    const [first, ...rest] = run(clock, budget, 2 * SEC, () => 0.03);
    expect(rest).toEqual([]);
    expect(first!.at).toBe(10 * MIN);
    expect(first!.change).toEqual({
      throttled: true,
      meanRatio: expect.closeTo(0.03, 9) as number,
      budgetRatio: 0.01,
      periodMs: 10 * MIN,
    });
    expect(budget.throttled).toBe(true);
  });

  it('never slows just under the budget, nor for a short burst within a cheap period', () => {
    const steady = setup();
    expect(run(steady.clock, steady.budget, 30 * MIN, () => 0.0099)).toEqual([]);
    const { clock, budget } = setup();
    // Two minutes at 4 % in every ten, 0.2 % otherwise: a mean of 0.96 %, under 1 %.
    const burst = (t: number) => (t % (10 * MIN) < 2 * MIN ? 0.04 : 0.002);
    expect(run(clock, budget, 60 * MIN, burst)).toEqual([]);
    expect(budget.throttled).toBe(false);
  });

  it('uses the mean over the last period, not single readings', () => {
    const { clock, budget } = setup();
    // Every other second 0 %, then 3 %: a mean of 1.5 %.
    const changes = run(clock, budget, 11 * MIN, (t) => (t % (2 * SEC) === 0 ? 0 : 0.03));
    expect(changes.map((c) => c.change.throttled)).toEqual([true]);
    expect(changes[0]!.change.meanRatio).toBeCloseTo(0.015, 3);
  });

  it('restores after a whole slowed period at or under the budget, judged on slowed readings only', () => {
    const { clock, budget } = setup();
    run(clock, budget, 10 * MIN, () => 0.05);
    expect(budget.throttled).toBe(true);
    const slowedAt = clock.monotonic();
    // Cheap again at once, but the old costly readings are not part of the slowed period.
    const changes = run(clock, budget, 20 * MIN, () => 0.004);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.at - slowedAt).toBe(10 * MIN);
    expect(changes[0]!.change).toMatchObject({ throttled: false });
    expect(changes[0]!.change.meanRatio).toBeCloseTo(0.004, 6);
    expect(budget.throttled).toBe(false);
  });

  it('stays slowed while the slowed cost is still over the budget', () => {
    const { clock, budget } = setup();
    run(clock, budget, 10 * MIN, () => 0.05);
    expect(run(clock, budget, 60 * MIN, () => 0.02)).toEqual([]);
    expect(budget.throttled).toBe(true);
  });

  it('skips readings without a ratio, and a raised budget restores at the next reading', () => {
    const { clock, budget } = setup({ budgetRatio: 0.001, periodMs: MIN });
    run(clock, budget, MIN + 2 * SEC, (t) => (t % (3 * SEC) === 0 ? null : 0.005));
    expect(budget.throttled).toBe(true);
    run(clock, budget, MIN + 10 * SEC, () => 0.005);
    expect(budget.throttled).toBe(true); // still over the tiny budget
    budget.configure({ budgetRatio: 1, periodMs: MIN });
    const changes = run(clock, budget, SEC, () => 0.005);
    expect(changes.map((c) => c.change.throttled)).toEqual([false]);
  });

  it('slows the processes and temperature cadences only', () => {
    const opts = { diskMs: 30_000, processesMs: 15_000, temperatureMs: 5_000, deadlineMs: 5_000 };
    expect(budgetedCadences(opts, false)).toEqual(opts);
    expect(budgetedCadences(opts, true)).toEqual({
      diskMs: 30_000,
      processesMs: 15_000 * THROTTLE_FACTOR,
      temperatureMs: 5_000 * THROTTLE_FACTOR,
      deadlineMs: 5_000,
    });
    expect(THROTTLE_FACTOR).toBe(4);
  });
});

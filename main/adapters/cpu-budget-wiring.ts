/**
 * Wires Hostwatch's own CPU budget (core/cpu-budget.ts) to the world: every new own-cost reading
 * feeds the budget; a change re-applies the sampler's cadences (the expensive collectors slowed
 * or restored), shows or clears the `cpu-budget` notice and records a `system` event.
 *
 * Undocumented test seam: `HOSTWATCH_CPU_BUDGET_SCALE=60` makes the budget period 60× shorter
 * (1 minute lasts 1 s), so a real agent can be seen slowing and restoring in a test.
 */
import type { Engine } from '../core/engine';
import { budgetedCadences, CpuBudget, type CpuBudgetChange } from '../core/cpu-budget';
import type { EventSink, Logger, SamplerOptions, SamplerPort } from '../core/ports';
import type { SelfCost } from '../shared/contract';
import { DEFAULT_SELF_COST, type SelfCostSettings } from '../shared/settings';

/** What {@link createCpuBudgetWiring} needs. */
export interface CpuBudgetWiringDeps {
  readonly sampler: SamplerPort;
  readonly events: EventSink;
  readonly addNotice: (...args: Parameters<Engine['addNotice']>) => void;
  readonly logger: Logger;
  /** How much faster the budget's period runs (the test seam); default 1. */
  readonly timeScale?: number;
}

/** The budget, between the engine and the sampler. */
export interface CpuBudgetWiring {
  /** The sampler for the engine: its cadences pass through the budget. */
  readonly sampler: SamplerPort;
  /** A new own-cost reading at monotonic `mono` ms. */
  observe(cost: SelfCost, mono: number): void;
  /** Whether the expensive collectors are slowed now. */
  throttled(): boolean;
  /** Follows `settings.selfCost`. */
  apply(settings: SelfCostSettings): void;
}

const percent = (ratio: number): number => Math.round(ratio * 10_000) / 100;

/** Creates the wiring; pass its `sampler` to the engine and its `observe` to the meter. */
export function createCpuBudgetWiring(deps: CpuBudgetWiringDeps): CpuBudgetWiring {
  const scale = Number.isFinite(deps.timeScale) && deps.timeScale! > 0 ? deps.timeScale! : 1;
  const config = (s: SelfCostSettings) => ({
    budgetRatio: s.cpuBudgetPercent / 100,
    periodMs: (s.budgetMinutes * 60_000) / scale,
  });
  const budget = new CpuBudget(config(DEFAULT_SELF_COST));
  let minutes = DEFAULT_SELF_COST.budgetMinutes;
  let set: SamplerOptions | null = null;
  const inner = deps.sampler;

  const said = (c: CpuBudgetChange): void => {
    const params = {
      meanPercent: percent(c.meanRatio),
      budgetPercent: percent(c.budgetRatio),
      minutes,
    };
    if (c.throttled) {
      const message = `Hostwatch used ${params.meanPercent}% CPU over ${minutes} min, above its budget of ${params.budgetPercent}%: processes and temperatures are read 4× less often`;
      deps.logger.warn(message);
      deps.addNotice('cpu-budget', 'info', message, 'cpu-budget', params);
      deps.events.emit({
        kind: 'system',
        severity: 'info',
        code: 'cpu-throttled',
        message,
        params,
      });
    } else {
      const message = `Hostwatch used ${params.meanPercent}% CPU over ${minutes} min, within its budget of ${params.budgetPercent}%: processes and temperatures are read at their set cadence again`;
      deps.logger.info(message);
      deps.addNotice('cpu-budget', 'info', null);
      deps.events.emit({ kind: 'system', severity: 'info', code: 'cpu-restored', message, params });
    }
  };

  return {
    sampler: {
      sample: () => inner.sample(),
      hostInfo: () => inner.hostInfo(),
      close: () => inner.close(),
      configure(options) {
        set = options;
        inner.configure(budgetedCadences(options, budget.throttled));
      },
    },
    observe(cost, mono) {
      const change = budget.observe(mono, cost.cpuRatio);
      if (!change) return;
      if (set) inner.configure(budgetedCadences(set, change.throttled));
      said(change);
    },
    throttled: () => budget.throttled,
    apply(settings) {
      minutes = settings.budgetMinutes;
      budget.configure(config(settings));
    },
  };
}

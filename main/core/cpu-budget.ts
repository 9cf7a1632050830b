/**
 * Hostwatch's own CPU budget (issue 11): when its own CPU, averaged over the budget period
 * (default 1 % of one core over 10 min), is above the budget, the expensive collectors
 * (processes, temperatures) run {@link THROTTLE_FACTOR} times less often; once the average over a
 * whole period spent slowed is back at or under the budget, they run at their set cadence again.
 *
 * ```
 *            mean over the last period > budget (a full period since the last change)
 *   normal ───────────────────────────────────────────────────────────────► slowed
 *          ◄───────────────────────────────────────────────────────────────
 *            mean over the last period ≤ budget (a full period since the last change)
 * ```
 *
 * Each phase judges only its own readings (they are dropped at every change), so a slowed
 * period is judged on slowed costs. Pure: the caller passes monotonic times and readings.
 */
import type { SamplerOptions } from './ports';

/** How much less often the expensive collectors run while slowed. */
export const THROTTLE_FACTOR = 4;

/** The budget: a ratio of one core (0.01 = 1 %) averaged over a period. */
export interface CpuBudgetConfig {
  readonly budgetRatio: number;
  readonly periodMs: number;
}

/** A change of state, to say and to log. */
export interface CpuBudgetChange {
  readonly throttled: boolean;
  /** Mean CPU ratio over the period that decided it. */
  readonly meanRatio: number;
  readonly budgetRatio: number;
  readonly periodMs: number;
}

interface Reading {
  readonly mono: number;
  readonly ms: number;
  readonly ratio: number;
}

/** The budget's state machine; feed it every new own-cost reading. */
export class CpuBudget {
  private readings: Reading[] = [];
  private phaseStart: number | null = null;
  private last: number | null = null;
  private slowed = false;

  constructor(private config: CpuBudgetConfig) {}

  /** Whether the expensive collectors are slowed now. */
  get throttled(): boolean {
    return this.slowed;
  }

  /** A new budget or period; judged at the next reading, without forgetting the phase. */
  configure(config: CpuBudgetConfig): void {
    this.config = config;
  }

  /**
   * Records the CPU ratio measured over the time since the previous reading (`mono`, ms) and
   * returns the change it caused, if any. A null ratio (not measured yet) is skipped.
   */
  observe(mono: number, cpuRatio: number | null): CpuBudgetChange | null {
    const prev = this.last;
    this.last = mono;
    if (this.phaseStart === null) this.phaseStart = mono;
    if (cpuRatio === null || !Number.isFinite(cpuRatio) || prev === null || mono <= prev) {
      return null;
    }
    const { budgetRatio, periodMs } = this.config;
    this.readings.push({ mono, ms: mono - prev, ratio: cpuRatio });
    const from = mono - periodMs;
    while (this.readings.length > 0 && this.readings[0]!.mono - this.readings[0]!.ms < from) {
      // Keep a reading that straddles the start of the period; drop those wholly before it.
      if (this.readings[0]!.mono <= from) this.readings.shift();
      else break;
    }
    if (mono - this.phaseStart < periodMs) return null;
    let spent = 0;
    let wall = 0;
    for (const r of this.readings) {
      spent += r.ratio * r.ms;
      wall += r.ms;
    }
    if (wall <= 0) return null;
    const meanRatio = spent / wall;
    const change = this.slowed ? meanRatio <= budgetRatio : meanRatio > budgetRatio;
    if (!change) return null;
    this.slowed = !this.slowed;
    this.readings = [];
    this.phaseStart = mono;
    return { throttled: this.slowed, meanRatio, budgetRatio, periodMs };
  }
}

/** The sampler cadences to apply: the set ones, or the expensive ones slowed. */
export function budgetedCadences(options: SamplerOptions, throttled: boolean): SamplerOptions {
  if (!throttled) return options;
  return {
    ...options,
    processesMs: options.processesMs * THROTTLE_FACTOR,
    temperatureMs: options.temperatureMs * THROTTLE_FACTOR,
  };
}

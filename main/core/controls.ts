/**
 * The user's controls over alerting: pause, snooze (all or one rule; for a time or until
 * resolved) and maintenance with an expiry. Pure state with serialisation; time is passed in.
 */
import { z } from 'zod';
import type { AlertState, OperationInput, SnoozeState } from '../shared/contract';

const HOUR = 3_600_000;

const stateSchema = z.object({
  paused: z.boolean(),
  snoozeAll: z.union([z.number(), z.literal('resolved'), z.null()]),
  snoozeRules: z.record(z.string(), z.union([z.number(), z.literal('resolved')])),
  maintenanceUntil: z.number().nullable(),
});

/** Serialisable control state. */
export type ControlsState = z.infer<typeof stateSchema>;

/** Snooze durations offered by the UI and the tray. */
export type SnoozeDuration = OperationInput<'snooze'>['duration'];

/** Pause, snooze and maintenance. */
export class Controls {
  state: ControlsState = {
    paused: false,
    snoozeAll: null,
    snoozeRules: {},
    maintenanceUntil: null,
  };

  /** Sets or clears a snooze for one rule (ruleId) or for all (null). */
  setSnooze(ruleId: string | null, duration: SnoozeDuration, now: number): void {
    const until = untilFor(duration, now);
    if (ruleId === null) {
      this.state = { ...this.state, snoozeAll: until };
      if (duration === 'off') this.state = { ...this.state, snoozeRules: {} };
      return;
    }
    const rules = { ...this.state.snoozeRules };
    if (until === null) delete rules[ruleId];
    else rules[ruleId] = until;
    this.state = { ...this.state, snoozeRules: rules };
  }

  /** Starts maintenance for `minutes` (0 ends it). */
  setMaintenance(minutes: number, now: number): void {
    this.state = { ...this.state, maintenanceUntil: minutes === 0 ? null : now + minutes * 60_000 };
  }

  /** Pauses or resumes monitoring. */
  setPaused(paused: boolean): void {
    this.state = { ...this.state, paused };
  }

  /** Snooze state with expired entries left out. */
  snooze(now: number): SnoozeState {
    const live = (u: number | 'resolved' | null) => (typeof u === 'number' && u <= now ? null : u);
    const rules: Record<string, number | 'resolved'> = {};
    for (const [id, u] of Object.entries(this.state.snoozeRules)) {
      const v = live(u);
      if (v !== null) rules[id] = v;
    }
    return { all: live(this.state.snoozeAll), rules };
  }

  /** End of maintenance, or null when not in maintenance. */
  maintenanceUntil(now: number): number | null {
    const u = this.state.maintenanceUntil;
    return u !== null && u > now ? u : null;
  }

  /**
   * Ends "until resolved" snoozes whose alerts have all resolved. Returns whether anything
   * changed.
   */
  releaseResolvedSnoozes(firing: readonly AlertState[]): boolean {
    let changed = false;
    const firingRules = new Set(firing.map((a) => a.ruleId));
    const rules = { ...this.state.snoozeRules };
    for (const [id, u] of Object.entries(rules)) {
      if (u === 'resolved' && !firingRules.has(id)) {
        delete rules[id];
        changed = true;
      }
    }
    let all = this.state.snoozeAll;
    if (all === 'resolved' && firing.length === 0) {
      all = null;
      changed = true;
    }
    if (changed) this.state = { ...this.state, snoozeRules: rules, snoozeAll: all };
    return changed;
  }

  /** State to persist. */
  serialize(): ControlsState {
    return this.state;
  }

  /** Restores persisted state; invalid data is ignored. */
  restore(data: unknown): void {
    const parsed = stateSchema.safeParse(data);
    if (parsed.success) this.state = parsed.data;
  }
}

/** Whether notifications for a rule are snoozed in `snooze` (from {@link Controls.snooze}). */
export function isSnoozed(snooze: SnoozeState, ruleId: string): boolean {
  return snooze.all !== null || snooze.rules[ruleId] !== undefined;
}

function untilFor(duration: SnoozeDuration, now: number): number | 'resolved' | null {
  switch (duration) {
    case '1h':
      return now + HOUR;
    case '4h':
      return now + 4 * HOUR;
    case '8h':
      return now + 8 * HOUR;
    case 'resolved':
      return 'resolved';
    case 'off':
      return null;
  }
}

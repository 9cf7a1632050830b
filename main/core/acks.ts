/**
 * Acknowledgements: a user's "I know" on one firing alert instance (rule + series). While an
 * instance is acknowledged the policy sends it no reminders (its escalation and RESOLVED still
 * go out, see policy.ts); the acknowledgement ends by itself when the instance stops firing.
 *
 * Pure state with serialisation; time comes in with each call.
 */
import { z } from 'zod';
import { ACK_SOURCES, type Acknowledgement, type AlertState } from '../shared/contract';
import { instanceKey, type AlertInstance } from '../shared/alert-instance';

const entrySchema = z.object({
  ruleId: z.string(),
  series: z.string(),
  time: z.number(),
  note: z.string().optional(),
  by: z.enum(ACK_SOURCES),
});

/** The persisted form of the acknowledgements. */
export const acksStateSchema = z.object({ version: z.literal(1), acks: z.array(entrySchema) });

/** The persisted form of the acknowledgements. */
export type AcksState = z.infer<typeof acksStateSchema>;

type Entry = z.infer<typeof entrySchema>;

/** The acknowledged alert instances, by {@link instanceKey}. */
export class Acknowledgements {
  private entries = new Map<string, Entry>();

  /** Acknowledges an instance (replacing an earlier acknowledgement and its note). */
  set(instance: Pick<AlertInstance, 'ruleId' | 'series'>, ack: Acknowledgement): void {
    const { ruleId, series } = instance;
    this.entries.set(instanceKey(instance), {
      ruleId,
      series,
      time: ack.time,
      ...(ack.note !== undefined && ack.note !== '' ? { note: ack.note } : {}),
      by: ack.by,
    });
  }

  /** Takes an acknowledgement back; returns whether there was one. */
  clear(instance: Pick<AlertInstance, 'ruleId' | 'series'>): boolean {
    return this.entries.delete(instanceKey(instance));
  }

  /** The instance's acknowledgement, or undefined. */
  get(instance: Pick<AlertInstance, 'ruleId' | 'series'>): Acknowledgement | undefined {
    const e = this.entries.get(instanceKey(instance));
    if (!e) return undefined;
    return { time: e.time, ...(e.note !== undefined ? { note: e.note } : {}), by: e.by };
  }

  /**
   * Ends the acknowledgements of instances no longer firing (resolved, rule removed); returns
   * the instances released, so the caller can persist.
   */
  releaseResolved(
    firing: readonly Pick<AlertState, 'ruleId' | 'series'>[],
  ): Pick<AlertInstance, 'ruleId' | 'series'>[] {
    const live = new Set(firing.map((a) => instanceKey(a)));
    const released: Pick<AlertInstance, 'ruleId' | 'series'>[] = [];
    for (const [key, e] of [...this.entries]) {
      if (live.has(key)) continue;
      this.entries.delete(key);
      released.push({ ruleId: e.ruleId, series: e.series });
    }
    return released;
  }

  /** A JSON-safe copy, for persistence. */
  serialize(): AcksState {
    return { version: 1, acks: [...this.entries.values()].map((e) => ({ ...e })) };
  }

  /** Restores {@link serialize}'s output; invalid data leaves no acknowledgements. */
  restore(raw: unknown): void {
    this.entries = new Map();
    const parsed = acksStateSchema.safeParse(raw);
    if (!parsed.success) return;
    for (const e of parsed.data.acks) this.entries.set(instanceKey(e), e);
  }
}

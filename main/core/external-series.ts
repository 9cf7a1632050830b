/**
 * Series fed into the engine from outside the sampler (endpoint checks, fleet liveness), merged
 * into each tick's values so the same history, rules, policy and channels handle them.
 *
 * Two ways in: `set` holds a source's values until replaced (a liveness figure true every
 * tick); `push` hands values to the next tick only (one check run is one sample, so history
 * keeps one point per run and a rule sees each run once). A null value is left out: missing
 * means undefined to the rules, which never transitions.
 */
import type { SeriesKey } from '../shared/metrics';

/** Values of one source; null is "no value". */
export type ExternalValues = Readonly<Record<SeriesKey, number | null>>;

/** The external sources of one engine. */
export class ExternalSeries {
  private readonly held = new Map<string, ExternalValues>();
  private next: Record<SeriesKey, number> = {};

  /** Replaces what `sourceId` holds (an empty record clears it). */
  set(sourceId: string, values: ExternalValues): void {
    if (Object.keys(values).length === 0) this.held.delete(sourceId);
    else this.held.set(sourceId, values);
  }

  /** Adds values for the next tick only; a later push of the same key before it wins. */
  push(values: ExternalValues): void {
    for (const [k, v] of Object.entries(values)) {
      if (v !== null && Number.isFinite(v)) this.next[k] = v;
    }
  }

  /** The sampler's values with the external ones; consumes the pushed ones. */
  merge(values: Readonly<Record<SeriesKey, number>>): Readonly<Record<SeriesKey, number>> {
    if (this.held.size === 0 && Object.keys(this.next).length === 0) return values;
    const out: Record<SeriesKey, number> = { ...values };
    for (const source of this.held.values()) {
      for (const [k, v] of Object.entries(source)) {
        if (v !== null && Number.isFinite(v)) out[k] = v;
      }
    }
    Object.assign(out, this.next);
    this.next = {};
    return out;
  }
}

/**
 * Series fed into the engine from outside the sampler (fleet liveness, endpoint checks): each
 * source sets its latest values, and every tick merges them into the snapshot, so the same
 * rules, policy, channels, history and /metrics handle them.
 *
 * Guarantee: a value that is null, not finite, or older than its source's maximum age is left
 * out of the merged values, and a missing key is "undefined" to the rules, which never
 * transitions on it (rules.ts). A source that stops reporting therefore goes quiet instead of
 * freezing its last value.
 */
import type { SeriesKey } from '../shared/metrics';

/** One source's latest values, as {@link ExternalSeries.set} takes them. */
export type ExternalValues = Readonly<Record<SeriesKey, number | null>>;

interface SourceEntry {
  readonly values: ExternalValues;
  /** Monotonic ms of the set. */
  readonly at: number;
  /** Values older than this (ms) are dropped; null keeps them until replaced or cleared. */
  readonly maxAgeMs: number | null;
}

/** The external sources of one engine and their latest values. */
export class ExternalSeries {
  private readonly sources = new Map<string, SourceEntry>();
  /** Values for the next merge only (an endpoint check's run: one point per run in history). */
  private pending: Record<SeriesKey, number> = {};

  /** Gives values to the next {@link merge} only; null and non-finite values are left out. */
  push(values: ExternalValues): void {
    for (const [key, value] of Object.entries(values)) {
      if (value !== null && Number.isFinite(value)) this.pending[key] = value;
    }
  }

  /** Replaces the values of one source (every key it reports, each time). */
  set(sourceId: string, values: ExternalValues, atMono: number, maxAgeMs: number | null): void {
    this.sources.set(sourceId, { values: { ...values }, at: atMono, maxAgeMs });
  }

  /** Forgets one source: its series become undefined at the next tick. */
  clear(sourceId: string): void {
    this.sources.delete(sourceId);
  }

  /** Ids of the sources that have values. */
  ids(): readonly string[] {
    return [...this.sources.keys()];
  }

  /**
   * The sampler's values with every fresh external value added; the sampler's own keys win on a
   * clash (an outside source can never overwrite a measured value of this machine).
   */
  merge(
    base: Readonly<Record<SeriesKey, number>>,
    nowMono: number,
  ): Readonly<Record<SeriesKey, number>> {
    if (this.sources.size === 0 && Object.keys(this.pending).length === 0) return base;
    const out: Record<SeriesKey, number> = this.pending;
    this.pending = {};
    for (const entry of this.sources.values()) {
      if (entry.maxAgeMs !== null && nowMono - entry.at > entry.maxAgeMs) continue;
      for (const [key, value] of Object.entries(entry.values)) {
        if (value === null || !Number.isFinite(value)) continue;
        out[key] = value;
      }
    }
    // `out` is this merge's own object: the sampler's values go into it (the same keys, order
    // and values as `{ ...out, ...base }`) without copying every key a second time.
    return Object.assign(out, base);
  }
}

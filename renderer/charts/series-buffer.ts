/**
 * Columns of one chart's data, appended in place. Old points are trimmed in batches, so a
 * streaming point costs O(1) amortised and the same arrays are handed to uPlot every frame.
 */
import type { HistorySeries } from '../../main/shared/contract';

/** Columns in uPlot order: x (ms), avg, and for minute rollups min and max. */
export class SeriesBuffer {
  readonly x: number[] = [];
  readonly avg: (number | null)[] = [];
  readonly min: (number | null)[] | null;
  readonly max: (number | null)[] | null;

  constructor(readonly banded: boolean) {
    this.min = banded ? [] : null;
    this.max = banded ? [] : null;
  }

  /** A buffer filled from a history response. */
  static from(series: HistorySeries | undefined, banded: boolean): SeriesBuffer {
    const b = new SeriesBuffer(banded);
    if (!series) return b;
    b.x.push(...series.t);
    b.avg.push(...series.avg);
    if (b.min && b.max) {
      b.min.push(...(series.min ?? series.avg));
      b.max.push(...(series.max ?? series.avg));
    }
    return b;
  }

  get length(): number {
    return this.x.length;
  }

  /** Appends one point; ignored when not newer than the last one. */
  append(t: number, value: number | null): boolean {
    const last = this.x[this.x.length - 1];
    if (last !== undefined && t <= last) return false;
    this.x.push(t);
    this.avg.push(value);
    this.min?.push(value);
    this.max?.push(value);
    return true;
  }

  /** Drops points older than `from`, but only in batches of at least `batch` points. */
  trimBefore(from: number, batch = 64): void {
    let n = 0;
    while (n < this.x.length && (this.x[n] ?? Infinity) < from) n++;
    if (n < batch && n < this.x.length) return;
    if (n === 0) return;
    this.x.splice(0, n);
    this.avg.splice(0, n);
    this.min?.splice(0, n);
    this.max?.splice(0, n);
  }

  /** The columns as uPlot aligned data (the same arrays, no copy). */
  columns(): [number[], ...(number | null)[][]] {
    return this.min && this.max ? [this.x, this.avg, this.min, this.max] : [this.x, this.avg];
  }
}

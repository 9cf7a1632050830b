/** The warning and critical levels of a series, as the status carries them for drawing. */
import type { Status } from '../../main/shared/contract';
import { parseSeriesKey, seriesKey, type SeriesKey } from '../../main/shared/metrics';

/** Warning and critical levels of one series. */
export type Levels = Status['thresholds'][SeriesKey];

/**
 * The levels of a series: its own, else those of its metric's every-target rule (`metric{*}`);
 * undefined when no rule covers it.
 */
export function thresholdsFor(
  thresholds: Status['thresholds'],
  key: SeriesKey,
): Levels | undefined {
  const own = thresholds[key];
  if (own) return own;
  const p = parseSeriesKey(key);
  return p?.target === undefined ? undefined : thresholds[seriesKey(p.metric, '*')];
}

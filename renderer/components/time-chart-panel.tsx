/** React wrapper of one {@link TimeChart}: creates it once and feeds it live points. */
import { memo, useEffect, useRef } from 'react';
import { RANGES, RANGE_MS, type HistorySeries } from '../../main/shared/contract';
import { METRICS, parseSeriesKey, type SeriesKey } from '../../main/shared/metrics';
import { TimeChart, canvasAvailable, type TimeChartOptions } from '../charts/time-chart';
import { liveCharts } from '../charts/registry';
import { useI18n } from '../i18n';
import { useStore } from '../state/context';

/** A localized tick formatter for the time axis: seconds for short ranges, dates for long ones. */
export function tickFormatter(locale: string, rangeMs: number): (ms: number) => string {
  const opts: Intl.DateTimeFormatOptions =
    rangeMs <= 10 * 60_000
      ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
      : rangeMs <= 2 * 3_600_000
        ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : {
            month: 'numeric',
            day: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          };
  const fmt = new Intl.DateTimeFormat(locale, opts);
  return (ms) => fmt.format(ms);
}

/** Props of {@link TimeChartPanel}; primitives and stable objects only, so ticks skip React. */
export interface TimeChartPanelProps {
  readonly seriesKey: SeriesKey;
  readonly history: HistorySeries | undefined;
  readonly banded: boolean;
  readonly rangeMs: number;
  readonly warning: number | null;
  readonly critical: number | null;
  readonly mark: number | null;
}

/** A titled chart of one series. */
export const TimeChartPanel = memo(function TimeChartPanel(props: TimeChartPanelProps) {
  const { seriesKey: key, history, banded, rangeMs, warning, critical, mark } = props;
  const i18n = useI18n();
  const store = useStore();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<TimeChart | null>(null);
  const title = i18n.seriesLabel(key);
  const parsed = parseSeriesKey(key);
  const percent = parsed ? METRICS[parsed.metric].unit === 'percent' : false;
  const range = RANGES.find((r) => RANGE_MS[r] === rangeMs);
  const rangeLabel = range ? i18n.t(`range.${range}`) : i18n.formatDuration(rangeMs / 1000);

  // Create the chart once per series/language/range; data arrives through the effects below.
  useEffect(() => {
    if (!el.current || !canvasAvailable()) return;
    const options: TimeChartOptions = {
      title,
      rangeMs,
      percent,
      format: (v) => i18n.formatSeries(key, v),
      formatTime: (ms) => i18n.formatTime(ms),
      formatTick: tickFormatter(i18n.locale, rangeMs),
      labels: {
        value: i18n.t('history.avg'),
        min: i18n.t('history.min'),
        max: i18n.t('history.max'),
        time: i18n.t('history.time'),
      },
      describe: ({ min, max, latest }) =>
        latest === null
          ? i18n.t('history.chartEmpty', { title, range: rangeLabel })
          : i18n.t('history.chartSummary', {
              title,
              range: rangeLabel,
              min: i18n.formatSeries(key, min),
              max: i18n.formatSeries(key, max),
              latest: i18n.formatSeries(key, latest),
            }),
    };
    const c = new TimeChart(el.current, options);
    chart.current = c;
    liveCharts.add(c);
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) c.resize(w);
    });
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      liveCharts.delete(c);
      c.destroy();
      chart.current = null;
    };
  }, [key, title, rangeMs, rangeLabel, percent, i18n]);

  useEffect(() => {
    chart.current?.setHistory(history, banded);
  }, [history, banded, key, title, rangeMs, i18n]);

  useEffect(() => {
    chart.current?.setThresholds({ warning, critical });
  }, [warning, critical, history]);

  useEffect(() => {
    chart.current?.setMark(mark);
  }, [mark, history]);

  // Live points go straight to the chart; React does not re-render per point.
  useEffect(() => {
    if (banded) return;
    return store.onStatus((s) => {
      const snap = s.snapshot;
      if (snap) chart.current?.append(snap.time, snap.values[key] ?? null);
    });
  }, [store, key, banded]);

  return (
    <figure className="chart-panel" data-series={key}>
      <figcaption className="chart-title">{title}</figcaption>
      <div ref={el} className="chart" />
    </figure>
  );
});

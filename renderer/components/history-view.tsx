/** The History tab: range and series pickers and one chart per selected series. */
import { useEffect, useMemo, useState } from 'react';
import {
  RANGES,
  RANGE_MS,
  type HistoryResponse,
  type Range,
  type Status,
} from '../../main/shared/contract';
import {
  METRIC_NAMES,
  parseSeriesKey,
  seriesHasHistory,
  type SeriesKey,
} from '../../main/shared/metrics';
import { useI18n } from '../i18n';
import { useApi } from '../state/context';
import { thresholdsFor } from './thresholds';
import { TimeChartPanel } from './time-chart-panel';

/** A request to show a series around a time (from the event list). */
export interface HistoryFocus {
  readonly series: SeriesKey;
  readonly time: number;
}

/** Default series shown first. */
export const DEFAULT_SERIES: readonly SeriesKey[] = ['cpu.total', 'mem.used_pct', 'load.per_core'];

/** The smallest range that contains a time. */
export function rangeContaining(time: number, now = Date.now()): Range {
  const age = Math.max(0, now - time);
  return RANGES.find((r) => age < RANGE_MS[r] * 0.9) ?? '7d';
}

/** Series keys sorted by catalogue order, then target. */
export function sortKeys(keys: Iterable<SeriesKey>): SeriesKey[] {
  const order = (k: SeriesKey) => METRIC_NAMES.indexOf(parseSeriesKey(k)?.metric ?? 'cpu.total');
  return [...new Set(keys)].sort(
    (a, b) => order(a) - order(b) || a.localeCompare(b, undefined, { numeric: true }),
  );
}

/** Props of {@link HistoryView}. */
export interface HistoryViewProps {
  readonly status: Status | null;
  readonly focus: HistoryFocus | null;
}

/** Charts of history with live updates. */
export function HistoryView({ status, focus }: HistoryViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [range, setRange] = useState<Range>(focus ? rangeContaining(focus.time) : '1h');
  const [selected, setSelected] = useState<SeriesKey[]>(() =>
    focus ? sortKeys([...DEFAULT_SERIES, focus.series]) : [...DEFAULT_SERIES],
  );
  const [mark, setMark] = useState<number | null>(focus?.time ?? null);
  const [history, setHistory] = useState<HistoryResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  // A new focus from the event list: select its series, a range containing it, and mark it.
  const [seenFocus, setSeenFocus] = useState(focus);
  if (focus !== seenFocus) {
    setSeenFocus(focus);
    if (focus) {
      setRange(rangeContaining(focus.time));
      setSelected((s) => (s.includes(focus.series) ? s : sortKeys([...s, focus.series])));
      setMark(focus.time);
    }
  }

  // The keys of a snapshot rarely change: sort them only when they do, not on every status.
  const valueSig = status?.snapshot ? Object.keys(status.snapshot.values).join('|') : '';
  const available = useMemo(
    // Only series with history: a check's phases and status code are current values.
    () =>
      sortKeys([...(valueSig ? valueSig.split('|') : []), ...selected].filter(seriesHasHistory)),
    [valueSig, selected],
  );
  const selectedSig = selected.join('|');

  useEffect(() => {
    let cancelled = false;
    const keys = selectedSig ? selectedSig.split('|') : [];
    if (keys.length === 0) return;
    const load = () => {
      void api.getHistory({ metric: keys, range }).then((r) => {
        if (cancelled) return;
        if (r.ok) {
          setHistory(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    };
    load();
    // Minute rollups are not appended live; refresh them once a minute instead.
    const timer = range === '24h' || range === '7d' ? setInterval(load, 60_000) : undefined;
    return () => {
      cancelled = true;
      if (timer) clearInterval(timer);
    };
  }, [api, range, selectedSig]);

  const bySeries = useMemo(() => new Map(history?.series.map((s) => [s.key, s]) ?? []), [history]);
  const banded = history?.resolution === 'minute';

  const toggle = (key: SeriesKey, on: boolean) =>
    setSelected((s) => (on ? sortKeys([...s, key]) : s.filter((k) => k !== key)));

  return (
    <div className="history-view">
      <div className="history-controls">
        <fieldset className="range-picker">
          <legend>{t('history.range')}</legend>
          {RANGES.map((r) => (
            <label key={r} className={r === range ? 'seg seg-on' : 'seg'}>
              <input
                type="radio"
                name="range"
                value={r}
                checked={r === range}
                onChange={() => setRange(r)}
              />
              {t(`range.${r}`)}
            </label>
          ))}
        </fieldset>
        <details className="series-picker">
          <summary>
            {t('history.chooseSeries')} ({selected.length})
          </summary>
          <fieldset>
            <legend className="visually-hidden">{t('history.series')}</legend>
            {available.map((key) => (
              <label key={key} className="check">
                <input
                  type="checkbox"
                  checked={selected.includes(key)}
                  onChange={(e) => toggle(key, e.target.checked)}
                  data-series={key}
                />
                {i18n.seriesLabel(key)}
              </label>
            ))}
          </fieldset>
        </details>
        {mark !== null && (
          <p className="mark-note">
            ┆ {t('history.marked', { time: i18n.formatTime(mark) })}{' '}
            <button type="button" className="link" onClick={() => setMark(null)}>
              {t('history.clearMark')}
            </button>
          </p>
        )}
      </div>
      {error && (
        <p role="alert" className="error-text">
          {t('history.error', { message: error })}
        </p>
      )}
      {selected.length === 0 && <p className="muted">{t('history.noSeries')}</p>}
      {selected.length > 0 && !history && !error && <p className="muted">{t('history.loading')}</p>}
      <div className="charts">
        {history &&
          selected.map((key) => {
            const th = status ? thresholdsFor(status.thresholds, key) : undefined;
            return (
              <TimeChartPanel
                key={key}
                seriesKey={key}
                history={bySeries.get(key)}
                banded={banded}
                rangeMs={RANGE_MS[range]}
                warning={th?.warning ?? null}
                critical={th?.critical ?? null}
                mark={mark}
              />
            );
          })}
      </div>
    </div>
  );
}

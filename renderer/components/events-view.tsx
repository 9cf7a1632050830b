/**
 * The Events tab: alert transitions, deliveries, failures and suppressions, newest first,
 * filterable by severity and metric; text is rendered from the record's fields, not its
 * English message.
 */
import { useState } from 'react';
import type { EventRecord } from '../../main/shared/contract';
import { METRIC_NAMES, seriesKey, type MetricName } from '../../main/shared/metrics';
import { DICTIONARIES } from '../i18n';
import { useI18n, type I18n, type MessageKey } from '../i18n';
import type { HistoryFocus } from './history-view';

const SEVERITIES = ['info', 'warning', 'critical', 'error'] as const;
const SEVERITY_ICON = { info: 'ℹ', warning: '▲', critical: '●', error: '✖' } as const;

function known(key: string): key is MessageKey {
  return key in DICTIONARIES.en;
}

/** The localized sentence for an event, built from its fields. */
export function describeEvent(i18n: I18n, e: EventRecord): string {
  const { t } = i18n;
  const series = e.series ?? (e.metric ? seriesKey(e.metric) : undefined);
  const metric = series ? i18n.seriesLabel(series) : t('event.noMetric');
  const fmt = (v: number | undefined) =>
    series ? i18n.formatSeries(series, v) : v === undefined ? '—' : String(v);
  const channelKey = `channel.${e.channel ?? ''}`;
  const channel = known(channelKey) ? t(channelKey) : (e.channel ?? t('event.someChannel'));
  const severity = t(`severity.${e.severity}`);
  if (e.kind === 'system') return e.message;
  return t(`event.${e.kind}`, {
    metric,
    value: fmt(e.value),
    threshold: fmt(e.threshold),
    severity,
    channel,
  });
}

/** The localized reason for a suppression or failure (known reasons are translated). */
export function describeReason(i18n: I18n, reason: string): string {
  const key = `reason.${reason}`;
  return known(key) ? i18n.t(key) : reason;
}

/** Props of {@link EventsView}. */
export interface EventsViewProps {
  readonly events: readonly EventRecord[];
  readonly onShowInHistory: (focus: HistoryFocus) => void;
}

/** The event list with filters. */
export function EventsView({ events, onShowInHistory }: EventsViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [severity, setSeverity] = useState<string>('');
  const [metric, setMetric] = useState<string>('');
  const metrics = METRIC_NAMES.filter((m) => events.some((e) => e.metric === m));
  const shown = events.filter(
    (e) => (!severity || e.severity === severity) && (!metric || e.metric === metric),
  );

  return (
    <div className="events-view">
      <fieldset className="filters">
        <legend>{t('events.filters')}</legend>
        <label htmlFor="ev-severity">{t('events.severity')}</label>
        <select id="ev-severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
          <option value="">{t('events.all')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor="ev-metric">{t('events.metric')}</label>
        <select id="ev-metric" value={metric} onChange={(e) => setMetric(e.target.value)}>
          <option value="">{t('events.all')}</option>
          {metrics.map((m: MetricName) => (
            <option key={m} value={m}>
              {i18n.metricLabel(m)}
            </option>
          ))}
        </select>
      </fieldset>
      {shown.length === 0 ? (
        <p className="muted">{t('events.none')}</p>
      ) : (
        <ol className="event-list" aria-label={t('nav.events')}>
          {shown.map((e) => {
            const series = e.series ?? (e.metric ? seriesKey(e.metric) : undefined);
            return (
              <li
                key={e.id}
                className={`event event-${e.severity} event-kind-${e.kind}`}
                data-kind={e.kind}
              >
                <span className="event-sev" title={t(`severity.${e.severity}`)}>
                  <span aria-hidden="true">{SEVERITY_ICON[e.severity]}</span>{' '}
                  {t(`severity.${e.severity}`)}
                </span>
                <time className="event-time" dateTime={new Date(e.time).toISOString()}>
                  {i18n.formatTime(e.time)}
                </time>
                <span className="event-text" data-dynamic={e.kind === 'system' ? '' : undefined}>
                  {describeEvent(i18n, e)}
                  {e.reason && (
                    <span className="event-reason" data-dynamic="">
                      {' '}
                      — {t('events.reason', { reason: describeReason(i18n, e.reason) })}
                    </span>
                  )}
                </span>
                {series && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => onShowInHistory({ series, time: e.time })}
                  >
                    {t('events.showInHistory')}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

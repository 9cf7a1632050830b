/**
 * The Events tab: alert transitions, deliveries, failures and suppressions, newest first,
 * filterable by severity and metric; text is rendered from the record's fields, not its
 * English message. The newest event of an alert that is still firing carries its Acknowledge
 * controls (or who acknowledged it and when, with Take back).
 */
import { memo, useEffect, useRef, useState } from 'react';
import {
  LOCAL_HOST_ID,
  type AlertState,
  type EventKind,
  type EventRecord,
  type HostId,
} from '../../main/shared/contract';
import { instanceKey } from '../../main/shared/alert-instance';
import { METRIC_NAMES, seriesKey, type MetricName } from '../../main/shared/metrics';
import { useI18n } from '../i18n';
import {
  describeEvent,
  describeEventReason,
  describeSystemEvent,
  eventReasonIsKnown,
} from './event-text';
import type { HistoryFocus } from './history-view';
import { AckControls } from './alert-ack';

const NO_ALERTS: readonly AlertState[] = [];
const SEVERITIES = ['info', 'warning', 'critical', 'error'] as const;
const SEVERITY_ICON = { info: 'ℹ', warning: '▲', critical: '●', error: '✖' } as const;

/** Kinds a notification is about; they win a tie over the deliveries logged at the same time. */
const TRANSITIONS: ReadonlySet<EventKind> = new Set([
  'firing',
  'escalated',
  'deescalated',
  'reminder',
  'resolved',
]);

/**
 * The event nearest a time (a notification's `focus`); on equal distance an alert transition wins
 * over a delivery or system event, then the earlier one in the list (newest first).
 */
export function nearestEvent(
  events: readonly EventRecord[],
  time: number,
): EventRecord | undefined {
  let best: EventRecord | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const e of events) {
    // Half a millisecond of penalty orders ties without ever beating a truly nearer event.
    const score = Math.abs(e.time - time) + (TRANSITIONS.has(e.kind) ? 0 : 0.5);
    if (score < bestScore) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

/** Kinds that say an alert is (still) firing: the ones that carry Acknowledge. */
const FIRING_KINDS: ReadonlySet<EventKind> = new Set([
  'firing',
  'escalated',
  'deescalated',
  'reminder',
]);

/**
 * For each firing alert of the host, the id of its newest firing-kind event in `events` (newest
 * first): the one row that carries the alert's Acknowledge controls.
 */
export function ackRows(
  events: readonly EventRecord[],
  alerts: readonly AlertState[],
  hostId: HostId,
): Map<string, AlertState> {
  const firing = new Map<string, AlertState>();
  for (const a of alerts) if (a.state === 'firing') firing.set(instanceKey(a), a);
  const rows = new Map<string, AlertState>();
  const seen = new Set<string>();
  for (const e of events) {
    if (!FIRING_KINDS.has(e.kind) || e.ruleId === undefined || e.host !== hostId) continue;
    const series = e.series ?? (e.metric ? seriesKey(e.metric) : undefined);
    if (series === undefined) continue;
    const key = instanceKey({ ruleId: e.ruleId, series });
    const alert = firing.get(key);
    if (!alert || seen.has(key)) continue;
    seen.add(key);
    rows.set(e.id, alert);
  }
  return rows;
}

/**
 * A status's firing alerts as the Events view needs them, as JSON that changes only when an
 * alert starts, stops or is (un)acknowledged, not with every value: the memoized view keeps
 * skipping the re-render of each pushed status.
 */
export function ackAlertsKey(alerts: readonly AlertState[] | undefined): string {
  const firing = (alerts ?? []).filter((a) => a.state === 'firing');
  return JSON.stringify(firing.map((a) => ({ ...a, value: null })));
}

/** Props of {@link EventsView}. */
export interface EventsViewProps {
  readonly events: readonly EventRecord[];
  /** Time (ms) of the event to highlight, scroll to and focus, e.g. from `#/events?focus=`. */
  readonly focusTime?: number | null;
  readonly onShowInHistory: (focus: HistoryFocus) => void;
  /** The host's pending and firing alerts (firing ones can be acknowledged from their event). */
  readonly alerts?: readonly AlertState[];
  /** The host the events and alerts are of. */
  readonly hostId?: HostId;
}

/**
 * The event list with filters; memoized, as describing up to a thousand events again for every
 * pushed status (which leaves the list unchanged) would be wasted.
 */
export const EventsView = memo(function EventsView({
  events,
  focusTime = null,
  onShowInHistory,
  alerts = NO_ALERTS,
  hostId = LOCAL_HOST_ID,
}: EventsViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [severity, setSeverity] = useState<string>('');
  const [metric, setMetric] = useState<string>('');
  // A new focus request clears the filters, so the event asked for is on screen.
  const [seenFocus, setSeenFocus] = useState(focusTime);
  if (focusTime !== seenFocus) {
    setSeenFocus(focusTime);
    if (focusTime !== null) {
      setSeverity('');
      setMetric('');
    }
  }
  const focusedId = focusTime === null ? null : (nearestEvent(events, focusTime)?.id ?? null);
  const focusedRef = useRef<HTMLLIElement | null>(null);
  // Runs again when the nearest event changes, e.g. once the event list has loaded.
  useEffect(() => {
    const el = focusedRef.current;
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  }, [focusTime, focusedId]);
  const metrics = METRIC_NAMES.filter((m) => events.some((e) => e.metric === m));
  const shown = events.filter(
    (e) => (!severity || e.severity === severity) && (!metric || e.metric === metric),
  );
  const acks = ackRows(shown, alerts, hostId);

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
            const focused = e.id === focusedId;
            // Text shown as it came from the engine is marked, so language checks can skip it.
            const rawText = e.kind === 'system' && describeSystemEvent(i18n, e) === null;
            const reason = describeEventReason(i18n, e);
            const ackAlert = acks.get(e.id);
            return (
              <li
                key={e.id}
                ref={focused ? focusedRef : undefined}
                className={`event event-${e.severity} event-kind-${e.kind}${focused ? ' event-focused' : ''}`}
                data-kind={e.kind}
                aria-current={focused ? 'true' : undefined}
                tabIndex={focused ? -1 : undefined}
              >
                <span className="event-sev" title={t(`severity.${e.severity}`)}>
                  <span aria-hidden="true">{SEVERITY_ICON[e.severity]}</span>{' '}
                  {t(`severity.${e.severity}`)}
                </span>
                <time className="event-time" dateTime={new Date(e.time).toISOString()}>
                  {i18n.formatTime(e.time)}
                </time>
                <span className="event-text" data-dynamic={rawText ? '' : undefined}>
                  {describeEvent(i18n, e)}
                  {reason && (
                    <span
                      className="event-reason"
                      data-dynamic={eventReasonIsKnown(i18n, e) ? undefined : ''}
                    >
                      {' '}
                      — {t('events.reason', { reason })}
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
                {ackAlert && series && (
                  <AckControls hostId={hostId} alert={ackAlert} label={i18n.seriesLabel(series)} />
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
});

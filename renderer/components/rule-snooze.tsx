/**
 * Per-rule snooze in the health banner: each rule with a firing alert gets a small group of
 * snooze buttons (1 h, 4 h, 8 h, until resolved); a snoozed rule shows until when, with a button
 * to resume its notifications. Snooze is per rule, so all of a rule's series share one row.
 */
import { useEffect, useRef, useState } from 'react';
import type { AlertState, Status } from '../../main/shared/contract';
import { seriesKey } from '../../main/shared/metrics';
import { useI18n, type I18n } from '../i18n';
import { useApi } from '../state/context';
import { HEALTH_ICON } from './health-icon';

/** Durations offered per rule ('off' is the resume button). */
export const RULE_SNOOZES = ['1h', '4h', '8h', 'resolved'] as const;
type RuleSnooze = (typeof RULE_SNOOZES)[number];

/** One row: a rule, its firing alerts and its snooze. */
export interface RuleRow {
  readonly ruleId: string;
  /** Firing alerts of the rule, worst first (empty for a snoozed rule that is not firing). */
  readonly alerts: readonly AlertState[];
  /** Until when the rule is snoozed, if it is. */
  readonly until?: number | 'resolved';
}

/** Rules with firing alerts (worst first), then snoozed rules that are not firing. */
export function ruleRows(status: Status): RuleRow[] {
  const rows = new Map<string, AlertState[]>();
  for (const a of status.alerts) {
    if (a.state !== 'firing') continue;
    const list = rows.get(a.ruleId);
    if (list) list.push(a);
    else rows.set(a.ruleId, [a]);
  }
  const snoozed = Object.keys(status.snooze.rules).filter((id) => !rows.has(id));
  for (const id of snoozed.sort()) rows.set(id, []);
  return [...rows].map(([ruleId, alerts]) => {
    const until = status.snooze.rules[ruleId];
    return until === undefined ? { ruleId, alerts } : { ruleId, alerts, until };
  });
}

/** The words for a rule: its alerts' series (e.g. "Disk /, Disk /home"), or "Rule <id>". */
export function ruleLabel(i18n: I18n, row: RuleRow): string {
  if (row.alerts.length === 0) return i18n.t('banner.rule', { rule: row.ruleId });
  const labels = row.alerts.map((a) =>
    i18n.seriesLabel(a.target === undefined ? a.series : seriesKey(a.metric, a.target)),
  );
  return [...new Set(labels)].join(', ');
}

/** Props of {@link RuleSnoozeList}. */
export interface RuleSnoozeListProps {
  readonly status: Status;
}

/** The per-rule snooze rows; nothing when no rule fires or is snoozed. */
export function RuleSnoozeList({ status }: RuleSnoozeListProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const rows = ruleRows(status);
  if (rows.length === 0) return null;

  const snooze = async (ruleId: string, duration: RuleSnooze | 'off'): Promise<boolean> => {
    const r = await api.snooze({ ruleId, duration });
    setError(r.ok ? null : t('settings.actionFailed', { message: r.error.message }));
    return r.ok;
  };

  return (
    <>
      <ul className="banner-rules" aria-label={t('banner.rules')}>
        {rows.map((row) => (
          <RuleSnoozeRow
            key={row.ruleId}
            row={row}
            label={ruleLabel(i18n, row)}
            onSnooze={snooze}
          />
        ))}
      </ul>
      {error && (
        <p role="alert" className="banner-line banner-error">
          {error}
        </p>
      )}
    </>
  );
}

interface RuleSnoozeRowProps {
  readonly row: RuleRow;
  readonly label: string;
  readonly onSnooze: (ruleId: string, duration: RuleSnooze | 'off') => Promise<boolean>;
}

function RuleSnoozeRow({ row, label, onSnooze }: RuleSnoozeRowProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const snoozed = row.until !== undefined;
  const worst = row.alerts[0]?.severity;
  // The button pressed disappears when the pushed status flips the row; focus then moves to the
  // row's new first button instead of falling back to the page.
  const wantFocus = useRef(false);
  const first = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    first.current?.focus();
  }, [snoozed]);
  const press = (duration: RuleSnooze | 'off') => {
    wantFocus.current = true;
    void onSnooze(row.ruleId, duration).then((ok) => {
      if (!ok) wantFocus.current = false;
    });
  };

  return (
    <li className={`banner-rule${snoozed ? ' banner-rule-snoozed' : ''}`} data-rule={row.ruleId}>
      <span className="banner-rule-name">
        {worst && <span aria-hidden="true">{HEALTH_ICON[worst]} </span>}
        {label}
      </span>
      {snoozed ? (
        <>
          <span className="banner-rule-state">
            <span aria-hidden="true">☾ </span>
            {row.until === 'resolved'
              ? t('banner.ruleSnoozedResolved')
              : t('banner.ruleSnoozedUntil', { until: i18n.formatTime(row.until ?? 0) })}
          </span>
          <button
            ref={first}
            type="button"
            className="small"
            aria-label={t('banner.resumeFor', { rule: label })}
            onClick={() => press('off')}
          >
            {t('banner.resume')}
          </button>
        </>
      ) : (
        <span role="group" aria-label={t('banner.snoozeFor', { rule: label })} className="buttons">
          <span aria-hidden="true">☾ {t('banner.snooze')}:</span>
          {RULE_SNOOZES.map((d, i) => (
            <button
              key={d}
              ref={i === 0 ? first : undefined}
              type="button"
              className="small"
              onClick={() => press(d)}
            >
              {t(`settings.snooze.${d}`)}
            </button>
          ))}
        </span>
      )}
    </li>
  );
}

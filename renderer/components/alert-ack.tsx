/**
 * Acknowledge from the status view and the Events view: for a firing alert an optional note and
 * an Acknowledge button, or, once acknowledged, who and when (and the note) with a Take back
 * button. The engine answers with a pushed status, so the controls flip when the
 * acknowledgement is real.
 */
import { useState } from 'react';
import { instanceKey } from '../../main/shared/alert-instance';
import type { AlertState, HostId, Status } from '../../main/shared/contract';
import { useI18n, type I18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { useApi } from '../state/context';
import { describeAlert } from './health-banner';

/** "Acknowledged from the dashboard at 10:42 — note": who, when and the note of an alert's ack. */
export function describeAck(i18n: I18n, ack: NonNullable<AlertState['acknowledged']>): string {
  const by = i18n.t(`ack.by.${ack.by}` satisfies MessageKey);
  const line = i18n.t('ack.doneBy', { by, time: i18n.formatTime(ack.time) });
  return ack.note ? `${line} — ${ack.note}` : line;
}

/** Props of {@link AckControls}. */
export interface AckControlsProps {
  readonly hostId: HostId;
  readonly alert: AlertState;
  /** What the note field is labelled with (default: the alert with its value). */
  readonly label?: string;
}

/**
 * The note field and Acknowledge button of one firing alert, or its acknowledgement and Take
 * back; a refusal (e.g. the alert resolved meanwhile) is said in words next to them.
 */
export function AckControls({ hostId, alert, label: given }: AckControlsProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const label = given ?? describeAlert(i18n, alert);
  const ack = alert.acknowledged;

  const change = async (take: 'set' | 'clear'): Promise<void> => {
    const target = {
      host: hostId,
      ruleId: alert.ruleId,
      series: alert.series,
      by: 'dashboard' as const,
    };
    const trimmed = note.trim();
    const r =
      take === 'clear'
        ? await api.unacknowledge(target)
        : await api.acknowledge({ ...target, ...(trimmed ? { note: trimmed } : {}) });
    setError(r.ok ? null : t('settings.actionFailed', { message: r.error.message }));
    if (r.ok && take === 'set') setNote('');
  };

  return (
    <span className="ack-controls" data-ack={ack ? 'yes' : 'no'}>
      {ack ? (
        <>
          <span className="tag">{describeAck(i18n, ack)}</span>
          <button type="button" onClick={() => void change('clear')}>
            {t('ack.undo')}
          </button>
        </>
      ) : (
        <>
          <input
            type="text"
            maxLength={500}
            aria-label={`${t('ack.note')}: ${label}`}
            placeholder={t('ack.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="button" onClick={() => void change('set')}>
            {t('ack.button')}
          </button>
        </>
      )}
      {error && (
        <span role="alert" className="banner-error">
          {error}
        </span>
      )}
    </span>
  );
}

/** Props of {@link AlertAckList}. */
export interface AlertAckListProps {
  readonly status: Status;
}

/** The acknowledge rows of a host's firing alerts; nothing when none fires. */
export function AlertAckList({ status }: AlertAckListProps) {
  const i18n = useI18n();
  const firing = status.alerts.filter((a) => a.state === 'firing');
  if (firing.length === 0) return null;
  return (
    <ul className="banner-rules alert-acks" aria-label={i18n.t('ack.button')}>
      {firing.map((a) => (
        <li key={instanceKey(a)} className="banner-rule" data-ack={a.acknowledged ? 'yes' : 'no'}>
          <span className="banner-rule-name">{describeAlert(i18n, a)}</span>
          <AckControls hostId={status.hostId} alert={a} />
        </li>
      ))}
    </ul>
  );
}

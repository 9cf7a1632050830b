/**
 * Acknowledge from the status view: one row per firing alert with an optional note and an
 * Acknowledge button, or, once acknowledged, when and the note with a Take back button. The
 * engine answers with a pushed status, so the row flips when the acknowledgement is real.
 */
import { useState } from 'react';
import type { AlertState, Status } from '../../main/shared/contract';
import { useI18n } from '../i18n';
import { useApi } from '../state/context';
import { describeAlert } from './health-banner';

/** Props of {@link AlertAckList}. */
export interface AlertAckListProps {
  readonly status: Status;
}

/** The acknowledge rows of a host's firing alerts; nothing when none fires. */
export function AlertAckList({ status }: AlertAckListProps) {
  const { t } = useI18n();
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const firing = status.alerts.filter((a) => a.state === 'firing');
  if (firing.length === 0) return null;

  const change = async (a: AlertState, note: string | null): Promise<void> => {
    const target = {
      host: status.hostId,
      ruleId: a.ruleId,
      series: a.series,
      by: 'dashboard' as const,
    };
    const r =
      note === null
        ? await api.unacknowledge(target)
        : await api.acknowledge({ ...target, ...(note.trim() ? { note: note.trim() } : {}) });
    setError(r.ok ? null : t('settings.actionFailed', { message: r.error.message }));
  };

  return (
    <>
      <ul className="banner-rules alert-acks" aria-label={t('ack.button')}>
        {firing.map((a) => (
          <AckRow key={`${a.ruleId}/${a.series}`} alert={a} onChange={change} />
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

function AckRow({
  alert,
  onChange,
}: {
  readonly alert: AlertState;
  readonly onChange: (a: AlertState, note: string | null) => Promise<void>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [note, setNote] = useState('');
  const label = describeAlert(i18n, alert);
  const ack = alert.acknowledged;
  return (
    <li className="banner-rule" data-ack={ack ? 'yes' : 'no'}>
      <span className="banner-rule-name">{label}</span>
      {ack ? (
        <>
          <span className="tag">
            {t('ack.done', { time: i18n.formatTime(ack.time) })}
            {ack.note ? ` — ${ack.note}` : ''}
          </span>
          <button type="button" onClick={() => void onChange(alert, null)}>
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
          <button type="button" onClick={() => void onChange(alert, note)}>
            {t('ack.button')}
          </button>
        </>
      )}
    </li>
  );
}

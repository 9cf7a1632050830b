/** Immediate controls: snooze all, maintenance window, pause sampling. */
import { useState } from 'react';
import type { Result, Status } from '../../main/shared/contract';
import { useI18n } from '../i18n';
import { useApi } from '../state/context';

const SNOOZES = ['1h', '4h', '8h', 'resolved', 'off'] as const;

/** Props of {@link Controls}. */
export interface ControlsProps {
  readonly status: Status | null;
}

/** Snooze, maintenance and pause buttons. */
export function Controls({ status }: ControlsProps) {
  const { t } = useI18n();
  const api = useApi();
  const [minutes, setMinutes] = useState('60');
  const [error, setError] = useState<string | null>(null);
  const run = async (p: Promise<Result<unknown>>) => {
    const r = await p;
    setError(r.ok ? null : t('settings.actionFailed', { message: r.error.message }));
  };
  const mins = Number(minutes);
  const minutesValid = Number.isInteger(mins) && mins >= 1 && mins <= 10_080;
  return (
    <fieldset className="section controls">
      <legend>{t('settings.controls')}</legend>
      <div role="group" aria-labelledby="snooze-label" className="buttons">
        <span id="snooze-label">{t('settings.snoozeAll')}:</span>
        {SNOOZES.map((d) => (
          <button key={d} type="button" onClick={() => void run(api.snooze({ duration: d }))}>
            {t(`settings.snooze.${d}`)}
          </button>
        ))}
      </div>
      <div className="buttons">
        <label htmlFor="maintenance-minutes">{t('settings.maintenance')}</label>
        <input
          id="maintenance-minutes"
          type="text"
          inputMode="numeric"
          size={6}
          value={minutes}
          aria-invalid={minutesValid ? undefined : true}
          onChange={(e) => setMinutes(e.target.value)}
        />
        <button
          type="button"
          disabled={!minutesValid}
          onClick={() => void run(api.setMaintenance({ minutes: mins }))}
        >
          {t('settings.startMaintenance')}
        </button>
        {status?.maintenanceUntil != null && (
          <button type="button" onClick={() => void run(api.setMaintenance({ minutes: 0 }))}>
            {t('settings.endMaintenance')}
          </button>
        )}
      </div>
      <div className="buttons">
        <button
          type="button"
          aria-pressed={status?.paused ?? false}
          onClick={() => void run(api.setPaused({ paused: !(status?.paused ?? false) }))}
        >
          {status?.paused ? `▶ ${t('settings.resume')}` : `‖ ${t('settings.pause')}`}
        </button>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </fieldset>
  );
}

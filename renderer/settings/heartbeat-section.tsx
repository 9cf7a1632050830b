/** Settings → Heartbeat (issue 11): the daily summary email and the dead-man URL ping. */
import { useI18n } from '../i18n';
import { CheckField, NumberField, TextField } from './fields';
import type { SectionProps } from './sections';
import { errorFor } from './validation';

/** The two heartbeat toggles with their hour, URL and interval. */
export function HeartbeatSection({ draft, update, errors }: SectionProps) {
  const { t } = useI18n();
  const h = draft.heartbeat;
  return (
    <fieldset className="section">
      <legend>{t('heartbeat.heading')}</legend>
      <p className="hint">{t('heartbeat.intro')}</p>
      <CheckField
        path="heartbeat.email.enabled"
        label={t('heartbeat.emailEnabled')}
        hint={t('heartbeat.emailHint')}
        checked={h.email.enabled}
        onChange={(v) => update((d) => void (d.heartbeat.email.enabled = v))}
      />
      <NumberField
        path="heartbeat.email.hour"
        label={t('heartbeat.hour')}
        value={h.email.hour}
        error={errorFor(errors, 'heartbeat.email.hour')}
        onChange={(v) => update((d) => void (d.heartbeat.email.hour = v ?? Number.NaN))}
      />
      <CheckField
        path="heartbeat.url.enabled"
        label={t('heartbeat.urlEnabled')}
        hint={t('heartbeat.urlHint')}
        checked={h.url.enabled}
        onChange={(v) => update((d) => void (d.heartbeat.url.enabled = v))}
      />
      <TextField
        path="heartbeat.url.url"
        type="url"
        label={t('heartbeat.url')}
        value={h.url.url}
        error={errorFor(errors, 'heartbeat.url.url')}
        onChange={(v) => update((d) => void (d.heartbeat.url.url = v))}
      />
      <NumberField
        path="heartbeat.url.intervalMinutes"
        label={t('heartbeat.intervalMinutes')}
        value={h.url.intervalMinutes}
        error={errorFor(errors, 'heartbeat.url.intervalMinutes')}
        onChange={(v) => update((d) => void (d.heartbeat.url.intervalMinutes = v ?? Number.NaN))}
      />
    </fieldset>
  );
}

/** The plain settings sections: general, sampling, notifications and logging. */
import type { Settings } from '../../main/shared/settings';
import { useI18n } from '../i18n';
import { CheckField, NumberField, SelectField, TextField } from './fields';
import { errorFor, type FieldErrors } from './validation';

/** Applies a change to a copy of the draft. */
export type Update = (mutate: (draft: Settings) => void) => void;

/** What every section receives. */
export interface SectionProps {
  readonly draft: Settings;
  readonly update: Update;
  readonly errors: FieldErrors;
}

/** Language names in their own language, as language pickers show them. */
const LANGUAGE_NAMES = [
  { value: 'en', label: 'English', lang: 'en' },
  { value: 'ko', label: '한국어', lang: 'ko' },
] as const;

/** Display name, language, dashboard address. */
export function GeneralSection({ draft, update, errors }: SectionProps) {
  const { t } = useI18n();
  const g = draft.general;
  return (
    <fieldset className="section">
      <legend>{t('settings.general')}</legend>
      <TextField
        path="general.displayName"
        label={t('settings.displayName')}
        hint={t('settings.displayNameHint')}
        value={g.displayName}
        error={errorFor(errors, 'general.displayName')}
        onChange={(v) => update((d) => void (d.general.displayName = v))}
      />
      <SelectField
        path="general.language"
        label={t('settings.language')}
        value={g.language}
        options={LANGUAGE_NAMES}
        onChange={(v) => update((d) => void (d.general.language = v))}
      />
      <TextField
        path="general.dashboardUrl"
        type="url"
        label={t('settings.dashboardUrl')}
        value={g.dashboardUrl}
        error={errorFor(errors, 'general.dashboardUrl')}
        onChange={(v) => update((d) => void (d.general.dashboardUrl = v))}
      />
    </fieldset>
  );
}

const SAMPLING_FIELDS = [
  'intervalSeconds',
  'diskSeconds',
  'processesSeconds',
  'temperatureSeconds',
  'deadlineSeconds',
] as const;

/** Sampling cadences. */
export function SamplingSection({ draft, update, errors }: SectionProps) {
  const { t } = useI18n();
  return (
    <fieldset className="section">
      <legend>{t('settings.sampling')}</legend>
      <div className="grid-fields">
        {SAMPLING_FIELDS.map((f) => (
          <NumberField
            key={f}
            path={`sampling.${f}`}
            label={t(`settings.${f}`)}
            value={draft.sampling[f]}
            error={errorFor(errors, `sampling.${f}`)}
            onChange={(v) => update((d) => void (d.sampling[f] = v ?? Number.NaN))}
          />
        ))}
      </div>
      <fieldset className="subsection">
        <legend>{t('settings.selfCost')}</legend>
        <p className="muted">{t('settings.selfCostHint')}</p>
        <div className="grid-fields">
          {(['cpuBudgetPercent', 'budgetMinutes'] as const).map((f) => (
            <NumberField
              key={f}
              path={`selfCost.${f}`}
              label={t(`settings.${f}`)}
              value={draft.selfCost[f]}
              error={errorFor(errors, `selfCost.${f}`)}
              onChange={(v) => update((d) => void (d.selfCost[f] = v ?? Number.NaN))}
            />
          ))}
        </div>
      </fieldset>
    </fieldset>
  );
}

/** Desktop and email notifications, grouping and quiet hours. */
export function NotificationsSection({ draft, update, errors }: SectionProps) {
  const { t } = useI18n();
  const n = draft.notifications;
  const q = n.quietHours;
  return (
    <fieldset className="section">
      <legend>{t('settings.notifications')}</legend>
      <CheckField
        path="notifications.desktop"
        label={t('settings.desktop')}
        checked={n.desktop}
        onChange={(v) => update((d) => void (d.notifications.desktop = v))}
      />
      <CheckField
        path="notifications.email"
        label={t('settings.email')}
        hint={t('settings.emailHint')}
        checked={n.email}
        onChange={(v) => update((d) => void (d.notifications.email = v))}
      />
      <NumberField
        path="notifications.groupWindowSeconds"
        label={t('settings.groupWindowSeconds')}
        value={n.groupWindowSeconds}
        error={errorFor(errors, 'notifications.groupWindowSeconds')}
        onChange={(v) => update((d) => void (d.notifications.groupWindowSeconds = v ?? Number.NaN))}
      />
      <fieldset className="subsection">
        <legend>{t('settings.quietHours')}</legend>
        <CheckField
          path="notifications.quietHours.enabled"
          label={t('settings.quietHours')}
          checked={q.enabled}
          onChange={(v) => update((d) => void (d.notifications.quietHours.enabled = v))}
        />
        <div className="grid-fields">
          <TextField
            path="notifications.quietHours.start"
            label={t('settings.quietStart')}
            value={q.start}
            error={errorFor(errors, 'notifications.quietHours.start')}
            onChange={(v) => update((d) => void (d.notifications.quietHours.start = v))}
          />
          <TextField
            path="notifications.quietHours.end"
            label={t('settings.quietEnd')}
            value={q.end}
            error={errorFor(errors, 'notifications.quietHours.end')}
            onChange={(v) => update((d) => void (d.notifications.quietHours.end = v))}
          />
        </div>
        <CheckField
          path="notifications.quietHours.allowCritical"
          label={t('settings.allowCritical')}
          checked={q.allowCritical}
          onChange={(v) => update((d) => void (d.notifications.quietHours.allowCritical = v))}
        />
      </fieldset>
    </fieldset>
  );
}

const LOGGING_FIELDS = ['maxFileMB', 'keepFiles', 'metricsEverySeconds'] as const;

/** Log rotation and the metrics log. */
export function LoggingSection({ draft, update, errors }: SectionProps) {
  const { t } = useI18n();
  return (
    <fieldset className="section">
      <legend>{t('settings.logging')}</legend>
      <div className="grid-fields">
        {LOGGING_FIELDS.map((f) => (
          <NumberField
            key={f}
            path={`logging.${f}`}
            label={t(`settings.${f}`)}
            value={draft.logging[f]}
            error={errorFor(errors, `logging.${f}`)}
            onChange={(v) => update((d) => void (d.logging[f] = v ?? Number.NaN))}
          />
        ))}
      </div>
    </fieldset>
  );
}

/**
 * SMTP settings, the password as "set / not set" with replace and clear, and the "Send test
 * email" button with its human-readable result, and the proof of delivery (the last email the
 * server accepted).
 */
import { useState } from 'react';
import type { SettingsView, TestEmailResult } from '../../main/shared/contract';
import { describeReasonCode } from '../components/event-text';
import { useI18n } from '../i18n';
import { useApi } from '../state/context';
import { CheckField, NumberField, SelectField, TextField, fieldId } from './fields';
import type { SectionProps } from './sections';
import { errorFor } from './validation';
import { LiveDeliveryProof } from './delivery-proof';

/** A pending change to the password: keep (undefined), replace (string) or clear (null). */
export type SecretChange = string | null | undefined;

/** Props of {@link SmtpSection}. */
export interface SmtpSectionProps extends SectionProps {
  readonly view: SettingsView;
  readonly secret: SecretChange;
  readonly onSecret: (change: SecretChange) => void;
  readonly secretError?: string;
  readonly dirty: boolean;
}

/** Splits the recipients text into addresses. */
export function splitRecipients(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The SMTP section. */
export function SmtpSection({
  draft,
  update,
  errors,
  view,
  secret,
  onSecret,
  secretError,
  dirty,
}: SmtpSectionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const s = draft.smtp;
  const [toText, setToText] = useState(s.to.join(', '));
  if (splitRecipients(toText).join(',') !== s.to.join(',')) setToText(s.to.join(', '));
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<TestEmailResult | null>(null);

  const sendTest = async () => {
    setTesting(true);
    setResult(null);
    const r = await api.sendTestEmail(undefined);
    setTesting(false);
    setResult(r.ok ? r.value : { delivered: false, message: r.error.message, code: r.error.code });
  };

  const isSet = view.secrets.smtpPassword;
  const pw = 'secrets.smtpPassword';
  return (
    <fieldset className="section">
      <legend>{t('settings.smtp')}</legend>
      <CheckField
        path="smtp.enabled"
        label={t('settings.smtpEnabled')}
        hint={t('settings.smtpEnabledHint')}
        checked={s.enabled}
        onChange={(v) => update((d) => void (d.smtp.enabled = v))}
      />
      <div className="grid-fields">
        <TextField
          path="smtp.host"
          label={t('settings.smtpHost')}
          value={s.host}
          error={errorFor(errors, 'smtp.host')}
          onChange={(v) => update((d) => void (d.smtp.host = v))}
        />
        <NumberField
          path="smtp.port"
          label={t('settings.smtpPort')}
          value={s.port}
          error={errorFor(errors, 'smtp.port')}
          onChange={(v) => update((d) => void (d.smtp.port = v ?? Number.NaN))}
        />
        <SelectField
          path="smtp.security"
          label={t('settings.smtpSecurity')}
          value={s.security}
          error={errorFor(errors, 'smtp.security')}
          options={(['tls', 'starttls', 'none'] as const).map((v) => ({
            value: v,
            label: t(`settings.security.${v}`),
          }))}
          onChange={(v) => update((d) => void (d.smtp.security = v))}
        />
        <TextField
          path="smtp.username"
          label={t('settings.smtpUsername')}
          value={s.username}
          autoComplete="username"
          error={errorFor(errors, 'smtp.username')}
          onChange={(v) => update((d) => void (d.smtp.username = v))}
        />
        <TextField
          path="smtp.from"
          type="email"
          label={t('settings.smtpFrom')}
          value={s.from}
          error={errorFor(errors, 'smtp.from')}
          onChange={(v) => update((d) => void (d.smtp.from = v))}
        />
        <TextField
          path="smtp.to"
          label={t('settings.smtpTo')}
          value={toText}
          error={errorFor(errors, 'smtp.to')}
          onChange={(v) => {
            setToText(v);
            update((d) => void (d.smtp.to = splitRecipients(v)));
          }}
        />
        <TextField
          path="smtp.subjectPrefix"
          label={t('settings.subjectPrefix')}
          value={s.subjectPrefix}
          error={errorFor(errors, 'smtp.subjectPrefix')}
          onChange={(v) => update((d) => void (d.smtp.subjectPrefix = v))}
        />
      </div>
      <div className="secret" role="group" aria-labelledby="secret-label">
        <p id="secret-label">
          {t('settings.smtpPassword')}:{' '}
          <strong data-testid="secret-state">
            {isSet ? t('settings.secretSet') : t('settings.secretNotSet')}
          </strong>
          {typeof secret === 'string' && (
            <em className="pending"> — {t('settings.secretWillReplace')}</em>
          )}
          {secret === null && <em className="pending"> — {t('settings.secretWillClear')}</em>}
        </p>
        <TextField
          path={pw}
          type="password"
          autoComplete="new-password"
          label={t('settings.newPassword')}
          value={typeof secret === 'string' ? secret : ''}
          error={secretError}
          onChange={(v) => onSecret(v === '' ? undefined : v)}
        />
        <div className="buttons">
          {isSet && secret !== null && (
            <button type="button" onClick={() => onSecret(null)}>
              {t('settings.clearSecret')}
            </button>
          )}
          {secret !== undefined && (
            <button type="button" onClick={() => onSecret(undefined)} aria-controls={fieldId(pw)}>
              {t('settings.keepSecret')}
            </button>
          )}
        </div>
        {view.secretStorage === 'obscured' && (
          <p className="warning-text" role="note">
            ⚠ {t('settings.obscured')}
          </p>
        )}
      </div>
      <div className="test-email">
        <button type="button" onClick={() => void sendTest()} disabled={testing}>
          {testing ? t('settings.testSending') : t('settings.testEmail')}
        </button>
        {dirty && <span className="hint">{t('settings.testSaveFirst')}</span>}
        <div aria-live="polite">
          {result && (
            <p
              className={result.delivered ? 'ok-text' : 'error-text'}
              data-testid="test-email-result"
              title={result.message}
            >
              {result.delivered ? '✓ ' : '✗ '}
              <strong>
                {result.delivered ? t('settings.testDelivered') : t('settings.testFailed')}
              </strong>{' '}
              {testResultText(i18n, result)}
            </p>
          )}
        </div>
      </div>
      <LiveDeliveryProof />
    </fieldset>
  );
}

/**
 * The test-email outcome in the UI language: the agent's English explanation is the most
 * precise, so Korean shows the translated kind of failure with the English in a tooltip.
 */
function testResultText(i18n: ReturnType<typeof useI18n>, result: TestEmailResult): string {
  if (i18n.lang === 'en' || result.delivered || !result.code) return result.message;
  return describeReasonCode(i18n, 'smtp', { code: result.code }) ?? result.message;
}

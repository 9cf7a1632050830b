/**
 * The form of one check: every option, per-field errors in words as the user types, the
 * link-local / metadata warning, "Run now" (tries the unsaved check through `runCheck`) and
 * "Keep this check", which hands the valid check to the settings draft (saved with Save).
 */
import { useState } from 'react';
import type { CheckResult } from '../../main/shared/checks';
import type { Check } from '../../main/shared/checks';
import { useI18n } from '../i18n';
import { useApi } from '../state/context';
import { CheckResultView } from './checks-result';
import { draftHost, validateCheckDraft, type CheckDraft } from './checks-draft';
import { PrivateTargetWarning, useLinkLocal } from './check-target-warning';
import { CheckField, NumberField, SelectField, TextField } from './fields';

/** Props of {@link CheckForm}. */
export interface CheckFormProps {
  readonly initial: CheckDraft;
  /** True when editing a saved check (its id stays). */
  readonly editing: boolean;
  /** Ids of the other checks, which this one must not take. */
  readonly takenIds: readonly string[];
  readonly onApply: (check: Check) => void;
  readonly onCancel: () => void;
}

type Run =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; result: CheckResult }
  | { kind: 'failed'; message: string };

const P = 'checkForm.';

/** The add / edit form. */
export function CheckForm({ initial, editing, takenIds, onApply, onCancel }: CheckFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [d, setD] = useState<CheckDraft>(initial);
  const [shown, setShown] = useState(false);
  const [run, setRun] = useState<Run>({ kind: 'idle' });
  const host = draftHost(d);
  const linkLocal = useLinkLocal(host, d.ipFamily);
  const unconfirmed = linkLocal.length > 0 && !d.allowPrivateTarget;
  const v = validateCheckDraft(i18n, d, takenIds);
  const set = <K extends keyof CheckDraft>(k: K, value: CheckDraft[K]) => {
    setD((old) => ({ ...old, [k]: value }));
  };
  // Errors show once the user tried to run or keep it, or for fields already typed in.
  const err = (k: keyof CheckDraft): string | undefined =>
    shown || d[k] !== initial[k] ? v.errors.get(k) : undefined;
  const confirmError = unconfirmed && shown ? t('checks.error.confirmPrivate') : undefined;
  const http = d.kind === 'http';

  const runNow = async () => {
    setShown(true);
    if (!v.ok) return;
    setRun({ kind: 'running' });
    const r = await api.runCheck({ check: v.value });
    setRun(
      r.ok
        ? { kind: 'done', result: r.value.result }
        : { kind: 'failed', message: r.error.message },
    );
  };
  const apply = () => {
    setShown(true);
    // Kept only with "I mean this address" ticked; a run without it is refused in words.
    if (v.ok && !unconfirmed) onApply(v.value);
  };
  const num = (k: keyof CheckDraft, label: string, hint?: string) => (
    <NumberField
      path={P + k}
      label={label}
      hint={hint}
      value={d[k] as number}
      error={err(k)}
      onChange={(x) => set(k, (x ?? Number.NaN) as never)}
    />
  );
  const text = (k: keyof CheckDraft, label: string, hint?: string) => (
    <TextField
      path={P + k}
      label={label}
      hint={hint}
      value={d[k] as string}
      error={err(k)}
      onChange={(x) => set(k, x as never)}
    />
  );

  return (
    <fieldset className="subsection check-form" data-testid="check-form">
      <legend>
        {editing ? t('checks.formEdit', { name: initial.name }) : t('checks.formAdd')}
      </legend>
      <div className="grid-fields">
        {text('name', t('checks.field.name'))}
        {editing ? null : text('id', t('checks.field.id'))}
        <SelectField
          path={P + 'kind'}
          label={t('checks.field.kind')}
          value={d.kind}
          options={(['http', 'tcp', 'tls'] as const).map((k) => ({
            value: k,
            label: t(`checks.kind.${k}`),
          }))}
          onChange={(k) => set('kind', k)}
        />
        {http ? text('url', t('checks.field.url')) : text('address', t('checks.field.address'))}
      </div>
      {host !== undefined && linkLocal.length > 0 && (
        <PrivateTargetWarning
          host={host}
          linkLocal={linkLocal}
          path={P + 'allowPrivateTarget'}
          confirmed={d.allowPrivateTarget}
          error={confirmError}
          onConfirm={(x) => set('allowPrivateTarget', x)}
        />
      )}
      {http && (
        <div className="grid-fields">
          <SelectField
            path={P + 'method'}
            label={t('checks.field.method')}
            value={d.method}
            options={[
              { value: 'GET', label: 'GET' },
              { value: 'HEAD', label: 'HEAD' },
            ]}
            onChange={(x) => set('method', x)}
          />
          {text('accepted', t('checks.field.accepted'), t('checks.field.acceptedHint'))}
          {num('maxRedirects', t('checks.field.redirects'))}
          {text('keyword', t('checks.field.keyword'))}
          <SelectField
            path={P + 'keywordMode'}
            label={t('checks.field.keywordMode')}
            value={d.keywordMode}
            options={[
              { value: 'contains', label: t('checks.keyword.contains') },
              { value: 'absent', label: t('checks.keyword.absent') },
            ]}
            onChange={(x) => set('keywordMode', x)}
          />
          {num('bodyLimitKiB', t('checks.field.bodyLimit'))}
          {text('headerName', t('checks.field.headerName'))}
          {text('headerValue', t('checks.field.headerValue'))}
        </div>
      )}
      <div className="grid-fields">
        {num('intervalSeconds', t('checks.field.interval'))}
        {num('timeoutSeconds', t('checks.field.timeout'))}
        <SelectField
          path={P + 'ipFamily'}
          label={t('checks.field.family')}
          value={d.ipFamily}
          options={(['any', '4', '6'] as const).map((f) => ({
            value: f,
            label: t(`checks.family.${f}`),
          }))}
          onChange={(x) => set('ipFamily', x)}
        />
        {d.kind !== 'tcp' && text('caFile', t('checks.field.caFile'))}
      </div>
      {d.kind !== 'tcp' && (
        <CheckField
          path={P + 'acceptInvalidCert'}
          label={t('checks.field.acceptInvalid')}
          checked={d.acceptInvalidCert}
          onChange={(x) => set('acceptInvalidCert', x)}
        />
      )}
      <CheckField
        path={P + 'enabled'}
        label={t('checks.field.enabled')}
        checked={d.enabled}
        onChange={(x) => set('enabled', x)}
      />
      {shown && (!v.ok || unconfirmed) && (
        <p role="alert" className="error-text">
          ⚠ {t('checks.fixFirst')}
        </p>
      )}
      <div className="buttons" aria-live="polite">
        <button type="button" onClick={() => void runNow()} disabled={run.kind === 'running'}>
          ▶ {t('checks.runNow')}
        </button>
        <button type="button" className="primary" onClick={apply}>
          {t('checks.apply')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('checks.cancel')}
        </button>
      </div>
      <div aria-live="polite">
        {run.kind === 'running' && <p className="muted">{t('checks.running')}</p>}
        {run.kind === 'failed' && (
          <p role="alert" className="error-text">
            {t('checks.runFailed', { message: run.message })}
          </p>
        )}
        {run.kind === 'done' && <CheckResultView result={run.result} />}
      </div>
    </fieldset>
  );
}

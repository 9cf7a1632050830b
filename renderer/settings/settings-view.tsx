/**
 * The Settings tab: the form (validated with the shared zod schema as the user types; nothing
 * saved while anything is invalid; server field errors shown next to fields), dirty state,
 * Save and Revert, plus the immediate controls.
 */
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { SettingsView as SettingsViewData, Status } from '../../main/shared/contract';
import { secretChangeSchema, type Settings } from '../../main/shared/settings';
import { useI18n } from '../i18n';
import { useApi } from '../state/context';
import { ChecksSection } from './checks-section';
import { HeartbeatSection } from './heartbeat-section';
import { Controls } from './controls';
import { fieldId } from './fields';
import { PromRulesDownload } from './prom-rules-download';
import { RulesTable } from './rules-table';
import {
  GeneralSection,
  LoggingSection,
  NotificationsSection,
  SamplingSection,
  type Update,
} from './sections';
import { SmtpSection, type SecretChange } from './smtp-section';
import { AlertmanagersSection } from './alertmanagers-section';
import { ServersSection, type TokenChanges } from './servers-section';
import { fleetFormErrors } from './servers-validation';
import {
  errorsByField,
  localizeIssue,
  serverFieldErrors,
  validateSettings,
  type FieldErrors,
} from './validation';

/** The visible label of a field (already rendered by the form), for the error summary. */
function labelOf(path: string): string {
  return document.querySelector(`label[for="${fieldId(path)}"]`)?.textContent ?? path;
}

/** Props of {@link SettingsView}. */
export interface SettingsViewProps {
  readonly status: Status | null;
  /** Called with the saved settings (e.g. to switch the UI language). */
  readonly onSaved?: (settings: Settings) => void;
}

type Notice =
  | { kind: 'summary'; count: number }
  | { kind: 'saved' }
  | { kind: 'failed'; message: string }
  | null;

/** Loads the settings and renders the form. */
export function SettingsView({ status, onSaved }: SettingsViewProps) {
  const { t } = useI18n();
  const api = useApi();
  const [view, setView] = useState<SettingsViewData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void api.getSettings(undefined).then((r) => {
      if (cancelled) return;
      if (r.ok) setView(r.value);
      else setError(r.error.message);
    });
    return () => {
      cancelled = true;
    };
  }, [api]);
  const formSaved = useCallback(
    (v: SettingsViewData) => {
      setView(v);
      onSaved?.(v.settings);
    },
    [onSaved],
  );
  return (
    <div className="settings-view">
      <Controls status={status} />
      {error && (
        <p role="alert" className="error-text">
          {t('settings.saveFailed', { message: error })}
        </p>
      )}
      {view ? (
        <SettingsForm view={view} onSaved={formSaved} />
      ) : (
        !error && <p className="muted">{t('loading')}</p>
      )}
    </div>
  );
}

/** Props of {@link SettingsForm}. */
export interface SettingsFormProps {
  readonly view: SettingsViewData;
  readonly onSaved: (view: SettingsViewData) => void;
}

/**
 * The settings form itself; memoized, so a pushed status (which only the controls show) does not
 * validate and compare the whole draft again every second.
 */
export const SettingsForm = memo(function SettingsForm({ view, onSaved }: SettingsFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [draft, setDraft] = useState<Settings>(() => structuredClone(view.settings));
  const [secret, setSecret] = useState<SecretChange>(undefined);
  // Settings → Servers: token / Alertmanager secret changes by id (write-only).
  const [hostTokens, setHostTokens] = useState<TokenChanges>({});
  const [amSecrets, setAmSecrets] = useState<TokenChanges>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors>(new Map());
  const [notice, setNotice] = useState<Notice>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const validation = validateSettings(i18n, draft);
  const secretParse = secretChangeSchema.safeParse(secret);
  const secretError = secretParse.success
    ? undefined
    : localizeIssue(i18n, secretParse.error.issues[0]!);
  const fleetErrors = fleetFormErrors(i18n, draft);
  const errors: FieldErrors = errorsByField(
    i18n,
    new Map([...fleetErrors, ...serverErrors, ...(validation.ok ? [] : validation.errors)]),
  );
  if (secretError) (errors as Map<string, string>).set('secrets.smtpPassword', secretError);
  const dirty =
    JSON.stringify(draft) !== JSON.stringify(view.settings) ||
    secret !== undefined ||
    Object.keys(hostTokens).length > 0 ||
    Object.keys(amSecrets).length > 0;

  const update: Update = (mutate) => {
    setDraft((d) => {
      const next = structuredClone(d);
      mutate(next);
      return next;
    });
    setServerErrors(new Map());
    setNotice(null);
  };

  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());

  const save = async () => {
    if (!validation.ok || secretError || fleetErrors.size > 0) {
      setNotice({ kind: 'summary', count: errors.size });
      focusSummary();
      return;
    }
    setSaving(true);
    // A removed server's token (or Alertmanager's secret) goes with it.
    const gone = <T extends { id: string }>(before: readonly T[], after: readonly T[]) =>
      Object.fromEntries(
        before.filter((b) => !after.some((a) => a.id === b.id)).map((b) => [b.id, null]),
      );
    const tokens = {
      ...gone(view.settings.fleet.servers, validation.value.fleet.servers),
      ...hostTokens,
    };
    const ams = {
      ...gone(view.settings.fleet.alertmanagers, validation.value.fleet.alertmanagers),
      ...amSecrets,
    };
    const secrets = {
      ...(secret === undefined ? {} : { smtpPassword: secret }),
      ...(Object.keys(tokens).length ? { hostTokens: tokens } : {}),
      ...(Object.keys(ams).length ? { alertmanagerSecrets: ams } : {}),
    };
    const r = await api.saveSettings({
      settings: validation.value,
      ...(Object.keys(secrets).length ? { secrets } : {}),
    });
    setSaving(false);
    if (r.ok) {
      setDraft(structuredClone(r.value.settings));
      setSecret(undefined);
      setHostTokens({});
      setAmSecrets({});
      setServerErrors(new Map());
      setNotice({ kind: 'saved' });
      onSaved(r.value);
    } else if (r.error.fields && r.error.fields.length > 0) {
      const fe = serverFieldErrors(i18n, r.error.fields);
      setServerErrors(fe);
      setNotice({ kind: 'summary', count: errorsByField(i18n, fe).size });
      focusSummary();
    } else {
      setNotice({ kind: 'failed', message: r.error.message });
    }
  };

  const revert = () => {
    setDraft(structuredClone(view.settings));
    setSecret(undefined);
    setHostTokens({});
    setAmSecrets({});
    setServerErrors(new Map());
    setNotice(null);
  };

  const sectionProps = { draft, update, errors };
  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div ref={summaryRef} tabIndex={-1} className="form-notice" aria-live="assertive">
        {notice?.kind === 'summary' && (
          <div role="alert" className="summary">
            <p>⚠ {t('settings.summary', { count: notice.count })}</p>
            <ul>
              {[...errors].map(([path, message]) => (
                <li key={path}>
                  <a
                    href={`#${fieldId(path)}`}
                    onClick={(e) => (
                      e.preventDefault(),
                      document.getElementById(fieldId(path))?.focus()
                    )}
                  >
                    {labelOf(path)}
                  </a>
                  : {message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {notice?.kind === 'saved' && <p className="ok-text">✓ {t('settings.saved')}</p>}
        {notice?.kind === 'failed' && (
          <p role="alert" className="error-text">
            {t('settings.saveFailed', { message: notice.message })}
          </p>
        )}
      </div>
      <GeneralSection {...sectionProps} />
      <ChecksSection {...sectionProps} />
      <RulesTable {...sectionProps} />
      <SamplingSection {...sectionProps} />
      <NotificationsSection {...sectionProps} />
      <SmtpSection
        {...sectionProps}
        view={view}
        secret={secret}
        onSecret={(c) => (setSecret(c), setNotice(null))}
        secretError={secretError}
        dirty={dirty}
      />
      <ServersSection
        {...sectionProps}
        view={view}
        tokens={hostTokens}
        onTokens={(c) => (setHostTokens(c), setNotice(null))}
      />
      <AlertmanagersSection
        {...sectionProps}
        view={view}
        secrets={amSecrets}
        onSecrets={(c) => (setAmSecrets(c), setNotice(null))}
      />
      <HeartbeatSection {...sectionProps} />
      <LoggingSection {...sectionProps} />
      <PromRulesDownload />
      <p className="muted small" data-dynamic="">
        {t('settings.file', { path: view.path })}
      </p>
      <div className="form-actions">
        {dirty && <span className="dirty-note">● {t('settings.dirty')}</span>}
        <button type="button" onClick={revert} disabled={!dirty || saving}>
          {t('settings.revert')}
        </button>
        <button type="submit" className="primary" disabled={!dirty || saving}>
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
      </div>
    </form>
  );
});

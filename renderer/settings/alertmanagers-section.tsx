/**
 * Settings → Servers, "Add Alertmanager": the Alertmanager sources of the fleet (address, pin,
 * login kind), their password or bearer token write-only through saveSettings'
 * `secrets.alertmanagerSecrets` (stored as `alertmanager-secret:<id>`). "Test connection" tries
 * what the row holds (the saved secret of a saved entry, which never reaches the UI) and says
 * what it found: the version and active alerts, or the problem in words.
 */
import {
  ALERTMANAGER_AUTH,
  type AlertmanagerSource,
} from '../../main/shared/alertmanager-settings';
import type { ConnectionTestResult, SettingsView } from '../../main/shared/contract';
import { useI18n, type I18n } from '../i18n';
import { useApi } from '../state/context';
import { ConnectionResult, TestButton, useConnectionTest } from './connection-result';
import { EndpointFields, SecretField } from './endpoint-fields';
import { SelectField, TextField } from './fields';
import type { SectionProps } from './sections';
import { fingerprintDraft } from '../../main/shared/endpoint-input';
import { connectionResultText, type TokenChanges } from './servers-section';
import { newServerId } from './servers-validation';
import { errorFor } from './validation';

/** Props of {@link AlertmanagersSection}. */
export interface AlertmanagersSectionProps extends SectionProps {
  readonly view: SettingsView;
  readonly secrets: TokenChanges;
  readonly onSecrets: (next: TokenChanges) => void;
}

/** The Alertmanager rows of the settings form. */
export function AlertmanagersSection(p: AlertmanagersSectionProps) {
  const { t } = useI18n();
  const { draft, update, errors, view, secrets, onSecrets } = p;
  const savedIds = new Set(view.settings.fleet.alertmanagers.map((a) => a.id));
  const add = () =>
    update((d) => {
      const taken = new Set([...d.fleet.servers, ...d.fleet.alertmanagers].map((s) => s.id));
      const id = newServerId(`am-${d.fleet.alertmanagers.length + 1}`, taken, 'am');
      d.fleet.alertmanagers.push({
        id,
        name: `Alertmanager ${d.fleet.alertmanagers.length + 1}`,
        url: 'https://',
        fingerprint: null,
        trustSystemCa: false,
        auth: 'none',
        username: null,
        enabled: true,
      });
    });
  return (
    <fieldset className="section alertmanagers-section" data-testid="alertmanagers-section">
      <legend>{t('alertmanagers.heading')}</legend>
      <p className="muted small">{t('alertmanagers.intro')}</p>
      {draft.fleet.alertmanagers.length === 0 && <p className="muted">{t('alertmanagers.none')}</p>}
      {draft.fleet.alertmanagers.map((a, i) => (
        <AlertmanagerRow
          key={i}
          index={i}
          source={a}
          isNew={!savedIds.has(a.id)}
          saved={savedIds.has(a.id) && view.secrets.alertmanagerSecrets?.[a.id] === true}
          change={secrets[a.id]}
          onSecret={(c) => {
            const next: Record<string, string | null> = { ...secrets };
            if (c === undefined) delete next[a.id];
            else next[a.id] = c;
            onSecrets(next);
          }}
          update={update}
          errors={errors}
        />
      ))}
      <div className="buttons">
        <button type="button" onClick={add}>
          + {t('alertmanagers.add')}
        </button>
      </div>
    </fieldset>
  );
}

/** The answer of an Alertmanager's test in the UI language. */
export function alertmanagerResultText(i18n: I18n, r: ConnectionTestResult): string {
  const vars = { seen: r.fingerprintSeen ?? '—', expected: r.fingerprintExpected ?? '—' };
  if (r.connected) {
    return i18n.t('alertmanagers.result.ok', {
      version: r.version ?? '?',
      count: r.activeAlerts ?? 0,
      fingerprint: r.fingerprintSeen ?? '—',
    });
  }
  const own = AM_CODES.find((c) => c === r.code);
  if (own) return i18n.t(`alertmanagers.result.${own}`, vars);
  return connectionResultText(i18n, r);
}

/** Codes said differently for an Alertmanager than for an agent. */
const AM_CODES = [
  'fingerprint-mismatch',
  'untrusted-certificate',
  'wrong-credentials',
  'not-alertmanager',
  'refused',
  'not-tls',
] as const;

interface AlertmanagerRowProps extends Pick<SectionProps, 'update' | 'errors'> {
  readonly index: number;
  readonly source: AlertmanagerSource;
  readonly isNew: boolean;
  /** Whether a secret is saved for this (saved) entry. */
  readonly saved: boolean;
  readonly change: string | null | undefined;
  readonly onSecret: (change: string | null | undefined) => void;
}

function AlertmanagerRow({
  index: i,
  source: a,
  isNew,
  saved,
  change,
  onSecret,
  update,
  errors,
}: AlertmanagerRowProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const at = `fleet.alertmanagers.${i}`;
  const secretPath = `secrets.alertmanagerSecrets.${a.id}`;
  const set = (mutate: (x: AlertmanagerSource) => void) =>
    update((d) => {
      const x = d.fleet.alertmanagers[i];
      if (x) mutate(x);
    });
  const conn = useConnectionTest(
    JSON.stringify([a.id, a.url, a.fingerprint, a.trustSystemCa, a.auth, a.username, change]),
  );
  const test = () =>
    conn.run(async () => {
      const useSaved = typeof change !== 'string' && saved && change !== null;
      const r = await api.testAlertmanager({
        url: a.url,
        fingerprint: a.fingerprint,
        trustSystemCa: a.trustSystemCa,
        auth: a.auth,
        username: a.username,
        ...(a.auth === 'none'
          ? {}
          : typeof change === 'string'
            ? { secret: change }
            : useSaved
              ? { savedSecretOf: a.id }
              : {}),
      });
      if (r.ok) return r.value;
      const field = r.error.fields?.[0];
      const message =
        field?.path === 'secret'
          ? t('alertmanagers.result.noSecret')
          : field
            ? `${field.path}: ${field.message}`
            : r.error.message;
      return { connected: false, code: r.error.code, message };
    });
  return (
    <fieldset className="subsection server-row" data-testid={`am-row-${i}`}>
      <legend>{a.name || t('alertmanagers.rowLabel', { n: i + 1 })}</legend>
      <EndpointFields
        at={at}
        endpoint={a}
        isNew={isNew}
        hints={{ url: t('alertmanagers.urlHint') }}
        fingerprintText={a.fingerprint ?? ''}
        onFingerprint={(v) => set((x) => void (x.fingerprint = fingerprintDraft(v)))}
        set={set}
        errors={errors}
      >
        <SelectField
          path={`${at}.auth`}
          label={t('alertmanagers.auth')}
          value={a.auth}
          options={ALERTMANAGER_AUTH.map((v) => ({
            value: v,
            label: t(`alertmanagers.auth.${v}`),
          }))}
          onChange={(v) => set((x) => void (x.auth = v))}
        />
        {a.auth === 'basic' && (
          <TextField
            path={`${at}.username`}
            label={t('alertmanagers.username')}
            value={a.username ?? ''}
            error={errorFor(errors, `${at}.username`)}
            onChange={(v) => set((x) => void (x.username = v === '' ? null : v))}
          />
        )}
      </EndpointFields>
      {a.auth !== 'none' && (
        <SecretField
          path={secretPath}
          label={t('alertmanagers.secret')}
          newLabel={t('alertmanagers.newSecret')}
          stateTestId="am-secret-state"
          change={change}
          saved={saved}
          onChange={onSecret}
          errors={errors}
        />
      )}
      <div className="buttons">
        {saved && change !== null && a.auth !== 'none' && (
          <button type="button" onClick={() => onSecret(null)}>
            {t('alertmanagers.clearSecret')}
          </button>
        )}
        <TestButton test={conn} onTest={() => void test()} />
        <button
          type="button"
          className="danger"
          onClick={() => update((d) => void d.fleet.alertmanagers.splice(i, 1))}
        >
          {t('servers.remove')}
        </button>
      </div>
      <ConnectionResult
        test={conn}
        text={(r) => alertmanagerResultText(i18n, r)}
        fingerprint={a.fingerprint}
        onPin={(seen) => set((x) => void (x.fingerprint = seen))}
      />
    </fieldset>
  );
}

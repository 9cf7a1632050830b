/**
 * Settings → Servers, "Add Alertmanager": the Alertmanager sources of the fleet (address, pin,
 * login kind), their password or bearer token write-only through saveSettings'
 * `secrets.alertmanagerSecrets` (stored as `alertmanager-secret:<id>`).
 */
import {
  ALERTMANAGER_AUTH,
  type AlertmanagerSource,
} from '../../main/shared/alertmanager-settings';
import type { SettingsView } from '../../main/shared/contract';
import { useI18n } from '../i18n';
import { EndpointFields, SecretField } from './endpoint-fields';
import { SelectField, TextField } from './fields';
import type { SectionProps } from './sections';
import { fingerprintDraft, type TokenChanges } from './servers-section';
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
      {draft.fleet.alertmanagers.map((a, i) => {
        const at = `fleet.alertmanagers.${i}`;
        const set = (mutate: (x: AlertmanagerSource) => void) =>
          update((d) => {
            const x = d.fleet.alertmanagers[i];
            if (x) mutate(x);
          });
        const change = secrets[a.id];
        const saved = savedIds.has(a.id) && view.secrets.alertmanagerSecrets?.[a.id] === true;
        const onSecret = (c: string | null | undefined) => {
          const next: Record<string, string | null> = { ...secrets };
          if (c === undefined) delete next[a.id];
          else next[a.id] = c;
          onSecrets(next);
        };
        const secretPath = `secrets.alertmanagerSecrets.${a.id}`;
        return (
          <fieldset key={i} className="subsection server-row" data-testid={`am-row-${i}`}>
            <legend>{a.name || t('alertmanagers.rowLabel', { n: i + 1 })}</legend>
            <EndpointFields
              at={at}
              endpoint={a}
              isNew={!savedIds.has(a.id)}
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
              <button
                type="button"
                className="danger"
                onClick={() => update((d) => void d.fleet.alertmanagers.splice(i, 1))}
              >
                {t('servers.remove')}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="buttons">
        <button type="button" onClick={add}>
          + {t('alertmanagers.add')}
        </button>
      </div>
    </fieldset>
  );
}

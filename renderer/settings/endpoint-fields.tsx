/**
 * The fields every watched endpoint of Settings → Servers has (agents and Alertmanagers alike):
 * name, id (only while unsaved), address, pinned fingerprint, "trust the system CAs" and
 * "enabled"; and the write-only secret (token or password) with its saved / not saved word.
 */
import type { ReactNode } from 'react';
import type { Server } from '../../main/shared/settings';
import { useI18n } from '../i18n';
import { CheckField, TextField } from './fields';
import type { SectionProps } from './sections';
import { errorFor } from './validation';

/** What agents and Alertmanagers share in `settings.fleet`. */
export type Endpoint = Pick<
  Server,
  'id' | 'name' | 'url' | 'fingerprint' | 'trustSystemCa' | 'enabled'
>;

/** Props of {@link EndpointFields}. */
export interface EndpointFieldsProps extends Pick<SectionProps, 'errors'> {
  /** Settings path of the row, e.g. `fleet.servers.0`. */
  readonly at: string;
  readonly endpoint: Endpoint;
  /** Unsaved rows show the id field (a saved id is fixed). */
  readonly isNew: boolean;
  readonly hints: { readonly id?: string; readonly url: string; readonly fingerprint?: string };
  /** The fingerprint field's text (may differ from the stored, normalised one). */
  readonly fingerprintText: string;
  /** Turns typed fingerprint text into the stored value. */
  readonly onFingerprint: (text: string) => void;
  readonly set: (mutate: (x: Endpoint) => void) => void;
  /** Fields of the row's own, placed in the grid after the fingerprint. */
  readonly children?: ReactNode;
}

/** Name, id, address, fingerprint (and the row's own fields), then the two check boxes. */
export function EndpointFields(p: EndpointFieldsProps) {
  const { t } = useI18n();
  const { at, endpoint: e, errors, set } = p;
  return (
    <>
      <div className="grid-fields">
        <TextField
          path={`${at}.name`}
          label={t('servers.name')}
          value={e.name}
          error={errorFor(errors, `${at}.name`)}
          onChange={(v) => set((x) => void (x.name = v))}
        />
        {p.isNew && (
          <TextField
            path={`${at}.id`}
            label={t('servers.id')}
            hint={p.hints.id}
            value={e.id}
            error={errorFor(errors, `${at}.id`)}
            onChange={(v) => set((x) => void (x.id = v))}
          />
        )}
        <TextField
          path={`${at}.url`}
          type="url"
          label={t('servers.url')}
          hint={p.hints.url}
          value={e.url}
          error={errorFor(errors, `${at}.url`)}
          onChange={(v) => set((x) => void (x.url = v))}
        />
        <TextField
          path={`${at}.fingerprint`}
          label={t('servers.fingerprint')}
          hint={p.hints.fingerprint}
          value={p.fingerprintText}
          error={errorFor(errors, `${at}.fingerprint`)}
          onChange={p.onFingerprint}
        />
        {p.children}
      </div>
      <CheckField
        path={`${at}.trustSystemCa`}
        label={t('servers.trustSystemCa')}
        checked={e.trustSystemCa}
        onChange={(v) => set((x) => void (x.trustSystemCa = v))}
      />
      <CheckField
        path={`${at}.enabled`}
        label={t('servers.enabled')}
        checked={e.enabled}
        onChange={(v) => set((x) => void (x.enabled = v))}
      />
    </>
  );
}

/** Props of {@link SecretField}. */
export interface SecretFieldProps extends Pick<SectionProps, 'errors'> {
  /** Settings path of the secret, e.g. `secrets.hostTokens.web01`. */
  readonly path: string;
  readonly label: string;
  readonly newLabel: string;
  readonly stateTestId: string;
  /** The pending change: a string replaces, null clears, undefined keeps. */
  readonly change: string | null | undefined;
  readonly saved: boolean;
  readonly onChange: (change: string | undefined) => void;
}

/** The secret's state in words and a write-only field to replace it. */
export function SecretField(p: SecretFieldProps) {
  const { t } = useI18n();
  const word =
    p.change === null
      ? t('servers.tokenWillClear')
      : typeof p.change === 'string'
        ? t('servers.tokenWillReplace')
        : p.saved
          ? t('servers.tokenSaved')
          : t('servers.tokenNotSaved');
  return (
    <>
      <p>
        {p.label}: <strong data-testid={p.stateTestId}>{word}</strong>
      </p>
      <TextField
        path={p.path}
        type="password"
        autoComplete="new-password"
        label={p.newLabel}
        value={typeof p.change === 'string' ? p.change : ''}
        error={errorFor(p.errors, p.path)}
        onChange={(v) => p.onChange(v === '' ? undefined : v)}
      />
    </>
  );
}

/**
 * Settings → Servers: the watched Hostwatch agents (name, address, pinned fingerprint, token),
 * added, edited and removed in the settings draft; the token is write-only ("saved" / "not
 * saved") and goes out through saveSettings' `secrets.hostTokens`. Each row has "Test
 * connection", which says in words what it found, with "Pin this fingerprint" when the server
 * presents another certificate than the one pinned, or when none is pinned yet.
 */
import { useState } from 'react';
import type { ConnectionTestResult, SettingsView } from '../../main/shared/contract';
import type { Server } from '../../main/shared/settings';
import { fingerprintDraft } from '../../main/shared/endpoint-input';
import { useI18n, type I18n, type MessageKey } from '../i18n';
import { useApi } from '../state/context';
import { ConnectionResult, TestButton, useConnectionTest } from './connection-result';
import { EndpointFields, SecretField } from './endpoint-fields';
import type { SectionProps } from './sections';
import { newServerId } from './servers-validation';

/** Pending token changes by server id: a string replaces, null clears, absent keeps. */
export type TokenChanges = Readonly<Record<string, string | null>>;

/** Props of {@link ServersSection}. */
export interface ServersSectionProps extends SectionProps {
  readonly view: SettingsView;
  readonly tokens: TokenChanges;
  readonly onTokens: (next: TokenChanges) => void;
}

/** Codes with a sentence of their own; others show the engine's English words. */
const RESULT_CODES = [
  'fingerprint-mismatch',
  'untrusted-certificate',
  'wrong-token',
  'not-hostwatch',
  'version-too-old',
  'tls',
  'not-tls',
  'refused',
  'timeout',
  'dns',
] as const;

/** A test result in the UI language. */
export function connectionResultText(i18n: I18n, r: ConnectionTestResult): string {
  if (r.connected) {
    return i18n.t('servers.result.ok', {
      host: r.hostName ?? '?',
      version: r.version ?? '?',
      fingerprint: r.fingerprintSeen ?? '—',
    });
  }
  const code = RESULT_CODES.find((c) => c === r.code);
  if (code)
    return i18n.t(`servers.result.${code}` as MessageKey, { seen: r.fingerprintSeen ?? '—' });
  return i18n.lang === 'en' ? r.message : `${i18n.t('servers.result.other')} (${r.message})`;
}

/** The Servers section of the settings form. */
export function ServersSection({
  draft,
  update,
  errors,
  view,
  tokens,
  onTokens,
}: ServersSectionProps) {
  const { t } = useI18n();
  const servers = draft.fleet.servers;
  const savedIds = new Set(view.settings.fleet.servers.map((s) => s.id));
  const add = () =>
    update((d) => {
      const taken = new Set([...d.fleet.servers, ...d.fleet.alertmanagers].map((s) => s.id));
      d.fleet.servers.push({
        id: newServerId(`server-${d.fleet.servers.length + 1}`, taken),
        name: '',
        url: 'https://',
        fingerprint: null,
        trustSystemCa: false,
        enabled: true,
      });
    });
  return (
    <fieldset className="section servers-section" data-testid="servers-section">
      <legend>{t('servers.heading')}</legend>
      <p className="muted small">{t('servers.intro')}</p>
      {servers.length === 0 && <p className="muted">{t('servers.none')}</p>}
      {servers.map((s, i) => (
        <ServerRow
          key={i}
          index={i}
          server={s}
          isNew={!savedIds.has(s.id)}
          tokenSaved={view.secrets.hostTokens?.[s.id] === true && savedIds.has(s.id)}
          token={tokens[s.id]}
          onToken={(change) => {
            const next: Record<string, string | null> = { ...tokens };
            if (change === undefined) delete next[s.id];
            else next[s.id] = change;
            onTokens(next);
          }}
          update={update}
          errors={errors}
        />
      ))}
      <div className="buttons">
        <button type="button" onClick={add}>
          + {t('servers.add')}
        </button>
      </div>
    </fieldset>
  );
}

interface ServerRowProps extends Pick<SectionProps, 'update' | 'errors'> {
  readonly index: number;
  readonly server: Server;
  readonly isNew: boolean;
  readonly tokenSaved: boolean;
  readonly token: string | null | undefined;
  readonly onToken: (change: string | null | undefined) => void;
}

function ServerRow({
  index: i,
  server: s,
  isNew,
  tokenSaved,
  token,
  onToken,
  update,
  errors,
}: ServerRowProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const at = `fleet.servers.${i}`;
  const tokenPath = `secrets.hostTokens.${s.id}`;
  const [fpText, setFpText] = useState(s.fingerprint ?? '');
  if (fingerprintDraft(fpText) !== s.fingerprint) setFpText(s.fingerprint ?? '');
  const rowKey = JSON.stringify([s.id, s.url, s.fingerprint, s.trustSystemCa, token]);
  const conn = useConnectionTest(rowKey);
  const set = (mutate: (x: Server) => void) =>
    update((d) => {
      const x = d.fleet.servers[i];
      if (x) mutate(x);
    });

  const test = () =>
    conn.run(async () => {
      const useSaved = typeof token !== 'string' && tokenSaved && token !== null;
      const r = await api.testConnection({
        url: s.url,
        fingerprint: s.fingerprint,
        trustSystemCa: s.trustSystemCa,
        ...(typeof token === 'string' ? { token } : useSaved ? { savedTokenOf: s.id } : {}),
      });
      if (r.ok) return r.value;
      const field = r.error.fields?.[0];
      const message =
        field?.path === 'token'
          ? t('servers.result.noToken')
          : field
            ? `${field.path}: ${field.message}`
            : r.error.message;
      return { connected: false, code: r.error.code, message };
    });
  return (
    <fieldset className="subsection server-row" data-testid={`server-row-${i}`}>
      <legend>{s.name || t('servers.rowLabel', { n: i + 1 })}</legend>
      <EndpointFields
        at={at}
        endpoint={s}
        isNew={isNew}
        hints={{
          id: t('servers.idHint'),
          url: t('servers.urlHint'),
          fingerprint: t('servers.fingerprintHint'),
        }}
        fingerprintText={fpText}
        onFingerprint={(v) => {
          setFpText(v);
          set((x) => void (x.fingerprint = fingerprintDraft(v)));
        }}
        set={set}
        errors={errors}
      />
      <SecretField
        path={tokenPath}
        label={t('servers.token')}
        newLabel={t('servers.newToken')}
        stateTestId="token-state"
        change={token}
        saved={tokenSaved}
        onChange={onToken}
        errors={errors}
      />
      <div className="buttons">
        {tokenSaved && token !== null && (
          <button type="button" onClick={() => onToken(null)}>
            {t('servers.clearToken')}
          </button>
        )}
        {token !== undefined && tokenSaved && (
          <button type="button" onClick={() => onToken(undefined)}>
            {t('servers.keepToken')}
          </button>
        )}
        <TestButton test={conn} onTest={() => void test()} />
        <button
          type="button"
          className="danger"
          onClick={() => update((d) => void d.fleet.servers.splice(i, 1))}
        >
          {t('servers.remove')}
        </button>
      </div>
      <ConnectionResult
        test={conn}
        text={(r) => connectionResultText(i18n, r)}
        fingerprint={s.fingerprint}
        onPin={(seen) => set((x) => void (x.fingerprint = seen))}
      />
    </fieldset>
  );
}

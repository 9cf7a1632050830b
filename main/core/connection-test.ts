/**
 * The engine's side of "Test connection": picks the token (the one given, or the one saved for
 * a server, which never leaves main) and asks the connection probe port, so core never touches
 * a socket. The probe is an adapter (adapters/fleet/probe.ts) injected through the engine deps.
 * The same for an Alertmanager row: its password or token, typed or saved, and its probe
 * (adapters/fleet/alertmanager-probe.ts).
 */
import {
  alertmanagerSecret,
  type AlertmanagerAuth,
  type AlertmanagerTarget,
} from '../shared/alertmanager';
import { alertmanagerTestTarget } from '../shared/alertmanager-test';
import type { ConnectionTestResult, OperationInput, Result } from '../shared/contract';
import { hostTokenSecret } from '../shared/settings';
import type { WatchTarget } from '../shared/watch-target';
import type { SecretStore } from './ports';

/** Tests one target end to end (connect, pin, token, identity); never throws. */
export type ConnectionProbe = (target: WatchTarget) => Promise<ConnectionTestResult>;

/** Tests an Alertmanager (connect, pin, login, `/api/v2/status`, alerts); never throws. */
export type AlertmanagerProbe = (target: AlertmanagerTarget) => Promise<ConnectionTestResult>;

/** What {@link testConnection} needs. */
export interface ConnectionTestDeps {
  readonly secrets: Pick<SecretStore, 'get'>;
  /** Absent in a build without the fleet client: the answer is `unavailable`. */
  readonly probe?: ConnectionProbe;
}

/** The target of a parsed input with its token. */
export function connectionTarget(
  input: OperationInput<'testConnection'>,
  token: string,
): WatchTarget {
  const u = new URL(input.url);
  return {
    url: `${u.protocol}//${u.host}`,
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: Number(u.port),
    tls: u.protocol === 'https:',
    token,
    fingerprint: input.fingerprint ?? null,
    trustSystemCa: input.trustSystemCa,
    notes: [],
  };
}

/** Runs a connection test for the parsed input. */
export async function testConnection(
  deps: ConnectionTestDeps,
  input: OperationInput<'testConnection'>,
): Promise<Result<ConnectionTestResult>> {
  if (!deps.probe) return unavailable();
  let token = input.token;
  if (token === undefined && input.savedTokenOf !== undefined) {
    token = await deps.secrets.get(hostTokenSecret(input.savedTokenOf));
    if (token === undefined) {
      const message = `No token is saved for server "${input.savedTokenOf}": type the token`;
      return {
        ok: false,
        error: { code: 'invalid', message, fields: [{ path: 'token', message }] },
      };
    }
  }
  return { ok: true, value: await deps.probe(connectionTarget(input, token ?? '')) };
}

/** What {@link testAlertmanager} needs. */
export interface AlertmanagerTestDeps {
  readonly secrets: Pick<SecretStore, 'get'>;
  /** Absent in a build without the fleet client: the answer is `unavailable`. */
  readonly probe?: AlertmanagerProbe;
}

const unavailable = (): Result<never> => ({
  ok: false,
  error: { code: 'unavailable', message: 'This build cannot test connections' },
});

/** Runs a connection test of an Alertmanager row; the secret never appears in the answer. */
export async function testAlertmanager(
  deps: AlertmanagerTestDeps,
  input: OperationInput<'testAlertmanager'>,
): Promise<Result<ConnectionTestResult>> {
  if (!deps.probe) return unavailable();
  let secret = input.secret;
  if (input.auth !== 'none' && secret === undefined && input.savedSecretOf !== undefined) {
    secret = await deps.secrets.get(alertmanagerSecret(input.savedSecretOf));
    if (secret === undefined) {
      const message = `No password or token is saved for Alertmanager "${input.savedSecretOf}": type it`;
      return {
        ok: false,
        error: { code: 'invalid', message, fields: [{ path: 'secret', message }] },
      };
    }
  }
  const auth: AlertmanagerAuth =
    input.auth === 'basic'
      ? { kind: 'basic', username: input.username ?? '', password: secret ?? '' }
      : input.auth === 'bearer'
        ? { kind: 'bearer', token: secret ?? '' }
        : { kind: 'none' };
  const parsed = alertmanagerTestTarget(input, auth);
  if (!parsed.ok) {
    return {
      ok: false,
      error: {
        code: 'invalid',
        message: parsed.error,
        fields: [{ path: 'url', message: parsed.error }],
      },
    };
  }
  return { ok: true, value: await deps.probe(parsed.target) };
}

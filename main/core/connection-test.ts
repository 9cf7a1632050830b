/**
 * The engine's side of "Test connection": picks the token (the one given, or the one saved for
 * a server, which never leaves main) and asks the connection probe port, so core never touches
 * a socket. The probe is an adapter (adapters/fleet/probe.ts) injected through the engine deps.
 */
import type { ConnectionTestResult, OperationInput, Result } from '../shared/contract';
import { hostTokenSecret } from '../shared/settings';
import type { WatchTarget } from '../shared/watch-target';
import type { SecretStore } from './ports';

/** Tests one target end to end (connect, pin, token, identity); never throws. */
export type ConnectionProbe = (target: WatchTarget) => Promise<ConnectionTestResult>;

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
  if (!deps.probe) {
    return {
      ok: false,
      error: { code: 'unavailable', message: 'This build cannot test connections' },
    };
  }
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

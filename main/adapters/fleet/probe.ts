/**
 * The engine's connection probe (core/connection-test.ts) over the fleet client: runs
 * {@link testConnection} and, once connected, reads the agent's host name from its status, so
 * Settings → Servers can say "connected to web01, Hostwatch 0.1.0". Never carries the token.
 */
import type { ConnectionProbe } from '../../core/connection-test';
import { OPERATIONS, type ConnectionTestResult } from '../../shared/contract';
import type { WatchTarget } from '../../shared/watch-target';
import { fetchJson, testConnection, type CallOptions } from './remote-client';

/** Deadlines of a probe (tests shorten them). */
export type ProbeOptions = Pick<CallOptions, 'timeouts' | 'responseMs' | 'bodyIdleMs'>;

/** The display name a status body carries, or null. */
function hostNameOf(body: unknown): string | null {
  const host = (body as { host?: { displayName?: unknown; hostname?: unknown } } | null)?.host;
  const name = host?.displayName ?? host?.hostname;
  return typeof name === 'string' && name !== '' ? name.slice(0, 200) : null;
}

/** Tests a target and says in words what it found. */
export async function probeAgent(
  target: WatchTarget,
  options: ProbeOptions = {},
): Promise<ConnectionTestResult> {
  const result = await testConnection(target, options);
  if (!result.ok) {
    return {
      connected: false,
      code: result.code,
      message: result.message,
      ...(result.actual !== undefined ? { fingerprintSeen: result.actual } : {}),
      ...(result.expected !== undefined ? { fingerprintExpected: result.expected } : {}),
      ...(result.phase !== undefined ? { phase: result.phase } : {}),
    };
  }
  const status = await fetchJson(target, OPERATIONS.getStatus.path, {
    ...options,
    maxBytes: 1024 * 1024,
  });
  const hostName = status.ok && status.status === 200 ? hostNameOf(status.body) : null;
  return {
    connected: true,
    code: 'ok',
    message: hostName ? `${result.message} (host ${hostName})` : result.message,
    hostName,
    version: result.identity.version,
    protocol: result.identity.protocol,
    // The socket was accepted only if the certificate matched the pin.
    fingerprintSeen: target.fingerprint,
  };
}

/** The probe with default deadlines, for the engine deps. */
export const agentProbe: ConnectionProbe = (target) => probeAgent(target);

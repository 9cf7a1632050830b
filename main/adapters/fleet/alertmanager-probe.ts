/**
 * The engine's Alertmanager probe (core/connection-test.ts): connects over the pinned
 * connection (the login is written only after the certificate matched), reads
 * `GET /api/v2/status` (an Alertmanager and its version) and `GET /api/v2/alerts` (how many are
 * active), and says in words what it found. Never carries the password or token.
 */
import type { AlertmanagerProbe } from '../../core/connection-test';
import type { AlertmanagerTarget } from '../../shared/alertmanager';
import type { ConnectionTestResult } from '../../shared/contract';
import { fetchAmAlerts, fetchAmStatus, type AmCallOptions } from './alertmanager-client';
import { where } from './connect';
import type { ConnectionProblem } from './problems';

function failed(problem: ConnectionProblem): ConnectionTestResult {
  return {
    connected: false,
    code: problem.code,
    message: problem.message,
    ...(problem.actual !== undefined ? { fingerprintSeen: problem.actual } : {}),
    ...(problem.expected !== undefined ? { fingerprintExpected: problem.expected } : {}),
    ...(problem.phase !== undefined ? { phase: problem.phase } : {}),
  };
}

/** Tests an Alertmanager and says in words what it found. */
export async function probeAlertmanagerTarget(
  target: AlertmanagerTarget,
  options: AmCallOptions = {},
): Promise<ConnectionTestResult> {
  const status = await fetchAmStatus(target, options);
  if (!status.ok) return failed(status);
  const alerts = await fetchAmAlerts(target, options);
  if (!alerts.ok) return failed(alerts);
  const active = alerts.value.filter((a) => a.status.state === 'active').length;
  const version = status.value.versionInfo.version;
  return {
    connected: true,
    code: 'ok',
    message: `Connected to Alertmanager ${version} at ${where(target.conn)}${target.pathPrefix}: ${active} active alert${active === 1 ? '' : 's'}`,
    version,
    activeAlerts: active,
    // The socket was accepted only if the certificate matched the pin (connect.ts).
    fingerprintSeen: target.conn.fingerprint,
  };
}

/** The probe with default deadlines, for the engine deps. */
export const alertmanagerProbe: AlertmanagerProbe = (target) => probeAlertmanagerTarget(target);

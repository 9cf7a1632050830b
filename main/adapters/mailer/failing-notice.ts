/**
 * The notice that says the mail path has been failing for longer than its threshold, so the
 * user hears of it in the status (and the tray app's notification), not only in the log.
 */
import type { DeliveryProof, Notice } from '../../shared/contract';

/** The `email-failing` notice when sending has failed for at least `afterMs`, or null. */
export function failingNotice(proof: DeliveryProof, now: number, afterMs: number): Notice | null {
  const failing = proof.failing;
  if (!failing || now - failing.since < afterMs) return null;
  const minutes = Math.floor((now - failing.since) / 60_000);
  return {
    id: 'email-failing',
    level: 'error',
    code: 'email-failing',
    time: failing.since,
    message: `Alert emails have been failing for ${minutes} min (since ${new Date(failing.since).toISOString()}): ${failing.reason}`,
    params: { since: failing.since, minutes, ...(failing.code ? { smtpCode: failing.code } : {}) },
  };
}

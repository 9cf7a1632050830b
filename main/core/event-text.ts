/**
 * The English `message` of events, in the words and with the formatter of emails and the UI:
 * `Memory is warning: 4.9% (threshold 1%)`, never `FIRING WARNING mem.used_pct: 4.91225…`.
 * The UI builds its own sentence (in either language) from the event's fields; this text is what
 * the event log, the terminal and API readers see. Pure.
 */
import type { Severity } from '../shared/contract';
import { formatValue } from '../shared/format';
import { alertLabel } from './health';
import type { AlertMessage, Transition } from './ports';

type TransitionFields = Pick<
  Transition,
  'kind' | 'severity' | 'metric' | 'target' | 'value' | 'threshold'
>;

const SEVERITY: Record<Severity, string> = { warning: 'warning', critical: 'critical' };

/** The sentence of a rule transition, e.g. `Disk / is critical: 96% (threshold 95%)`. */
export function transitionText(t: TransitionFields): string {
  const label = alertLabel(t, 'en');
  const value = formatValue(t.metric, t.value, 'en');
  const threshold = formatValue(t.metric, t.threshold, 'en');
  switch (t.kind) {
    case 'firing':
      return `${label} is ${SEVERITY[t.severity]}: ${value} (threshold ${threshold})`;
    case 'escalated':
      return `${label} escalated to ${SEVERITY[t.severity]}: ${value} (threshold ${threshold})`;
    case 'deescalated':
      return `${label} eased to ${SEVERITY[t.severity]}: ${value}`;
    case 'resolved':
      return `${label} is back to normal: ${value}`;
  }
}

/** The sentence of a message the policy held back, e.g. `Notification about CPU held back`. */
export function heldBackText(m: Pick<AlertMessage, 'metric' | 'target'>): string {
  return `Notification about ${alertLabel(m, 'en')} held back`;
}

/** The sentence of a test email's outcome: `Test email sent to a@example.com`. */
export function testEmailText(delivered: boolean, to: readonly string[]): string {
  const who = to.length > 0 ? to.join(', ') : 'no recipient';
  return delivered ? `Test email sent to ${who}` : `Test email to ${who} failed`;
}

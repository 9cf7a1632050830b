/**
 * An Alertmanager's active alerts as one fleet host, in pure terms.
 *
 * One fleet entry per Alertmanager (not one per `instance`): Alertmanager is the desk of a
 * team that may watch hundreds of machines, so one entry per instance would push every other
 * host out of the tray menu, and instances with nothing firing would vanish and reappear as
 * alerts come and go. The entry's alerts are grouped by `instance` (sorted by it, each naming it
 * as its target), its health is the worst severity label, and a failed poll reads `unreachable`.
 *
 * Severity: `critical`, `page`, `error`, `high` → critical; anything else (`warning`, none) →
 * warning. Silenced alerts are shown as snoozed; inhibited ones too (Alertmanager holds their
 * notifications back just the same). Hostwatch never emails these alerts: Alertmanager does.
 */
import type { AlertState, FleetHealth, FleetHost, HostId, Severity } from '../shared/contract';
import type { AmAlert, SilenceDuration } from '../shared/alertmanager';
import { SILENCE_MS } from '../shared/alertmanager';
import { DEFAULT_SETTINGS } from '../shared/settings';
import type { MetricName } from '../shared/metrics';
import { compareText } from '../shared/compare-text';

const CRITICAL_WORDS = new Set(['critical', 'page', 'error', 'high', 'fatal']);

/** The Hostwatch severity of an Alertmanager alert's `severity` label. */
export function amSeverity(labels: Readonly<Record<string, string>>): Severity {
  return CRITICAL_WORDS.has((labels.severity ?? '').toLowerCase()) ? 'critical' : 'warning';
}

/** The instance an alert is about: `instance`, else `host`, else `job`, else `-`. */
export function amInstance(labels: Readonly<Record<string, string>>): string {
  return labels.instance ?? labels.host ?? labels.job ?? '-';
}

/**
 * The metric of an alert when it comes from Hostwatch's exported rules (its `rule` label names
 * a default rule); otherwise the CPU metric as a placeholder, since {@link AlertState} needs
 * one. A UI tells these alerts by their `alertmanager` field and shows its labels instead.
 */
function amMetric(labels: Readonly<Record<string, string>>): MetricName {
  const rule = DEFAULT_SETTINGS.rules.find((r) => r.id === labels.rule);
  return rule?.metric ?? 'cpu.total';
}

/** One Alertmanager alert as an {@link AlertState} of the fleet. */
export function amAlertState(alert: AmAlert): AlertState {
  const instance = amInstance(alert.labels);
  const alertname = alert.labels.alertname ?? 'alert';
  const since = Date.parse(alert.startsAt);
  return {
    ruleId: alert.labels.rule ?? alertname,
    // Unique per alert: Alertmanager's fingerprint names the label set.
    series: `alertmanager{${alert.fingerprint}}`,
    metric: amMetric(alert.labels),
    target: instance,
    state: 'firing',
    severity: amSeverity(alert.labels),
    value: null,
    threshold: 0,
    since: Number.isFinite(since) ? since : 0,
    snoozed: alert.status.state === 'suppressed',
    alertmanager: {
      fingerprint: alert.fingerprint,
      alertname,
      instance,
      labels: alert.labels,
      summary: alert.annotations.summary ?? alert.annotations.description ?? '',
      silencedBy: alert.status.silencedBy,
    },
  };
}

/** What the source knows about its Alertmanager at one moment. */
export interface AlertmanagerView {
  readonly id: HostId;
  readonly name: string;
  /** The address without any credentials. */
  readonly url: string;
  /** Active alerts of the last good poll (unprocessed ones are left out). */
  readonly alerts: readonly AmAlert[];
  /** Wall-clock ms of the last good poll, or null before any. */
  readonly lastSeen: number | null;
  /** Whether the last poll failed. */
  readonly failing: boolean;
  /** Why the last poll failed, in words (absent or null while it works). */
  readonly problem?: { readonly code: string; readonly message: string } | null;
}

/** The Alertmanager as one fleet host: alerts by instance, then critical first, then name. */
export function alertmanagerFleetHost(view: AlertmanagerView): FleetHost {
  const alerts = view.alerts
    .filter((a) => a.status.state !== 'unprocessed')
    .map(amAlertState)
    .sort(
      (a, b) =>
        compareText(a.target ?? '', b.target ?? '') ||
        (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1) ||
        compareText(a.ruleId, b.ruleId) ||
        compareText(a.series, b.series),
    );
  let health: FleetHealth;
  if (view.failing) health = 'unreachable';
  else if (view.lastSeen === null) health = 'unknown';
  else if (alerts.some((a) => a.severity === 'critical')) health = 'critical';
  else health = alerts.length > 0 ? 'warning' : 'ok';
  return {
    id: view.id,
    name: view.name,
    kind: 'alertmanager',
    url: view.url,
    health,
    lastSeen: view.lastSeen,
    alerts,
    ...(view.failing && view.problem ? { problem: view.problem } : {}),
  };
}

/** Body of `POST /api/v2/silences` (Alertmanager's `postableSilence`). */
export interface SilenceBody {
  readonly matchers: readonly {
    readonly name: string;
    readonly value: string;
    readonly isRegex: false;
    readonly isEqual: true;
  }[];
  readonly startsAt: string;
  readonly endsAt: string;
  readonly createdBy: string;
  readonly comment: string;
}

/**
 * A silence of exactly this alert: one equality matcher per label, from now for the duration,
 * created by `Hostwatch (<user>)` with a comment naming Hostwatch and the user.
 */
export function silenceBody(
  alert: Pick<AmAlert, 'labels'>,
  duration: SilenceDuration,
  user: string,
  now: number,
): SilenceBody {
  const who = user.trim() || 'unknown user';
  const name = alert.labels.alertname ?? 'alert';
  const instance = amInstance(alert.labels);
  return {
    matchers: Object.entries(alert.labels)
      .sort(([a], [b]) => compareText(a, b))
      .map(([k, v]) => ({ name: k, value: v, isRegex: false, isEqual: true })),
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + SILENCE_MS[duration]).toISOString(),
    createdBy: `Hostwatch (${who})`,
    comment: `Silenced for ${duration} from Hostwatch by ${who}: ${name} on ${instance}`,
  };
}

/**
 * The alerts worth a native notification: active (not silenced or inhibited) ones whose
 * fingerprint has not been seen before. `seen` is updated; a fingerprint that has left the list
 * is forgotten, so an alert that resolves and fires again notifies again.
 */
export function newAlertsToNotify(seen: Set<string>, alerts: readonly AmAlert[]): AmAlert[] {
  const now = new Set(alerts.map((a) => a.fingerprint));
  for (const f of [...seen]) if (!now.has(f)) seen.delete(f);
  const fresh: AmAlert[] = [];
  for (const a of alerts) {
    if (seen.has(a.fingerprint)) continue;
    seen.add(a.fingerprint);
    if (a.status.state === 'active') fresh.push(a);
  }
  return fresh;
}

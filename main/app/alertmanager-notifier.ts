/**
 * One native notification for alerts an Alertmanager source shows for the first time (the
 * source reports each fingerprint once; see core/alertmanager.ts `newAlertsToNotify`). Only a
 * notification: Alertmanager sends the email for its own alerts, Hostwatch never does.
 */
import type { Language } from '../core/health';
import type { Logger } from '../core/ports';
import type { AlertState, FleetHost } from '../shared/contract';

const WORDS = {
  en: {
    severity: { warning: 'WARNING', critical: 'CRITICAL' },
    alerts: (n: number) => `${n} new alerts`,
    on: (what: string, instance: string) => `${what} on ${instance}`,
  },
  ko: {
    severity: { warning: '경고', critical: '심각' },
    alerts: (n: number) => `새 알림 ${n}건`,
    on: (what: string, instance: string) => `${instance}의 ${what}`,
  },
} as const;

/** Title and body of the notification for new Alertmanager alerts, in the UI language. */
export function alertmanagerNotificationText(
  host: FleetHost,
  alerts: readonly AlertState[],
  language: Language,
): { title: string; body: string } {
  const w = WORDS[language];
  const line = (a: AlertState): string => {
    const name = a.alertmanager?.alertname ?? a.ruleId;
    return `${w.severity[a.severity]}: ${w.on(name, a.alertmanager?.instance ?? a.target ?? '-')}`;
  };
  const first = alerts[0];
  if (alerts.length === 1 && first) {
    return { title: `${host.name} — ${line(first)}`, body: first.alertmanager?.summary ?? '' };
  }
  return {
    title: `${host.name} — ${w.alerts(alerts.length)}`,
    body: alerts.slice(0, 6).map(line).join('\n') + (alerts.length > 6 ? '\n…' : ''),
  };
}

/** What {@link setupAlertmanagers} needs from the tray app. */
export interface AlertmanagerSetupDeps {
  /** New alerts of the settings' Alertmanager sources (compose.ts follows the settings). */
  readonly subscribe: (
    listener: (host: FleetHost, alerts: readonly AlertState[]) => void,
  ) => () => void;
  /** Whether desktop notifications are on, read when alerts come. */
  readonly desktop: () => Promise<boolean>;
  readonly notify: (title: string, body: string) => void;
  readonly language: () => Language;
  readonly logger: Logger;
}

/**
 * Raises one notification per new alert of the settings' Alertmanager sources (which follow
 * every settings change); answers the function that stops it.
 */
export function setupAlertmanagers(deps: AlertmanagerSetupDeps): () => void {
  return deps.subscribe((host, alerts) => {
    deps
      .desktop()
      .then((on) => {
        if (!on) return;
        const text = alertmanagerNotificationText(host, alerts, deps.language());
        deps.notify(text.title, text.body);
      })
      .catch((err: unknown) => deps.logger.warn('Alertmanager notification', String(err)));
  });
}

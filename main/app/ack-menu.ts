/**
 * The tray menu's firing alerts (issue 11): one item per firing alert of this computer, which
 * acknowledges it, or, once acknowledged, says when and takes it back. Pure; the labels carry no
 * live value, so the menu is rebuilt only when an alert starts, stops or is acknowledged.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AlertState } from '../shared/contract';
import { alertLabel, type Language } from '../core/health';
import { ackStrings } from './ack-strings';

/** A firing alert as the menu lists it. */
export interface MenuAlert {
  readonly ruleId: string;
  readonly series: string;
  /** `CPU`, `Disk /`, in the menu's language. */
  readonly label: string;
  readonly severity: AlertState['severity'];
  /** When it was acknowledged (wall-clock ms), absent while not acknowledged. */
  readonly acknowledgedAt?: number;
}

/** What the alert items do. */
export interface AckMenuActions {
  acknowledge(ruleId: string, series: string): void;
  unacknowledge(ruleId: string, series: string): void;
}

/** The menu's view of a status's alerts: the firing ones, worst first as the status lists them. */
export function menuAlerts(alerts: readonly AlertState[], language: Language): MenuAlert[] {
  return alerts
    .filter((a) => a.state === 'firing')
    .map((a) => ({
      ruleId: a.ruleId,
      series: a.series,
      label: alertLabel(a, language),
      severity: a.severity,
      ...(a.acknowledged ? { acknowledgedAt: a.acknowledged.time } : {}),
    }));
}

/** The items (with a separator after them), or none when nothing fires. */
export function buildAckMenuItems(
  alerts: readonly MenuAlert[],
  language: Language,
  actions: AckMenuActions,
): MenuItemConstructorOptions[] {
  if (alerts.length === 0) return [];
  const s = ackStrings(language);
  const time = (ms: number): string =>
    new Date(ms).toLocaleTimeString(language, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  const items = alerts.map((a): MenuItemConstructorOptions => {
    const id = `ack:${a.ruleId}:${a.series}`;
    const what = `${a.label} (${s.severity[a.severity]})`;
    return a.acknowledgedAt === undefined
      ? { id, label: s.acknowledge(what), click: () => actions.acknowledge(a.ruleId, a.series) }
      : {
          id,
          label: s.takeBack(what, time(a.acknowledgedAt)),
          click: () => actions.unacknowledge(a.ruleId, a.series),
        };
  });
  return [{ id: 'ack-heading', label: s.heading, enabled: false }, ...items, { type: 'separator' }];
}

/**
 * The tray menu's firing alerts (issue 11): one item per firing alert of this computer and of
 * every watched agent, which acknowledges it (a remote one through the host-aware operation,
 * which forwards it to that agent), or, once acknowledged, says when and takes it back. When the
 * fleet has hosts beyond this computer, each item names its host ("CPU (warning) on web02").
 * Pure; the labels carry no live value, so the menu is rebuilt only when an alert starts, stops
 * or is acknowledged.
 */
import type { MenuItemConstructorOptions } from 'electron';
import {
  LOCAL_HOST_ID,
  type AlertState,
  type FleetSummary,
  type HostId,
  type Status,
} from '../shared/contract';
import { alertLabel, type Language } from '../core/health';
import { UNREACHABLE_RULE_ID } from '../core/fleet-rules';
import { ackStrings } from './ack-strings';

/** A firing alert as the menu lists it. */
export interface MenuAlert {
  /** The host the alert belongs to (`local` for this computer). */
  readonly host: HostId;
  /** The host's name, set only when the menu lists alerts of more than one possible host. */
  readonly hostName?: string;
  readonly ruleId: string;
  readonly series: string;
  /** `CPU`, `Disk /`, in the menu's language. */
  readonly label: string;
  readonly severity: AlertState['severity'];
  /** When it was acknowledged (wall-clock ms), absent while not acknowledged. */
  readonly acknowledgedAt?: number;
}

/** What the alert items do; `host` is the alert's host (`local` for this computer). */
export interface AckMenuActions {
  acknowledge(ruleId: string, series: string, host: HostId): void;
  unacknowledge(ruleId: string, series: string, host: HostId): void;
}

/** The menu's view of a status's alerts: the firing ones, worst first as the status lists them. */
export function menuAlerts(
  alerts: readonly AlertState[],
  language: Language,
  host: HostId = LOCAL_HOST_ID,
  hostName?: string,
): MenuAlert[] {
  return alerts
    .filter((a) => a.state === 'firing')
    .map((a) => ({
      host,
      ...(hostName !== undefined ? { hostName } : {}),
      ruleId: a.ruleId,
      series: a.series,
      label: alertLabel(a, language),
      severity: a.severity,
      ...(a.acknowledged ? { acknowledgedAt: a.acknowledged.time } : {}),
    }));
}

/**
 * The firing alerts of this computer (from its status) and of every watched agent (from the
 * fleet summary), this computer's first. A remote host's "unreachable" alert is this computer's
 * own and is listed with it; an Alertmanager source's alerts are silenced there, not here.
 */
export function fleetMenuAlerts(
  local: Status | null,
  fleet: FleetSummary | null,
  language: Language,
): MenuAlert[] {
  const remote = (fleet?.hosts ?? []).filter((h) => h.id !== LOCAL_HOST_ID && h.kind === 'agent');
  if (remote.length === 0) return menuAlerts(local?.alerts ?? [], language);
  const localName = local ? local.host.displayName || local.host.hostname : undefined;
  return [
    ...menuAlerts(local?.alerts ?? [], language, LOCAL_HOST_ID, localName),
    ...remote.flatMap((h) =>
      menuAlerts(
        h.alerts.filter((a) => a.ruleId !== UNREACHABLE_RULE_ID),
        language,
        h.id,
        h.name,
      ),
    ),
  ];
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
    // This computer's items keep their one-host ids; a remote host's carry its id.
    const id =
      a.host === LOCAL_HOST_ID
        ? `ack:${a.ruleId}:${a.series}`
        : `ack@${a.host}:${a.ruleId}:${a.series}`;
    const alert = `${a.label} (${s.severity[a.severity]})`;
    const what = a.hostName === undefined ? alert : s.onHost(alert, a.hostName);
    return a.acknowledgedAt === undefined
      ? {
          id,
          label: s.acknowledge(what),
          click: () => actions.acknowledge(a.ruleId, a.series, a.host),
        }
      : {
          id,
          label: s.takeBack(what, time(a.acknowledgedAt)),
          click: () => actions.unacknowledge(a.ruleId, a.series, a.host),
        };
  });
  return [{ id: 'ack-heading', label: s.heading, enabled: false }, ...items, { type: 'separator' }];
}

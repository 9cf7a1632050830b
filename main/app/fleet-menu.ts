/**
 * The fleet part of the tray menu: one entry per host with its health dot and headline
 * (`🟢 web01 — OK · cpu 12% · disk / 71%`) and a submenu each (open the dashboard at this host,
 * snooze this host, copy its address). Pure: built from {@link MenuHost}s; every action goes
 * through {@link FleetMenuActions}, because AppIndicator delivers no tray clicks.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { assertNever } from '../shared/assert-never';
import { formatValue, type Language } from '../shared/format';
import type { FleetHeadline, FleetHealth, HostId } from '../shared/contract';
import type { SnoozeChoice } from './menu';
import { fleetStrings } from './fleet-strings';

/** One host as the menu lists it. */
export interface MenuHost {
  readonly id: HostId;
  readonly name: string;
  readonly health: FleetHealth;
  /** Where a remote host is reached (copied by "Copy address"); absent for the local host. */
  readonly url?: string;
  readonly headline?: FleetHeadline;
}

/** What the host submenus do. */
export interface FleetMenuActions {
  /** Opens the dashboard at this host's status. */
  openHost(host: HostId): void;
  snoozeHost(host: HostId, choice: SnoozeChoice): void;
  copyText(text: string): void;
}

/** A dot per health that reads without colour too (each is a different shape or fill). */
export function healthDot(health: FleetHealth): string {
  switch (health) {
    case 'ok':
      return '🟢';
    case 'warning':
      return '🟡';
    case 'critical':
      return '🔴';
    case 'unreachable':
      return '⛔';
    case 'unknown':
      return '⚪';
    default:
      return assertNever(health, 'Unknown health');
  }
}

/** `web01 — OK · cpu 12% · disk / 71%` (values only when known; none for an unreachable host). */
export function hostHeadline(host: MenuHost, language: Language): string {
  const s = fleetStrings(language);
  const parts = [`${host.name} — ${s.health[host.health]}`];
  const h = host.headline;
  if (h && host.health !== 'unreachable') {
    if (h.cpu !== null) parts.push(`${s.cpu} ${formatValue('cpu.total', h.cpu, language)}`);
    if (h.disk !== null)
      parts.push(
        `${s.disk} ${h.disk.target} ${formatValue('disk.used_pct', h.disk.usedPct, language)}`,
      );
  }
  return parts.join(' · ');
}

/** Menu ids are built from host ids; these keep them apart from the fixed items. */
function itemId(host: HostId, what: string): string {
  return `host:${host}:${what}`;
}

/** The host entries (empty for no hosts), each with its submenu, followed by a separator. */
export function buildFleetMenuItems(
  hosts: readonly MenuHost[],
  language: Language,
  actions: FleetMenuActions,
): MenuItemConstructorOptions[] {
  if (hosts.length === 0) return [];
  const s = fleetStrings(language);
  const entries = hosts.map((host): MenuItemConstructorOptions => {
    const snooze = (choice: SnoozeChoice, label: string): MenuItemConstructorOptions => ({
      id: itemId(host.id, `snooze-${choice}`),
      label,
      click: () => actions.snoozeHost(host.id, choice),
    });
    const submenu: MenuItemConstructorOptions[] = [
      { id: itemId(host.id, 'open'), label: s.openHost, click: () => actions.openHost(host.id) },
      {
        id: itemId(host.id, 'snooze'),
        label: s.snoozeHost,
        submenu: [
          snooze('1h', s.snooze1h),
          snooze('4h', s.snooze4h),
          snooze('8h', s.snooze8h),
          snooze('resolved', s.snoozeResolved),
          { type: 'separator' },
          snooze('off', s.resumeHost),
        ],
      },
    ];
    const url = host.url;
    if (url !== undefined)
      submenu.push({
        id: itemId(host.id, 'copy'),
        label: s.copyAddress,
        click: () => actions.copyText(url),
      });
    return {
      id: itemId(host.id, 'entry'),
      label: `${healthDot(host.health)} ${hostHeadline(host, language)}`,
      submenu,
    };
  });
  return [...entries, { type: 'separator' }];
}

/**
 * What the tray shows of the fleet, from the local status and the latest fleet summary: the hosts
 * that decide the colour and tooltip, and the host entries of the menu. Pure; a fleet of only the
 * local host adds no menu entries (the menu stays as it was for one machine).
 */
import { LOCAL_HOST_ID, type FleetSummary, type Status } from '../shared/contract';
import { summarize } from '../shared/host-summary';
import type { TrayHost } from '../core/tray-state';
import type { MenuHost } from './fleet-menu';

/** The tray's view of the fleet. */
export interface TrayFleetView {
  /** The local status (when known) first, then every other host of the summary. */
  readonly trayHosts: readonly TrayHost[];
  /** One entry per host when the fleet has hosts beyond the local one, else none. */
  readonly menuHosts: readonly MenuHost[];
}

/** Combines the local status (fresh every tick) with the fleet summary (pushed on change). */
export function fleetView(local: Status | null, fleet: FleetSummary | null): TrayFleetView {
  const remote = (fleet?.hosts ?? []).filter((h) => h.id !== LOCAL_HOST_ID);
  const trayHosts: TrayHost[] = [...(local ? [local] : []), ...remote];
  if (remote.length === 0) return { trayHosts, menuHosts: [] };
  const menuHosts: MenuHost[] = [];
  if (local) {
    menuHosts.push({
      id: LOCAL_HOST_ID,
      name: local.host.displayName || local.host.hostname,
      // A paused engine knows nothing fresh about its host: say so rather than "OK".
      health: local.paused ? 'unknown' : local.health,
      headline: summarize(local).headline,
    });
  }
  for (const h of remote) {
    menuHosts.push({
      id: h.id,
      name: h.name,
      health: h.health,
      ...(h.url !== undefined ? { url: h.url } : {}),
      ...(h.headline !== undefined ? { headline: h.headline } : {}),
    });
  }
  return { trayHosts, menuHosts };
}

/**
 * Host-aware hash routes: `#/<host>/<tab>` (e.g. `#/web01/status`, `#/web02/events?focus=<ms>`)
 * name a host of the fleet, `#/fleet` the Fleet overview, and the one-host routes of routing.ts
 * (`#/status`, …) mean the local host. The tray's "Open dashboard at this host" and a remote
 * event's notification open the window at such a route (main/app/main.ts,
 * main/app/remote-notifications.ts `hostEventsRoute`).
 */
import { LOCAL_HOST_ID, type HostId } from '../main/shared/contract';
import { parseRoute, routeHash, type Route } from './routing';

/** A parsed host route: the Fleet overview, or a tab of one host. */
export type HostRoute =
  | { readonly view: 'fleet' }
  | { readonly view: 'host'; readonly host: HostId; readonly route: Route };

/** Parses a location hash; null when it is not one of our routes (an in-page anchor). */
export function parseHostRoute(hash: string): HostRoute | null {
  const bare = hash.replace(/^#/, '');
  if (/^\/fleet\/?$/.test(bare)) return { view: 'fleet' };
  const plain = parseRoute(bare);
  if (plain) return { view: 'host', host: LOCAL_HOST_ID, route: plain };
  const m = /^\/([^/?#]{1,128})(\/[a-z]+\/?(?:\?.*)?)$/.exec(bare);
  if (!m?.[1] || !m[2]) return null;
  let host: string;
  try {
    host = decodeURIComponent(m[1]);
  } catch {
    return null; // a broken %-escape is not a host id
  }
  const route = parseRoute(m[2]);
  return route ? { view: 'host', host, route } : null;
}

/** The hash for a host route; the local host keeps the short one-host form (`#/status`). */
export function hostRouteHash(route: HostRoute): string {
  if (route.view === 'fleet') return '#/fleet';
  const tail = routeHash(route.route);
  return route.host === LOCAL_HOST_ID
    ? tail
    : `#/${encodeURIComponent(route.host)}${tail.slice(1)}`;
}

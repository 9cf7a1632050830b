/**
 * Hash routes of the window: `#/status`, `#/history`, `#/events`, `#/settings`, and
 * `#/events?focus=<epoch ms>` to show the event nearest a time. The Electron shell opens the
 * window at such a route when a notification is clicked (main/app/notifications.ts
 * `eventsRoute`); on an open window only the hash changes.
 */

/** The tabs of the window. */
export const TABS = ['status', 'history', 'events', 'settings'] as const;
/** One tab. */
export type Tab = (typeof TABS)[number];

/** A parsed route: the tab and, for events, the time to focus. */
export interface Route {
  readonly tab: Tab;
  /** Epoch ms of the event to focus (events only), or null. */
  readonly focus: number | null;
}

function isTab(name: string): name is Tab {
  return (TABS as readonly string[]).includes(name);
}

/**
 * Parses a location hash such as `#/events?focus=1700000000000`; null when it is not one of our
 * routes (e.g. an in-page anchor), so such hashes never switch the tab.
 */
export function parseRoute(hash: string): Route | null {
  const m = /^#?\/([a-z]+)\/?(?:\?(.*))?$/.exec(hash);
  if (!m?.[1] || !isTab(m[1])) return null;
  const tab = m[1];
  if (tab !== 'events' || !m[2]) return { tab, focus: null };
  const raw = new URLSearchParams(m[2]).get('focus');
  const focus = raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
  return { tab, focus };
}

/** The hash for a route, e.g. `#/events?focus=1700000000000`. */
export function routeHash(route: Route): string {
  return route.tab === 'events' && route.focus !== null
    ? `#/events?focus=${Math.round(route.focus)}`
    : `#/${route.tab}`;
}

/**
 * Native notifications for remote hosts' FIRING and RESOLVED events: the remote agent emails its
 * own alerts, the desktop only shows them. Each event is shown at most once per (host, event id)
 * across stream reconnects (replayed events carry the same id) and app restarts (the delivered
 * ids are kept in the data folder, see main/adapters/fleet/delivered-ids.ts). Clicking opens the
 * dashboard at that host's events, focused on that event.
 */
import { LOCAL_HOST_ID, type EventRecord, type HostId } from '../shared/contract';
import { formatValue, type Language } from '../shared/format';
import { parseSeriesKey } from '../shared/metrics';
import type { Logger } from '../core/ports';
import { alertLabel } from '../core/health';
import { fleetStrings } from './fleet-strings';
import type { NotificationClass, NotificationLike } from './notifications';

/** Remembers which events were shown (bounded; persisted by the adapter). */
export interface DeliveredIds {
  has(key: string): boolean;
  add(key: string): void;
}

/** What the remote-event notifier needs. */
export interface RemoteNotifierDeps {
  readonly Notification: NotificationClass;
  readonly delivered: DeliveredIds;
  /** Opens the window at a renderer route. */
  readonly openRoute: (route: string) => void;
  /** The name the user knows a host by (the fleet's name; the id when unknown). */
  readonly hostName: (host: HostId) => string;
  readonly language: () => Language;
  readonly logger: Logger;
}

/** The renderer route of a host's events focused on the event nearest `time` (ms). */
export function hostEventsRoute(host: HostId, time: number): string {
  return `/${encodeURIComponent(host)}/events?focus=${Math.round(time)}`;
}

/** The key an event is remembered by: event ids are unique per agent, not across agents. */
export function deliveredKey(event: EventRecord): string {
  return `${event.host}\u0000${event.id}`;
}

/** Title and body for a remote event, or null when it is not one worth a notification. */
export function remoteEventText(
  event: EventRecord,
  hostName: string,
  language: Language,
): { title: string; body: string } | null {
  if (event.host === LOCAL_HOST_ID) return null; // the desktop channel shows our own
  if (event.kind !== 'firing' && event.kind !== 'resolved') return null;
  const s = fleetStrings(language);
  const parsed = event.series !== undefined ? parseSeriesKey(event.series) : undefined;
  const metric = parsed?.metric ?? event.metric;
  const what =
    metric !== undefined
      ? `${alertLabel({ metric, ...(parsed?.target !== undefined ? { target: parsed.target } : {}) }, language)}${
          event.value !== undefined ? ` ${formatValue(metric, event.value, language)}` : ''
        }`
      : (event.ruleId ?? '');
  const level =
    event.kind === 'firing' && (event.severity === 'warning' || event.severity === 'critical')
      ? ` ${s.severity[event.severity]}`
      : '';
  const tag = event.kind === 'firing' ? s.firing : s.resolved;
  return { title: `${hostName} — ${tag}${level}: ${what}`, body: event.message };
}

/** Creates the notifier; feed it every pushed event (local ones are ignored). */
export function createRemoteEventNotifier(deps: RemoteNotifierDeps): (event: EventRecord) => void {
  // Keep shown notifications referenced: a collected Notification loses its click handler
  // (https://github.com/electron/electron/issues/12690).
  const live = new Set<NotificationLike>();
  return (event) => {
    try {
      const text = remoteEventText(event, deps.hostName(event.host), deps.language());
      if (!text) return;
      const key = deliveredKey(event);
      if (deps.delivered.has(key)) return;
      // Remembered before showing: a crash in between loses one notification, never repeats it.
      deps.delivered.add(key);
      if (!deps.Notification.isSupported()) return;
      const n = new deps.Notification({ title: text.title, body: text.body, silent: false });
      live.add(n);
      n.on('click', () => {
        live.delete(n);
        deps.openRoute(hostEventsRoute(event.host, event.time));
      });
      n.on('close', () => live.delete(n));
      n.show();
    } catch (err) {
      deps.logger.error('remote event notification failed', err);
    }
  };
}

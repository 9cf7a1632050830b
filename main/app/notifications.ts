/**
 * The `desktop` channel: one native notification per delivered batch (FIRING, ESCALATED and
 * RESOLVED messages; reminders go only to email), in the UI language. Clicking it opens the
 * dashboard at that event: the window loads `index.html#/events?focus=<ms>` (see eventsRoute),
 * where the alert can be acknowledged. Where the platform has notification buttons (macOS,
 * Windows), a notification about one firing alert also carries an Acknowledge button.
 */
import type { NotificationConstructorOptions } from 'electron';
import type { AlertBatch, AlertMessage, Channel, Logger } from '../core/ports';
import type { HostwatchApi, Status } from '../shared/contract';
import { formatValue, type Language } from '../core/health';
import { alertLabel } from '../core/email-text';
import { strings } from './strings';
import { ackStrings } from './ack-strings';
import { deliveryStrings } from './delivery-tray';

/** The part of Electron's Notification the channel uses. */
export interface NotificationLike {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

/** Electron's Notification class, as injected. */
export interface NotificationClass {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

/** A notification that also reports its buttons (the desktop channel's Acknowledge). */
export interface ActionNotificationLike extends NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  /** A button of `actions` was pressed (macOS, Windows); Electron passes `{ actionIndex }`. */
  on(event: 'action', listener: (details: { actionIndex?: number } | undefined) => void): unknown;
}

/** Electron's Notification class, as the desktop channel uses it. */
export interface ActionNotificationClass {
  new (options: NotificationConstructorOptions): ActionNotificationLike;
  isSupported(): boolean;
}

/** What the desktop channel needs. */
export interface DesktopChannelDeps {
  readonly Notification: ActionNotificationClass;
  /** Opens the window at a renderer route. */
  readonly openRoute: (route: string) => void;
  /** Said once when the platform has no notifications (alerts still reach email, log and tray). */
  readonly onUnsupported: (message: string) => void;
  readonly logger: Logger;
  /**
   * Acknowledges an alert from its notification's button (by: notification); given only where
   * the platform shows notification buttons. Without it a click opens the Events view instead.
   */
  readonly acknowledge?: (ruleId: string, series: string) => void;
}

/** The renderer route that shows the Events view focused on the event nearest `time` (ms). */
export function eventsRoute(time: number): string {
  return `/events?focus=${Math.round(time)}`;
}

const SHOWN_KINDS = new Set<AlertMessage['kind']>(['firing', 'escalated', 'resolved']);

/** Title and body of the notification for a batch, or null when nothing in it is worth one. */
export function notificationText(batch: AlertBatch): {
  title: string;
  body: string;
  focus: number;
  /** The one alert the notification is about while it fires, which its button acknowledges. */
  ackable?: { ruleId: string; series: string };
} | null {
  const messages = batch.messages.filter((m) => SHOWN_KINDS.has(m.kind));
  const first = messages[0];
  if (!first) return null;
  const language = batch.context.language;
  const s = strings(language);
  const line = (m: AlertMessage): string => {
    const what = alertLabel(m, language);
    const value = m.value === null ? '' : ` ${formatValue(m.metric, m.value, language)}`;
    const tag =
      m.kind === 'resolved' ? s.resolved : m.kind === 'escalated' ? s.escalated : s.firing;
    const level = m.kind === 'resolved' ? '' : ` ${s.severity[m.severity]}`;
    return `${tag}${level}: ${what}${value}`;
  };
  const host = batch.context.hostname;
  if (messages.length === 1) {
    return {
      title: `${host} — ${line(first)}`,
      body: bodyFor(first, language),
      focus: first.at,
      ...(first.kind === 'resolved'
        ? {}
        : { ackable: { ruleId: first.ruleId, series: first.series } }),
    };
  }
  return {
    title: `${host} — ${s.alerts(messages.length)}`,
    body: messages.slice(0, 6).map(line).join('\n') + (messages.length > 6 ? '\n…' : ''),
    focus: Math.min(...messages.map((m) => m.at)),
  };
}

function bodyFor(m: AlertMessage, language: Language): string {
  const s = strings(language);
  const threshold = formatValue(m.metric, m.threshold, language);
  if (m.kind === 'resolved') return s.backBelow(threshold);
  const since = new Date(m.since).toLocaleTimeString(language, {
    hour: '2-digit',
    minute: '2-digit',
  });
  return s.aboveSince(threshold, since);
}

/** Creates the `desktop` channel. */
export function createDesktopChannel(deps: DesktopChannelDeps): Channel {
  // Keep shown notifications referenced: a collected Notification loses its click handler
  // (https://github.com/electron/electron/issues/12690).
  const live = new Set<NotificationLike>();
  let toldUnsupported = false;
  return {
    name: 'desktop',
    deliver(batch) {
      try {
        const text = notificationText(batch);
        if (!text) return Promise.resolve();
        if (!deps.Notification.isSupported()) {
          if (!toldUnsupported)
            deps.onUnsupported(strings(batch.context.language).notificationsUnsupported);
          toldUnsupported = true;
          return Promise.resolve();
        }
        const ack = deps.acknowledge && text.ackable;
        const n = new deps.Notification({
          title: text.title,
          body: text.body,
          silent: false,
          ...(ack
            ? { actions: [{ type: 'button', text: ackStrings(batch.context.language).action }] }
            : {}),
        });
        live.add(n);
        if (ack) {
          const acknowledge = deps.acknowledge;
          n.on('action', (details) => {
            live.delete(n);
            // One button only, so any index is it; older Electron passed no details object.
            if ((details?.actionIndex ?? 0) === 0) acknowledge?.(ack.ruleId, ack.series);
          });
        }
        n.on('click', () => {
          live.delete(n);
          deps.openRoute(eventsRoute(text.focus));
        });
        n.on('close', () => live.delete(n));
        n.show();
      } catch (err) {
        // A channel never throws: the batch still reached email, the log and the tray.
        deps.logger.error('desktop notification failed', err);
      }
      return Promise.resolve();
    },
  };
}

/** The desktop channel's `acknowledge`: through the engine API, by `notification`; refusals logged. */
export function acknowledgeFromNotification(
  api: Pick<HostwatchApi, 'acknowledge'>,
  logger: Logger,
): (ruleId: string, series: string) => void {
  return (ruleId, series) => {
    api
      .acknowledge({ ruleId, series, by: 'notification' })
      .then((r) => {
        if (!r.ok) logger.warn(`acknowledge from a notification refused: ${r.error.message}`);
      })
      .catch((err: unknown) => logger.error('acknowledge from a notification failed', err));
  };
}

/** Shows a short message: a notification where supported, otherwise the given fallback. */
export function notifyOrFallback(
  Notification: NotificationClass,
  fallback: (title: string, body: string) => void,
): (title: string, body: string) => void {
  return (title, body) => {
    if (Notification.isSupported()) new Notification({ title, body }).show();
    else fallback(title, body);
  };
}

/**
 * Raises one native notification when a status notice that puts alerts at risk appears, and
 * again only after it has cleared and come back. Feed it every status. The notices:
 * `email-not-persisted` (alert emails only in memory because the disk refused them) and
 * `email-failing` (sending has failed for longer than the threshold; see failing-notice.ts).
 */
export function createNoticeNotifier(
  show: (title: string, body: string) => void,
): (status: Status) => void {
  const shown = new Set<string>();
  const once = (code: string, present: boolean, say: () => void): void => {
    if (!present) shown.delete(code);
    else if (!shown.has(code)) {
      shown.add(code);
      say();
    }
  };
  return (status) => {
    const s = strings(status.language);
    const lost = status.notices.find((x) => x.code === 'email-not-persisted');
    once('email-not-persisted', lost !== undefined, () => {
      const count = typeof lost?.params?.count === 'number' ? lost.params.count : 1;
      const error = typeof lost?.params?.error === 'string' ? lost.params.error : '?';
      show(s.emailNotPersistedTitle, s.emailNotPersisted(count, error));
    });
    const failing = status.notices.find((x) => x.code === 'email-failing');
    once('email-failing', failing !== undefined, () => {
      const d = deliveryStrings(status.language);
      const minutes = typeof failing?.params?.minutes === 'number' ? failing.params.minutes : 0;
      const reason = status.delivery?.failing?.reason ?? failing?.message ?? '?';
      show(d.failingTitle, d.failingBody(minutes, reason));
    });
  };
}

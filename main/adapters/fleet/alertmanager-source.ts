/**
 * One watched Alertmanager as a fleet source: polls `GET /api/v2/alerts` every few seconds (the
 * next poll is scheduled when one has finished, so a slow Alertmanager is never asked twice at
 * once), lists its alerts as one fleet host (core/alertmanager.ts), tells the router after each
 * poll, reports each new alert once, and creates silences through the API.
 *
 * It has no status, history or events of its own: those operations are refused in words. It
 * never emails: Alertmanager routes its own notifications.
 */
import {
  alertmanagerFleetHost,
  amAlertState,
  newAlertsToNotify,
  silenceBody,
} from '../../core/alertmanager';
import type { HostHandler, HostRouter, HostSource } from '../../core/host-router';
import type { AlertmanagerTarget, AmAlert } from '../../shared/alertmanager';
import {
  HOST_SCOPED_OPERATIONS,
  type AlertState,
  type FleetHost,
  type HostId,
  type Result,
} from '../../shared/contract';
import { fetchAmAlerts, postAmSilence, type AmCallOptions } from './alertmanager-client';
import type { ConnectionProblem } from './problems';

/** How to watch one Alertmanager. */
export interface AlertmanagerWatchOptions {
  /** Fleet id of the source (the settings entry's id). */
  readonly id: HostId;
  readonly name: string;
  readonly target: AlertmanagerTarget;
  /** Milliseconds between polls (default 10 s). */
  readonly pollMs?: number;
  /** Who silences, for `createdBy: Hostwatch (<user>)` (the OS user name). */
  readonly user: string;
  readonly call?: AmCallOptions;
  readonly now?: () => number;
  /** Alerts seen for the first time (not silenced), for one native notification each. */
  readonly onNewAlerts?: (host: FleetHost, alerts: readonly AlertState[]) => void;
  /** A poll failed, or succeeded again after failing (null); for the log. */
  readonly onProblem?: (problem: ConnectionProblem | null) => void;
}

/** A running Alertmanager watch. */
export interface AlertmanagerWatch extends HostSource {
  /** Polls now (and resolves when done); the next poll follows `pollMs` after it. */
  pollNow(): Promise<void>;
  /** Stops polling and leaves the fleet. */
  stop(): void;
}

/** Host-scoped operations an Alertmanager cannot answer, refused in words. */
function alertsOnlyHandler(name: string): HostHandler {
  const refuse = (): Promise<Result<never>> =>
    Promise.resolve({
      ok: false,
      error: {
        code: 'invalid',
        message: `"${name}" is an Alertmanager: it has alerts only (see the fleet); silence them instead of snoozing`,
      },
    });
  return Object.fromEntries(
    HOST_SCOPED_OPERATIONS.map((op) => [op, refuse]),
  ) as unknown as HostHandler;
}

/** Starts watching an Alertmanager and registers it with the router as host `options.id`. */
export function watchAlertmanager(
  router: HostRouter,
  options: AlertmanagerWatchOptions,
): AlertmanagerWatch {
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 10_000;
  const seen = new Set<string>();
  let alerts: AmAlert[] = [];
  let lastSeen: number | null = null;
  let failing = false;
  let problem: { code: string; message: string } | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | null = null;

  const summary = (): FleetHost =>
    alertmanagerFleetHost({
      id: options.id,
      name: options.name,
      url: options.target.conn.url + options.target.pathPrefix,
      alerts,
      lastSeen,
      failing,
      problem,
    });

  const pollOnce = async (): Promise<void> => {
    const answer = await fetchAmAlerts(options.target, options.call);
    if (stopped) return;
    if (answer.ok) {
      alerts = answer.value;
      lastSeen = now();
      if (failing) options.onProblem?.(null);
      failing = false;
      const fresh = newAlertsToNotify(seen, alerts);
      router.refresh();
      if (fresh.length > 0) options.onNewAlerts?.(summary(), fresh.map(amAlertState));
    } else {
      if (!failing) options.onProblem?.(answer);
      failing = true;
      problem = { code: answer.code, message: answer.message };
      router.refresh();
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void pollNow(), pollMs);
    timer.unref();
  };

  // One poll at a time: a caller asking during a poll waits for that one.
  const pollNow = (): Promise<void> => {
    inFlight ??= pollOnce().finally(() => {
      inFlight = null;
      schedule();
    });
    return inFlight;
  };

  const watch: AlertmanagerWatch = {
    handler: alertsOnlyHandler(options.name),
    // Nothing to list until the first poll has answered or failed.
    summary: () => (lastSeen === null && !failing ? null : summary()),
    silence: async ({ alertFingerprint, duration }) => {
      const alert = alerts.find((a) => a.fingerprint === alertFingerprint);
      if (!alert) {
        return {
          ok: false,
          error: {
            code: 'not-found',
            message: `${options.name} has no active alert ${alertFingerprint} (it may have resolved)`,
            fields: [{ path: 'alertFingerprint', message: 'No such active alert' }],
          },
        };
      }
      const at = now();
      const body = silenceBody(alert, duration, options.user, at);
      const created = await postAmSilence(options.target, body, options.call);
      if (!created.ok) {
        return { ok: false, error: { code: 'failed', message: created.message } };
      }
      // Poll soon so the alert shows as snoozed without waiting a whole interval.
      void pollNow();
      return { ok: true, value: { silenceId: created.value, endsAt: Date.parse(body.endsAt) } };
    },
    pollNow,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      unregister();
    },
  };
  const unregister = router.register(options.id, watch);
  void pollNow();
  return watch;
}

/**
 * The heartbeat (issue 11): when the daily "all is well" email is due and when the dead-man URL
 * is pinged, on the engine's {@link Clock}. Pure scheduling; the adapter sends.
 *
 * - Email: once a day at `hour`:00 local time, the first such moment strictly after the start or
 *   the last send (a restart at 09:30 does not send today's again).
 * - Ping: every `intervalMinutes`, first one interval after the start. A ping is skipped (not
 *   sent) while the health is critical or sampling is paused, or before the first status, so an
 *   external dead-man's switch (healthchecks.io, Gatus, Beszel) raises the alarm.
 */
import type { Status } from '../shared/contract';
import type { HeartbeatSettings } from '../shared/settings';
import type { Clock } from './ports';

/** Why a ping was not sent. */
export type PingSkip = 'critical' | 'paused' | 'no-status';

/** The next local `hour`:00 strictly after `now` (wall-clock ms). */
export function nextDailyAt(now: number, hour: number): number {
  const d = new Date(now);
  d.setHours(hour, 0, 0, 0);
  if (d.getTime() <= now) {
    d.setDate(d.getDate() + 1);
    d.setHours(hour, 0, 0, 0);
  }
  return d.getTime();
}

/** Whether a ping must be held back now, and why (null: send it). */
export function pingSkipReason(status: Status | null): PingSkip | null {
  if (!status) return 'no-status';
  if (status.paused) return 'paused';
  if (status.health === 'critical') return 'critical';
  return null;
}

/** What the heartbeat needs. */
export interface HeartbeatDeps {
  readonly clock: Clock;
  /** The local engine's current status. */
  readonly status: () => Status | null;
  /** Sends the daily email (due at wall-clock `at`); never throws. */
  readonly sendEmail: (at: number) => Promise<void>;
  /** Pings the URL; never throws. */
  readonly ping: (url: string) => Promise<void>;
  /** A ping that was held back (logged by the adapter). */
  readonly skipped?: (reason: PingSkip) => void;
}

/** The heartbeat schedule: {@link apply} the settings (again on every change), {@link stop} at the end. */
export class Heartbeat {
  private settings: HeartbeatSettings | null = null;
  private cancelEmail: (() => void) | null = null;
  private cancelPing: (() => void) | null = null;
  /** Bumped on every re-arm, so a send that finishes after a change does not arm a stale timer. */
  private emailGen = 0;
  private pingGen = 0;

  constructor(private readonly deps: HeartbeatDeps) {}

  /** Follows new settings; a part whose settings did not change keeps its timer. */
  apply(next: HeartbeatSettings): void {
    const before = this.settings;
    this.settings = next;
    if (!before || JSON.stringify(before.email) !== JSON.stringify(next.email)) this.armEmail();
    if (!before || JSON.stringify(before.url) !== JSON.stringify(next.url)) this.armPing();
  }

  /** Cancels both timers. */
  stop(): void {
    this.cancelEmail?.();
    this.cancelPing?.();
    this.cancelEmail = this.cancelPing = null;
    this.emailGen++;
    this.pingGen++;
    this.settings = null;
  }

  private armEmail(after?: number): void {
    this.cancelEmail?.();
    this.cancelEmail = null;
    const gen = ++this.emailGen;
    const email = this.settings?.email;
    if (!email?.enabled) return;
    const now = this.deps.clock.now();
    // After a send, count from its due time too, so a timer that fired a little early never
    // sends the same day twice.
    const at = nextDailyAt(Math.max(now, after ?? now), email.hour);
    this.cancelEmail = this.deps.clock.setTimeout(() => {
      this.cancelEmail = null;
      void this.deps.sendEmail(at).finally(() => {
        if (this.emailGen === gen) this.armEmail(at);
      });
    }, at - now);
  }

  private armPing(): void {
    this.cancelPing?.();
    this.cancelPing = null;
    const gen = ++this.pingGen;
    const url = this.settings?.url;
    if (!url?.enabled || url.url === '') return;
    this.cancelPing = this.deps.clock.setTimeout(() => {
      this.cancelPing = null;
      const skip = pingSkipReason(this.deps.status());
      const done = skip ? Promise.resolve(this.deps.skipped?.(skip)) : this.deps.ping(url.url);
      // The next interval starts when this ping has finished: never two in flight.
      void done.finally(() => {
        if (this.pingGen === gen) this.armPing();
      });
    }, url.intervalMinutes * 60_000);
  }
}

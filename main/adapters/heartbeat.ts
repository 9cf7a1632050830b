/**
 * The heartbeat's effects (issue 11): the URL ping as a plain HTTP(S) GET with a timeout, and
 * the daily summary queued in the email outbox (so it is retried, and never sent twice in one day
 * across a restart: its outbox id is the local date). A failing ping is logged once per run of
 * failures and shown as a status notice until a ping succeeds again.
 */
import type { Status } from '../shared/contract';
import type { Settings } from '../shared/settings';
import { Heartbeat, type PingSkip } from '../core/heartbeat';
import { renderHeartbeatEmail } from '../core/heartbeat-text';
import type { Clock, Logger } from '../core/ports';
import type { Engine } from '../core/engine';
import type { EmailChannel } from './mailer/email-channel';
import { errorText } from '../shared/errors';

/** How long one ping may take. */
export const PING_TIMEOUT_MS = 10_000;

/**
 * Undocumented test seam: `HOSTWATCH_HEARTBEAT_SCALE=600` runs the heartbeat's own time 600×
 * faster (a minute in 0.1 s, a day in 144 s), so tests with real processes need not wait.
 */
export function heartbeatClock(base: Clock, scale: number): Clock {
  if (!(scale > 1)) return base;
  const t0 = base.now();
  return {
    now: () => t0 + (base.now() - t0) * scale,
    monotonic: () => base.monotonic() * scale,
    setTimeout: (fn, ms) => base.setTimeout(fn, ms / scale),
  };
}

/** What the heartbeat wiring needs. */
export interface HeartbeatWiringDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly email: EmailChannel;
  readonly status: () => Status | null;
  readonly settings: () => Settings;
  readonly hostname: string;
  readonly addNotice: Engine['addNotice'];
  readonly timeoutMs?: number;
}

/** Sends one GET; resolves with the HTTP status, rejects on a network error or timeout. */
export async function pingUrl(url: string, timeoutMs = PING_TIMEOUT_MS): Promise<number> {
  const res = await fetch(url, {
    method: 'GET',
    redirect: 'follow',
    signal: AbortSignal.timeout(timeoutMs),
    headers: { 'user-agent': 'Hostwatch heartbeat' },
  });
  await res.body?.cancel();
  return res.status;
}

/** Creates the heartbeat with real effects; call `apply(settings.heartbeat)` on every change. */
export function createHeartbeat(deps: HeartbeatWiringDeps): Heartbeat {
  const { logger } = deps;
  let failing = false;
  let lastSkip: PingSkip | null = null;
  const fail = (url: string, why: string): void => {
    if (!failing) logger.warn(`Heartbeat ping to ${url} failed: ${why}`);
    failing = true;
    deps.addNotice(
      'heartbeat',
      'warning',
      `Heartbeat ping to ${url} fails: ${why}`,
      'heartbeat-failing',
      {
        url,
        error: why,
      },
    );
  };
  return new Heartbeat({
    clock: deps.clock,
    status: deps.status,
    skipped(reason) {
      if (reason !== lastSkip) logger.info(`Heartbeat ping held back (${reason})`);
      lastSkip = reason;
    },
    async ping(url) {
      lastSkip = null;
      try {
        const code = await pingUrl(url, deps.timeoutMs);
        if (code >= 400) return fail(url, `HTTP ${code}`);
        if (failing) logger.info(`Heartbeat ping to ${url} works again`);
        failing = false;
        deps.addNotice('heartbeat', 'warning', null);
      } catch (err) {
        fail(url, errorText(err));
      }
    },
    async sendEmail(at) {
      const status = deps.status();
      const s = deps.settings();
      if (!status) return logger.warn('Heartbeat email skipped: no status yet');
      try {
        const email = renderHeartbeatEmail(status, deps.email.delivery(), {
          hostname: s.general.displayName || deps.hostname,
          language: s.general.language,
          subjectPrefix: s.smtp.subjectPrefix,
          dashboardUrl: s.general.dashboardUrl,
          now: at,
        });
        const d = new Date(at);
        const day = `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
        const queued = await deps.email.queue(`heartbeat-${day}`, at, email);
        if (queued) logger.info(`Heartbeat email queued (${email.subject})`);
        else logger.warn('Heartbeat email not sent: email (SMTP) is not set up');
      } catch (err) {
        logger.error('Heartbeat email could not be queued', errorText(err));
      }
    },
  });
}

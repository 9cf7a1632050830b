/**
 * The email channel: renders each batch, queues it durably in the outbox and lets the outbox
 * deliver it; `sendTest` takes the same render → transport path, unqueued, and explains failures
 * in plain words. The SMTP password never reaches a log line, an event or a returned message.
 */
import type { DeliveryProof, Notice, TestEmailResult } from '../../shared/contract';
import { DeliveryRecord } from '../../core/delivery-proof';
import { failingNotice } from './failing-notice';
import type { SmtpSettings } from '../../shared/settings';
import { renderEmail, renderTestEmail, type RenderedEmail } from '../../core/email-text';
import type { AlertBatch, BatchContext, Channel, Clock, EventSink, Logger } from '../../core/ports';
import { explainError, scrub } from './explain';
import { Outbox, outboxKey, type Backoff, type OutboxLimits } from './outbox';
import { DEFAULT_TIMEOUTS, sendEmail, type SmtpTimeouts } from './transport';
import { errorText } from '../../shared/errors';
import { ThreadMemory, type ThreadHeaders } from './threading';

/** The current SMTP configuration, read at every send so a settings change applies to queued mail. */
export interface EmailConfig {
  readonly smtp: SmtpSettings;
  readonly password: string | undefined;
  /** Extra CA (PEM) to trust; for tests against a self-signed server. */
  readonly tlsCa?: string;
}

/** What the email channel needs. */
export interface EmailChannelDeps {
  readonly dir: string;
  readonly clock: Clock;
  readonly events: EventSink;
  readonly logger: Logger;
  readonly config: () => EmailConfig;
  /** Tuning, mostly for tests: shorter timeouts, smaller bounds, faster back-off. */
  readonly options?: {
    readonly timeouts?: SmtpTimeouts;
    readonly limits?: Partial<OutboxLimits>;
    readonly backoff?: Partial<Backoff>;
    readonly random?: () => number;
    /** How long sending may fail before a notice says so (default 15 min). */
    readonly failingNoticeMs?: number;
  };
}

/** The email channel as the engine sees it. */
export type EmailChannel = Channel & {
  /** Opens the outbox and resumes what a previous run left pending. */
  start(): void;
  /** Stops sending; an attempt in flight is aborted and stays queued. */
  stop(): Promise<void>;
  /** Emails waiting in the outbox. */
  pending(): number;
  /** Sends a test email now, through the same path as alerts, and explains a failure. */
  sendTest(context: BatchContext): Promise<TestEmailResult>;
  /** Current delivery problems for the status (retrying, failed). */
  notices(): Notice[];
  /** Queues permanently failed emails again (after the SMTP settings were fixed); returns how many. */
  retryFailed(): Promise<number>;
  /** The last email the server accepted and whether sending fails now. */
  delivery(): DeliveryProof;
  /**
   * Queues a rendered email that is not an alert (the daily heartbeat) in the outbox; an `id`
   * already queued or sent is not sent again. Resolves false when SMTP is off.
   */
  queue(id: string, date: number, email: RenderedEmail): Promise<boolean>;
};

/** Creates the email channel. */
export function createEmailChannel(deps: EmailChannelDeps): EmailChannel {
  const timeouts = deps.options?.timeouts ?? DEFAULT_TIMEOUTS;
  const clean = (text: string): string => {
    const c = deps.config();
    return scrub(text, c.password, c.smtp.username);
  };
  const logger: Logger = {
    info: (m, ...d) => deps.logger.info(clean(m), ...d.map(scrubDetail(clean))),
    warn: (m, ...d) => deps.logger.warn(clean(m), ...d.map(scrubDetail(clean))),
    error: (m, ...d) => deps.logger.error(clean(m), ...d.map(scrubDetail(clean))),
  };
  const events: EventSink = {
    emit: (e) =>
      deps.events.emit({
        ...e,
        message: clean(e.message),
        ...(e.reason !== undefined ? { reason: clean(e.reason) } : {}),
      }),
  };
  const threads = new ThreadMemory();
  const record = new DeliveryRecord();
  const failingAfter = deps.options?.failingNoticeMs ?? 15 * 60_000;
  const transmit = async (
    id: string,
    email: RenderedEmail,
    date: Date,
    signal?: AbortSignal,
    thread?: ThreadHeaders,
  ) => {
    const c = deps.config();
    try {
      const outcome = await send(c, id, email, date, signal, thread);
      // The proof is the server's own words: its reply line and the Message-ID we sent.
      record.accepted({
        time: deps.clock.now(),
        subject: email.subject,
        response: outcome.response,
        messageId: outcome.messageId,
      });
      return outcome;
    } catch (err) {
      if (!signal?.aborted) {
        const why = explainError(err, c.smtp);
        record.failed(deps.clock.now(), clean(why.message), why.code);
      }
      throw err;
    }
  };
  const send = (
    c: EmailConfig,
    id: string,
    email: RenderedEmail,
    date: Date,
    signal?: AbortSignal,
    thread?: ThreadHeaders,
  ) => {
    return sendEmail({
      ...(thread ? { thread } : {}),
      smtp: c.smtp,
      password: c.password,
      ...(c.tlsCa ? { tlsCa: c.tlsCa } : {}),
      email,
      id,
      date,
      timeouts,
      ...(signal ? { signal } : {}),
    });
  };
  const outbox = new Outbox({
    dir: deps.dir,
    clock: deps.clock,
    events,
    logger,
    explain: (err) => {
      const { smtp } = deps.config();
      return { ...explainError(err, smtp), server: `${smtp.host}:${smtp.port}` };
    },
    send: (rec, signal) =>
      transmit(
        `hw-${rec.key}`,
        { subject: rec.subject, text: rec.text, html: rec.html },
        new Date(rec.date),
        signal,
        rec.inReplyTo ? { inReplyTo: rec.inReplyTo, references: rec.references ?? [] } : undefined,
      ),
    ...(deps.options?.limits ? { limits: deps.options.limits } : {}),
    ...(deps.options?.backoff ? { backoff: deps.options.backoff } : {}),
    ...(deps.options?.random ? { random: deps.options.random } : {}),
  });
  let ready: Promise<void> | null = null;
  const open = (): Promise<void> => {
    ready ??= outbox.open().then(() => outbox.kick());
    return ready;
  };

  return {
    name: 'email',
    start() {
      open().catch((err: unknown) =>
        logger.error('Email outbox could not be opened', errorText(err)),
      );
    },
    async stop() {
      await outbox.stop();
    },
    pending: () => outbox.pending(),
    notices: () => {
      const failing = failingNotice(record.proof(), deps.clock.now(), failingAfter);
      return failing ? [...outbox.notices(), failing] : outbox.notices();
    },
    delivery: () => record.proof(),
    async retryFailed() {
      await open();
      return outbox.retryFailed();
    },
    async deliver(batch: AlertBatch): Promise<void> {
      try {
        const { smtp } = deps.config();
        if (!smtp.enabled) {
          events.emit({
            kind: 'suppressed',
            severity: 'info',
            channel: 'email',
            message: `Alert email not queued (${batch.messages.length} alert(s))`,
            reason: 'email (SMTP) is not set up',
            reasonCode: 'email-not-configured',
          });
          return;
        }
        await open();
        const email = renderEmail(batch, smtp);
        const rules = new Set(batch.messages.map((m) => m.ruleId));
        const [onlyRule] = rules;
        const series = new Set(batch.messages.map((m) => m.series));
        const [onlySeries] = series;
        const thread = threads.headers(batch, smtp.from);
        threads.remember(batch);
        const result = await outbox.enqueue({
          id: batch.id,
          date: batch.context.createdAt,
          ...email,
          ...(rules.size === 1 && onlyRule ? { ruleId: onlyRule } : {}),
          ...(series.size === 1 && onlySeries ? { series: onlySeries } : {}),
          ...(thread ? { inReplyTo: thread.inReplyTo, references: [...thread.references] } : {}),
        });
        if (result === 'duplicate')
          logger.info(`Batch ${outboxKey(batch.id)} already queued or sent; not sent again`);
      } catch (err) {
        // deliver never throws: the failure to queue is itself an event the user sees.
        logger.error('Alert email could not be queued', errorText(err));
        events.emit({
          kind: 'delivery-failed',
          severity: 'error',
          channel: 'email',
          message: `Alert email could not be queued (${batch.messages.length} alert(s))`,
          reason: errorText(err),
        });
      }
    },
    async queue(id, date, email) {
      if (!deps.config().smtp.enabled) return false;
      await open();
      const result = await outbox.enqueue({ id, date, ...email });
      if (result === 'duplicate') logger.info(`Email ${outboxKey(id)} already queued or sent`);
      return true;
    },
    async sendTest(context: BatchContext): Promise<TestEmailResult> {
      const c = deps.config();
      try {
        const email = renderTestEmail(context, c.smtp);
        const outcome = await transmit(
          `hw-test-${deps.clock.now().toString(36)}`,
          email,
          new Date(context.createdAt),
        );
        return {
          delivered: true,
          message: clean(
            `Test email accepted by ${c.smtp.host} for ${outcome.accepted.join(', ')}.`,
          ),
        };
      } catch (err) {
        const why = explainError(err, c.smtp);
        logger.warn(`Test email failed (${why.code}): ${why.message}`);
        return { delivered: false, code: why.code, message: clean(why.message) };
      }
    },
  };
}

function scrubDetail(clean: (s: string) => string): (d: unknown) => unknown {
  return (d) => (typeof d === 'string' ? clean(d) : d instanceof Error ? clean(d.message) : d);
}

/**
 * The SMTP transport: nodemailer configured from SmtpSettings with no room for a downgrade.
 * `tls` is implicit TLS, `starttls` requires STARTTLS (never opportunistic), `none` is refused
 * unless the host is loopback. Every phase has a timeout and the whole send has a deadline, after
 * which the send is aborted and the connection closed.
 */
import type { SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import { emailAddress, isLoopbackHost, type SmtpSettings } from '../../shared/settings';
import type { RenderedEmail } from '../../core/email-text';

/** Timeouts of one send, in ms. */
export interface SmtpTimeouts {
  readonly connectionMs: number;
  readonly greetingMs: number;
  readonly socketMs: number;
  /** The whole send, connect to final reply. */
  readonly deadlineMs: number;
}

/** Production timeouts. */
export const DEFAULT_TIMEOUTS: SmtpTimeouts = {
  connectionMs: 10_000,
  greetingMs: 10_000,
  socketMs: 30_000,
  deadlineMs: 30_000,
};

/** A configuration that can never work (not a network failure); permanent. */
export class SmtpConfigError extends Error {
  override readonly name = 'SmtpConfigError';
  readonly code = 'ECONFIG';
}

/** The whole-send deadline expired; transient. */
export class SmtpDeadlineError extends Error {
  override readonly name = 'SmtpDeadlineError';
  readonly code = 'EDEADLINE';
}

/** What one send needs. */
export interface SendInput {
  readonly smtp: SmtpSettings;
  readonly password: string | undefined;
  /** Extra CA (PEM) to trust, e.g. a self-signed test server; never turns verification off. */
  readonly tlsCa?: string;
  readonly email: RenderedEmail;
  /** Stable id of the message; the Message-ID header is derived from it, so retries carry the same one. */
  readonly id: string;
  /** Origination time for the Date header. */
  readonly date: Date;
  readonly timeouts?: SmtpTimeouts;
  /** Aborts the send (e.g. on shutdown). */
  readonly signal?: AbortSignal;
  /** Threading headers: the FIRING this email follows up. */
  readonly thread?: { readonly inReplyTo: string; readonly references: readonly string[] };
}

/** The display name in From, so the sender reads as the product, not a bare address. */
export const FROM_NAME = 'Hostwatch';

/** What the server said when it accepted the message. */
export interface SendOutcome {
  readonly messageId: string;
  readonly accepted: readonly string[];
  readonly response: string;
}

/** Checks the settings that go into headers and the envelope; throws {@link SmtpConfigError}. */
export function checkSmtpSettings(smtp: SmtpSettings): void {
  if (!smtp.host) throw new SmtpConfigError('No SMTP server is set');
  if (smtp.security === 'none' && !isLoopbackHost(smtp.host)) {
    throw new SmtpConfigError(
      'Unencrypted SMTP is allowed only to a local mail server (localhost)',
    );
  }
  for (const addr of [smtp.from, ...smtp.to]) {
    // The settings schema refuses these already; this is the last line before the wire.
    if (/[\r\n]/.test(addr) || !emailAddress.safeParse(addr).success) {
      throw new SmtpConfigError(`Not a valid email address: ${JSON.stringify(addr)}`);
    }
  }
  if (smtp.to.length === 0) throw new SmtpConfigError('No recipient is set');
  if (/[\r\n]/.test(smtp.username))
    throw new SmtpConfigError('The SMTP user name contains a line break');
}

/** The nodemailer options for these settings. */
export function transportOptions(
  smtp: SmtpSettings,
  password: string | undefined,
  tlsCa?: string,
  timeouts: SmtpTimeouts = DEFAULT_TIMEOUTS,
): SMTPTransportOptions {
  checkSmtpSettings(smtp);
  const security = {
    tls: { secure: true, requireTLS: false, ignoreTLS: false },
    starttls: { secure: false, requireTLS: true, ignoreTLS: false },
    // Loopback only (checked above): a local relay without TLS; never try STARTTLS half-way.
    none: { secure: false, requireTLS: false, ignoreTLS: true },
  }[smtp.security];
  return {
    host: smtp.host,
    port: smtp.port,
    ...security,
    opportunisticTLS: false,
    auth: smtp.username ? { user: smtp.username, pass: password ?? '' } : undefined,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    dnsTimeout: timeouts.connectionMs,
    // Verification stays on; a test may add its own CA, it never turns checking off.
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2', ...(tlsCa ? { ca: tlsCa } : {}) },
    logger: false,
    debug: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** The Message-ID for a message id: `<id@domain-of-sender>`. */
export function messageIdHeader(id: string, from: string): string {
  const domain = from.split('@')[1] ?? 'hostwatch.invalid';
  return `<${id.replace(/[^A-Za-z0-9._+-]/g, '_')}@${domain}>`;
}

/** Sends one rendered email; rejects on any failure, at the latest when the deadline expires. */
export async function sendEmail(input: SendInput): Promise<SendOutcome> {
  const timeouts = input.timeouts ?? DEFAULT_TIMEOUTS;
  // Loaded on the first send, not at start-up: most agents mail rarely, and nodemailer costs
  // start-up CPU and resident memory for every process that never sends (README "Cost").
  const { default: nodemailer } = await import('nodemailer');
  const transporter = nodemailer.createTransport(
    transportOptions(input.smtp, input.password, input.tlsCa, timeouts),
  );
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(input.signal?.reason);
  input.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const deadline = new SmtpDeadlineError(
    `The mail server did not finish within ${Math.round(timeouts.deadlineMs / 1000)} s`,
  );
  const timer = setTimeout(() => abort.abort(deadline), timeouts.deadlineMs);
  const messageId = messageIdHeader(input.id, input.smtp.from);
  try {
    const info = await transporter.sendMail({
      from: { name: FROM_NAME, address: input.smtp.from },
      to: input.smtp.to.join(', '),
      envelope: { from: input.smtp.from, to: [...input.smtp.to] },
      subject: input.email.subject.replace(/[\r\n]+/g, ' '),
      text: input.email.text,
      html: input.email.html,
      messageId,
      ...(input.thread
        ? { inReplyTo: input.thread.inReplyTo, references: [...input.thread.references] }
        : {}),
      // RFC 3834: machine-sent, so auto-responders and vacation replies stay quiet.
      headers: { 'Auto-Submitted': 'auto-generated' },
      date: input.date,
      signal: abort.signal,
    });
    return { messageId, accepted: info.accepted.map(String), response: info.response };
  } catch (err) {
    // nodemailer rejects with its own abort error; the deadline is the reason worth reporting.
    throw abort.signal.reason === deadline ? deadline : err;
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', onOuterAbort);
    transporter.close();
  }
}

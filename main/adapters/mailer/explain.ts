/**
 * Explains SMTP failures: whether to retry (transient) or give up (permanent), a machine code
 * and a human sentence that says what happened and what to check. Passwords are scrubbed from
 * every text that leaves this module.
 *
 * Decisions: a 4xx reply, refused/reset connections, timeouts and temporary DNS failures are
 * transient. A 5xx reply, rejected authentication, a missing STARTTLS, a TLS mismatch, an
 * untrusted certificate, an unknown host (ENOTFOUND: the name does not exist, which a retry
 * will not change; fix the setting and the next alert goes out) and a configuration that can
 * never work are permanent. Anything unrecognised is treated as transient, so an alert is not
 * given up on a guess; the outbox's age bound still ends it.
 */
import type { SmtpSettings } from '../../shared/settings';

/** The kinds of SMTP failure; events carry them as `reasonCode: 'smtp'`, `reasonParams.code`. */
export const SMTP_FAILURE_CODES = [
  'config',
  'certificate',
  'starttls-missing',
  'tls-mismatch',
  'auth',
  'unknown-host',
  'dns',
  'timeout',
  'rejected',
  'deferred',
  'unreachable',
  'unknown',
] as const;

/** A kind of SMTP failure. */
export type SmtpFailureCode = (typeof SMTP_FAILURE_CODES)[number];

/** The verdict on one failure. */
export interface Explanation {
  readonly transient: boolean;
  readonly code: SmtpFailureCode;
  /** One or two plain sentences; never contains the password. */
  readonly message: string;
  /** The server as `host:port`, for the event's reason params. */
  readonly server?: string;
}

interface ErrorLike {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  command?: unknown;
  timeoutType?: unknown;
  message?: unknown;
  cause?: unknown;
  response?: unknown;
}

const CERT_CODES =
  /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_[A-Z_]+|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH)$/;

function facts(err: unknown): {
  codes: string[];
  text: string;
  responseCode: number | null;
  command: string;
  timeoutType: string;
} {
  const codes: string[] = [];
  const texts: string[] = [];
  let responseCode: number | null = null;
  let command = '';
  let timeoutType = '';
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const x = e as ErrorLike;
    for (const c of [x.code, x.originalCode]) if (typeof c === 'string') codes.push(c);
    if (typeof x.message === 'string') texts.push(x.message);
    if (responseCode === null && typeof x.responseCode === 'number') responseCode = x.responseCode;
    if (!command && typeof x.command === 'string') command = x.command;
    if (!timeoutType && typeof x.timeoutType === 'string') timeoutType = x.timeoutType;
    e = x.cause;
  }
  if (typeof err === 'string') texts.push(err);
  return { codes, text: texts.join(' | '), responseCode, command, timeoutType };
}

/** Classifies and explains a send failure for these settings. */
export function explainError(
  err: unknown,
  smtp: Pick<SmtpSettings, 'host' | 'port' | 'security'>,
): Explanation {
  const f = facts(err);
  const has = (...cs: string[]) => cs.some((c) => f.codes.includes(c));
  const where = `${smtp.host}:${smtp.port}`;
  const serverSaid = f.responseCode !== null ? ` The server said: ${firstLine(f.text)}` : '';

  if (has('ECONFIG')) return { transient: false, code: 'config', message: firstLine(f.text) };
  if (
    f.codes.some((c) => CERT_CODES.test(c)) ||
    /certificate|self[- ]signed|altnames/i.test(f.text)
  ) {
    return {
      transient: false,
      code: 'certificate',
      message: `The certificate of ${where} is not trusted (${firstLine(f.text)}). Check the host name matches the certificate.`,
    };
  }
  if (/Error upgrading connection with STARTTLS|does not support required STARTTLS/i.test(f.text)) {
    return {
      transient: false,
      code: 'starttls-missing',
      message: `${where} did not accept STARTTLS, so nothing (not even the password) was sent. Check the port, or choose "TLS" if the server uses port 465.`,
    };
  }
  if (
    /wrong version number|unknown protocol|packet length too long|ssl3_get_record|record layer failure/i.test(
      f.text,
    )
  ) {
    return {
      transient: false,
      code: 'tls-mismatch',
      message: `${where} does not speak TLS from the first byte. Port 587 usually needs "STARTTLS" and port 465 "TLS".`,
    };
  }
  if (
    (has('EAUTH') && !(f.responseCode !== null && f.responseCode < 500)) ||
    f.responseCode === 535 ||
    f.responseCode === 534 ||
    f.responseCode === 530
  ) {
    return {
      transient: false,
      code: 'auth',
      message: `${where} rejected the user name or password.${serverSaid}`,
    };
  }
  if (has('ENOTFOUND')) {
    return {
      transient: false,
      code: 'unknown-host',
      message: `The mail server name ${smtp.host} does not exist (DNS). Check the host name.`,
    };
  }
  if (has('EAI_AGAIN')) {
    return {
      transient: true,
      code: 'dns',
      message: `The name ${smtp.host} could not be looked up right now (DNS); will retry.`,
    };
  }
  if (has('EDEADLINE', 'EABORT') || has('ETIMEDOUT')) {
    const greeting = f.timeoutType === 'GREETING_TIMEOUT' || /greeting/i.test(f.text);
    const hint = greeting
      ? smtp.security === 'tls'
        ? ' It never greeted: if this port expects STARTTLS (usually 587), choose "STARTTLS".'
        : ' It never greeted: if this port expects TLS from the start (usually 465), choose "TLS".'
      : '';
    return { transient: true, code: 'timeout', message: `${where} did not answer in time.${hint}` };
  }
  if (f.responseCode !== null) {
    if (f.responseCode >= 500)
      return {
        transient: false,
        code: 'rejected',
        message: `${where} refused the message.${serverSaid}`,
      };
    if (f.responseCode >= 400)
      return {
        transient: true,
        code: 'deferred',
        message: `${where} asked to try later.${serverSaid}`,
      };
  }
  if (
    has(
      'ECONNREFUSED',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'ECONNRESET',
      'EPIPE',
      'ECONNECTION',
      'ESOCKET',
      'EDNS',
    )
  ) {
    return {
      transient: true,
      code: 'unreachable',
      message: `Could not talk to ${where} (${firstLine(f.text)}). Check the host, the port and the firewall.`,
    };
  }
  return {
    transient: true,
    code: 'unknown',
    message: `Sending through ${where} failed: ${firstLine(f.text) || 'unknown error'}`,
  };
}

function firstLine(s: string): string {
  return (s.split(/\r?\n| \| /)[0] ?? '').slice(0, 300);
}

/** Removes a secret (and its base64 forms used by AUTH PLAIN/LOGIN) from a text. */
export function scrub(text: string, secret: string | undefined, username = ''): string {
  if (!secret) return text;
  const forms = [
    secret,
    Buffer.from(secret).toString('base64'),
    Buffer.from(`\u0000${username}\u0000${secret}`).toString('base64'),
    encodeURIComponent(secret),
  ].filter((s) => s.length >= 3);
  let out = text;
  for (const f of forms) out = out.split(f).join('***');
  return out;
}

/**
 * Parses the agent's `--smtp URL` / HOSTWATCH_SMTP_URL (nodemailer's URL form) and the
 * `--alert-to` list. `smtps://` is implicit TLS (465 by default); `smtp://` is STARTTLS, required
 * (587 by default), unless the host is loopback and `?security=none` is given.
 */
import { emailAddress, isLoopbackHost, smtpSchema, type SmtpSettings } from '../../shared/settings';

/** The settings part and the password taken out of an SMTP URL. */
export interface ParsedSmtpUrl {
  readonly smtp: Partial<SmtpSettings> &
    Pick<SmtpSettings, 'host' | 'port' | 'security' | 'username'>;
  readonly password: string | undefined;
}

/** A parse failure with a message that never contains the password. */
export class SmtpUrlError extends Error {
  override readonly name = 'SmtpUrlError';
}

/** Parses `smtps://user:pass@host:465` or `smtp://user:pass@host:587`; throws {@link SmtpUrlError}. */
export function parseSmtpUrl(raw: string): ParsedSmtpUrl {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new SmtpUrlError(
      'The SMTP URL is not a valid URL (expected smtps://user:password@host:465 or smtp://user:password@host:587)',
    );
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  if (scheme !== 'smtp' && scheme !== 'smtps') {
    throw new SmtpUrlError(`The SMTP URL must start with smtp:// or smtps://, not ${scheme}://`);
  }
  const host = url.hostname;
  if (!host) throw new SmtpUrlError('The SMTP URL has no host');
  let security: SmtpSettings['security'] = scheme === 'smtps' ? 'tls' : 'starttls';
  const asked = url.searchParams.get('security');
  if (asked !== null) {
    if (asked !== 'tls' && asked !== 'starttls' && asked !== 'none') {
      throw new SmtpUrlError('security= must be tls, starttls or none');
    }
    security = asked;
  }
  if (security === 'none' && !isLoopbackHost(host)) {
    throw new SmtpUrlError(
      'Unencrypted SMTP (security=none) is allowed only to a local mail server',
    );
  }
  const port = url.port ? Number(url.port) : security === 'tls' ? 465 : 587;
  const username = safeDecode(url.username);
  const password = url.password ? safeDecode(url.password) : undefined;
  if (/[\r\n]/.test(username) || (password !== undefined && /[\r\n]/.test(password))) {
    throw new SmtpUrlError('The SMTP URL user or password contains a line break');
  }
  const checked = smtpSchema.safeParse({
    enabled: true,
    host,
    port,
    security,
    username,
    from: 'check@example.com',
    to: ['check@example.com'],
    subjectPrefix: '',
  });
  if (!checked.success) {
    const first = checked.error.issues[0];
    throw new SmtpUrlError(
      `The SMTP URL is invalid: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim(),
    );
  }
  return { smtp: { host, port, security, username }, password };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Parses `--alert-to a@x.com,b@y.com` into addresses; throws with the offending entry named. */
export function parseAlertTo(raw: string): string[] {
  const parts = raw
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new SmtpUrlError('--alert-to needs at least one address');
  return parts.map((p) => {
    const r = emailAddress.safeParse(p);
    if (!r.success) throw new SmtpUrlError(`Not a valid email address: ${JSON.stringify(p)}`);
    return r.data;
  });
}

/**
 * "Test connection" on an Alertmanager row of Settings → Servers: the input (what the row holds,
 * with the password or token typed, or "the saved secret of Alertmanager <id>"). Zod only; the
 * engine answers through its Alertmanager probe port (core/connection-test.ts), the adapter in
 * adapters/fleet/alertmanager-probe.ts, with a {@link ConnectionTestResult}.
 */
import { z } from 'zod';
import {
  parseAlertmanagerUrl,
  type AlertmanagerAuth,
  type AlertmanagerTargetResult,
} from './alertmanager';
import { ALERTMANAGER_AUTH, alertmanagerSourceSchema } from './alertmanager-settings';
import { endpointInputError, endpointInputFields, secretText } from './endpoint-input';

/** Input of the `testAlertmanager` operation. */
export const alertmanagerTestInput = z
  .strictObject(
    {
      /** `https://host:9093[/path]` (or `http://` on loopback), as in the settings entry. */
      url: z.string().trim().min(1, { message: 'Type the Alertmanager address' }).max(500),
      ...endpointInputFields,
      auth: z.enum(ALERTMANAGER_AUTH).default('none'),
      username: alertmanagerSourceSchema.shape.username.optional(),
      /** The password (basic) or token (bearer) to try; wins over {@link savedSecretOf}. */
      secret: secretText(4_096, 'The password or token is at most 4096 characters').optional(),
      /** Use the secret saved for this Alertmanager id (the UI never sees it). */
      savedSecretOf: alertmanagerSourceSchema.shape.id.optional(),
    },
    {
      error: endpointInputError([
        'url',
        'fingerprint',
        'trustSystemCa',
        'auth',
        'username',
        'secret',
        'savedSecretOf',
        'host',
      ]),
    },
  )
  .superRefine((input, ctx) => {
    // The URL must carry no login: the secret goes in "secret", never in an address.
    if (/^[a-z]+:\/\/[^/?#]*@/i.test(input.url)) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'Leave the login out of the address: use the user name and password fields',
      });
      return;
    }
    const parsed = alertmanagerTestTarget(input, { kind: 'none' });
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['url'], message: parsed.error });
    if (input.auth === 'basic' && !input.username) {
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'Type the user name' });
    }
  });

/** Parsed input of {@link alertmanagerTestInput}. */
export type AlertmanagerTestInput = z.output<typeof alertmanagerTestInput>;

/** Any pin, for parsing an address tested before its certificate is pinned. */
const FIRST_USE_PIN = `SHA256:${Array.from({ length: 32 }, () => '00').join(':')}`;

/**
 * The target of a test. Unlike a watch, https without a pin is allowed (first use): the
 * connection then stops at the certificate and the answer shows its fingerprint to pin.
 */
export function alertmanagerTestTarget(
  input: Pick<AlertmanagerTestInput, 'url' | 'fingerprint' | 'trustSystemCa'>,
  auth: AlertmanagerAuth,
): AlertmanagerTargetResult {
  const pin = input.fingerprint ?? null;
  const parsed = parseAlertmanagerUrl(input.url, {
    auth,
    fingerprint: pin ?? FIRST_USE_PIN,
    trustSystemCa: input.trustSystemCa,
  });
  if (!parsed.ok || parsed.target.conn.fingerprint !== FIRST_USE_PIN) return parsed;
  const { target } = parsed;
  return { ok: true, target: { ...target, conn: { ...target.conn, fingerprint: null } } };
}

/**
 * The settings entry of a watched Alertmanager and the name of its secret. Depends on zod only,
 * so settings.ts can import it without a cycle.
 */
import { z } from 'zod';

/** How Hostwatch logs in to an Alertmanager (the secret itself lives in the secret store). */
export const ALERTMANAGER_AUTH = ['none', 'basic', 'bearer'] as const;
/** A login kind of {@link ALERTMANAGER_AUTH}. */
export type AlertmanagerAuthKind = (typeof ALERTMANAGER_AUTH)[number];

/** One watched Alertmanager in `settings.fleet.alertmanagers` (see decisions.md). */
export const alertmanagerSourceSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'Use lower-case letters, digits and dashes' }),
  name: z.string().trim().min(1, { message: 'Give the Alertmanager a name' }).max(64),
  url: z.string().max(500),
  fingerprint: z.string().nullable(),
  trustSystemCa: z.boolean(),
  auth: z.enum(ALERTMANAGER_AUTH),
  username: z.string().max(200).nullable(),
  enabled: z.boolean(),
});

/** One watched Alertmanager's settings. */
export type AlertmanagerSource = z.infer<typeof alertmanagerSourceSchema>;

/** Prefix of an Alertmanager's secret (password or bearer token) in the secret store. */
export const ALERTMANAGER_SECRET_PREFIX = 'alertmanager-secret:' as const;

/** The secret-store name of an Alertmanager's password or token. */
export function alertmanagerSecret(id: string): `${typeof ALERTMANAGER_SECRET_PREFIX}${string}` {
  return `${ALERTMANAGER_SECRET_PREFIX}${id}`;
}

/**
 * The fields a "Test connection" input shares, whatever it tests (a remote agent:
 * connection-test.ts; an Alertmanager: alertmanager-test.ts): the pinned fingerprint as typed,
 * the system-CA switch, the host that tests, the secret to try and the words for fields the operation does not take.
 * Zod only.
 */
import { z } from 'zod';
import { serverSchema } from './settings';
import { normalizeFingerprint } from './watch-target';

/**
 * A secret as typed (token, password): at most `max` characters, on one line. `error` is the
 * words for one too long (zod's own when absent).
 */
export function secretText(max: number, error?: string) {
  return z
    .string()
    .max(max, error === undefined ? undefined : { error })
    .refine((s) => !/[\r\n]/.test(s), { message: 'No line breaks' });
}

/** A fingerprint as typed: null when blank, normalised once it is a whole one, else as typed. */
export function fingerprintDraft(text: string): string | null {
  if (text.trim() === '') return null;
  return normalizeFingerprint(text) ?? text;
}

/** The input fields of every endpoint test. */
export const endpointInputFields = {
  /**
   * The pinned fingerprint (`SHA256:AB:CD:…`, `ab:cd:…` or 64 hex digits). Null, empty or
   * absent on first use: the answer then shows the certificate's fingerprint, to pin after
   * checking.
   */
  fingerprint: z
    .preprocess(
      (v) => (typeof v === 'string' ? fingerprintDraft(v) : v),
      serverSchema.shape.fingerprint,
    )
    .optional(),
  /** Accept a certificate from a system CA without a pin. */
  trustSystemCa: z.boolean().default(false),
  /** The host that tests (default this one): a watched host tests from where it runs. */
  host: z.string().min(1).max(128).optional(),
} as const;

/** Words for an endpoint test input with fields it does not take (`fields`), or not an object. */
export function endpointInputError(fields: readonly string[]) {
  const names = fields.map((f) => `"${f}"`);
  const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
  return (issue: { code?: string; keys?: readonly PropertyKey[] }): string =>
    issue.code === 'unrecognized_keys'
      ? `Unexpected field ${(issue.keys ?? []).map((k) => `"${String(k)}"`).join(', ')}: this operation takes ${list}`
      : 'Expected a JSON object with "url" and, for https, "fingerprint"';
}

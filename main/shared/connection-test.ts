/**
 * "Test connection" of Settings → Servers: the input (an address, a pin, and a token or "the
 * saved token of server <id>") and the answer in words. Zod only; the engine answers it through
 * its connection probe port (core/connection-test.ts), the adapter in adapters/fleet/probe.ts.
 */
import { z } from 'zod';
import { isLoopbackHost, serverSchema } from './settings';
import { normalizeFingerprint } from './watch-target';

/** Input of the `testConnection` operation. */
export const connectionTestInput = z
  .strictObject(
    {
      /** `https://host:port` (or `http://` on loopback), as in `settings.fleet.servers`. */
      url: serverSchema.shape.url,
      /**
       * The pinned fingerprint (`SHA256:AB:CD:…`, `ab:cd:…` or 64 hex digits). Null or absent
       * on first use: the answer then shows the certificate's fingerprint, to pin after checking.
       */
      fingerprint: z
        .preprocess(
          (v) =>
            typeof v === 'string' ? (v.trim() === '' ? null : (normalizeFingerprint(v) ?? v)) : v,
          serverSchema.shape.fingerprint,
        )
        .optional(),
      /** Accept a certificate from a system CA without a pin. */
      trustSystemCa: z.boolean().default(false),
      /** The token to try; wins over {@link savedTokenOf}. */
      token: z
        .string()
        .max(1_024, { error: 'The token is at most 1024 characters' })
        .refine((s) => !/[\r\n]/.test(s), { message: 'No line breaks' })
        .optional(),
      /** Use the token saved for this server id (the UI never sees it). */
      savedTokenOf: serverSchema.shape.id.optional(),
      /** The host that tests (default this one): a watched host tests from where it runs. */
      host: z.string().min(1).max(128).optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `Unexpected field ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}: this operation takes "url", "fingerprint", "trustSystemCa", "token", "savedTokenOf" and "host"`
          : 'Expected a JSON object with "url" and, for https, "fingerprint"',
    },
  )
  .superRefine((input, ctx) => {
    const u = new URL(input.url);
    if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: `http:// to ${u.hostname} would send the token in clear text: use https://`,
      });
    }
  });

/**
 * The answer of a connection test: `connected` with what the agent said about itself, or the
 * problem in words. Codes: `ok`, `fingerprint-mismatch` (both fingerprints given),
 * `untrusted-certificate` (no pin yet: `fingerprintSeen` is the one to pin after checking),
 * `wrong-token`, `not-hostwatch`, `version-too-old`, `tls`, `not-tls`, `refused`, `timeout`,
 * `dns`, `closed`, `network`, `malformed`, `too-large`, `http-error`; for an Alertmanager
 * (`testAlertmanager`) also `wrong-credentials` (HTTP 401/403) and `not-alertmanager`; a UI
 * that meets another code shows the English `message`.
 */
export interface ConnectionTestResult {
  readonly connected: boolean;
  readonly code: string;
  /** English sentence naming the address and what to do. */
  readonly message: string;
  /** The agent's host name (its status' display name), when connected and known. */
  readonly hostName?: string | null;
  /** The agent's (or Alertmanager's) build version and protocol, when connected. */
  readonly version?: string;
  readonly protocol?: number;
  /** The fingerprint of the certificate the server presented, when known. */
  readonly fingerprintSeen?: string | null;
  /** The pinned fingerprint that did not match (`fingerprint-mismatch`). */
  readonly fingerprintExpected?: string | null;
  /** An Alertmanager's active alerts (neither silenced nor inhibited), when connected. */
  readonly activeAlerts?: number;
  /** For a timeout: connect, tls, response or body. */
  readonly phase?: string;
}

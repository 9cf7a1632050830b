/**
 * "Test connection" of Settings → Servers: the input (an address, a pin, and a token or "the
 * saved token of server <id>") and the answer in words. Zod only; the engine answers it through
 * its connection probe port (core/connection-test.ts), the adapter in adapters/fleet/probe.ts.
 */
import { z } from 'zod';
import { isLoopbackHost, serverSchema } from './settings';
import { endpointInputError, endpointInputFields, secretText } from './endpoint-input';

/** Input of the `testConnection` operation. */
export const connectionTestInput = z
  .strictObject(
    {
      /** `https://host:port` (or `http://` on loopback), as in `settings.fleet.servers`. */
      url: serverSchema.shape.url,
      ...endpointInputFields,
      /** The token to try; wins over {@link savedTokenOf}. */
      token: secretText(1_024, 'The token is at most 1024 characters').optional(),
      /** Use the token saved for this server id (the UI never sees it). */
      savedTokenOf: serverSchema.shape.id.optional(),
    },
    {
      error: endpointInputError([
        'url',
        'fingerprint',
        'trustSystemCa',
        'token',
        'savedTokenOf',
        'host',
      ]),
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

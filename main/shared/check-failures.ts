/**
 * Why an endpoint check failed, as a code with parameters. Sentences live in check-words.ts
 * (English and Korean), so a failure never reaches a person as a bare `getaddrinfo ENOTFOUND`.
 *
 * Parameters never carry a URL: a URL can hold a token in its query, and failures are logged
 * and emailed.
 */

/** The phase a check was in when its deadline passed. */
export type CheckPhase = 'dns' | 'connect' | 'tls' | 'first-byte' | 'body';

/** Why a certificate is not trusted. */
export type UntrustedReason = 'self-signed' | 'unknown-issuer' | 'other';

/** One failure of one check run. */
export type CheckFailure =
  /** The name does not exist (NXDOMAIN). */
  | { readonly kind: 'dns-not-found'; readonly host: string }
  /** The name exists but has no address of the wanted family (e.g. IPv6 only, IPv4 asked). */
  | { readonly kind: 'dns-no-address'; readonly host: string; readonly family: '4' | '6' | 'any' }
  /** The resolver failed (server failure, refused, no network). */
  | { readonly kind: 'dns-failed'; readonly host: string }
  /** The target resolved to a link-local or cloud-metadata address and was not confirmed. */
  | { readonly kind: 'private-target'; readonly address: string }
  | { readonly kind: 'connection-refused'; readonly address: string; readonly port: number }
  | { readonly kind: 'unreachable'; readonly address: string }
  /** The peer closed or reset the connection before a complete answer. */
  | { readonly kind: 'connection-closed'; readonly phase: CheckPhase }
  | { readonly kind: 'timeout'; readonly phase: CheckPhase; readonly afterMs: number }
  | { readonly kind: 'tls-expired'; readonly notAfter: number }
  | { readonly kind: 'tls-not-yet-valid'; readonly validFrom: number }
  | { readonly kind: 'tls-hostname-mismatch'; readonly host: string }
  | { readonly kind: 'tls-untrusted'; readonly reason: UntrustedReason }
  /** The handshake itself failed (no common protocol or cipher, not a TLS server). */
  | { readonly kind: 'tls-handshake' }
  | { readonly kind: 'ca-file'; readonly path: string }
  | { readonly kind: 'http-status'; readonly status: number }
  /** The server's answer was not valid HTTP. */
  | { readonly kind: 'bad-response' }
  | { readonly kind: 'keyword-missing'; readonly keyword: string }
  | { readonly kind: 'keyword-present'; readonly keyword: string }
  | { readonly kind: 'too-many-redirects'; readonly max: number }
  | { readonly kind: 'redirect-loop' }
  /** A redirect to a scheme other than http or https, or without a usable Location. */
  | { readonly kind: 'redirect-refused'; readonly scheme: string }
  | { readonly kind: 'body-too-large'; readonly limitBytes: number }
  /** Anything else; `code` is a system error code kept for the log, not shown alone. */
  | { readonly kind: 'error'; readonly code: string };

/** Every failure kind, for exhaustive tables. */
export type CheckFailureKind = CheckFailure['kind'];

/** All failure kinds, in the order a check meets them. */
export const CHECK_FAILURE_KINDS = [
  'dns-not-found',
  'dns-no-address',
  'dns-failed',
  'private-target',
  'connection-refused',
  'unreachable',
  'connection-closed',
  'timeout',
  'tls-expired',
  'tls-not-yet-valid',
  'tls-hostname-mismatch',
  'tls-untrusted',
  'tls-handshake',
  'ca-file',
  'http-status',
  'bad-response',
  'keyword-missing',
  'keyword-present',
  'too-many-redirects',
  'redirect-loop',
  'redirect-refused',
  'body-too-large',
  'error',
] as const satisfies readonly CheckFailureKind[];

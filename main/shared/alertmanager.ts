/**
 * An Alertmanager as a fleet source, in shared terms: its settings entry, its address (parsed
 * like an agent's: https with a pin or the system CAs, plain http only on loopback), the part of
 * its API v2 answers Hostwatch reads, and the silence durations the UI offers.
 */
import { z } from 'zod';
import { normalizeFingerprint, type WatchTarget } from './watch-target';
import { isLoopbackHost } from './settings';
export * from './alertmanager-settings';

/** Default port of Alertmanager. */
export const DEFAULT_ALERTMANAGER_PORT = 9093;

/** The login sent to an Alertmanager. */
export type AlertmanagerAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'bearer'; readonly token: string };

/** A parsed Alertmanager address: where, how to log in, and the path it is served under. */
export interface AlertmanagerTarget {
  /** The connection part, as for an agent (its `token` is unused: see {@link auth}). */
  readonly conn: WatchTarget;
  /** Path prefix without a trailing slash, e.g. `` or `/alertmanager`. */
  readonly pathPrefix: string;
  readonly auth: AlertmanagerAuth;
}

/** Parse outcome: the target, or an error in words. */
export type AlertmanagerTargetResult =
  | { readonly ok: true; readonly target: AlertmanagerTarget }
  | { readonly ok: false; readonly error: string };

const fail = (error: string): AlertmanagerTargetResult => ({ ok: false, error });

/**
 * Parses an Alertmanager address such as `https://am.example.com:9093#sha256=AB:…`,
 * `https://user:password@am.example.com/alertmanager#trust=system-ca` (basic auth),
 * `https://:TOKEN@am…` (bearer) or `http://127.0.0.1:9093` (loopback only). `auth`, when given,
 * overrides what the URL says (the settings keep the secret outside the URL).
 */
export function parseAlertmanagerUrl(
  input: string,
  override?: {
    readonly auth?: AlertmanagerAuth;
    readonly fingerprint?: string | null;
    readonly trustSystemCa?: boolean;
  },
): AlertmanagerTargetResult {
  const raw = input.trim();
  if (raw === '') return fail('The Alertmanager address is empty');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(`"${raw.slice(0, 80)}" is not a URL: write https://alertmanager.example.com:9093`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail(`Only https:// (or http:// on loopback) can be watched, not ${url.protocol}//`);
  }
  if (url.search !== '') return fail('The Alertmanager address must not have a ?query');
  const tls = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // URL drops a port that is the scheme's default (443), so read it from the text itself.
  const authority = raw.slice(raw.indexOf('//') + 2).split(/[/?#]/, 1)[0] ?? '';
  const explicit = /:(\d+)$/.exec(authority.slice(authority.lastIndexOf('@') + 1))?.[1];
  const port = explicit === undefined ? DEFAULT_ALERTMANAGER_PORT : Number(explicit);
  let fingerprint = override?.fingerprint ?? null;
  let trustSystemCa = override?.trustSystemCa ?? false;
  for (const part of url.hash.replace(/^#/, '').split('&').filter(Boolean)) {
    const [key = '', value = ''] = part.split('=', 2);
    if (key.toLowerCase() === 'sha256') {
      fingerprint = normalizeFingerprint(decodeURIComponent(value));
      if (fingerprint === null) return fail(`"#sha256=${value}" is not a SHA-256 fingerprint`);
    } else if (key.toLowerCase() === 'trust' && value === 'system-ca') {
      trustSystemCa = true;
    } else {
      return fail(`Unknown "#${part}": use #sha256=AB:CD:… or #trust=system-ca`);
    }
  }
  const loopback = isLoopbackHost(host);
  if (!tls && !loopback) {
    return fail(`http:// to ${host} is not encrypted: use https:// beyond loopback`);
  }
  if (tls && fingerprint === null && !trustSystemCa) {
    return fail(
      'No certificate pin: add #sha256=AB:CD:… for a self-signed certificate, or #trust=system-ca for one from a public CA',
    );
  }
  let auth: AlertmanagerAuth = { kind: 'none' };
  const user = decodeURIComponent(url.username);
  const secret = decodeURIComponent(url.password);
  if (user !== '') auth = { kind: 'basic', username: user, password: secret };
  else if (secret !== '') auth = { kind: 'bearer', token: secret };
  if (override?.auth) auth = override.auth;
  const canonical = url.host.includes('[') ? `[${host}]` : host;
  return {
    ok: true,
    target: {
      conn: {
        url: `${url.protocol}//${canonical}:${port}`,
        host,
        port,
        tls,
        token: '',
        fingerprint,
        trustSystemCa,
        notes: [],
      },
      pathPrefix: url.pathname.replace(/\/+$/, ''),
      auth,
    },
  };
}

/** The Authorization header of a login, or undefined for none. */
export function authorizationHeader(auth: AlertmanagerAuth): string | undefined {
  switch (auth.kind) {
    case 'none':
      return undefined;
    case 'basic':
      return `Basic ${btoa(unescape(encodeURIComponent(`${auth.username}:${auth.password}`)))}`;
    case 'bearer':
      return `Bearer ${auth.token}`;
  }
}

/** One alert of `GET /api/v2/alerts`, the fields Hostwatch reads (others are ignored). */
export const amAlertSchema = z.object({
  fingerprint: z.string().min(1).max(64),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()).default({}),
  startsAt: z.string(),
  status: z.object({
    state: z.enum(['active', 'suppressed', 'unprocessed']),
    silencedBy: z.array(z.string()).default([]),
    inhibitedBy: z.array(z.string()).default([]),
  }),
});

/** One alert as Alertmanager's API v2 lists it. */
export type AmAlert = z.infer<typeof amAlertSchema>;

/** The answer of `GET /api/v2/alerts`. */
export const amAlertsSchema = z.array(amAlertSchema).max(10_000);

/** The part of `GET /api/v2/status` that tells an Alertmanager (and its version) apart. */
export const amStatusSchema = z.object({
  versionInfo: z.object({ version: z.string().min(1).max(100) }),
  cluster: z.object({ status: z.string() }),
  config: z.object({ original: z.string() }),
  uptime: z.string(),
});

/** Alertmanager's status, the fields Hostwatch reads. */
export type AmStatus = z.infer<typeof amStatusSchema>;

/** Silence durations offered on an Alertmanager alert. */
export const SILENCE_DURATIONS = ['1h', '4h', '8h'] as const;
/** A silence duration. */
export type SilenceDuration = (typeof SILENCE_DURATIONS)[number];
/** Length of each silence duration in ms. */
export const SILENCE_MS: Record<SilenceDuration, number> = {
  '1h': 3_600_000,
  '4h': 4 * 3_600_000,
  '8h': 8 * 3_600_000,
};

/**
 * Endpoint checks: the schema of one check, the parser for `--check URL`, and the shape of one
 * run's result. Pure: the adapters in main/adapters/checks run them.
 *
 * A check is keyed by its `id` (a stable slug), never by its URL: series keys, events and logs
 * name the id, so a URL (which may carry a token in its query) is not repeated everywhere.
 */
import { z } from 'zod';
import type { CheckFailure } from './check-failures';

/** Kinds of check. */
export const CHECK_KINDS = ['http', 'tcp', 'tls'] as const;

/** One kind of check. */
export type CheckKind = (typeof CHECK_KINDS)[number];

const MIB = 1024 * 1024;
/** Default for how much of a body is read before the check gives up with "body too large". */
export const DEFAULT_BODY_LIMIT_BYTES = MIB;

/** A check id: lowercase slug, so it can be a series target and a file-safe name. */
export const checkIdSchema = z
  .string()
  .min(1, { message: 'Give the check an id' })
  // 48, so the rule ids made from it (`<id>.down`, see check-rules.ts) fit a rule id's 64.
  .max(48, { message: 'Use at most 48 characters for the id' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, {
    message: 'Use lowercase letters, digits and dashes for the id, e.g. shop-home',
  });

/** A range of accepted HTTP status codes, both ends included. */
const statusRange = z
  .object({
    from: z.number().int().min(100, { message: 'Status codes start at 100' }).max(599),
    to: z.number().int().min(100).max(599, { message: 'Status codes end at 599' }),
  })
  .refine((r) => r.from <= r.to, {
    message: 'The first status code of a range must not be above the last',
    path: ['to'],
  });

/** A header name token (RFC 9110) and a value without line breaks. */
const header = z.object({
  name: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, {
    message: 'A header name uses letters, digits and - only, e.g. Host',
  }),
  value: z
    .string()
    .max(1024, { message: 'Keep the header value under 1024 characters' })
    .refine((v) => !/[\r\n\0]/.test(v), { message: 'A header value cannot contain line breaks' }),
});

/** The schema of one check: its type, its defaults and its validation. */
export const checkSchema = z
  .object({
    id: checkIdSchema,
    name: z.string().trim().min(1, { message: 'Give the check a name' }).max(120),
    kind: z.enum(CHECK_KINDS, { message: 'Choose http, tcp or tls' }),
    /** For `http`: the `http://` or `https://` URL. */
    url: z.string().optional(),
    /** For `tcp` and `tls`: `host:port` (`[::1]:443` for an IPv6 address). */
    address: z.string().optional(),
    method: z.enum(['GET', 'HEAD'], { message: 'Use GET or HEAD' }).default('GET'),
    acceptedStatus: z
      .array(statusRange)
      .min(1, { message: 'Accept at least one status range' })
      .default([{ from: 200, to: 399 }]),
    maxRedirects: z
      .number()
      .int()
      .min(0, { message: 'Redirects cannot be negative' })
      .max(20, { message: 'Follow at most 20 redirects' })
      .default(5),
    keyword: z
      .string()
      .min(1)
      .max(200, { message: 'Keep the keyword under 200 characters' })
      .optional(),
    keywordMode: z.enum(['contains', 'absent']).default('contains'),
    bodyLimitBytes: z
      .number()
      .int()
      .min(1024, { message: 'Read at least 1 KiB of the body' })
      .max(64 * MIB, { message: 'Read at most 64 MiB of the body' })
      .default(DEFAULT_BODY_LIMIT_BYTES),
    intervalSeconds: z
      .number()
      .int()
      .min(10, { message: 'Run a check at most every 10 seconds' })
      .max(86_400, { message: 'Run a check at least once a day' })
      .default(60),
    timeoutSeconds: z
      .number()
      .min(1, { message: 'Allow the check at least 1 second' })
      .max(120, { message: 'Allow the check at most 120 seconds' })
      .default(10),
    ipFamily: z.enum(['any', '4', '6'], { message: 'Choose IPv4, IPv6 or either' }).default('any'),
    /** Accept an invalid certificate; its expiry is still reported. */
    acceptInvalidCert: z.boolean().default(false),
    /** Extra CA certificates (PEM) trusted for this check, on top of the system ones. */
    caFile: z.string().min(1).optional(),
    header: header.optional(),
    enabled: z.boolean().default(true),
    /** The user confirmed a link-local or cloud-metadata target. */
    allowPrivateTarget: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'http') {
      const problem = c.url === undefined ? 'Enter the URL to check' : httpUrlProblem(c.url);
      if (problem) ctx.addIssue({ code: 'custom', path: ['url'], message: problem });
    } else {
      const problem =
        c.address === undefined
          ? 'Enter host:port, e.g. example.com:443'
          : hostPortProblem(c.address);
      if (problem) ctx.addIssue({ code: 'custom', path: ['address'], message: problem });
    }
    if (c.timeoutSeconds > c.intervalSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeoutSeconds'],
        message: 'The timeout must not be longer than the interval',
      });
    }
  });

/** One check, defaults applied. */
export type Check = z.output<typeof checkSchema>;

/** One check as written by a user or a file, before defaults. */
export type CheckInput = z.input<typeof checkSchema>;

/** Why a URL cannot be an http check, or undefined when it can. Never echoes the URL. */
export function httpUrlProblem(raw: string): string | undefined {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url) return 'Not a valid URL; write it as https://example.com/path';
  if (url.username !== '' || url.password !== '') {
    return 'Remove the user name and password from the URL: credentials in check URLs are not supported';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `The ${url.protocol} scheme is not supported; use http, https, tcp or tls`;
  }
  if (url.hostname === '') return 'The URL has no host';
  return undefined;
}

/** Splits `host:port` or `[v6]:port`; undefined when it is not one. */
export function splitHostPort(address: string): { host: string; port: number } | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:/[\]@]+)):(\d{1,5})$/.exec(address);
  if (!m) return undefined;
  const port = Number(m[3]);
  if (port < 1 || port > 65_535) return undefined;
  return { host: (m[1] ?? m[2])!, port };
}

function hostPortProblem(address: string): string | undefined {
  if (address.includes('@')) {
    return 'Remove the user name and password: credentials in check addresses are not supported';
  }
  return splitHostPort(address)
    ? undefined
    : 'Write the address as host:port (1–65535), e.g. example.com:443 or [::1]:443';
}

/** A stable slug from a URL's host, port and path, e.g. `shop-example-com-health`. */
export function checkIdFor(kind: CheckKind, host: string, port: string, path: string): string {
  const slug = [kind === 'http' ? '' : kind, host, port, path]
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug === '' ? 'check' : slug;
}

/** What `parseCheckUrl` gives: a check with defaults, or an English reason. */
export type ParsedCheckUrl = { ok: true; check: Check } | { ok: false; error: string };

/**
 * Parses one `--check URL`: `https://…`, `http://…`, `tcp://host:port` or `tls://host:port`,
 * into a check with defaults. Refuses credentials and other schemes; the error never repeats
 * the URL, which may hold a password.
 */
export function parseCheckUrl(raw: string): ParsedCheckUrl {
  const text = raw.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'tcp' || scheme === 'tls') {
    const rest = text
      .slice(scheme.length + 1)
      .replace(/^\/\//, '')
      .replace(/\/$/, '');
    const problem = hostPortProblem(rest);
    if (problem) return { ok: false, error: problem };
    const { host, port } = splitHostPort(rest)!;
    return finish(
      { kind: scheme, address: rest, name: `${scheme}://${rest}` },
      host,
      String(port),
      '',
    );
  }
  const problem = httpUrlProblem(text);
  if (problem) return { ok: false, error: problem };
  const url = new URL(text);
  return finish(
    { kind: 'http', url: url.href, name: url.href },
    url.hostname,
    url.port,
    url.pathname,
  );
}

function finish(
  base: Pick<CheckInput, 'kind' | 'url' | 'address' | 'name'>,
  host: string,
  port: string,
  path: string,
): ParsedCheckUrl {
  const parsed = checkSchema.safeParse({ ...base, id: checkIdFor(base.kind, host, port, path) });
  if (parsed.success) return { ok: true, check: parsed.data };
  return { ok: false, error: parsed.error.issues.map((i) => i.message).join('; ') };
}

/** Milliseconds spent in each phase of one run; null when the run never reached it. */
export interface CheckPhases {
  readonly dns: number | null;
  readonly connect: number | null;
  readonly tls: number | null;
  readonly firstByte: number | null;
  readonly total: number;
}

/** The earliest-expiring certificate of the chain the server presented. */
export interface CheckCert {
  /** Days until notAfter (fractional; negative once expired). */
  readonly daysLeft: number;
  readonly subject: string;
  readonly issuer: string;
  /** Epoch ms. */
  readonly notAfter: number;
  /** Epoch ms. */
  readonly validFrom: number;
}

/** What one run of one check recorded. */
export interface CheckResult {
  readonly checkId: string;
  /** Wall-clock ms at which the run started. */
  readonly at: number;
  readonly up: boolean;
  /** Null exactly when up. */
  readonly failure: CheckFailure | null;
  readonly phases: CheckPhases;
  /** Last HTTP status seen, or null. */
  readonly status: number | null;
  readonly cert: CheckCert | null;
  /** Redirects followed. */
  readonly redirects: number;
}

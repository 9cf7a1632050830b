/**
 * The settings schema: one zod schema is the type, the defaults and the validation of every
 * setting, on the main side and in the UI alike.
 *
 * Secrets (SMTP password, agent token) are never part of these settings: they live in a
 * secret store and the UI only sees whether they are set.
 */
import { z } from 'zod';
import { METRIC_NAMES, METRICS, type MetricName } from './metrics';
import { hasControl } from './sanitize';
import { ALERTMANAGER_SECRET_PREFIX, alertmanagerSourceSchema } from './alertmanager-settings';
import { checkSchema } from './checks';
import {
  isCheckMetric,
  MAX_CHECK_RULES,
  MAX_CHECKS,
  MAX_HOST_RULES,
  TOO_MANY_CHECK_RULES,
  TOO_MANY_CHECKS,
  TOO_MANY_RULES,
} from './limits';

/** Field error of a name holding a line break or another control character. */
export const CONTROL_CHARS_MESSAGE = 'Line breaks and other control characters are not allowed';

/** Current version of the settings file; bump it and add a migration when the shape changes. */
export const SETTINGS_VERSION = 2;

const metricNames = METRIC_NAMES as [MetricName, ...MetricName[]];

/** Local time of day as `HH:MM`. */
const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Use 24-hour time as HH:MM, e.g. 22:00' });

/**
 * An email address for SMTP headers and envelopes: one address, no display name, no CR/LF,
 * no comma or semicolon (which would smuggle in extra recipients).
 */
export const emailAddress = z
  .string()
  .trim()
  .max(254)
  .refine((s) => !/[\r\n,;<>"()\s]/.test(s), {
    message: 'Enter one plain address, e.g. ops@example.com',
  })
  .pipe(z.email({ message: 'Not a valid email address' }));

/**
 * Which side of its thresholds a rule alerts on: `above` (response time, CPU: "at or above")
 * or `below` (certificate days left, up: "at or below").
 */
export const ruleDirection = z.enum(['above', 'below']);

/** Which side of its thresholds a rule alerts on. */
export type RuleDirection = z.infer<typeof ruleDirection>;

/** One alert rule. Thresholds are in the metric's unit, on the side its direction names. */
export const ruleSchema = z
  .object({
    /** Stable id, used for snooze and events. */
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9][a-z0-9._-]*$/, { message: 'Use lowercase letters, digits, . _ -' }),
    metric: z.enum(metricNames),
    /**
     * Defaults to `above`, so files written before directions existed need no migration.
     * Optional in the type (absent means `above`) so hand-built rules stay valid; parsing fills it.
     */
    direction: ruleDirection.default('above').optional(),
    /** Mount, interface or core for targeted metrics; `*` means every one. */
    target: z.string().min(1).max(256).optional(),
    enabled: z.boolean(),
    warning: z.number().finite().nullable(),
    critical: z.number().finite().nullable(),
    /**
     * The value must fall below this to clear (rise above it for `below` rules: hysteresis); null
     * means the lowest active threshold (the highest for `below` rules).
     */
    clear: z.number().finite().nullable(),
    /** How long the breach must last before it fires. */
    forSeconds: z.number().int().min(0).max(86_400),
    /** Reminder interval while firing; 0 means no reminders. */
    repeatMinutes: z.number().int().min(0).max(10_080),
  })
  .superRefine((r, ctx) => {
    if (r.warning === null && r.critical === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['warning'],
        message: 'Set a warning or a critical level',
      });
    }
    if (r.direction === 'below') {
      refineBelow(r, ctx);
    } else {
      if (r.warning !== null && r.critical !== null && r.critical < r.warning) {
        ctx.addIssue({
          code: 'custom',
          path: ['critical'],
          message: 'Critical must be at or above warning',
        });
      }
      const lowest = Math.min(r.warning ?? Infinity, r.critical ?? Infinity);
      if (r.clear !== null && r.clear > lowest) {
        ctx.addIssue({
          code: 'custom',
          path: ['clear'],
          message: 'Clear level must be at or below the lowest alert level',
        });
      }
    }
    const unit = METRICS[r.metric].unit;
    for (const key of ['warning', 'critical', 'clear'] as const) {
      const v = r[key];
      if (v === null) continue;
      // A failure streak counts successes as negative numbers (clear 1 − M for "up after M").
      if (v < 0 && unit !== 'streak') {
        ctx.addIssue({ code: 'custom', path: [key], message: 'Must be 0 or more' });
      }
      if (unit === 'percent' && v > 100) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'A percentage is at most 100' });
      }
    }
    if (r.target !== undefined && !METRICS[r.metric].targeted) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'This metric has no target' });
    }
  });

/** The level checks of a `below` rule: the mirror of an `above` rule's. */
function refineBelow(
  r: { warning: number | null; critical: number | null; clear: number | null },
  ctx: z.RefinementCtx,
): void {
  if (r.warning !== null && r.critical !== null && r.critical > r.warning) {
    ctx.addIssue({
      code: 'custom',
      path: ['critical'],
      message: 'For a "below" rule, critical must be at or below warning',
    });
  }
  const highest = Math.max(r.warning ?? -Infinity, r.critical ?? -Infinity);
  if (r.clear !== null && r.clear < highest) {
    ctx.addIssue({
      code: 'custom',
      path: ['clear'],
      message: 'For a "below" rule, the clear level must be at or above the highest alert level',
    });
  }
}

/** One alert rule. */
export type Rule = z.infer<typeof ruleSchema>;

/** SMTP connection security. */
export const smtpSecurity = z.enum(['tls', 'starttls', 'none']);

/** SMTP settings; the password lives in the secret store. */
export const smtpSchema = z
  .object({
    enabled: z.boolean(),
    host: z
      .string()
      .trim()
      .max(253)
      .regex(/^[A-Za-z0-9.:\-[\]]*$/, { message: 'Enter a host name or IP address' }),
    port: z.number().int().min(1).max(65_535),
    /** `tls`: implicit TLS (465); `starttls`: STARTTLS required (587); `none`: loopback only. */
    security: smtpSecurity,
    username: z
      .string()
      .max(256)
      .refine((s) => !/[\r\n]/.test(s), { message: 'No line breaks' }),
    from: z.union([z.literal(''), emailAddress]),
    to: z.array(emailAddress).max(20),
    subjectPrefix: z
      .string()
      .max(40)
      .refine((s) => !/[\r\n]/.test(s), { message: 'No line breaks' }),
  })
  .superRefine((s, ctx) => {
    if (!s.enabled) return;
    if (s.host === '')
      ctx.addIssue({ code: 'custom', path: ['host'], message: 'Enter the SMTP server' });
    if (s.from === '')
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'Enter a sender address' });
    if (s.to.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Enter at least one recipient' });
    }
    if (s.security === 'none' && s.host !== '' && !isLoopbackHost(s.host)) {
      ctx.addIssue({
        code: 'custom',
        path: ['security'],
        message: 'Unencrypted SMTP is allowed only to a local mail server (localhost)',
      });
    }
  });

/** SMTP settings. */
export type SmtpSettings = z.infer<typeof smtpSchema>;

/** Whether a host name is the loopback interface. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** A server id: a slug, also the host id in the fleet. */
const serverId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { message: 'Use lowercase letters, digits, _ and -' })
  .refine((id) => id !== 'local', { message: '"local" names this computer; choose another id' });

/** One watched Hostwatch agent (its token is a secret: `hostTokenSecret(id)`). */
export const serverSchema = z.object({
  id: serverId,
  name: z
    .string()
    .refine((v) => !hasControl(v), { message: CONTROL_CHARS_MESSAGE })
    .trim()
    .max(64),
  /** `https://host:port`: no token, no path (watch-target.ts parses the full form). */
  url: z
    .string()
    .trim()
    .regex(/^https?:\/\/(\[[0-9a-fA-F:.]+\]|[^/\s@:?#[\]]+):\d{1,5}$/, {
      message: 'Write the address as https://host:port, without a path or a token',
    }),
  fingerprint: z
    .string()
    .regex(/^SHA256(:[0-9A-F]{2}){32}$/, {
      message: 'Paste the fingerprint the agent printed: SHA256:AB:CD:…',
    })
    .nullable(),
  trustSystemCa: z.boolean(),
  enabled: z.boolean(),
});

/** One watched Hostwatch agent. */
export type Server = z.infer<typeof serverSchema>;

/** The fleet: which servers this instance watches, and when one counts as unreachable. */
export const fleetSchema = z.object({
  /**
   * Seconds without a message before a host is unreachable. At least 10: a quiet agent speaks
   * every 5 s, so less would flap.
   */
  unreachableAfterSeconds: z.number().int().min(10).max(86_400).default(60),
  servers: z
    .array(serverSchema)
    .max(500)
    .default([])
    .superRefine((servers, ctx) => {
      const ids = new Set<string>();
      const urls = new Set<string>();
      servers.forEach((s, i) => {
        if (ids.has(s.id)) {
          ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Server ids must be unique' });
        }
        const url = s.url.toLowerCase();
        if (urls.has(url)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'url'],
            message: `${s.url} is already watched`,
          });
        }
        ids.add(s.id);
        urls.add(url);
      });
    }),
  // Alertmanager as a source: its active alerts join the fleet (issue 10).
  alertmanagers: z.array(alertmanagerSourceSchema).max(50).default([]),
});

/** Fleet settings. */
export type FleetSettings = z.infer<typeof fleetSchema>;

// Each heartbeat field says what to write (the form shows these words, EN/KO, not min/max).
const HOUR_MESSAGE = 'Write the hour as a whole number from 0 to 23, e.g. 8 for 08:00';
const INTERVAL_MESSAGE = 'Write the interval in whole minutes from 1 to 1440 (one day), e.g. 5';

/** The heartbeat (issue 11): a daily "all is well" email and a dead-man URL ping, both off by default. */
export const heartbeatSchema = z.object({
  email: z.object({
    enabled: z.boolean(),
    /** Local hour of the day (0–23) the summary email goes out. */
    hour: z
      .number({ message: HOUR_MESSAGE })
      .int({ message: HOUR_MESSAGE })
      .min(0, { message: HOUR_MESSAGE })
      .max(23, { message: HOUR_MESSAGE }),
  }),
  url: z
    .object({
      enabled: z.boolean(),
      /** Pinged with a GET every interval while all is not critical, e.g. a healthchecks.io URL. */
      url: z.union([
        z.literal(''),
        z.url({
          protocol: /^https?$/,
          message: 'The heartbeat URL must start with https:// or http://',
        }),
      ]),
      intervalMinutes: z
        .number({ message: INTERVAL_MESSAGE })
        .int({ message: INTERVAL_MESSAGE })
        .min(1, { message: INTERVAL_MESSAGE })
        .max(1_440, { message: INTERVAL_MESSAGE }),
    })
    .refine((u) => !u.enabled || u.url !== '', {
      path: ['url'],
      message: 'Enter the heartbeat URL, or turn the heartbeat ping off',
    }),
});

/** Heartbeat settings. */
export type HeartbeatSettings = z.infer<typeof heartbeatSchema>;

/** The default heartbeat: both parts off. */
export const DEFAULT_HEARTBEAT: HeartbeatSettings = {
  email: { enabled: false, hour: 9 },
  url: { enabled: false, url: '', intervalMinutes: 5 },
};

// Each own-cost field says what to write (the form shows these words, EN/KO, not min/max).
const CPU_BUDGET_MESSAGE =
  'Write the CPU budget as a number from 0.1 to 100 (% of one core), e.g. 1 for 1 %';
const BUDGET_MINUTES_MESSAGE =
  'Write the budget period in whole minutes from 1 to 1440 (one day), e.g. 10';

/** Hostwatch's own CPU budget (issue 11); see main/core/cpu-budget.ts. */
export const selfCostSchema = z.object({
  /** Own CPU (all its processes) allowed on average, in % of one core. */
  cpuBudgetPercent: z
    .number({ message: CPU_BUDGET_MESSAGE })
    .min(0.1, { message: CPU_BUDGET_MESSAGE })
    .max(100, { message: CPU_BUDGET_MESSAGE }),
  /** Over this many minutes: above it that long slows processes and temperatures. */
  budgetMinutes: z
    .number({ message: BUDGET_MINUTES_MESSAGE })
    .int({ message: BUDGET_MINUTES_MESSAGE })
    .min(1, { message: BUDGET_MINUTES_MESSAGE })
    .max(1_440, { message: BUDGET_MINUTES_MESSAGE }),
});

/** Own-cost settings. */
export type SelfCostSettings = z.infer<typeof selfCostSchema>;

/** The default budget: 1 % of one core over 10 minutes. */
export const DEFAULT_SELF_COST: SelfCostSettings = { cpuBudgetPercent: 1, budgetMinutes: 10 };

/** The whole settings document. */
export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  general: z.object({
    /** Name shown in emails and the tray; empty means the machine's host name. */
    displayName: z
      .string()
      // Before trim, so a trailing CR/LF is refused in words rather than silently cut.
      .refine((v) => !hasControl(v), { message: CONTROL_CHARS_MESSAGE })
      .trim()
      .max(64),
    language: z.enum(['en', 'ko']),
    /** Address of the dashboard, put into emails when set. */
    dashboardUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
  }),
  sampling: z.object({
    /** Seconds between ticks (cheap collectors run every tick). */
    intervalSeconds: z.number().int().min(1).max(60),
    /** Seconds between disk-usage readings. */
    diskSeconds: z.number().int().min(1).max(3_600),
    /** Seconds between top-process readings. */
    processesSeconds: z.number().int().min(2).max(3_600),
    /** Seconds between temperature readings. */
    temperatureSeconds: z.number().int().min(1).max(3_600),
    /** Deadline for one collector call. */
    deadlineSeconds: z.number().int().min(1).max(120),
  }),
  rules: z
    .array(ruleSchema)
    .max(MAX_HOST_RULES + MAX_CHECK_RULES, { message: TOO_MANY_RULES })
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      let checkRules = 0;
      rules.forEach((r, i) => {
        if (seen.has(r.id)) {
          ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Rule ids must be unique' });
        }
        seen.add(r.id);
        if (isCheckMetric(r.metric)) checkRules += 1;
      });
      // Counted apart, so a full set of checks never crowds out the host's own rules.
      if (checkRules > MAX_CHECK_RULES) {
        ctx.addIssue({ code: 'custom', path: [], message: TOO_MANY_CHECK_RULES });
      } else if (rules.length - checkRules > MAX_HOST_RULES) {
        ctx.addIssue({ code: 'custom', path: [], message: TOO_MANY_RULES });
      }
    }),
  notifications: z.object({
    /** Native OS notifications (tray app only). */
    desktop: z.boolean(),
    /** Email (needs SMTP). */
    email: z.boolean(),
    /** Transitions within this window go out as one grouped email. */
    groupWindowSeconds: z.number().int().min(0).max(600),
    quietHours: z.object({
      enabled: z.boolean(),
      start: timeOfDay,
      end: timeOfDay,
      /** Critical alerts still go out during quiet hours. */
      allowCritical: z.boolean(),
    }),
  }),
  smtp: smtpSchema,
  /** Endpoint checks (issue 9); their default rules are added to `rules` with them. */
  checks: z
    .array(checkSchema)
    .max(MAX_CHECKS, { message: TOO_MANY_CHECKS })
    .default([])
    .superRefine((checks, ctx) => {
      const seen = new Set<string>();
      checks.forEach((c, i) => {
        if (seen.has(c.id)) {
          ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Check ids must be unique' });
        }
        seen.add(c.id);
      });
    }),
  logging: z.object({
    /** Rotate a log file past this size. */
    maxFileMB: z.number().min(0.1).max(1_024),
    /** Rotated archives kept per log. */
    keepFiles: z.number().int().min(1).max(100),
    /** Seconds between metrics-log lines; 0 turns the metrics log off. */
    metricsEverySeconds: z.number().int().min(0).max(3_600),
  }),
  // fleet (fleet-core): defaults so files written before the fleet parse unchanged
  fleet: fleetSchema.default({ unreachableAfterSeconds: 60, servers: [], alertmanagers: [] }),
  // heartbeat (issue 11): a default so files written before it parse unchanged (no version bump)
  heartbeat: heartbeatSchema.default(DEFAULT_HEARTBEAT),
  // own CPU budget (issue 11): a default so older files parse unchanged (no version bump)
  selfCost: selfCostSchema.default(DEFAULT_SELF_COST),
});

/** The whole settings document. */
export type Settings = z.infer<typeof settingsSchema>;

/** The default rules: one per metric family that can hurt a web server. */
export const DEFAULT_RULES: Rule[] = [
  {
    id: 'cpu',
    metric: 'cpu.total',
    direction: 'above',
    enabled: true,
    warning: 85,
    critical: 95,
    clear: 75,
    forSeconds: 300,
    repeatMinutes: 60,
  },
  {
    id: 'load',
    metric: 'load.per_core',
    direction: 'above',
    enabled: true,
    warning: 2,
    critical: 4,
    clear: 1.5,
    forSeconds: 600,
    repeatMinutes: 60,
  },
  {
    id: 'memory',
    metric: 'mem.used_pct',
    direction: 'above',
    enabled: true,
    warning: 90,
    critical: 97,
    clear: 85,
    forSeconds: 300,
    repeatMinutes: 60,
  },
  {
    id: 'swap',
    metric: 'swap.used_pct',
    direction: 'above',
    enabled: true,
    warning: 50,
    critical: 80,
    clear: 40,
    forSeconds: 600,
    repeatMinutes: 120,
  },
  {
    id: 'disk',
    metric: 'disk.used_pct',
    direction: 'above',
    target: '*',
    enabled: true,
    warning: 85,
    critical: 95,
    clear: 82,
    forSeconds: 60,
    repeatMinutes: 240,
  },
  // Forecast rule (issue 11): warns when a mount is predicted full within 3 days, critical
  // within 12 h. Off by default until the Prometheus export writes `below` rules as `<=`.
  {
    id: 'disk-forecast',
    metric: 'forecast.seconds_to_full',
    direction: 'below',
    target: '*',
    enabled: false,
    warning: 259_200,
    critical: 43_200,
    clear: null,
    forSeconds: 0,
    repeatMinutes: 720,
  },
  {
    id: 'temperature',
    metric: 'temp.cpu',
    direction: 'above',
    enabled: true,
    warning: 80,
    critical: 90,
    clear: 75,
    forSeconds: 120,
    repeatMinutes: 60,
  },
  {
    id: 'disk-io',
    metric: 'diskio.write_bps',
    direction: 'above',
    enabled: false,
    warning: 200e6,
    critical: null,
    clear: null,
    forSeconds: 600,
    repeatMinutes: 120,
  },
  {
    id: 'network',
    metric: 'net.rx_bps',
    direction: 'above',
    target: '*',
    enabled: false,
    warning: 100e6,
    critical: null,
    clear: null,
    forSeconds: 300,
    repeatMinutes: 120,
  },
];

/** The default settings. */
export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  general: { displayName: '', language: 'en', dashboardUrl: '' },
  sampling: {
    intervalSeconds: 1,
    diskSeconds: 30,
    processesSeconds: 15,
    temperatureSeconds: 15,
    deadlineSeconds: 5,
  },
  rules: DEFAULT_RULES,
  notifications: {
    desktop: true,
    email: true,
    groupWindowSeconds: 30,
    quietHours: { enabled: false, start: '22:00', end: '07:00', allowCritical: true },
  },
  smtp: {
    enabled: false,
    host: '',
    port: 587,
    security: 'starttls',
    username: '',
    from: '',
    to: [],
    subjectPrefix: '[Hostwatch]',
  },
  checks: [],
  logging: { maxFileMB: 5, keepFiles: 5, metricsEverySeconds: 60 },
  fleet: { unreachableAfterSeconds: 60, servers: [], alertmanagers: [] },
  heartbeat: DEFAULT_HEARTBEAT,
  selfCost: DEFAULT_SELF_COST,
};

/** Secrets of the product itself (not of one watched host), each shown to the UI as set / not set. */
export type GlobalSecretName = 'smtpPassword' | 'agentToken';

/** Prefix of a per-host secret's name: the token that reaches a watched host's agent. */
export const HOST_TOKEN_PREFIX = 'host-token:';

/**
 * Names of the secrets kept outside the settings file: the global ones, plus one token per
 * watched host (`host-token:<host id>`, see {@link hostTokenSecret}). Plain string keys, so the
 * stored files keep the shape they had before per-host secrets existed.
 */
export type SecretName =
  | GlobalSecretName
  | `${typeof HOST_TOKEN_PREFIX}${string}`
  // Alertmanager as a source: its password or bearer token (alertmanagerSecret(id)).
  | `${typeof ALERTMANAGER_SECRET_PREFIX}${string}`;

/** The secret name of a watched host's agent token. */
export function hostTokenSecret(host: string): SecretName {
  return `${HOST_TOKEN_PREFIX}${host}`;
}

/** Whether a stored key is a secret name this version knows. */
export function isSecretName(key: string): key is SecretName {
  return (
    key === 'smtpPassword' ||
    key === 'agentToken' ||
    (key.startsWith(HOST_TOKEN_PREFIX) && key.length > HOST_TOKEN_PREFIX.length) ||
    (key.startsWith(ALERTMANAGER_SECRET_PREFIX) && key.length > ALERTMANAGER_SECRET_PREFIX.length)
  );
}

/** What the UI learns about secrets: only whether each is set. */
export type SecretsView = Readonly<Record<GlobalSecretName, boolean>> & {
  /** fleet: whether each watched server's token is set, by server id. */
  readonly hostTokens?: Readonly<Record<string, boolean>>;
  /** Settings → Servers: whether each Alertmanager's password or token is set, by source id. */
  readonly alertmanagerSecrets?: Readonly<Record<string, boolean>>;
};

/** A change to a secret in a settings write: keep (absent), replace (string) or clear (null). */
export const secretChangeSchema = z
  .string()
  .max(1_024)
  .refine((s) => !/[\r\n]/.test(s), { message: 'No line breaks' })
  .nullable()
  .optional();

/** One field-level validation error. */
export interface FieldError {
  /** Dotted path of the field, e.g. `rules.0.warning`. */
  readonly path: string;
  readonly message: string;
}

/** Turns a zod error into field errors with dotted paths. */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
}

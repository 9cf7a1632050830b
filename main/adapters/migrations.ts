/**
 * Numbered migrations of the settings file. Each step lifts a raw document from version `from`
 * to `from + 1`; {@link migrateSettings} runs them in order up to {@link SETTINGS_VERSION}.
 *
 * To change the settings shape: bump `SETTINGS_VERSION` in main/shared/settings.ts, append a step
 * here that turns the old raw shape into the new one, and add a test with a real old file.
 * Steps work on untrusted raw JSON: they move and rename fields but never validate; the schema
 * does that after the last step.
 */
import { DEFAULT_RULES, SETTINGS_VERSION } from '../shared/settings';

/** A raw, unvalidated settings document. */
export type RawSettings = Record<string, unknown>;

/** One step from version `from` to `to` (= from + 1). */
export interface Migration {
  readonly from: number;
  readonly to: number;
  /** What the step does, for the log. */
  readonly description: string;
  migrate(raw: RawSettings): RawSettings;
}

/** Thrown when a file cannot be brought to the current version. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * Version 0 is the pre-release script's file: `{ "cpuThreshold": 90, "email": "ops@example.com" }`
 * (a fixed CPU threshold and one recipient, no version field). It becomes the default v1
 * settings with the CPU rule warning at that threshold and the address as the recipient.
 */
const v0ToV1: Migration = {
  from: 0,
  to: 1,
  description: 'pre-release cpuThreshold/email file to versioned settings',
  migrate(raw) {
    const { cpuThreshold, email, ...rest } = raw;
    const out: RawSettings = { ...rest, version: 1 };
    if (typeof cpuThreshold === 'number' && rest.rules === undefined) {
      out.rules = DEFAULT_RULES.map((rule) =>
        rule.id === 'cpu'
          ? {
              ...rule,
              warning: cpuThreshold,
              critical: Math.max(rule.critical ?? cpuThreshold, cpuThreshold),
              // The clear level must stay at or below the warning level.
              clear: Math.max(0, Math.min(rule.clear ?? cpuThreshold, cpuThreshold - 10)),
            }
          : rule,
      );
    }
    if (typeof email === 'string' && email.trim() !== '') {
      const smtp = isRecord(rest.smtp) ? rest.smtp : {};
      out.smtp = { ...smtp, to: [email.trim()] };
      out.notifications = {
        ...(isRecord(rest.notifications) ? rest.notifications : {}),
        email: true,
      };
    }
    return out;
  },
};

/** Version 2 adds endpoint checks (issue 9): an empty list, so nothing runs that was not asked for. */
const v1ToV2: Migration = {
  from: 1,
  to: 2,
  description: 'endpoint checks: an empty checks list',
  migrate(raw) {
    return { ...raw, version: 2, checks: Array.isArray(raw.checks) ? raw.checks : [] };
  },
};

/** Every migration, in order; `MIGRATIONS[i].from === i`. */
export const MIGRATIONS: readonly Migration[] = [v0ToV1, v1ToV2];

/** The version a raw document claims; a document without one is version 0 (pre-release). */
export function versionOf(raw: RawSettings): number {
  return raw.version === undefined ? 0 : typeof raw.version === 'number' ? raw.version : NaN;
}

/**
 * Brings a raw document to {@link SETTINGS_VERSION}. Returns it with the versions it passed
 * through; throws {@link MigrationError} for a newer or unknown version.
 */
export function migrateSettings(raw: RawSettings): {
  settings: RawSettings;
  from: number;
  applied: readonly Migration[];
} {
  const from = versionOf(raw);
  if (!Number.isInteger(from) || from < 0) {
    throw new MigrationError(`the file has an unknown version (${JSON.stringify(raw.version)})`);
  }
  if (from > SETTINGS_VERSION) {
    throw new MigrationError(
      `the file is from a newer Hostwatch (version ${from}; this one reads up to ${SETTINGS_VERSION})`,
    );
  }
  let current = raw;
  const applied: Migration[] = [];
  for (let v = from; v < SETTINGS_VERSION; v += 1) {
    const step = MIGRATIONS.find((m) => m.from === v);
    if (!step || step.to !== v + 1) throw new MigrationError(`no migration from version ${v}`);
    current = step.migrate(current);
    applied.push(step);
  }
  return { settings: current, from, applied };
}

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is RawSettings {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

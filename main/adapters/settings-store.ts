/**
 * The settings file: JSON with a `version`, brought up to date by numbered migrations, parsed
 * with the one settings schema, and written atomically (temp file in the same folder, fsync,
 * rename) so a crash mid-write leaves either the old file or the new one, never half of each.
 *
 * A file that cannot be read, parsed, migrated or validated is never overwritten in place: it is
 * renamed to `settings.json.corrupt-<timestamp>`, defaults are used, and `problem` says so.
 */
import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Clock, LoadedSettings, Logger, SettingsStorePort } from '../core/ports';
import type { NoticeParams } from '../shared/contract';
import {
  DEFAULT_SETTINGS,
  settingsSchema,
  toFieldErrors,
  type FieldError,
  type Settings,
} from '../shared/settings';
import { isRecord, migrateSettings, MigrationError, type RawSettings } from './migrations';
import { errorText } from '../shared/errors';

/** Why a settings file was set aside: the `cause` param of the `settings-corrupt` notice. */
export type CorruptCause =
  'unreadable' | 'empty' | 'not-json' | 'not-object' | 'not-upgradable' | 'invalid-values';

/** Thrown by `save` when the settings do not pass the schema; nothing was written. */
export class SettingsValidationError extends Error {
  override readonly name = 'SettingsValidationError';
  constructor(readonly fields: readonly FieldError[]) {
    super(
      fields.length === 1 && fields[0]
        ? `Invalid setting ${fields[0].path || '(root)'}: ${fields[0].message}`
        : `${fields.length} settings are invalid`,
    );
  }
}

/** Thrown by `save` when the file cannot be written; the previous file is unchanged. */
export class SettingsWriteError extends Error {
  override readonly name = 'SettingsWriteError';
}

/** Options of {@link createSettingsStore}. */
export interface SettingsStoreOptions {
  /** Full path of the settings file, e.g. `<data dir>/settings.json`. */
  readonly path: string;
  /** Scoped logger, e.g. `logging.scope('settings')`. */
  readonly logger: Logger;
  /** Wall clock for backup names; default `Date.now`. */
  readonly clock?: Pick<Clock, 'now'>;
}

/** Creates the settings store for one file. */
export function createSettingsStore(options: SettingsStoreOptions): SettingsStorePort {
  const { path, logger } = options;
  const now = (): number => options.clock?.now() ?? Date.now();
  // Several parts of a start-up may load the settings; every one of them should hear that the
  // defaults replaced a broken file, not only the first, so the problem sticks until a save.
  let lastProblem: Omit<LoadedSettings, 'settings'> | undefined;

  async function write(settings: Settings): Promise<void> {
    try {
      await mkdir(dirname(path), { recursive: true });
      // A fresh options object each time: write-file-atomic fills in mode and owner on it.
      await writeFileAtomic(path, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    } catch (e) {
      throw new SettingsWriteError(
        `Could not save settings to ${path}: ${errorText(e)}. The previous settings file is unchanged.`,
        { cause: e },
      );
    }
  }

  async function writeQuietly(settings: Settings, why: string): Promise<void> {
    try {
      await write(settings);
      logger.info(`settings file ${why}`, { path });
    } catch (e) {
      logger.warn(errorText(e));
    }
  }

  /**
   * Moves a bad file aside, starts on defaults, and says so in plain words and as a notice code
   * (`settings-corrupt`, see `NoticeCode` in main/shared/contract.ts) with `cause` and `detail`
   * (an `error` or the invalid `fields`) as params.
   */
  async function fallBack(
    reason: string,
    cause: CorruptCause,
    detail: NoticeParams = {},
  ): Promise<LoadedSettings> {
    const backup = `${path}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    let kept: string;
    let backedUp = true;
    let renamed = false;
    try {
      await rename(path, backup);
      kept = `It was kept as ${backup}`;
      renamed = true;
    } catch {
      try {
        await copyFile(path, backup);
        kept = `A copy was kept as ${backup}`;
      } catch (e) {
        kept = `It could not be backed up (${errorText(e)}) and will be replaced when settings are saved`;
        backedUp = false;
      }
    }
    const problem = `The settings file ${path} ${reason}. ${kept}, and Hostwatch is using default settings.`;
    lastProblem = {
      problem,
      problemCode: 'settings-corrupt',
      problemParams: { path, cause, ...detail, ...(backedUp ? { backup } : {}) },
    };
    logger.error(problem);
    if (renamed) await writeQuietly(defaults(), 'reset to defaults');
    return { settings: defaults(), ...lastProblem };
  }

  return {
    path,

    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        if (isErrno(e) && e.code === 'ENOENT') {
          await writeQuietly(defaults(), 'created with defaults');
          return { settings: defaults() };
        }
        return fallBack(`could not be read (${errorText(e)})`, 'unreadable', {
          error: isErrno(e) && typeof e.code === 'string' ? e.code : errorText(e),
        });
      }

      let raw: unknown;
      try {
        raw = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch {
        return text.trim() === ''
          ? fallBack('is empty', 'empty')
          : fallBack(
              'is not valid JSON (it may have been cut off while being written)',
              'not-json',
            );
      }
      if (!isRecord(raw)) return fallBack('does not contain a settings object', 'not-object');

      let migrated: ReturnType<typeof migrateSettings>;
      try {
        migrated = migrateSettings(raw);
      } catch (e) {
        if (e instanceof MigrationError)
          return fallBack(`could not be upgraded: ${e.message}`, 'not-upgradable');
        return fallBack(`could not be upgraded (${errorText(e)})`, 'not-upgradable');
      }

      const filled = fillDefaults(migrated.settings, defaults());
      const parsed = settingsSchema.safeParse(filled.value);
      if (!parsed.success) {
        const fields = toFieldErrors(parsed.error);
        const listed = fields
          .slice(0, 3)
          .map((f) => `${f.path || '(root)'}: ${f.message}`)
          .join('; ');
        return fallBack(
          `has invalid values (${listed}${fields.length > 3 ? '; …' : ''})`,
          'invalid-values',
          {
            fields: fields
              .slice(0, 3)
              .map((f) => f.path || '(root)')
              .join(', '),
          },
        );
      }

      for (const step of migrated.applied) {
        logger.info(
          `settings migrated from version ${step.from} to ${step.to}: ${step.description}`,
        );
      }
      if (migrated.applied.length > 0) await writeQuietly(parsed.data, 'upgraded');
      else if (filled.changed)
        await writeQuietly(parsed.data, 'completed with defaults for new fields');
      return { settings: parsed.data, ...lastProblem };
    },

    async save(settings) {
      const parsed = settingsSchema.safeParse(settings);
      if (!parsed.success) throw new SettingsValidationError(toFieldErrors(parsed.error));
      await write(parsed.data);
      lastProblem = undefined;
    },
  };
}

/**
 * Fills fields missing from `raw` with defaults, recursing into objects only: arrays (rules,
 * recipients) are the user's whole list and are never merged, and a field of the wrong type is
 * left for the schema to reject rather than silently replaced.
 */
export function fillDefaults(
  raw: RawSettings,
  defaults: RawSettings,
): { value: RawSettings; changed: boolean } {
  let changed = false;
  const value: RawSettings = { ...raw };
  for (const [key, def] of Object.entries(defaults)) {
    const current = raw[key];
    if (current === undefined) {
      value[key] = def;
      changed = true;
    } else if (isRecord(current) && isRecord(def)) {
      const inner = fillDefaults(current, def);
      value[key] = inner.value;
      changed ||= inner.changed;
    }
  }
  return { value, changed };
}

function isErrno(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && 'code' in e;
}

/** A fresh copy, so no caller can change the shared defaults. */
function defaults(): Settings {
  return structuredClone(DEFAULT_SETTINGS);
}

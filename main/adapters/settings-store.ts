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
import {
  DEFAULT_SETTINGS,
  settingsSchema,
  toFieldErrors,
  type FieldError,
  type Settings,
} from '../shared/settings';
import { isRecord, migrateSettings, MigrationError, type RawSettings } from './migrations';

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
  let lastProblem: string | undefined;

  async function write(settings: Settings): Promise<void> {
    try {
      await mkdir(dirname(path), { recursive: true });
      // A fresh options object each time: write-file-atomic fills in mode and owner on it.
      await writeFileAtomic(path, `${JSON.stringify(settings, null, 2)}\n`, {});
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

  /** Moves a bad file aside, starts on defaults, and says so in plain words. */
  async function fallBack(reason: string): Promise<LoadedSettings> {
    const backup = `${path}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    let kept: string;
    try {
      await rename(path, backup);
      kept = `It was kept as ${backup}`;
    } catch {
      try {
        await copyFile(path, backup);
        kept = `A copy was kept as ${backup}`;
      } catch (e) {
        kept = `It could not be backed up (${errorText(e)}) and will be replaced when settings are saved`;
      }
    }
    const problem = `The settings file ${path} ${reason}. ${kept}, and Hostwatch is using default settings.`;
    lastProblem = problem;
    logger.error(problem);
    if (kept.startsWith('It was kept')) await writeQuietly(defaults(), 'reset to defaults');
    return { settings: defaults(), problem };
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
        return fallBack(`could not be read (${errorText(e)})`);
      }

      let raw: unknown;
      try {
        raw = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch {
        return fallBack(
          text.trim() === ''
            ? 'is empty'
            : 'is not valid JSON (it may have been cut off while being written)',
        );
      }
      if (!isRecord(raw)) return fallBack('does not contain a settings object');

      let migrated: ReturnType<typeof migrateSettings>;
      try {
        migrated = migrateSettings(raw);
      } catch (e) {
        if (e instanceof MigrationError) return fallBack(`could not be upgraded: ${e.message}`);
        return fallBack(`could not be upgraded (${errorText(e)})`);
      }

      const filled = fillDefaults(migrated.settings, defaults());
      const parsed = settingsSchema.safeParse(filled.value);
      if (!parsed.success) {
        const fields = toFieldErrors(parsed.error);
        const listed = fields
          .slice(0, 3)
          .map((f) => `${f.path || '(root)'}: ${f.message}`)
          .join('; ');
        return fallBack(`has invalid values (${listed}${fields.length > 3 ? '; …' : ''})`);
      }

      for (const step of migrated.applied) {
        logger.info(
          `settings migrated from version ${step.from} to ${step.to}: ${step.description}`,
        );
      }
      if (migrated.applied.length > 0) await writeQuietly(parsed.data, 'upgraded');
      else if (filled.changed)
        await writeQuietly(parsed.data, 'completed with defaults for new fields');
      return lastProblem === undefined
        ? { settings: parsed.data }
        : { settings: parsed.data, problem: lastProblem };
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
function fillDefaults(
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

function errorText(e: unknown): string {
  // Node's messages already lead with the code, e.g. `EACCES: permission denied, open '…'`.
  return e instanceof Error ? e.message : String(e);
}

/** A fresh copy, so no caller can change the shared defaults. */
function defaults(): Settings {
  return structuredClone(DEFAULT_SETTINGS);
}

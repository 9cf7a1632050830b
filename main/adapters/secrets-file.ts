/**
 * The agent's secret store: a JSON file readable by its owner only (mode 0600), written
 * atomically, with environment variables taking precedence so a service manager can inject
 * secrets without any file at all. The tray app uses Electron `safeStorage` instead.
 */
import { chmod, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Logger, SecretStore } from '../core/ports';
import { isSecretName, type GlobalSecretName, type SecretName } from '../shared/settings';

/** The environment variable that overrides each global secret (per-host tokens have none). */
export const SECRET_ENV: Readonly<Record<GlobalSecretName, string>> = {
  smtpPassword: 'HOSTWATCH_SMTP_PASSWORD',
  agentToken: 'HOSTWATCH_TOKEN',
};

const SECRET_NAMES = Object.keys(SECRET_ENV) as GlobalSecretName[];
const envName = (name: SecretName): string | undefined =>
  name in SECRET_ENV ? SECRET_ENV[name as GlobalSecretName] : undefined;
const FILE_MODE = 0o600;

/** Options of {@link createFileSecretStore}. */
export interface FileSecretStoreOptions {
  /** Full path of the secrets file, e.g. `<data dir>/secrets.json`. */
  readonly path: string;
  /** Environment consulted before the file; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Scoped logger for permission fixes and unreadable files. */
  readonly logger?: Logger;
}

/** A file-backed secret store; `kind` is `environment` when any secret comes from the environment. */
export interface FileSecretStore extends SecretStore {
  readonly path: string;
  /** Whether a secret is supplied by the environment (a `set` then changes only the file). */
  fromEnvironment(name: SecretName): boolean;
}

interface SecretsFile {
  version: 1;
  secrets: Partial<Record<SecretName, string>>;
}

/** Creates the agent's secret store. */
export function createFileSecretStore(options: FileSecretStoreOptions): FileSecretStore {
  const { path, logger } = options;
  const env = options.env ?? process.env;
  const fromEnv = (name: SecretName): string | undefined => {
    const variable = envName(name);
    const value = variable === undefined ? undefined : env[variable];
    return value === undefined || value === '' ? undefined : value;
  };
  // Read-modify-write cycles run one at a time so two quick `set` calls cannot lose an update.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function readSecrets(): Promise<SecretsFile['secrets']> {
    try {
      const info = await stat(path);
      if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
        await chmod(path, FILE_MODE);
        logger?.warn(
          `secrets file ${path} was readable by other users (mode ${(info.mode & 0o777).toString(8)}); restricted it to 600`,
        );
      }
      const raw: unknown = JSON.parse(await readFile(path, 'utf8'));
      return pickSecrets(raw);
    } catch (e) {
      if (isErrno(e) && e.code === 'ENOENT') return {};
      if (e instanceof SyntaxError) {
        const backup = `${path}.corrupt-${Date.now()}`;
        await rename(path, backup).catch(() => undefined);
        logger?.error(
          `secrets file ${path} is not valid JSON; moved it to ${backup} and started empty`,
        );
        return {};
      }
      throw e;
    }
  }

  return {
    path,
    kind: SECRET_NAMES.some((n) => fromEnv(n) !== undefined) ? 'environment' : 'file',
    fromEnvironment: (name) => fromEnv(name) !== undefined,

    async get(name) {
      return fromEnv(name) ?? (await serial(readSecrets))[name];
    },

    set(name, value) {
      return serial(async () => {
        const secrets = await readSecrets();
        if (value === null) delete secrets[name];
        else secrets[name] = value;
        const doc: SecretsFile = { version: 1, secrets };
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        await writeFileAtomic(path, `${JSON.stringify(doc, null, 2)}\n`, { mode: FILE_MODE });
        if (fromEnv(name) !== undefined) {
          logger?.warn(
            `${envName(name)} is set in the environment and still takes precedence over the file`,
          );
        }
      });
    },
  };
}

/** Keeps only known secret names with string values. */
function pickSecrets(raw: unknown): SecretsFile['secrets'] {
  const secrets: SecretsFile['secrets'] = {};
  if (typeof raw !== 'object' || raw === null) return secrets;
  const inner = (raw as { secrets?: unknown }).secrets;
  if (typeof inner !== 'object' || inner === null) return secrets;
  for (const [name, v] of Object.entries(inner as Record<string, unknown>)) {
    if (isSecretName(name) && typeof v === 'string') secrets[name] = v;
  }
  return secrets;
}

function isErrno(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && 'code' in e;
}

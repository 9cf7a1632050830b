/**
 * SecretStore backed by Electron safeStorage (OS keychain / DPAPI / libsecret): each secret is
 * encrypted, stored base64 in a 0600 JSON file in the data directory. Without encryption the store
 * refuses to save rather than write a password in plain text.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import writeFileAtomic from 'write-file-atomic';
import type { SecretStore } from '../core/ports';
import type { SecretName } from '../shared/settings';

/** The part of safeStorage the store uses. */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString'
> & {
  getSelectedStorageBackend?: SafeStorage['getSelectedStorageBackend'];
};

/** Where the encrypted secrets live. */
export function secretsPath(dataDir: string): string {
  return join(dataDir, 'secrets.json');
}

/** The message shown when the platform cannot encrypt. */
export const NO_ENCRYPTION =
  'This system offers no way to encrypt the password (no keychain or keyring), so Hostwatch will not store it.';

/**
 * Creates the store. Call after app `ready`: on Linux the storage backend is only known then.
 * `kind` is `obscured` when Chromium fell back to its hard-coded key (`basic_text`, no keyring).
 */
export function createSafeStorageSecrets(
  safeStorage: SafeStorageLike,
  dataDir: string,
  platform: NodeJS.Platform,
): SecretStore {
  const file = secretsPath(dataDir);
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  const kind =
    !safeStorage.isEncryptionAvailable() || backend === 'basic_text' ? 'obscured' : 'encrypted';

  const readAll = async (): Promise<Partial<Record<SecretName, string>>> => {
    try {
      const raw: unknown = JSON.parse(await readFile(file, 'utf8'));
      return typeof raw === 'object' && raw !== null ? raw : {};
    } catch {
      return {};
    }
  };
  let queue: Promise<unknown> = Promise.resolve();

  return {
    kind,
    async get(name) {
      const stored = (await readAll())[name];
      if (stored === undefined || !safeStorage.isEncryptionAvailable()) return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        return undefined; // encrypted under another user or keyring: treat as not set
      }
    },
    set(name, value) {
      if (value !== null && !safeStorage.isEncryptionAvailable())
        return Promise.reject(new Error(NO_ENCRYPTION));
      // Serialise writes so two quick saves cannot lose each other's change.
      const next = queue.then(async () => {
        const all = await readAll();
        if (value === null) delete all[name];
        else all[name] = safeStorage.encryptString(value).toString('base64');
        await writeFileAtomic(file, JSON.stringify(all, null, 2), { mode: 0o600 });
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

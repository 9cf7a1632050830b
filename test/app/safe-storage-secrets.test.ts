import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  NO_ENCRYPTION,
  createSafeStorageSecrets,
  secretsPath,
} from '../../main/app/safe-storage-secrets';
import { fakeSafeStorage } from './fakes';

let dir = '';
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hw-secrets-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('safeStorage secret store', () => {
  it('stores encrypted, base64, in a 0600 file, and reads it back', async () => {
    const store = createSafeStorageSecrets(fakeSafeStorage(), dir, 'linux');
    expect(store.kind).toBe('encrypted');
    await store.set('smtpPassword', 'hunter2');
    const text = readFileSync(secretsPath(dir), 'utf8');
    expect(text).not.toContain('hunter2');
    expect(Buffer.from(JSON.parse(text).smtpPassword, 'base64').toString()).not.toContain(
      'hunter2',
    );
    if (process.platform !== 'win32') expect(statSync(secretsPath(dir)).mode & 0o777).toBe(0o600);
    expect(await store.get('smtpPassword')).toBe('hunter2');
    expect(
      await createSafeStorageSecrets(fakeSafeStorage(), dir, 'linux').get('smtpPassword'),
    ).toBe('hunter2');
    await store.set('smtpPassword', null);
    expect(await store.get('smtpPassword')).toBeUndefined();
  });

  it('is only "obscured" on Linux without a keyring (basic_text)', () => {
    expect(createSafeStorageSecrets(fakeSafeStorage(true, 'basic_text'), dir, 'linux').kind).toBe(
      'obscured',
    );
    expect(createSafeStorageSecrets(fakeSafeStorage(true, 'kwallet5'), dir, 'linux').kind).toBe(
      'encrypted',
    );
    expect(createSafeStorageSecrets(fakeSafeStorage(true, 'basic_text'), dir, 'darwin').kind).toBe(
      'encrypted',
    );
  });

  it('refuses to store in plain text when encryption is unavailable, and says so', async () => {
    const store = createSafeStorageSecrets(fakeSafeStorage(false), dir, 'linux');
    await expect(store.set('smtpPassword', 'hunter2')).rejects.toThrow(NO_ENCRYPTION);
    expect(() => statSync(secretsPath(dir))).toThrow(); // nothing written
    await store.set('smtpPassword', null); // clearing is always allowed
    expect(await store.get('smtpPassword')).toBeUndefined();
  });

  it('keeps both of two quick writes', async () => {
    const store = createSafeStorageSecrets(fakeSafeStorage(), dir, 'win32');
    await Promise.all([store.set('smtpPassword', 'a'), store.set('agentToken', 'b')]);
    expect([await store.get('smtpPassword'), await store.get('agentToken')]).toEqual(['a', 'b']);
  });
});

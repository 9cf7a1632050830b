/**
 * Saving settings and the SMTP password as one: both or neither. The settings file is written
 * first (it is the write most likely to fail: schema, disk); the secret only after it, and when
 * the secret is refused (no encryption available, unwritable store) the previous settings are
 * written back, so a failed save never leaves a new password with old settings or the reverse.
 */
import type { OperationError } from '../shared/contract';
import { errorText } from '../shared/errors';
import { alertmanagerSecret } from '../shared/alertmanager-settings';
import { hostTokenSecret, type SecretName, type Settings } from '../shared/settings';
import type { Logger, SecretStore, SettingsStorePort } from './ports';

/** What {@link saveSettingsAndSecret} writes to. */
export interface SettingsSaveDeps {
  readonly settingsStore: SettingsStorePort;
  readonly secrets: SecretStore;
  readonly logger: Logger;
}

/**
 * Writes `next` and, when `password` is a string or null, the SMTP password (''/null deletes
 * it; a boolean is the UI's "set / not set" echo and changes nothing); on any failure nothing has changed (the previous settings `before` are restored) and the
 * error says why in words, per field where it is one field's fault.
 */
export async function saveSettingsAndSecret(
  deps: SettingsSaveDeps,
  next: Settings,
  before: Settings,
  password: string | boolean | null | undefined,
  hostTokens: Readonly<Record<string, string | null>> = {},
  alertmanagerSecrets: Readonly<Record<string, string | null>> = {},
): Promise<OperationError | null> {
  try {
    await deps.settingsStore.save(next);
  } catch (err) {
    const fields = (err as { fields?: { path: string; message: string }[] }).fields;
    return fields
      ? { code: 'invalid', message: 'Settings not saved: some fields are invalid', fields }
      : { code: 'failed', message: `Settings not saved: ${errorText(err)}` };
  }
  // [secret name, new value (null clears), the field to blame when the store refuses it]
  type Write = [SecretName, string | null, string];
  const writes: Write[] = [
    ...Object.entries(hostTokens).map(([id, token]): Write => [
      hostTokenSecret(id),
      token === '' ? null : token,
      `secrets.hostTokens.${id}`,
    ]),
    ...Object.entries(alertmanagerSecrets).map(([id, secret]): Write => [
      alertmanagerSecret(id),
      secret === '' ? null : secret,
      `secrets.alertmanagerSecrets.${id}`,
    ]),
  ];
  if (typeof password === 'string' || password === null) {
    writes.unshift(['smtpPassword', password === '' ? null : password, 'secrets.smtpPassword']);
  }
  if (writes.length === 0) return null;
  let path = 'secrets.smtpPassword';
  try {
    for (const [name, value, field] of writes) {
      path = field;
      await deps.secrets.set(name, value);
    }
    return null;
  } catch (err) {
    const message = errorText(err);
    try {
      await deps.settingsStore.save(before);
    } catch (undo) {
      // Both writes failing means the disk refuses everything; the file may now hold `next`.
      deps.logger.error('Previous settings not restored', errorText(undo));
    }
    return {
      code: 'failed',
      message,
      fields: [{ path, message }],
    };
  }
}

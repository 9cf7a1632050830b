/**
 * Checks of Settings → Servers beyond the schema, to help the user before saving: an https
 * address without a pin (and without "trust the system CAs"), two servers with one name, an
 * Alertmanager address that does not parse. The engine still parses everything on save.
 */
import { parseAlertmanagerUrl } from '../../main/shared/alertmanager';
import type { Settings } from '../../main/shared/settings';
import type { I18n } from '../i18n';
import type { FieldErrors } from './validation';

/** Field errors of the fleet part of a draft, keyed like the schema's (`fleet.servers.0.url`). */
export function fleetFormErrors(i18n: I18n, draft: Settings): FieldErrors {
  const { t } = i18n;
  const errors = new Map<string, string>();
  const names = new Map<string, number>();
  draft.fleet.servers.forEach((s, i) => {
    const at = `fleet.servers.${i}`;
    if (/^https:/i.test(s.url.trim()) && s.fingerprint === null && !s.trustSystemCa) {
      errors.set(`${at}.fingerprint`, t('servers.error.fingerprintNeeded'));
    }
    const name = s.name.trim().toLowerCase();
    if (name !== '') {
      if (names.has(name)) errors.set(`${at}.name`, t('servers.error.duplicateName'));
      else names.set(name, i);
    }
  });
  const ids = new Set(draft.fleet.servers.map((s) => s.id));
  draft.fleet.alertmanagers.forEach((a, i) => {
    const at = `fleet.alertmanagers.${i}`;
    if (ids.has(a.id)) errors.set(`${at}.id`, t('servers.error.duplicateId'));
    ids.add(a.id);
    const parsed = parseAlertmanagerUrl(a.url, {
      fingerprint: a.fingerprint,
      trustSystemCa: a.trustSystemCa,
    });
    if (!parsed.ok) {
      errors.set(
        `${at}.url`,
        i18n.lang === 'en' ? parsed.error : t('alertmanagers.error.urlFormat'),
      );
    }
  });
  return errors;
}

/** A server id from a name: lower-case slug, not `local`, not among `taken`. */
export function newServerId(name: string, taken: ReadonlySet<string>, prefix = 'server'): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || prefix;
  let id = slug === 'local' ? `${prefix}-local` : slug;
  for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`;
  return id;
}

/**
 * Settings validation for the form: the same zod schema the main side uses, with each issue
 * turned into a message in the UI language, keyed by the field's dotted path.
 */
import type { z } from 'zod';
import { settingsSchema, type FieldError, type Settings } from '../../main/shared/settings';
import { DICTIONARIES, type I18n, type MessageKey } from '../i18n';

/** Field path → localized message (first issue per field). */
export type FieldErrors = ReadonlyMap<string, string>;

/** Finds the dictionary key whose English text is exactly a schema message. */
function keyForEnglish(message: string): MessageKey | undefined {
  const en = DICTIONARIES.en;
  return (Object.keys(en) as MessageKey[]).find((k) => k.startsWith('error.') && en[k] === message);
}

/** A server or schema message in the UI language (known messages are translated). */
export function localizeMessage(i18n: I18n, message: string): string {
  const key = keyForEnglish(message);
  if (key) return i18n.t(key);
  // zod's generic wording says nothing about what to type; ours at least says it was refused.
  if (message === 'Invalid input') return i18n.t('error.invalid');
  return i18n.lang === 'en' ? message : i18n.t('error.invalid');
}

type Issue = z.core.$ZodIssue;

/** One zod issue in the UI language. */
export function localizeIssue(i18n: I18n, issue: Issue): string {
  const { t } = i18n;
  // A field whose schema says in its own words what to write (the heartbeat's hour, URL and
  // interval) keeps those words rather than the generic "Must be at least …".
  const own = keyForEnglish(issue.message);
  if (own) return t(own);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return t('error.integer');
      return issue.expected === 'number' ? t('error.number') : t('error.invalid');
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return t('error.required');
      if (issue.origin === 'array') return t('error.required');
      return t('error.min', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('error.tooLong', { max: Number(issue.maximum) });
      return t('error.max', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('error.email');
      if (issue.format === 'url') return t('error.url');
      return localizeMessage(i18n, issue.message);
    case 'not_multiple_of':
      return t('error.integer');
    case 'invalid_union': {
      // The union of '' and a URL or address: report what the non-empty branch wanted, not
      // zod's bare "Invalid input".
      const branch = issue.errors
        .flat()
        .find((i) => !(i.code === 'invalid_value' && i.values.includes('')));
      return branch ? localizeIssue(i18n, branch) : t('error.invalid');
    }
    default:
      return localizeMessage(i18n, issue.message);
  }
}

/** Validates a draft; returns the parsed settings or the localized field errors. */
export function validateSettings(
  i18n: I18n,
  draft: unknown,
): { ok: true; value: Settings } | { ok: false; errors: FieldErrors } {
  const parsed = settingsSchema.safeParse(draft);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    if (!errors.has(path)) errors.set(path, localizeIssue(i18n, issue));
  }
  return { ok: false, errors };
}

/** Server-side field errors in the UI language. */
export function serverFieldErrors(i18n: I18n, fields: readonly FieldError[]): FieldErrors {
  const errors = new Map<string, string>();
  for (const f of fields) {
    // saveSettings validates `{ settings, secrets }`; the form's paths start below `settings`.
    const path = f.path.replace(/^settings\./, '');
    if (!errors.has(path)) errors.set(path, localizeMessage(i18n, f.message));
  }
  return errors;
}

/** The error of a field, including errors of its items (e.g. `smtp.to.1` for `smtp.to`). */
export function errorFor(errors: FieldErrors, path: string): string | undefined {
  const own = errors.get(path);
  if (own !== undefined) return own;
  for (const [p, m] of errors) if (p.startsWith(`${path}.`)) return m;
  return undefined;
}

/** Settings paths whose items are edited in one control (the recipients text field). */
const LIST_FIELDS: Readonly<Record<string, 'settings.recipientN'>> = {
  'smtp.to': 'settings.recipientN',
};

/**
 * Errors keyed by the control that shows them: item errors of a list edited in one field
 * (`smtp.to.1`) move to that field, named as the user counts them ("Recipient 2: …"), so the
 * summary counts exactly the fields marked in the form.
 */
export function errorsByField(i18n: I18n, errors: FieldErrors): FieldErrors {
  const out = new Map<string, string>();
  for (const [path, message] of errors) {
    const list = Object.keys(LIST_FIELDS).find((f) => path.startsWith(`${f}.`));
    const index = list ? Number(path.slice(list.length + 1).split('.')[0]) : Number.NaN;
    if (!list || !Number.isInteger(index)) {
      if (!out.has(path)) out.set(path, message);
      continue;
    }
    const item = `${i18n.t(LIST_FIELDS[list]!, { n: index + 1 })}: ${message}`;
    const before = out.get(list);
    out.set(list, before ? `${before}; ${item}` : item);
  }
  return out;
}

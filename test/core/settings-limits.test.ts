/**
 * How many checks and rules settings hold: 100 and the most checks (with their default rules)
 * are accepted beside the default host rules, one more check is refused with the limit in
 * words (English and Korean), and check rules are counted apart from the host's.
 */
import { describe, expect, it } from 'vitest';
import { addChecks, checkRules } from '../../main/shared/check-rules';
import { parseCheckUrl } from '../../main/shared/checks';
import {
  MAX_CHECK_RULES,
  MAX_CHECKS,
  MAX_HOST_RULES,
  TOO_MANY_CHECK_RULES,
  TOO_MANY_CHECKS,
  TOO_MANY_RULES,
} from '../../main/shared/limits';
import { DEFAULT_SETTINGS, settingsSchema, type Rule } from '../../main/shared/settings';
import { createI18n } from '../../renderer/i18n';
import { localizeMessage } from '../../renderer/settings/validation';

function httpsChecks(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const parsed = parseCheckUrl(`https://site-${i}.example.com/`);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.check;
  });
}

const messages = (r: ReturnType<typeof settingsSchema.safeParse>) =>
  r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('settings limits', () => {
  it('accepts 100 https checks and the most checks, each with its three default rules', () => {
    for (const n of [100, MAX_CHECKS]) {
      const s = addChecks(DEFAULT_SETTINGS, httpsChecks(n));
      expect(s.rules.length - DEFAULT_SETTINGS.rules.length).toBe(3 * n);
      const r = settingsSchema.safeParse(s);
      expect(messages(r)).toEqual([]);
      expect(r.data?.checks).toHaveLength(n);
    }
  });

  it('refuses one check more than the most, saying the limit', () => {
    const r = settingsSchema.safeParse(addChecks(DEFAULT_SETTINGS, httpsChecks(MAX_CHECKS + 1)));
    expect(messages(r)).toContain(`checks: ${TOO_MANY_CHECKS}`);
    expect(TOO_MANY_CHECKS).toContain('250');
  });

  it('counts check rules apart from the host rules', () => {
    const full = addChecks(DEFAULT_SETTINGS, httpsChecks(MAX_CHECKS));
    const host = (i: number): Rule => ({ ...DEFAULT_SETTINGS.rules[0]!, id: `extra-${i}` });
    const hostRules = (n: number) => Array.from({ length: n }, (_, i) => host(i));
    const spare = MAX_HOST_RULES - DEFAULT_SETTINGS.rules.length;
    // A full set of checks leaves every host rule slot free …
    const ok = settingsSchema.safeParse({ ...full, rules: [...full.rules, ...hostRules(spare)] });
    expect(messages(ok)).toEqual([]);
    // … one host rule more is refused in words,
    const over = settingsSchema.safeParse({
      ...full,
      rules: [...full.rules, ...hostRules(spare + 1)],
    });
    expect(messages(over)).toEqual([`rules: ${TOO_MANY_RULES}`]);
    // and so is a check rule past MAX_CHECK_RULES.
    const extra = Array.from({ length: MAX_CHECK_RULES - 3 * MAX_CHECKS + 1 }, (_, i) => ({
      ...checkRules(full.checks[0]!)[0]!,
      id: `c-extra-${i}`,
    }));
    const many = settingsSchema.safeParse({ ...full, rules: [...full.rules, ...extra] });
    expect(messages(many)).toEqual([`rules: ${TOO_MANY_CHECK_RULES}`]);
  });

  it('says every limit in Korean too', () => {
    const ko = createI18n('ko');
    for (const m of [TOO_MANY_CHECKS, TOO_MANY_RULES, TOO_MANY_CHECK_RULES]) {
      const text = localizeMessage(ko, m);
      expect(text).not.toBe(ko.t('error.invalid'));
      expect(text).toMatch(/[가-힣]/);
    }
    expect(localizeMessage(ko, TOO_MANY_CHECKS)).toContain('250');
  });
});

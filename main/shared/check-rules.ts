/**
 * The default rules of one endpoint check, created with it and edited in the same rules table
 * as every other rule afterwards:
 * - `<id>.down`: critical when `check.fail_streak` reaches N = 3 failures in a row, resolved
 *   after M = 2 successes in a row (clear 1 − M = −1: the streak is −2 then), forSeconds 0 —
 *   Gatus's failure/success thresholds through the ordinary for/clear semantics.
 * - `<id>.cert` (https and tls checks): `below` rule on `check.cert_days`: warning under 21,
 *   critical under 7, clear at 30.
 * - `<id>.slow` (http checks): response time at or above 2 s warns, 5 s is critical, clear
 *   under 1.5 s, held 2 minutes (about three runs at the default 60 s interval).
 */
import type { Check } from './checks';
import type { Rule } from './settings';

/** Failures in a row before a check is "down". */
export const DEFAULT_DOWN_AFTER = 3;
/** Successes in a row before a down check is "up" again. */
export const DEFAULT_UP_AFTER = 2;

/** Ids of the rules {@link checkRules} makes for a check id. */
export function checkRuleIds(id: string): { down: string; cert: string; slow: string } {
  return { down: `${id}.down`, cert: `${id}.cert`, slow: `${id}.slow` };
}

/** Whether a check reports a certificate (https URL or tls kind). */
export function checkHasCert(check: Pick<Check, 'kind' | 'url'>): boolean {
  return check.kind === 'tls' || (check.kind === 'http' && /^https:/i.test(check.url ?? ''));
}

/** The default rules of one check. */
export function checkRules(check: Pick<Check, 'id' | 'kind' | 'url'>): Rule[] {
  const ids = checkRuleIds(check.id);
  const rules: Rule[] = [
    {
      id: ids.down,
      metric: 'check.fail_streak',
      direction: 'above',
      target: check.id,
      enabled: true,
      warning: null,
      critical: DEFAULT_DOWN_AFTER,
      clear: 1 - DEFAULT_UP_AFTER,
      forSeconds: 0,
      repeatMinutes: 60,
    },
  ];
  if (checkHasCert(check)) {
    rules.push({
      id: ids.cert,
      metric: 'check.cert_days',
      direction: 'below',
      target: check.id,
      enabled: true,
      warning: 21,
      critical: 7,
      clear: 30,
      forSeconds: 0,
      repeatMinutes: 1440,
    });
  }
  if (check.kind === 'http') {
    rules.push({
      id: ids.slow,
      metric: 'check.response_ms',
      direction: 'above',
      target: check.id,
      enabled: true,
      warning: 2000,
      critical: 5000,
      clear: 1500,
      forSeconds: 120,
      repeatMinutes: 60,
    });
  }
  return rules;
}

/**
 * Adds checks (by id: an existing one is left as it is) with their default rules (a rule id
 * already taken is left as it is).
 */
export function addChecks<S extends { checks: readonly Check[]; rules: readonly Rule[] }>(
  settings: S,
  checks: readonly Check[],
): S {
  const known = new Set(settings.checks.map((c) => c.id));
  const fresh = checks.filter((c) => !known.has(c.id));
  const ruleIds = new Set(settings.rules.map((r) => r.id));
  const rules = fresh.flatMap(checkRules).filter((r) => !ruleIds.has(r.id));
  return {
    ...settings,
    checks: [...settings.checks, ...fresh],
    rules: [...settings.rules, ...rules],
  };
}

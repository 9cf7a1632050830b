/**
 * The watcher's own rule over its fleet: "host-unreachable", critical once a watched host has
 * been silent for `settings.fleet.unreachableAfterSeconds`. It is an ordinary rule in
 * `settings.rules` (so it can be edited, disabled or snoozed like the others), created from the
 * fleet settings the first time a server is watched.
 */
import type { Rule, Settings } from '../shared/settings';

/** Id of the unreachable rule. */
export const UNREACHABLE_RULE_ID = 'host-unreachable';

/** The unreachable rule for the given delay in seconds. */
export function unreachableRule(afterSeconds: number): Rule {
  return {
    id: UNREACHABLE_RULE_ID,
    metric: 'fleet.silence_s',
    direction: 'above',
    target: '*',
    enabled: true,
    warning: null,
    critical: afterSeconds,
    // Clears as soon as the host speaks again: its silence drops to about 0, and a quiet but
    // healthy host speaks at least every 5 s (the summary interval).
    clear: unreachableClear(afterSeconds),
    forSeconds: 0,
    repeatMinutes: 0,
  };
}

/**
 * Settings with the unreachable rule added when servers are watched and it is missing, and its
 * critical level following `unreachableAfterSeconds` when that changed from `before`. Returns
 * the same object when nothing changes.
 */
export function withFleetRules(settings: Settings, before?: Settings): Settings {
  const after = settings.fleet.unreachableAfterSeconds;
  const existing = settings.rules.find((r) => r.id === UNREACHABLE_RULE_ID);
  if (!existing) {
    if (settings.fleet.servers.length === 0) return settings;
    return { ...settings, rules: [...settings.rules, unreachableRule(after)] };
  }
  if (!before || before.fleet.unreachableAfterSeconds === after) return settings;
  if (existing.critical !== before.fleet.unreachableAfterSeconds) return settings; // edited by hand
  return {
    ...settings,
    rules: settings.rules.map((r) =>
      r.id === UNREACHABLE_RULE_ID ? { ...r, critical: after, clear: unreachableClear(after) } : r,
    ),
  };
}

/** The clear level of the unreachable rule: half its delay. */
function unreachableClear(afterSeconds: number): number {
  return Math.max(1, Math.floor(afterSeconds / 2));
}

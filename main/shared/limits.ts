/**
 * How many checks and rules the settings hold, and the words a user reads on hitting a limit
 * (the same English text is a key of the UI dictionaries, so the form shows it in Korean too).
 * Check rules are counted apart from the host's own, so a full set of checks never crowds out
 * the rules on CPU, memory or disks.
 */

/** Most endpoint checks. */
export const MAX_CHECKS = 250;
/** Most rules on host metrics (everything but check series). */
export const MAX_HOST_RULES = 200;
/** Most rules on check series: the three defaults of every check and one more each. */
export const MAX_CHECK_RULES = 4 * MAX_CHECKS;

/** Refusal when there are too many checks. */
export const TOO_MANY_CHECKS = `At most ${MAX_CHECKS} endpoint checks; remove one before adding another`;
/** Refusal when there are too many rules on host metrics. */
export const TOO_MANY_RULES = `At most ${MAX_HOST_RULES} rules on this computer's metrics (checks' rules are counted apart)`;
/** Refusal when there are too many rules on check series. */
export const TOO_MANY_CHECK_RULES = `At most ${MAX_CHECK_RULES} rules on endpoint checks (${MAX_CHECK_RULES / MAX_CHECKS} per check)`;

/** Whether a rule's metric is a check series (`check.up`, `check.cert_days`, …). */
export function isCheckMetric(metric: string): boolean {
  return metric.startsWith('check.');
}

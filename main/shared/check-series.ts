/**
 * Turns one check result into series values (see CHECK_METRICS in metrics.ts), the step that
 * feeds checks into history and rules.
 */
import type { CheckResult } from './checks';
import { checkSeriesKey, type SeriesKey } from './metrics';

/** The series values one run contributes; phases not reached and absent facts are left out. */
export function checkSeriesValues(result: CheckResult): Record<SeriesKey, number> {
  const id = result.checkId;
  const out: Record<SeriesKey, number> = {
    [checkSeriesKey('check.up', id)]: result.up ? 1 : 0,
  };
  // A failed run's total is the time to failure, not a response time worth charting.
  if (result.up) out[checkSeriesKey('check.response_ms', id)] = result.phases.total;
  const phases = [
    ['check.dns_ms', result.phases.dns],
    ['check.connect_ms', result.phases.connect],
    ['check.tls_ms', result.phases.tls],
    ['check.first_byte_ms', result.phases.firstByte],
  ] as const;
  for (const [metric, ms] of phases) if (ms !== null) out[checkSeriesKey(metric, id)] = ms;
  if (result.status !== null) out[checkSeriesKey('check.status_code', id)] = result.status;
  if (result.cert) out[checkSeriesKey('check.cert_days', id)] = result.cert.daysLeft;
  return out;
}

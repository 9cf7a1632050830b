/**
 * Turns one check result into series values (see CHECK_METRICS in metrics.ts), the step that
 * feeds checks into history and rules.
 */
import type { CheckResult } from './checks';
import { checkSeriesKey, type SeriesKey } from './metrics';

/** The series keys of one check id, in the order {@link checkSeriesValues} writes them. */
interface CheckKeys {
  readonly up: SeriesKey;
  readonly response: SeriesKey;
  readonly dns: SeriesKey;
  readonly connect: SeriesKey;
  readonly tls: SeriesKey;
  readonly firstByte: SeriesKey;
  readonly status: SeriesKey;
  readonly cert: SeriesKey;
}

/**
 * Keys by check id, built once: a check's run writes the same eight keys every interval, and
 * building them (and the per-phase tuples) on every run cost more than the rest of this.
 * Bounded: start over rather than grow past it (ids come and go with settings only).
 */
const keysById = new Map<string, CheckKeys>();
const KEYS_MAX = 4_096;

function keysOf(id: string): CheckKeys {
  let keys = keysById.get(id);
  if (!keys) {
    keys = {
      up: checkSeriesKey('check.up', id),
      response: checkSeriesKey('check.response_ms', id),
      dns: checkSeriesKey('check.dns_ms', id),
      connect: checkSeriesKey('check.connect_ms', id),
      tls: checkSeriesKey('check.tls_ms', id),
      firstByte: checkSeriesKey('check.first_byte_ms', id),
      status: checkSeriesKey('check.status_code', id),
      cert: checkSeriesKey('check.cert_days', id),
    };
    if (keysById.size >= KEYS_MAX) keysById.clear();
    keysById.set(id, keys);
  }
  return keys;
}

/**
 * The series values one run contributes; phases not reached and absent facts are left out.
 * The object is the caller's: a fresh one every call.
 */
export function checkSeriesValues(result: CheckResult): Record<SeriesKey, number> {
  const keys = keysOf(result.checkId);
  const { phases } = result;
  const out: Record<SeriesKey, number> = {};
  out[keys.up] = result.up ? 1 : 0;
  // A failed run's total is the time to failure, not a response time worth charting.
  if (result.up) out[keys.response] = phases.total;
  if (phases.dns !== null) out[keys.dns] = phases.dns;
  if (phases.connect !== null) out[keys.connect] = phases.connect;
  if (phases.tls !== null) out[keys.tls] = phases.tls;
  if (phases.firstByte !== null) out[keys.firstByte] = phases.firstByte;
  if (result.status !== null) out[keys.status] = result.status;
  if (result.cert) out[keys.cert] = result.cert.daysLeft;
  return out;
}

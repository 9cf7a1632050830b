/**
 * Endpoint checks on `/metrics`, with blackbox_exporter's names under the Hostwatch prefix
 * (`hostwatch_probe_success`, `hostwatch_probe_duration_seconds{phase}`,
 * `hostwatch_probe_http_status_code`, `hostwatch_probe_ssl_earliest_cert_expiry_seconds`), read
 * from each check's last result in status rather than from the snapshot (a check runs once a
 * minute; the snapshot carries its values only on the tick after a run).
 */
import type { CheckStatus } from '../../shared/contract';
import { checkSeriesValues } from '../../shared/check-series';
import { parseSeriesKey } from '../../shared/metrics';

/** Phases as blackbox names them (`resolve`, `connect`, `tls`, `processing`), plus the total. */
export const CHECK_EXPOSITION = {
  'check.up': {
    name: 'hostwatch_probe_success',
    help: 'Whether the last run of an endpoint check succeeded (1) or failed (0).',
    label: 'check',
  },
  'check.response_ms': {
    name: 'hostwatch_probe_duration_seconds',
    help: 'Duration of the last run of an endpoint check by phase, in seconds.',
    label: 'check',
    labels: { phase: 'total' },
    divisor: 1000,
  },
  'check.dns_ms': {
    name: 'hostwatch_probe_duration_seconds',
    help: 'Duration of the last run of an endpoint check by phase, in seconds.',
    label: 'check',
    labels: { phase: 'resolve' },
    divisor: 1000,
  },
  'check.connect_ms': {
    name: 'hostwatch_probe_duration_seconds',
    help: 'Duration of the last run of an endpoint check by phase, in seconds.',
    label: 'check',
    labels: { phase: 'connect' },
    divisor: 1000,
  },
  'check.tls_ms': {
    name: 'hostwatch_probe_duration_seconds',
    help: 'Duration of the last run of an endpoint check by phase, in seconds.',
    label: 'check',
    labels: { phase: 'tls' },
    divisor: 1000,
  },
  'check.first_byte_ms': {
    name: 'hostwatch_probe_duration_seconds',
    help: 'Duration of the last run of an endpoint check by phase, in seconds.',
    label: 'check',
    labels: { phase: 'processing' },
    divisor: 1000,
  },
  'check.status_code': {
    name: 'hostwatch_probe_http_status_code',
    help: 'HTTP status code of the last answer of an endpoint check.',
    label: 'check',
  },
  'check.cert_days': {
    // In seconds, the base unit (promtool refuses "days"); the rule's days scale by 86 400.
    name: 'hostwatch_probe_ssl_remaining_seconds',
    help: 'Seconds until the earliest certificate of the chain expires (negative once expired).',
    label: 'check',
    divisor: 1 / 86_400,
  },
  'check.fail_streak': {
    name: 'hostwatch_probe_fail_streak',
    help: 'Failed runs in a row of an endpoint check (positive), or successful ones (negative).',
    label: 'check',
  },
} as const;

type Gauge = { set(labels: Record<string, string>, value: number): void };
type GaugeOf = (name: string, help: string, labelNames?: readonly string[]) => Gauge;

/** Sets the probe gauges from each enabled check's last result. */
export function exportChecks(gauge: GaugeOf, checks: readonly CheckStatus[]): void {
  for (const c of checks) {
    if (!c.last) continue;
    const values: Record<string, number> = {
      ...checkSeriesValues(c.last),
      [`check.fail_streak{${c.id}}`]: c.failStreak,
    };
    for (const [key, value] of Object.entries(values)) {
      const metric = parseSeriesKey(key)?.metric;
      if (!metric || !(metric in CHECK_EXPOSITION)) continue;
      const exp = CHECK_EXPOSITION[metric as keyof typeof CHECK_EXPOSITION];
      const labels: Record<string, string> = {
        check: c.id,
        ...('labels' in exp ? exp.labels : {}),
      };
      const divisor = 'divisor' in exp ? exp.divisor : 1;
      gauge(exp.name, exp.help, Object.keys(labels)).set(labels, value / divisor);
    }
    if (c.last.cert) {
      gauge(
        'hostwatch_probe_ssl_earliest_cert_expiry_seconds',
        'Expiry of the earliest-expiring certificate of the chain, in seconds since the epoch.',
        ['check'],
      ).set({ check: c.id }, c.last.cert.notAfter / 1000);
    }
  }
}

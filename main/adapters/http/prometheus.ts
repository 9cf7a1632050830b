/**
 * `GET /metrics`: the current status in the Prometheus text exposition format.
 *
 * Naming follows the Prometheus conventions (https://prometheus.io/docs/practices/naming/):
 * a `hostwatch_` prefix, base units (ratios 0–1 instead of percentages, bytes, seconds,
 * celsius) and the unit as suffix. Every value is a gauge read from the latest snapshot at scrape
 * time. Throughput (disk and network) is exposed as a gauge of bytes per second over the last
 * sampling interval, because the snapshot carries rates, not the kernel's cumulative byte
 * counters; node_exporter-style `_total` counters would need the sampler to report those.
 * Prometheus's own `rate()` is therefore not needed (nor correct) on these series.
 *
 * A fresh prom-client Registry is built per scrape: concurrent scrapes never see each other's
 * half-written values, and a series whose family is stale, pending or unavailable is simply
 * absent (prom-client would otherwise export an unset unlabelled gauge as 0). prom-client's
 * standard process metrics come from one long-lived registry merged in at scrape time, without
 * the event-loop and GC monitors (prometheus-process.ts).
 */
import type { Gauge, Registry } from 'prom-client';
import { promClient } from './prom-lib';
import type { FleetHealth, FleetSummary, Health, Status } from '../../shared/contract';
import { FAMILIES, METRICS, parseSeriesKey, type MetricName } from '../../shared/metrics';
import { exportDeliveryAndCost } from './prometheus-self';
import { processRegistry } from './prometheus-process';
import { CHECK_EXPOSITION, exportChecks } from './prometheus-checks';

/** Numbers from outside the engine's status, filled at scrape time when available. */
export interface ExtraMetrics {
  /** Messages in the email outbox not yet delivered. */
  readonly outboxPending?: number;
  /** Age in seconds of the oldest message still in the outbox. */
  readonly outboxOldestAgeSeconds?: number;
  /** Emails delivered since start. */
  readonly emailsDeliveredTotal?: number;
  /** Email deliveries that failed permanently since start. */
  readonly emailsFailedTotal?: number;
}

/** Exposition name, help, target label and scale of each metric of the catalogue. */
interface Exposition {
  readonly name: string;
  readonly help: string;
  /** Label that carries the series target, for targeted metrics. */
  readonly label?: string;
  /** Constant labels, e.g. the sensor of a temperature. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Divisor from the catalogue unit to the exposed base unit (100: percent → ratio). */
  readonly divisor?: number;
}

/** How each catalogue metric is exposed; `satisfies` keeps it exhaustive. */
export const EXPOSITION = {
  'cpu.total': {
    name: 'hostwatch_cpu_usage_ratio',
    help: 'CPU busy time of the whole machine over the last interval (0-1).',
    divisor: 100,
  },
  'cpu.core': {
    name: 'hostwatch_cpu_core_usage_ratio',
    help: 'CPU busy time of one core over the last interval (0-1).',
    label: 'core',
    divisor: 100,
  },
  'load.1': { name: 'hostwatch_load1', help: '1-minute load average.' },
  'load.5': { name: 'hostwatch_load5', help: '5-minute load average.' },
  'load.15': { name: 'hostwatch_load15', help: '15-minute load average.' },
  'load.per_core': {
    name: 'hostwatch_load_per_core',
    help: 'Load average divided by the number of cores.',
  },
  'mem.used_pct': {
    name: 'hostwatch_memory_used_ratio',
    help: 'Memory in use (0-1).',
    divisor: 100,
  },
  'mem.used_bytes': { name: 'hostwatch_memory_used_bytes', help: 'Memory in use, in bytes.' },
  'mem.available_bytes': {
    name: 'hostwatch_memory_available_bytes',
    help: 'Memory available to new programs, in bytes.',
  },
  'mem.total_bytes': { name: 'hostwatch_memory_total_bytes', help: 'Installed memory, in bytes.' },
  'swap.used_pct': { name: 'hostwatch_swap_used_ratio', help: 'Swap in use (0-1).', divisor: 100 },
  'swap.used_bytes': { name: 'hostwatch_swap_used_bytes', help: 'Swap in use, in bytes.' },
  'swap.total_bytes': { name: 'hostwatch_swap_total_bytes', help: 'Swap size, in bytes.' },
  'disk.used_pct': {
    name: 'hostwatch_filesystem_used_ratio',
    // Not used_bytes / size_bytes: blocks reserved for root count neither as used nor available.
    help: 'Filesystem space in use (0-1), as df computes Use%: used / (used + avail), with used and avail the hostwatch_filesystem_used_bytes and hostwatch_filesystem_avail_bytes of the same mountpoint.',
    label: 'mountpoint',
    divisor: 100,
  },
  'disk.used_bytes': {
    name: 'hostwatch_filesystem_used_bytes',
    help: 'Filesystem space in use, in bytes.',
    label: 'mountpoint',
  },
  'disk.size_bytes': {
    name: 'hostwatch_filesystem_size_bytes',
    help: 'Filesystem size, in bytes (includes blocks reserved for root).',
    label: 'mountpoint',
  },
  'disk.avail_bytes': {
    name: 'hostwatch_filesystem_avail_bytes',
    help: 'Filesystem space available to unprivileged users, in bytes (df Avail).',
    label: 'mountpoint',
  },
  'diskio.read_bps': {
    name: 'hostwatch_disk_read_bytes_per_second',
    help: 'Bytes read from all disks per second over the last interval.',
  },
  'diskio.write_bps': {
    name: 'hostwatch_disk_written_bytes_per_second',
    help: 'Bytes written to all disks per second over the last interval.',
  },
  'net.rx_bps': {
    name: 'hostwatch_network_receive_bytes_per_second',
    help: 'Bytes received per second over the last interval.',
    label: 'device',
  },
  'net.tx_bps': {
    name: 'hostwatch_network_transmit_bytes_per_second',
    help: 'Bytes transmitted per second over the last interval.',
    label: 'device',
  },
  'temp.cpu': {
    name: 'hostwatch_temperature_celsius',
    help: 'Temperature by sensor, in degrees Celsius.',
    labels: { sensor: 'cpu' },
  },
  'uptime.seconds': {
    name: 'hostwatch_uptime_seconds',
    help: 'Time since the machine booted, in seconds.',
  },
  'fleet.silence_s': {
    name: 'hostwatch_fleet_host_silence_seconds',
    help: 'Seconds since the last message from a watched host.',
    label: 'host',
  },
  'forecast.seconds_to_full': {
    name: 'hostwatch_forecast_seconds_to_full',
    help: 'Predicted seconds until the filesystem is full, from the trend of the last 6 h or 24 h; absent when no steady trend can be trusted.',
    label: 'mountpoint',
  },
  ...CHECK_EXPOSITION,
} as const satisfies Record<MetricName, Exposition>;

const HEALTH_STATES: readonly Health[] = ['ok', 'warning', 'critical', 'unknown'];

const FLEET_STATES: readonly FleetHealth[] = [...HEALTH_STATES, 'unreachable'];

/** fleet: per host, its health (one-hot) and whether it is reachable with fresh data. */
function exportFleet(gauge: ReturnType<typeof gauges>, fleet: FleetSummary): void {
  const health = gauge(
    'hostwatch_fleet_host_health',
    'Health of each watched host (the local one included): 1 for its state, 0 for the others.',
    ['host', 'state'],
  );
  const up = gauge(
    'hostwatch_fleet_host_up',
    'Whether each watched host is reachable and reporting (1) or not (0).',
    ['host'],
  );
  for (const h of fleet.hosts) {
    for (const state of FLEET_STATES) health.set({ host: h.id, state }, h.health === state ? 1 : 0);
    up.set({ host: h.id }, h.health === 'unreachable' || h.health === 'unknown' ? 0 : 1);
  }
}

/** Content type of the exposition. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Lazily creates gauges, so a metric with no value is absent rather than 0. */
function gauges(registry: Registry) {
  const made = new Map<string, Gauge>();
  return (name: string, help: string, labelNames: readonly string[] = []): Gauge => {
    let g = made.get(name);
    if (!g) {
      g = new (promClient().Gauge)({ name, help, labelNames, registers: [registry] });
      made.set(name, g);
    }
    return g;
  };
}

function exportSnapshot(gauge: ReturnType<typeof gauges>, status: Status): void {
  const snapshot = status.snapshot;
  if (!snapshot) return;
  for (const [key, value] of Object.entries(snapshot.values)) {
    const parsed = parseSeriesKey(key);
    if (!parsed || !Number.isFinite(value)) continue;
    // Values of a family that is not fresh are never exported, even if a snapshot carried them.
    // External series (fleet liveness) are dropped by the engine when stale, not by a family;
    // check values are exported from each check's last result (prometheus-checks.ts).
    const family = METRICS[parsed.metric].family;
    if (family === 'checks') continue;
    if (family !== 'external' && snapshot.families[family]?.status !== 'ok') continue;
    const exp: Exposition = EXPOSITION[parsed.metric];
    const labels: Record<string, string> = { ...exp.labels };
    if (exp.label !== undefined) {
      if (parsed.target === undefined) continue;
      labels[exp.label] = parsed.target;
    }
    gauge(exp.name, exp.help, Object.keys(labels)).set(labels, value / (exp.divisor ?? 1));
  }
  const ts = gauge(
    'hostwatch_snapshot_timestamp_seconds',
    'Wall-clock time of the latest snapshot, in seconds since the epoch.',
  );
  ts.set(snapshot.time / 1000);
  for (const family of FAMILIES) {
    const state = snapshot.families[family];
    if (!state) continue;
    gauge(
      'hostwatch_collector_stale',
      'Whether a collector family missed its deadline or failed (1) or not (0).',
      ['family'],
    ).set({ family }, state.status === 'stale' ? 1 : 0);
    if (state.updatedAt !== null) {
      gauge(
        'hostwatch_collector_last_success_timestamp_seconds',
        'When a collector family last produced a reading, in seconds since the epoch.',
        ['family'],
      ).set({ family }, state.updatedAt / 1000);
    }
  }
}

function exportStatus(gauge: ReturnType<typeof gauges>, status: Status): void {
  gauge('hostwatch_host_info', 'Facts about the monitored host; the value is always 1.', [
    'hostname',
    'platform',
    'release',
    'arch',
  ]).set(
    {
      hostname: status.host.hostname,
      platform: status.host.platform,
      release: status.host.release,
      arch: status.host.arch,
    },
    1,
  );
  gauge('hostwatch_paused', 'Whether sampling is paused by the user (1) or running (0).').set(
    status.paused ? 1 : 0,
  );
  const maintenance = status.maintenanceUntil;
  gauge(
    'hostwatch_maintenance_until_timestamp_seconds',
    'End of the current maintenance window in seconds since the epoch; 0 when none.',
  ).set(maintenance === null ? 0 : maintenance / 1000);
  exportSnapshot(gauge, status);
  exportChecks(gauge, status.checks ?? []);
  const firing = gauge(
    'hostwatch_alert_firing',
    'A firing alert (1) by rule, series and severity.',
    ['rule', 'series', 'severity'],
  );
  for (const a of status.alerts) {
    if (a.state === 'firing')
      firing.set({ rule: a.ruleId, series: a.series, severity: a.severity }, 1);
  }
}

/** Renders the metrics for one scrape. `status` is null while the engine is starting. */
export async function renderMetrics(
  status: Status | null,
  extra: ExtraMetrics = {},
  fleet?: FleetSummary,
): Promise<string> {
  const { Counter, Registry } = promClient();
  const registry = new Registry();
  const gauge = gauges(registry);
  gauge('hostwatch_up', 'Whether the agent has fresh data from the machine (1) or not (0).').set(
    status !== null && !status.stale && !status.paused ? 1 : 0,
  );
  const health = gauge(
    'hostwatch_health',
    'Overall health: 1 for the current state, 0 for the others.',
    ['state'],
  );
  for (const state of HEALTH_STATES)
    health.set({ state }, (status?.health ?? 'unknown') === state ? 1 : 0);
  if (status !== null) exportStatus(gauge, status);
  if (fleet) exportFleet(gauge, fleet);
  if (status !== null) exportDeliveryAndCost(registry, status);

  if (extra.outboxPending !== undefined) {
    gauge('hostwatch_outbox_pending_messages', 'Emails waiting in the outbox.').set(
      extra.outboxPending,
    );
  }
  if (extra.outboxOldestAgeSeconds !== undefined) {
    gauge(
      'hostwatch_outbox_oldest_message_age_seconds',
      'Age of the oldest email waiting in the outbox.',
    ).set(extra.outboxOldestAgeSeconds);
  }
  const counters: [keyof ExtraMetrics, string, string][] = [
    [
      'emailsDeliveredTotal',
      'hostwatch_emails_delivered_total',
      'Emails delivered since the agent started.',
    ],
    [
      'emailsFailedTotal',
      'hostwatch_emails_failed_total',
      'Emails that failed permanently since the agent started.',
    ],
  ];
  for (const [key, name, help] of counters) {
    const v = extra[key];
    if (v !== undefined && Number.isFinite(v) && v >= 0)
      new Counter({ name, help, registers: [registry] }).inc(v);
  }
  return Registry.merge([registry, processRegistry()]).metrics();
}

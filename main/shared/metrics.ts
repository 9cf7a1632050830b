/**
 * The metric catalogue: every number Hostwatch samples, its family, unit and label.
 *
 * A *series key* names one time series: the metric alone (`cpu.total`) or the metric with a
 * target in braces for per-core, per-mount and per-interface metrics (`disk.used_pct{/}`,
 * `net.rx_bps{eth0}`, `cpu.core{3}`).
 */

/** Collector families: each has its own cadence, deadline and staleness. */
export const FAMILIES = [
  'cpu',
  'load',
  'memory',
  'disk',
  'diskio',
  'network',
  'temperature',
  'uptime',
  'processes',
] as const;

/** One collector family. */
export type Family = (typeof FAMILIES)[number];

/** Units used for display and for Prometheus names (the last five are endpoint checks'). */
export type Unit =
  'percent' | 'bytes' | 'bytes_per_second' | 'celsius' | 'seconds' | 'ratio' | CheckUnit;

/** Where a metric's values come from: a sampler family, or the endpoint checks. */
export type MetricSource = Family | 'checks';

/**
 * Units of endpoint-check series. `streak` is signed: +k after k failures in a row, −k after k
 * successes in a row (the "down after N, up after M" rule reads it).
 */
export type CheckUnit = 'boolean' | 'milliseconds' | 'days' | 'code' | 'streak';

/** Static description of one endpoint-check metric; always targeted by the check id. */
export interface CheckMetricInfo {
  readonly unit: CheckUnit;
  /** Short English label; the UI translates by metric name. */
  readonly label: string;
  /**
   * Kept in history: the series worth a chart or a rule's backtest. The others (the phases and
   * the status code) are current values only, in the status and /metrics.
   */
  readonly history?: true;
}

/**
 * Series an endpoint check feeds, keyed by the check id as target (`check.up{shop-home}`),
 * never by its URL. A phase the run did not reach, a status on a tcp check or a certificate on
 * plain http has no value (missing means undefined, as for host metrics).
 */
export const CHECK_METRICS = {
  'check.up': { unit: 'boolean', label: 'Check up', history: true },
  'check.response_ms': { unit: 'milliseconds', label: 'Response time', history: true },
  'check.dns_ms': { unit: 'milliseconds', label: 'DNS time' },
  'check.connect_ms': { unit: 'milliseconds', label: 'Connect time' },
  'check.tls_ms': { unit: 'milliseconds', label: 'TLS time' },
  'check.first_byte_ms': { unit: 'milliseconds', label: 'Time to first byte' },
  'check.status_code': { unit: 'code', label: 'HTTP status' },
  'check.cert_days': { unit: 'days', label: 'Certificate days left', history: true },
  // The "down" rule's metric: kept so the rule can be backtested like any other.
  'check.fail_streak': { unit: 'streak', label: 'Failures in a row', history: true },
} as const satisfies Record<string, CheckMetricInfo>;

/** Static description of one metric. */
export interface MetricInfo {
  /**
   * Family whose collector produces it; `external` for series fed from outside the sampler
   * (fleet liveness: core/external-series.ts), which no collector's staleness covers;
   * `checks`: fed by the check scheduler.
   */
  readonly family: MetricSource | 'external';
  /** Unit of the value. */
  readonly unit: Unit;
  /** Whether the metric is per target (core, mount, interface). */
  readonly targeted: boolean;
  /** Short English label; the UI translates by metric name. */
  readonly label: string;
}

/** Every metric Hostwatch knows, by name. */
export const METRICS = {
  'cpu.total': { family: 'cpu', unit: 'percent', targeted: false, label: 'CPU' },
  'cpu.core': { family: 'cpu', unit: 'percent', targeted: true, label: 'CPU core' },
  'load.1': { family: 'load', unit: 'ratio', targeted: false, label: 'Load 1 min' },
  'load.5': { family: 'load', unit: 'ratio', targeted: false, label: 'Load 5 min' },
  'load.15': { family: 'load', unit: 'ratio', targeted: false, label: 'Load 15 min' },
  'load.per_core': { family: 'load', unit: 'ratio', targeted: false, label: 'Load per core' },
  'mem.used_pct': { family: 'memory', unit: 'percent', targeted: false, label: 'Memory' },
  'mem.used_bytes': { family: 'memory', unit: 'bytes', targeted: false, label: 'Memory used' },
  'mem.available_bytes': {
    family: 'memory',
    unit: 'bytes',
    targeted: false,
    label: 'Memory available',
  },
  'mem.total_bytes': { family: 'memory', unit: 'bytes', targeted: false, label: 'Memory total' },
  'swap.used_pct': { family: 'memory', unit: 'percent', targeted: false, label: 'Swap' },
  'swap.used_bytes': { family: 'memory', unit: 'bytes', targeted: false, label: 'Swap used' },
  'swap.total_bytes': { family: 'memory', unit: 'bytes', targeted: false, label: 'Swap total' },
  'disk.used_pct': { family: 'disk', unit: 'percent', targeted: true, label: 'Disk' },
  'disk.used_bytes': { family: 'disk', unit: 'bytes', targeted: true, label: 'Disk used' },
  'disk.size_bytes': { family: 'disk', unit: 'bytes', targeted: true, label: 'Disk size' },
  'disk.avail_bytes': { family: 'disk', unit: 'bytes', targeted: true, label: 'Disk available' },
  'diskio.read_bps': {
    family: 'diskio',
    unit: 'bytes_per_second',
    targeted: false,
    label: 'Disk read',
  },
  'diskio.write_bps': {
    family: 'diskio',
    unit: 'bytes_per_second',
    targeted: false,
    label: 'Disk write',
  },
  'net.rx_bps': { family: 'network', unit: 'bytes_per_second', targeted: true, label: 'Receive' },
  'net.tx_bps': { family: 'network', unit: 'bytes_per_second', targeted: true, label: 'Transmit' },
  'temp.cpu': { family: 'temperature', unit: 'celsius', targeted: false, label: 'CPU temperature' },
  'uptime.seconds': { family: 'uptime', unit: 'seconds', targeted: false, label: 'Uptime' },
  // Fleet: seconds since the last message from a watched host (target: its host id).
  'fleet.silence_s': { family: 'external', unit: 'seconds', targeted: true, label: 'Silence' },
  // Forecast (backtest/forecast): fed by the engine from history once a minute, not sampled.
  'forecast.seconds_to_full': {
    family: 'disk',
    unit: 'seconds',
    targeted: true,
    label: 'Disk full in',
  },
  // Endpoint checks (issue 9): targeted by the check id, fed through the engine's external series.
  ...checkMetricInfos(),
} as const satisfies Record<string, MetricInfo>;

/** Name of a known metric. */
export type MetricName = keyof typeof METRICS;

/** All metric names, in catalogue order. */
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** A series key: `metric` or `metric{target}`. */
export type SeriesKey = string;

/** Builds a series key from a metric and an optional target. */
export function seriesKey(metric: MetricName, target?: string): SeriesKey {
  return target === undefined ? metric : `${metric}{${target}}`;
}

/** Splits a series key into metric and target; returns undefined for an unknown metric. */
export function parseSeriesKey(key: string): { metric: MetricName; target?: string } | undefined {
  const m = /^([a-z0-9_.]+)(?:\{(.+)\})?$/.exec(key);
  if (!m) return undefined;
  const metric = m[1] as MetricName;
  if (!(metric in METRICS)) return undefined;
  return m[2] === undefined ? { metric } : { metric, target: m[2] };
}

/** Check metrics kept in history ({@link CheckMetricInfo.history}). */
export const CHECK_HISTORY_METRICS: ReadonlySet<string> = new Set(
  Object.entries(CHECK_METRICS as Record<string, CheckMetricInfo>)
    .filter(([, info]) => info.history)
    .map(([name]) => name),
);

/**
 * Whether history keeps the series of `metric`: every host metric, and the check metrics of
 * {@link CHECK_HISTORY_METRICS}. Asking /api/history for another one is refused.
 */
export function keptInHistory(metric: MetricName): boolean {
  return METRICS[metric].family !== 'checks' || CHECK_HISTORY_METRICS.has(metric);
}

/** Whether /api/history can answer for `key`: a known metric whose history is kept. */
export function seriesHasHistory(key: SeriesKey): boolean {
  const parsed = parseSeriesKey(key);
  return parsed !== undefined && keptInHistory(parsed.metric);
}

/** Whether a value is a sane reading for the unit: finite, non-negative, percent ≤ 100 (with slack). */
export function isSaneValue(unit: Unit, value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  // A streak counts failures up and successes down; every other unit is non-negative.
  if (value < 0) return unit === 'streak';
  if (unit === 'percent' && value > 100.5) return false;
  if (unit === 'celsius' && (value <= 0 || value > 150)) return false;
  return true;
}

/** Freshness of one family's latest reading. */
export type FamilyStatus =
  /** Fresh values from the latest call. */
  | 'ok'
  /** No usable reading yet (first rate sample discarded, or not yet run). */
  | 'pending'
  /** The collector missed its deadline or failed; its values are withheld. */
  | 'stale'
  /** The platform cannot provide it (e.g. no readable temperature sensor). */
  | 'unavailable';

/** State of one collector family. */
export interface FamilyState {
  readonly status: FamilyStatus;
  /** Wall-clock ms of the last successful reading, or null. */
  readonly updatedAt: number | null;
  /** Human-readable reason when stale or unavailable. */
  readonly reason?: string;
}

/** One process in a top-N list. */
export interface ProcessInfo {
  readonly pid: number;
  readonly name: string;
  readonly command: string;
  /** CPU percent of one core (can exceed 100 on multi-core). */
  readonly cpu: number;
  /** Resident memory in bytes. */
  readonly memBytes: number;
  /** Memory percent of total. */
  readonly memPct: number;
}

/** The top processes, refreshed at the processes cadence. */
export interface TopProcesses {
  readonly byCpu: readonly ProcessInfo[];
  readonly byMemory: readonly ProcessInfo[];
  /** Wall-clock ms of this list. */
  readonly at: number;
}

/**
 * One sample of the machine. `values` holds only fresh, sane readings: a stale, pending or
 * unavailable family contributes no values, so a missing key always means "undefined".
 */
export interface Snapshot {
  /** Wall-clock ms (epoch). */
  readonly time: number;
  /** Monotonic ms at which the sample completed. */
  readonly mono: number;
  readonly values: Readonly<Record<SeriesKey, number>>;
  readonly families: Readonly<Record<Family, FamilyState>>;
  readonly processes: TopProcesses | null;
}

/** Facts about the machine that do not change per sample. */
export interface HostInfo {
  readonly hostname: string;
  readonly platform: string;
  readonly release: string;
  readonly arch: string;
  readonly cores: number;
  readonly cpuModel: string;
}

/** Name of an endpoint-check metric. */
export type CheckMetricName = keyof typeof CHECK_METRICS;

/** Builds the series key of one check metric for one check id. */
export function checkSeriesKey(metric: CheckMetricName, checkId: string): SeriesKey {
  return `${metric}{${checkId}}`;
}

type CheckMetricInfos = {
  readonly [K in CheckMetricName]: {
    readonly family: 'checks';
    readonly unit: (typeof CHECK_METRICS)[K]['unit'];
    readonly targeted: true;
    readonly label: (typeof CHECK_METRICS)[K]['label'];
  };
};

/** The check metrics as catalogue entries, so rules, history and charts treat them alike. */
function checkMetricInfos(): CheckMetricInfos {
  return Object.fromEntries(
    Object.entries(CHECK_METRICS).map(([name, info]) => [
      name,
      { family: 'checks', unit: info.unit, targeted: true, label: info.label },
    ]),
  ) as CheckMetricInfos;
}

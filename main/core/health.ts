/**
 * Overall health and the short words for alerts: the worst firing rule decides the tray colour,
 * and {@link describeAlert} / {@link formatValue} give the tray, emails and logs one wording.
 */
import type { AlertState, Health, Status } from '../shared/contract';
import { METRICS, type MetricName, type Unit } from '../shared/metrics';
import { assertNever } from '../shared/assert-never';

/** Languages of the product. */
export type Language = Status['language'];

/**
 * Overall health: `unknown` without data yet or when the sampler is stale; otherwise the worst
 * firing severity, and `ok` when nothing fires (pending is not a problem yet).
 */
export function overallHealth(input: {
  readonly alerts: readonly AlertState[];
  readonly hasData: boolean;
  readonly stale: boolean;
}): Health {
  if (!input.hasData || input.stale) return 'unknown';
  let health: Health = 'ok';
  for (const a of input.alerts) {
    if (a.state !== 'firing') continue;
    if (a.severity === 'critical') return 'critical';
    health = 'warning';
  }
  return health;
}

/**
 * The worst firing alert (critical before warning, then the one furthest past its threshold,
 * then the oldest), or undefined when nothing fires. Pending alerts are ignored, as in
 * {@link overallHealth}, so the tooltip never names a problem the colour does not show.
 */
export function worstAlert(alerts: readonly AlertState[]): AlertState | undefined {
  let worst: AlertState | undefined;
  for (const a of alerts) {
    if (a.state !== 'firing') continue;
    if (!worst || compareWorst(a, worst) < 0) worst = a;
  }
  return worst;
}

function compareWorst(a: AlertState, b: AlertState): number {
  const sev = (x: AlertState): number => (x.severity === 'critical' ? 0 : 1);
  const over = (x: AlertState): number =>
    x.value === null || x.threshold <= 0 ? 0 : x.value / x.threshold;
  return sev(a) - sev(b) || over(b) - over(a) || a.since - b.since;
}

const LABELS: Record<Language, Record<MetricName, string>> = {
  en: Object.fromEntries(Object.entries(METRICS).map(([k, v]) => [k, v.label])) as Record<
    MetricName,
    string
  >,
  ko: {
    'cpu.total': 'CPU',
    'cpu.core': 'CPU 코어',
    'load.1': '부하 1분',
    'load.5': '부하 5분',
    'load.15': '부하 15분',
    'load.per_core': '코어당 부하',
    'mem.used_pct': '메모리',
    'mem.used_bytes': '메모리 사용량',
    'mem.available_bytes': '사용 가능 메모리',
    'mem.total_bytes': '전체 메모리',
    'swap.used_pct': '스왑',
    'swap.used_bytes': '스왑 사용량',
    'swap.total_bytes': '전체 스왑',
    'disk.used_pct': '디스크',
    'disk.used_bytes': '디스크 사용량',
    'disk.size_bytes': '디스크 크기',
    'disk.avail_bytes': '디스크 여유 공간',
    'diskio.read_bps': '디스크 읽기',
    'diskio.write_bps': '디스크 쓰기',
    'net.rx_bps': '수신',
    'net.tx_bps': '송신',
    'temp.cpu': 'CPU 온도',
    'uptime.seconds': '가동 시간',
  },
};

const NO_VALUE: Record<Language, string> = { en: 'no data', ko: '데이터 없음' };

/** The metric's short label in the language, e.g. `Disk`, `디스크`. */
export function metricLabel(metric: MetricName, language: Language): string {
  return LABELS[language][metric];
}

/** The metric's label with its target, e.g. `CPU`, `Disk /`, `디스크 /`. */
export function alertLabel(
  alert: { readonly metric: MetricName; readonly target?: string },
  language: Language,
): string {
  const label = metricLabel(alert.metric, language);
  return alert.target === undefined || alert.target === '' ? label : `${label} ${alert.target}`;
}

/** A short description of an alert for tooltips and subjects: `Disk / 96%`, `CPU 97%`. */
export function describeAlert(alert: AlertState, language: Language): string {
  return `${alertLabel(alert, language)} ${formatValue(alert.metric, alert.value, language)}`;
}

/**
 * Formats a value in its metric's unit: `96%`, `7.6 GiB` (bytes, powers of 1024), `120 MB/s`
 * (rates, powers of 1000, so thresholds like 200e6 read as `200 MB/s`), `81 °C`, `2.35` (load),
 * `3d 4h` / `3일 4시간` (uptime). Null or non-finite gives `no data` / `데이터 없음`.
 */
export function formatValue(metric: MetricName, value: number | null, language: Language): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE[language];
  return formatUnit(METRICS[metric].unit, value, language);
}

/** Formats a value in a unit; see {@link formatValue}. */
export function formatUnit(unit: Unit, value: number, language: Language): string {
  switch (unit) {
    case 'percent':
      return `${short(value, value >= 10 ? 0 : 1)}%`;
    case 'bytes':
      return scaled(value, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']);
    case 'bytes_per_second':
      return `${scaled(value, 1000, ['B', 'kB', 'MB', 'GB', 'TB', 'PB'])}/s`;
    case 'celsius':
      return `${short(value, 0)} °C`;
    case 'ratio':
      return value.toFixed(2);
    case 'seconds':
      return duration(value, language);
    default:
      return assertNever(unit, 'Unknown unit');
  }
}

/** Rounds to `digits` decimals and drops trailing zeros. */
function short(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

function scaled(value: number, base: number, units: readonly string[]): string {
  let v = value;
  let i = 0;
  while (Math.abs(v) >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  // Three significant figures at most: 7.63 GiB, 76.3 GiB, 763 GiB.
  const digits = i === 0 || Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${short(v, digits)} ${units[i] ?? ''}`;
}

function duration(seconds: number, language: Language): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  const [dd, hh, mm, ss] = language === 'ko' ? ['일', '시간', '분', '초'] : ['d', 'h', 'm', 's'];
  if (d > 0) return `${d}${dd} ${h}${hh}`;
  if (h > 0) return `${h}${hh} ${m}${mm}`;
  if (m > 0) return `${m}${mm}`;
  return `${s}${ss}`;
}

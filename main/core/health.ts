/**
 * Overall health and the short words for alerts: the worst firing rule decides the tray colour,
 * and {@link describeAlert} / {@link formatValue} give the tray, emails and logs one wording.
 */
import type { AlertState, Health } from '../shared/contract';
import { formatValue, type Language } from '../shared/format';
import { METRICS, type MetricName } from '../shared/metrics';

export { formatUnit, formatValue, type Language } from '../shared/format';

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
    'fleet.silence_s': '응답 없음',
    'forecast.seconds_to_full': '디스크 가득 참까지',
    'check.up': '점검 정상',
    'check.response_ms': '응답 시간',
    'check.dns_ms': 'DNS 시간',
    'check.connect_ms': '연결 시간',
    'check.tls_ms': 'TLS 시간',
    'check.first_byte_ms': '첫 바이트까지 시간',
    'check.status_code': 'HTTP 상태',
    'check.cert_days': '인증서 남은 일수',
    'check.fail_streak': '연속 실패',
  },
};

/** The metric's short label in the language, e.g. `Disk`, `디스크`. */
export function metricLabel(metric: MetricName, language: Language): string {
  return LABELS[language][metric];
}

/** How a host that stopped answering is named after its id in alert text. */
const UNREACHABLE_WORD: Record<Language, string> = { en: 'unreachable', ko: '연결 불가' };

/** The metric's label with its target, e.g. `CPU`, `Disk /`, `디스크 /`. */
export function alertLabel(
  alert: { readonly metric: MetricName; readonly target?: string },
  language: Language,
): string {
  const label = metricLabel(alert.metric, language);
  if (alert.target === undefined || alert.target === '') return label;
  // The watcher's own alert about a host: its subject must say so (`web02 unreachable`), not
  // "Silence web02".
  if (alert.metric === 'fleet.silence_s') return `${alert.target} ${UNREACHABLE_WORD[language]}`;
  return `${label} ${alert.target}`;
}

/** A short description of an alert for tooltips and subjects: `Disk / 96%`, `CPU 97%`. */
export function describeAlert(alert: AlertState, language: Language): string {
  return `${alertLabel(alert, language)} ${formatValue(alert.metric, alert.value, language)}`;
}

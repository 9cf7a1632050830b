/**
 * Every metric's short label in every language, one table for the tray, emails, notifications,
 * Prometheus rule annotations and the dashboard, so a metric is named the same everywhere.
 */
import type { Language } from './format';
import { METRICS, type MetricName } from './metrics';

const KO: Readonly<Record<MetricName, string>> = {
  'cpu.total': 'CPU',
  'cpu.core': 'CPU 코어',
  'load.1': '1분 부하',
  'load.5': '5분 부하',
  'load.15': '15분 부하',
  'load.per_core': '코어당 부하',
  'mem.used_pct': '메모리',
  'mem.used_bytes': '메모리 사용량',
  'mem.available_bytes': '사용 가능한 메모리',
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
};

/** Metric labels by language; English is the catalogue's own label. */
export const METRIC_LABELS: Readonly<Record<Language, Readonly<Record<MetricName, string>>>> = {
  en: Object.fromEntries(Object.entries(METRICS).map(([k, v]) => [k, v.label])) as Record<
    MetricName,
    string
  >,
  ko: KO,
};

/** The metric's short label in the language, e.g. `Disk`, `디스크`. */
export function metricLabel(metric: MetricName, language: Language): string {
  return METRIC_LABELS[language][metric];
}

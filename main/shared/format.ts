/**
 * The product's languages and its one value formatter, used by the tray, emails, notifications
 * and the dashboard alike, so a value reads the same everywhere ("96%", never "96 %": English and
 * Korean typography both set the percent sign closed up).
 */
import { assertNever } from './assert-never';
import { METRICS, type MetricName, type Unit } from './metrics';

/** Languages of the product. */
export const LANGUAGES = ['en', 'ko'] as const;

/** A language of the product. */
export type Language = (typeof LANGUAGES)[number];

const NO_VALUE: Record<Language, string> = { en: 'no data', ko: '데이터 없음' };

/**
 * Formats a value in its metric's unit: `96%`, `7.6 GiB` (bytes, powers of 1024), `120 MB/s` /
 * `120 MB/초` (rates, powers of 1000, so thresholds like 200e6 read as `200 MB/s`), `81 °C`,
 * `2.35` (load), `3 d 4 h` / `3일 4시간` (uptime, see {@link formatDuration}), `1,250 ms` (thousands grouped with commas, as
 * both languages write them). Null or non-finite gives `no data` / `데이터 없음`.
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
      return `${scaled(value, 1000, ['B', 'kB', 'MB', 'GB', 'TB', 'PB'])}${PER_SECOND[language]}`;
    case 'celsius':
      return `${short(value, 0)} °C`;
    case 'ratio':
      return value.toFixed(2);
    case 'seconds':
      return formatDuration(value, language);
    case 'milliseconds':
      return `${short(value, value >= 100 ? 0 : 1)} ms`;
    case 'days':
      return language === 'ko' ? `${short(value, 1)}일` : `${short(value, 1)} d`;
    case 'boolean':
      return value >= 1 ? (language === 'ko' ? '정상' : 'up') : language === 'ko' ? '중단' : 'down';
    case 'code':
    case 'streak':
      return String(Math.round(value));
    default:
      return assertNever(unit, 'Unknown unit');
  }
}

const PER_SECOND: Record<Language, string> = { en: '/s', ko: '/초' };

/**
 * Rounds to `digits` decimals, drops trailing zeros and groups the integer part in thousands
 * with commas (`12,345.6`): English and Korean both write numbers so. Done by hand rather than
 * with `Intl.NumberFormat`, whose rounding differs from `toFixed` at some halves.
 */
function short(value: number, digits: number): string {
  const [int = '', frac] = String(Number(value.toFixed(digits))).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
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

const DURATION_UNITS: Record<Language, readonly [string, string, string, string]> = {
  en: [' d', ' h', ' min', ' s'],
  ko: ['일', '시간', '분', '초'],
};

/**
 * The product's one duration wording, for uptime, "last seen", ranges, intervals and emails
 * alike: the two largest units, the second left out when it is zero, whole seconds rounded
 * down. `3 d 4 h`, `2 h`, `1 h 5 min`, `1 min 35 s`, `45 s`; Korean writes its units closed up,
 * `3일 4시간`, `1시간 5분`, `45초`. Negative or non-finite durations read as `0 s` / `0초`.
 */
export function formatDuration(seconds: number, language: Language): string {
  const s = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0;
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  const sec = s % 60;
  const [dd, hh, mm, ss] = DURATION_UNITS[language];
  const two = (a: number, au: string, b: number, bu: string): string =>
    b > 0 ? `${a}${au} ${b}${bu}` : `${a}${au}`;
  if (d > 0) return two(d, dd, h, hh);
  if (h > 0) return two(h, hh, m, mm);
  if (m > 0) return two(m, mm, sec, ss);
  return `${sec}${ss}`;
}

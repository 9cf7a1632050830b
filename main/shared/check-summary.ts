/**
 * One check run said in words, English and Korean: up or down (with the failure from
 * check-words.ts), the time of each phase, the HTTP status and the certificate. The `runCheck`
 * answer carries the English sentence; the UI says the same in its own language.
 */
import { describeCheckFailure } from './check-words';
import type { Language } from './format';
import type { CheckCert, CheckPhases, CheckResult } from './checks';

/** A date as YYYY-MM-DD (UTC), the same in both languages. */
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const ms = (n: number): string => `${Math.round(n)} ms`;

const WORDS = {
  en: {
    up: 'Up',
    down: 'Down',
    total: (t: string) => `in ${t}`,
    dns: 'DNS',
    connect: 'connect',
    tls: 'TLS',
    firstByte: 'first byte',
    status: (s: number) => `HTTP status ${s}`,
    redirects: (n: number) => `${n} redirect(s) followed`,
    cert: (c: CheckCert, days: string) =>
      `certificate ${c.subject} from ${c.issuer}, valid until ${day(c.notAfter)} (${days})`,
    daysLeft: (d: number) =>
      d >= 0
        ? `${Math.floor(d)} day(s) left`
        : d > -1
          ? 'expired today'
          : `expired ${Math.floor(-d)} day(s) ago`,
  },
  ko: {
    up: '정상',
    down: '중단',
    total: (t: string) => `${t} 소요`,
    dns: 'DNS',
    connect: '연결',
    tls: 'TLS',
    firstByte: '첫 바이트',
    status: (s: number) => `HTTP 상태 ${s}`,
    redirects: (n: number) => `리디렉션 ${n}회`,
    cert: (c: CheckCert, days: string) =>
      `인증서 ${c.subject}, 발급자 ${c.issuer}, ${day(c.notAfter)}까지 유효 (${days})`,
    daysLeft: (d: number) =>
      d >= 0
        ? `${Math.floor(d)}일 남음`
        : d > -1
          ? '오늘 만료됨'
          : `${Math.floor(-d)}일 전에 만료됨`,
  },
} as const;

/** The phases a run reached, e.g. `DNS 1 ms, connect 2 ms, TLS 5 ms, first byte 3 ms`. */
export function describePhases(phases: CheckPhases, language: Language = 'en'): string {
  const w = WORDS[language];
  const parts: string[] = [];
  if (phases.dns !== null) parts.push(`${w.dns} ${ms(phases.dns)}`);
  if (phases.connect !== null) parts.push(`${w.connect} ${ms(phases.connect)}`);
  if (phases.tls !== null) parts.push(`${w.tls} ${ms(phases.tls)}`);
  if (phases.firstByte !== null) parts.push(`${w.firstByte} ${ms(phases.firstByte)}`);
  return parts.join(', ');
}

/** Days left of a certificate in words, e.g. `5 day(s) left` or `expired 2 day(s) ago`. */
export function describeCertDays(daysLeft: number, language: Language = 'en'): string {
  return WORDS[language].daysLeft(daysLeft);
}

/** The certificate in words: subject, issuer, notAfter and days left. */
export function describeCert(cert: CheckCert, language: Language = 'en'): string {
  return WORDS[language].cert(cert, describeCertDays(cert.daysLeft, language));
}

/**
 * A whole run in one sentence, e.g. `Up in 12 ms (DNS 1 ms, connect 1 ms, TLS 6 ms, first byte
 * 4 ms); HTTP status 200; certificate CN=shop from CN=R3, valid until 2027-01-05 (35 day(s) left)`.
 */
export function describeCheckResult(result: CheckResult, language: Language = 'en'): string {
  const w = WORDS[language];
  const phases = describePhases(result.phases, language);
  const head = result.up
    ? `${w.up} ${w.total(ms(result.phases.total))}`
    : `${w.down}: ${result.failure ? describeCheckFailure(result.failure, language) : '?'}`;
  const parts = [phases ? `${head} (${phases})` : head];
  if (result.status !== null) parts.push(w.status(result.status));
  if (result.redirects > 0) parts.push(w.redirects(result.redirects));
  if (result.cert) parts.push(describeCert(result.cert, language));
  return parts.join('; ');
}

/**
 * The endpoint-check lines of an alert email: which check, its URL, the failure in words and
 * the last good time for a "down" alert; the exact expiry date and the certificate for a
 * certificate alert. English and Korean; pure.
 */
import type { CheckStatus } from '../shared/contract';
import { describeCheckFailure } from '../shared/check-words';
import type { AlertMessage, BatchContext } from './ports';

type Lang = BatchContext['language'];

const WORDS = {
  en: {
    check: 'Check',
    target: 'URL',
    failure: 'Failure',
    lastGood: 'Last good',
    never: 'never',
    expires: 'Certificate expires',
    subject: 'Certificate',
    issuer: 'Issuer',
  },
  ko: {
    check: '점검',
    target: 'URL',
    failure: '실패 원인',
    lastGood: '마지막 정상',
    never: '없음',
    expires: '인증서 만료',
    subject: '인증서',
    issuer: '발급자',
  },
} as const;

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Rows for one alert message about a check; empty for any other alert or an unknown check. */
export function checkRows(
  m: AlertMessage,
  checks: readonly CheckStatus[] | undefined,
  lang: Lang,
): [string, string][] {
  if (!m.metric.startsWith('check.') || m.target === undefined) return [];
  const c = checks?.find((x) => x.id === m.target);
  if (!c) return [];
  const w = WORDS[lang];
  const rows: [string, string][] = [
    [w.check, c.name],
    [w.target, c.target],
  ];
  if (m.metric === 'check.cert_days') {
    const cert = c.last?.cert;
    if (cert) {
      rows.push(
        [w.expires, utc(cert.notAfter)],
        [w.subject, cert.subject],
        [w.issuer, cert.issuer],
      );
    }
    return rows;
  }
  if (c.lastFailure && m.kind !== 'resolved') {
    rows.push([w.failure, describeCheckFailure(c.lastFailure.failure, lang)]);
  }
  rows.push([w.lastGood, c.lastGoodAt === null ? w.never : utc(c.lastGoodAt)]);
  return rows;
}

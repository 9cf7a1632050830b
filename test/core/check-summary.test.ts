/** One check run in words (main/shared/check-summary.ts), English and Korean. */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../main/shared/checks';
import { describeCertDays, describeCheckResult } from '../../main/shared/check-summary';

const DAY = 86_400_000;
const base: CheckResult = {
  checkId: 'shop',
  at: 0,
  up: true,
  failure: null,
  phases: { dns: 2.4, connect: 1, tls: 6.6, firstByte: 4, total: 14.2 },
  status: 200,
  cert: {
    daysLeft: 35.7,
    subject: 'CN=shop.example',
    issuer: 'CN=R3',
    notAfter: Date.UTC(2027, 0, 5, 12),
    validFrom: Date.UTC(2026, 9, 7),
  },
  redirects: 1,
};

describe('describeCheckResult', () => {
  it('says an up run with phases, status, redirects and certificate', () => {
    expect(describeCheckResult(base)).toBe(
      'Up in 14 ms (DNS 2 ms, connect 1 ms, TLS 7 ms, first byte 4 ms); HTTP status 200; ' +
        '1 redirect(s) followed; certificate CN=shop.example from CN=R3, valid until 2027-01-05 (35 day(s) left)',
    );
    expect(describeCheckResult(base, 'ko')).toBe(
      '정상 14 ms 소요 (DNS 2 ms, 연결 1 ms, TLS 7 ms, 첫 바이트 4 ms); HTTP 상태 200; ' +
        '리디렉션 1회; 인증서 CN=shop.example, 발급자 CN=R3, 2027-01-05까지 유효 (35일 남음)',
    );
  });

  it('says a failed run with its failure in words and only the phases it reached', () => {
    const down: CheckResult = {
      ...base,
      up: false,
      failure: { kind: 'connection-refused', address: '127.0.0.1', port: 9 },
      phases: { dns: null, connect: null, tls: null, firstByte: null, total: 1 },
      status: null,
      cert: null,
      redirects: 0,
    };
    expect(describeCheckResult(down)).toBe('Down: Connection refused by 127.0.0.1 port 9');
    expect(describeCheckResult(down, 'ko')).toBe('중단: 127.0.0.1 포트 9에서 연결을 거부했습니다');
  });

  it('counts certificate days in whole days, past expiry too', () => {
    expect(describeCertDays(4.99)).toBe('4 day(s) left');
    expect(describeCertDays(-0.2)).toBe('expired today');
    expect(describeCertDays(-1.9)).toBe('expired 1 day(s) ago');
    expect(describeCertDays(-2.1, 'ko')).toBe('2일 전에 만료됨');
    expect(describeCertDays(-(DAY / DAY) / 2, 'ko')).toBe('오늘 만료됨');
  });
});

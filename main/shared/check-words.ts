/**
 * Sentences for check failures in English and Korean, one table per language, so email, the
 * log and the UI say the same thing. Each table is exhaustive over the failure kinds.
 */
import type { CheckFailure, CheckFailureKind, CheckPhase, UntrustedReason } from './check-failures';
import type { Language } from './format';

type Sentences = {
  readonly [K in CheckFailureKind]: (f: Extract<CheckFailure, { kind: K }>) => string;
};

/** A date as YYYY-MM-DD (UTC), the same in both languages. */
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const seconds = (ms: number): string => String(Math.round(ms / 100) / 10);
const KIB = 1024;
const size = (bytes: number): string =>
  bytes >= KIB * KIB ? `${Math.round(bytes / KIB / KIB)} MiB` : `${Math.round(bytes / KIB)} KiB`;

const PHASE: Record<Language, Record<CheckPhase, string>> = {
  en: {
    dns: 'the DNS lookup',
    connect: 'connecting',
    tls: 'the TLS handshake',
    'first-byte': 'waiting for the first byte',
    body: 'reading the body',
  },
  ko: {
    dns: 'DNS 조회',
    connect: '연결',
    tls: 'TLS 핸드셰이크',
    'first-byte': '첫 바이트 대기',
    body: '본문 읽기',
  },
};

const UNTRUSTED: Record<Language, Record<UntrustedReason, string>> = {
  en: {
    'self-signed': 'it is self-signed',
    'unknown-issuer': 'its issuer is unknown',
    other: 'its chain does not verify',
  },
  ko: {
    'self-signed': '자체 서명 인증서입니다',
    'unknown-issuer': '발급자를 알 수 없습니다',
    other: '인증서 체인을 검증할 수 없습니다',
  },
};

const FAMILY = { '4': 'IPv4', '6': 'IPv6', any: 'IP' } as const;

/** English sentences, by failure kind. */
export const CHECK_WORDS_EN: Sentences = {
  'dns-not-found': (f) => `DNS lookup failed: the name ${f.host} does not exist`,
  'dns-no-address': (f) => `DNS lookup failed: ${f.host} has no ${FAMILY[f.family]} address`,
  'dns-failed': (f) => `DNS lookup failed: no answer from the resolver for ${f.host}`,
  'private-target': (f) =>
    `Refused: ${f.address} is a link-local or cloud metadata address; confirm the target to allow it`,
  'connection-refused': (f) => `Connection refused by ${f.address} port ${f.port}`,
  unreachable: (f) => `No route to ${f.address}`,
  'connection-closed': (f) => `The server closed the connection during ${PHASE.en[f.phase]}`,
  timeout: (f) => `Timed out after ${seconds(f.afterMs)} s during ${PHASE.en[f.phase]}`,
  'tls-expired': (f) => `TLS: the certificate expired on ${day(f.notAfter)}`,
  'tls-not-yet-valid': (f) => `TLS: the certificate is not valid before ${day(f.validFrom)}`,
  'tls-hostname-mismatch': (f) => `TLS: the certificate is not valid for ${f.host}`,
  'tls-untrusted': (f) => `TLS: the certificate is not trusted: ${UNTRUSTED.en[f.reason]}`,
  'tls-handshake': () => 'TLS: the handshake failed (not a TLS server, or no common protocol)',
  'ca-file': (f) => `The CA file ${f.path} cannot be read or holds no certificate`,
  'http-status': (f) => `HTTP status ${f.status}`,
  'bad-response': () => 'The server did not answer with valid HTTP',
  'keyword-missing': (f) => `Keyword missing: "${f.keyword}" is not in the page`,
  'keyword-present': (f) => `Unwanted keyword found: "${f.keyword}" is in the page`,
  'too-many-redirects': (f) => `Too many redirects (more than ${f.max})`,
  'redirect-loop': () => 'Redirect loop: a redirect led back to an address already visited',
  'redirect-refused': (f) =>
    f.scheme === ''
      ? 'Redirect refused: the Location header is missing or not a valid URL'
      : `Redirect refused: ${f.scheme} is not http or https`,
  'body-too-large': (f) => `Body too large: more than ${size(f.limitBytes)}`,
  error: (f) => `The check failed with an unexpected error (${f.code})`,
};

/** Korean sentences, by failure kind. */
export const CHECK_WORDS_KO: Sentences = {
  'dns-not-found': (f) => `DNS 조회 실패: ${f.host} 이름이 존재하지 않습니다`,
  'dns-no-address': (f) => `DNS 조회 실패: ${f.host}에 ${FAMILY[f.family]} 주소가 없습니다`,
  'dns-failed': (f) => `DNS 조회 실패: ${f.host}에 대해 리졸버가 응답하지 않습니다`,
  'private-target': (f) =>
    `거부됨: ${f.address}은(는) 링크 로컬 또는 클라우드 메타데이터 주소입니다. 허용하려면 대상을 확인하세요`,
  'connection-refused': (f) => `${f.address} 포트 ${f.port}에서 연결을 거부했습니다`,
  unreachable: (f) => `${f.address}(으)로 가는 경로가 없습니다`,
  'connection-closed': (f) => `${PHASE.ko[f.phase]} 중에 서버가 연결을 닫았습니다`,
  timeout: (f) => `${PHASE.ko[f.phase]} 중 ${seconds(f.afterMs)}초 후 시간 초과`,
  'tls-expired': (f) => `TLS: 인증서가 ${day(f.notAfter)}에 만료되었습니다`,
  'tls-not-yet-valid': (f) => `TLS: 인증서는 ${day(f.validFrom)} 이전에는 유효하지 않습니다`,
  'tls-hostname-mismatch': (f) => `TLS: 인증서가 ${f.host}에 대해 유효하지 않습니다`,
  'tls-untrusted': (f) => `TLS: 신뢰할 수 없는 인증서: ${UNTRUSTED.ko[f.reason]}`,
  'tls-handshake': () => 'TLS: 핸드셰이크 실패 (TLS 서버가 아니거나 공통 프로토콜이 없음)',
  'ca-file': (f) => `CA 파일 ${f.path}을(를) 읽을 수 없거나 인증서가 없습니다`,
  'http-status': (f) => `HTTP 상태 ${f.status}`,
  'bad-response': () => '서버가 올바른 HTTP로 응답하지 않았습니다',
  'keyword-missing': (f) => `키워드 없음: 페이지에 "${f.keyword}"이(가) 없습니다`,
  'keyword-present': (f) => `원치 않는 키워드 발견: 페이지에 "${f.keyword}"이(가) 있습니다`,
  'too-many-redirects': (f) => `리디렉션이 너무 많습니다 (${f.max}회 초과)`,
  'redirect-loop': () => '리디렉션 루프: 이미 방문한 주소로 다시 리디렉션되었습니다',
  'redirect-refused': (f) =>
    f.scheme === ''
      ? '리디렉션 거부: Location 헤더가 없거나 올바른 URL이 아닙니다'
      : `리디렉션 거부: ${f.scheme}은(는) http 또는 https가 아닙니다`,
  'body-too-large': (f) => `본문이 너무 큽니다: ${size(f.limitBytes)} 초과`,
  error: (f) => `예상치 못한 오류로 검사에 실패했습니다 (${f.code})`,
};

/** Both tables, by language. */
export const CHECK_WORDS: Readonly<Record<Language, Sentences>> = {
  en: CHECK_WORDS_EN,
  ko: CHECK_WORDS_KO,
};

/** The sentence for one failure in one language (English by default). */
export function describeCheckFailure(failure: CheckFailure, language: Language = 'en'): string {
  const sentence = CHECK_WORDS[language][failure.kind] as (f: CheckFailure) => string;
  return sentence(failure);
}

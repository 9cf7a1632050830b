/**
 * The pure check parts: the schema's defaults and messages, `--check URL` parsing, the failure
 * sentences in both languages, and the series a result feeds.
 */
import { describe, expect, it } from 'vitest';
import { CHECK_FAILURE_KINDS, type CheckFailure } from '../../main/shared/check-failures';
import { checkSeriesValues } from '../../main/shared/check-series';
import { CHECK_WORDS, describeCheckFailure } from '../../main/shared/check-words';
import { checkSchema, parseCheckUrl, type CheckResult } from '../../main/shared/checks';
import { CHECK_METRICS, parseSeriesKey } from '../../main/shared/metrics';

const messages = (input: unknown): Record<string, string> => {
  const r = checkSchema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('check schema', () => {
  it('fills the documented defaults', () => {
    const c = checkSchema.parse({
      id: 'shop',
      name: 'Shop',
      kind: 'http',
      url: 'https://example.com/',
    });
    expect(c).toMatchObject({
      method: 'GET',
      acceptedStatus: [{ from: 200, to: 399 }],
      maxRedirects: 5,
      keywordMode: 'contains',
      bodyLimitBytes: 1024 * 1024,
      intervalSeconds: 60,
      timeoutSeconds: 10,
      ipFamily: 'any',
      acceptInvalidCert: false,
      enabled: true,
      allowPrivateTarget: false,
    });
  });

  it('explains bad fields in words', () => {
    expect(
      messages({
        id: 'Shop Home',
        name: 'x',
        kind: 'http',
        url: 'https://example.com/',
        intervalSeconds: 5,
        timeoutSeconds: 5,
        acceptedStatus: [{ from: 400, to: 300 }],
        header: { name: 'X Bad', value: 'a\r\nb' },
      }),
    ).toEqual({
      id: 'Use lowercase letters, digits and dashes for the id, e.g. shop-home',
      intervalSeconds: 'Run a check at most every 10 seconds',
      'acceptedStatus.0.to': 'The first status code of a range must not be above the last',
      'header.name': 'A header name uses letters, digits and - only, e.g. Host',
      'header.value': 'A header value cannot contain line breaks',
    });
    expect(messages({ id: 'a', name: 'a', kind: 'tcp', address: 'example.com' })).toEqual({
      address: 'Write the address as host:port (1–65535), e.g. example.com:443 or [::1]:443',
    });
    expect(
      messages({
        id: 'a',
        name: 'a',
        kind: 'http',
        url: 'https://a.example/',
        timeoutSeconds: 30,
        intervalSeconds: 20,
      }),
    ).toEqual({ timeoutSeconds: 'The timeout must not be longer than the interval' });
  });
});

describe('parseCheckUrl', () => {
  it('turns each scheme into a check with a stable slug id', () => {
    const https = parseCheckUrl('https://Shop.Example.com/health?x=1');
    expect(https.ok && https.check).toMatchObject({
      id: 'shop-example-com-health',
      kind: 'http',
      url: 'https://shop.example.com/health?x=1',
    });
    const tcp = parseCheckUrl('tcp://db.internal:5432');
    expect(tcp.ok && tcp.check).toMatchObject({
      id: 'tcp-db-internal-5432',
      kind: 'tcp',
      address: 'db.internal:5432',
    });
    const tls = parseCheckUrl('tls://[::1]:443');
    expect(tls.ok && tls.check).toMatchObject({ kind: 'tls', address: '[::1]:443' });
    expect(parseCheckUrl('https://shop.example.com/health?x=1')).toEqual(https);
  });

  it('refuses credentials without repeating them, and other schemes', () => {
    const cred = parseCheckUrl('https://admin:hunter2@example.com/');
    expect(cred.ok).toBe(false);
    expect(!cred.ok && cred.error).toMatch(/credentials in check URLs are not supported/);
    expect(JSON.stringify(cred)).not.toContain('hunter2');
    expect(parseCheckUrl('tcp://u:p@db:5432')).toMatchObject({ ok: false });
    expect(parseCheckUrl('file:///etc/passwd')).toEqual({
      ok: false,
      error: 'The file: scheme is not supported; use http, https, tcp or tls',
    });
    expect(parseCheckUrl('ftp://example.com/')).toMatchObject({ ok: false });
    expect(parseCheckUrl('gopher://example.com/')).toMatchObject({ ok: false });
    expect(parseCheckUrl('tcp://db:99999')).toMatchObject({ ok: false });
    expect(parseCheckUrl('not a url')).toMatchObject({ ok: false });
  });
});

const SAMPLES: Record<(typeof CHECK_FAILURE_KINDS)[number], CheckFailure> = {
  'dns-not-found': { kind: 'dns-not-found', host: 'a.invalid' },
  'dns-no-address': { kind: 'dns-no-address', host: 'v6.example', family: '4' },
  'dns-failed': { kind: 'dns-failed', host: 'a.example' },
  'private-target': { kind: 'private-target', address: '169.254.169.254' },
  'connection-refused': { kind: 'connection-refused', address: '127.0.0.1', port: 81 },
  unreachable: { kind: 'unreachable', address: '10.0.0.1' },
  'connection-closed': { kind: 'connection-closed', phase: 'body' },
  timeout: { kind: 'timeout', phase: 'connect', afterMs: 10_000 },
  'tls-expired': { kind: 'tls-expired', notAfter: Date.UTC(2026, 0, 2) },
  'tls-not-yet-valid': { kind: 'tls-not-yet-valid', validFrom: Date.UTC(2027, 0, 2) },
  'tls-hostname-mismatch': { kind: 'tls-hostname-mismatch', host: 'shop.example' },
  'tls-untrusted': { kind: 'tls-untrusted', reason: 'self-signed' },
  'tls-handshake': { kind: 'tls-handshake' },
  'ca-file': { kind: 'ca-file', path: '/etc/ca.pem' },
  'http-status': { kind: 'http-status', status: 503 },
  'bad-response': { kind: 'bad-response' },
  'keyword-missing': { kind: 'keyword-missing', keyword: 'OK' },
  'keyword-present': { kind: 'keyword-present', keyword: 'error' },
  'too-many-redirects': { kind: 'too-many-redirects', max: 5 },
  'redirect-loop': { kind: 'redirect-loop' },
  'redirect-refused': { kind: 'redirect-refused', scheme: 'ftp' },
  'body-too-large': { kind: 'body-too-large', limitBytes: 1024 * 1024 },
  error: { kind: 'error', code: 'EINTERNAL' },
};

describe('failure sentences', () => {
  it('exist in English and Korean for every kind', () => {
    for (const kind of CHECK_FAILURE_KINDS) {
      const en = describeCheckFailure(SAMPLES[kind], 'en');
      const ko = describeCheckFailure(SAMPLES[kind], 'ko');
      expect(en, kind).toMatch(/^[A-Z]/);
      expect(ko, kind).toMatch(/[\uac00-\ud7a3]/);
      expect(ko).not.toBe(en);
    }
    expect(Object.keys(CHECK_WORDS.en).sort()).toEqual([...CHECK_FAILURE_KINDS].sort());
    expect(Object.keys(CHECK_WORDS.ko).sort()).toEqual([...CHECK_FAILURE_KINDS].sort());
  });

  it('say what happened, with the phase and the parameters', () => {
    expect(describeCheckFailure(SAMPLES.timeout)).toBe('Timed out after 10 s during connecting');
    expect(describeCheckFailure(SAMPLES['dns-not-found'])).toBe(
      'DNS lookup failed: the name a.invalid does not exist',
    );
    expect(describeCheckFailure(SAMPLES['tls-expired'], 'ko')).toBe(
      'TLS: 인증서가 2026-01-02에 만료되었습니다',
    );
    expect(describeCheckFailure(SAMPLES['body-too-large'])).toBe('Body too large: more than 1 MiB');
  });
});

describe('check series', () => {
  it('keys every value by the check id and leaves out what the run did not reach', () => {
    const result: CheckResult = {
      checkId: 'shop',
      at: 0,
      up: true,
      failure: null,
      phases: { dns: 1, connect: 2, tls: 3, firstByte: 4, total: 5 },
      status: 200,
      cert: { daysLeft: 5, subject: 'CN=a', issuer: 'CN=b', notAfter: 1, validFrom: 0 },
      redirects: 0,
    };
    expect(checkSeriesValues(result)).toEqual({
      'check.up{shop}': 1,
      'check.response_ms{shop}': 5,
      'check.dns_ms{shop}': 1,
      'check.connect_ms{shop}': 2,
      'check.tls_ms{shop}': 3,
      'check.first_byte_ms{shop}': 4,
      'check.status_code{shop}': 200,
      'check.cert_days{shop}': 5,
    });
    const down = checkSeriesValues({
      ...result,
      up: false,
      failure: { kind: 'connection-refused', address: '127.0.0.1', port: 1 },
      phases: { dns: null, connect: null, tls: null, firstByte: null, total: 3 },
      status: null,
      cert: null,
    });
    expect(down).toEqual({ 'check.up{shop}': 0 });
    for (const key of Object.keys(checkSeriesValues(result))) {
      expect(Object.keys(CHECK_METRICS)).toContain(key.replace(/\{.*$/, ''));
      // Wired into the catalogue: rules, history and charts parse them like host metrics.
      expect(parseSeriesKey(key)).toEqual({ metric: key.replace(/\{.*$/, ''), target: 'shop' });
    }
  });
});

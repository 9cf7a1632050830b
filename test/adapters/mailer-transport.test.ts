/**
 * The SMTP transport against a real SMTP server over TCP on 127.0.0.1: delivery over STARTTLS
 * and implicit TLS with AUTH, then the fault matrix, each bounded by a (short) deadline.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { explainError } from '../../main/adapters/mailer/explain';
import { checkSmtpSettings, sendEmail, type SendInput } from '../../main/adapters/mailer/transport';
import { smtpSchema, type SmtpSettings } from '../../main/shared/settings';
import { testCert, type TestCert } from '../fixtures/smtp/cert';
import {
  startSilentServer,
  startSmtpServer,
  type TestServerOptions,
  type TestSmtpServer,
} from '../fixtures/smtp/server';
import { FAST_TIMEOUTS, PASS, USER, smtpSettings } from '../fixtures/smtp/settings';

let cert: TestCert;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  cert = await testCert();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function server(opts: TestServerOptions): Promise<TestSmtpServer> {
  const s = await startSmtpServer(opts);
  open.push(s);
  return s;
}

/** The shared settings with two recipients, so delivery to each is checked. */
function settings(port: number, over: Partial<SmtpSettings> = {}): SmtpSettings {
  return smtpSettings(port, { to: ['ops@example.com', 'oncall@example.org'], ...over });
}

function input(smtp: SmtpSettings, over: Partial<SendInput> = {}): SendInput {
  return {
    smtp,
    password: PASS,
    tlsCa: cert.cert,
    email: {
      subject: '[Hostwatch] CRITICAL web01: CPU 97% for 5 min',
      text: 'CPU is 97%',
      html: '<p>CPU is <b>97%</b></p>',
    },
    id: 'hw-abc123',
    date: new Date(Date.UTC(2026, 0, 5, 12, 0, 0)),
    timeouts: FAST_TIMEOUTS,
    ...over,
  };
}

/** Sends and returns the error and how long it took. */
async function failure(i: SendInput): Promise<{ err: unknown; ms: number }> {
  const t = performance.now();
  try {
    await sendEmail(i);
  } catch (err) {
    return { err, ms: performance.now() - t };
  }
  throw new Error('the send was expected to fail');
}

describe('delivery', () => {
  it.each([
    ['STARTTLS', false, 'starttls'],
    ['implicit TLS', true, 'tls'],
  ] as const)(
    'delivers with AUTH over %s: both parts, headers, exact envelope',
    async (_name, secure, security) => {
      const s = await server({ secure, tls: cert, auth: { user: USER, pass: PASS } });
      const smtp = settings(s.port, { security });
      const out = await sendEmail(input(smtp));
      expect(out.accepted).toEqual(['ops@example.com', 'oncall@example.org']);
      expect(s.authAttempts).toEqual([{ user: USER, ok: true }]);
      const [got] = s.received;
      expect(got!.to).toEqual(['ops@example.com', 'oncall@example.org']);
      expect(got!.from).toBe('hostwatch@example.com');
      expect(got!.parsed.subject).toBe('[Hostwatch] CRITICAL web01: CPU 97% for 5 min');
      expect(got!.parsed.text).toContain('CPU is 97%');
      expect(got!.parsed.html).toContain('<b>97%</b>');
      expect(got!.messageId).toBe('<hw-abc123@example.com>');
      expect(got!.parsed.date?.toISOString()).toBe('2026-01-05T12:00:00.000Z');
      // The password went over TLS only: the plaintext bytes on the wire never show it.
      expect(s.rawClientBytes()).not.toContain(PASS);
      expect(s.rawClientBytes()).not.toContain(Buffer.from(PASS).toString('base64'));
    },
  );

  it('a retry carries the same Message-ID', async () => {
    const s = await server({ tls: cert, auth: { user: USER, pass: PASS } });
    await sendEmail(input(settings(s.port)));
    await sendEmail(input(settings(s.port)));
    expect(s.received.map((r) => r.messageId)).toEqual([
      '<hw-abc123@example.com>',
      '<hw-abc123@example.com>',
    ]);
  });

  it('plain SMTP only to a loopback host', async () => {
    const s = await server({});
    await sendEmail(input(settings(s.port, { security: 'none', username: '' })));
    expect(s.received).toHaveLength(1);
    const bad = { ...settings(s.port), security: 'none' as const, host: 'mail.example.com' };
    expect(() => checkSmtpSettings(bad)).toThrow(/only to a local mail server/);
    const { err } = await failure(input(bad));
    expect(explainError(err, bad)).toMatchObject({ transient: false, code: 'config' });
  });
});

describe('refusing to leak', () => {
  it('STARTTLS stripped by the server: fails before AUTH, the password never crosses the wire', async () => {
    const s = await server({ tls: cert, stripStartTls: true, auth: { user: USER, pass: PASS } });
    const smtp = settings(s.port);
    const { err } = await failure(input(smtp));
    const why = explainError(err, smtp);
    expect(why).toMatchObject({ transient: false, code: 'starttls-missing' });
    expect(s.authAttempts).toEqual([]);
    const wire = s.rawClientBytes();
    expect(wire).toContain('EHLO');
    expect(wire).not.toMatch(/AUTH/);
    expect(wire).not.toContain(PASS);
    expect(wire).not.toContain(Buffer.from(`\u0000${USER}\u0000${PASS}`).toString('base64'));
    expect(why.message).not.toContain(PASS);
  });

  it('an untrusted certificate is refused (verification is never turned off)', async () => {
    const s = await server({ secure: true, tls: cert, auth: { user: USER, pass: PASS } });
    const smtp = settings(s.port, { security: 'tls' });
    const { err } = await failure(input(smtp, { tlsCa: undefined }));
    expect(explainError(err, smtp)).toMatchObject({ transient: false, code: 'certificate' });
    expect(s.authAttempts).toEqual([]);
  });

  it('header and recipient injection is refused by the schema and by the transport', async () => {
    const base = settings(1025);
    for (const to of [
      'ops@example.com\r\nBcc: x@evil.test',
      'a@example.com,b@evil.test',
      'ops@example.com;x@evil.test',
      'Ops <ops@example.com>',
    ]) {
      expect(smtpSchema.safeParse({ ...base, to: [to] }).success).toBe(false);
      expect(() => checkSmtpSettings({ ...base, to: [to] })).toThrow(/Not a valid email address/);
    }
    expect(smtpSchema.safeParse({ ...base, from: 'a@example.com\nBcc: x@evil.test' }).success).toBe(
      false,
    );
    expect(
      smtpSchema.safeParse({ ...base, subjectPrefix: '[HW]\r\nBcc: x@evil.test' }).success,
    ).toBe(false);
    expect(() =>
      checkSmtpSettings({ ...base, from: 'a@example.com\r\nBcc: x@evil.test' }),
    ).toThrow();

    // A subject with CR/LF that slipped past everything still cannot add a header.
    const s = await server({ tls: cert, auth: { user: USER, pass: PASS } });
    await sendEmail(
      input(settings(s.port), {
        email: { subject: 'CPU\r\nBcc: x@evil.test\r\nX-Evil: 1', text: 't', html: '<p>t</p>' },
      }),
    );
    const got = s.received[0]!;
    expect(got.to).toEqual(['ops@example.com', 'oncall@example.org']);
    expect(got.parsed.headers.has('bcc')).toBe(false);
    expect(got.parsed.headers.has('x-evil')).toBe(false);
    expect(got.parsed.subject).not.toMatch(/[\r\n]/);
  });

  it('a 535 is permanent and the password is scrubbed even when the server echoes it', async () => {
    const s = await server({ tls: cert, auth: { user: USER, pass: 'other' }, echoPassword: true });
    const smtp = settings(s.port);
    const { err } = await failure(input(smtp));
    const why = explainError(err, smtp);
    expect(why).toMatchObject({ transient: false, code: 'auth' });
    expect(String((err as Error).message)).toContain(PASS); // the raw error would have leaked it
  });
});

describe('fault matrix, each bounded by the deadline', () => {
  const bound = FAST_TIMEOUTS.deadlineMs + 1_000;

  it('server accepts but never greets: transient timeout', async () => {
    const silent = await startSilentServer();
    open.push(silent);
    const smtp = settings(silent.port);
    const { err, ms } = await failure(input(smtp));
    expect(explainError(err, smtp)).toMatchObject({ transient: true, code: 'timeout' });
    expect(ms).toBeLessThan(bound);
  });

  it('server stalls after DATA: the deadline aborts, transient', async () => {
    const s = await server({
      tls: cert,
      auth: { user: USER, pass: PASS },
      mode: 'stall-after-data',
    });
    const smtp = settings(s.port);
    const { err, ms } = await failure(
      input(smtp, { timeouts: { ...FAST_TIMEOUTS, socketMs: 10_000 } }),
    );
    expect(s.dataSeen).toHaveLength(1);
    expect(explainError(err, smtp)).toMatchObject({ transient: true, code: 'timeout' });
    expect(ms).toBeLessThan(bound);
  });

  it.each([
    ['reply-421', true, 'deferred'],
    ['reply-451', true, 'deferred'],
    ['reply-550', false, 'rejected'],
  ] as const)('%s → transient=%s (%s)', async (mode, transient, code) => {
    const s = await server({ tls: cert, auth: { user: USER, pass: PASS }, mode });
    const smtp = settings(s.port);
    const { err, ms } = await failure(input(smtp));
    expect(explainError(err, smtp)).toMatchObject({ transient, code });
    expect(ms).toBeLessThan(bound);
  });

  it('connection reset (TCP RST) mid-DATA: transient', async () => {
    const s = await server({ mode: 'reset-mid-data' });
    const smtp = settings(s.port, { security: 'none', username: '' });
    const { err, ms } = await failure(input(smtp));
    expect(explainError(err, smtp)).toMatchObject({ transient: true, code: 'unreachable' });
    expect(s.dataSeen).toEqual([]); // never completed, never accepted
    expect(ms).toBeLessThan(bound);
  });

  it('connection refused: transient', async () => {
    const s = await server({});
    const port = s.port;
    await s.close();
    const smtp = settings(port);
    const { err } = await failure(input(smtp));
    expect(explainError(err, smtp)).toMatchObject({ transient: true, code: 'unreachable' });
  });

  it('unknown host (.invalid): permanent unknown-host, or transient when DNS itself is unavailable', async () => {
    const smtp = settings(587, { host: 'smtp.hostwatch-test.invalid' });
    const { err, ms } = await failure(input(smtp));
    const why = explainError(err, smtp);
    // .invalid never resolves (RFC 6761); a resolver that cannot answer at all says EAI_AGAIN.
    expect(['unknown-host', 'dns', 'timeout']).toContain(why.code);
    expect(why.transient).toBe(why.code !== 'unknown-host');
    expect(ms).toBeLessThan(bound);
  });

  it('implicit TLS against a STARTTLS port, and STARTTLS against an implicit-TLS port, are explained', async () => {
    const plain = await server({ tls: cert, auth: { user: USER, pass: PASS } });
    const wrongTls = settings(plain.port, { security: 'tls' });
    const a = explainError((await failure(input(wrongTls))).err, wrongTls);
    expect(a.transient).toBe(false);
    expect(a.code).toBe('tls-mismatch');
    const secure = await server({ secure: true, tls: cert, auth: { user: USER, pass: PASS } });
    const wrongStarttls = settings(secure.port, { security: 'starttls' });
    const b = explainError((await failure(input(wrongStarttls))).err, wrongStarttls);
    expect(b.code).toBe('timeout');
    expect(b.message).toMatch(/choose "TLS"/);
  });
});

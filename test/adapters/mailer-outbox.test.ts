/**
 * The email channel and its durable outbox against a real SMTP server on 127.0.0.1 and real
 * files in a temp folder; only the clock (back-off, age) is fake.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmailChannel, type EmailChannel } from '../../main/adapters/mailer/email-channel';
import { backoffDelay } from '../../main/adapters/mailer/outbox';
import type { AlertBatch, BatchContext } from '../../main/core/ports';
import type { SmtpSettings } from '../../main/shared/settings';
import { testCert, type TestCert } from '../fixtures/smtp/cert';
import { FakeClock } from '../fixtures/fake-clock';
import { recorder, type Recorder } from '../fixtures/smtp/recorder';
import { FAST_TIMEOUTS, PASS, USER, smtpSettings } from '../fixtures/smtp/settings';
import {
  startSmtpServer,
  type TestServerOptions,
  type TestSmtpServer,
} from '../fixtures/smtp/server';

const BACKOFF = { baseMs: 5_000, capMs: 600_000 };

let cert: TestCert;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  cert = await testCert();
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(opts: TestServerOptions = {}): Promise<TestSmtpServer> {
  const s = await startSmtpServer({ tls: cert, auth: { user: USER, pass: PASS }, ...opts });
  cleanups.push(() => s.close());
  return s;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hw-outbox-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

interface Rig {
  channel: EmailChannel;
  clock: FakeClock;
  rec: Recorder;
  dir: string;
}

function rig(
  dir: string,
  smtp: () => SmtpSettings,
  opts: { clock?: FakeClock; rec?: Recorder; password?: string; limits?: object } = {},
): Rig {
  const clock = opts.clock ?? new FakeClock();
  const rec = opts.rec ?? recorder();
  const channel = createEmailChannel({
    dir,
    clock,
    events: rec.sink,
    logger: rec.logger,
    config: () => ({ smtp: smtp(), password: opts.password ?? PASS, tlsCa: cert.cert }),
    options: {
      timeouts: FAST_TIMEOUTS,
      backoff: BACKOFF,
      random: () => 0.5,
      ...(opts.limits ? { limits: opts.limits } : {}),
    },
  });
  channel.start();
  cleanups.push(() => channel.stop());
  return { channel, clock, rec, dir };
}

const context = (clock: FakeClock): BatchContext => ({
  hostname: 'web01',
  dashboardUrl: '',
  language: 'en',
  processes: null,
  createdAt: clock.now(),
});

function batch(clock: FakeClock, id = 'cpu-1', value = 97): AlertBatch {
  return {
    id,
    context: context(clock),
    messages: [
      {
        id,
        kind: 'firing',
        ruleId: 'cpu',
        series: 'cpu.total',
        metric: 'cpu.total',
        severity: 'critical',
        value,
        threshold: 95,
        since: clock.now() - 300_000,
        at: clock.now(),
      },
    ],
  };
}

const count = (r: Recorder, kind: string) => r.events.filter((e) => e.kind === kind).length;

describe('email channel and outbox', () => {
  it('writes the email to disk before the first attempt, then delivers and moves it to sent/', async () => {
    const s = await server({ mode: 'stall-after-data' });
    const { channel, clock, rec, dir } = rig(await tempDir(), () => smtpSettings(s.port));
    await channel.deliver(batch(clock));
    const files = await readdir(join(dir, 'pending'));
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const onDisk = JSON.parse(await readFile(join(dir, 'pending', files[0]!), 'utf8'));
    expect(onDisk.subject).toBe('[Hostwatch] CRITICAL web01: CPU');
    expect(channel.pending()).toBe(1);
    await s.waitFor(() => s.dataSeen.length === 1, 'the stalled DATA');
    await rec.waitFor(() => rec.logs.some((l) => l.includes('(timeout)')), 'the deadline');
    s.mode = 'ok';
    clock.advance(BACKOFF.capMs);
    await rec.waitFor(() => count(rec, 'delivered') === 1, 'delivery');
    expect(s.received).toHaveLength(1);
    expect(s.received[0]!.messageId).toBe(s.dataSeen[0]!.messageId); // the retry carries the same Message-ID
    expect(await readdir(join(dir, 'pending'))).toEqual([]);
    expect(await readdir(join(dir, 'sent'))).toHaveLength(1);
    expect(channel.pending()).toBe(0);
  });

  it('retries transient failures (451) with back-off and delivers when the server recovers', async () => {
    const s = await server({ mode: 'reply-451' });
    const { channel, clock, rec } = rig(await tempDir(), () => smtpSettings(s.port));
    await channel.deliver(batch(clock));
    await rec.waitFor(
      () => rec.logs.filter((l) => l.includes('(deferred)')).length === 1,
      'first failure',
    );
    expect(channel.notices()).toMatchObject([
      { level: 'warning', code: 'email-retrying', params: { count: 1, smtpCode: 'deferred' } },
    ]);
    clock.advance(BACKOFF.baseMs / 2 - 1); // equal jitter with random 0.5: 3.75 s
    expect(s.dataSeen).toHaveLength(1);
    clock.advance(BACKOFF.baseMs);
    await rec.waitFor(
      () => rec.logs.filter((l) => l.includes('(deferred)')).length === 2,
      'second failure',
    );
    expect(rec.logs.some((l) => l.includes('retrying in 8 s'))).toBe(true); // 10 s doubled, jittered
    s.mode = 'ok';
    clock.advance(BACKOFF.capMs);
    await rec.waitFor(() => count(rec, 'delivered') === 1, 'delivery');
    expect(s.received).toHaveLength(1);
    expect(channel.notices()).toEqual([]);
    expect(count(rec, 'delivery-failed')).toBe(0);
  });

  it('does not retry a permanent failure (550): failed/, one event, one notice', async () => {
    const s = await server({ mode: 'reply-550' });
    const { channel, clock, rec, dir } = rig(await tempDir(), () => smtpSettings(s.port));
    await channel.deliver(batch(clock));
    await rec.waitFor(() => count(rec, 'delivery-failed') === 1, 'the failure event');
    const ev = rec.events.find((e) => e.kind === 'delivery-failed')!;
    expect(ev.message).toBe('Email not delivered: [Hostwatch] CRITICAL web01: CPU');
    expect(ev.reason).toMatch(/refused the message.*550/);
    // The same failure as a code, for the UI's own language.
    expect(ev).toMatchObject({
      reasonCode: 'smtp',
      reasonParams: { code: 'rejected', server: `127.0.0.1:${s.port}` },
    });
    expect(await readdir(join(dir, 'failed'))).toHaveLength(1);
    expect(await readdir(join(dir, 'pending'))).toEqual([]);
    // The notice carries the failure kind as a code, for the UI's own language.
    expect(channel.notices()).toMatchObject([
      { level: 'error', code: 'email-failed', params: { smtpCode: 'rejected' } },
    ]);
    expect(channel.notices()[0]!.message).toMatch(/could not be delivered.*refused the message/);
    const attempts = s.authAttempts.length;
    clock.advance(24 * 3_600_000);
    await channel.deliver(batch(clock, 'other')); // a later email still goes through the queue
    await rec.waitFor(() => count(rec, 'delivery-failed') === 2, 'second email failing');
    expect(s.authAttempts.length).toBe(attempts + 1); // only the new one was tried
  });

  it('a rejected password is permanent and never appears in events, logs or results', async () => {
    const s = await server({ auth: { user: USER, pass: 'the-right-one' }, echoPassword: true });
    const { channel, clock, rec } = rig(await tempDir(), () => smtpSettings(s.port));
    await channel.deliver(batch(clock));
    await rec.waitFor(() => count(rec, 'delivery-failed') === 1, 'the failure event');
    const test = await channel.sendTest(context(clock));
    expect(test).toMatchObject({ delivered: false, code: 'auth' });
    const everything = JSON.stringify([rec.events, rec.logs, test]);
    expect(everything).toContain('rejected the user name or password');
    expect(everything).not.toContain(PASS);
    expect(everything).not.toContain(Buffer.from(PASS).toString('base64'));
  });

  it('queues permanently failed emails again once the password is fixed', async () => {
    const s = await server({ auth: { user: USER, pass: 'the-right-one' } });
    let password = 'wrong';
    const clock = new FakeClock();
    const rec = recorder();
    const dir = await tempDir();
    const channel = createEmailChannel({
      dir,
      clock,
      events: rec.sink,
      logger: rec.logger,
      config: () => ({ smtp: smtpSettings(s.port), password, tlsCa: cert.cert }),
      options: { timeouts: FAST_TIMEOUTS, backoff: BACKOFF, random: () => 0.5 },
    });
    channel.start();
    cleanups.push(() => channel.stop());
    await channel.deliver(batch(clock));
    await rec.waitFor(() => count(rec, 'delivery-failed') === 1, 'the auth failure');
    expect(await readdir(join(dir, 'failed'))).toHaveLength(1);
    password = 'the-right-one';
    expect(await channel.retryFailed()).toBe(1);
    await rec.waitFor(() => count(rec, 'delivered') === 1, 'delivery after the fix');
    expect(s.received).toHaveLength(1);
    expect(await readdir(join(dir, 'failed'))).toEqual([]);
    expect(channel.notices()).toEqual([]);
    expect(await channel.retryFailed()).toBe(0); // nothing twice
  });

  it('resumes pending emails after a restart with the same Message-ID', async () => {
    const s = await server({ mode: 'reply-451' });
    const dir = await tempDir();
    const first = rig(dir, () => smtpSettings(s.port));
    await first.channel.deliver(batch(first.clock));
    await first.rec.waitFor(
      () => first.rec.logs.some((l) => l.includes('(deferred)')),
      'first failure',
    );
    await first.channel.stop();
    s.mode = 'ok';
    const second = rig(dir, () => smtpSettings(s.port));
    await second.rec.waitFor(() => count(second.rec, 'delivered') === 1, 'delivery after restart');
    expect(s.received).toHaveLength(1);
    expect(s.received[0]!.messageId).toBe(s.dataSeen[0]!.messageId);
  });

  it('queues a batch once: the same id twice, or again after delivery, is one email', async () => {
    const s = await server();
    const { channel, clock, rec } = rig(await tempDir(), () => smtpSettings(s.port));
    await Promise.all([channel.deliver(batch(clock)), channel.deliver(batch(clock))]);
    await rec.waitFor(() => count(rec, 'delivered') === 1, 'delivery');
    await channel.deliver(batch(clock));
    await channel.deliver(batch(clock, 'cpu-2'));
    await rec.waitFor(() => count(rec, 'delivered') === 2, 'second delivery');
    const ids = s.received.map((r) => r.messageId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(channel.pending()).toBe(0);
  });

  it('is bounded in size and age; each dropped email is an event', async () => {
    const s = await server({ mode: 'reply-421' });
    const { channel, clock, rec } = rig(await tempDir(), () => smtpSettings(s.port), {
      limits: { maxMessages: 3, maxAgeMs: 7 * 86_400_000 },
    });
    for (let i = 0; i < 5; i++) await channel.deliver(batch(clock, `b${i}`));
    expect(channel.pending()).toBe(3);
    const dropped = rec.events.filter((e) => e.kind === 'delivery-failed');
    expect(dropped).toHaveLength(2);
    expect(dropped[0]).toMatchObject({
      reason: 'the outbox holds at most 3 emails',
      reasonCode: 'outbox-full',
      reasonParams: { max: 3 },
    });
    await rec.waitFor(() => rec.logs.some((l) => l.includes('(deferred)')), 'an attempt');
    clock.advance(8 * 86_400_000);
    await rec.waitFor(
      () => channel.pending() === 0 && count(rec, 'delivery-failed') === 5,
      'age expiry',
    );
    const expired = rec.events.filter((e) => e.reason?.startsWith('older than 7 day'));
    expect(expired.map((e) => [e.reasonCode, e.reasonParams])).toEqual(
      Array.from({ length: 3 }, () => ['outbox-expired', { days: 7 }]),
    );
  });

  it('sendTest goes straight through render → transport, unqueued, and explains failures', async () => {
    const s = await server();
    const dir = await tempDir();
    const { channel, clock } = rig(dir, () => smtpSettings(s.port));
    const ok = await channel.sendTest(context(clock));
    expect(ok.delivered).toBe(true);
    expect(s.received[0]!.parsed.subject).toBe('[Hostwatch] Test email from web01');
    expect(channel.pending()).toBe(0);
    expect(await readdir(join(dir, 'pending'))).toEqual([]);
    const stripped = await server({ stripStartTls: true });
    const { channel: c2 } = rig(await tempDir(), () => smtpSettings(stripped.port));
    const bad = await c2.sendTest(context(clock));
    expect(bad).toMatchObject({ delivered: false, code: 'starttls-missing' });
    expect(bad.message).toMatch(/did not accept STARTTLS/);
    const { channel: c3 } = rig(await tempDir(), () =>
      smtpSettings(s.port, { host: 'smtp.hostwatch-test.invalid' }),
    );
    const unknown = await c3.sendTest(context(clock));
    expect(unknown.delivered).toBe(false);
    expect(['unknown-host', 'dns', 'timeout']).toContain(unknown.code);
  });

  it('sets an unreadable outbox file aside with a coded reason', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'pending'), { recursive: true });
    await writeFile(join(dir, 'pending', 'garbage.json'), '{"v": 1, "id": ');
    const { rec } = rig(dir, () => smtpSettings(1));
    await rec.waitFor(() => count(rec, 'delivery-failed') === 1, 'the set-aside event');
    const moved = join(dir, 'failed', 'garbage.json');
    expect(rec.events[0]).toMatchObject({
      reason: `moved to ${moved}`,
      reasonCode: 'outbox-unreadable',
      reasonParams: { path: moved },
    });
    expect(await readdir(join(dir, 'failed'))).toEqual(['garbage.json']);
  });

  it('does not queue when SMTP is not set up, and says so', async () => {
    const { channel, clock, rec } = rig(await tempDir(), () => ({
      ...smtpSettings(1),
      enabled: false,
    }));
    await channel.deliver(batch(clock));
    expect(channel.pending()).toBe(0);
    expect(rec.events.map((e) => [e.kind, e.reason, e.reasonCode])).toEqual([
      ['suppressed', 'email (SMTP) is not set up', 'email-not-configured'],
    ]);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base to the cap, with equal jitter', () => {
    const b = { baseMs: 5_000, capMs: 600_000 };
    expect([1, 2, 3, 8, 9, 30].map((n) => backoffDelay(n, b, () => 0.999_999))).toEqual([
      5_000, 10_000, 20_000, 600_000, 600_000, 600_000,
    ]);
    expect(backoffDelay(1, b, () => 0)).toBe(2_500);
    expect(backoffDelay(30, b, () => 0)).toBe(300_000);
  });
});

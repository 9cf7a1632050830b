/**
 * Proof of delivery against a real SMTP server on 127.0.0.1: the reply line and Message-ID the
 * channel reports are the ones the server sent and received; a failing path says since when and
 * why, and after the threshold a notice says so. Only the clock is fake.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmailChannel, type EmailChannel } from '../../main/adapters/mailer/email-channel';
import { renderMetrics } from '../../main/adapters/http/prometheus';
import type { AlertBatch } from '../../main/core/ports';
import type { SmtpSettings } from '../../main/shared/settings';
import { makeStatus } from '../fixtures/status';
import { testCert, type TestCert } from '../fixtures/smtp/cert';
import { FakeClock } from '../fixtures/fake-clock';
import { recorder } from '../fixtures/smtp/recorder';
import { FAST_TIMEOUTS, PASS, USER, smtpSettings } from '../fixtures/smtp/settings';
import { startSmtpServer, type TestServerOptions } from '../fixtures/smtp/server';

let cert: TestCert;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  cert = await testCert();
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(opts: TestServerOptions = {}) {
  const s = await startSmtpServer({ tls: cert, auth: { user: USER, pass: PASS }, ...opts });
  cleanups.push(() => s.close());
  return s;
}

async function channel(
  smtp: () => SmtpSettings,
  clock: FakeClock,
  password = PASS,
): Promise<EmailChannel> {
  const dir = await mkdtemp(join(tmpdir(), 'hw-proof-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const c = createEmailChannel({
    dir,
    clock,
    events: recorder().sink,
    logger: recorder().logger,
    config: () => ({ smtp: smtp(), password, tlsCa: cert.cert }),
    options: {
      timeouts: FAST_TIMEOUTS,
      backoff: { baseMs: 5_000, capMs: 600_000 },
      random: () => 0.5,
      failingNoticeMs: 15 * 60_000,
    },
  });
  c.start();
  cleanups.push(() => c.stop());
  return c;
}

function batch(clock: FakeClock, id: string): AlertBatch {
  return {
    id,
    context: {
      hostname: 'web01',
      dashboardUrl: '',
      language: 'en',
      processes: null,
      createdAt: clock.now(),
    },
    messages: [
      {
        id,
        kind: 'firing',
        ruleId: 'disk',
        series: 'disk.used_pct{/}',
        metric: 'disk.used_pct',
        target: '/',
        severity: 'critical',
        value: 96,
        threshold: 95,
        since: clock.now() - 300_000,
        at: clock.now(),
      },
    ],
  };
}

async function until(what: string, predicate: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('proof of delivery', () => {
  it("shows the server's own reply line and the Message-ID the server received", async () => {
    const s = await server({ queuedAs: 0x4f2a1 });
    const clock = new FakeClock();
    const c = await channel(() => smtpSettings(s.port), clock);
    expect(c.delivery().lastAccepted).toBeNull();
    await c.deliver(batch(clock, 'disk-1'));
    await until('the email to be accepted', () => c.delivery().lastAccepted !== null);
    const proof = c.delivery();
    expect(proof.lastAccepted?.response).toBe('250 Ok: queued as 4F2A1');
    expect(proof.lastAccepted?.messageId).toBe(s.received[0]?.messageId);
    expect(proof.lastAccepted?.messageId).toMatch(/^<hw-[a-f0-9]{32}@/);
    expect(proof.lastAccepted?.subject).toBe(s.received[0]?.parsed.subject);
    expect(proof.lastAccepted?.time).toBe(clock.now());
    expect(proof.failing).toBeNull();

    const metrics = await renderMetrics({ ...makeStatus(), delivery: proof });
    expect(metrics).toContain(
      `hostwatch_email_last_success_timestamp_seconds ${clock.now() / 1000}`,
    );
  });

  it('counts the test email too: the reply of the second message is the newer one', async () => {
    const s = await server({ queuedAs: 0x100 });
    const clock = new FakeClock();
    const c = await channel(() => smtpSettings(s.port), clock);
    await c.deliver(batch(clock, 'disk-1'));
    await until('the first email', () => c.delivery().lastAccepted !== null);
    const test = await c.sendTest(batch(clock, 'x').context);
    expect(test.delivered).toBe(true);
    expect(c.delivery().lastAccepted?.response).toBe('250 Ok: queued as 101');
    expect(c.delivery().lastAccepted?.subject).toBe(s.received[1]?.parsed.subject);
  });

  it('says since when and why sending fails; after the threshold, a notice says so', async () => {
    const s = await server();
    const clock = new FakeClock();
    const c = await channel(() => smtpSettings(s.port), clock, 'wrong password');
    const failedAt = clock.now();
    await c.deliver(batch(clock, 'disk-1'));
    await until('the failure', () => c.delivery().failing !== null);
    expect(c.delivery().failing).toMatchObject({ since: failedAt, code: 'auth' });
    expect(c.delivery().failing?.reason).toMatch(/user name or password/i);
    expect(c.notices().some((n) => n.code === 'email-failing')).toBe(false);

    clock.advance(16 * 60_000);
    const notice = c.notices().find((n) => n.code === 'email-failing');
    expect(notice).toMatchObject({ level: 'error', params: { since: failedAt, minutes: 16 } });

    const metrics = await renderMetrics({ ...makeStatus(), delivery: c.delivery() });
    expect(metrics).toContain('hostwatch_email_failures_total{kind="auth"} 1');
    expect(metrics).not.toContain('hostwatch_email_last_success_timestamp_seconds');
  });
});

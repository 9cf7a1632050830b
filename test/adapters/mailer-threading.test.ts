/**
 * Threading headers against a real SMTP server on 127.0.0.1: the reminder, escalation and
 * RESOLVED emails of an episode name its FIRING's Message-ID in In-Reply-To and References,
 * keep its subject apart from the state word, and every email says it was machine-sent and
 * comes from "Hostwatch <…>". Received messages are parsed with mailparser.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmailChannel, type EmailChannel } from '../../main/adapters/mailer/email-channel';
import { batchId } from '../../main/core/grouping';
import { messageId } from '../../main/core/policy';
import type { AlertBatch, AlertMessage } from '../../main/core/ports';
import { FakeClock } from '../fixtures/fake-clock';
import { recorder, type Recorder } from '../fixtures/smtp/recorder';
import { testCert, type TestCert } from '../fixtures/smtp/cert';
import { FAST_TIMEOUTS, PASS, USER, smtpSettings } from '../fixtures/smtp/settings';
import { startSmtpServer, type Received, type TestSmtpServer } from '../fixtures/smtp/server';

let cert: TestCert;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  cert = await testCert();
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Rig {
  server: TestSmtpServer;
  channel: EmailChannel;
  clock: FakeClock;
  rec: Recorder;
}

async function rig(): Promise<Rig> {
  const server = await startSmtpServer({ tls: cert, auth: { user: USER, pass: PASS } });
  cleanups.push(() => server.close());
  const dir = await mkdtemp(join(tmpdir(), 'hw-thread-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const clock = new FakeClock();
  const rec = recorder();
  const channel = createEmailChannel({
    dir,
    clock,
    events: rec.sink,
    logger: rec.logger,
    config: () => ({ smtp: smtpSettings(server.port), password: PASS, tlsCa: cert.cert }),
    options: { timeouts: FAST_TIMEOUTS, backoff: { baseMs: 5_000, capMs: 600_000 } },
  });
  channel.start();
  cleanups.push(() => channel.stop());
  return { server, channel, clock, rec };
}

const START = Date.UTC(2026, 0, 5, 12, 0, 0);

function message(
  kind: AlertMessage['kind'],
  n: number,
  over: Partial<AlertMessage> = {},
): AlertMessage {
  const base = {
    ruleId: 'cpu',
    series: 'cpu.total',
    metric: 'cpu.total',
    severity: 'warning',
    value: 90,
    threshold: 85,
    since: START,
    at: START + 60_000 * (n + 1),
    ...over,
  } as const;
  return { ...base, kind, id: messageId(base.ruleId, base.series, base.since, kind, n) };
}

function batchOf(clock: FakeClock, messages: AlertMessage[]): AlertBatch {
  return {
    id: batchId(messages),
    messages,
    context: {
      hostname: 'web01',
      dashboardUrl: '',
      language: 'en',
      processes: null,
      createdAt: clock.now(),
    },
  };
}

async function deliverAndReceive(r: Rig, messages: AlertMessage[]): Promise<Received> {
  const before = r.server.received.length;
  await r.channel.deliver(batchOf(r.clock, messages));
  await r.server.waitFor(() => r.server.received.length > before, 'the email');
  return r.server.received[before]!;
}

const refs = (m: Received): string[] => {
  const v = m.parsed.references;
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

describe('email threading', () => {
  it('reminder, escalation and RESOLVED reply to the FIRING and keep its subject', async () => {
    const r = await rig();
    const firing = await deliverAndReceive(r, [message('firing', 0)]);
    const reminder = await deliverAndReceive(r, [message('reminder', 1)]);
    const escalated = await deliverAndReceive(r, [
      message('escalated', 1, { severity: 'critical', threshold: 95, value: 97 }),
    ]);
    const resolved = await deliverAndReceive(r, [message('resolved', 0, { value: 40 })]);

    const root = firing.messageId!;
    expect(root).toMatch(/^<hw-[a-f0-9]{32}@example\.com>$/);
    expect(firing.parsed.inReplyTo).toBeUndefined();
    expect(refs(firing)).toEqual([]);
    for (const follow of [reminder, escalated, resolved]) {
      expect(follow.messageId).not.toBe(root);
      expect(follow.parsed.inReplyTo).toBe(root);
      expect(refs(follow)).toEqual([root]);
    }
    expect([firing, reminder, escalated, resolved].map((m) => m.parsed.subject)).toEqual([
      '[Hostwatch] WARNING web01: CPU',
      '[Hostwatch] WARNING web01: CPU',
      '[Hostwatch] CRITICAL web01: CPU',
      '[Hostwatch] RESOLVED web01: CPU',
    ]);
  });

  it('marks every email as machine-sent from "Hostwatch <address>"', async () => {
    const r = await rig();
    const got = await deliverAndReceive(r, [message('firing', 0)]);
    expect(got.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(got.parsed.from?.value).toEqual([
      { name: 'Hostwatch', address: 'hostwatch@example.com' },
    ]);
    expect(got.raw).toMatch(/^From: Hostwatch <hostwatch@example\.com>\r?$/m);
    // The envelope sender stays the bare address.
    expect(got.from).toBe('hostwatch@example.com');
  });

  it('the test email is marked machine-sent as well', async () => {
    const r = await rig();
    const result = await r.channel.sendTest({
      hostname: 'web01',
      dashboardUrl: '',
      language: 'en',
      processes: null,
      createdAt: r.clock.now(),
    });
    expect(result.delivered).toBe(true);
    const [got] = r.server.received;
    expect(got!.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(got!.parsed.from?.value[0]?.name).toBe('Hostwatch');
  });

  it('a RESOLVED whose FIRING went out grouped replies to the grouped email', async () => {
    const r = await rig();
    const disk = { ruleId: 'disk', series: 'disk.used_pct{/}', metric: 'disk.used_pct' } as const;
    const grouped = await deliverAndReceive(r, [
      message('firing', 0),
      message('firing', 0, { ...disk, target: '/', value: 90 }),
    ]);
    const diskResolved = await deliverAndReceive(r, [
      message('resolved', 0, { ...disk, target: '/', value: 50 }),
    ]);
    expect(diskResolved.parsed.inReplyTo).toBe(grouped.messageId);
    expect(refs(diskResolved)).toEqual([grouped.messageId]);
    expect(diskResolved.parsed.subject).toBe('[Hostwatch] RESOLVED web01: Disk /');
  });

  it('a batch that resolves two episodes references both FIRING emails', async () => {
    const r = await rig();
    const mem = { ruleId: 'memory', series: 'mem.used_pct', metric: 'mem.used_pct' } as const;
    const cpuFiring = await deliverAndReceive(r, [message('firing', 0)]);
    const memFiring = await deliverAndReceive(r, [message('firing', 0, mem)]);
    const both = await deliverAndReceive(r, [message('resolved', 0), message('resolved', 0, mem)]);
    expect(both.parsed.inReplyTo).toBe(cpuFiring.messageId);
    expect(refs(both)).toEqual([cpuFiring.messageId, memFiring.messageId]);
  });
});

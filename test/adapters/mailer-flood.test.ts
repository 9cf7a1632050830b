/**
 * A storm: 200 breaches across 10 rules in 60 s, through the real policy, grouper and outbox
 * into a real SMTP server, on a fake clock. It must become a handful of grouped emails, keep the
 * outbox small and leave the event loop responsive.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, expect, it } from 'vitest';
import { createEmailChannel } from '../../main/adapters/mailer/email-channel';
import { Grouper, batchId } from '../../main/core/grouping';
import { AlertPolicy } from '../../main/core/policy';
import type { AlertBatch, Transition } from '../../main/core/ports';
import type { AlertState } from '../../main/shared/contract';
import { seriesKey } from '../../main/shared/metrics';
import { DEFAULT_SETTINGS, smtpSchema, type Rule } from '../../main/shared/settings';
import { testCert } from '../fixtures/smtp/cert';
import { FakeClock } from '../fixtures/fake-clock';
import { recorder } from '../fixtures/smtp/recorder';
import { startSmtpServer } from '../fixtures/smtp/server';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

it('200 breaches across 10 rules in 60 s become a handful of grouped emails', async () => {
  const cert = await testCert();
  const server = await startSmtpServer({
    tls: cert,
    auth: { user: 'u@example.com', pass: 'pw-123456' },
  });
  cleanups.push(() => server.close());
  const dir = await mkdtemp(join(tmpdir(), 'hw-flood-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const clock = new FakeClock();
  const rec = recorder();
  const smtp = smtpSchema.parse({
    ...DEFAULT_SETTINGS.smtp,
    enabled: true,
    host: '127.0.0.1',
    port: server.port,
    username: 'u@example.com',
    from: 'hw@example.com',
    to: ['ops@example.com'],
  });
  const channel = createEmailChannel({
    dir,
    clock,
    events: rec.sink,
    logger: rec.logger,
    config: () => ({ smtp, password: 'pw-123456', tlsCa: cert.cert }),
    options: {
      timeouts: { connectionMs: 5_000, greetingMs: 5_000, socketMs: 10_000, deadlineMs: 15_000 },
    },
  });
  channel.start();
  cleanups.push(() => channel.stop());

  const rules: Rule[] = Array.from({ length: 10 }, (_, i) => ({
    id: `disk-${i}`,
    metric: 'disk.used_pct',
    target: '*',
    enabled: true,
    warning: 85,
    critical: 95,
    clear: 80,
    forSeconds: 0,
    repeatMinutes: 60,
  }));
  const policy = new AlertPolicy();
  const grouper = new Grouper(DEFAULT_SETTINGS.notifications.groupWindowSeconds * 1_000);
  const firing: AlertState[] = [];
  const batches: AlertBatch[] = [];
  let maxPending = 0;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();

  const flush = async (now: number) => {
    for (const messages of grouper.due(now)) {
      const batch: AlertBatch = {
        id: batchId(messages),
        messages,
        context: {
          hostname: 'web01',
          dashboardUrl: '',
          language: 'en',
          processes: null,
          createdAt: now,
        },
      };
      batches.push(batch);
      await channel.deliver(batch);
      maxPending = Math.max(maxPending, channel.pending());
    }
  };

  for (let i = 0; i < 200; i++) {
    clock.advance(300); // 200 breaches over 60 s
    const now = clock.now();
    const rule = rules[i % 10]!;
    const target = `/srv/vol${i}`;
    const severity = i % 3 === 0 ? 'critical' : 'warning';
    const t: Transition = {
      kind: 'firing',
      ruleId: rule.id,
      series: seriesKey('disk.used_pct', target),
      metric: 'disk.used_pct',
      target,
      severity,
      previous: null,
      value: 96,
      threshold: 85,
      since: now - 1_000,
      at: now,
    };
    firing.push({
      ruleId: t.ruleId,
      series: t.series,
      metric: t.metric,
      target,
      state: 'firing',
      severity,
      value: 96,
      threshold: 85,
      since: t.since,
      snoozed: false,
    });
    const decision = policy.decide({
      now,
      transitions: [t],
      firing,
      rules,
      snooze: { all: null, rules: {} },
      maintenanceUntil: null,
      quietHours: DEFAULT_SETTINGS.notifications.quietHours,
      localMinutes: 12 * 60,
    });
    expect(decision.suppressed).toEqual([]);
    grouper.add(decision.send, now);
    await flush(now);
  }
  clock.advance(30_000);
  await flush(clock.now());

  expect(batches.flatMap((b) => b.messages)).toHaveLength(200);
  expect(batches.length).toBeGreaterThanOrEqual(2);
  expect(batches.length).toBeLessThanOrEqual(3);
  await rec.waitFor(
    () => rec.events.filter((e) => e.kind === 'delivered').length === batches.length,
    'all batches delivered',
    60_000,
  );
  lag.disable();
  expect(server.received).toHaveLength(batches.length);
  expect(server.received[0]!.parsed.subject).toMatch(
    /^\[Hostwatch\] CRITICAL web01: \d+ alerts \(Disk \/srv\/vol\d+, Disk \/srv\/vol\d+, …\)$/,
  );
  expect(maxPending).toBeLessThanOrEqual(batches.length);
  expect(channel.pending()).toBe(0);
  // Responsive: no turn of the event loop was blocked for long while 200 alerts went through.
  expect(lag.max / 1e6).toBeLessThan(500);
});

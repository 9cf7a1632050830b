/**
 * Events' English text reads like emails and the UI: labels and values from the one formatter,
 * no raw series keys or unrounded numbers; a test email's event names its recipients.
 */
import { describe, expect, it } from 'vitest';
import { heldBackText, testEmailText, transitionText } from '../../main/core/event-text';
import type { TestEmailResult } from '../../main/shared/contract';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import type { EmailChannelPort } from '../../main/core/engine-deps';
import { cpuSettings, makeEngine } from './engine-fakes';

const memory = { metric: 'mem.used_pct' as const, value: 4.912252612910669, threshold: 1 };

describe('transition sentences', () => {
  it('says each kind in words with formatted values', () => {
    expect(transitionText({ ...memory, kind: 'firing', severity: 'warning' })).toBe(
      'Memory is warning: 4.9% (threshold 1%)',
    );
    expect(
      transitionText({ ...memory, kind: 'escalated', severity: 'critical', value: 97.44 }),
    ).toBe('Memory escalated to critical: 97% (threshold 1%)');
    expect(transitionText({ ...memory, kind: 'deescalated', severity: 'warning' })).toBe(
      'Memory eased to warning: 4.9%',
    );
    expect(transitionText({ ...memory, kind: 'resolved', severity: 'warning', value: 0.5 })).toBe(
      'Memory is back to normal: 0.5%',
    );
  });

  it('names the target and formats bytes, rates and missing values', () => {
    expect(
      transitionText({
        kind: 'firing',
        severity: 'critical',
        metric: 'disk.used_pct',
        target: '/var',
        value: 96.4,
        threshold: 95,
      }),
    ).toBe('Disk /var is critical: 96% (threshold 95%)');
    expect(
      transitionText({
        kind: 'firing',
        severity: 'warning',
        metric: 'diskio.read_bps',
        value: 250e6,
        threshold: 200e6,
      }),
    ).toBe('Disk read is warning: 250 MB/s (threshold 200 MB/s)');
    expect(transitionText({ ...memory, kind: 'resolved', severity: 'warning', value: null })).toBe(
      'Memory is back to normal: no data',
    );
  });

  it('says a held-back notification and a test email in words', () => {
    expect(heldBackText({ metric: 'cpu.total' })).toBe('Notification about CPU held back');
    expect(testEmailText(true, ['a@example.com', 'b@example.com'])).toBe(
      'Test email sent to a@example.com, b@example.com',
    );
    expect(testEmailText(false, ['a@example.com'])).toBe('Test email to a@example.com failed');
    expect(testEmailText(true, [])).toBe('Test email sent to no recipient');
  });
});

function testEmailPort(result: TestEmailResult): EmailChannelPort {
  return {
    name: 'email',
    deliver: () => Promise.resolve(),
    sendTest: () => Promise.resolve(result),
    pending: () => 0,
  };
}

describe('events of the engine', () => {
  it('a firing, a held-back message and a resolve carry sentences, not raw keys', async () => {
    const t = await makeEngine(cpuSettings());
    const snoozed = await t.engine.api.snooze({ ruleId: 'cpu', duration: '1h' });
    expect(snoozed.ok).toBe(true);
    t.sampler.values = { 'cpu.total': 90.123456 };
    await t.run(15);
    t.sampler.values = { 'cpu.total': 10 };
    await t.run(3);
    const text = (kind: string) => t.events.filter((e) => e.kind === kind).map((e) => e.message);
    expect(text('firing')).toEqual(['CPU is warning: 90% (threshold 85%)']);
    expect(text('suppressed')[0]).toBe('Notification about CPU held back');
    expect(text('resolved')).toEqual(['CPU is back to normal: 10%']);
    for (const e of t.events) expect(e.message, e.kind).not.toMatch(/cpu\.total|FIRING|\d\.\d{3}/);
  });

  it('a test email event says it was sent to the recipients, with a code the UI reads', async () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      smtp: { ...DEFAULT_SETTINGS.smtp, to: ['ops@example.com', 'me@example.com'] },
    };
    const t = await makeEngine(settings, {
      email: testEmailPort({ delivered: true, message: 'accepted' }),
    });
    const res = await t.engine.api.sendTestEmail(undefined);
    expect(res.ok).toBe(true);
    const e = t.events.find((x) => x.kind === 'delivered');
    expect(e?.message).toBe('Test email sent to ops@example.com, me@example.com');
    expect(e?.code).toBe('test-email');
    expect(e?.params).toEqual({ to: 'ops@example.com, me@example.com' });
    expect(e?.message).not.toMatch(/the host/);
  });

  it('a failed test email event says so and keeps the reason', async () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      smtp: { ...DEFAULT_SETTINGS.smtp, to: ['ops@example.com'] },
    };
    const t = await makeEngine(settings, {
      email: testEmailPort({
        delivered: false,
        code: 'auth',
        message: 'The server refused the password',
      }),
    });
    await t.engine.api.sendTestEmail(undefined);
    const e = t.events.find((x) => x.kind === 'delivery-failed');
    expect(e?.message).toBe('Test email to ops@example.com failed');
    expect(e?.reason).toBe('The server refused the password');
    expect(e?.code).toBe('test-email');
  });
});

import { describe, expect, it } from 'vitest';
import { cpuSettings, makeEngine } from './engine-fakes';

/** A CPU rule with a reminder every 5 minutes, warning at 85, critical at 95, clear at 75. */
const settings = () => cpuSettings({ repeatMinutes: 5 });
const MIN = 60_000;

describe('acknowledge on the engine (fake clock)', () => {
  it('sends no reminders while acknowledged, but the escalation and RESOLVED still go out', async () => {
    const t = await makeEngine(settings());
    t.sampler.values = { 'cpu.total': 90 };
    await t.run(15);
    expect(t.email.kinds()).toEqual(['firing:cpu:warning']);

    const acked = await t.engine.api.acknowledge({
      ruleId: 'cpu',
      series: 'cpu.total',
      note: 'looking at it',
      by: 'tray',
    });
    expect(acked.ok && acked.value.acknowledged).toEqual({
      time: t.clock.now(),
      note: 'looking at it',
      by: 'tray',
    });
    const status = t.engine.currentStatus();
    expect(status?.alerts[0]?.acknowledged?.note).toBe('looking at it');

    // 20 minutes: four reminders would have gone out; none does, each is recorded as held back.
    await t.run(20, MIN);
    expect(t.email.kinds()).toEqual(['firing:cpu:warning']);
    const held = t.events.filter((e) => e.kind === 'suppressed');
    expect(held.length).toBeGreaterThanOrEqual(3);
    expect(held.every((e) => e.reasonCode === 'acknowledged')).toBe(true);

    t.sampler.values = { 'cpu.total': 99 };
    await t.run(15); // critical for longer than the rule's 10 s
    expect(t.email.kinds()).toEqual(['firing:cpu:warning', 'escalated:cpu:critical']);

    t.sampler.values = { 'cpu.total': 10 };
    await t.run(3);
    expect(t.email.kinds()).toEqual([
      'firing:cpu:warning',
      'escalated:cpu:critical',
      'resolved:cpu:critical',
    ]);
  });

  it('ends by itself when the alert resolves: the next episode reminds again', async () => {
    const t = await makeEngine(settings());
    t.sampler.values = { 'cpu.total': 90 };
    await t.run(15);
    expect((await t.engine.api.acknowledge({ ruleId: 'cpu', series: 'cpu.total' })).ok).toBe(true);
    t.sampler.values = { 'cpu.total': 10 };
    await t.run(3);
    expect(t.engine.currentStatus()?.alerts).toEqual([]);

    t.sampler.values = { 'cpu.total': 90 };
    await t.run(15);
    expect(t.engine.currentStatus()?.alerts[0]?.acknowledged).toBeUndefined();
    await t.run(6, MIN);
    expect(t.email.kinds().filter((k) => k.startsWith('reminder'))).not.toEqual([]);
  });

  it('survives a restart: the saved state keeps the acknowledgement and its note', async () => {
    const first = await makeEngine(settings());
    first.sampler.values = { 'cpu.total': 90 };
    await first.run(15);
    await first.engine.api.acknowledge({ ruleId: 'cpu', series: 'cpu.total', note: 'disk swap' });
    await first.engine.stop();

    const second = await makeEngine(settings(), { state: first.state.saved });
    second.clock.advance(first.clock.now() - second.clock.now());
    second.sampler.values = { 'cpu.total': 90 };
    await second.run(20, MIN);
    const alert = second.engine.currentStatus()?.alerts[0];
    expect(alert?.acknowledged).toMatchObject({ note: 'disk swap', by: 'api' });
    expect(second.email.kinds().filter((k) => k.startsWith('reminder'))).toEqual([]);
  });

  it('takes an acknowledgement back: reminders resume', async () => {
    const t = await makeEngine(settings());
    t.sampler.values = { 'cpu.total': 90 };
    await t.run(15);
    await t.engine.api.acknowledge({ ruleId: 'cpu', series: 'cpu.total' });
    await t.run(6, MIN);
    expect(t.email.kinds()).toEqual(['firing:cpu:warning']);
    const back = await t.engine.api.unacknowledge({ ruleId: 'cpu', series: 'cpu.total' });
    expect(back.ok && back.value.acknowledged).toBeUndefined();
    await t.run(6, MIN);
    expect(t.email.kinds()).toContain('reminder:cpu:warning');
    const codes = t.events.filter((e) => e.kind === 'system').map((e) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['acknowledged', 'unacknowledged']));
  });

  it('records who acknowledged and the note in the event log', async () => {
    const t = await makeEngine(settings());
    t.sampler.values = { 'cpu.total': 90 };
    await t.run(15);
    await t.engine.api.acknowledge({
      ruleId: 'cpu',
      series: 'cpu.total',
      note: 'rebooting',
      by: 'dashboard',
    });
    const e = t.events.find((x) => x.code === 'acknowledged');
    expect(e).toMatchObject({
      ruleId: 'cpu',
      series: 'cpu.total',
      params: { by: 'dashboard', note: 'rebooting' },
    });
  });

  it('refuses in words an unknown rule, an alert not firing and an unknown host', async () => {
    const t = await makeEngine(settings());
    t.sampler.values = { 'cpu.total': 90 };
    await t.run(3); // pending, not firing yet
    const pending = await t.engine.api.acknowledge({ ruleId: 'cpu', series: 'cpu.total' });
    expect(pending).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(!pending.ok && pending.error.message).toMatch(/pending, not firing yet/);
    const rule = await t.engine.api.acknowledge({ ruleId: 'nope', series: 'cpu.total' });
    expect(!rule.ok && rule.error.message).toBe('No rule "nope"; the rules are cpu');
    const host = await t.engine.api.acknowledge({
      host: 'web9',
      ruleId: 'cpu',
      series: 'cpu.total',
    });
    expect(host).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const extra = await t.engine.api.acknowledge({
      ruleId: 'cpu',
      series: 'cpu.total',
      // @ts-expect-error -- an unexpected field, as an HTTP client could send
      minutes: 5,
    });
    expect(!extra.ok && extra.error.message).toMatch(/Unexpected field "minutes"/);
  });
});

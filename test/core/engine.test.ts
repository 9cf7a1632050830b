import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import { cpuSettings, makeEngine } from './engine-fakes';

describe('engine', () => {
  it('has unknown health before the first sample and ok after', async () => {
    const t = await makeEngine(cpuSettings());
    expect((await t.engine.api.getStatus(undefined)).ok).toBe(true);
    expect(t.engine.currentStatus()?.health).toBe('unknown');
    t.sampler.values = { 'cpu.total': 10 };
    await t.run(1);
    expect(t.engine.currentStatus()?.health).toBe('ok');
  });

  it('turns a sustained breach into one FIRING and its recovery into one RESOLVED', async () => {
    const t = await makeEngine(cpuSettings());
    t.sampler.values = { 'cpu.total': 90 };
    await t.run(30);
    expect(t.engine.currentStatus()?.health).toBe('warning');
    expect(t.email.kinds()).toEqual(['firing:cpu:warning']);
    t.sampler.values = { 'cpu.total': 80 }; // below warning but above clear: still firing
    await t.run(10);
    expect(t.engine.currentStatus()?.health).toBe('warning');
    t.sampler.values = { 'cpu.total': 20 };
    await t.run(3);
    expect(t.engine.currentStatus()?.health).toBe('ok');
    expect(t.email.kinds()).toEqual(['firing:cpu:warning', 'resolved:cpu:warning']);
    expect(t.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['firing', 'resolved']));
  });

  it('groups alerts that fire together into one batch', async () => {
    const settings = {
      ...cpuSettings({}, 30),
      rules: [
        ...cpuSettings().rules,
        {
          id: 'memory',
          metric: 'mem.used_pct' as const,
          enabled: true,
          warning: 80,
          critical: null,
          clear: 70,
          forSeconds: 5,
          repeatMinutes: 0,
        },
      ],
    };
    const t = await makeEngine(settings);
    t.sampler.values = { 'cpu.total': 99, 'mem.used_pct': 90 };
    await t.run(60);
    expect(t.email.batches).toHaveLength(1);
    expect(t.email.kinds().sort()).toEqual(['firing:cpu:critical', 'firing:memory:warning']);
  });

  it('holds messages back while snoozed and records why', async () => {
    const t = await makeEngine(cpuSettings());
    const snoozed = await t.engine.api.snooze({ duration: '1h' });
    expect(snoozed.ok).toBe(true);
    t.sampler.values = { 'cpu.total': 99 };
    await t.run(20);
    expect(t.engine.currentStatus()?.health).toBe('critical');
    expect(t.email.batches).toHaveLength(0);
    const suppressed = t.events.filter((e) => e.kind === 'suppressed');
    expect(suppressed.length).toBeGreaterThan(0);
    expect(suppressed[0]?.reason).toMatch(/snooze/i);
  });

  it('pausing stops sampling and shows unknown; resuming samples again', async () => {
    const t = await makeEngine(cpuSettings());
    t.sampler.values = { 'cpu.total': 10 };
    await t.run(2);
    await t.engine.api.setPaused({ paused: true });
    const calls = t.sampler.calls;
    await t.run(5);
    expect(t.sampler.calls).toBe(calls);
    expect(t.engine.currentStatus()).toMatchObject({ paused: true, health: 'unknown' });
    await t.engine.api.setPaused({ paused: false });
    await t.run(1);
    expect(t.sampler.calls).toBe(calls + 1);
    expect(t.engine.currentStatus()?.health).toBe('ok');
  });

  it('reports unknown when the sampler has not answered for several intervals', async () => {
    const t = await makeEngine(cpuSettings());
    t.sampler.values = { 'cpu.total': 10 };
    await t.run(1);
    const sample = t.sampler.sample.bind(t.sampler);
    t.sampler.sample = () => Promise.reject(new Error('worker crashed'));
    await t.run(15);
    expect(t.engine.currentStatus()).toMatchObject({ stale: true, health: 'unknown' });
    expect(t.engine.currentStatus()?.notices).toContainEqual(
      expect.objectContaining({
        code: 'sampling-failed',
        params: { error: 'worker crashed' },
        message: 'Sampling failed: worker crashed',
      }),
    );
    t.sampler.sample = sample;
    await t.run(1);
    expect(t.engine.currentStatus()).toMatchObject({ stale: false, health: 'ok' });
  });

  it('a wall-clock jump (sleep) restarts pending timers instead of firing', async () => {
    const t = await makeEngine(cpuSettings({ forSeconds: 10 }));
    t.sampler.values = { 'cpu.total': 90 };
    await t.run(8);
    t.clock.wall += 3_600_000; // the laptop slept for an hour; CLOCK_MONOTONIC did not move
    await t.run(5);
    expect(t.email.batches).toHaveLength(0);
    await t.run(10);
    expect(t.email.kinds()).toEqual(['firing:cpu:warning']);
  });

  it('refuses invalid settings as a whole, with field errors, and keeps the old ones', async () => {
    const t = await makeEngine(cpuSettings());
    const bad = structuredClone(DEFAULT_SETTINGS);
    bad.rules[0]!.warning = 150;
    bad.sampling.intervalSeconds = 0;
    const res = await t.engine.api.saveSettings({ settings: bad });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('invalid');
      const paths = res.error.fields?.map((f) => f.path);
      expect(paths).toEqual(
        expect.arrayContaining(['settings.rules.0.warning', 'settings.sampling.intervalSeconds']),
      );
    }
    expect(t.settings.saves).toBe(0);
    const view = await t.engine.api.getSettings(undefined);
    expect(view.ok && view.value.settings.rules[0]?.warning).toBe(85);
  });

  it('stores the SMTP password as a secret and shows only whether it is set', async () => {
    const t = await makeEngine(cpuSettings());
    const res = await t.engine.api.saveSettings({
      settings: t.settings.settings,
      secrets: { smtpPassword: 'hunter2' },
    });
    expect(res.ok).toBe(true);
    expect(t.secrets.get('smtpPassword')).toBe('hunter2');
    expect(JSON.stringify(res)).not.toContain('hunter2');
    expect(res.ok && res.value.secrets.smtpPassword).toBe(true);
    await t.engine.api.saveSettings({
      settings: t.settings.settings,
      secrets: { smtpPassword: true },
    });
    expect(t.secrets.get('smtpPassword')).toBe('hunter2');
    await t.engine.api.saveSettings({
      settings: t.settings.settings,
      secrets: { smtpPassword: null },
    });
    expect(t.secrets.has('smtpPassword')).toBe(false);
  });

  it('applies new rules at once', async () => {
    const t = await makeEngine(cpuSettings());
    t.sampler.values = { 'cpu.total': 50 };
    await t.run(3);
    const lower = cpuSettings({ warning: 40, critical: 60, clear: 30, forSeconds: 0 });
    expect((await t.engine.api.saveSettings({ settings: lower })).ok).toBe(true);
    await t.run(1);
    expect(t.engine.currentStatus()?.health).toBe('warning');
  });

  it('shows a settings problem as a notice, with its code for the UI language', async () => {
    const params = { path: 'settings.json', cause: 'not-json', backup: 'settings.json.corrupt-1' };
    const t = await makeEngine(cpuSettings(), {
      problem: {
        problem: 'settings.json is not valid JSON; kept as settings.json.corrupt-1',
        problemCode: 'settings-corrupt',
        problemParams: params,
      },
    });
    expect(t.engine.currentStatus()?.notices).toEqual([
      {
        id: 'settings',
        level: 'error',
        message: 'settings.json is not valid JSON; kept as settings.json.corrupt-1',
        time: expect.any(Number),
        code: 'settings-corrupt',
        params,
      },
    ]);
    // Saving valid settings clears it.
    expect((await t.engine.api.saveSettings({ settings: cpuSettings() })).ok).toBe(true);
    expect(t.engine.currentStatus()?.notices).toEqual([]);
  });

  it('keeps a firing alert across a restart so its RESOLVED still goes out once', async () => {
    const first = await makeEngine(cpuSettings());
    first.sampler.values = { 'cpu.total': 90 };
    await first.run(20);
    expect(first.email.kinds()).toEqual(['firing:cpu:warning']);
    await first.engine.stop();
    const second = await makeEngine(cpuSettings(), { state: first.state.saved });
    second.sampler.values = { 'cpu.total': 90 };
    await second.run(20);
    expect(second.email.batches).toHaveLength(0); // no second FIRING for the same episode
    second.sampler.values = { 'cpu.total': 10 };
    await second.run(2);
    expect(second.email.kinds()).toEqual(['resolved:cpu:warning']);
  });

  it('maintenance holds alerts back until it expires', async () => {
    const t = await makeEngine(cpuSettings());
    await t.engine.api.setMaintenance({ minutes: 1 });
    t.sampler.values = { 'cpu.total': 90 };
    await t.run(30);
    expect(t.email.batches).toHaveLength(0);
    expect(
      t.events.some((e) => e.kind === 'suppressed' && /maintenance/i.test(e.reason ?? '')),
    ).toBe(true);
    await t.run(40);
    expect(t.email.kinds()).toEqual(['firing:cpu:warning']);
  });

  it('pushes status to subscribers every tick and stops after unsubscribe', async () => {
    const t = await makeEngine(cpuSettings());
    let n = 0;
    const off = t.engine.api.on('status', () => n++);
    await t.run(3);
    off();
    await t.run(3);
    expect(n).toBe(3);
  });

  it('a FIRING still waiting in its group window survives a crash and goes out after restart', async () => {
    const first = await makeEngine(cpuSettings({}, 30));
    first.sampler.values = { 'cpu.total': 90 };
    await first.run(12); // fired at ~10 s; the 30 s group window is still open
    await Promise.resolve();
    expect(first.email.batches).toHaveLength(0);
    // Crash: no stop(), only what was already saved survives.
    const second = await makeEngine(cpuSettings({}, 30), { state: first.state.saved });
    second.sampler.values = { 'cpu.total': 90 };
    await second.run(45); // the window closes 30 s after it opened, before the crash
    expect(second.email.kinds()).toEqual(['firing:cpu:warning']);
  });
});

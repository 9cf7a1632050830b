import { describe, expect, it } from 'vitest';
import { ExternalSeries } from '../../main/core/external-series';
import { cpuSettings, makeEngine } from './engine-fakes';

describe('external series', () => {
  it('feeds an outside value through the same rules, alerts and history as a sampled one', async () => {
    const t = await makeEngine(cpuSettings({ forSeconds: 0 }));
    t.sampler.values = {};
    t.engine.setExternal('probe', { 'cpu.total': 99 });
    await t.run(1);
    expect(t.engine.currentStatus()?.snapshot?.values['cpu.total']).toBe(99);
    expect(t.engine.currentStatus()?.health).toBe('critical');
    expect(t.email.kinds()).toEqual(['firing:cpu:critical']);
  });

  it('treats a null value as undefined: a firing alert neither resolves nor moves', async () => {
    const t = await makeEngine(cpuSettings({ forSeconds: 0 }));
    t.engine.setExternal('probe', { 'cpu.total': 99 });
    await t.run(1);
    t.engine.setExternal('probe', { 'cpu.total': null });
    await t.run(5);
    expect(t.engine.currentStatus()?.snapshot?.values['cpu.total']).toBeUndefined();
    expect(t.engine.currentStatus()?.health).toBe('critical');
    expect(t.email.kinds()).toEqual(['firing:cpu:critical']);
  });

  it('drops values older than their maximum age, so a silent source freezes nothing', async () => {
    const t = await makeEngine(cpuSettings({ forSeconds: 0 }));
    t.engine.setExternal('probe', { 'cpu.total': 99 }, { maxAgeMs: 3_000 });
    await t.run(2);
    expect(t.engine.currentStatus()?.snapshot?.values['cpu.total']).toBe(99);
    await t.run(3);
    expect(t.engine.currentStatus()?.snapshot?.values['cpu.total']).toBeUndefined();
    expect(t.email.kinds()).toEqual(['firing:cpu:critical']);
  });

  it('resolves when the outside value recovers and forgets a cleared source', async () => {
    const t = await makeEngine(cpuSettings({ forSeconds: 0 }));
    t.engine.setExternal('probe', { 'cpu.total': 99 });
    await t.run(1);
    t.engine.setExternal('probe', { 'cpu.total': 10 });
    await t.run(1);
    expect(t.email.kinds()).toEqual(['firing:cpu:critical', 'resolved:cpu:critical']);
    t.engine.clearExternal('probe');
    await t.run(1);
    expect(t.engine.currentStatus()?.snapshot?.values['cpu.total']).toBeUndefined();
  });

  it('never lets an outside source overwrite a measured value', () => {
    const ext = new ExternalSeries();
    ext.set('a', { 'cpu.total': 99, 'x{1}': 5, 'y{1}': Number.NaN }, 0, null);
    expect(ext.merge({ 'cpu.total': 10 }, 1_000)).toEqual({ 'cpu.total': 10, 'x{1}': 5 });
  });
});

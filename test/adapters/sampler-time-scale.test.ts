import { describe, expect, it } from 'vitest';
import type { SamplerPort } from '../../main/core/ports';
import type { Snapshot } from '../../main/shared/metrics';
import { timeScaledSampler } from '../../main/adapters/sampler/time-scale';

const snapshot = (time: number, mono: number): Snapshot => ({
  time,
  mono,
  values: { 'cpu.total': 12 },
  families: {} as Snapshot['families'],
  processes: null,
});

function fakeSampler(next: () => Snapshot): SamplerPort & { closed: boolean } {
  return {
    closed: false,
    hostInfo: () => Promise.reject(new Error('unused')),
    sample: () => Promise.resolve(next()),
    configure: () => undefined,
    close() {
      this.closed = true;
      return Promise.resolve();
    },
  };
}

describe('timeScaledSampler (test seam)', () => {
  it('stamps snapshots on a clock running `scale` times faster from its creation', async () => {
    let snap = snapshot(1_000_000, 500);
    const inner = fakeSampler(() => snap);
    const scaled = timeScaledSampler(inner, 300, { now: () => 1_000_000, monotonic: () => 500 });
    snap = snapshot(1_002_000, 2_500); // two real seconds later
    const out = await scaled.sample();
    expect(out.time).toBe(1_000_000 + 600_000);
    expect(out.mono).toBe(500 + 600_000);
    expect(out.values).toEqual({ 'cpu.total': 12 });
    await scaled.close();
    expect(inner.closed).toBe(true);
  });

  it('is the sampler itself without a scale above 1', () => {
    const inner = fakeSampler(() => snapshot(0, 0));
    expect(timeScaledSampler(inner, 1)).toBe(inner);
    expect(timeScaledSampler(inner, Number.NaN)).toBe(inner);
  });
});

/**
 * Undocumented test seam: `HOSTWATCH_SAMPLE_TIME_SCALE=300` stamps every snapshot with a clock
 * running 300× faster (wall and monotonic alike, so no clock jump is seen), so a real-process
 * test sees hours of history — trends, forecasts — in a minute or two. The sampler itself, its
 * cadences and deadlines keep real time. Never set in production.
 */
import type { Clock, SamplerPort } from '../../core/ports';
import { systemClock } from '../clock';

/** `sampler` with its snapshots' times scaled by `scale` from now on (as is for scale ≤ 1). */
export function timeScaledSampler(
  sampler: SamplerPort,
  scale: number,
  base: Pick<Clock, 'now' | 'monotonic'> = systemClock,
): SamplerPort {
  if (!(scale > 1)) return sampler;
  const wall0 = base.now();
  const mono0 = base.monotonic();
  return {
    hostInfo: () => sampler.hostInfo(),
    configure: (options) => sampler.configure(options),
    close: () => sampler.close(),
    async sample() {
      const snap = await sampler.sample();
      return {
        ...snap,
        time: wall0 + (snap.time - wall0) * scale,
        mono: mono0 + (snap.mono - mono0) * scale,
      };
    },
  };
}

/**
 * One collector call, as both kinds of lane run it: count the start (shared-memory counter the
 * tests read), apply a test-only fault, read, and turn the outcome into a reply.
 */
import { FAMILIES, type Family } from '../../shared/metrics';
import { errorText } from '../../shared/errors';
import { hrtimeMs, type Collector, type SamplerFault, type WorkerReply } from './protocol';

/** Runs `collector` for `family` and answers with its result or error (never rejects). */
export async function runCollector(
  collector: Collector,
  call: { readonly id: number; readonly family: Family; readonly deadlineMs: number },
  seams: { readonly counter?: Int32Array; readonly faults?: readonly SamplerFault[] },
): Promise<WorkerReply> {
  const { id, family, deadlineMs } = call;
  if (seams.counter) Atomics.add(seams.counter, FAMILIES.indexOf(family), 1);
  const fault = seams.faults?.find((f) => f.family === family);
  // Test-only fault seam (see SamplerFault).
  if (fault?.blockMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, fault.blockMs);
  if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  try {
    const reading = await collector(deadlineMs);
    return { type: 'result', id, family, at: hrtimeMs(), reading };
  } catch (err) {
    return { type: 'error', id, family, message: errorText(err) };
  }
}

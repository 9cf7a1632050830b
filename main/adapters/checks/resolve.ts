/**
 * Where a host goes, without connecting (the form's link-local warning, `resolveCheckHost`):
 * the same lookup and failure kinds as a run, under a 5 s deadline.
 */
import type { CheckFailure } from '../../shared/check-failures';
import { resolve, type IpFamily } from './connect';
import { RunContext } from './context';
import { failureOf } from './failure';
import type { HostLookup } from './lookup';

/** The deadline of {@link resolveOnly}. */
const RESOLVE_ONLY_MS = 5_000;

/** Every address of a host, or the failure in the run's own kinds. */
export async function resolveOnly(
  host: string,
  family: IpFamily,
  lookup: HostLookup,
): Promise<{ addresses: string[]; failure: CheckFailure | null }> {
  const ctx = new RunContext(RESOLVE_ONLY_MS, lookup);
  try {
    return { addresses: await ctx.race(resolve(ctx, host, family)), failure: null };
  } catch (err) {
    return { addresses: [], failure: failureOf(err, ctx) };
  } finally {
    ctx.close();
  }
}

/**
 * Runs one check of any kind under its hard deadline and records the result. Never throws:
 * every fault becomes a failure code, and every socket the run opened is closed when it returns.
 */
import type { CheckFailure } from '../../shared/check-failures';
import type { Check, CheckKind, CheckResult } from '../../shared/checks';
import { assertNever } from '../../shared/assert-never';
import { RunContext } from './context';
import { failureOf } from './failure';
import { runHttp } from './http';
import { runTcp } from './tcp';
import { runTls } from './tls';
import type { HostLookup } from './lookup';

/** Options for one run. */
export interface RunCheckOptions {
  /** Wall clock in ms (for `at` and certificate days left); Date.now by default. */
  readonly now?: () => number;
  /** How names are resolved; the system resolver by default. */
  readonly lookup?: HostLookup;
}

function runKind(
  kind: CheckKind,
  check: Check,
  ctx: RunContext,
  now: number,
): Promise<CheckFailure | null> {
  switch (kind) {
    case 'http':
      return runHttp(check, ctx, now);
    case 'tcp':
      return runTcp(check, ctx);
    case 'tls':
      return runTls(check, ctx, now);
    default:
      return assertNever(kind, 'Unknown check kind');
  }
}

/** Runs one check once, within `timeoutSeconds`. */
export async function runCheck(check: Check, opts: RunCheckOptions = {}): Promise<CheckResult> {
  const at = (opts.now ?? Date.now)();
  const ctx = new RunContext(check.timeoutSeconds * 1000, opts.lookup);
  let failure: CheckFailure | null;
  try {
    failure = await ctx.race(runKind(check.kind, check, ctx, at));
  } catch (err) {
    failure = failureOf(err, ctx);
  } finally {
    ctx.close();
  }
  return {
    checkId: check.id,
    at,
    up: failure === null,
    failure,
    phases: { ...ctx.timings, total: ctx.elapsed() },
    status: ctx.status,
    cert: ctx.cert,
    redirects: ctx.redirects,
  };
}

/**
 * The `runCheck` command: runs a saved check (by id) or tries an unsaved one through the
 * engine's {@link CheckRunnerPort}, and answers its result with the same in English words.
 * A saved check's run is recorded like a scheduled one; a tried one is not.
 */
import type { CheckHostAnswer, CheckRunAnswer, OperationInput, Result } from '../shared/contract';
import type { CheckFailure } from '../shared/check-failures';
import { isPrivateTarget } from '../shared/private-address';
import type { Check, CheckResult } from '../shared/checks';
import { describeCheckResult } from '../shared/check-summary';

/** How the engine reaches the check runner (main/adapters/checks/wire.ts implements it). */
export interface CheckRunnerPort {
  /** Runs a scheduled check now and records its result; undefined when it is not scheduled. */
  runSaved(id: string): Promise<CheckResult | undefined>;
  /** Runs a check once without recording it (a check being edited, or a disabled one). */
  runOnce(check: Check): Promise<CheckResult>;
  /** Resolves a host as a run would, without connecting. */
  resolveHost(
    host: string,
    family: Check['ipFamily'],
  ): Promise<{ readonly addresses: readonly string[]; readonly failure: CheckFailure | null }>;
}

/** At most this many unsaved checks are tried at the same time. */
export const MAX_TRIES_AT_ONCE = 4;

/** Creates the command over the runner and the saved checks. */
export function createCheckRunCommand(
  runner: CheckRunnerPort | undefined,
  savedChecks: () => readonly Check[],
): (input: OperationInput<'runCheck'>) => Promise<Result<CheckRunAnswer>> {
  let trying = 0;
  const answer = (result: CheckResult): Result<CheckRunAnswer> => ({
    ok: true,
    value: { result, summary: describeCheckResult(result) },
  });
  const tryOnce = async (check: Check): Promise<Result<CheckRunAnswer>> => {
    if (trying >= MAX_TRIES_AT_ONCE) {
      return {
        ok: false,
        error: {
          code: 'unavailable',
          message: `${MAX_TRIES_AT_ONCE} checks are already being tried; wait for one to finish`,
        },
      };
    }
    trying += 1;
    try {
      return answer(await runner!.runOnce(check));
    } finally {
      trying -= 1;
    }
  };
  return async (input) => {
    if (!runner) {
      return {
        ok: false,
        error: { code: 'unavailable', message: 'This build cannot run endpoint checks' },
      };
    }
    if (input.check) return tryOnce(input.check);
    const id = input.id!;
    const saved = savedChecks().find((c) => c.id === id);
    if (!saved) {
      const message = `No saved check "${id}"; save the check first or send it as "check"`;
      return {
        ok: false,
        error: { code: 'not-found', message, fields: [{ path: 'id', message }] },
      };
    }
    const recorded = await runner.runSaved(id);
    return recorded ? answer(recorded) : tryOnce(saved);
  };
}

/** The `resolveCheckHost` command: where a host goes, and which of its addresses are link-local. */
export async function resolveCheckHost(
  runner: CheckRunnerPort | undefined,
  input: OperationInput<'resolveCheckHost'>,
): Promise<Result<CheckHostAnswer>> {
  if (!runner) {
    return {
      ok: false,
      error: { code: 'unavailable', message: 'This build cannot run endpoint checks' },
    };
  }
  const host = input.host.replace(/^\[(.*)\]$/, '$1');
  const { addresses, failure } = await runner.resolveHost(host, input.family);
  return {
    ok: true,
    value: { host, addresses, linkLocal: addresses.filter(isPrivateTarget), failure },
  };
}

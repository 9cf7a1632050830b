/**
 * Endpoint checks wired to an engine: the scheduler runs the configured checks off the
 * sampling path, each result updates the per-check memory (core/check-state.ts) and its series
 * values go to the engine's next tick. Both shells get this through compose.ts.
 */
import type { CheckRunnerPort } from '../../core/check-run';
import { CheckState } from '../../core/check-state';
import type { ExternalValues } from '../../core/external-series';
import type { Logger } from '../../core/ports';
import type { CheckStatus } from '../../shared/contract';
import type { Check, CheckResult } from '../../shared/checks';
import { describeCheckFailure } from '../../shared/check-words';
import { systemLookup, type HostLookup } from './lookup';
import { resolveOnly } from './resolve';
import { runCheck } from './run';
import { createCheckScheduler, type CheckSchedulerOptions } from './scheduler';

/** Options of {@link createCheckWiring}. */
export interface CheckWiringOptions {
  /** Hands one run's series values to the engine's next tick. */
  readonly push: (values: ExternalValues) => void;
  readonly logger: Logger;
  /** Scheduler options (tests pass a runner or a concurrency). */
  readonly scheduler?: Omit<CheckSchedulerOptions, 'onResult'>;
  /** How names are resolved (agent `--resolve`); the system resolver by default. */
  readonly lookup?: HostLookup;
}

/** The running checks of one engine. */
export interface CheckWiring {
  /** Follows the configured checks (runs start only after {@link start}). */
  setChecks(checks: readonly Check[]): void;
  start(): void;
  stop(): void;
  /** Status rows of every check. */
  rows(): readonly CheckStatus[];
  /** Runs a configured check now; undefined for an unknown id. */
  runNow(id: string): Promise<CheckResult | undefined>;
  /** The engine's port for the `runCheck` operation (core/check-run.ts). */
  readonly runner: CheckRunnerPort;
}

/** Creates the wiring; nothing runs until `start`. */
export function createCheckWiring(opts: CheckWiringOptions): CheckWiring {
  const state = new CheckState();
  let checks: readonly Check[] = [];
  let started = false;
  const lookup = opts.lookup ?? systemLookup;
  const scheduler = createCheckScheduler({
    run: (check) => runCheck(check, { lookup }),
    ...opts.scheduler,
    onResult(result) {
      const wasUp = state.failStreak(result.checkId) <= 0;
      opts.push(state.record(result));
      // One log line per change of state, by id (never the URL, which may carry a token).
      if (wasUp && !result.up && result.failure) {
        opts.logger.warn(`Check ${result.checkId} failed: ${describeCheckFailure(result.failure)}`);
      } else if (!wasUp && result.up) {
        opts.logger.info(`Check ${result.checkId} succeeded again`);
      }
    },
  });
  return {
    setChecks(next) {
      checks = next;
      state.setChecks(next);
      if (started) scheduler.setChecks(next);
    },
    start() {
      if (started) return;
      started = true;
      scheduler.setChecks(checks);
    },
    stop() {
      scheduler.stop();
    },
    rows: () => state.rows(),
    runNow: (id) => scheduler.runNow(id),
    runner: {
      runSaved: (id) => (started ? scheduler.runNow(id) : Promise.resolve(undefined)),
      // Outside the scheduler's slots: a user waits for it, and the engine bounds how many.
      runOnce: (check) => runCheck(check, { lookup }),
      resolveHost: (host, family) => resolveOnly(host, family, lookup),
    },
  };
}

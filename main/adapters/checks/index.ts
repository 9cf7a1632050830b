/**
 * Endpoint checks (issue 9): run one check, or schedule many. The engine feeds each result
 * into history and rules through `checkSeriesValues` (main/shared/check-series.ts).
 */
export { runCheck, type RunCheckOptions } from './run';
export { createCheckScheduler, type CheckScheduler, type CheckSchedulerOptions } from './scheduler';
export { isPrivateTarget } from './address';

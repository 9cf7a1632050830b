// Mutation testing of the alerting core: `npm run test:mutation` (Stryker 10 needs Node 22 or
// newer). Only the core tests run against the mutants, so a surviving mutant is a behaviour of
// these files that no pure test pins. README "Tests" states the score and how long a run takes.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  // The core project alone, without the full config's global build step (the core is pure).
  // Not `testFiles`: with it Stryker 10 activates static mutants too late and reports them as
  // survivors (stryker-mutator/stryker-js#6144, #6209); the config's `include` selects the tests.
  vitest: { configFile: 'vitest.mutation.config.mjs' },
  mutate: [
    'main/core/rules.ts',
    'main/core/policy.ts',
    'main/core/health.ts',
    'main/core/grouping.ts',
    'main/core/history.ts',
    'main/core/controls.ts',
  ],
  coverageAnalysis: 'perTest',
  // The CI machine has two cores; more workers only make the runs slower.
  concurrency: 2,
  // Results of unchanged code and tests are reused from the last run (the folder is gitignored).
  incremental: true,
  incrementalFile: '.stryker-tmp/incremental.json',
  thresholds: { high: 95, low: 90, break: 90 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.stryker-tmp/reports/mutation.html' },
  jsonReporter: { fileName: '.stryker-tmp/reports/mutation.json' },
};

// The `core` project of vitest.config.ts on its own, for Stryker (`npm run test:mutation`). The
// core is pure, so the global build step of the full config is not needed: leaving it out keeps
// each Stryker worker's start-up to the tests themselves.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'core',
    globals: true,
    include: ['test/core/**/*.test.ts'],
    environment: 'node',
  },
});

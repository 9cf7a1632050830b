import { defineConfig } from 'vitest/config';

// Test projects mirror the source by runtime (see README "Tests").
export default defineConfig({
  test: {
    globals: true,
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'core', include: ['test/core/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'adapters',
          include: ['test/adapters/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        // Some app tests compose the real engine on a temp folder: more than 5 s on a loaded machine.
        test: {
          name: 'app',
          include: ['test/app/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'agent',
          // Also the installed package, the service unit and the built tray bundle: real processes.
          include: [
            'test/agent/**/*.test.ts',
            'test/deploy/**/*.test.ts',
            'test/app-bundle/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 120_000,
          // Real processes measuring real CPU: one file at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['test/renderer/setup.ts'],
          // Form tests type field by field through user-event; on a loaded 2-core machine a few
          // take longer than vitest's 5 s default without anything being wrong.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/handlers/**/*.test.ts', 'test/infra/**/*.test.ts'],
          setupFiles: ['test/unit-env.setup.ts', 'test/setup.ts'],
          // One fork per core. Vitest's default in a run is one less than the cores, which on 2 cores ran every
          // unit file one after another while the other core idled (issue 10 §4).
          maxWorkers: '100%',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Against the embedded stack (DynamoDB Local, s3rver, local gateway) started once by globalSetup.
          name: 'stack',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/embedded-stack.global.ts'],
          setupFiles: ['test/support/stack-env.setup.ts', 'test/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One stack, shared data: files run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});

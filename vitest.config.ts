import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    // Vitest runs the projects of one `sequence.groupOrder` side by side in one pool, and every file of a project
    // with `fileParallelism: false` in a group of its own after them: so the stack's files, which wait out bid
    // deadlines most of the time, used to start only when the unit files were done, one at a time (issue 9 §6).
    // Now both projects share one pool of 3 forks: the unit files keep the 2 cores busy while stack files wait.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/handlers/**/*.test.ts', 'test/infra/**/*.test.ts'],
          setupFiles: ['test/unit-env.setup.ts', 'test/setup.ts'],
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
          // One stack, shared data: each file makes records of its own (its own ids, purchasers or fiscal years) and
          // asserts only on those, so files may run side by side.
        },
      },
    ],
  },
});

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

const UNIT_DIRS = ['test/unit', 'test/handlers', 'test/infra'];
const UNIT_FILES = UNIT_DIRS.map((dir) => `${dir}/**/*.test.ts`);

/**
 * What makes a unit file need modules of its own: it sets or deletes environment variables (handlers and adapters
 * read them at import, so a module another file imported first would keep that file's settings), or mocks modules.
 */
const CHANGES_MODULE_STATE =
  /process\.env(\.[A-Za-z_]+|\[[^\]]+\])\s*(\?\?|\|\|)?=(?!=)|delete process\.env|Object\.assign\(process\.env|vi\.stubEnv|vi\.(do)?[mM]ock\(/;
/**
 * Files that run real SDK clients against local servers, or read what a module did at import (the logger's level):
 * a client class another file stubbed (aws-sdk-client-mock stubs the class itself) or a module another file imported
 * first would change what they see.
 */
const NEEDS_FRESH_MODULES = [
  'test/unit/sfn-endpoint.test.ts',
  'test/infra/least-privilege-local.test.ts',
  'test/handlers/refusal-logs.test.ts',
];
/** The unit files that run as every file did before: each on freshly imported modules. */
const FRESH_MODULE_FILES = [
  ...new Set([
    ...NEEDS_FRESH_MODULES,
    ...UNIT_DIRS.flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.test.ts'))
        .map((file) => path.posix.join(dir, file.split(path.sep).join('/')))
        .filter((file) => CHANGES_MODULE_STATE.test(readFileSync(file, 'utf8'))),
    ),
  ]),
].sort();

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
          include: UNIT_FILES,
          exclude: [...configDefaults.exclude, ...FRESH_MODULE_FILES],
          // A worker imports the app's modules once and runs file after file on them: importing them again for each
          // of 140 files took 60 % of the unit run (345 s → 85 s on 2 cores). Files that change what modules hold at
          // import (the environment, module mocks) are FRESH_MODULE_FILES' and run isolated in `unit-fresh`.
          isolate: false,
          setupFiles: ['test/unit-env.setup.ts', 'test/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // The few unit files that need modules of their own (see FRESH_MODULE_FILES).
          name: 'unit-fresh',
          include: FRESH_MODULE_FILES,
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

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

const UNIT_FILES = ['test/unit/**/*.test.ts', 'test/handlers/**/*.test.ts', 'test/infra/**/*.test.ts'];

/**
 * What makes a unit file need modules of its own: it sets or deletes environment variables (handlers and adapters
 * read them at import, so a module another file imported first would keep that file's settings), mocks modules,
 * stubs an SDK client class (aws-sdk-client-mock's `mockClient(Class)` stubs the class every later file would share)
 * or resets the module registry.
 */
const CHANGES_MODULE_STATE =
  /process\.env(\.[A-Za-z_]+|\[[^\]]+\])\s*(\?\?|\|\|)?=(?!=)|delete process\.env|Object\.assign\(process\.env|vi\.stubEnv|vi\.(do)?[mM]ock\(|mockClient\(|resetModules/;
/** Files of test/unit that run real SDK clients against local servers (another file may have stubbed the class). */
const NEEDS_FRESH_MODULES = ['test/unit/sfn-endpoint.test.ts'];
/**
 * The rule tests of test/unit that may share their worker's modules: domain rules, schemas, adapters against mocks.
 * Handler and infra tests stay isolated: handlers read their function's environment at import, and the handler
 * tests' support sets it per file.
 */
const SHARED_MODULE_FILES = readdirSync('test/unit', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => `test/unit/${file.split(path.sep).join('/')}`)
  .filter((file) => !NEEDS_FRESH_MODULES.includes(file))
  .filter((file) => !CHANGES_MODULE_STATE.test(readFileSync(file, 'utf8')))
  .sort();

/** How many stack files run side by side (`STACK_WORKERS=3 npm test` on a slower machine). */
const STACK_WORKERS = Number(process.env.STACK_WORKERS ?? 5);

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    // Two groups, one after the other (`sequence.groupOrder`), each with the workers its files want. First the stack's
    // files (group 0): they wait on the workflow's deadlines and the embedded stack most of the time, so STACK_WORKERS
    // of them run side by side. Then the unit files (group 1), which keep 2 cores busy with 3 workers. Mixed in one
    // pool of 3, the longest files (the stack's) took every worker first while the cores idled, and the unit files
    // ran last: 583 s against 459–483 s this way, on this machine under the same load (docs/bench.md has no test
    // figures; the commit history has them).
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 1 },
          maxWorkers: 3,
          include: UNIT_FILES,
          exclude: [...configDefaults.exclude, ...SHARED_MODULE_FILES],
          setupFiles: ['test/unit-env.setup.ts', 'test/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'unit-shared',
          sequence: { groupOrder: 1 },
          maxWorkers: 3,
          include: SHARED_MODULE_FILES,
          // A worker imports the modules once and runs file after file on them: importing them again for each file
          // was most of these files' time. Files that change what modules hold at import stay in `unit`.
          isolate: false,
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
          sequence: { groupOrder: 0 },
          maxWorkers: STACK_WORKERS,
        },
      },
    ],
  },
});

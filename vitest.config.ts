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

const STACK_WORKERS = Number(process.env.STACK_WORKERS ?? 5);

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

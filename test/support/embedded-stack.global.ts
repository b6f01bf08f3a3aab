/**
 * globalSetup of the `stack` project: one embedded stack on free ports over a fresh data dir, seeded,
 * shared by every integration and e2e test file; stopped and deleted after the run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedStack } from '#infra/local/stack';
import type { StackInfo } from './stack-info';

/** Also the e2e tests' reference for how long a minimum period lasts. */
export const PERIOD_OVERRIDE_SECONDS = 3;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'assistance-stack-'));
  // Handlers run in this process: keep their logs out of the reporter unless asked for.
  process.env.LOG_LEVEL ??= 'WARN';
  // Business metrics (EMF lines on stdout, issue 9 §5) would flood the output; set it to false to see them.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const verbose = process.env.STACK_LOG === '1';
  const stack = await startEmbeddedStack({
    dataDir,
    port: 0,
    seed: true,
    logRequests: verbose,
    // Tender periods and the standstill last seconds, so a whole procurement runs inside one test.
    periodOverrideSeconds: PERIOD_OVERRIDE_SECONDS,
    log: (line) => console.error(`[stack] ${line}`),
  });
  if (verbose) console.error(`[stack] ready in ${stack.readyMs} ms at ${stack.baseUrl} (${dataDir})`);
  const info: StackInfo = {
    baseUrl: stack.baseUrl,
    dynamoEndpoint: stack.dynamoEndpoint,
    s3Endpoint: stack.s3Endpoint,
    tableName: stack.tableName,
    bucketName: stack.bucketName,
    keysDir: stack.keysDir,
    dataDir,
    env: stack.env,
  };
  project.provide('stack', info);
  return async () => {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

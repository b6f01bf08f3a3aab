/**
 * CDK sets TABLE_NAME / BUCKET_NAME only on functions the route or workflow table grants that resource
 * (infra/constructs/bind.ts). Each function must start with exactly that environment, and a function
 * that uses a resource it was not granted must fail at init, not mid-request.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BucketRights, TableRights } from '#functions/routes';
import { eventHandlers, routes } from '#functions/routes';
import { workflows } from '#functions/workflows';

const root = path.resolve(import.meta.dirname, '../..');

const functions: { name: string; handler: string; table?: TableRights; bucket?: BucketRights }[] = [
  ...Object.entries(routes).map(([name, r]) => ({ name, ...r })),
  ...Object.entries(eventHandlers).map(([name, e]) => ({ name, ...e })),
  ...Object.values(workflows).flatMap((w) => Object.entries(w.tasks).map(([name, t]) => ({ name, ...t }))),
];

async function importWith(handler: string, env: { table: boolean; bucket: boolean }) {
  vi.resetModules();
  vi.stubEnv('TABLE_NAME', env.table ? 'assistance' : undefined);
  vi.stubEnv('BUCKET_NAME', env.bucket ? 'assistance-documents' : undefined);
  return import(/* @vite-ignore */ path.join(root, `${handler}.ts`)) as Promise<{ handler: unknown }>;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('each function starts with only the environment its grants set', () => {
  it.each(functions)('$name ($handler)', async ({ handler, table, bucket }) => {
    const module = await importWith(handler, { table: table !== undefined, bucket: bucket !== undefined });
    expect(typeof module.handler).toBe('function');
  });

  it('fails at init when a function uses the table without being bound to it', async () => {
    await expect(importWith(routes.getContractor.handler, { table: false, bucket: false })).rejects.toThrow(
      /TABLE_NAME is not set/,
    );
  });

  it('the contractor-user function fails at init without the user pool CDK binds (issue 12 §1), and starts with it', async () => {
    const handler = routes.createContractorUser.handler;
    vi.stubEnv('LOCAL_KMS_DIR', undefined);
    vi.stubEnv('PERSONAL_DATA_KEY_ID', 'arn:aws-cn:kms:cn-north-1:111122223333:key/personal-data');
    vi.stubEnv('PERSONAL_DATA_MAC_KEY_ID', 'arn:aws-cn:kms:cn-north-1:111122223333:key/personal-data-mac');
    await expect(importWith(handler, { table: true, bucket: false })).rejects.toThrow(
      /USER_POOL_ID is not set/,
    );
    vi.stubEnv('USER_POOL_ID', 'cn-north-1_Pool');
    expect(typeof (await importWith(handler, { table: true, bucket: false })).handler).toBe('function');
  });

  it('refuses a local user directory inside Lambda, where logins are Cognito users', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'assistance-createContractorUser');
    vi.stubEnv('LOCAL_KMS_DIR', undefined);
    vi.stubEnv('USER_POOL_ID', undefined);
    vi.stubEnv('LOCAL_USER_DIRECTORY', '/tmp/users.json');
    vi.stubEnv('PERSONAL_DATA_KEY_ID', 'arn:aws-cn:kms:cn-north-1:111122223333:key/personal-data');
    vi.stubEnv('PERSONAL_DATA_MAC_KEY_ID', 'arn:aws-cn:kms:cn-north-1:111122223333:key/personal-data-mac');
    await expect(
      importWith(routes.createContractorUser.handler, { table: true, bucket: false }),
    ).rejects.toThrow(/local user directory .* is set in the Lambda function/);
  });

  it('fails at init when a function uses the bucket without being bound to it', async () => {
    await expect(importWith(routes.getDocument.handler, { table: true, bucket: false })).rejects.toThrow(
      /BUCKET_NAME is not set/,
    );
  });
});

/**
 * Picks the user directory the way the table and the keys are picked: on AWS the CDK binding sets USER_POOL_ID
 * (infra/constructs/bind.ts bindUserPool, with the two admin actions), and Cognito creates the login; on the
 * embedded stack no pool exists and the local directory file plays its part. A function deployed without the
 * pool fails at init, not at its first request.
 */
import path from 'node:path';
import type { UserDirectoryPort } from '#shared/use-cases/contractor-users';
import { cognitoUserDirectory } from './cognito-directory';
import { localUserDirectory, localUserDirectoryFileOf } from './local-directory';

export const USER_POOL_ID_ENV = 'USER_POOL_ID';
/** Embedded stack only: the local directory's file (infra/local/env.ts); refused inside Lambda. */
export const LOCAL_USER_DIRECTORY_ENV = 'LOCAL_USER_DIRECTORY';

/**
 * The local directory's file on the embedded stack: LOCAL_USER_DIRECTORY, else `users.json` in the data
 * directory that holds the local keys (LOCAL_KMS_DIR is `<dataDir>/kms`, infra/local/paths.ts), where
 * `npm run token` looks for it. Never inside Lambda.
 */
export function localUserDirectoryFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env[LOCAL_USER_DIRECTORY_ENV];
  const kmsDir = env.LOCAL_KMS_DIR;
  const file = explicit || (kmsDir ? localUserDirectoryFileOf(path.dirname(kmsDir)) : undefined);
  if (file && env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new Error(
      `Invalid environment: a local user directory (${LOCAL_USER_DIRECTORY_ENV} or LOCAL_KMS_DIR) is set in the Lambda function ${env.AWS_LAMBDA_FUNCTION_NAME}: logins are Cognito users there`,
    );
  }
  return file;
}

export function userDirectory(env: NodeJS.ProcessEnv = process.env): UserDirectoryPort {
  const pool = env[USER_POOL_ID_ENV];
  if (pool) return cognitoUserDirectory(pool);
  const local = localUserDirectoryFile(env);
  if (local) return localUserDirectory(local);
  throw new Error(`Invalid environment: ${USER_POOL_ID_ENV} is not set`);
}

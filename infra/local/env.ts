import { LOCAL_REGION } from '#infra/local/lambda-context';

export interface HandlerEnvInput {
  tableName: string;
  bucketName: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** Where the local keys that play KMS's part live (shared/adapters/kms/envelope-local.ts). */
  kmsDir: string;
  logLevel?: string;
}

/**
 * The environment the handlers read at import time (shared/config.ts, the SDK clients): what CDK sets on
 * each function on AWS, plus the emulators' endpoints. s3rver checks signatures against S3RVER/S3RVER;
 * DynamoDB Local with sharedDb accepts any key.
 */
export function handlerEnv(input: HandlerEnvInput): Record<string, string> {
  return {
    TABLE_NAME: input.tableName,
    BUCKET_NAME: input.bucketName,
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    // The SDK v3 reads service-specific endpoints itself (@smithy/core getEndpointUrlConfig).
    AWS_ENDPOINT_URL_DYNAMODB: input.dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: input.s3Endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    LOCAL_KMS_DIR: input.kmsDir,
    // The SSE-KMS key a bid document's form names (s3rver ignores it; the bid key on AWS is infra/constructs/seal-key.ts).
    BID_SEAL_KEY_ID: 'alias/assistance/bid-seal',
    // s3rver rejects the CRC32 checksums the SDK adds by default.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    POWERTOOLS_SERVICE_NAME: 'assistance',
    LOG_LEVEL: input.logLevel ?? 'INFO',
  };
}

/** Variables from the developer's shell that would send the SDK elsewhere or sign with other credentials. */
const CONFLICTING = [
  'AWS_PROFILE',
  'AWS_SESSION_TOKEN',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_ENDPOINT_URL',
];

export function applyHandlerEnv(env: Record<string, string>, target: NodeJS.ProcessEnv = process.env): void {
  for (const name of CONFLICTING) delete target[name];
  Object.assign(target, env);
}

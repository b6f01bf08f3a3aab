import * as z from '#shared/schemas/zod';

/**
 * Resource names are set by the CDK bind helpers only on functions granted that resource, so each is read
 * by the adapter that needs it (adapters/dynamodb/table.ts, adapters/s3/bucket.ts): a function fails at
 * cold start exactly when it uses a resource it was not bound to.
 */
export const TABLE_NAME_ENV = 'TABLE_NAME';
export const BUCKET_NAME_ENV = 'BUCKET_NAME';
/** The KMS key sealing bids (issue 11 §1): set by infra/constructs/seal-key.ts on the functions granted it. */
export const BID_SEAL_KEY_ENV = 'BID_SEAL_KEY_ID';

export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new Error(`Invalid environment: ${name} is not set`);
  return value;
}

// Settings: read once at cold start and validated; every one has a default or is optional.
const EnvSchema = z.object({
  /** Embedded stack only: s3rver serves buckets by path, not by virtual host. */
  S3_FORCE_PATH_STYLE: z.pipe(
    z._default(z.enum(['true', 'false']), 'false'),
    z.transform((v) => v === 'true'),
  ),
  /** Seconds a presigned upload stays valid (issue 2: ≤ 15 min). */
  UPLOAD_URL_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(60), z.maximum(300)), 300),
  /** Seconds a presigned download stays valid. */
  DOWNLOAD_URL_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(10), z.maximum(900)), 300),
  /**
   * Embedded stack and tests only: every minimum procurement period (tender, consultation, negotiation,
   * single-source notice) and the standstill last this many seconds instead of their days (R-PROC-2,
   * R-PROC-5), so a whole procurement runs in a minute on the embedded stack. Unset in production;
   * the same code reads it everywhere, so no code path exists that production lacks. Refused inside Lambda
   * (refuseTestOnlySettings below) and by the CDK synth (issue 11 §2).
   */
  MINIMUM_PERIOD_SECONDS_OVERRIDE: z.optional(
    z.coerce.number().check(z.int(), z.minimum(1), z.maximum(86_400)),
  ),
  /**
   * OCDS ocid prefix (R-SUP-3). The default is a placeholder: register a prefix with the Open Contracting
   * Partnership (https://standard.open-contracting.org/latest/en/guidance/build/#register-an-ocid-prefix)
   * before publishing, and never change it afterwards (every ocid would change).
   */
  OCDS_OCID_PREFIX: z._default(z.string().check(z.regex(/^ocds-[a-z0-9]{6}$/)), 'ocds-xxxxxx'),
  /** Absolute base of the public API for OCDS package URIs; the request's host when unset. */
  PUBLIC_BASE_URL: z.optional(z.url()),
  /** OCDS package publisher (the bureau that answers for the data). */
  OCDS_PUBLISHER_NAME: z._default(
    z.string().check(z.minLength(1)),
    '示范区民政局 Demo District Civil Affairs Bureau',
  ),
  /** OCDS package metadata: the data license and the publication policy (both URIs). */
  OCDS_LICENSE: z._default(z.url(), 'https://creativecommons.org/licenses/by/4.0/'),
  OCDS_PUBLICATION_POLICY: z.optional(z.url()),
  /**
   * Embedded stack and tests only: the directory of the local keys that play KMS's part
   * (shared/adapters/kms/envelope-local.ts); when set, every envelope uses them instead of KMS. Refused inside
   * Lambda (refuseTestOnlySettings), where a key file would seal nothing an IAM policy guards.
   */
  LOCAL_KMS_DIR: z.optional(z.string().check(z.minLength(1))),
});

export type Config = z.output<typeof EnvSchema>;

/**
 * Issue 11 §2 (production guards): inside Lambda the period override is refused at init, so a function deployed
 * with it never serves a request (the CDK synth refuses it too: infra/stacks/assistance.ts). The embedded stack
 * runs handlers in its own process, where AWS_LAMBDA_FUNCTION_NAME is not set.
 */
function refuseTestOnlySettings(env: NodeJS.ProcessEnv): void {
  const fn = env.AWS_LAMBDA_FUNCTION_NAME;
  if (fn && env.MINIMUM_PERIOD_SECONDS_OVERRIDE !== undefined) {
    throw new Error(
      `Invalid environment: MINIMUM_PERIOD_SECONDS_OVERRIDE is set in the Lambda function ${fn}; it shortens the ` +
        `law's minimum procurement periods and the standstill (R-PROC-2, R-PROC-5) and is for the embedded stack ` +
        `and tests only: remove it from the function's environment`,
    );
  }
  if (fn && env.LOCAL_KMS_DIR !== undefined) {
    throw new Error(
      `Invalid environment: LOCAL_KMS_DIR is set in the Lambda function ${fn}; local key files are for the ` +
        `embedded stack only and would replace KMS (issue 11 §1): remove it from the function's environment`,
    );
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  refuseTestOnlySettings(env);
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Invalid environment: ${fields}`);
  }
  return parsed.data;
}

export const config: Config = loadConfig();

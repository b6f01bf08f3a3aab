import * as z from '#shared/schemas/zod';

// Read once at cold start and validated: a missing variable fails the init, never a request.
const EnvSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  BUCKET_NAME: z.string().check(z.minLength(1)),
  /** Embedded stack only: s3rver serves buckets by path, not by virtual host. */
  S3_FORCE_PATH_STYLE: z.pipe(
    z._default(z.enum(['true', 'false']), 'false'),
    z.transform((v) => v === 'true'),
  ),
  /** Seconds a presigned upload stays valid (issue 2: ≤ 15 min). */
  UPLOAD_URL_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(60), z.maximum(900)), 900),
  /** Seconds a presigned download stays valid. */
  DOWNLOAD_URL_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(10), z.maximum(900)), 300),
  /**
   * Embedded stack and tests only: every minimum procurement period (tender, consultation, negotiation,
   * single-source notice) lasts this many minutes instead of its days (R-PROC-2). Unset in production;
   * the same code reads it everywhere, so no code path exists that production lacks.
   */
  MINIMUM_PERIOD_MINUTES_OVERRIDE: z.optional(
    z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1440)),
  ),
});

export type Config = z.output<typeof EnvSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Invalid environment: ${fields}`);
  }
  return parsed.data;
}

export const config: Config = loadConfig();

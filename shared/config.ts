// Namespace import: lets esbuild drop the parts of zod (locales) no schema uses.
import * as z from 'zod';

// Read once at cold start and validated: a missing variable fails the init, never a request.
const EnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  /** Embedded stack only: s3rver serves buckets by path, not by virtual host. */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Seconds a presigned upload stays valid (issue 2: ≤ 15 min). */
  UPLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(60).max(900).default(900),
  /** Seconds a presigned download stays valid. */
  DOWNLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(900).default(300),
});

export type Config = z.infer<typeof EnvSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Invalid environment: ${fields}`);
  }
  return parsed.data;
}

export const config: Config = loadConfig();

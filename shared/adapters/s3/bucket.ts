import { BUCKET_NAME_ENV, requiredEnv } from '#shared/config';

/** The document bucket; read when the S3 adapter is first imported, so a function not bound to it fails at init. */
export const BUCKET_NAME = requiredEnv(BUCKET_NAME_ENV);

/**
 * Issue 11 §5: the audit archive, an S3 bucket under Object Lock in compliance mode (infra/constructs/retention.ts):
 * every object version written is locked for 15 years whoever writes it. Each object is written once: `If-None-Match:
 * *` makes a retried write of the same key a no-op (412) instead of a second version, so a retry never adds a
 * version and the first, archived bytes stay the current ones.
 *
 * s3rver (embedded stack) has neither Object Lock nor conditional writes: there the retried write replaces the
 * object with the same bytes, and nothing is locked (docs/retention.md says what the embedded stack proves).
 */
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { requiredEnv } from '#shared/config';
import { config } from '#shared/config';

/** The archive bucket's name; set by CDK on the archiver and the digest function only. */
export const AUDIT_ARCHIVE_BUCKET_ENV = 'AUDIT_ARCHIVE_BUCKET';

let client: S3Client | undefined;
const s3 = () => (client ??= new S3Client({ forcePathStyle: config.S3_FORCE_PATH_STYLE }));

/** Object keys: one object per entry, by record and sequence, so the archive reads like the chain. */
export const archiveKeys = {
  entry: (recordType: string, recordId: string, seq: number) =>
    `audit/${encodeURIComponent(recordType)}/${encodeURIComponent(recordId)}/${String(seq).padStart(10, '0')}.json`,
  /** A change or removal of an item that is never to change (an audit, public or OCDS item), with both images. */
  tamper: (partition: string, sortKey: string, eventName: string, sequenceNumber: string) =>
    `tamper/${encodeURIComponent(partition)}/${encodeURIComponent(sortKey)}/${sequenceNumber}-${eventName}.json`,
  digest: (date: string) => `digests/${date}.json`,
  publicKey: (keyId: string) => `digests/public-keys/${encodeURIComponent(keyId)}.pem`,
} as const;

/** 'written', or 'exists' when the key was archived before (a retry). */
export async function archiveObject(
  key: string,
  body: string,
  contentType = 'application/json',
): Promise<'written' | 'exists'> {
  try {
    await s3().send(
      new PutObjectCommand({
        Bucket: requiredEnv(AUDIT_ARCHIVE_BUCKET_ENV),
        Key: key,
        Body: body,
        ContentType: contentType,
        IfNoneMatch: '*',
      }),
    );
    return 'written';
  } catch (error) {
    if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412) return 'exists';
    throw error;
  }
}

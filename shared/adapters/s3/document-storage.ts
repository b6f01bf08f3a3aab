/**
 * Evidence and bid documents in the private bucket: presigned POST for uploads (bound to key, exact content
 * type, size, the download's `Content-Disposition`, a bid document's SSE-KMS key and an expiry of at most 5
 * minutes), short presigned GET for downloads pinned to the verified version, and reading one version of an object
 * for the verifier.
 */
import { GetObjectCommand, HeadBucketCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { BID_SEAL_KEY_ENV, config, requiredEnv } from '#shared/config';
import { BUCKET_NAME } from '#shared/adapters/s3/bucket';
import { DISCARD_TAG } from '#shared/adapters/s3/discard-tag';
import { parseBidDocumentObjectKey } from '#shared/domain/bid';
import { UNSAFE_FILE_NAME_CHARACTER } from '#shared/domain/file-name';

// Endpoint from AWS_ENDPOINT_URL_S3 on the embedded stack; s3rver needs path-style addressing.
export const s3 = new S3Client({ forcePathStyle: config.S3_FORCE_PATH_STYLE });

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: Date;
}

/**
 * An upload form lives at most 5 minutes (issue 11 §4): long enough to send 20 MiB, short enough that a form
 * handed out (or kept by an idempotent replay) cannot be posted again much later. Also capped by the
 * `UPLOAD_URL_TTL_SECONDS` setting, which may only shorten it.
 */
export const UPLOAD_FORM_SECONDS = 300;

/**
 * The form's expiry: at most 5 minutes after `now`, never after `notAfter` (a bid document's deadline), on a
 * whole second because the POST policy's `expiration` is written to the second. It is rounded down, so a form
 * asked for 0.4 s before a deadline of 12:00:00.300 expires at 12:00:00, not at 12:00:01 (it used to be given
 * at least one whole second, which could outlive the deadline).
 */
export function uploadFormExpiry(now: Date, notAfter?: Date): Date {
  const ttl = Math.min(config.UPLOAD_URL_TTL_SECONDS, UPLOAD_FORM_SECONDS) * 1000;
  const end = Math.min(now.getTime() + ttl, notAfter?.getTime() ?? Infinity);
  return new Date(Math.floor(end / 1000) * 1000);
}

/**
 * What else an upload form fixes. `fileName`: stored on the object as its `Content-Disposition`, so a download's
 * URL never carries the name (a presigned GET's `response-content-disposition` reaches S3 access logs; review of
 * issue 11).
 */
export interface UploadOptions {
  fileName?: string;
}

/**
 * The form's fields, each also an `eq` condition of its policy, so the poster cannot change one. A bid document's
 * key (shared/domain/bid.ts) is always stored under SSE-KMS with the bid seal key (issue 11 §1, R-PROC-5), which
 * the bucket policy requires under the bid prefixes (infra/constructs/seal-key.ts): decided here by the key, so no
 * caller can hand out a bid form that the bucket would refuse or that would store a bid unsealed.
 */
function fixedFields(objectKey: string, contentType: string, options: UploadOptions): Record<string, string> {
  return {
    'Content-Type': contentType,
    ...(options.fileName !== undefined
      ? { 'Content-Disposition': contentDisposition(options.fileName) }
      : {}),
    ...(parseBidDocumentObjectKey(objectKey)
      ? {
          'x-amz-server-side-encryption': 'aws:kms',
          // Read when a bid form is made, not at init: evidence uploads are not bound to the key.
          'x-amz-server-side-encryption-aws-kms-key-id': requiredEnv(BID_SEAL_KEY_ENV),
        }
      : {}),
  };
}

export async function presignUpload(
  objectKey: string,
  contentType: string,
  size: number,
  now: Date,
  notAfter?: Date,
  options: UploadOptions = {},
): Promise<PresignedUpload> {
  const expiresAt = uploadFormExpiry(now, notAfter);
  const fixed = fixedFields(objectKey, contentType, options);
  // The SDK adds `Expires` to its own clock and cuts the result to the second; `expiresAt` is on a whole second,
  // so the policy says `expiresAt` unless presigning takes a whole second (then it says less, never more).
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: BUCKET_NAME,
    Key: objectKey,
    Conditions: [
      ...Object.entries(fixed).map(([name, value]) => ['eq', `$${name}`, value] as ['eq', string, string]),
      ['content-length-range', size, size],
    ],
    Fields: fixed,
    Expires: (expiresAt.getTime() - now.getTime()) / 1000,
  });
  return { url, fields, expiresAt };
}

/** String.prototype.toWellFormed is ES2024; the project targets ES2023. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const UNSAFE_EVERYWHERE = new RegExp(UNSAFE_FILE_NAME_CHARACTER.source, 'g');

/** RFC 8187 `attr-char` is ALPHA / DIGIT / "!#$&+-.^_`|~"; encodeURIComponent also leaves `'()*` as they are. */
const encodeExtValue = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The `Content-Disposition` of a download (RFC 6266 with RFC 8187's `filename*`), safe whatever the stored name
 * holds: names declared before issue 11 may carry control or bidi characters, which become `_` (a reader must not
 * see `invoice\u202Efdp.exe` as `invoiceexe.pdf`), and so do path separators and unpaired surrogates (which
 * `encodeURIComponent` throws on). `filename*` carries the name in UTF-8, percent-encoded; `filename` is an ASCII
 * fallback for old clients with every other character as `_`, and no quote, backslash or percent sign.
 */
export function contentDisposition(fileName: string): string {
  const shown =
    fileName.replace(LONE_SURROGATE, '_').replace(UNSAFE_EVERYWHERE, '_').replace(/[/\\]/g, '_').trim() ||
    'document';
  const fallback = shown.replace(/[^\x20-\x7E]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(shown)}`;
}

/**
 * A short-lived GET of the document, pinned to `versionId` when the stored document names one (the version the
 * verifier checked), so a later upload to the same key is never what a reader gets. The URL names no file: S3
 * answers with the `Content-Disposition` the upload form stored on the object (`UploadOptions.fileName`).
 */
export async function presignDownload(objectKey: string, now: Date, versionId?: string) {
  const expires = config.DOWNLOAD_URL_TTL_SECONDS;
  const url = await getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: BUCKET_NAME,
      Key: objectKey,
      ...(versionId !== undefined ? { VersionId: versionId } : {}),
    }),
    { expiresIn: expires },
  );
  return { url, expiresAt: new Date(now.getTime() + expires * 1000) };
}

const isMissing = (error: unknown) =>
  error instanceof Error && ['NoSuchKey', 'NoSuchVersion', 'NotFound'].includes(error.name);

/**
 * Marks one version of an object for expiry (DISCARD_TAG): the verifier refused it. Idempotent; a version that is
 * gone already needs nothing.
 */
export async function discardObjectVersion(objectKey: string, versionId?: string): Promise<void> {
  try {
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: BUCKET_NAME,
        Key: objectKey,
        ...(versionId !== undefined ? { VersionId: versionId } : {}),
        Tagging: { TagSet: [{ Key: DISCARD_TAG.key, Value: DISCARD_TAG.value }] },
      }),
    );
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

/** The whole object (evidence is ≤ 20 MB by contract), or undefined if it is not there. */
export async function readObject(objectKey: string): Promise<Uint8Array | undefined> {
  return (await readObjectVersion(objectKey))?.bytes;
}

/** One version of an object and the version S3 says it is (none where the bucket keeps no versions). */
export interface StoredObject {
  bytes: Uint8Array;
  versionId?: string;
}

/**
 * The object as it is in `versionId` (the version an event names), or the current one without it; undefined if
 * that version or the object is gone.
 */
export async function readObjectVersion(
  objectKey: string,
  versionId?: string,
): Promise<StoredObject | undefined> {
  try {
    const { Body, VersionId } = await s3.send(
      new GetObjectCommand({
        Bucket: BUCKET_NAME,
        Key: objectKey,
        ...(versionId !== undefined ? { VersionId: versionId } : {}),
      }),
    );
    if (!Body) return undefined;
    const bytes = await Body.transformToByteArray();
    return VersionId !== undefined ? { bytes, versionId: VersionId } : { bytes };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export async function bucketReachable(): Promise<boolean> {
  await s3.send(new HeadBucketCommand({ Bucket: BUCKET_NAME }));
  return true;
}

/**
 * The version a stored document was verified in (the verifier writes `versionId` on the record, issue 11 §4), or
 * undefined for a document verified before it did, or where the bucket keeps no versions (s3rver).
 */
export function verifiedVersionId(document: { versionId?: string }): string | undefined {
  return document.versionId === '' ? undefined : document.versionId;
}

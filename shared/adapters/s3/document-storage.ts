/**
 * Evidence documents in the private bucket: presigned POST for uploads (bound to key, exact content
 * type, size and expiry), short presigned GET for downloads, and reading an object for the verifier.
 */
import { GetObjectCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { config } from '#shared/config';
import { BUCKET_NAME } from '#shared/adapters/s3/bucket';

// Endpoint from AWS_ENDPOINT_URL_S3 on the embedded stack; s3rver needs path-style addressing.
export const s3 = new S3Client({ forcePathStyle: config.S3_FORCE_PATH_STYLE });

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: Date;
}

export async function presignUpload(
  objectKey: string,
  contentType: string,
  size: number,
  now: Date,
  notAfter?: Date,
): Promise<PresignedUpload> {
  const untilLimit = notAfter ? Math.floor((notAfter.getTime() - now.getTime()) / 1000) : Infinity;
  const expires = Math.max(1, Math.min(config.UPLOAD_URL_TTL_SECONDS, untilLimit));
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: BUCKET_NAME,
    Key: objectKey,
    Conditions: [
      ['eq', '$Content-Type', contentType],
      ['content-length-range', size, size],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: expires,
  });
  return { url, fields, expiresAt: new Date(now.getTime() + expires * 1000) };
}

export async function presignDownload(objectKey: string, fileName: string, now: Date) {
  const expires = config.DOWNLOAD_URL_TTL_SECONDS;
  const url = await getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: BUCKET_NAME,
      Key: objectKey,
      ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    }),
    { expiresIn: expires },
  );
  return { url, expiresAt: new Date(now.getTime() + expires * 1000) };
}

/** The whole object (evidence is ≤ 20 MB by contract), or undefined if it is not there. */
export async function readObject(objectKey: string): Promise<Uint8Array | undefined> {
  try {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: BUCKET_NAME, Key: objectKey }));
    return Body ? await Body.transformToByteArray() : undefined;
  } catch (error) {
    if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) return undefined;
    throw error;
  }
}

export async function bucketReachable(): Promise<boolean> {
  await s3.send(new HeadBucketCommand({ Bucket: BUCKET_NAME }));
  return true;
}

/**
 * Per-caller token buckets in the table (issue 11 §3; shared/http/rate-limit.ts is the middleware), one item per
 * caller and bucket: `RATE#<sub>` / `BUCKET#<name>`. The bucket is kept as GCRA: the item holds the theoretical
 * arrival time `tat` (ms) of the next request at the bucket's rate; a request is allowed while `tat` is at most
 * `burst - 1` intervals ahead of now, and moves it one interval on. Equivalent to a token bucket of `burst`
 * tokens refilled at `ratePerSecond`, kept with conditional writes only (no read, no race): at most two
 * UpdateItems per request, the second only when the bucket is not empty-and-idle.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client';
import { keys } from './keys';
import { TABLE_NAME } from './table';
import { tableDesign } from './table-design';

export interface BucketLimit {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Requests allowed at once after a quiet spell. */
  burst: number;
}

export type Take = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A bucket idle this long is gone (TTL): it would be full again anyway. */
const IDLE_TTL_SECONDS = 3_600;
const TTL_ATTRIBUTE = tableDesign.timeToLiveAttribute;

export async function takeToken(
  subject: string,
  bucket: string,
  limit: BucketLimit,
  now: Date,
): Promise<Take> {
  const interval = 1000 / limit.ratePerSecond;
  const at = now.getTime();
  const key = keys.rateBucket(subject, bucket);
  const expiresAt = Math.ceil(at / 1000) + IDLE_TTL_SECONDS;
  try {
    // Idle (or new) bucket: the request is at the bucket's pace or behind it.
    await documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: key,
        UpdateExpression: 'SET tat = :next, #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(tat) OR tat <= :now',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':next': at + interval, ':now': at, ':ttl': expiresAt },
      }),
    );
    return { allowed: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const ceiling = at + (limit.burst - 1) * interval;
  try {
    // Ahead of its pace: allowed while within the burst.
    await documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: key,
        UpdateExpression: 'SET tat = tat + :interval, #ttl = :ttl',
        ConditionExpression: 'tat > :now AND tat <= :ceiling',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':interval': interval,
          ':now': at,
          ':ceiling': ceiling,
          ':ttl': expiresAt,
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { allowed: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const tat = Number((error.Item as { tat?: { N?: string } } | undefined)?.tat?.N ?? Number.NaN);
    // tat <= now here means the bucket emptied between the two writes: one interval is a fair answer.
    const waitMs = Number.isFinite(tat) && tat > ceiling ? tat - ceiling : interval;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}

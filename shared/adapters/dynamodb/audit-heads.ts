/**
 * Issue 11 §5: the per-day index of audit chain heads and the signed digests (table-design.ts lists the keys).
 *
 * | pattern                                   | key                                                          |
 * |-------------------------------------------|--------------------------------------------------------------|
 * | heads recorded on a day (the digest)      | PK=AUDITDAY#<date>   SK=<recordType>#<id>   (one Query)      |
 * | days a record's head was recorded         | GSI1PK=AUDITHEADS#<recordType>#<id>   GSI1SK=<date>          |
 * | the signed digest of a day                | PK=DIGEST#<date>     SK=DIGEST                               |
 *
 * The archiver (functions/audit-archive/archive-audit-entries.ts) keeps the day's head of every record it archives,
 * from the table's stream, off the write path: one small UpdateItem per audit entry (about 1 WCU), not an extra item
 * in every transaction (2 WCU per KB there) nor a GSI copy of every whole entry. The day is the archiver's Shanghai
 * date when it sees the entry, so an entry seen after midnight lands in the next day's digest rather than in none.
 * Rights (issue 11 §2): the archiver updates `AUDITDAY#`; the digest function reads `AUDITDAY#` and puts
 * `DIGEST#`; the audit route reads `DIGEST#` and queries the index on `AUDITHEADS#`.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DigestHead } from '#shared/domain/audit-chain';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { documentClient } from './client';
import { auditKeys } from './audit-keys';

// The keys are in their own module (no table, no client) so the CDK app reads them at synth.
export { AUDIT_DAY_PREFIX, AUDIT_HEADS_INDEX_PREFIX, DIGEST_PREFIX, auditKeys } from './audit-keys';

/**
 * Records `head` as its record's head of `date`, unless a later one is there already (a retried batch, or stream
 * records of one item seen out of order across shards never move a head back).
 */
export async function recordDayHead(date: string, head: DigestHead): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: auditKeys.auditDay(date, head.recordType, head.recordId),
        UpdateExpression:
          'SET recordType = :type, recordId = :id, seq = :seq, #hash = :hash, #date = :date, GSI1PK = :gpk, GSI1SK = :gsk',
        ConditionExpression: 'attribute_not_exists(seq) OR seq < :seq',
        ExpressionAttributeNames: { '#hash': 'hash', '#date': 'date' },
        ExpressionAttributeValues: {
          ':type': head.recordType,
          ':id': head.recordId,
          ':seq': head.seq,
          ':hash': head.hash,
          ':date': date,
          ':gpk': auditKeys.auditHeadsIndex(head.recordType, head.recordId, date).GSI1PK,
          ':gsk': date,
        },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return;
    throw error;
  }
}

/** Every head recorded on `date`: one Query, paged by DynamoDB at 1 MB. */
export async function headsOfDay(date: string): Promise<DigestHead[]> {
  const heads: DigestHead[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': auditKeys.auditDayPartition(date) },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      heads.push({
        recordType: String(item.recordType),
        recordId: String(item.recordId),
        seq: Number(item.seq),
        hash: String(item.hash),
      });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return heads;
}

/** The stored digest of a day: the signed content and its signature. */
export interface StoredDigest {
  date: string;
  digest: { date: string; heads: DigestHead[] };
  signature: string;
  keyId: string;
  algorithm: string;
  signedAt: string;
}

export async function getDigest(date: string): Promise<StoredDigest | undefined> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: TABLE_NAME, Key: auditKeys.auditDigest(date), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { PK: _pk, SK: _sk, ...digest } = Item;
  return digest as StoredDigest;
}

/** Written once (`attribute_not_exists`); false when the day's digest exists already. */
export async function putDigest(digest: StoredDigest): Promise<boolean> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...auditKeys.auditDigest(digest.date), ...digest },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

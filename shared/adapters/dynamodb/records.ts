/**
 * Reads of stored records. Each single-record read is exactly one GetItem (issue 2 §7).
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditHead } from '#shared/domain/audit-chain';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { documentClient } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import type { ItemKey } from './keys';
import { keys, stripKeys } from './keys';

export interface Stored<T> {
  value: T;
  head: AuditHead;
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

function toStored<T>(item: Record<string, unknown>): Stored<T> {
  return {
    value: stripKeys<T>(item),
    head: { auditSeq: Number(item.auditSeq ?? 0), auditHash: String(item.auditHash ?? '') },
  };
}

export async function getRecord<T>(key: ItemKey): Promise<Stored<T> | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: key }));
  return Item ? toStored<T>(Item) : undefined;
}

interface PageQuery {
  limit: number;
  cursor?: string;
  newestFirst?: boolean;
}

/**
 * One page of a partition of the table, optionally narrowed by a sort-key prefix or to sort keys from a
 * lower bound on (`sortKeyFrom`, e.g. "releases since": the sort key starts with the time).
 */
export async function queryPartition<T>(
  partitionKey: string,
  page: PageQuery & { sortKeyPrefix?: string; sortKeyFrom?: string },
): Promise<Page<Stored<T>>> {
  if (page.sortKeyPrefix && page.sortKeyFrom) throw new Error('queryPartition: a prefix or a lower bound');
  const startKey = decodeCursor(page.cursor, {
    attributes: ['PK', 'SK'],
    partition: { PK: partitionKey },
    ...(page.sortKeyPrefix ? { sortKeyPrefix: { attribute: 'SK', prefix: page.sortKeyPrefix } } : {}),
    ...(page.sortKeyFrom ? { sortKeyFrom: { attribute: 'SK', from: page.sortKeyFrom } } : {}),
  });
  const condition = page.sortKeyPrefix
    ? { expression: 'PK = :pk AND begins_with(SK, :prefix)', values: { ':prefix': page.sortKeyPrefix } }
    : page.sortKeyFrom
      ? { expression: 'PK = :pk AND SK >= :from', values: { ':from': page.sortKeyFrom } }
      : { expression: 'PK = :pk', values: {} };
  const result = await documentClient.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: condition.expression,
      ExpressionAttributeValues: { ':pk': partitionKey, ...condition.values },
      Limit: page.limit,
      ScanIndexForward: !page.newestFirst,
      ExclusiveStartKey: startKey,
    }),
  );
  const cursor = encodeCursor(result.LastEvaluatedKey);
  return { items: (result.Items ?? []).map((i) => toStored<T>(i)), ...(cursor ? { cursor } : {}) };
}

/** One page of GSI1 for one index partition, optionally narrowed by a sort-key prefix. */
export async function queryIndex<T>(
  indexPartition: string,
  page: PageQuery & { sortKeyPrefix?: string },
): Promise<Page<Stored<T>>> {
  const startKey = decodeCursor(page.cursor, {
    attributes: ['PK', 'SK', 'GSI1PK', 'GSI1SK'],
    partition: { GSI1PK: indexPartition },
    ...(page.sortKeyPrefix ? { sortKeyPrefix: { attribute: 'GSI1SK', prefix: page.sortKeyPrefix } } : {}),
  });
  const result = await documentClient.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: 'GSI1',
      KeyConditionExpression: page.sortKeyPrefix
        ? 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)'
        : 'GSI1PK = :pk',
      ExpressionAttributeValues: {
        ':pk': indexPartition,
        ...(page.sortKeyPrefix ? { ':prefix': page.sortKeyPrefix } : {}),
      },
      Limit: page.limit,
      ScanIndexForward: !page.newestFirst,
      ExclusiveStartKey: startKey,
    }),
  );
  const cursor = encodeCursor(result.LastEvaluatedKey);
  return { items: (result.Items ?? []).map((i) => toStored<T>(i)), ...(cursor ? { cursor } : {}) };
}

/** Every item of a partition (catalog, one record's audit chain): small, bounded partitions only. */
export async function queryAll<T>(partitionKey: string): Promise<Stored<T>[]> {
  const all: Stored<T>[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPartition<T>(partitionKey, { limit: 1000, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

export const auditTrail = (recordType: string, recordId: string) =>
  queryAll<AuditEntry>(keys.auditPartition(recordType, recordId)).then((items) =>
    items.map(({ value }) => ({ ...value, recordType }) as AuditEntry),
  );

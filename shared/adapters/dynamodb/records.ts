/**
 * Reads of stored records. Each single-record read is exactly one GetItem (issue 2 §7).
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditHead } from '#shared/domain/audit-chain';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { documentClient } from './client';
import type { CursorScope } from './cursor';
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

/**
 * One record by its key, strongly consistent. Every use case reads to decide and then writes on the version it read,
 * and many read seconds after another writer (a workflow task after the route that resumed it, the verifier after
 * the upload's declaration, a task after the park it just wrote): an eventually consistent read could decide on the
 * copy before that write. DynamoDB Local is always consistent, so only AWS would show the difference; the read costs
 * one capacity unit per 4 KB instead of a half.
 */
export async function getRecord<T>(key: ItemKey): Promise<Stored<T> | undefined> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: TABLE_NAME, Key: key, ConsistentRead: true }),
  );
  return Item ? toStored<T>(Item) : undefined;
}

interface PageQuery {
  limit: number;
  cursor?: string;
  newestFirst?: boolean;
}

/** Where a page is read from: the table by PK/SK, or GSI1 by GSI1PK/GSI1SK. */
interface KeySpace {
  indexName?: 'GSI1';
  partitionAttribute: string;
  sortAttribute: string;
  /** The attributes of a LastEvaluatedKey in this key space (the cursor must hold exactly these). */
  cursorAttributes: readonly string[];
}

const TABLE: KeySpace = { partitionAttribute: 'PK', sortAttribute: 'SK', cursorAttributes: ['PK', 'SK'] };
const GSI1: KeySpace = {
  indexName: 'GSI1',
  partitionAttribute: 'GSI1PK',
  sortAttribute: 'GSI1SK',
  cursorAttributes: ['PK', 'SK', 'GSI1PK', 'GSI1SK'],
};

type PageOptions = PageQuery & {
  sortKeyPrefix?: string;
  sortKeyFrom?: string;
  /** Table reads only: see every write acknowledged before the read (a bid counted at its deadline). */
  consistent?: boolean;
  /**
   * Read one item past the page, so a cursor is given only when another item follows (the OCDS feed, whose
   * next page must never be an empty, invalid package: issue 10 §1). Without it, DynamoDB's LastEvaluatedKey
   * is the cursor, and the page after a full last page is empty.
   */
  lookAhead?: boolean;
};

async function queryPage<T>(space: KeySpace, partition: string, page: PageOptions): Promise<Page<Stored<T>>> {
  if (page.sortKeyPrefix && page.sortKeyFrom) throw new Error('queryPage: a prefix or a lower bound');
  const { partitionAttribute: pk, sortAttribute: sk } = space;
  // A cursor is bound to this query: key space, partition, key condition and direction (cursor.ts).
  const scope: CursorScope = {
    ...(space.indexName ? { indexName: space.indexName } : {}),
    attributes: space.cursorAttributes,
    partition: { attribute: pk, value: partition },
    sortAttribute: sk,
    ...(page.sortKeyPrefix ? { sortKeyPrefix: page.sortKeyPrefix } : {}),
    ...(page.sortKeyFrom ? { sortKeyFrom: page.sortKeyFrom } : {}),
    newestFirst: page.newestFirst === true,
  };
  const startKey = decodeCursor(page.cursor, scope);
  const condition = page.sortKeyPrefix
    ? { expression: `${pk} = :pk AND begins_with(${sk}, :prefix)`, values: { ':prefix': page.sortKeyPrefix } }
    : page.sortKeyFrom
      ? { expression: `${pk} = :pk AND ${sk} >= :from`, values: { ':from': page.sortKeyFrom } }
      : { expression: `${pk} = :pk`, values: {} };
  const query = (exclusiveStartKey: Record<string, unknown> | undefined, limit: number) =>
    documentClient.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        ...(space.indexName ? { IndexName: space.indexName } : {}),
        KeyConditionExpression: condition.expression,
        ExpressionAttributeValues: { ':pk': partition, ...condition.values },
        Limit: limit,
        ScanIndexForward: !page.newestFirst,
        ExclusiveStartKey: exclusiveStartKey,
        ...(page.consistent && !space.indexName ? { ConsistentRead: true } : {}),
      }),
    );
  if (!page.lookAhead) {
    const result = await query(startKey, page.limit);
    const cursor = encodeCursor(result.LastEvaluatedKey, scope);
    return { items: (result.Items ?? []).map((i) => toStored<T>(i)), ...(cursor ? { cursor } : {}) };
  }
  // Read the page and one item more; DynamoDB may stop early at 1 MB, so go on from where it stopped.
  const items: Record<string, unknown>[] = [];
  let lastKey = startKey as Record<string, unknown> | undefined;
  do {
    const result = await query(lastKey, page.limit + 1 - items.length);
    items.push(...(result.Items ?? []));
    lastKey = result.LastEvaluatedKey;
    if (!result.Items?.length) break; // never loop on an empty answer
    // Until an item past the page is seen or DynamoDB says nothing follows. A Query without a filter returns at
    // least one item whenever it gives a LastEvaluatedKey (its 1 MB stop comes after an item), so this ends
    // within limit + 1 requests; stopping earlier could give a `next` that leads to an empty page.
  } while (lastKey && items.length <= page.limit);
  const more = items.length > page.limit;
  const kept = items.slice(0, page.limit);
  const last = kept.at(-1);
  // The next page starts after the last item kept; if DynamoDB stopped before knowing, its own key says where.
  const cursor = more && last ? encodeCursor(last, scope) : encodeCursor(lastKey, scope);
  return { items: kept.map((i) => toStored<T>(i)), ...(cursor ? { cursor } : {}) };
}

/**
 * One page of a partition of the table, optionally narrowed by a sort-key prefix or to sort keys from a
 * lower bound on (`sortKeyFrom`, e.g. "releases since": the sort key starts with the time).
 */
export const queryPartition = <T>(partitionKey: string, page: PageOptions) =>
  queryPage<T>(TABLE, partitionKey, page);

/** One page of GSI1 for one index partition, optionally narrowed by a sort-key prefix. */
export const queryIndex = <T>(indexPartition: string, page: PageQuery & { sortKeyPrefix?: string }) =>
  queryPage<T>(GSI1, indexPartition, page);

/**
 * Every item of a partition (catalog, one record's audit chain, a project's bids), optionally only the sort
 * keys with a prefix: small, bounded partitions only.
 */
export async function queryAll<T>(
  partitionKey: string,
  options: { sortKeyPrefix?: string; consistent?: boolean } = {},
): Promise<Stored<T>[]> {
  const all: Stored<T>[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPartition<T>(partitionKey, {
      limit: 1000,
      ...options,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

export const auditTrail = (recordType: string, recordId: string) =>
  queryAll<AuditEntry>(keys.auditPartition(recordType, recordId)).then((items) =>
    items.map(({ value }) => ({ ...value, recordType }) as AuditEntry),
  );

/**
 * The bench's own client to DynamoDB Local, beside the handlers' one: bulk writes (BatchWriteItem, 25 items
 * per request, several requests in flight, UnprocessedItems retried), item counts of a partition, single reads.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

export type Item = Record<string, unknown>;

/** BatchWriteItem's limit. */
export const ITEMS_PER_BATCH = 25;
export const BATCHES_IN_FLIGHT = 8;
const MAX_ATTEMPTS = 10;

export interface TableClient {
  /** Writes every item; `progress` after each batch with the items written so far. */
  putAll(items: readonly Item[], progress?: (written: number) => void): Promise<void>;
  /** Items in one partition (a paged Select COUNT query). */
  countPartition(pk: string): Promise<number>;
  get(key: { PK: string; SK: string }): Promise<Item | undefined>;
  close(): void;
}

export function createTableClient(options: { endpoint: string; tableName: string }): TableClient {
  const { tableName } = options;
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: options.endpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 5,
    }),
    { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
  );

  async function writeBatch(items: readonly Item[]): Promise<void> {
    let pending = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`${pending.length} items still unprocessed after retries`);
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      const { UnprocessedItems } = await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
      );
      pending = (UnprocessedItems?.[tableName] ?? []).flatMap((request) =>
        request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
      );
    }
  }

  return {
    async putAll(items, progress) {
      let next = 0;
      let written = 0;
      const worker = async () => {
        while (next < items.length) {
          const batch = items.slice(next, next + ITEMS_PER_BATCH);
          next += batch.length;
          await writeBatch(batch);
          written += batch.length;
          progress?.(written);
        }
      };
      await Promise.all(Array.from({ length: BATCHES_IN_FLIGHT }, worker));
    },
    async countPartition(pk) {
      let total = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            Select: 'COUNT',
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        total += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return total;
    },
    async get(key) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key }));
      return Item;
    },
    close: () => client.destroy(),
  };
}

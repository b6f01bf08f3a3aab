/**
 * Idempotent creation: the first request's outcome is stored in the same transaction as the records
 * it creates, so a retry with the same Idempotency-Key replays that outcome and creates nothing.
 * (Powertools' idempotency utility writes its record outside the business transaction; this cannot drift.)
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { documentClient } from './client';
import { keys } from './keys';
import type { ExtraWrite } from './record-store';
import { IdempotencyReplay } from '#shared/adapters/idempotency-replay';

const RETENTION_SECONDS = 24 * 3600;

export interface IdempotencyClaim {
  /** The item that records `result` as this key's outcome, for the use case's transaction. */
  write(result: unknown): ExtraWrite;
}

export interface StoredOutcome {
  requestHash: string;
  result: unknown;
}

/** DynamoDB-backed idempotency, injected into creating routes' handlers (`api(route, run, { idempotency })`). */
export const idempotency = { find: findOutcome, claim };

export async function findOutcome(scope: string, key: string): Promise<StoredOutcome | undefined> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.idempotency(scope, key), ConsistentRead: true }),
  );
  if (!Item || Number(Item.expiresAt) * 1000 < Date.now()) return undefined;
  return { requestHash: String(Item.requestHash), result: Item.result };
}

export function claim(scope: string, key: string, hash: string, now: Date): IdempotencyClaim {
  return {
    write: (result) => ({
      item: {
        Put: {
          TableName: TABLE_NAME,
          Item: {
            ...keys.idempotency(scope, key),
            recordType: 'idempotency',
            requestHash: hash,
            result,
            expiresAt: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      onConditionFailed: () => new IdempotencyReplay(),
    }),
  };
}

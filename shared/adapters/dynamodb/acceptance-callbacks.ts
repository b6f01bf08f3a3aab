/**
 * The callback an acceptance's workflow is parked on (a `.waitForTaskToken` task: the recipients' opinions or the
 * panel's quorum): one item per acceptance, beside it in its contract's partition (keys.acceptanceCallback). As
 * for a project (callbacks.ts), not a record: it holds a credential, not a fact, and is never shown through the
 * API; the acceptance's own `workflow.waitingFor` is what people read.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { WaitingFor } from '#shared/domain/acceptance';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { documentClient } from './client';
import { keys } from './keys';

export interface ParkedAcceptanceCallback {
  contractId: string;
  acceptanceId: string;
  waitingFor: Exclude<WaitingFor, 'rectification'>;
  taskToken: string;
  parkedAt: string;
}

export async function parkAcceptanceCallback(callback: ParkedAcceptanceCallback): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: {
        ...keys.acceptanceCallback(callback.contractId, callback.acceptanceId),
        recordType: 'callback',
        ...callback,
      },
    }),
  );
}

export async function findAcceptanceCallback(
  contractId: string,
  acceptanceId: string,
): Promise<ParkedAcceptanceCallback | undefined> {
  const { Item } = await documentClient.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.acceptanceCallback(contractId, acceptanceId),
      ConsistentRead: true,
    }),
  );
  if (!Item) return undefined;
  return parkedOf(contractId, acceptanceId, Item);
}

const parkedOf = (
  contractId: string,
  acceptanceId: string,
  item: Record<string, unknown>,
): ParkedAcceptanceCallback => ({
  contractId,
  acceptanceId,
  waitingFor: item.waitingFor as ParkedAcceptanceCallback['waitingFor'],
  taskToken: String(item.taskToken),
  parkedAt: String(item.parkedAt),
});

/** `CALLBACK#`: the sort-key prefix of keys.acceptanceCallback. */
const CALLBACK_PREFIX = keys.acceptanceCallback('', '').SK;

/**
 * Every callback parked in the contract's partition (one per waiting acceptance; a contract has at most one
 * acceptance open per milestone): one strongly consistent Query on the `CALLBACK#` sort-key prefix, so a token parked
 * before the caller's commit is seen (the termination's abortAcceptances, acceptance-callbacks.ts).
 */
export async function listAcceptanceCallbacks(contractId: string): Promise<ParkedAcceptanceCallback[]> {
  const parked: ParkedAcceptanceCallback[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.acceptancePartition(contractId),
          ':prefix': CALLBACK_PREFIX,
        },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const acceptanceId = String(item.SK).slice(CALLBACK_PREFIX.length);
      parked.push(parkedOf(contractId, acceptanceId, item));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return parked;
}

/** Removes the callback if it still holds `taskToken` (a newer park is left alone). */
export async function clearAcceptanceCallback(
  contractId: string,
  acceptanceId: string,
  taskToken: string,
): Promise<void> {
  try {
    await documentClient.send(
      new DeleteCommand({
        TableName: TABLE_NAME,
        Key: keys.acceptanceCallback(contractId, acceptanceId),
        ConditionExpression: 'taskToken = :t',
        ExpressionAttributeValues: { ':t': taskToken },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}

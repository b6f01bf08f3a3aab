/**
 * The callback an acceptance's workflow is parked on (a `.waitForTaskToken` task: the recipients' opinions or the
 * panel's quorum): one item per acceptance, beside it in its contract's partition (keys.acceptanceCallback). As
 * for a project (callbacks.ts), not a record: it holds a credential, not a fact, and is never shown through the
 * API; the acceptance's own `workflow.waitingFor` is what people read.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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
  return {
    contractId,
    acceptanceId,
    waitingFor: Item.waitingFor as ParkedAcceptanceCallback['waitingFor'],
    taskToken: String(Item.taskToken),
    parkedAt: String(Item.parkedAt),
  };
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

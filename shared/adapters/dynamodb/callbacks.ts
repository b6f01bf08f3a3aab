/**
 * The callback a project's workflow is parked on (a `.waitForTaskToken` task): one item per project, beside
 * the project in its partition. Not a record (no audit entry): it holds a credential, not a fact, and is
 * never shown through the API. The project's own `workflow.waitingFor` is what people read.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { WaitingFor } from '#shared/domain/project';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { documentClient } from './client';
import { keys } from './keys';

export interface ParkedCallback {
  projectId: string;
  waitingFor: WaitingFor;
  taskToken: string;
  parkedAt: string;
}

export async function parkCallback(callback: ParkedCallback): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { ...keys.projectCallback(callback.projectId), recordType: 'callback', ...callback },
    }),
  );
}

export async function findCallback(projectId: string): Promise<ParkedCallback | undefined> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.projectCallback(projectId), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  return {
    projectId: String(Item.projectId),
    waitingFor: Item.waitingFor as WaitingFor,
    taskToken: String(Item.taskToken),
    parkedAt: String(Item.parkedAt),
  };
}

/** Removes the callback if it still holds `taskToken` (a newer park is left alone). */
export async function clearCallback(projectId: string, taskToken: string): Promise<void> {
  try {
    await documentClient.send(
      new DeleteCommand({
        TableName: TABLE_NAME,
        Key: keys.projectCallback(projectId),
        ConditionExpression: 'taskToken = :t',
        ExpressionAttributeValues: { ':t': taskToken },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}

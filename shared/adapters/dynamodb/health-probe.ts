/** The health route's table probe: one GetItem of a key that need not exist, so it only proves the table answers. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client';
import { keys } from './keys';
import { TABLE_NAME } from './table';

export async function tableReachable(): Promise<boolean> {
  await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.healthProbe() }));
  return true;
}

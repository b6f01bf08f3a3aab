/**
 * The record store's reads by key are strongly consistent: a use case decides on what it read and writes on that
 * version, often seconds after another writer (a workflow task after the route that resumed it, the verifier after
 * an upload's declaration). DynamoDB Local is always consistent, so only the request itself can show it.
 */
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { getRecord } from '#shared/adapters/dynamodb/records';

const ddb = mockClient(DynamoDBDocumentClient);

describe('getRecord', () => {
  beforeEach(() => ddb.reset());

  it('asks DynamoDB for a strongly consistent read of the key', async () => {
    ddb
      .on(GetCommand)
      .resolves({ Item: { PK: 'PROJECT#p1', SK: 'PROJECT', id: 'p1', auditSeq: 3, auditHash: 'h' } });
    const stored = await getRecord<{ id: string }>({ PK: 'PROJECT#p1', SK: 'PROJECT' });
    expect(stored?.value).toEqual({ id: 'p1' });
    expect(stored?.head).toEqual({ auditSeq: 3, auditHash: 'h' });
    expect(ddb).toHaveReceivedCommandWith(GetCommand, {
      Key: { PK: 'PROJECT#p1', SK: 'PROJECT' },
      ConsistentRead: true,
    });
  });

  it('answers undefined for a key that holds nothing', async () => {
    ddb.on(GetCommand).resolves({});
    expect(await getRecord({ PK: 'PROJECT#none', SK: 'PROJECT' })).toBeUndefined();
  });
});

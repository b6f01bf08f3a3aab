/**
 * Issue 11 §2 on the embedded stack: while a handler runs, its DynamoDB and S3 calls are held to its route table
 * declaration (infra/local/least-privilege.ts), so an undeclared prefix or action fails as IAM refuses it on AWS.
 * The e2e and integration tests then prove the declarations sufficient; these prove the guard refuses.
 */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventHandlers, routes, tableRightsOf, type RightsHolder } from '#functions/routes';
import { workflows } from '#functions/workflows';
import { grantsByHandler } from '#infra/local/handlers';
import {
  AccessDenied,
  checkDynamoDbCall,
  checkS3Call,
  grantsOf,
  guardHandlerClients,
  runWithGrants,
} from '#infra/local/least-privilege';

const grants = (name: keyof typeof routes) => grantsOf(name, routes[name] as RightsHolder);

const refused = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof AccessDenied ? error.name : `unexpected ${String(error)}`;
  }
  return 'allowed';
};

describe('every function the embedded stack runs has its grants', () => {
  it('one entry per handler module of the route, event-handler and workflow tables', () => {
    const byHandler = grantsByHandler();
    const modules = [
      ...Object.values(routes).map((r) => r.handler),
      ...Object.values(eventHandlers).map((e) => e.handler),
      ...Object.values(workflows).flatMap((w) => Object.values(w.tasks).map((t) => t.handler)),
    ];
    expect([...byHandler.keys()].sort()).toEqual([...new Set(modules)].sort());
  });

  it('adds the pipeline writes: IDEMPOTENCY# for an idempotent route, AUDIT# where state changes, none to reads', () => {
    expect(tableRightsOf(routes.createProject)).toMatchObject({
      read: expect.arrayContaining(['IDEMPOTENCY#']),
      put: expect.arrayContaining(['AUDIT#', 'IDEMPOTENCY#', 'PROJECT#']),
    });
    expect(tableRightsOf(routes.getProject)).toEqual({ read: ['PROJECT#'] });
    expect(tableRightsOf(routes.publishProject)?.put).toBeUndefined();
    expect(tableRightsOf(workflows.probe.tasks.RecordStart)?.put).toEqual([
      'AUDIT#workflowProbe#',
      'WORKFLOWPROBE#',
    ]);
  });
});

describe('DynamoDB calls are held to the declaration', () => {
  const get = (PK: string) => ({ TableName: 't', Key: { PK, SK: 'x' } });

  it('GetItem: a declared partition passes, any other is AccessDeniedException', () => {
    expect(refused(() => checkDynamoDbCall(grants('getProject'), 'GetCommand', get('PROJECT#p1')))).toBe(
      'allowed',
    );
    expect(refused(() => checkDynamoDbCall(grants('getProject'), 'GetCommand', get('CONTRACTOR#c1')))).toBe(
      'AccessDeniedException',
    );
    // The marshalled form a raw client sends is read the same way.
    expect(
      refused(() =>
        checkDynamoDbCall(grants('getProject'), 'GetItemCommand', { Key: { PK: { S: 'PROJECT#p1' } } }),
      ),
    ).toBe('allowed');
  });

  it('a public route reads its public partitions and nothing else (the catalog, not a sealed bid)', () => {
    expect(refused(() => checkDynamoDbCall(grants('getPublicCatalog'), 'GetCommand', get('CATALOG')))).toBe(
      'allowed',
    );
    expect(
      refused(() => checkDynamoDbCall(grants('getPublicCatalog'), 'GetCommand', get('PROJECT#p1'))),
    ).toBe('AccessDeniedException');
    expect(refused(() => checkDynamoDbCall(grants('health'), 'GetCommand', get('HEALTH')))).toBe(
      'AccessDeniedException',
    );
  });

  it('Query: the table by PK, GSI1 by GSI1PK, each against its own list', () => {
    const query = (IndexName: string | undefined, attribute: string, value: string) => ({
      TableName: 't',
      ...(IndexName ? { IndexName } : {}),
      KeyConditionExpression: `${attribute} = :pk AND begins_with(SK, :prefix)`,
      ExpressionAttributeValues: { ':pk': value, ':prefix': 'x' },
    });
    const list = grants('listProjects');
    expect(
      refused(() => checkDynamoDbCall(list, 'QueryCommand', query('GSI1', 'GSI1PK', 'PROJECTS#pur1'))),
    ).toBe('allowed');
    expect(
      refused(() => checkDynamoDbCall(list, 'QueryCommand', query(undefined, 'PK', 'PROJECTS#pur1'))),
    ).toBe('AccessDeniedException');
    expect(
      refused(() => checkDynamoDbCall(list, 'QueryCommand', query('GSI1', 'GSI1PK', 'CONTRACTORS'))),
    ).toBe('AccessDeniedException');
    expect(
      refused(() => checkDynamoDbCall(list, 'QueryCommand', query('GSI2', 'GSI2PK', 'PROJECTS#pur1'))),
    ).toBe('AccessDeniedException');
    const named = {
      ...query(undefined, '#p', 'PROJECT#p1'),
      ExpressionAttributeNames: { '#p': 'PK' },
    };
    expect(refused(() => checkDynamoDbCall(grants('listBids'), 'QueryCommand', named))).toBe('allowed');
  });

  it('TransactWriteItems: each part as its own action on its own key', () => {
    const submit = grants('submitBid');
    const transaction = (extra: object) => ({
      TransactItems: [
        { Put: { Item: { PK: 'PROJECT#p1', SK: 'BID#c1' } } },
        { Put: { Item: { PK: 'AUDIT#bid#p1', SK: '0000000001' } } },
        { ConditionCheck: { Key: { PK: 'CONTRACTOR#c1', SK: 'PROFILE' } } },
        extra,
      ],
    });
    expect(refused(() => checkDynamoDbCall(submit, 'TransactWriteCommand', transaction({})))).toBe('allowed');
    expect(
      refused(() =>
        checkDynamoDbCall(
          submit,
          'TransactWriteCommand',
          transaction({ Delete: { Key: { PK: 'PROJECT#p1' } } }),
        ),
      ),
    ).toBe('AccessDeniedException');
    expect(
      refused(() =>
        checkDynamoDbCall(
          submit,
          'TransactWriteCommand',
          transaction({ Update: { Key: { PK: 'BUDGET#b1' } } }),
        ),
      ),
    ).toBe('AccessDeniedException');
    // A read-only route writes nothing, not even an audit entry.
    expect(
      refused(() => checkDynamoDbCall(grants('getOwnBid'), 'TransactWriteCommand', transaction({}))),
    ).toBe('AccessDeniedException');
  });

  it('Scan, BatchGetItem and DescribeTable are granted to no function', () => {
    for (const command of ['ScanCommand', 'BatchGetCommand', 'DescribeTableCommand', 'BatchWriteCommand']) {
      expect(
        refused(() => checkDynamoDbCall(grants('getProject'), command, { TableName: 't' })),
        command,
      ).toBe('AccessDeniedException');
    }
  });
});

describe('S3 calls are held to the declaration', () => {
  it('GetObject on its key pattern only; HeadBucket only where listing is declared', () => {
    const read = grants('getDocument');
    expect(
      refused(() => checkS3Call(read, 'GetObjectCommand', { Key: 'contractors/c1/conditions/2/d1' })),
    ).toBe('allowed');
    expect(refused(() => checkS3Call(read, 'GetObjectCommand', { Key: 'contractors/bids/o1' }))).toBe(
      'AccessDenied',
    );
    expect(
      refused(() => checkS3Call(read, 'PutObjectCommand', { Key: 'contractors/c1/conditions/2/d1' })),
    ).toBe('AccessDenied');
    expect(refused(() => checkS3Call(read, 'HeadBucketCommand', {}))).toBe('AccessDenied');
    expect(refused(() => checkS3Call(grants('healthDeep'), 'HeadBucketCommand', {}))).toBe('allowed');
    expect(
      refused(() => checkS3Call(grants('healthDeep'), 'GetObjectCommand', { Key: 'contractors/bids/o1' })),
    ).toBe('AccessDenied');
  });
});

describe('the handlers’ own clients are guarded while a handler runs (and only then)', () => {
  beforeAll(async () => {
    // Nothing listens there: a call the guard lets through fails on the connection, never with AccessDenied.
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', 'http://127.0.0.1:9');
    vi.stubEnv('AWS_ENDPOINT_URL_S3', 'http://127.0.0.1:9');
    vi.stubEnv('AWS_REGION', 'cn-north-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'x');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'x');
    vi.stubEnv('BUCKET_NAME', 'documents');
    vi.stubEnv('S3_FORCE_PATH_STYLE', 'true');
    await guardHandlerClients();
  });
  afterAll(() => vi.unstubAllEnvs());

  it('the document client refuses an undeclared partition before sending it, allows a declared one', async () => {
    const { documentClient } = await import('#shared/adapters/dynamodb/client');
    const as = (name: keyof typeof routes, command: object) =>
      runWithGrants(grants(name), () => documentClient.send(command as never));
    await expect(
      as('getPublicCatalog', new GetCommand({ TableName: 't', Key: { PK: 'PROJECT#p1', SK: 'BID#c1' } })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(as('getPublicCatalog', new ScanCommand({ TableName: 't' }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    await expect(
      as('getOwnBid', new PutCommand({ TableName: 't', Item: { PK: 'PROJECT#p1', SK: 'BID#c1' } })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(
      as('submitBid', new DeleteCommand({ TableName: 't', Key: { PK: 'PROJECT#p1', SK: 'BID#c1' } })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(
      as(
        'listProjects',
        new QueryCommand({
          TableName: 't',
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': 'PROJECT#p1' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(
      as(
        'getProject',
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: 't', Item: { PK: 'PROJECT#p1' } } }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const allowed = as(
      'getProject',
      new GetCommand({ TableName: 't', Key: { PK: 'PROJECT#p1', SK: 'PROJECT' } }),
    );
    await expect(allowed).rejects.not.toMatchObject({ name: 'AccessDeniedException' });
    // Outside an invocation (seeding, the workflow runner's store, a test's own reads) nothing is checked.
    await expect(
      documentClient.send(
        new GetCommand({ TableName: 't', Key: { PK: 'PROJECT#p1', SK: 'BID#c1' } }) as never,
      ),
    ).rejects.not.toMatchObject({ name: 'AccessDeniedException' });
  }, 20_000);

  it('a presigned POST is refused unless its key is under a declared put pattern; a presigned GET likewise', async () => {
    const { s3 } = await import('#shared/adapters/s3/document-storage');
    const post = (Key: string) => createPresignedPost(s3, { Bucket: 'documents', Key, Expires: 60 });
    const download = (Key: string) =>
      getSignedUrl(s3, new GetObjectCommand({ Bucket: 'documents', Key }), { expiresIn: 60 });
    const evidence = 'contractors/c1/conditions/2/d1';
    await expect(runWithGrants(grants('requestDocumentUpload'), () => post(evidence))).resolves.toMatchObject(
      {
        fields: { key: evidence },
      },
    );
    await expect(runWithGrants(grants('getDocument'), () => post(evidence))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    await expect(
      runWithGrants(grants('requestDocumentUpload'), () => post('contractors/bids/o1')),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(runWithGrants(grants('getDocument'), () => download(evidence))).resolves.toContain(
      'conditions',
    );
    await expect(runWithGrants(grants('getBidDocument'), () => download(evidence))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    // Outside an invocation a form is signed as before.
    await expect(post('contractors/bids/o1')).resolves.toMatchObject({
      fields: { key: 'contractors/bids/o1' },
    });
  });
});

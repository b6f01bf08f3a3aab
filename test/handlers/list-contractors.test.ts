import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/contractors/list-contractors';
import { routes } from '#functions/routes';
import type { RequestOptions } from './support';
import { sealed } from './personal-data-fixtures';
import {
  CONTRACTOR_ID,
  OTHER_CONTRACTOR_ID,
  apiEvent,
  claims,
  contractor,
  contractorItem,
  expectInternalError,
  json,
  lambdaContext,
  problem,
} from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const first = contractorItem(contractor());
const second = contractorItem(
  contractor({ id: OTHER_CONTRACTOR_ID, createdAt: '2025-01-03T09:00:00.000+08:00' }),
);
const lastKey = { PK: second.PK, SK: second.SK, GSI1PK: second.GSI1PK, GSI1SK: second.GSI1SK };
const cursorOf = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');

const list = (options: RequestOptions = {}) =>
  handler(apiEvent(routes.listContractors, { claims: claims.town, ...options }), lambdaContext());

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(QueryCommand).resolves({ Items: [first, second], LastEvaluatedKey: lastKey });
});

describe('GET /v1/contractors', () => {
  it('queries the registration-order index, 25 by default, and answers views with a cursor', async () => {
    // Act
    const result = await list();

    // Assert
    expect(result.statusCode).toBe(200);
    const body = json<{ items: { id: string }[]; cursor?: string }>(result);
    expect(body.items.map((c) => c.id)).toEqual([CONTRACTOR_ID, OTHER_CONTRACTOR_ID]);
    expect(body.items[0]).not.toHaveProperty('GSI1SK');
    expect(body.cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(QueryCommand, {
      TableName: 'assistance',
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': 'CONTRACTORS' },
      Limit: 25,
      ScanIndexForward: true,
    });
  });

  it('continues from a cursor it gave out', async () => {
    // Arrange
    const given = json<{ cursor: string }>(await list()).cursor;

    // Act
    const result = await list({ query: { limit: '2', cursor: given } });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, { Limit: 2, ExclusiveStartKey: lastKey });
  });

  it('answers 400 naming cursor for a cursor into another partition, without a Query', async () => {
    // Arrange
    const forged = cursorOf({
      PK: 'PURCHASER#pur-town-1',
      SK: 'PROFILE',
      GSI1PK: 'PURCHASERS',
      GSI1SK: 'town#pur-town-1',
    });

    // Act
    const result = await list({ query: { cursor: forged } });

    // Assert
    expect(problem(result, 400).errors).toEqual([expect.objectContaining({ in: 'query', field: 'cursor' })]);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 400 naming limit above 100', async () => {
    // Act
    const result = await list({ query: { limit: '101' } });

    // Assert
    expect(problem(result, 400).errors?.map((e) => e.field)).toEqual(['limit']);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 403 to a contractor and to a partner portal', async () => {
    // Act
    const asContractor = await list({ claims: claims.contractor(CONTRACTOR_ID) });
    const asPortal = await list({ claims: claims.portal });

    // Assert
    problem(asContractor, 403);
    problem(asPortal, 403);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers a bare 500 when the Query fails', async () => {
    // Arrange
    ddbMock.on(QueryCommand).rejects(new Error('ValidationException: GSI1 missing'));

    // Act
    const result = await list();

    // Assert
    expectInternalError(result, 'GSI1 missing');
  });

  it('shows every role masks only, for records stored sealed and in clear alike, with no seal opened (issue 11 §6)', async () => {
    // Arrange: a natural person stored in clear (before the seal) and one stored sealed, in one page.
    const person = contractor({
      kind: 'natural_person',
      nonProfit: false,
      creditCode: '11010519491231002X',
      contact: { name: '张伟', phone: '13912345678', email: 'zhang.wei@example.cn' },
    });
    const sealedPerson = await sealed({ ...person, id: OTHER_CONTRACTOR_ID });
    ddbMock.on(QueryCommand).resolves({ Items: [contractorItem(person), contractorItem(sealedPerson)] });
    const masked = {
      creditCode: '110105**********2X',
      contact: { name: '张伟', phone: '139****5678', email: 'z***@example.cn' },
    };

    // Act
    const answers = await Promise.all(
      [claims.bureau, claims.town, claims.auditor].map((c) => list({ claims: c })),
    );

    // Assert: one Query per list, and a record is opened only on its own view (GET /v1/contractors/{id}).
    for (const answer of answers) {
      const { items } = json<{ items: { creditCode: string; contact: object }[] }>(answer);
      expect(items.map((c) => ({ creditCode: c.creditCode, contact: c.contact }))).toEqual([masked, masked]);
      expect(answer.body).not.toContain('13912345678');
    }
    expect(ddbMock).toHaveReceivedCommandTimes(QueryCommand, 3);
    expect(ddbMock.calls()).toHaveLength(3);
  });
});

import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as createLine } from '#functions/budget/create-budget-line';
import { handler as getLine } from '#functions/budget/get-budget-line';
import { handler as listLines } from '#functions/budget/list-budget-lines';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { RequestOptions } from './support';
import {
  apiEvent,
  canceled,
  claims,
  expectInternalError,
  json,
  lambdaContext,
  problem,
  transactItems,
} from './support';
import {
  LINE_ID,
  budgetLine,
  budgetLineItem,
  financeClaims,
  otherTownClaims,
  purchaserItem,
} from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2025-03-10T02:00:00.000Z');
const NOW_ISO = '2025-03-10T10:00:00.000+08:00';
const KEY = 'line-key-0001';

const body = { purchaserId: 'pur-town-1', fiscalYear: 2025, source: 'working_funds', amount: 12_000_000 };

const create = (options: RequestOptions = {}) =>
  createLine(apiEvent(routes.createBudgetLine, { claims: claims.town, body, ...options }), lambdaContext());
const get = (options: RequestOptions = {}) =>
  getLine(
    apiEvent(routes.getBudgetLine, { claims: claims.town, params: { id: LINE_ID }, ...options }),
    lambdaContext(),
  );
const list = (options: RequestOptions = {}) =>
  listLines(apiEvent(routes.listBudgetLines, { claims: claims.town, ...options }), lambdaContext());

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock
    .on(GetCommand, { Key: keys.purchaser('pur-town-1') })
    .resolves({ Item: purchaserItem('pur-town-1') });
  ddbMock.on(TransactWriteCommand).resolves({});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('POST /v1/budget-lines', () => {
  it('R-FUND-1: opens a line in one transaction: the line under its purchaser-and-year index, and its audit entry', async () => {
    // Act
    const result = await create();

    // Assert
    expect(result.statusCode).toBe(201);
    const line = json<{ id: string }>(result);
    expect(line).toEqual({
      id: expect.stringMatching(/^bl_[0-9a-z]{20}$/),
      purchaserId: 'pur-town-1',
      fiscalYear: 2025,
      source: 'working_funds',
      amount: 12_000_000,
      committed: 0,
      paid: 0,
      available: 12_000_000,
      currency: 'CNY',
      version: 1,
      createdAt: NOW_ISO,
      updatedAt: NOW_ISO,
    });
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, { Key: keys.purchaser('pur-town-1') });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: {
        PK: `BUDGET#${line.id}`,
        SK: 'LINE',
        GSI1PK: 'BUDGETLINES#pur-town-1',
        GSI1SK: `2025#${NOW_ISO}#${line.id}`,
        recordType: 'budget-line',
        available: 12_000_000,
        unpaid: 0,
        createdBy: { sub: 'u-town', role: 'town' },
      },
    });
    expect(items[1]?.Put?.Item).toMatchObject({
      PK: `AUDIT#budget-line#${line.id}`,
      SK: '0000000001',
      action: 'budget-line.opened',
    });
  });

  it('remembers the outcome under the Idempotency-Key in the same transaction', async () => {
    // Act
    const result = await create({ headers: { 'Idempotency-Key': KEY } });

    // Assert
    expect(result.statusCode).toBe(201);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(3);
    expect(items[2]?.Put?.Item).toMatchObject({ recordType: 'idempotency', result: { status: 201 } });
  });

  it('lets the bureau and finance open lines for any purchaser of the district', async () => {
    // Arrange
    ddbMock
      .on(GetCommand, { Key: keys.purchaser('pur-town-2') })
      .resolves({ Item: purchaserItem('pur-town-2') });

    // Act
    const asBureau = await create({ claims: claims.bureau, body: { ...body, purchaserId: 'pur-town-2' } });
    const asFinance = await create({ claims: financeClaims, body: { ...body, purchaserId: 'pur-town-2' } });

    // Assert
    expect(asBureau.statusCode).toBe(201);
    expect(asFinance.statusCode).toBe(201);
  });

  it('R-BUY-1: answers 404 naming purchaserId when a town opens a line for another purchaser, without any read', async () => {
    // Act
    const result = await create({ claims: otherTownClaims });

    // Assert
    expect(problem(result, 404).errors).toEqual([
      expect.objectContaining({ in: 'body', field: 'purchaserId' }),
    ]);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 404 naming purchaserId for a purchaser that does not exist', async () => {
    // Act
    const result = await create({ claims: claims.bureau, body: { ...body, purchaserId: 'pur-nowhere' } });

    // Assert
    expect(problem(result, 404).errors?.map((e) => e.field)).toEqual(['purchaserId']);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it.each([
    ['amount', { ...body, amount: 0 }],
    ['amount', { ...body, amount: 1.5 }],
    ['source', { ...body, source: 'loans' }],
    ['fiscalYear', { ...body, fiscalYear: 1999 }],
    ['purchaserId', { ...body, purchaserId: 'x' }],
  ])('answers 400 naming %s for a bad body, before any read', async (field, bad) => {
    // Act
    const result = await create({ body: bad });

    // Assert
    expect(problem(result, 400).errors?.map((e) => e.field)).toEqual([field]);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it.each([
    ['auditor', claims.auditor],
    ['contractor', claims.contractor('ctr_01jabcdefg0123456789')],
  ])('answers 403 to the %s role', async (_role, who) => {
    expect((await create({ claims: who })).statusCode).toBe(403);
  });

  it('answers a plain 500 when the purchaser read fails', async () => {
    // Arrange
    ddbMock.on(GetCommand).rejects(new Error('ProvisionedThroughputExceeded on pur-town-1'));

    // Act / Assert
    expectInternalError(await create(), 'pur-town-1');
  });

  it('answers a plain 500 when the transaction fails for another reason than a condition', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(new Error('InternalServerError in TransactWriteItems'));

    // Act / Assert
    expectInternalError(await create(), 'TransactWriteItems');
  });

  it('answers 409 when the same line id was taken meanwhile (the Put condition failed)', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None'));

    // Act / Assert
    problem(await create(), 409);
  });
});

describe('GET /v1/budget-lines/{id}', () => {
  it('R-FUND-2: answers amount, committed, paid and available with the version as ETag, never the bookkeeping', async () => {
    // Arrange
    const line = budgetLine({
      committed: 20_000_000,
      available: 30_000_000,
      paid: 5_000_000,
      unpaid: 15_000_000,
      version: 4,
    });
    ddbMock.on(GetCommand, { Key: keys.budgetLine(LINE_ID) }).resolves({ Item: budgetLineItem(line) });

    // Act
    const result = await get();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"4"');
    const body = json(result);
    expect(body).toMatchObject({
      amount: 50_000_000,
      committed: 20_000_000,
      paid: 5_000_000,
      available: 30_000_000,
    });
    expect(body).not.toHaveProperty('unpaid');
    expect(body).not.toHaveProperty('GSI1PK');
    expect(body).not.toHaveProperty('createdBy');
  });

  it('R-BUY-1: answers 404 to a town for another purchaser’s line, as for a missing one', async () => {
    // Arrange
    ddbMock
      .on(GetCommand, { Key: keys.budgetLine(LINE_ID) })
      .resolves({ Item: budgetLineItem(budgetLine()) });
    ddbMock.on(GetCommand, { Key: keys.budgetLine('bl_missing00000') }).resolves({});

    // Act
    const theirs = await get({ claims: otherTownClaims });
    const missing = await get({ params: { id: 'bl_missing00000' } });

    // Assert
    expect(problem(theirs, 404).detail).toBe(problem(missing, 404).detail);
  });

  it('lets finance and audit read every purchaser’s lines', async () => {
    // Arrange
    ddbMock.on(GetCommand).resolves({ Item: budgetLineItem(budgetLine()) });

    // Act / Assert
    expect((await get({ claims: financeClaims })).statusCode).toBe(200);
    expect((await get({ claims: claims.auditor })).statusCode).toBe(200);
  });

  it('answers a plain 500 when the read fails', async () => {
    // Arrange
    ddbMock.on(GetCommand).rejects(new Error('socket hang up at BUDGET#'));

    // Act / Assert
    expectInternalError(await get(), 'BUDGET#');
  });
});

describe('GET /v1/budget-lines', () => {
  const item = budgetLineItem(budgetLine());
  const lastKey = { PK: item.PK, SK: item.SK, GSI1PK: item.GSI1PK, GSI1SK: item.GSI1SK };
  /** The cursor the route gives out for the 2025 page (opaque and bound to its query, issue 10 §1). */
  const cursorFor2025 = async () =>
    json<{ cursor: string }>(await list({ query: { fiscalYear: '2025', limit: '10' } })).cursor;

  beforeEach(() => {
    ddbMock.on(QueryCommand).resolves({ Items: [item], LastEvaluatedKey: lastKey });
  });

  it("queries the caller's own purchaser by default, newest first, narrowed to a fiscal year", async () => {
    // Act
    const result = await list({ query: { fiscalYear: '2025', limit: '10' } });

    // Assert
    expect(result.statusCode).toBe(200);
    const body = json<{ items: { id: string }[]; cursor: string }>(result);
    expect(body.items.map((l) => l.id)).toEqual([LINE_ID]);
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(QueryCommand, {
      TableName: 'assistance',
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
      ExpressionAttributeValues: { ':pk': 'BUDGETLINES#pur-town-1', ':prefix': '2025#' },
      Limit: 10,
      ScanIndexForward: false,
    });
    // The cursor given out continues the same query from the last key of the page.
    ddbMock.resetHistory();
    expect((await list({ query: { fiscalYear: '2025', limit: '10', cursor: body.cursor } })).statusCode).toBe(
      200,
    );
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
      ExpressionAttributeValues: { ':pk': 'BUDGETLINES#pur-town-1', ':prefix': '2025#' },
      ExclusiveStartKey: lastKey,
    });
  });

  it('lets the bureau list another purchaser’s lines, every year', async () => {
    // Act
    const result = await list({ claims: claims.bureau, query: { purchaserId: 'pur-town-2' } });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': 'BUDGETLINES#pur-town-2' },
    });
  });

  it('R-BUY-1: answers 404 naming purchaserId when a town lists another purchaser, without a query', async () => {
    // Act
    const result = await list({ query: { purchaserId: 'pur-town-2' } });

    // Assert
    expect(problem(result, 404).errors).toEqual([
      expect.objectContaining({ in: 'query', field: 'purchaserId' }),
    ]);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 400 naming purchaserId when the caller has no purchaser and names none', async () => {
    // Act
    const result = await list({ claims: claims.auditor });

    // Assert
    expect(problem(result, 400).errors).toEqual([
      expect.objectContaining({ in: 'query', field: 'purchaserId' }),
    ]);
  });

  it('answers 400 naming cursor for a cursor of another fiscal year, before querying', async () => {
    // Arrange
    const cursor = await cursorFor2025();
    ddbMock.resetHistory();

    // Act
    const result = await list({ query: { fiscalYear: '2024', cursor } });

    // Assert
    expect(problem(result, 400).errors?.map((e) => e.field)).toEqual(['cursor']);
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
  });

  it('answers a plain 500 when the query fails', async () => {
    // Arrange
    ddbMock.on(QueryCommand).rejects(new Error('ValidationException on GSI1'));

    // Act / Assert
    expectInternalError(await list(), 'GSI1');
  });
});

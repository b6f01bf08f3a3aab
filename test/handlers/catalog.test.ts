import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as addCatalogItem } from '#functions/catalog/add-catalog-item';
import { handler as getPublicCatalog } from '#functions/catalog/get-public-catalog';
import { handler as refineStandard } from '#functions/catalog/refine-standard';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { canonicalJson } from '#shared/domain/audit-chain';
import type { CatalogItem, NegativeListEntry } from '#shared/domain/catalog';
import { NEGATIVE_LIST, POLICY_CATALOG } from '#shared/domain/catalog-seed';
import type { RequestOptions } from './support';
import {
  apiEvent,
  canceled,
  claims,
  expectInternalError,
  head,
  json,
  lambdaContext,
  problem,
  putItem,
  sha256,
  transactItems,
} from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2025-03-10T02:00:00.000Z');
const NOW_ISO = '2025-03-10T10:00:00.000+08:00';

const policyItem = POLICY_CATALOG[0] as CatalogItem;
const itemRow = (item: CatalogItem) => ({
  ...keys.catalogItem(item.code),
  recordType: 'catalog-item',
  ...item,
  kind: 'item',
  ...head(item.version),
});
const negativeRow = (entry: NegativeListEntry) => ({
  ...keys.negativeListEntry(entry.code),
  recordType: 'negative-list',
  ...entry,
  kind: 'negative',
});
const catalogRows = [itemRow(policyItem), ...NEGATIVE_LIST.map(negativeRow)];

const standard = {
  summary: 'Hot meals delivered to recipients who cannot cook for themselves.',
  indicators: [
    {
      code: 'meals_delivered_pct',
      description: 'Ordered meals delivered on time',
      unit: '%',
      target: 98,
      comparison: '>=',
    },
  ],
};
const newItem = {
  code: 'C-MEAL-DELIVERY',
  group: 'C',
  nameZh: '助餐配送',
  nameEn: 'Meal delivery',
  standard,
};

/**
 * Issue 10 §1: numbers JSON allows but DynamoDB (1e308, -1e308, 5e-324) or the SDK's marshaller (integers above
 * 2^53) refuses, written into the body as a client would send them.
 */
const UNSTORABLE = ['1e308', '-1e308', '5e-324', '9007199254740993'] as const;
function withNumberAt(body: unknown, path: readonly (string | number)[], literal: string): string {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = '__NUMBER__';
  return JSON.stringify(copy).replace('"__NUMBER__"', literal);
}

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(QueryCommand).resolves({ Items: catalogRows });
  ddbMock.on(TransactWriteCommand).resolves({});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('GET /v1/public/catalog', () => {
  const read = () => getPublicCatalog(apiEvent(routes.getPublicCatalog), lambdaContext());

  it('answers items and the negative list from one partition Query, without a token, cacheable (R-CAT-1, R-CAT-3)', async () => {
    // Act
    const result = await read();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['cache-control']).toBe('public, max-age=60');
    const body = json<{ items: Record<string, unknown>[]; negativeList: Record<string, unknown>[] }>(result);
    expect(body.items).toEqual([policyItem]);
    expect(body.negativeList).toEqual(NEGATIVE_LIST);
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(QueryCommand, {
      TableName: 'assistance',
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'CATALOG' },
    });
    expect(ddbMock.calls()).toHaveLength(1);
  });

  it('follows LastEvaluatedKey until the partition is read whole', async () => {
    // Arrange
    const lastKey = keys.catalogItem(policyItem.code);
    ddbMock
      .on(QueryCommand)
      .resolvesOnce({ Items: [itemRow(policyItem)], LastEvaluatedKey: lastKey })
      .resolves({ Items: NEGATIVE_LIST.map(negativeRow) });

    // Act
    const result = await read();

    // Assert
    expect(json<{ negativeList: unknown[] }>(result).negativeList).toHaveLength(NEGATIVE_LIST.length);
    expect(ddbMock).toHaveReceivedCommandTimes(QueryCommand, 2);
    expect(ddbMock).toHaveReceivedNthCommandWith(QueryCommand, 2, { ExclusiveStartKey: lastKey });
  });

  it('answers a bare 500 when the Query fails', async () => {
    // Arrange
    ddbMock.on(QueryCommand).rejects(new Error('ResourceNotFoundException: assistance'));

    // Act
    const result = await read();

    // Assert
    expectInternalError(result, 'ResourceNotFoundException');
  });
});

describe('POST /v1/catalog/items', () => {
  const add = (options: RequestOptions = {}) =>
    addCatalogItem(
      apiEvent(routes.addCatalogItem, { claims: claims.bureau, body: newItem, ...options }),
      lambdaContext(),
    );

  it('adds a district item with its audit entry in one transaction (R-CAT-2, R-CAT-4)', async () => {
    // Act
    const result = await add();

    // Assert
    expect(result.statusCode).toBe(201);
    expect(result.headers?.etag).toBe('"1"');
    expect(json(result)).toEqual({ ...newItem, origin: 'district', version: 1 });
    expect(ddbMock).toHaveReceivedCommandTimes(QueryCommand, 1);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: {
        PK: 'CATALOG',
        SK: 'ITEM#C-MEAL-DELIVERY',
        recordType: 'catalog-item',
        kind: 'item',
        origin: 'district',
        version: 1,
      },
    });
    expect(items[1]?.Put?.Item).toMatchObject({
      PK: 'AUDIT#catalog-item#C-MEAL-DELIVERY',
      SK: '0000000001',
      action: 'catalog-item.added',
      at: NOW_ISO,
      prevHash: '0'.repeat(64),
    });
  });

  it('refuses an item that falls on the negative list with 422 and the reason (R-CAT-3)', async () => {
    // Act
    const result = await add({
      body: { ...newItem, code: 'C-FUND-AGENT', nameZh: '救助资金发放代理', nameEn: 'Fund agent' },
    });

    // Assert
    const p = problem(result, 422);
    expect(p.rule).toBe('R-CAT-3');
    expect(p.detail).toContain('NEG-FUND-DISBURSEMENT');
    expect(p.errors?.map((e) => e.field)).toEqual(['nameZh']);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 409 naming code when the code is already in the catalog', async () => {
    // Act
    const result = await add({ body: { ...newItem, code: policyItem.code, group: policyItem.group } });

    // Assert
    expect(problem(result, 409).errors?.map((e) => e.field)).toEqual(['code']);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 400 naming standard.indicators when an indicator code repeats (R-CAT-4)', async () => {
    // Arrange
    const indicator = standard.indicators[0];
    const body = { ...newItem, standard: { ...standard, indicators: [indicator, indicator] } };

    // Act
    const result = await add({ body });

    // Assert
    const p = problem(result, 400);
    expect(p.rule).toBe('R-CAT-4');
    expect(p.errors?.map((e) => e.field)).toEqual(['standard.indicators']);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it.each([
    ['code', { ...newItem, group: 'A' }],
    ['standard.indicators', { ...newItem, standard: { ...standard, indicators: [] } }],
    [
      'standard.indicators.0.comparison',
      { ...newItem, standard: { ...standard, indicators: [{ ...standard.indicators[0], comparison: '>' }] } },
    ],
  ])('answers 400 naming %s for a body that breaks the schema', async (field, body) => {
    // Act
    const result = await add({ body });

    // Assert
    expect(problem(result, 400).errors?.map((e) => e.field)).toEqual([field]);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it.each(UNSTORABLE)(
    'answers 400 naming standard.indicators.0.target for a target of %s, writing nothing (issue 10 §1)',
    async (literal) => {
      // Act
      const result = await add({
        body: withNumberAt(newItem, ['standard', 'indicators', 0, 'target'], literal),
      });

      // Assert
      expect(problem(result, 400).errors?.map((e) => e.field)).toEqual(['standard.indicators.0.target']);
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    },
  );

  it('answers 403 to a town', async () => {
    // Act
    const result = await add({ claims: claims.town });

    // Assert
    problem(result, 403);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 409 when the item was created meanwhile (ConditionalCheckFailed on the item)', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None'));

    // Act
    const result = await add();

    // Assert
    problem(result, 409);
  });

  it('answers a bare 500 when reading the catalog fails, and writes nothing', async () => {
    // Arrange
    ddbMock.on(QueryCommand).rejects(new Error('InternalServerError: catalog'));

    // Act
    const result = await add();

    // Assert
    expectInternalError(result, 'InternalServerError');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers a bare 500 when the write fails for another reason', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(new Error('ValidationException: item size'));

    // Act
    const result = await add();

    // Assert
    expectInternalError(result, 'ValidationException');
  });

  it('replays a stored outcome for the same Idempotency-Key without reading the catalog or writing', async () => {
    // Arrange
    const KEY = 'catalog-meal-delivery-1';
    const bodyText = JSON.stringify(newItem);
    const stored = { status: 201, body: { ...newItem, origin: 'district', version: 1 }, version: 1 };
    ddbMock.on(GetCommand).resolves({
      // Issue 12 §2: the hash is of the canonical body (keys sorted), however the JSON was spaced or ordered.
      Item: {
        requestHash: sha256(canonicalJson(newItem)),
        result: stored,
        expiresAt: NOW.getTime() / 1000 + 60,
      },
    });

    // Act
    const result = await add({ headers: { 'Idempotency-Key': KEY }, body: bodyText });

    // Assert
    expect(result.statusCode).toBe(201);
    expect(result.headers).toMatchObject({
      'idempotency-replayed': 'true',
      etag: '"1"',
      location: '/v1/public/catalog',
    });
    expect(json(result)).toEqual(stored.body);
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
      Key: { PK: `IDEMPOTENCY#u-bureau#POST /v1/catalog/items#${KEY}`, SK: 'IDEMPOTENCY' },
    });
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

describe('PUT /v1/catalog/items/{code}/standard', () => {
  const refined = {
    summary: policyItem.standard.summary,
    indicators: [
      ...policyItem.standard.indicators,
      {
        code: 'complaints',
        description: 'Substantiated complaints',
        unit: 'complaints',
        target: 0,
        comparison: '<=',
      },
    ],
  };
  const refine = (options: RequestOptions = {}) =>
    refineStandard(
      apiEvent(routes.refineStandard, {
        claims: claims.bureau,
        params: { code: policyItem.code },
        headers: { 'If-Match': '"1"' },
        body: refined,
        ...options,
      }),
      lambdaContext(),
    );

  beforeEach(() => {
    ddbMock.on(GetCommand).resolves({ Item: itemRow(policyItem) });
  });

  it('replaces the standard, conditional on the version, with the next audit entry (R-CAT-4, R-SUP-2)', async () => {
    // Act
    const result = await refine();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"2"');
    expect(json(result)).toEqual({ ...policyItem, standard: refined, version: 2 });
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
      Key: keys.catalogItem(policyItem.code),
    });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 1 },
      Item: {
        ...keys.catalogItem(policyItem.code),
        kind: 'item',
        version: 2,
        standard: refined,
        auditSeq: 2,
      },
    });
    expect(putItem(items, 1)).toMatchObject({
      PK: `AUDIT#catalog-item#${policyItem.code}`,
      SK: '0000000002',
      action: 'catalog-item.standard_refined',
      prevHash: head(1).auditHash,
    });
  });

  it('answers 428 without If-Match and 412 with a stale one, writing nothing', async () => {
    // Act
    const missing = await refine({ headers: {} });
    const stale = await refine({ headers: { 'If-Match': '"7"' } });

    // Assert
    problem(missing, 428);
    problem(stale, 412);
    expect(ddbMock).toHaveReceivedCommandTimes(GetCommand, 1);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 400 naming standard.indicators when an indicator code repeats (R-CAT-4)', async () => {
    // Arrange
    const indicator = policyItem.standard.indicators[0];

    // Act
    const result = await refine({ body: { ...refined, indicators: [indicator, indicator] } });

    // Assert
    expect(problem(result, 400).rule).toBe('R-CAT-4');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it.each(UNSTORABLE)(
    'answers 400 naming indicators.1.target for a target of %s, writing nothing (issue 10 §1)',
    async (literal) => {
      // Act
      const result = await refine({ body: withNumberAt(refined, ['indicators', 1, 'target'], literal) });

      // Assert
      expect(problem(result, 400).errors?.map((e) => e.field)).toEqual(['indicators.1.target']);
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    },
  );

  it('answers 404 for an item not in the catalog', async () => {
    // Arrange
    ddbMock.on(GetCommand).resolves({});

    // Act
    const result = await refine({ params: { code: 'C-UNKNOWN' } });

    // Assert
    problem(result, 404);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 400 naming code for a code of the wrong shape, and 403 to a town', async () => {
    // Act
    const badCode = await refine({ params: { code: 'NEG-FUND-DISBURSEMENT' } });
    const asTown = await refine({ claims: claims.town });

    // Assert
    expect(problem(badCode, 400).errors).toEqual([expect.objectContaining({ in: 'path', field: 'code' })]);
    problem(asTown, 403);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 412 when the item changed between the read and the write', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None'));

    // Act
    const result = await refine();

    // Assert
    problem(result, 412);
  });

  it('answers a bare 500 when the read fails', async () => {
    // Arrange
    ddbMock.on(GetCommand).rejects(new Error('ServiceUnavailable'));

    // Act
    const result = await refine();

    // Assert
    expectInternalError(result, 'ServiceUnavailable');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

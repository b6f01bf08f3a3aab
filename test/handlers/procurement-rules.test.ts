import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as createProject } from '#functions/projects/create-project';
import { handler as updateProject } from '#functions/projects/update-project';
import { handler as getRules } from '#functions/purchasers/get-procurement-rules';
import { handler as setRules } from '#functions/purchasers/set-procurement-rules';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { DEFAULT_RULES } from '#shared/domain/procurement-rules';
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
  transactItems,
} from './support';
import {
  LINE_ID,
  PROJECT_ID,
  budgetLine,
  budgetLineItem,
  catalogRows,
  otherTownClaims,
  project,
  projectBody,
  projectItem,
  purchaserItem,
  rulesItem,
  storedRules,
} from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2025-03-10T02:00:00.000Z');
const NOW_ISO = '2025-03-10T10:00:00.000+08:00';
const rulesKey = keys.procurementRules('pur-town-1');

const stricter = {
  ...structuredClone(DEFAULT_RULES),
  procurementLawThreshold: 200_000_000,
  methods: {
    ...structuredClone(DEFAULT_RULES.methods),
    open_tender: { minimumPeriodDays: 25, minimumBidders: 4 },
  },
};

const get = (options: RequestOptions = {}) =>
  getRules(
    apiEvent(routes.getProcurementRules, { claims: claims.town, params: { id: 'pur-town-1' }, ...options }),
    lambdaContext(),
  );
const put = (options: RequestOptions = {}) =>
  setRules(
    apiEvent(routes.setProcurementRules, {
      claims: claims.bureau,
      params: { id: 'pur-town-1' },
      headers: { 'If-Match': '"0"' },
      body: stricter,
      ...options,
    }),
    lambdaContext(),
  );

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

describe('GET /v1/purchasers/{id}/procurement-rules', () => {
  it('R-PROC-2: answers the defaults as version 0 while nothing is stored, with each method’s unit and Chinese name', async () => {
    // Act
    const result = await get();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"0"');
    const body = json<Record<string, unknown>>(result);
    expect(body).toMatchObject({
      purchaserId: 'pur-town-1',
      procurementLawThreshold: 100_000_000,
      priceWeight: { min: 10, max: 30 },
      configured: false,
      version: 0,
      methods: {
        open_tender: {
          nameZh: '公开招标',
          minimumPeriodDays: 20,
          periodUnit: 'calendar_days',
          minimumBidders: 3,
        },
        competitive_negotiation: { minimumPeriodDays: 3, periodUnit: 'working_days' },
        single_source: { minimumPeriodDays: 5, periodUnit: 'working_days', minimumBidders: 1 },
      },
    });
    expect(body).not.toHaveProperty('periodOverrideSeconds');
    expect(ddbMock).toHaveReceivedCommandTimes(GetCommand, 2);
    expect(ddbMock).toHaveReceivedCommandWith(GetCommand, { Key: rulesKey });
  });

  it('shows the deployment’s seconds override of every period when it is configured (embedded stack, tests)', async () => {
    // Arrange: configuration is read at cold start, so load a fresh copy of the handler with it set
    vi.resetModules();
    process.env.MINIMUM_PERIOD_SECONDS_OVERRIDE = '2';
    try {
      const { handler } = await import('#functions/purchasers/get-procurement-rules');

      // Act
      const result = await handler(
        apiEvent(routes.getProcurementRules, { claims: claims.town, params: { id: 'pur-town-1' } }),
        lambdaContext(),
      );

      // Assert
      expect(json(result)).toMatchObject({
        periodOverrideSeconds: 2,
        methods: { open_tender: { minimumPeriodDays: 20 } },
      });
    } finally {
      delete process.env.MINIMUM_PERIOD_SECONDS_OVERRIDE;
      vi.resetModules();
    }
  });

  it('answers the stored rules with their version', async () => {
    // Arrange
    ddbMock
      .on(GetCommand, { Key: rulesKey })
      .resolves({ Item: rulesItem(storedRules({ procurementLawThreshold: 5 })) });

    // Act
    const result = await get({ claims: claims.auditor });

    // Assert
    expect(result.headers?.etag).toBe('"2"');
    expect(json(result)).toMatchObject({
      procurementLawThreshold: 5,
      configured: true,
      updatedAt: '2025-03-01T09:00:00.000+08:00',
    });
  });

  it('R-BUY-1: answers 404 to a town for another purchaser, without a read', async () => {
    // Act
    const result = await get({ claims: otherTownClaims });

    // Assert
    expect(problem(result, 404).errors).toEqual([expect.objectContaining({ in: 'path', field: 'id' })]);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 404 for a purchaser that does not exist', async () => {
    problem(await get({ claims: claims.bureau, params: { id: 'pur-nowhere' } }), 404);
  });

  it('answers 403 to contractors and evaluators', async () => {
    problem(await get({ claims: claims.evaluator }), 403);
    problem(await get({ claims: claims.contractor('ctr_01jabcdefg0123456789') }), 403);
  });

  it('answers a plain 500 when a read fails', async () => {
    // Arrange
    ddbMock.on(GetCommand, { Key: rulesKey }).rejects(new Error('throttled on PROCUREMENT-RULES'));

    // Act / Assert
    expectInternalError(await get(), 'PROCUREMENT-RULES');
  });
});

describe('PUT /v1/purchasers/{id}/procurement-rules', () => {
  it('stores the first configuration on If-Match "0" as a new record with its first audit entry', async () => {
    // Act
    const result = await put();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"1"');
    expect(json(result)).toMatchObject({
      configured: true,
      version: 1,
      procurementLawThreshold: 200_000_000,
      updatedAt: NOW_ISO,
    });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: {
        ...rulesKey,
        recordType: 'procurement-rules',
        purchaserId: 'pur-town-1',
        version: 1,
        updatedBy: { sub: 'u-bureau', role: 'bureau' },
        methods: { open_tender: { minimumPeriodDays: 25, minimumBidders: 4 } },
      },
    });
    expect(items[1]?.Put?.Item).toMatchObject({
      PK: 'AUDIT#procurement-rules#pur-town-1',
      SK: '0000000001',
      action: 'procurement-rules.configured',
    });
  });

  it('changes stored rules conditional on their version, chaining the audit entry', async () => {
    // Arrange
    ddbMock.on(GetCommand, { Key: rulesKey }).resolves({ Item: rulesItem(storedRules()) });

    // Act
    const result = await put({ headers: { 'If-Match': '"2"' } });

    // Assert
    expect(result.statusCode).toBe(200);
    const items = transactItems(ddbMock);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 2 },
      Item: { version: 3 },
    });
    expect(items[1]?.Put?.Item).toMatchObject({
      SK: '0000000003',
      prevHash: head(2).auditHash,
      action: 'procurement-rules.changed',
    });
  });

  it('answers 412 for a stale If-Match, without writing', async () => {
    // Arrange
    ddbMock.on(GetCommand, { Key: rulesKey }).resolves({ Item: rulesItem(storedRules()) });

    // Act / Assert
    expect(problem(await put(), 412).detail).toContain('"2"');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 412 when another first configuration landed between the read and the write', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None'));

    // Act / Assert
    problem(await put(), 412);
  });

  it('R-PROC-2: answers 422 naming the field for a period below the law', async () => {
    // Arrange
    const looser = {
      ...stricter,
      methods: { ...stricter.methods, competitive_consultation: { minimumPeriodDays: 7, minimumBidders: 3 } },
    };

    // Act
    const result = await put({ body: looser });

    // Assert
    const p = problem(result, 422);
    expect(p.rule).toBe('R-PROC-2');
    expect(p.errors?.map((e) => e.field)).toEqual(['methods.competitive_consultation.minimumPeriodDays']);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it.each([
    ['priceWeight.max', { ...stricter, priceWeight: { min: 10, max: 101 } }],
    ['methods.single_source', { ...stricter, methods: { ...stricter.methods, single_source: undefined } }],
    ['holidays.0', { ...stricter, holidays: ['2025-13-01'] }],
  ])('answers 400 naming %s for a malformed body', async (field, body) => {
    expect(problem(await put({ body }), 400).errors?.map((e) => e.field)).toEqual([field]);
  });

  it('answers 428 without If-Match and 403 to a town', async () => {
    problem(await put({ headers: {} }), 428);
    problem(await put({ claims: claims.town }), 403);
  });

  it('answers a plain 500 when the transaction fails', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(new Error('InternalServerError at PURCHASER#pur-town-1'));

    // Act / Assert
    expectInternalError(await put(), 'PURCHASER#');
  });

  it('answers a plain 500 when the purchaser read fails', async () => {
    // Arrange
    ddbMock
      .on(GetCommand, { Key: keys.purchaser('pur-town-1') })
      .rejects(new Error('timeout reading PROFILE'));

    // Act / Assert
    expectInternalError(await put(), 'PROFILE');
  });
});

describe('R-PROC-3: the price-weight frame on every path that sets a price weight', () => {
  /** Rules stored before the frame was enforced: price could decide the award. */
  const legacy = () =>
    ddbMock
      .on(GetCommand, { Key: rulesKey })
      .resolves({ Item: rulesItem(storedRules({ priceWeight: { min: 90, max: 99 } })) });
  const criteria = (priceWeight: number) => ({
    evaluationCriteria: {
      quality: [{ code: 'service_plan', description: '服务方案', weight: 100 - priceWeight }],
      priceWeight,
    },
  });
  const arrangeProject = () => {
    ddbMock
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CATALOG' } })
      .resolves({ Items: catalogRows });
    ddbMock
      .on(GetCommand, { Key: keys.budgetLine(LINE_ID) })
      .resolves({ Item: budgetLineItem(budgetLine()) });
    ddbMock.on(GetCommand, { Key: keys.project(PROJECT_ID) }).resolves({ Item: projectItem(project()) });
  };
  const create = (priceWeight: number) =>
    createProject(
      apiEvent(routes.createProject, { claims: claims.town, body: projectBody(criteria(priceWeight)) }),
      lambdaContext(),
    );
  const update = (priceWeight: number) =>
    updateProject(
      apiEvent(routes.updateProject, {
        claims: claims.town,
        params: { id: PROJECT_ID },
        headers: { 'If-Match': '"1"' },
        body: { ...projectBody(criteria(priceWeight)), purchaserId: undefined },
      }),
      lambdaContext(),
    );

  it('PUT answers 400 problem+json naming priceWeight.min and the frame for 90–99 %, writing nothing', async () => {
    // Act
    const result = await put({ body: { ...stricter, priceWeight: { min: 90, max: 99 } } });

    // Assert
    const p = problem(result, 400);
    expect(p.rule).toBe('R-PROC-3');
    expect(p.errors?.map((e) => e.field)).toEqual(['priceWeight.min']);
    expect(p.detail).toContain('10–30 %');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it.each([
    ['priceWeight.min', { min: 5, max: 30 }],
    ['priceWeight.max', { min: 10, max: 40 }],
    ['priceWeight.max', { min: 20, max: 100 }],
  ])('PUT answers 400 naming %s for bounds %o that widen the frame', async (field, priceWeight) => {
    const p = problem(await put({ body: { ...stricter, priceWeight } }), 400);
    expect(p).toMatchObject({ rule: 'R-PROC-3', errors: [expect.objectContaining({ field })] });
    expect(p.detail).toContain('10–30 %');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('PUT stores bounds that narrow the frame', async () => {
    // Act
    const result = await put({ body: { ...stricter, priceWeight: { min: 15, max: 20 } } });

    // Assert
    expect(json(result)).toMatchObject({ priceWeight: { min: 15, max: 20 }, version: 1 });
    expect(transactItems(ddbMock)[0]?.Put?.Item).toMatchObject({ priceWeight: { min: 15, max: 20 } });
  });

  it('GET answers rules stored before the frame was enforced inside it', async () => {
    // Arrange
    legacy();

    // Act / Assert
    expect(json(await get())).toMatchObject({ priceWeight: { min: 10, max: 30 }, version: 2 });
  });

  it('POST /v1/projects refuses a 95 % price weight under such rules, naming evaluationCriteria.priceWeight', async () => {
    // Arrange
    legacy();
    arrangeProject();

    // Act
    const p = problem(await create(95), 422);

    // Assert
    expect(p.rule).toBe('R-PROC-3');
    expect(p.errors?.map((e) => e.field)).toEqual(['evaluationCriteria.priceWeight']);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('PUT /v1/projects/{id} refuses it too, and both accept a weight inside the frame', async () => {
    // Arrange
    legacy();
    arrangeProject();

    // Act / Assert
    expect(problem(await update(95), 422).errors?.map((e) => e.field)).toEqual([
      'evaluationCriteria.priceWeight',
    ]);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    expect((await update(30)).statusCode).toBe(200);
    expect((await create(10)).statusCode).toBe(201);
  });
});

describe('what the rules routes answer for a purchaser they cannot reach, and for a write that raced (issue 10 §2)', () => {
  it('R-BUY-1: GET and PUT answer 404 naming the path’s id for a purchaser that does not exist, writing nothing', async () => {
    for (const result of [
      await get({ claims: claims.bureau, params: { id: 'pur-nowhere' } }),
      await put({ params: { id: 'pur-nowhere' } }),
    ]) {
      const p = problem(result, 404);
      expect(p.errors).toEqual([expect.objectContaining({ in: 'path', field: 'id' })]);
      expect(p.detail).toContain('no such purchaser');
    }
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 412 naming the If-Match it was given when another first configuration landed meanwhile', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None'));

    // Act / Assert
    expect(problem(await put(), 412).detail).toContain('"0"');
  });

  it('answers 409 (try again), not 412, when the write only collided with another transaction', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(canceled('TransactionConflict', 'None'));

    // Act / Assert
    problem(await put(), 409);
  });
});

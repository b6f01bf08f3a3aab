import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/contractors/set-flags';
import { routes } from '#functions/routes';
import type { RequestOptions } from './support';
import {
  CONTRACTOR_ID,
  apiEvent,
  canceled,
  claims,
  contractor,
  contractorItem,
  expectInternalError,
  head,
  json,
  lambdaContext,
  problem,
  transactItems,
} from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2025-03-10T02:00:00.000Z');
const flags = { creditListHit: true, annualReportFailed: false, note: '列入经营异常名录（2025-03-09 公示）' };

const setFlags = (options: RequestOptions = {}) =>
  handler(
    apiEvent(routes.setFlags, {
      claims: claims.bureau,
      params: { id: CONTRACTOR_ID },
      headers: { 'If-Match': '"3"' },
      body: flags,
      ...options,
    }),
    lambdaContext(),
  );

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(GetCommand).resolves({ Item: contractorItem(contractor({ version: 3 })) });
  ddbMock.on(TransactWriteCommand).resolves({});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('PUT /v1/contractors/{id}/flags', () => {
  it('records a credit-list hit, conditional on the version, with its audit entry (R-QUAL-5)', async () => {
    // Act
    const result = await setFlags();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"4"');
    expect(json(result)).toMatchObject({ flags, version: 4, updatedAt: '2025-03-10T10:00:00.000+08:00' });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 3 },
      Item: { PK: `CONTRACTOR#${CONTRACTOR_ID}`, SK: 'PROFILE', flags, version: 4 },
    });
    expect(items[1]?.Put?.Item).toMatchObject({
      SK: '0000000004',
      action: 'contractor.flags_set',
      prevHash: head(3).auditHash,
    });
  });

  it('answers 428 without If-Match, before any read', async () => {
    // Act
    const result = await setFlags({ headers: {} });

    // Assert
    problem(result, 428);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 412 for a stale If-Match without writing', async () => {
    // Act
    const result = await setFlags({ headers: { 'If-Match': '"2"' } });

    // Assert
    problem(result, 412);
    expect(ddbMock).toHaveReceivedCommandTimes(GetCommand, 1);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 400 naming note when the reason is missing', async () => {
    // Act
    const result = await setFlags({ body: { creditListHit: true, annualReportFailed: false } });

    // Assert
    expect(problem(result, 400).errors?.map((e) => e.field)).toEqual(['note']);
  });

  it('answers 403 to a contractor flagging itself', async () => {
    // Act
    const result = await setFlags({ claims: claims.contractor(CONTRACTOR_ID) });

    // Assert
    problem(result, 403);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 412 when the contractor changed between the read and the write', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None'));

    // Act
    const result = await setFlags();

    // Assert
    problem(result, 412);
  });

  it('answers a bare 500 when the read fails', async () => {
    // Arrange
    ddbMock.on(GetCommand).rejects(new Error('UnrecognizedClientException'));

    // Act
    const result = await setFlags();

    // Assert
    expectInternalError(result, 'UnrecognizedClientException');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 412 for a weak ETag in If-Match (RFC 9110 strong comparison), without writing', async () => {
    // Act
    const result = await setFlags({ headers: { 'If-Match': 'W/"3"' } });

    // Assert
    expect(problem(result, 412).detail).toMatch(/weak/);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/contractors/decide-condition';
import { routes } from '#functions/routes';
import type { EvidenceDocument } from '#shared/domain/contractor';
import type { RequestOptions } from './support';
import {
  CONTRACTOR_ID,
  DOCUMENT_ID,
  apiEvent,
  canceled,
  claims,
  contractor,
  contractorItem,
  evidenceDocument,
  expectInternalError,
  head,
  json,
  lambdaContext,
  problem,
  transactItems,
} from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2025-03-10T02:00:00.000Z');
const NOW_ISO = '2025-03-10T10:00:00.000+08:00';

const contractorKey = { PK: `CONTRACTOR#${CONTRACTOR_ID}`, SK: 'PROFILE' };
const documentKey = { PK: `CONTRACTOR#${CONTRACTOR_ID}`, SK: `DOC#${DOCUMENT_ID}` };
const stored = contractor({
  version: 3,
  evidence: { 1: { latestRevision: 1, latestDocumentId: DOCUMENT_ID } },
});
const verified = evidenceDocument({ status: 'verified', version: 2, validUntil: '2027-12-31' });
const decision = { documentId: DOCUMENT_ID, decision: 'approved', reason: '登记证书真实有效' };

function arrange(doc: EvidenceDocument | null = verified): void {
  ddbMock.on(GetCommand, { Key: contractorKey }).resolves({ Item: contractorItem(stored) });
  ddbMock
    .on(GetCommand, { Key: documentKey })
    .resolves(doc ? { Item: { ...documentKey, recordType: 'document', ...doc, ...head(doc.version) } } : {});
}

const decide = (options: RequestOptions = {}) =>
  handler(
    apiEvent(routes.decideCondition, {
      claims: claims.bureau,
      params: { id: CONTRACTOR_ID, condition: '1' },
      headers: { 'If-Match': '"3"' },
      body: decision,
      ...options,
    }),
    lambdaContext(),
  );

interface ContractorBody {
  version: number;
  conditions: Record<string, unknown>[];
}

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(TransactWriteCommand).resolves({});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('PUT /v1/contractors/{id}/conditions/{condition}/decision', () => {
  it('records the approval on verified evidence, conditional on the version and the evidence still verified (R-QUAL-2)', async () => {
    // Arrange
    arrange();

    // Act
    const result = await decide();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"4"');
    const body = json<ContractorBody>(result);
    expect(body.version).toBe(4);
    expect(body.conditions[0]).toEqual({
      condition: 1,
      status: 'approved',
      documentId: DOCUMENT_ID,
      decidedBy: 'u-bureau',
      decidedAt: NOW_ISO,
      reason: '登记证书真实有效',
      validUntil: '2027-12-31',
    });
    expect(body.conditions[1]).toEqual({ condition: 2, status: 'missing' });

    expect(ddbMock).toHaveReceivedCommandTimes(GetCommand, 2);
    expect(ddbMock).toHaveReceivedNthCommandWith(GetCommand, 1, { Key: contractorKey });
    expect(ddbMock).toHaveReceivedNthCommandWith(GetCommand, 2, { Key: documentKey });
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(3);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 3 },
      Item: {
        ...contractorKey,
        version: 4,
        decisions: { 1: { status: 'approved', documentId: DOCUMENT_ID } },
      },
    });
    expect(items[1]?.Put?.Item).toMatchObject({
      PK: `AUDIT#contractor#${CONTRACTOR_ID}`,
      SK: '0000000004',
      action: 'contractor.condition_approved',
      actor: { sub: 'u-bureau', role: 'bureau' },
      prevHash: head(3).auditHash,
    });
    expect(items[2]).toEqual({
      ConditionCheck: {
        TableName: 'assistance',
        Key: documentKey,
        ConditionExpression: 'version = :v AND #s = :verified',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':v': 2, ':verified': 'verified' },
      },
    });
  });

  it('records a rejection as the condition status', async () => {
    // Arrange
    arrange();

    // Act
    const result = await decide({ body: { ...decision, decision: 'rejected', reason: '证书已被撤销' } });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json<ContractorBody>(result).conditions[0]).toMatchObject({
      status: 'rejected',
      reason: '证书已被撤销',
    });
    expect(transactItems(ddbMock)[1]?.Put?.Item).toMatchObject({ action: 'contractor.condition_rejected' });
  });

  it.each([
    ['pending', evidenceDocument({ status: 'pending' })],
    ['rejected by the verifier', evidenceDocument({ status: 'rejected', reason: 'size is 3 bytes' })],
    ['evidence for another condition', evidenceDocument({ status: 'verified', condition: 2 })],
    ['missing', null],
  ])(
    'refuses a decision on a document that is %s with 422 naming documentId (R-QUAL-2)',
    async (_case, doc) => {
      // Arrange
      arrange(doc);

      // Act
      const result = await decide();

      // Assert
      const p = problem(result, 422);
      expect(p.rule).toBe('R-QUAL-2');
      expect(p.errors?.map((e) => e.field)).toEqual(['documentId']);
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    },
  );

  it('answers 428 naming If-Match when it is missing, before any read', async () => {
    // Act
    const result = await decide({ headers: {} });

    // Assert
    expect(problem(result, 428).errors).toEqual([
      expect.objectContaining({ in: 'header', field: 'If-Match' }),
    ]);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 400 for an If-Match that is not an ETag', async () => {
    // Act
    const result = await decide({ headers: { 'If-Match': '*' } });

    // Assert
    expect(problem(result, 400).errors?.map((e) => e.field)).toEqual(['If-Match']);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 412 for a stale If-Match without reading the document or writing', async () => {
    // Arrange
    arrange();

    // Act
    const result = await decide({ headers: { 'If-Match': '"2"' } });

    // Assert
    expect(problem(result, 412).detail).toContain('"3"');
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, { Key: contractorKey });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 403 to roles other than the bureau', async () => {
    // Act
    const asTown = await decide({ claims: claims.town });
    const asContractor = await decide({ claims: claims.contractor(CONTRACTOR_ID) });

    // Assert
    problem(asTown, 403);
    problem(asContractor, 403);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it.each([
    ['condition', { id: CONTRACTOR_ID, condition: '9' }],
    ['id', { id: 'x', condition: '1' }],
  ])('answers 400 naming the path parameter %s', async (field, params) => {
    // Act
    const result = await decide({ params });

    // Assert
    expect(problem(result, 400).errors).toEqual([expect.objectContaining({ in: 'path', field })]);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 412 when the contractor changed between the read and the write', async () => {
    // Arrange: index 0 is the contractor record
    arrange();
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None', 'None'));

    // Act
    const result = await decide();

    // Assert
    problem(result, 412);
  });

  it('answers 409 naming documentId when the evidence changed while it was reviewed', async () => {
    // Arrange: index 2 is the evidence ConditionCheck
    arrange();
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed'));

    // Act
    const result = await decide();

    // Assert
    expect(problem(result, 409).errors?.map((e) => e.field)).toEqual(['documentId']);
  });

  it('answers 409 when the transaction raced another one (TransactionConflict)', async () => {
    // Arrange
    arrange();
    ddbMock.on(TransactWriteCommand).rejects(canceled('TransactionConflict', 'None', 'None'));

    // Act
    const result = await decide();

    // Assert
    problem(result, 409);
  });

  it('answers a bare 500 when a read fails', async () => {
    // Arrange
    ddbMock.on(GetCommand).rejects(new Error('ThrottlingException: Rate exceeded'));

    // Act
    const result = await decide();

    // Assert
    expectInternalError(result, 'ThrottlingException');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers a bare 500 when the write fails for another reason', async () => {
    // Arrange
    arrange();
    ddbMock.on(TransactWriteCommand).rejects(new Error('InternalServerError from DynamoDB'));

    // Act
    const result = await decide();

    // Assert
    expectInternalError(result, 'InternalServerError from DynamoDB');
  });
});

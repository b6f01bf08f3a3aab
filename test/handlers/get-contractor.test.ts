import { DecryptCommand } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/contractors/get-contractor';
import { routes } from '#functions/routes';
import type { RequestOptions } from './support';
import {
  CONTRACTOR_ID,
  DOCUMENT_ID,
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
import { PERSONAL_DATA_KEY_ID, mockKms, sealed } from './personal-data-fixtures';

// The handler binds its personal-data key at init (issue 11 §6): KMS here, never the embedded stack's local key.
vi.hoisted(() => {
  process.env.PERSONAL_DATA_KEY_ID = 'arn:aws-cn:kms:cn-north-1:123456789012:key/personal-data';
  delete process.env.LOCAL_KMS_DIR;
});

const ddbMock = mockClient(DynamoDBDocumentClient);
const { kms, reset: resetKms } = mockKms();
// 2025-07-01 00:30 in Asia/Shanghai, still 2025-06-30 in UTC.
const NOW = new Date('2025-06-30T16:30:00.000Z');

const decided = {
  status: 'approved' as const,
  documentId: DOCUMENT_ID,
  decidedBy: 'u-bureau',
  decidedAt: '2025-01-05T09:00:00.000+08:00',
  reason: '材料齐全',
};
const stored = contractor({
  version: 5,
  decisions: { 1: { ...decided, validUntil: '2026-12-31' }, 2: { ...decided, validUntil: '2025-06-30' } },
  evidence: {
    1: { latestRevision: 1, latestDocumentId: DOCUMENT_ID },
    2: { latestRevision: 1, latestDocumentId: DOCUMENT_ID },
    3: { latestRevision: 1, latestDocumentId: 'doc_pending0000000000000' },
  },
});

const getContractor = (options: RequestOptions = {}) =>
  handler(
    apiEvent(routes.getContractor, { claims: claims.bureau, params: { id: CONTRACTOR_ID }, ...options }),
    lambdaContext(),
  );

beforeEach(() => {
  ddbMock.reset();
  resetKms();
  ddbMock.on(GetCommand).resolves({ Item: contractorItem(stored) });
  // A town's view asks whether the contractor bid on one of its projects (issue 11 §6): by default it did not.
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('GET /v1/contractors/{id}', () => {
  it('reads the contractor with exactly one GetItem and answers its view with an ETag', async () => {
    // Act
    const result = await getContractor();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers).toMatchObject({
      etag: '"5"',
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
      TableName: 'assistance',
      Key: { PK: `CONTRACTOR#${CONTRACTOR_ID}`, SK: 'PROFILE' },
    });
    expect(ddbMock.calls()).toHaveLength(1);
    const body = json(result);
    expect(body).toMatchObject({
      id: CONTRACTOR_ID,
      kind: 'social_organization',
      version: 5,
      createdAt: stored.createdAt,
    });
    // The view carries no storage keys, audit head or internal bookkeeping.
    for (const internal of [
      'PK',
      'SK',
      'GSI1PK',
      'auditHash',
      'auditSeq',
      'recordType',
      'registeredBy',
      'evidence',
      'decisions',
    ])
      expect(body).not.toHaveProperty(internal);
  });

  it('derives each condition status as of the Shanghai business date: expired, approved, pending review, missing (R-QUAL-5)', async () => {
    // Act
    const result = await getContractor();

    // Assert
    const { conditions } = json<{ conditions: { condition: number; status: string }[] }>(result);
    expect(conditions.map((c) => c.status)).toEqual([
      'approved',
      'expired',
      'pending_review',
      'missing',
      'missing',
      'missing',
      'missing',
      'missing',
    ]);
    expect(conditions[1]).toMatchObject({
      documentId: DOCUMENT_ID,
      validUntil: '2025-06-30',
      decidedBy: 'u-bureau',
    });
  });

  it('lets a contractor read itself', async () => {
    // Act
    const result = await getContractor({ claims: claims.contractor(CONTRACTOR_ID) });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(ddbMock).toHaveReceivedCommandTimes(GetCommand, 1);
  });

  it('answers 404 to a contractor token for another contractor without any DynamoDB call', async () => {
    // Act
    const result = await getContractor({ claims: claims.contractor(OTHER_CONTRACTOR_ID) });

    // Assert
    problem(result, 404);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('lets a partner portal read the contractors it registered, and answers 404 for others', async () => {
    // Arrange
    ddbMock.on(GetCommand, { Key: { PK: `CONTRACTOR#${OTHER_CONTRACTOR_ID}`, SK: 'PROFILE' } }).resolves({
      Item: contractorItem(
        contractor({ id: OTHER_CONTRACTOR_ID, registeredBy: { sub: 'portal-client', role: 'portal' } }),
      ),
    });

    // Act
    const own = await getContractor({ claims: claims.portal, params: { id: OTHER_CONTRACTOR_ID } });
    const registeredByBureau = await getContractor({ claims: claims.portal });

    // Assert
    expect(own.statusCode).toBe(200);
    expect(problem(registeredByBureau, 404).detail).toBe('contractor not found');
  });

  it('answers 404 problem+json when there is no such contractor', async () => {
    // Arrange
    ddbMock.on(GetCommand).resolves({});

    // Act
    const result = await getContractor();

    // Assert
    expect(problem(result, 404)).toMatchObject({
      type: 'urn:assistance:problem:not_found',
      instance: `/v1/contractors/${CONTRACTOR_ID}`,
    });
  });

  it('answers 403 to a role without access and 401 without a token', async () => {
    // Act
    const asEvaluator = await getContractor({ claims: claims.evaluator });
    const anonymous = await handler(
      apiEvent(routes.getContractor, { params: { id: CONTRACTOR_ID } }),
      lambdaContext(),
    );

    // Assert
    problem(asEvaluator, 403);
    problem(anonymous, 401);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 400 naming id for an id of the wrong shape', async () => {
    // Act
    const result = await getContractor({ params: { id: 'a b' } });

    // Assert
    expect(problem(result, 400).errors).toEqual([expect.objectContaining({ in: 'path', field: 'id' })]);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers a bare 500 when the read fails', async () => {
    // Arrange
    ddbMock.on(GetCommand).rejects(new Error('AccessDeniedException: not authorized on arn:aws-cn:dynamodb'));

    // Act
    const result = await getContractor();

    // Assert
    expectInternalError(result, 'AccessDeniedException');
  });

  it("masks a natural person's resident ID for town staff, shows it to the bureau", async () => {
    // Arrange
    const person = contractor({ kind: 'natural_person', nonProfit: false, creditCode: '11010519491231002X' });
    ddbMock.on(GetCommand).resolves({ Item: contractorItem(person) });

    // Act
    const byTown = await getContractor({ claims: claims.town });
    const byBureau = await getContractor();

    // Assert
    expect(json(byTown).creditCode).toBe('110105**********2X');
    expect(json(byBureau).creditCode).toBe('11010519491231002X');
  });
});

describe('GET /v1/contractors/{id}: personal data by role (issue 11 §6, PIPL)', () => {
  const RESIDENT_ID = '11010519491231002X';
  const PHONE = '13912345678';
  const EMAIL = 'zhang.wei@example.cn';
  const PORTAL_SUB = claims.portal.sub;
  const person = contractor({
    kind: 'natural_person',
    name: '张伟',
    nonProfit: false,
    creditCode: RESIDENT_ID,
    contact: { name: '张伟', phone: PHONE, email: EMAIL },
    registeredBy: { sub: PORTAL_SUB, role: 'portal' },
    version: 2,
  });
  const CLEAR = { creditCode: RESIDENT_ID, contact: { name: '张伟', phone: PHONE, email: EMAIL } };
  const MASKED = {
    creditCode: '110105**********2X',
    contact: { name: '张伟', phone: '139****5678', email: 'z***@example.cn' },
  };
  const CONTACTS_ONLY = { creditCode: MASKED.creditCode, contact: CLEAR.contact };
  const townContact = (visibleFrom: string) => ({
    PK: `TOWNCONTACT#pur-town-1#${CONTRACTOR_ID}`,
    SK: `${visibleFrom}#prj_01jabcdefg0123456789`,
    recordType: 'town-contact',
    projectId: 'prj_01jabcdefg0123456789',
    visibleFrom,
  });
  const personal = (result: Awaited<ReturnType<typeof getContractor>>) => {
    const body = json<{ creditCode: string; contact: object }>(result);
    return { creditCode: body.creditCode, contact: body.contact };
  };

  beforeEach(async () => {
    ddbMock.on(GetCommand).resolves({ Item: contractorItem(await sealed(person)) });
  });

  it('opens the seal for the bureau and for the contractor itself: resident ID, phone and e-mail in full', async () => {
    // Act
    const byBureau = await getContractor();
    const bySelf = await getContractor({ claims: claims.contractor(CONTRACTOR_ID) });

    // Assert
    expect(personal(byBureau)).toEqual(CLEAR);
    expect(personal(bySelf)).toEqual(CLEAR);
    // One Decrypt per view, with the key the function is bound to and the record's own context.
    expect(kms).toHaveReceivedCommandTimes(DecryptCommand, 2);
    expect(kms).toHaveReceivedCommandWith(DecryptCommand, {
      KeyId: PERSONAL_DATA_KEY_ID,
      EncryptionContext: { recordType: 'contractor', contractorId: CONTRACTOR_ID, field: 'personal' },
    });
    // Neither role reads TOWNCONTACT#: one GetItem per view.
    expect(ddbMock).toHaveReceivedCommandTimes(GetCommand, 2);
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
  });

  it('shows the registering portal the contacts, not the resident ID', async () => {
    // Act
    const result = await getContractor({ claims: claims.portal });

    // Assert
    expect(personal(result)).toEqual(CONTACTS_ONLY);
  });

  it('masks everything for an auditor and for finance, without any Decrypt', async () => {
    // Act
    const byAuditor = await getContractor({ claims: claims.auditor });
    const byFinance = await getContractor({
      claims: { sub: 'u-finance', 'cognito:groups': '[finance]' },
    });

    // Assert
    expect(personal(byAuditor)).toEqual(MASKED);
    expect(personal(byFinance)).toEqual(MASKED);
    expect(kms).not.toHaveReceivedAnyCommand();
  });

  it('masks everything for a town the contractor never bid with, after one Limit-1 Query of its TOWNCONTACT# items', async () => {
    // Act
    const result = await getContractor({ claims: claims.town });

    // Assert
    expect(personal(result)).toEqual(MASKED);
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(QueryCommand, {
      TableName: 'assistance',
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `TOWNCONTACT#pur-town-1#${CONTRACTOR_ID}` },
      Limit: 1,
      ScanIndexForward: true,
    });
    expect(kms).not.toHaveReceivedAnyCommand();
  });

  it('shows a town the contacts of a contractor that bid on its project once the bid deadline has passed, never the resident ID', async () => {
    // Arrange: NOW is 2025-06-30T16:30Z; the deadline passed a second ago.
    ddbMock.on(QueryCommand).resolves({ Items: [townContact('2025-06-30T16:29:59.000Z')] });

    // Act
    const result = await getContractor({ claims: claims.town });

    // Assert
    expect(personal(result)).toEqual(CONTACTS_ONLY);
    expect(kms).toHaveReceivedCommandTimes(DecryptCommand, 1);
  });

  it('masks the contacts for a town while the bid it was granted by is still sealed (R-PROC-5: no bidder oracle)', async () => {
    // Arrange: the deadline is one millisecond ahead.
    ddbMock.on(QueryCommand).resolves({ Items: [townContact('2025-06-30T16:30:00.001Z')] });

    // Act
    const result = await getContractor({ claims: claims.town });

    // Assert
    expect(personal(result)).toEqual(MASKED);
    expect(kms).not.toHaveReceivedAnyCommand();
  });

  it('masks a record stored in clear before the seal exactly as a sealed one, per role', async () => {
    // Arrange: a record written before issue 11 §6, personal data in clear.
    ddbMock.on(GetCommand).resolves({ Item: contractorItem(person) });

    // Act
    const byBureau = await getContractor();
    const byPortal = await getContractor({ claims: claims.portal });
    const byAuditor = await getContractor({ claims: claims.auditor });

    // Assert
    expect(personal(byBureau)).toEqual(CLEAR);
    expect(personal(byPortal)).toEqual(CONTACTS_ONLY);
    expect(personal(byAuditor)).toEqual(MASKED);
    expect(kms).not.toHaveReceivedAnyCommand();
  });

  it("answers a bare 500, and shows nothing, when another contractor's seal is copied onto this record", async () => {
    // Arrange: the seal is bound to its contractor's id (encryption context and GCM additional data).
    const other = await sealed({ ...person, id: OTHER_CONTRACTOR_ID });
    const moved = { ...(await sealed(person)), personal: other.personal };
    ddbMock.on(GetCommand).resolves({ Item: contractorItem(moved) });

    // Act
    const result = await getContractor();

    // Assert
    expectInternalError(result, PHONE);
  });
});

import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/contractors/request-document-upload';
import { routes } from '#functions/routes';
import { canonicalJson } from '#shared/domain/audit-chain';
import type { RequestOptions } from './support';
import {
  CONTRACTOR_ID,
  OTHER_CONTRACTOR_ID,
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
  putItem,
  sha256,
  transactItems,
} from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const s3Mock = mockClient(S3Client);
const NOW = new Date('2025-03-10T02:00:00.000Z');
const NOW_ISO = '2025-03-10T10:00:00.000+08:00';

const declaration = {
  condition: 1,
  fileName: '登记证书.pdf',
  contentType: 'application/pdf',
  size: 20_480,
  sha256: sha256('the certificate'),
  validUntil: '2027-12-31',
};

const requestUpload = (options: RequestOptions = {}) =>
  handler(
    apiEvent(routes.requestDocumentUpload, {
      claims: claims.contractor(CONTRACTOR_ID),
      params: { id: CONTRACTOR_ID },
      body: declaration,
      ...options,
    }),
    lambdaContext(),
  );

interface UploadBody {
  documentId: string;
  document: Record<string, unknown>;
  upload: { url: string; fields: Record<string, string>; expiresAt: string };
}

beforeAll(() => {
  // Presigning signs locally with whatever credentials the client resolves; no request is sent.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
});

beforeEach(() => {
  ddbMock.reset();
  s3Mock.reset();
  ddbMock.on(GetCommand).resolves({ Item: contractorItem(contractor()) });
  ddbMock.on(TransactWriteCommand).resolves({});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('POST /v1/contractors/{id}/documents', () => {
  it('declares the document and the contractor revision in one transaction and returns a bound presigned POST (R-QUAL-2)', async () => {
    // Act
    const result = await requestUpload();

    // Assert
    expect(result.statusCode).toBe(201);
    expect(result.headers?.etag).toBe('"1"');
    const body = json<UploadBody>(result);
    expect(body.documentId).toMatch(/^doc_[0-9a-z]{20}$/);
    const objectKey = `contractors/${CONTRACTOR_ID}/conditions/1/${body.documentId}`;
    expect(body.document).toEqual({
      documentId: body.documentId,
      contractorId: CONTRACTOR_ID,
      condition: 1,
      revision: 1,
      fileName: '登记证书.pdf',
      contentType: 'application/pdf',
      size: 20_480,
      sha256: declaration.sha256,
      validUntil: '2027-12-31',
      status: 'pending',
      createdAt: NOW_ISO,
      version: 1,
    });
    expect(body.upload.url).toContain('assistance-documents');
    // Issue 11 §4: a form lives 5 minutes.
    expect(body.upload.expiresAt).toBe('2025-03-10T10:05:00.000+08:00');
    expect(body.upload.fields).toMatchObject({ key: objectKey, 'Content-Type': 'application/pdf' });
    // The file's name lives on the object (downloads are presigned without it, so S3 logs never see it).
    expect(body.upload.fields['Content-Disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('登记证书.pdf')}`,
    );
    const policy = JSON.parse(Buffer.from(body.upload.fields.Policy ?? '', 'base64').toString('utf8')) as {
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$Content-Type', 'application/pdf'],
        ['content-length-range', 20_480, 20_480],
        { key: objectKey },
      ]),
    );
    expect(s3Mock).not.toHaveReceivedAnyCommand();

    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
      TableName: 'assistance',
      Key: { PK: `CONTRACTOR#${CONTRACTOR_ID}`, SK: 'PROFILE' },
    });
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(5);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: {
        PK: `CONTRACTOR#${CONTRACTOR_ID}`,
        SK: `DOC#${body.documentId}`,
        recordType: 'document',
        objectKey,
        status: 'pending',
        version: 1,
      },
    });
    expect(items[1]?.Put?.Item).toMatchObject({
      PK: `AUDIT#document#${body.documentId}`,
      SK: '0000000001',
      action: 'document.declared',
      actor: { sub: 'u-c', role: 'contractor' },
      prevHash: '0'.repeat(64),
    });
    expect(items[2]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 1 },
      Item: {
        PK: `CONTRACTOR#${CONTRACTOR_ID}`,
        SK: 'PROFILE',
        version: 2,
        evidence: { 1: { latestRevision: 1, latestDocumentId: body.documentId } },
        auditSeq: 2,
      },
    });
    expect(items[3]?.Put?.Item).toMatchObject({
      PK: `AUDIT#contractor#${CONTRACTOR_ID}`,
      SK: '0000000002',
      action: 'contractor.evidence_declared',
      prevHash: head(1).auditHash,
    });
    // Issue 11 §4: the contractor's daily allowance, counted in the same transaction.
    expect(items[4]?.Update).toMatchObject({
      Key: { PK: `QUOTA#${CONTRACTOR_ID}`, SK: 'DOCS#2025-03-10' },
      ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
      ExpressionAttributeValues: { ':one': 1, ':limit': 100 },
    });
  });

  it('refuses a declaration past the daily allowance with 429, writing nothing (issue 11 §4)', async () => {
    // Arrange: the transaction is cancelled on the counter's condition (its fifth item).
    ddbMock
      .on(TransactWriteCommand)
      .rejects(canceled('None', 'None', 'None', 'None', 'ConditionalCheckFailed'));

    // Act
    const result = await requestUpload();

    // Assert
    const body = problem(result, 429);
    expect(body.detail).toMatch(/at most 100 documents a day; 2025-03-10 \(Asia\/Shanghai\) is used up/);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('numbers a new upload for a condition as the next revision', async () => {
    // Arrange
    const stored = contractor({
      version: 4,
      evidence: { 1: { latestRevision: 2, latestDocumentId: 'doc_earlier000000000000' } },
    });
    ddbMock.on(GetCommand).resolves({ Item: contractorItem(stored) });

    // Act
    const result = await requestUpload({ claims: claims.bureau });

    // Assert
    expect(result.statusCode).toBe(201);
    expect(json<UploadBody>(result).document.revision).toBe(3);
    expect(putItem(transactItems(ddbMock), 2)).toMatchObject({
      version: 5,
      evidence: { 1: { latestRevision: 3 } },
    });
    expect(transactItems(ddbMock)[2]?.Put?.ExpressionAttributeValues).toEqual({ ':expected': 4 });
  });

  it('answers 404 to a contractor token for another contractor without reading the table', async () => {
    // Act
    const result = await requestUpload({ params: { id: OTHER_CONTRACTOR_ID } });

    // Assert: the one call is the caller's own rate bucket (issue 11 §3); nothing of the other contractor
    problem(result, 404);
    expect(ddbMock.calls().map((call) => (call.args[0].input as { Key?: { PK?: string } }).Key?.PK)).toEqual([
      'RATE#u-c',
    ]);
  });

  it('answers 403 to a role that may not upload evidence', async () => {
    // Act
    const result = await requestUpload({ claims: claims.town });

    // Assert
    problem(result, 403);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 404 when the contractor does not exist, and writes nothing', async () => {
    // Arrange
    ddbMock.on(GetCommand).resolves({});

    // Act
    const result = await requestUpload({ claims: claims.bureau });

    // Assert
    problem(result, 404);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it.each([
    ['contentType', { contentType: 'text/plain' }],
    ['fileName', { fileName: '../etc/passwd' }],
    ['size', { size: 20 * 1024 * 1024 + 1 }],
    ['condition', { condition: 9 }],
    ['sha256', { sha256: 'ABC' }],
  ])('answers 400 naming %s for a declaration that breaks the schema', async (field, change) => {
    // Act
    const result = await requestUpload({ body: { ...declaration, ...change } });

    // Assert
    expect(problem(result, 400).errors?.map((e) => e.field)).toEqual([field]);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('refuses evidence that has already expired with 400 naming validUntil (R-QUAL-5)', async () => {
    // Act: today is 2025-03-10 in Asia/Shanghai
    const result = await requestUpload({ body: { ...declaration, validUntil: '2025-03-09' } });

    // Assert
    const p = problem(result, 400);
    expect(p.rule).toBe('R-QUAL-5');
    expect(p.errors?.map((e) => e.field)).toEqual(['validUntil']);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('re-reads and retries on a stale contractor, then answers 412 after three attempts', async () => {
    // Arrange: index 2 is the contractor record
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed', 'None'));

    // Act
    const result = await requestUpload();

    // Assert
    problem(result, 412);
    expect(ddbMock).toHaveReceivedCommandTimes(GetCommand, 3);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 3);
  });

  it('succeeds on the second attempt when the first read was stale', async () => {
    // Arrange
    ddbMock
      .on(GetCommand)
      .resolvesOnce({ Item: contractorItem(contractor()) })
      .resolves({ Item: contractorItem(contractor({ version: 2 })) });
    ddbMock
      .on(TransactWriteCommand)
      .rejectsOnce(canceled('None', 'None', 'ConditionalCheckFailed', 'None'))
      .resolves({});

    // Act
    const result = await requestUpload();

    // Assert
    expect(result.statusCode).toBe(201);
    expect(transactItems(ddbMock, 1)[2]?.Put?.ExpressionAttributeValues).toEqual({ ':expected': 2 });
  });

  it('answers 409 when the transaction raced another one (TransactionConflict)', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'TransactionConflict', 'None'));

    // Act
    const result = await requestUpload();

    // Assert
    problem(result, 409);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('answers a bare 500 when reading the contractor fails', async () => {
    // Arrange
    ddbMock.on(GetCommand).rejects(new Error('Requested resource not found: Table: assistance'));

    // Act
    const result = await requestUpload();

    // Assert
    expectInternalError(result, 'Requested resource not found');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  describe('Idempotency-Key', () => {
    const KEY = 'upload-0001-condition-1';
    const bodyText = JSON.stringify(declaration);
    const outcomeKey = {
      PK: `IDEMPOTENCY#u-c#POST /v1/contractors/${CONTRACTOR_ID}/documents#${KEY}`,
      SK: 'IDEMPOTENCY',
    };
    const EARLIER = 'doc_earlier000000000000';
    const stored = {
      status: 201,
      body: { documentId: EARLIER, document: { documentId: EARLIER, status: 'pending' } },
      version: 1,
    };
    const earlierDocument = (status: string) => ({
      PK: `CONTRACTOR#${CONTRACTOR_ID}`,
      SK: `DOC#${EARLIER}`,
      recordType: 'document',
      documentId: EARLIER,
      contractorId: CONTRACTOR_ID,
      condition: 1,
      revision: 1,
      fileName: '登记证书.pdf',
      contentType: 'application/pdf',
      size: 20_480,
      objectKey: `contractors/${CONTRACTOR_ID}/conditions/1/${EARLIER}`,
      status,
      createdAt: NOW_ISO,
      version: 1,
      ...head(1),
    });

    it('remembers the answer without its upload form: a presigned POST is never stored (issue 11 §4)', async () => {
      // Arrange
      ddbMock.on(GetCommand, { Key: outcomeKey }).resolves({});

      // Act
      const result = await requestUpload({ headers: { 'Idempotency-Key': KEY }, body: bodyText });

      // Assert
      expect(json<UploadBody>(result).upload.fields.Policy).toBeTruthy();
      const remembered = transactItems(ddbMock)
        .map((item) => item.Put?.Item)
        .find((item) => item?.recordType === 'idempotency');
      expect(remembered).toMatchObject({
        result: { status: 201, body: { documentId: json<UploadBody>(result).documentId } },
      });
      expect(JSON.stringify(remembered)).not.toMatch(/Policy|X-Amz-Signature|"upload"/);
    });

    it('replays with idempotency-replayed: true and a fresh form for the same document, writing nothing', async () => {
      // Arrange
      ddbMock.on(GetCommand, { Key: outcomeKey }).resolves({
        Item: {
          ...outcomeKey,
          requestHash: sha256(canonicalJson(JSON.parse(bodyText))),
          result: stored,
          expiresAt: NOW.getTime() / 1000 + 60,
        },
      });
      ddbMock.on(GetCommand, { Key: { PK: `CONTRACTOR#${CONTRACTOR_ID}`, SK: `DOC#${EARLIER}` } }).resolves({
        Item: earlierDocument('pending'),
      });

      // Act
      const result = await requestUpload({ headers: { 'Idempotency-Key': KEY }, body: bodyText });

      // Assert
      expect(result.statusCode).toBe(201);
      expect(result.headers?.['idempotency-replayed']).toBe('true');
      const body = json<UploadBody>(result);
      expect(body.documentId).toBe(EARLIER);
      expect(body.upload.fields).toMatchObject({
        key: `contractors/${CONTRACTOR_ID}/conditions/1/${EARLIER}`,
      });
      expect(body.upload.expiresAt).toBe('2025-03-10T10:05:00.000+08:00');
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    });

    it('a replay after the file arrived gives no form: 409 naming the document status', async () => {
      // Arrange
      ddbMock.on(GetCommand, { Key: outcomeKey }).resolves({
        Item: {
          ...outcomeKey,
          requestHash: sha256(canonicalJson(JSON.parse(bodyText))),
          result: stored,
          expiresAt: NOW.getTime() / 1000 + 60,
        },
      });
      ddbMock.on(GetCommand, { Key: { PK: `CONTRACTOR#${CONTRACTOR_ID}`, SK: `DOC#${EARLIER}` } }).resolves({
        Item: earlierDocument('verified'),
      });

      // Act
      const result = await requestUpload({ headers: { 'Idempotency-Key': KEY }, body: bodyText });

      // Assert
      expect(problem(result, 409).detail).toMatch(/is verified/);
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    });

    it('answers 422 when the key was used with another declaration', async () => {
      // Arrange
      ddbMock.on(GetCommand, { Key: outcomeKey }).resolves({
        Item: {
          ...outcomeKey,
          requestHash: sha256('{}'),
          result: stored,
          expiresAt: NOW.getTime() / 1000 + 60,
        },
      });

      // Act
      const result = await requestUpload({ headers: { 'Idempotency-Key': KEY }, body: bodyText });

      // Assert
      problem(result, 422);
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    });

    // The idempotency scope is the caller and the concrete path, so {id} tells the two requests apart.
    it("does not replay one contractor's upload for another contractor with the same key and body", async () => {
      // Arrange: the bureau declared this body under KEY for CONTRACTOR_ID
      const bureauKey = {
        PK: `IDEMPOTENCY#u-bureau#POST /v1/contractors/${CONTRACTOR_ID}/documents#${KEY}`,
        SK: 'IDEMPOTENCY',
      };
      ddbMock.on(GetCommand, { Key: bureauKey }).resolves({
        Item: {
          ...bureauKey,
          requestHash: sha256(canonicalJson(JSON.parse(bodyText))),
          result: stored,
          expiresAt: NOW.getTime() / 1000 + 60,
        },
      });
      ddbMock
        .on(GetCommand, { Key: { PK: `CONTRACTOR#${OTHER_CONTRACTOR_ID}`, SK: 'PROFILE' } })
        .resolves({ Item: contractorItem(contractor({ id: OTHER_CONTRACTOR_ID })) });

      // Act: same key, same body, another contractor
      const result = await requestUpload({
        claims: claims.bureau,
        params: { id: OTHER_CONTRACTOR_ID },
        headers: { 'Idempotency-Key': KEY },
        body: bodyText,
      });

      // Assert: never the first contractor's document
      expect(result.headers?.['idempotency-replayed']).toBeUndefined();
      expect(JSON.stringify(json(result))).not.toContain('doc_earlier000000000000');
    });
  });
});

import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as getDocument } from '#functions/contractors/get-document';
import { handler as listDocuments } from '#functions/contractors/list-documents';
import { routes } from '#functions/routes';
import type { RequestOptions } from './support';
import {
  CONTRACTOR_ID,
  DOCUMENT_ID,
  OTHER_CONTRACTOR_ID,
  apiEvent,
  claims,
  documentItem,
  evidenceDocument,
  expectInternalError,
  json,
  lambdaContext,
  problem,
} from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const s3Mock = mockClient(S3Client);
const NOW = new Date('2025-03-10T02:00:00.000Z');

beforeAll(() => {
  // Presigning signs locally with whatever credentials the client resolves; no request is sent.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
});

beforeEach(() => {
  ddbMock.reset();
  s3Mock.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('GET /v1/contractors/{id}/documents', () => {
  const revision2 = evidenceDocument({ documentId: 'doc_02jabcdefg0123456789', revision: 2 });
  const revision1 = evidenceDocument({ status: 'verified', version: 2 });
  const list = (options: RequestOptions = {}) =>
    listDocuments(
      apiEvent(routes.listDocuments, {
        claims: claims.contractor(CONTRACTOR_ID),
        params: { id: CONTRACTOR_ID },
        ...options,
      }),
      lambdaContext(),
    );

  it('queries the contractor partition for documents newest first and hides object keys', async () => {
    // Arrange
    ddbMock.on(QueryCommand).resolves({ Items: [documentItem(revision2), documentItem(revision1)] });

    // Act
    const result = await list();

    // Assert
    expect(result.statusCode).toBe(200);
    const body = json<{ items: Record<string, unknown>[] }>(result);
    expect(body.items.map((d) => d.revision)).toEqual([2, 1]);
    for (const item of body.items) expect(item).not.toHaveProperty('objectKey');
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(QueryCommand, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `CONTRACTOR#${CONTRACTOR_ID}`, ':prefix': 'DOC#' },
      ScanIndexForward: false,
      Limit: 25,
    });
  });

  it('answers 404 to a contractor token for another contractor without any DynamoDB call', async () => {
    // Act
    const result = await list({ params: { id: OTHER_CONTRACTOR_ID } });

    // Assert
    problem(result, 404);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 403 to an auditor (evidence is for the contractor and the bureau only)', async () => {
    // Act
    const result = await list({ claims: claims.auditor });

    // Assert
    problem(result, 403);
  });

  it('answers a bare 500 when the Query fails', async () => {
    // Arrange
    ddbMock.on(QueryCommand).rejects(new Error('InternalFailure'));

    // Act
    const result = await list();

    // Assert
    expectInternalError(result, 'InternalFailure');
  });
});

describe('GET /v1/contractors/{id}/documents/{documentId}', () => {
  const read = (options: RequestOptions = {}) =>
    getDocument(
      apiEvent(routes.getDocument, {
        claims: claims.bureau,
        params: { id: CONTRACTOR_ID, documentId: DOCUMENT_ID },
        ...options,
      }),
      lambdaContext(),
    );

  it('offers a short presigned download for a verified document, from one GetItem', async () => {
    // Arrange
    ddbMock
      .on(GetCommand)
      .resolves({ Item: documentItem(evidenceDocument({ status: 'verified', version: 2 })) });

    // Act
    const result = await read();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"2"');
    const body = json<{ status: string; download?: { url: string; expiresAt: string } }>(result);
    expect(body).not.toHaveProperty('objectKey');
    expect(body.download?.expiresAt).toBe('2025-03-10T10:05:00.000+08:00');
    const url = new URL(body.download?.url ?? '');
    expect(url.pathname).toContain(`contractors/${CONTRACTOR_ID}/conditions/1/${DOCUMENT_ID}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    // The file name is stored on the object at upload; the URL names none, so no S3 access log does (issue 11 §1).
    expect(url.searchParams.has('response-content-disposition')).toBe(false);
    expect(url.href).not.toContain(encodeURIComponent('登记证书'));
    // Verified before the verifier stored versions: the current object, no version named.
    expect(url.searchParams.has('versionId')).toBe(false);
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
      Key: { PK: `CONTRACTOR#${CONTRACTOR_ID}`, SK: `DOC#${DOCUMENT_ID}` },
    });
    expect(s3Mock).not.toHaveReceivedAnyCommand();
  });

  it('issue 11 §4: pins the download to the version the verifier checked, and keeps the version out of the view', async () => {
    // Arrange
    ddbMock.on(GetCommand).resolves({
      Item: documentItem({ ...evidenceDocument({ status: 'verified', version: 2 }), versionId: 'v-checked' }),
    });

    // Act
    const result = await read();

    // Assert
    expect(result.statusCode).toBe(200);
    const body = json<{ download?: { url: string } }>(result);
    expect(new URL(body.download?.url ?? '').searchParams.get('versionId')).toBe('v-checked');
    expect(body).not.toHaveProperty('versionId');
  });

  it('offers no download for a document that is not verified', async () => {
    // Arrange
    ddbMock
      .on(GetCommand)
      .resolves({ Item: documentItem(evidenceDocument({ status: 'rejected', reason: 'size', version: 2 })) });

    // Act
    const result = await read();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json(result)).not.toHaveProperty('download');
  });

  it('answers 404 to a contractor token for another contractor without any DynamoDB call', async () => {
    // Act
    const result = await read({ claims: claims.contractor(OTHER_CONTRACTOR_ID) });

    // Assert
    problem(result, 404);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 404 when there is no such document', async () => {
    // Arrange
    ddbMock.on(GetCommand).resolves({});

    // Act
    const result = await read();

    // Assert
    problem(result, 404);
  });

  it('answers a bare 500 when the read fails', async () => {
    // Arrange
    ddbMock.on(GetCommand).rejects(new Error('ItemCollectionSizeLimitExceeded'));

    // Act
    const result = await read();

    // Assert
    expectInternalError(result, 'ItemCollectionSizeLimitExceeded');
  });
});

/**
 * R-PROC-5: a bid document's object key is opaque (contractors/bids/<random>): S3's access logs, its
 * object-created events and any line that logs the key name neither the bidder nor the project. The lookup row
 * written with the declaration leads the verifier from the object to its document; the download after the
 * deadline is presigned on the same key. One flow through the handlers: declare → verify → download.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as verifyDocument } from '#functions/contractors/verify-document';
import { handler as getBidDocument } from '#functions/bids/get-bid-document';
import { handler as requestBidDocumentUpload } from '#functions/bids/request-bid-document-upload';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { BidRecord } from '#shared/domain/procurement-records';
import {
  CONTRACTOR_ID,
  apiEvent,
  claims,
  head,
  json,
  lambdaContext,
  putItem,
  sha256,
  transactItems,
} from './support';
import { PROJECT_ID, project, projectItem } from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const s3Mock = mockClient(S3Client);

const DEADLINE = '2025-03-20T10:00:00.000+08:00';
const BEFORE = new Date('2025-03-15T02:00:00.000Z');
const AFTER = new Date('2025-03-20T02:00:01.000Z');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const published = project({
  status: 'published',
  version: 4,
  tender: { publishedAt: '2025-03-10T10:00:00.000+08:00', bidDeadline: DEADLINE, minimumBids: 3 },
  evaluatorIds: ['u-evaluator'],
});
const bid: BidRecord = {
  id: 'bid_01jabcdefg0123456789',
  projectId: PROJECT_ID,
  contractorId: CONTRACTOR_ID,
  contractorKind: 'social_organization',
  contractorName: '示范社会工作服务中心',
  nonProfit: true,
  price: 28_000_000,
  proposal: { summary: '照料护理服务方案' },
  documentIds: [],
  revision: 1,
  submittedAt: '2025-03-12T09:00:00.000+08:00',
  submittedBy: { sub: 'u-c', role: 'contractor' },
  version: 1,
};

type ObjectCreated = EventBridgeEvent<
  'Object Created',
  { bucket: { name: string }; object: { key: string; size?: number } }
>;
const objectCreated = (key: string, time: string): ObjectCreated => ({
  version: '0',
  id: '17793124-05d4-b198-2fde-7ededc63b103',
  'detail-type': 'Object Created',
  source: 'aws.s3',
  account: '123456789012',
  time,
  region: 'cn-north-1',
  resources: ['arn:aws-cn:s3:::assistance-documents'],
  detail: { bucket: { name: 'assistance-documents' }, object: { key, size: PDF.byteLength } },
});
const objectBody = (bytes: Uint8Array) =>
  ({ transformToByteArray: async () => bytes }) as unknown as GetObjectCommandOutput['Body'];

beforeAll(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
});

beforeEach(() => {
  ddbMock.reset();
  s3Mock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(TransactWriteCommand).resolves({});
  ddbMock.on(GetCommand, { Key: keys.project(PROJECT_ID) }).resolves({ Item: projectItem(published) });
  ddbMock.on(GetCommand, { Key: keys.bid(PROJECT_ID, CONTRACTOR_ID) }).resolves({
    Item: { ...keys.bid(PROJECT_ID, CONTRACTOR_ID), recordType: 'bid', ...bid, ...head(1) },
  });
  s3Mock.on(GetObjectCommand).resolves({ Body: objectBody(PDF) });
  vi.useFakeTimers({ now: BEFORE, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Declares a document through the handler; what the table would hold afterwards is served back by key. */
async function declare(): Promise<{ objectKey: string; documentId: string; row: Record<string, unknown> }> {
  const result = await requestBidDocumentUpload(
    apiEvent(routes.requestBidDocumentUpload, {
      claims: claims.contractor(CONTRACTOR_ID),
      params: { id: PROJECT_ID },
      body: {
        fileName: '技术方案.pdf',
        contentType: 'application/pdf',
        size: PDF.byteLength,
        sha256: sha256(PDF),
      },
    }),
    lambdaContext(),
  );
  expect(result.statusCode).toBe(201);
  const body = json<{ documentId: string; upload: { fields: Record<string, string> } }>(result);
  const items = transactItems(ddbMock);
  const row = items.map((item) => item.Put?.Item).find((item) => item?.recordType === 'bidObject');
  if (!row) throw new Error('no bidObject row in the declaration');
  for (const item of [putItem(items, 0), row]) {
    ddbMock.on(GetCommand, { Key: { PK: item.PK, SK: item.SK } }).resolves({ Item: item });
  }
  ddbMock.resetHistory();
  return { objectKey: body.upload.fields.key ?? '', documentId: body.documentId, row };
}

describe('an upload form that would live under a second (R-PROC-1)', () => {
  const request = () =>
    requestBidDocumentUpload(
      apiEvent(routes.requestBidDocumentUpload, {
        claims: claims.contractor(CONTRACTOR_ID),
        params: { id: PROJECT_ID },
        body: {
          fileName: 'a.pdf',
          contentType: 'application/pdf',
          size: PDF.byteLength,
          sha256: sha256(PDF),
        },
      }),
      lambdaContext(),
    );

  it('is refused with 409 and nothing written, 999 ms before the deadline; a whole second before, the form is given', async () => {
    vi.setSystemTime(new Date('2025-03-20T01:59:59.001Z'));
    const late = await request();
    expect(late.statusCode).toBe(409);
    expect(json<{ rule?: string }>(late).rule).toBe('R-PROC-1');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);

    vi.setSystemTime(new Date('2025-03-20T01:59:59.000Z'));
    const inTime = await request();
    expect(inTime.statusCode).toBe(201);
    expect(json<{ upload: { expiresAt: string } }>(inTime).upload.expiresAt).toMatch(
      /^2025-03-20T(02:00:00|10:00:00)/,
    );
  });
});

describe('opaque bid-document keys (R-PROC-5)', () => {
  it('the verifier resolves the opaque key through its lookup row and verifies the document', async () => {
    // Arrange
    const { objectKey, documentId } = await declare();
    expect(objectKey).toMatch(/^contractors\/bids\/[0-9a-f]{32}$/);

    // Act: S3 created the object before the deadline
    const result = await verifyDocument(objectCreated(objectKey, '2025-03-15T02:00:05Z'), lambdaContext());

    // Assert
    expect(result).toEqual({ outcome: 'verified', documentId });
    expect(s3Mock).toHaveReceivedCommandExactlyOnceWith(GetObjectCommand, {
      Bucket: 'assistance-documents',
      Key: objectKey,
    });
    expect(putItem(transactItems(ddbMock), 0)).toMatchObject({
      ...keys.bidDocument(PROJECT_ID, CONTRACTOR_ID, documentId),
      objectKey,
      status: 'verified',
    });
  });

  it('after the deadline the bureau downloads it on the opaque key, which names neither bidder nor project', async () => {
    // Arrange: declared, then verified
    const { objectKey, documentId } = await declare();
    await verifyDocument(objectCreated(objectKey, '2025-03-15T02:00:05Z'), lambdaContext());
    const verified = putItem(transactItems(ddbMock), 0);
    ddbMock.on(GetCommand, { Key: { PK: verified.PK, SK: verified.SK } }).resolves({ Item: verified });
    vi.setSystemTime(AFTER);

    // Act
    const result = await getBidDocument(
      apiEvent(routes.getBidDocument, {
        claims: claims.bureau,
        params: { id: PROJECT_ID, contractorId: CONTRACTOR_ID, documentId },
      }),
      lambdaContext(),
    );

    // Assert
    expect(result.statusCode).toBe(200);
    const url = new URL(json<{ download: { url: string } }>(result).download.url);
    expect(url.pathname).toContain(objectKey);
    for (const id of [CONTRACTOR_ID, PROJECT_ID, documentId]) expect(url.pathname).not.toContain(id);
  });

  it('an opaque key without a lookup row is unknown, and no document is read', async () => {
    // Act
    const result = await verifyDocument(
      objectCreated('contractors/bids/0123456789abcdef0123456789abcdef', '2025-03-15T02:00:05Z'),
      lambdaContext(),
    );

    // Assert
    expect(result).toEqual({ outcome: 'unknown_key' });
    expect(ddbMock).toHaveReceivedCommandTimes(GetCommand, 1);
    expect(s3Mock).not.toHaveReceivedAnyCommand();
  });

  it('a lookup row whose document holds another key is not followed (the key must be the document’s own)', async () => {
    // Arrange: the row of one declaration, asked about under another opaque id
    const { row } = await declare();
    const forgedId = 'ffffffffffffffffffffffffffffffff';
    const forged = `contractors/bids/${forgedId}`;
    ddbMock
      .on(GetCommand, { Key: { PK: `BIDOBJECT#${forgedId}`, SK: 'BIDOBJECT' } })
      .resolves({ Item: { ...row, PK: `BIDOBJECT#${forgedId}`, objectId: forgedId } });

    // Act
    const result = await verifyDocument(objectCreated(forged, '2025-03-15T02:00:05Z'), lambdaContext());

    // Assert
    expect(result).toEqual({ outcome: 'unknown_key' });
    expect(s3Mock).not.toHaveReceivedAnyCommand();
  });
});

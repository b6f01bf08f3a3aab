import { GetObjectCommand, NoSuchKey, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/contractors/verify-document';
import { logger } from '#shared/http/logger';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { EvidenceDocument } from '#shared/domain/contractor';
import type { BidDocument } from '#shared/domain/procurement-records';
import {
  CONTRACTOR_ID,
  DOCUMENT_ID,
  canceled,
  documentItem,
  evidenceDocument,
  head,
  lambdaContext,
  putItem,
  sha256,
  transactItems,
} from './support';
import { PROJECT_ID, project, projectItem } from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const s3Mock = mockClient(S3Client);
const NOW = new Date('2025-03-10T02:00:00.000Z');
const NOW_ISO = '2025-03-10T10:00:00.000+08:00';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const OBJECT_KEY = `contractors/${CONTRACTOR_ID}/conditions/1/${DOCUMENT_ID}`;
const documentKey = { PK: `CONTRACTOR#${CONTRACTOR_ID}`, SK: `DOC#${DOCUMENT_ID}` };

type ObjectCreated = EventBridgeEvent<
  'Object Created',
  { bucket: { name: string }; object: { key: string; size?: number; 'version-id'?: string } }
>;

const objectCreated = (
  key: string,
  size = PDF.byteLength,
  time = '2025-03-10T02:00:00Z',
  versionId?: string,
): ObjectCreated => ({
  version: '0',
  id: '17793124-05d4-b198-2fde-7ededc63b103',
  'detail-type': 'Object Created',
  source: 'aws.s3',
  account: '123456789012',
  time,
  region: 'cn-north-1',
  resources: ['arn:aws-cn:s3:::assistance-documents'],
  detail: {
    bucket: { name: 'assistance-documents' },
    object: { key, size, ...(versionId !== undefined ? { 'version-id': versionId } : {}) },
  },
});

// The SDK's streaming body, as far as readObject uses it.
const body = (bytes: Uint8Array) =>
  ({ transformToByteArray: async () => bytes }) as unknown as GetObjectCommandOutput['Body'];

function arrange(declared: Partial<EvidenceDocument>, bytes: Uint8Array = PDF): void {
  const doc = evidenceDocument({ size: PDF.byteLength, ...declared });
  ddbMock.on(GetCommand).resolves({ Item: documentItem(doc) });
  s3Mock.on(GetObjectCommand).resolves({ Body: body(bytes) });
}

const verify = (key = OBJECT_KEY) => handler(objectCreated(key), lambdaContext());

beforeEach(() => {
  ddbMock.reset();
  s3Mock.reset();
  ddbMock.on(TransactWriteCommand).resolves({});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('document verifier (S3 Object Created)', () => {
  it('marks PDF bytes of the declared size verified, conditional on the declared version, with an audit entry', async () => {
    // Arrange
    arrange({ sha256: sha256(PDF) });

    // Act
    const result = await verify();

    // Assert
    expect(result).toEqual({ outcome: 'verified', documentId: DOCUMENT_ID });
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
      TableName: 'assistance',
      Key: documentKey,
    });
    expect(s3Mock).toHaveReceivedCommandExactlyOnceWith(GetObjectCommand, {
      Bucket: 'assistance-documents',
      Key: OBJECT_KEY,
    });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 1 },
      Item: {
        ...documentKey,
        status: 'verified',
        version: 2,
        uploadedAt: NOW_ISO,
        verifiedAt: NOW_ISO,
        auditSeq: 2,
      },
    });
    expect(putItem(items, 0)).not.toHaveProperty('reason');
    expect(putItem(items, 1)).toMatchObject({
      PK: `AUDIT#document#${DOCUMENT_ID}`,
      SK: '0000000002',
      action: 'document.verified',
      actor: { sub: 'document-verifier', role: 'system' },
      prevHash: head(1).auditHash,
    });
  });

  it.each([
    [
      'text bytes declared as application/pdf',
      Buffer.from('just some text, not a PDF at all'),
      {},
      'content is not application/pdf (its leading bytes do not match)',
    ],
    [
      'bytes of another size than declared',
      PDF,
      { size: PDF.byteLength + 1 },
      `size is ${PDF.byteLength} bytes`,
    ],
    [
      'bytes whose sha256 differs from the declared one',
      PDF,
      { sha256: sha256('another file') },
      'sha256 does not match',
    ],
  ])('rejects %s with the reason, recorded on the document', async (_case, bytes, declared, reason) => {
    // Arrange
    arrange({ size: bytes.byteLength, ...declared }, bytes);

    // Act
    const result = await verify();

    // Assert
    expect(result).toEqual({
      outcome: 'rejected',
      documentId: DOCUMENT_ID,
      reason: expect.stringContaining(reason),
    });
    const items = transactItems(ddbMock);
    expect(putItem(items, 0)).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining(reason),
      version: 2,
    });
    expect(putItem(items, 1)).toMatchObject({ action: 'document.rejected' });
  });

  it('changes nothing for a document that is already verified', async () => {
    // Arrange
    arrange({ status: 'verified', version: 2 });

    // Act
    const result = await verify();

    // Assert
    expect(result).toEqual({ outcome: 'already_settled' });
    expect(s3Mock).not.toHaveReceivedAnyCommand();
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('reports object_missing and writes nothing when the object is not in the bucket (NoSuchKey)', async () => {
    // Arrange
    arrange({});
    s3Mock
      .on(GetObjectCommand)
      .rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));

    // Act
    const result = await verify();

    // Assert
    expect(result).toEqual({ outcome: 'object_missing' });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('reports unknown_key without reading the bucket when no document was declared for the key', async () => {
    // Arrange
    ddbMock.on(GetCommand).resolves({});

    // Act
    const result = await verify();

    // Assert
    expect(result).toEqual({ outcome: 'unknown_key' });
    expect(s3Mock).not.toHaveReceivedAnyCommand();
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('reports unknown_key without any read for a key outside the evidence layout', async () => {
    // Act
    const result = await verify(`contractors/${CONTRACTOR_ID}/other/${DOCUMENT_ID}`);

    // Assert
    expect(result).toEqual({ outcome: 'unknown_key' });
    expect(ddbMock).not.toHaveReceivedAnyCommand();
    expect(s3Mock).not.toHaveReceivedAnyCommand();
  });

  it('reads and settles again on a stale write (ConditionalCheckFailed on the record), and fails the invocation after 3', async () => {
    // Arrange
    arrange({});
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None'));

    // Act / Assert: the event is retried rather than dropped as raced
    await expect(verify()).rejects.toThrow('3 attempts');
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 3);
  });

  it('fails the invocation (so the event is retried) when reading the document fails', async () => {
    // Arrange
    ddbMock.on(GetCommand).rejects(new Error('ThrottlingException'));

    // Act / Assert
    await expect(verify()).rejects.toThrow('ThrottlingException');
    expect(s3Mock).not.toHaveReceivedAnyCommand();
  });

  it('fails the invocation when reading the object fails for another reason than a missing key, writing nothing', async () => {
    // Arrange
    arrange({});
    s3Mock.on(GetObjectCommand).rejects(new Error('SlowDown'));

    // Act / Assert
    await expect(verify()).rejects.toThrow('SlowDown');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('fails the invocation when the write fails for another reason', async () => {
    // Arrange
    arrange({});
    ddbMock.on(TransactWriteCommand).rejects(new Error('InternalServerError'));

    // Act / Assert
    await expect(verify()).rejects.toThrow('InternalServerError');
  });
});

describe('document verifier on a bid document (R-PROC-1)', () => {
  const BID_DOCUMENT_ID = 'bdoc_01jabcdefg012345678';
  const BID_OBJECT_KEY = `contractors/${CONTRACTOR_ID}/bids/${PROJECT_ID}/${BID_DOCUMENT_ID}`;
  const bidDocumentKey = keys.bidDocument(PROJECT_ID, CONTRACTOR_ID, BID_DOCUMENT_ID);
  // 10:00 Shanghai on the 10th is 02:00Z.
  const DEADLINE = '2025-03-10T10:00:00.000+08:00';

  function arrangeBid(declared: Partial<BidDocument> = {}, bytes: Uint8Array = PDF): void {
    const doc: BidDocument = {
      documentId: BID_DOCUMENT_ID,
      projectId: PROJECT_ID,
      contractorId: CONTRACTOR_ID,
      fileName: '技术方案.pdf',
      contentType: 'application/pdf',
      size: PDF.byteLength,
      objectKey: BID_OBJECT_KEY,
      status: 'pending',
      requestedAt: '2025-03-10T09:00:00.000+08:00',
      version: 1,
      ...declared,
    };
    const published = project({
      status: 'published',
      version: 4,
      tender: { publishedAt: '2025-03-01T10:00:00.000+08:00', bidDeadline: DEADLINE, minimumBids: 3 },
    });
    ddbMock.on(GetCommand, { Key: bidDocumentKey }).resolves({
      Item: { ...bidDocumentKey, recordType: 'bidDocument', ...doc, ...head(doc.version) },
    });
    ddbMock.on(GetCommand, { Key: keys.project(PROJECT_ID) }).resolves({ Item: projectItem(published) });
    s3Mock.on(GetObjectCommand).resolves({ Body: body(bytes) });
  }

  const verifyBid = (time: string) =>
    handler(objectCreated(BID_OBJECT_KEY, PDF.byteLength, time), lambdaContext());

  it('R-PROC-5: a file posted again after its document was verified rejects the document (no silent swap)', async () => {
    // Arrange: verified from the upload S3 created at 01:58:00Z
    arrangeBid({ status: 'verified', uploadedAt: '2025-03-10T09:58:00.000+08:00', version: 2 });

    // Act: the same form posted again a minute later
    const result = await verifyBid('2025-03-10T01:59:00Z');

    // Assert: a record from before versions were stored has only the time (issue 11 §4)
    expect(result).toMatchObject({ outcome: 'replaced', documentId: BID_DOCUMENT_ID });
    expect(putItem(transactItems(ddbMock), 0)).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('replaced'),
      version: 3,
    });
  });

  it('R-PROC-5: a redelivered event of the verified upload changes nothing', async () => {
    arrangeBid({ status: 'verified', uploadedAt: '2025-03-10T09:58:00.000+08:00', version: 2 });
    expect(await verifyBid('2025-03-10T01:58:00Z')).toEqual({ outcome: 'already_settled' });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-1: verifies a bid document S3 created before the deadline, recording when S3 created it', async () => {
    // Arrange
    arrangeBid({ sha256: sha256(PDF) });

    // Act
    const result = await verifyBid('2025-03-10T01:59:59Z');

    // Assert
    expect(result).toEqual({ outcome: 'verified', documentId: BID_DOCUMENT_ID });
    expect(s3Mock).toHaveReceivedCommandExactlyOnceWith(GetObjectCommand, {
      Bucket: 'assistance-documents',
      Key: BID_OBJECT_KEY,
    });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 1 },
      Item: {
        ...bidDocumentKey,
        recordType: 'bidDocument',
        status: 'verified',
        uploadedAt: '2025-03-10T09:59:59.000+08:00',
        verifiedAt: NOW_ISO,
        version: 2,
      },
    });
    expect(putItem(items, 1)).toMatchObject({
      PK: `AUDIT#bidDocument#${BID_DOCUMENT_ID}`,
      action: 'bidDocument.verified',
      actor: { sub: 'document-verifier', role: 'system' },
    });
  });

  it('R-PROC-1: rejects an object S3 created at the deadline as late, without reading it, even if its bytes are fine', async () => {
    // Arrange
    arrangeBid({ sha256: sha256(PDF) });

    // Act
    const result = await verifyBid('2025-03-10T02:00:00Z');

    // Assert
    const reason = `uploaded at 2025-03-10T10:00:00.000+08:00, at or after the bid deadline ${DEADLINE}`;
    expect(result).toEqual({ outcome: 'rejected', documentId: BID_DOCUMENT_ID, reason });
    // Never read; only tagged to expire (issue 11 §4).
    expect(s3Mock).not.toHaveReceivedCommand(GetObjectCommand);
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectTaggingCommand, 1);
    const items = transactItems(ddbMock);
    expect(putItem(items, 0)).toMatchObject({ status: 'rejected', reason, version: 2 });
    expect(putItem(items, 1)).toMatchObject({ action: 'bidDocument.rejected' });
  });

  it('R-PROC-1: judges lateness by when S3 created the object, not when the verifier runs (after the deadline here)', async () => {
    // Arrange: the verifier runs at 10:00 Shanghai, the deadline; the object was created a second before.
    arrangeBid();

    // Act
    const result = await verifyBid('2025-03-10T01:59:59Z');

    // Assert
    expect(result).toMatchObject({ outcome: 'verified' });
  });

  it('rejects bytes that are not the declared type, like evidence', async () => {
    // Arrange
    const text = Buffer.from('plain text, not a PNG');
    arrangeBid({ contentType: 'image/png', size: text.byteLength }, text);

    // Act
    const result = await verifyBid('2025-03-10T01:00:00Z');

    // Assert
    expect(result).toEqual({
      outcome: 'rejected',
      documentId: BID_DOCUMENT_ID,
      reason: 'content is not image/png (its leading bytes do not match)',
    });
  });

  it('reports unknown_key for a bid key with no declared document, without reading the bucket', async () => {
    // Arrange
    ddbMock.on(GetCommand).resolves({});

    // Act
    const result = await verifyBid('2025-03-10T01:00:00Z');

    // Assert
    expect(result).toEqual({ outcome: 'unknown_key' });
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, { Key: bidDocumentKey });
    expect(s3Mock).not.toHaveReceivedAnyCommand();
  });

  it('changes nothing for a bid document already settled', async () => {
    // Arrange
    arrangeBid({ status: 'rejected', reason: 'late', version: 2 });

    // Act
    const result = await verifyBid('2025-03-10T01:00:00Z');

    // Assert
    expect(result).toEqual({ outcome: 'already_settled' });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

describe('document verifier: the version that is served (issue 11 §4, R-QUAL-2)', () => {
  // What S3 says on a versioned bucket (the embedded stack's s3rver keeps no versions: these run against the SDK mock).
  const V1 = '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY';
  const V2 = 'QUpfdndhfd8438MNFDN93jdnJFkdmqnh893';
  const verifyVersion = (versionId: string) =>
    handler(objectCreated(OBJECT_KEY, PDF.byteLength, '2025-03-10T02:00:00Z', versionId), lambdaContext());

  it('reads the version the event names and records its versionId and the SHA-256 of its bytes', async () => {
    // Arrange: no hash declared
    arrange({});
    s3Mock.on(GetObjectCommand).resolves({ Body: body(PDF), VersionId: V1 });

    // Act
    const result = await verifyVersion(V1);

    // Assert
    expect(result).toEqual({ outcome: 'verified', documentId: DOCUMENT_ID });
    expect(s3Mock).toHaveReceivedCommandExactlyOnceWith(GetObjectCommand, {
      Bucket: 'assistance-documents',
      Key: OBJECT_KEY,
      VersionId: V1,
    });
    expect(putItem(transactItems(ddbMock), 0)).toMatchObject({
      status: 'verified',
      versionId: V1,
      sha256: sha256(PDF),
      version: 2,
    });
  });

  it('marks a verified document replaced when another version with other bytes is uploaded to its key', async () => {
    // Arrange: verified on V1
    const verified = {
      ...evidenceDocument({ status: 'verified', version: 2 }),
      versionId: V1,
      sha256: sha256(PDF),
    };
    ddbMock.on(GetCommand).resolves({ Item: documentItem(verified) });
    s3Mock.on(GetObjectCommand).resolves({ Body: body(Buffer.from('%PDF-1.7 other bytes')), VersionId: V2 });

    // Act: the same form posted again with other bytes
    const result = await verifyVersion(V2);

    // Assert: V2 is read to compare its hash
    expect(result).toMatchObject({ outcome: 'replaced', documentId: DOCUMENT_ID });
    expect(s3Mock).toHaveReceivedCommandWith(GetObjectCommand, { VersionId: V2 });
    const items = transactItems(ddbMock);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 2 },
      Item: { status: 'rejected', reason: expect.stringContaining('replaced'), versionId: V1, version: 3 },
    });
    expect(putItem(items, 1)).toMatchObject({ action: 'document.replaced' });
  });

  it('changes nothing on a redelivered event of the verified version', async () => {
    const verified = {
      ...evidenceDocument({ status: 'verified', version: 2 }),
      versionId: V1,
      sha256: sha256(PDF),
    };
    ddbMock.on(GetCommand).resolves({ Item: documentItem(verified) });

    expect(await verifyVersion(V1)).toEqual({ outcome: 'already_settled' });
    expect(s3Mock).not.toHaveReceivedAnyCommand();
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  const DISCARD = { TagSet: [{ Key: 'retention', Value: 'discard' }] };

  it('tags a rejected version to expire, after the verdict committed; a verified one is never tagged', async () => {
    // Arrange: declared as 20,480 bytes, the PDF is smaller
    arrange({ size: 20_480 });
    s3Mock.on(GetObjectCommand).resolves({ Body: body(PDF), VersionId: V1 });

    // Act
    const result = await verifyVersion(V1);

    // Assert
    expect(result).toMatchObject({ outcome: 'rejected' });
    expect(s3Mock).toHaveReceivedCommandExactlyOnceWith(PutObjectTaggingCommand, {
      Bucket: 'assistance-documents',
      Key: OBJECT_KEY,
      VersionId: V1,
      Tagging: DISCARD,
    });
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);

    // A verified upload is kept
    s3Mock.resetHistory();
    arrange({});
    s3Mock.on(GetObjectCommand).resolves({ Body: body(PDF), VersionId: V1 });
    expect(await verifyVersion(V1)).toMatchObject({ outcome: 'verified' });
    expect(s3Mock).not.toHaveReceivedCommand(PutObjectTaggingCommand);
  });

  it('tags the replacing version, not the checked one, when a verified document is replaced', async () => {
    // Arrange
    const verified = {
      ...evidenceDocument({ status: 'verified', version: 2 }),
      versionId: V1,
      sha256: sha256(PDF),
    };
    ddbMock.on(GetCommand).resolves({ Item: documentItem(verified) });
    s3Mock.on(GetObjectCommand).resolves({ Body: body(Buffer.from('%PDF-1.7 other bytes')), VersionId: V2 });

    // Act
    expect(await verifyVersion(V2)).toMatchObject({ outcome: 'replaced' });

    // Assert
    expect(s3Mock).toHaveReceivedCommandExactlyOnceWith(PutObjectTaggingCommand, {
      VersionId: V2,
      Tagging: DISCARD,
    });
  });

  it('tags again on a redelivered event of a rejected document (the tag may have failed after the verdict)', async () => {
    // Arrange
    const rejected = { ...evidenceDocument({ status: 'rejected', version: 2 }), versionId: V1 };
    ddbMock.on(GetCommand).resolves({ Item: documentItem(rejected) });

    // Act
    expect(await verifyVersion(V1)).toEqual({ outcome: 'already_settled' });

    // Assert
    expect(s3Mock).toHaveReceivedCommandExactlyOnceWith(PutObjectTaggingCommand, {
      VersionId: V1,
      Tagging: DISCARD,
    });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('fails the invocation when tagging fails, so the redelivered event tags it', async () => {
    arrange({ size: 20_480 });
    s3Mock.on(GetObjectCommand).resolves({ Body: body(PDF), VersionId: V1 });
    s3Mock.on(PutObjectTaggingCommand).rejects(Object.assign(new Error('throttled'), { name: 'SlowDown' }));

    await expect(verifyVersion(V1)).rejects.toThrow('throttled');
  });

  it('treats a version S3 no longer has (NoSuchVersion) as a missing object, writing nothing', async () => {
    arrange({});
    s3Mock.on(GetObjectCommand).rejects(Object.assign(new Error('gone'), { name: 'NoSuchVersion' }));

    expect(await verifyVersion(V1)).toEqual({ outcome: 'object_missing' });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

describe('document verifier log (issue 11 §1)', () => {
  it('logs the outcome and the document id, never the object key (keys declared before the opaque ones name the bidder)', async () => {
    // Arrange
    arrange({});
    const info = vi.spyOn(logger, 'info');

    // Act
    await verify();

    // Assert
    expect(info).toHaveBeenCalledWith('document verification', {
      outcome: 'verified',
      documentId: DOCUMENT_ID,
    });
    expect(JSON.stringify(info.mock.calls)).not.toContain(OBJECT_KEY);
    expect(JSON.stringify(info.mock.calls)).not.toContain(CONTRACTOR_ID);
    info.mockRestore();
  });
});

/**
 * Issue 13 §1 (R-CON-3): a staff member's employment evidence is checked the same way (size, magic bytes, sha256)
 * and its verdict is a new version of the staff record, conditional on the version read, with its `staff` audit
 * entry, in one transaction.
 */
describe('document verifier: a staff member’s employment evidence', () => {
  const STAFF_ID = 'stf_01jabcdefg0123456789';
  const STAFF_KEY = `contractors/${CONTRACTOR_ID}/staff/${STAFF_ID}/${DOCUMENT_ID}`;
  const staffKey = keys.staff(CONTRACTOR_ID, STAFF_ID);
  const staffMember = (evidence: Record<string, unknown>) => ({
    ...staffKey,
    recordType: 'staff',
    id: STAFF_ID,
    contractorId: CONTRACTOR_ID,
    name: '王芳',
    residentId: '370402**********1X',
    personHash: 'f'.repeat(64),
    personal: { sealed: { v: 1, key: 'k', iv: 'i', data: 'd' } },
    role: 'caregiver',
    joinedOn: '2024-01-01',
    evidence: {
      documentId: DOCUMENT_ID,
      kind: 'labour_contract',
      fileName: '劳动合同.pdf',
      contentType: 'application/pdf',
      size: PDF.byteLength,
      objectKey: STAFF_KEY,
      status: 'pending',
      createdAt: NOW_ISO,
      ...evidence,
    },
    createdBy: { sub: 'u-c', role: 'contractor' },
    version: 2,
    createdAt: NOW_ISO,
    updatedAt: NOW_ISO,
    ...head(2),
  });

  it('verifies the declared bytes and writes the staff record at its next version with a staff audit entry', async () => {
    ddbMock.on(GetCommand).resolves({ Item: staffMember({ sha256: sha256(PDF) }) });
    s3Mock.on(GetObjectCommand).resolves({ Body: body(PDF) });

    const result = await verify(STAFF_KEY);

    expect(result).toEqual({ outcome: 'verified', documentId: DOCUMENT_ID });
    expect(ddbMock).toHaveReceivedCommandWith(GetCommand, { Key: staffKey });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 2 },
      Item: {
        ...staffKey,
        version: 3,
        name: '王芳',
        evidence: { documentId: DOCUMENT_ID, status: 'verified', sha256: sha256(PDF), verifiedAt: NOW_ISO },
      },
    });
    const audit = putItem(items, 1);
    expect(audit).toMatchObject({
      recordType: 'staff',
      recordId: STAFF_ID,
      action: 'staff.evidence.verified',
    });
    // The audit entry holds the mask, never the seal.
    expect(JSON.stringify(audit)).not.toContain('sealed');
  });

  it('rejects bytes that are not the declared content type, with the reason, and tags the object to expire', async () => {
    ddbMock.on(GetCommand).resolves({ Item: staffMember({}) });
    s3Mock.on(GetObjectCommand).resolves({ Body: body(Buffer.alloc(PDF.byteLength, 0x41)) });
    s3Mock.on(PutObjectTaggingCommand).resolves({});

    const result = await verify(STAFF_KEY);

    expect(result).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringMatching(/not application\/pdf/),
    });
    expect(putItem(transactItems(ddbMock), 0)).toMatchObject({
      evidence: { status: 'rejected', reason: expect.stringMatching(/not application\/pdf/) },
    });
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectTaggingCommand, { Key: STAFF_KEY });
  });

  it('rejects a size or sha256 other than declared', async () => {
    ddbMock.on(GetCommand).resolves({ Item: staffMember({ sha256: sha256('other bytes') }) });
    s3Mock.on(GetObjectCommand).resolves({ Body: body(PDF) });
    s3Mock.on(PutObjectTaggingCommand).resolves({});

    expect(await verify(STAFF_KEY)).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringMatching(/sha256/),
    });
  });

  it('ignores an upload under a key the staff record no longer names (evidence declared again since)', async () => {
    ddbMock.on(GetCommand).resolves({ Item: staffMember({ objectKey: `${STAFF_KEY}x` }) });

    expect(await verify(STAFF_KEY)).toEqual({ outcome: 'unknown_key' });
    expect(ddbMock).toHaveReceivedCommandWith(GetCommand, { Key: staffKey });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

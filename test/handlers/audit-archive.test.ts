/**
 * Issue 11 §5 (R-SUP-2): the archiver copies every audit entry from the table's stream into the Object Lock
 * archive, once, and keeps each record's head of the day for the digest; the digest function signs the day's heads
 * with the KMS key (only it may) and stores the digest in the table and the archive, with the public key.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as archiveHandler } from '#functions/audit-archive/archive-audit-entries';
import { handler as digestHandler } from '#functions/audit-archive/sign-digest';
import { buildDigest, canonicalJson, digestPayload, type AuditEntry } from '#shared/domain/audit-chain';
import { logger } from '#shared/http/logger';
import { auditChain, lambdaContext } from './support';

const s3Mock = mockClient(S3Client);
const ddbMock = mockClient(DynamoDBDocumentClient);
const kmsMock = mockClient(KMSClient);
const KEY_ARN = 'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
// 2026-11-24 10:00 in Shanghai.
const NOW = new Date('2026-11-24T02:00:00.000Z');

const [first, second] = auditChain('contractor', 'ctr_01jabcdefg0123456789', [
  { version: 1, name: '示范社工中心' },
  { version: 2, name: '示范社工中心', nonProfit: true },
]) as [AuditEntry, AuditEntry];

const itemOf = (entry: AuditEntry) => ({
  PK: `AUDIT#${entry.recordType}#${entry.recordId}`,
  SK: String(entry.seq).padStart(10, '0'),
  ...entry,
});

let sequence = 100;
function streamRecord(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  item: Record<string, unknown>,
  old?: Record<string, unknown>,
): DynamoDBRecord {
  sequence += 1;
  const image = (value: Record<string, unknown>) =>
    marshall(value, { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
  return {
    eventID: `e${sequence}`,
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: image({ PK: item.PK, SK: item.SK }),
      SequenceNumber: String(sequence),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
      ...(eventName === 'REMOVE' ? {} : { NewImage: image(item) }),
      ...(old ? { OldImage: image(old) } : {}),
    },
  };
}

const streamEvent = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
const puts = () => s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);

function preconditionFailed(): S3ServiceException {
  return new S3ServiceException({
    name: 'PreconditionFailed',
    $fault: 'client',
    $metadata: { httpStatusCode: 412 },
    message: 'At least one of the pre-conditions you specified did not hold',
  });
}

beforeEach(() => {
  s3Mock.reset();
  ddbMock.reset();
  kmsMock.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  vi.stubEnv('AUDIT_ARCHIVE_BUCKET', 'assistance-audit-archive');
  vi.stubEnv('AUDIT_DIGEST_KEY_ID', KEY_ARN);
  vi.stubEnv('LOCAL_KMS_DIR', '');
  s3Mock.on(PutObjectCommand).resolves({});
  ddbMock.on(UpdateCommand).resolves({});
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('the audit archiver (issue 11 §5, R-SUP-2)', () => {
  it('writes each new audit entry as stored to its own key, once (If-None-Match), and records the day’s head', async () => {
    // Act
    const result = await archiveHandler(
      streamEvent(streamRecord('INSERT', itemOf(first)), streamRecord('INSERT', itemOf(second))),
      lambdaContext(),
    );

    // Assert
    expect(result).toEqual({ batchItemFailures: [] });
    expect(puts()).toEqual([
      expect.objectContaining({
        Bucket: 'assistance-audit-archive',
        Key: 'audit/contractor/ctr_01jabcdefg0123456789/0000000001.json',
        Body: canonicalJson(first),
        IfNoneMatch: '*',
      }),
      expect.objectContaining({
        Key: 'audit/contractor/ctr_01jabcdefg0123456789/0000000002.json',
        Body: canonicalJson(second),
      }),
    ]);
    const heads = ddbMock.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(heads.at(-1)).toMatchObject({
      Key: { PK: 'AUDITDAY#2026-11-24', SK: 'contractor#ctr_01jabcdefg0123456789' },
      ConditionExpression: 'attribute_not_exists(seq) OR seq < :seq',
      ExpressionAttributeValues: expect.objectContaining({
        ':seq': 2,
        ':hash': second.hash,
        ':gpk': 'AUDITHEADS#contractor#ctr_01jabcdefg0123456789',
        ':gsk': '2026-11-24',
      }),
    });
  });

  it('takes a retried entry that is archived already (412) and a head already ahead as done', async () => {
    // Arrange
    s3Mock.on(PutObjectCommand).rejects(preconditionFailed());
    ddbMock.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));

    // Act
    const result = await archiveHandler(streamEvent(streamRecord('INSERT', itemOf(first))), lambdaContext());

    // Assert
    expect(result).toEqual({ batchItemFailures: [] });
  });

  it('ends the batch at the first record that fails, so the stream is retried from it and none is skipped', async () => {
    // Arrange
    const records = [streamRecord('INSERT', itemOf(first)), streamRecord('INSERT', itemOf(second))];
    s3Mock
      .on(PutObjectCommand, { Key: 'audit/contractor/ctr_01jabcdefg0123456789/0000000002.json' })
      .rejects(new Error('SlowDown'));

    // Act
    const result = await archiveHandler(streamEvent(...records), lambdaContext());

    // Assert
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber }] });
  });

  it('archives a change or removal of an audit, public or OCDS item with both images under tamper/ and logs it', async () => {
    // Arrange
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const rewritten = { ...itemOf(first), data: { version: 1, name: '另一个名字' } };
    const release = { PK: 'PUBLIC#RELEASES', SK: '2026-11-24T02:00:00.000Z#r1', title: 'x' };
    const records = [
      streamRecord('MODIFY', rewritten, itemOf(first)),
      streamRecord('REMOVE', release, release),
    ];

    // Act
    const result = await archiveHandler(streamEvent(...records), lambdaContext());

    // Assert
    expect(result).toEqual({ batchItemFailures: [] });
    const [modified, removed] = puts();
    expect(modified?.Key).toBe(
      `tamper/AUDIT%23contractor%23ctr_01jabcdefg0123456789/0000000001/${records[0]?.dynamodb?.SequenceNumber}-MODIFY.json`,
    );
    expect(JSON.parse(String(modified?.Body))).toMatchObject({
      eventName: 'MODIFY',
      oldImage: { data: { name: '示范社工中心' } },
      newImage: { data: { name: '另一个名字' } },
    });
    expect(removed?.Key).toMatch(/^tamper\/PUBLIC%23RELEASES\/.+-REMOVE\.json$/);
    expect(error).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledWith('immutable item changed', expect.objectContaining({ tamper: true }));
    // A tampered item is no new head.
    expect(ddbMock).not.toHaveReceivedCommand(UpdateCommand);
  });

  it('never locks a bid’s price or proposal in clear: they are withheld with the content’s hash (R-PROC-5)', async () => {
    // Arrange
    const [bidEntry] = auditChain('bid', 'bid_01jabcdefg0123456789', [
      {
        id: 'bid_01jabcdefg0123456789',
        projectId: 'prj_1',
        price: 7_654_321,
        proposal: { summary: '方案' },
        version: 1,
      },
    ]) as [AuditEntry];

    // Act
    await archiveHandler(streamEvent(streamRecord('INSERT', itemOf(bidEntry))), lambdaContext());

    // Assert
    const body = String(puts()[0]?.Body);
    expect(body).not.toContain('7654321');
    expect(body).not.toContain('方案');
    expect(JSON.parse(body)).toMatchObject({
      hash: bidEntry.hash,
      data: { id: 'bid_01jabcdefg0123456789', projectId: 'prj_1' },
      withheld: {
        fields: ['price', 'proposal'],
        dataSha256: createHash('sha256').update(canonicalJson(bidEntry.data)).digest('hex'),
      },
    });
  });

  it('leaves other items’ inserts alone', async () => {
    // Act
    await archiveHandler(
      streamEvent(streamRecord('INSERT', { PK: 'PUBLIC#RELEASES', SK: '2026#r2', title: 'x' })),
      lambdaContext(),
    );

    // Assert
    expect(puts()).toEqual([]);
  });
});

describe('the daily digest (issue 11 §5, R-SUP-2)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const heads = [
    { recordType: 'project', recordId: 'prj_1', seq: 3, hash: 'a'.repeat(64) },
    { recordType: 'contractor', recordId: 'ctr_1', seq: 2, hash: 'b'.repeat(64) },
  ];
  const payload = digestPayload(buildDigest('2026-11-23', heads));

  function arrangeKms() {
    // KMS signs the SHA-256 of the payload (MessageType DIGEST); the same key signs the payload here.
    kmsMock
      .on(SignCommand)
      .resolves({ Signature: sign('sha256', Buffer.from(payload), privateKey), KeyId: KEY_ARN });
    kmsMock
      .on(GetPublicKeyCommand)
      .resolves({ PublicKey: publicKey.export({ format: 'der', type: 'spki' }) });
  }

  it('signs the previous Shanghai day’s heads with the KMS key and stores the digest in the table and the archive', async () => {
    // Arrange
    arrangeKms();
    ddbMock.on(GetCommand).resolves({});
    ddbMock
      .on(QueryCommand)
      .resolves({ Items: heads.map((h) => ({ PK: 'AUDITDAY#2026-11-23', SK: 'x', ...h })) });
    ddbMock.on(PutCommand).resolves({});

    // Act
    const result = await digestHandler({}, lambdaContext());

    // Assert
    expect(result).toEqual({ date: '2026-11-23', heads: 2, created: true });
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
      ExpressionAttributeValues: { ':pk': 'AUDITDAY#2026-11-23' },
    });
    expect(kmsMock).toHaveReceivedCommandWith(SignCommand, {
      KeyId: KEY_ARN,
      MessageType: 'DIGEST',
      SigningAlgorithm: 'ECDSA_SHA_256',
      Message: createHash('sha256').update(payload).digest(),
    });
    const stored = ddbMock.commandCalls(PutCommand)[0]?.args[0].input;
    expect(stored).toMatchObject({
      Item: {
        PK: 'DIGEST#2026-11-23',
        SK: 'DIGEST',
        digest: buildDigest('2026-11-23', heads),
        keyId: KEY_ARN,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    expect(puts().map((p) => p.Key)).toEqual([
      `digests/public-keys/${encodeURIComponent(KEY_ARN)}.pem`,
      'digests/2026-11-23.json',
    ]);
    expect(String(puts()[0]?.Body)).toBe(publicKey.export({ format: 'pem', type: 'spki' }).toString());
  });

  it('signs no second digest for a day that has one, and archives the stored one again', async () => {
    // Arrange
    arrangeKms();
    ddbMock.on(GetCommand).resolves({
      Item: {
        PK: 'DIGEST#2026-11-20',
        SK: 'DIGEST',
        date: '2026-11-20',
        digest: { date: '2026-11-20', heads: [] },
        signature: 'c2ln',
        keyId: KEY_ARN,
        algorithm: 'ECDSA_SHA_256',
        signedAt: '2026-11-21T00:30:00.000+08:00',
      },
    });

    // Act
    const result = await digestHandler({ date: '2026-11-20' }, lambdaContext());

    // Assert
    expect(result).toEqual({ date: '2026-11-20', heads: 0, created: false });
    expect(kmsMock).not.toHaveReceivedCommand(SignCommand);
    expect(ddbMock).not.toHaveReceivedCommand(PutCommand);
    expect(puts().map((p) => p.Key)).toContain('digests/2026-11-20.json');
  });

  it('refuses a date that is not YYYY-MM-DD', async () => {
    await expect(digestHandler({ date: '2026-11-20T00:00' }, lambdaContext())).rejects.toThrow(/YYYY-MM-DD/);
  });
});

/**
 * Issue 11 §5 (R-SUP-2) on the embedded stack: the table's stream reaches the archiver (the local poller, as Lambda's
 * event source mapping on AWS), the day's head is recorded, the digest handler signs it with the local key, and the
 * audit route checks the chain against it. Then an insider with write rights on the table rewrites an entry and
 * recomputes the chain and the record's head: the chain still verifies, the anchor does not, and the archive holds
 * the original entry and the insider's change under tamper/.
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { handler as signDigest } from '#functions/audit-archive/sign-digest';
import { documentClient } from '#shared/adapters/dynamodb/client';
import { auditKeys } from '#shared/adapters/dynamodb/audit-heads';
import { keys } from '#shared/adapters/dynamodb/keys';
import { archiveKeys } from '#shared/adapters/s3/audit-archive';
import { businessDate } from '#shared/domain/clock';
import { headOf, nextEntry, type AuditEntry } from '#shared/domain/audit-chain';
import { AUDIT_ARCHIVE_BUCKET } from '#infra/local/audit-stream';
import { lambdaContext } from '#infra/local/lambda-context';
import { api, stackInfo, token, waitFor } from '../support/stack-client';

interface Trail {
  entries: AuditEntry[];
  chain: { verified: boolean; length: number };
  anchoredBy: { date: string; seq: number; verified: boolean; problem?: string } | null;
}

const table = () => stackInfo().tableName;
const s3 = new S3Client({
  endpoint: stackInfo().s3Endpoint,
  region: 'cn-north-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
});

async function archived(key: string): Promise<string | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: AUDIT_ARCHIVE_BUCKET, Key: key }));
    return await object.Body?.transformToString();
  } catch {
    return undefined;
  }
}

describe('the audit trail anchored by a signed digest, on the embedded stack (issue 11 §5, R-SUP-2)', () => {
  it(
    'catches an insider’s rewrite with the chain recomputed, which the chain alone passes',
    { timeout: 150_000 },
    async () => {
      // Arrange: a record with two entries, archived from the stream, its head signed in the day's digest.
      const bureau = await token('bureau');
      const auditor = await token('auditor');
      const opened = await api<{ id: string }>('POST', '/v1/budget-lines', {
        token: bureau,
        body: { purchaserId: 'pur-district', fiscalYear: 2031, source: 'special_funds', amount: 70_000_000 },
        headers: { 'idempotency-key': `anchor-${randomUUID()}` },
      });
      expect(opened.status).toBe(201);
      const id = opened.json.id;
      const today = businessDate(new Date());
      const dayHead = await waitFor(
        async () =>
          (
            await documentClient.send(
              new GetCommand({ TableName: table(), Key: auditKeys.auditDay(today, 'budget-line', id) }),
            )
          ).Item,
        // The archive follows the stream: under a full test run it may be seconds behind every other test's writes.
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      expect(dayHead).toMatchObject({ seq: 1, GSI1PK: `AUDITHEADS#budget-line#${id}`, GSI1SK: today });
      const original = await archived(archiveKeys.entry('budget-line', id, 1));
      expect(original && (JSON.parse(original) as AuditEntry).seq).toBe(1);

      const signed = await signDigest(
        { date: today },
        lambdaContext({ functionName: 'auditDigest', requestId: 'r', timeoutMs: 10_000 }),
      );
      expect(signed).toMatchObject({ date: today });
      const before = await api<Trail>('GET', `/v1/audit/budget-line/${id}`, { token: auditor });
      expect(before.status).toBe(200);
      expect(before.json.chain).toEqual({ verified: true, length: 1 });
      expect(before.json.anchoredBy).toEqual({ date: today, seq: 1, verified: true });

      // Act: the insider rewrites entry 1 (a larger amount), recomputes its hash and moves the record's head to it.
      const [entry] = before.json.entries as [AuditEntry];
      const stored = (
        await documentClient.send(
          new GetCommand({ TableName: table(), Key: keys.auditEntry('budget-line', id, 1) }),
        )
      ).Item as AuditEntry;
      const forged = nextEntry(undefined, {
        recordType: stored.recordType,
        recordId: stored.recordId,
        at: stored.at,
        actor: stored.actor,
        action: stored.action,
        data: { ...(stored.data as object), amount: 90_000_000, available: 90_000_000 },
      });
      await documentClient.send(
        new PutCommand({ TableName: table(), Item: { ...keys.auditEntry('budget-line', id, 1), ...forged } }),
      );
      await documentClient.send(
        new UpdateCommand({
          TableName: table(),
          Key: keys.budgetLine(id),
          UpdateExpression: 'SET amount = :a, available = :a, auditHash = :h',
          ExpressionAttributeValues: { ':a': 90_000_000, ':h': headOf(forged).auditHash },
        }),
      );
      const after = await api<Trail>('GET', `/v1/audit/budget-line/${id}`, { token: auditor });

      // Assert
      expect(forged.hash).not.toBe(entry.hash);
      expect(after.json.chain).toEqual({ verified: true, length: 1 });
      expect(after.json.anchoredBy).toMatchObject({ date: today, seq: 1, verified: false });
      // The archive kept the original entry, and holds the insider's change with both images.
      expect(await archived(archiveKeys.entry('budget-line', id, 1))).toBe(original);
      const tamper = await waitFor(
        async () =>
          (
            await s3.send(
              new ListObjectsV2Command({
                Bucket: AUDIT_ARCHIVE_BUCKET,
                Prefix: `tamper/${encodeURIComponent(`AUDIT#budget-line#${id}`)}/`,
              }),
            )
          ).Contents?.[0]?.Key,
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      expect(JSON.parse((await archived(tamper)) ?? '{}')).toMatchObject({
        eventName: 'MODIFY',
        oldImage: { hash: entry.hash },
        newImage: { hash: forged.hash },
      });
    },
  );
});

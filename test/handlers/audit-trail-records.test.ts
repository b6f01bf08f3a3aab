/**
 * GET /v1/audit/{recordType}/{id} for the record types of a procurement (issue 10 §2, survivors of
 * shared/use-cases/audit.ts):
 * - R-SUP-2: the trail of each record type is verified against the head of that record itself, read at its own
 *   key (a catalog item by its code, a bid, bid document, score sheet or challenge in its project's partition
 *   by what the audited value holds, a contract by its id). Only the record's own key answers with a head here,
 *   so a wrong key reads no head and the chain does not verify.
 * - R-PROC-5 / R-PROC-3: a bid's and a bid document's trail is sealed until the bid deadline, a score sheet's
 *   until the project is evaluated; a trail whose project is gone is "not found". Other records are not sealed
 *   and their project is not read.
 * - A record missing (deleted, never written) leaves the trail unverified; a cursor is bound to `recordType/id`.
 */
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { auditEntryView } from '#functions/audit/views';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/audit/get-audit-trail';
import { routes } from '#functions/routes';
import type { AuditEntry } from '#shared/domain/audit-chain';
import type { RequestOptions } from './support';
import {
  CONTRACTOR_ID,
  apiEvent,
  auditChain,
  auditEntryItem,
  claims,
  json,
  lambdaContext,
  problem,
} from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);

const PROJECT = 'prj_01jabcdefg0123456789';
const PROJECT_KEY = { PK: `PROJECT#${PROJECT}`, SK: 'PROJECT' };
const PAST = '2025-03-20T00:00:00+08:00';
const FUTURE = '2999-01-01T00:00:00+08:00';

interface TrailBody {
  recordType: string;
  recordId: string;
  entries: AuditEntry[];
  chain: { verified: boolean; length: number; brokenAtSeq?: number; problem?: string };
  cursor?: string;
}

const headOf = (entries: AuditEntry[]) => ({
  auditSeq: entries.length,
  auditHash: entries.at(-1)?.hash ?? '',
});

const projectItem = (status: string, bidDeadline?: string) => ({
  ...PROJECT_KEY,
  id: PROJECT,
  status,
  ...(bidDeadline
    ? { tender: { publishedAt: '2025-03-01T10:00:00.000+08:00', bidDeadline, minimumBids: 3 } }
    : {}),
  version: 5,
});

/**
 * The trail of `recordType/id` (two versions of `value`); the record answers with the chain's head at `key`
 * only, the project (when given) at its key, and every other Get finds nothing.
 */
function arrange(
  recordType: string,
  id: string,
  value: Record<string, unknown>,
  key: { PK: string; SK: string } | undefined,
  project?: object,
): AuditEntry[] {
  const entries = auditChain(recordType, id, [value, { ...value, version: 2 }]);
  ddbMock.on(QueryCommand).resolves({ Items: entries.map(auditEntryItem) });
  // No signed digest lists the record yet (issue 11 §5).
  ddbMock.on(QueryCommand, { IndexName: 'GSI1' }).resolves({ Items: [] });
  ddbMock.on(GetCommand).resolves({});
  if (key)
    ddbMock
      .on(GetCommand, { Key: key })
      .resolves({ Item: { ...key, ...value, version: 2, ...headOf(entries) } });
  if (project) ddbMock.on(GetCommand, { Key: PROJECT_KEY }).resolves({ Item: project });
  return entries;
}

const read = (recordType: string, id: string, options: RequestOptions = {}) =>
  handler(
    apiEvent(routes.getAuditTrail, { claims: claims.auditor, params: { recordType, id }, ...options }),
    lambdaContext(),
  );

const gets = () => ddbMock.commandCalls(GetCommand).map((c) => c.args[0].input.Key);

beforeEach(() => {
  ddbMock.reset();
});

const bid = {
  id: 'bid_01jabcdefg0123456789',
  projectId: PROJECT,
  contractorId: CONTRACTOR_ID,
  price: 123_000,
};
const bidDocument = {
  documentId: 'bdoc_01jabcdefg0123456789',
  projectId: PROJECT,
  contractorId: CONTRACTOR_ID,
  fileName: '服务方案.pdf',
};
const sheet = {
  projectId: PROJECT,
  round: 2,
  evaluatorId: 'ev-7',
  scores: [{ bidId: bid.id, criterionCode: 'service_plan', score: 88 }],
};
const SHEET_ID = `${PROJECT}.r2.ev-7`;

describe('each record type is verified against its own head (R-SUP-2)', () => {
  it.each([
    // Not sealed: the project is not read.
    [
      'catalog-item',
      'C-CAREGIVING',
      { code: 'C-CAREGIVING', nameZh: '照料护理服务' },
      { PK: 'CATALOG', SK: 'ITEM#C-CAREGIVING' },
      undefined,
    ],
    [
      'challenge',
      'chl_01jabcdefg0123456789',
      { id: 'chl_01jabcdefg0123456789', projectId: PROJECT, contractorId: CONTRACTOR_ID },
      { PK: `PROJECT#${PROJECT}`, SK: 'CHALLENGE#chl_01jabcdefg0123456789' },
      undefined,
    ],
    [
      'contract',
      'ctr_01jabcdefg0123456789',
      { id: 'ctr_01jabcdefg0123456789', projectId: PROJECT, contractorId: CONTRACTOR_ID },
      { PK: 'CONTRACT#ctr_01jabcdefg0123456789', SK: 'CONTRACT' },
      undefined,
    ],
    // An evaluator-pool member (issue 11 §1): its id is the evaluator's token subject.
    [
      'evaluator',
      'u-evaluator-7',
      {
        sub: 'u-evaluator-7',
        name: '评审专家',
        expertise: ['社会救助'],
        status: 'active',
        registeredAt: '2026-01-01T10:00:00.000+08:00',
        registeredBy: { sub: 'u-b', role: 'bureau' },
      },
      { PK: 'EVALUATORPOOL', SK: 'MEMBER#u-evaluator-7' },
      undefined,
    ],
    // Sealed until the deadline / evaluation: read once the project is past it.
    [
      'bid',
      bid.id,
      bid,
      { PK: `PROJECT#${PROJECT}`, SK: `BID#${CONTRACTOR_ID}` },
      projectItem('bidding_closed', PAST),
    ],
    [
      'bidDocument',
      bidDocument.documentId,
      bidDocument,
      { PK: `PROJECT#${PROJECT}`, SK: `BIDDOC#${CONTRACTOR_ID}#${bidDocument.documentId}` },
      projectItem('bidding_closed', PAST),
    ],
    [
      'scoreSheet',
      SHEET_ID,
      sheet,
      { PK: `PROJECT#${PROJECT}`, SK: 'SCORES#002#ev-7' },
      projectItem('evaluated', PAST),
    ],
  ])(
    'reads a %s’s head at its own key and verifies the chain',
    async (recordType, id, value, key, project) => {
      // Arrange
      const entries = arrange(recordType, id, value, key, project);

      // Act
      const result = await read(recordType, id);

      // Assert
      expect(result.statusCode).toBe(200);
      expect(json<TrailBody>(result)).toEqual({
        recordType,
        recordId: id,
        // Each entry's record as its own route shows it to an auditor (issue 11 §5).
        entries: entries.map((entry) => auditEntryView(entry, { sub: 'x', role: 'auditor' }, '2026-01-01')),
        chain: { verified: true, length: 2 },
        anchoredBy: null,
      });
      expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
        ExpressionAttributeValues: { ':pk': `AUDIT#${recordType}#${id}` },
      });
      // The sealed kinds read their project first, then the record; the others the record only.
      expect(gets()).toEqual(project ? [PROJECT_KEY, key] : [key]);
    },
  );
});

describe('sealed trails (R-PROC-5, R-PROC-3)', () => {
  it.each([
    ['bid', bid.id, bid],
    ['bidDocument', bidDocument.documentId, bidDocument],
  ])(
    'answers a %s’s trail before the bid deadline and before any notice as missing (404, R-PROC-5, issue 11 §1), without reading the record',
    async (recordType, id, value) => {
      for (const project of [projectItem('published', FUTURE), projectItem('approved')]) {
        // Arrange
        ddbMock.reset();
        arrange(recordType, id, value, undefined, project);

        // Act
        const body = problem(await read(recordType, id), 404);

        // Assert: the same answer as an id with no trail, which the bidding cannot tell apart
        expect(gets()).toEqual([PROJECT_KEY]);
        const missing = problem(await read(recordType, 'bid_missing0000000000'), 404);
        expect({ ...body, instance: '' }).toEqual({ ...missing, instance: '' });
        expect(body.detail).toBe('audit trail not found');
        expect(body).not.toHaveProperty('rule');
      }
    },
  );

  it.each(['draft', 'submitted', 'approved', 'published', 'bidding_closed'])(
    'answers a score sheet’s trail while the project is %s as missing (404, R-PROC-3, issue 11 §1)',
    async (status) => {
      // Arrange
      arrange('scoreSheet', SHEET_ID, sheet, undefined, projectItem(status, PAST));

      // Act
      const body = problem(await read('scoreSheet', SHEET_ID, { claims: claims.bureau }), 404);

      // Assert
      expect(gets()).toEqual([PROJECT_KEY]);
      const missing = problem(
        await read('scoreSheet', 'sheet_missing000000', { claims: claims.bureau }),
        404,
      );
      expect({ ...body, instance: '' }).toEqual({ ...missing, instance: '' });
      expect(body.detail).toBe('audit trail not found');
    },
  );

  it.each([
    ['bid', bid.id, bid],
    ['bidDocument', bidDocument.documentId, bidDocument],
    ['scoreSheet', SHEET_ID, sheet],
  ])(
    'answers 404 for a %s whose project is gone, reading only the project',
    async (recordType, id, value) => {
      // Arrange: no project item
      arrange(recordType, id, value, undefined);

      // Act
      const body = problem(await read(recordType, id), 404);

      // Assert
      expect(body.detail).toBe('audit trail not found');
      expect(gets()).toEqual([PROJECT_KEY]);
    },
  );

  it('does not seal a challenge’s trail: its project is not read, even before the deadline', async () => {
    // Arrange
    const challenge = { id: 'chl_01jabcdefg0123456789', projectId: PROJECT };
    const key = { PK: `PROJECT#${PROJECT}`, SK: `CHALLENGE#${challenge.id}` };
    arrange('challenge', challenge.id, challenge, key, projectItem('published', FUTURE));

    // Act
    const result = await read('challenge', challenge.id);

    // Assert
    expect(result.statusCode).toBe(200);
    expect(gets()).toEqual([key]);
  });
});

describe('what the chain is verified against', () => {
  it('leaves the trail of a record that is missing unverified: its head counts as entry 0', async () => {
    // Arrange: the trail exists; the record (deleted, or never written) does not
    arrange('contract', 'ctr_01jabcdefg0123456789', { id: 'ctr_01jabcdefg0123456789' }, undefined);

    // Act
    const result = await read('contract', 'ctr_01jabcdefg0123456789');

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json<TrailBody>(result).chain).toEqual({
      verified: false,
      length: 2,
      brokenAtSeq: 3,
      problem: "the record's head is at entry 0: entries are missing from the end",
    });
  });

  it('answers 404 naming the audit trail for a record without entries', async () => {
    // Arrange
    ddbMock.on(QueryCommand).resolves({ Items: [] });

    // Act + Assert
    expect(problem(await read('contract', 'ctr_01jabcdefg0123456789'), 404).detail).toBe(
      'audit trail not found',
    );
  });

  it('refuses a cursor another record’s trail gave out, though it has as many entries (400 naming cursor)', async () => {
    // Arrange: two contracts with two entries each
    const first = 'ctr_01jabcdefg0123456789';
    const second = 'ctr_01jzzzzzzz0123456789';
    arrange('contract', first, { id: first }, { PK: `CONTRACT#${first}`, SK: 'CONTRACT' });
    const cursor = json<TrailBody>(await read('contract', first, { query: { limit: '1' } })).cursor;
    expect(cursor).toEqual(expect.any(String));
    arrange('contract', second, { id: second }, { PK: `CONTRACT#${second}`, SK: 'CONTRACT' });

    // Act
    const elsewhere = await read('contract', second, { query: { limit: '1', cursor: cursor ?? '' } });
    const sameId = await read('challenge', first, { query: { limit: '1', cursor: cursor ?? '' } });
    const own = await read('contract', first, { query: { limit: '1', cursor: cursor ?? '' } });

    // Assert
    expect(problem(elsewhere, 400).errors?.map((e) => e.field)).toEqual(['cursor']);
    expect(problem(sameId, 400).errors?.map((e) => e.field)).toEqual(['cursor']);
    expect(own.statusCode).toBe(200);
  });
});

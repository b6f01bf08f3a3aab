import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { businessDate } from '#shared/domain/clock';
import { handler } from '#functions/audit/get-audit-trail';
import { routes } from '#functions/routes';
import type { AuditEntry } from '#shared/domain/audit-chain';
import { hashEntry } from '#shared/domain/audit-chain';
import { auditEntryView } from '#functions/audit/views';
import type { RequestOptions } from './support';
import {
  CONTRACTOR_ID,
  DOCUMENT_ID,
  apiEvent,
  auditChain,
  auditEntryItem,
  claims,
  contractor,
  contractorItem,
  evidenceDocument,
  expectInternalError,
  json,
  lambdaContext,
  problem,
} from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const AUDITOR = { sub: 'auditor-1', role: 'auditor' };
const TODAY = businessDate(new Date());

const v1 = contractor();
const v2 = contractor({
  version: 2,
  flags: { creditListHit: true, annualReportFailed: false, note: '列入经营异常名录' },
});
const chain = auditChain('contractor', CONTRACTOR_ID, [v1, v2]);
const headOfChain = (entries: AuditEntry[]) => ({
  auditSeq: entries.length,
  auditHash: entries.at(-1)?.hash ?? '',
});

function arrange(entries: AuditEntry[], recordHead = headOfChain(entries)): void {
  ddbMock.on(QueryCommand).resolves({ Items: entries.map(auditEntryItem) });
  // No signed digest lists the record yet (issue 11 §5).
  ddbMock.on(QueryCommand, { IndexName: 'GSI1' }).resolves({ Items: [] });
  ddbMock.on(GetCommand).resolves({ Item: { ...contractorItem(v2), ...recordHead } });
}

interface TrailBody {
  recordType: string;
  recordId: string;
  entries: AuditEntry[];
  chain: { verified: boolean; length: number; brokenAtSeq?: number; problem?: string };
  anchoredBy: unknown;
  cursor?: string;
}

const trail = (options: RequestOptions = {}) =>
  handler(
    apiEvent(routes.getAuditTrail, {
      claims: claims.auditor,
      params: { recordType: 'contractor', id: CONTRACTOR_ID },
      ...options,
    }),
    lambdaContext(),
  );

beforeEach(() => {
  ddbMock.reset();
});

describe('GET /v1/audit/{recordType}/{id}', () => {
  it('answers the entries in order and a verified chain whose tail matches the record head (R-SUP-2)', async () => {
    // Arrange
    arrange(chain);

    // Act
    const result = await trail();

    // Assert
    expect(result.statusCode).toBe(200);
    const body = json<TrailBody>(result);
    expect(body).toMatchObject({
      recordType: 'contractor',
      recordId: CONTRACTOR_ID,
      chain: { verified: true, length: 2 },
    });
    // Each entry's record as the contractor route shows it to an auditor (issue 11 §5).
    expect(body.entries).toEqual(chain.map((entry) => auditEntryView(entry, AUDITOR, TODAY)));
    expect(body.anchoredBy).toBeNull();
    expect(body.cursor).toBeUndefined();
    // The chain, then the days a digest may list the record (GSI1).
    expect(ddbMock).toHaveReceivedCommandTimes(QueryCommand, 2);
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#contractor#${CONTRACTOR_ID}` },
    });
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'GSI1',
      ExpressionAttributeValues: { ':pk': `AUDITHEADS#contractor#${CONTRACTOR_ID}` },
    });
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
      Key: { PK: `CONTRACTOR#${CONTRACTOR_ID}`, SK: 'PROFILE' },
    });
  });

  it('reports a broken chain at the entry whose content was rewritten (R-SUP-2)', async () => {
    // Arrange
    const [first, second] = chain as [AuditEntry, AuditEntry];
    const rewritten = { ...first, data: { ...v1, name: '另一个名字' } };
    arrange([rewritten, second]);

    // Act
    const body = json<TrailBody>(await trail());

    // Assert
    expect(body.chain).toMatchObject({
      verified: false,
      brokenAtSeq: 1,
      problem: 'content does not match its hash',
    });
  });

  it('reports a last entry rewritten with a correct link and a fresh hash, through the head the record carries (R-SUP-2)', async () => {
    // Arrange: the forger rewrites entry 2 and re-hashes it properly over entry 1's hash; the record keeps its head
    const [first, second] = chain as [AuditEntry, AuditEntry];
    const { prevHash: _linked, hash: _hash, ...content } = second;
    const rewritten = { ...content, data: { ...v2, name: '另一个名字' } };
    const forged: AuditEntry = { ...rewritten, prevHash: first.hash, hash: hashEntry(rewritten, first.hash) };
    arrange([first, forged], headOfChain(chain));

    // Act
    const body = json<TrailBody>(await trail());

    // Assert
    expect(body.chain).toEqual({
      verified: false,
      length: 2,
      brokenAtSeq: 2,
      problem: 'the last entry does not match the hash the record carries',
    });
  });

  it('reports entries missing from the end when the record head is ahead of the chain (R-SUP-2)', async () => {
    // Arrange: the record is at entry 3; entry 3 is gone
    const three = auditChain('contractor', CONTRACTOR_ID, [v1, v2, { ...v2, version: 3 }]);
    arrange(three.slice(0, 2), headOfChain(three));

    // Act
    const body = json<TrailBody>(await trail());

    // Assert
    expect(body.chain).toMatchObject({ verified: false, length: 2, brokenAtSeq: 3 });
  });

  it('finds a document record through the contractor id in its entries', async () => {
    // Arrange
    const doc = evidenceDocument();
    const entries = auditChain('document', DOCUMENT_ID, [doc]);
    ddbMock.on(QueryCommand).resolves({ Items: entries.map(auditEntryItem) });
    ddbMock.on(QueryCommand, { IndexName: 'GSI1' }).resolves({ Items: [] });
    ddbMock.on(GetCommand).resolves({ Item: { ...doc, ...headOfChain(entries) } });

    // Act
    const result = await trail({
      claims: claims.bureau,
      params: { recordType: 'document', id: DOCUMENT_ID },
    });

    // Assert
    expect(json<TrailBody>(result).chain).toEqual({ verified: true, length: 1 });
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
      Key: { PK: `CONTRACTOR#${CONTRACTOR_ID}`, SK: `DOC#${DOCUMENT_ID}` },
    });
  });

  it.each([
    ['budget-line', 'bl_01jabcdefg0123456789', { PK: 'BUDGET#bl_01jabcdefg0123456789', SK: 'LINE' }],
    ['project', 'prj_01jabcdefg0123456789', { PK: 'PROJECT#prj_01jabcdefg0123456789', SK: 'PROJECT' }],
    ['procurement-rules', 'pur-town-1', { PK: 'PURCHASER#pur-town-1', SK: 'PROCUREMENT-RULES' }],
  ])(
    'verifies a %s chain against its record head (R-SUP-2, R-FUND-2, R-PROC-2)',
    async (recordType, id, key) => {
      // Arrange
      const entries = auditChain(recordType, id, [{ version: 1 }, { version: 2 }]);
      ddbMock.on(QueryCommand).resolves({ Items: entries.map(auditEntryItem) });
      ddbMock.on(QueryCommand, { IndexName: 'GSI1' }).resolves({ Items: [] });
      ddbMock.on(GetCommand).resolves({ Item: { ...key, version: 2, ...headOfChain(entries) } });

      // Act
      const result = await trail({ params: { recordType, id } });

      // Assert
      expect(json<TrailBody>(result).chain).toEqual({ verified: true, length: 2 });
      expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, { Key: key });
      expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
        ExpressionAttributeValues: { ':pk': `AUDIT#${recordType}#${id}` },
      });
    },
  );

  it('pages the verified chain with an opaque cursor', async () => {
    // Arrange
    arrange(chain);

    // Act
    const first = json<TrailBody>(await trail({ query: { limit: '1' } }));
    const second = json<TrailBody>(await trail({ query: { limit: '1', cursor: first.cursor ?? '' } }));

    // Assert
    expect(first.entries.map((e) => e.seq)).toEqual([1]);
    expect(first.chain).toEqual({ verified: true, length: 2 });
    expect(first.cursor).toEqual(expect.any(String));
    expect(second.entries.map((e) => e.seq)).toEqual([2]);
    expect(second.cursor).toBeUndefined();
  });

  it.each([
    [
      'cursor',
      { cursor: Buffer.from('99').toString('base64url') },
      { recordType: 'contractor', id: CONTRACTOR_ID },
    ],
    ['limit', { limit: '101' }, { recordType: 'contractor', id: CONTRACTOR_ID }],
    ['recordType', {}, { recordType: 'refund', id: CONTRACTOR_ID }],
  ])('answers 400 naming %s', async (field, query, params) => {
    // Arrange
    arrange(chain);

    // Act
    const result = await trail({ query, params });

    // Assert
    expect(problem(result, 400).errors?.map((e) => e.field)).toEqual([field]);
  });

  it('answers 404 for a record without audit entries, without reading the record', async () => {
    // Arrange
    ddbMock.on(QueryCommand).resolves({ Items: [] });

    // Act
    const result = await trail();

    // Assert
    problem(result, 404);
    expect(ddbMock).not.toHaveReceivedCommand(GetCommand);
  });

  it('answers 403 to roles other than auditor and bureau', async () => {
    // Act
    const asContractor = await trail({ claims: claims.contractor(CONTRACTOR_ID) });
    const asTown = await trail({ claims: claims.town });

    // Assert
    problem(asContractor, 403);
    problem(asTown, 403);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers a bare 500 when the Query fails', async () => {
    // Arrange
    ddbMock.on(QueryCommand).rejects(new Error('ProvisionedThroughputExceededException'));

    // Act
    const result = await trail();

    // Assert
    expectInternalError(result, 'ProvisionedThroughputExceededException');
  });

  it('answers a bare 500 when reading the record head fails', async () => {
    // Arrange
    arrange(chain);
    ddbMock.on(GetCommand).rejects(new Error('RequestTimeout'));

    // Act
    const result = await trail();

    // Assert
    expectInternalError(result, 'RequestTimeout');
  });
});

describe('sealed records in the audit trail (R-PROC-5, R-PROC-3)', () => {
  const PROJECT = 'prj_01jabcdefg0123456789';
  const sheet = {
    projectId: PROJECT,
    round: 1,
    evaluatorId: 'ev-1',
    scores: [{ bidId: 'bid_1', criterionCode: 'service_plan', score: 88 }],
    submittedAt: '2025-03-21T10:00:00.000+08:00',
    version: 1,
  };
  const bid = {
    id: 'bid_01jabcdefg0123456789',
    projectId: PROJECT,
    contractorId: CONTRACTOR_ID,
    price: 123_000,
    version: 1,
  };
  const project = (status: string, bidDeadline: string) => ({
    PK: `PROJECT#${PROJECT}`,
    SK: 'PROJECT',
    id: PROJECT,
    status,
    tender: { publishedAt: '2025-03-01T10:00:00.000+08:00', bidDeadline, minimumBids: 3 },
    version: 5,
  });
  const arrangeSealed = (recordType: string, id: string, value: object, status: string, deadline: string) => {
    const entries = auditChain(recordType, id, [value]);
    ddbMock.on(QueryCommand).resolves({ Items: entries.map(auditEntryItem) });
    ddbMock.on(QueryCommand, { IndexName: 'GSI1' }).resolves({ Items: [] });
    ddbMock.on(GetCommand).resolves({ Item: { ...value, ...headOfChain(entries) } });
    ddbMock
      .on(GetCommand, { Key: { PK: `PROJECT#${PROJECT}`, SK: 'PROJECT' } })
      .resolves({ Item: project(status, deadline) });
  };
  const read = (recordType: string, id: string, who: Record<string, string> = claims.bureau) =>
    handler(apiEvent(routes.getAuditTrail, { claims: who, params: { recordType, id } }), lambdaContext());

  // Issue 11 §1: while sealed, a trail answers as one that does not exist (404), so an id tells nothing.
  it('answers an evaluator’s score sheet while the round is open as missing, to the bureau and auditors alike', async () => {
    arrangeSealed('scoreSheet', `${PROJECT}.r1.ev-1`, sheet, 'bidding_closed', '2025-03-20T00:00:00+08:00');
    expect(problem(await read('scoreSheet', `${PROJECT}.r1.ev-1`), 404).detail).toBe('audit trail not found');
    expect(problem(await read('scoreSheet', `${PROJECT}.r1.ev-1`, claims.auditor), 404).detail).toBe(
      'audit trail not found',
    );
  });

  it('shows a score sheet once the project is evaluated', async () => {
    arrangeSealed('scoreSheet', `${PROJECT}.r1.ev-1`, sheet, 'evaluated', '2025-03-20T00:00:00+08:00');
    const result = await read('scoreSheet', `${PROJECT}.r1.ev-1`);
    expect(result.statusCode).toBe(200);
    expect(json<TrailBody>(result).chain.verified).toBe(true);
  });

  it('answers a bid’s trail before the bid deadline as missing (404) and shows it after', async () => {
    arrangeSealed('bid', bid.id, bid, 'published', '2999-01-01T00:00:00+08:00');
    expect(problem(await read('bid', bid.id), 404).detail).toBe('audit trail not found');
    arrangeSealed('bid', bid.id, bid, 'bidding_closed', '2025-03-20T00:00:00+08:00');
    expect((await read('bid', bid.id)).statusCode).toBe(200);
  });
});

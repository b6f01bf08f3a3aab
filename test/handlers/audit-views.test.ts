/**
 * Issue 11 §5: the audit route shows each entry's record as the record's own route shows it to the same role. An
 * auditor reads a natural person's resident id masked there too (R-QUAL-2, PIPL), and no route's storage details
 * (object keys, S3 versions, bookkeeping) leak through the trail; the chain is still verified on what is stored.
 */
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/audit/get-audit-trail';
import { RECORD_VIEWS, auditEntryView } from '#functions/audit/views';
import { routes } from '#functions/routes';
import { maskResidentId } from '#shared/domain/credit-code';
import type { AuditEntry } from '#shared/domain/audit-chain';
import { AuditRecordType } from '#shared/schemas/audit.schema';
import {
  CONTRACTOR_ID,
  apiEvent,
  auditChain,
  auditEntryItem,
  claims,
  contractor,
  contractorItem,
  evidenceDocument,
  json,
  lambdaContext,
} from './support';
import { budgetLine } from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const RESIDENT_ID = '11010519491231002X';
const person = contractor({ kind: 'natural_person', nonProfit: false, creditCode: RESIDENT_ID });
const TODAY = '2026-11-24';

beforeEach(() => ddbMock.reset());

interface Trail {
  entries: AuditEntry[];
  chain: { verified: boolean };
}

async function trailAs(role: 'auditor' | 'bureau') {
  const entries = auditChain('contractor', CONTRACTOR_ID, [person, { ...person, version: 2, name: '李四' }]);
  ddbMock.on(QueryCommand).resolves({ Items: entries.map(auditEntryItem) });
  ddbMock.on(QueryCommand, { IndexName: 'GSI1' }).resolves({ Items: [] });
  ddbMock.on(GetCommand).resolves({
    Item: { ...contractorItem({ ...person, version: 2 }), auditSeq: 2, auditHash: entries[1]?.hash },
  });
  const result = await handler(
    apiEvent(routes.getAuditTrail, {
      claims: claims[role],
      params: { recordType: 'contractor', id: CONTRACTOR_ID },
    }),
    lambdaContext(),
  );
  expect(result.statusCode).toBe(200);
  return { body: json<Trail>(result), stored: entries };
}

describe('the audit route applies the contractor route’s view (issue 11 §5, R-QUAL-2)', () => {
  it('shows an auditor a natural person’s resident id masked in every entry, the chain verified on what is stored', async () => {
    const { body, stored } = await trailAs('auditor');

    expect(body.chain.verified).toBe(true);
    expect(body.entries.map((e) => (e.data as { creditCode: string }).creditCode)).toEqual([
      maskResidentId(RESIDENT_ID),
      maskResidentId(RESIDENT_ID),
    ]);
    expect(JSON.stringify(body)).not.toContain(RESIDENT_ID);
    // The hashes shown are those of the stored entries, which hold the id in clear.
    expect(body.entries.map((e) => e.hash)).toEqual(stored.map((e) => e.hash));
  });

  it('shows the bureau, entitled on the contractor route, the resident id in full', async () => {
    const { body } = await trailAs('bureau');

    expect(body.entries.map((e) => (e.data as { creditCode: string }).creditCode)).toEqual([
      RESIDENT_ID,
      RESIDENT_ID,
    ]);
  });

  it('hides what the contractor route hides from everyone: who registered it, the raw decisions and evidence', async () => {
    const { body } = await trailAs('bureau');

    for (const entry of body.entries) {
      expect(entry.data).not.toHaveProperty('registeredBy');
      expect(entry.data).not.toHaveProperty('decisions');
      expect(entry.data).not.toHaveProperty('evidence');
      expect(entry.data).toHaveProperty('conditions');
    }
  });
});

describe('each record type with a view of its own', () => {
  const auditor = { sub: 'u-auditor', role: 'auditor' };
  const entryOf = (recordType: string, data: object): AuditEntry =>
    auditChain(recordType, 'id_1', [data])[0] as AuditEntry;

  it('has a view for every audited record type but the public catalog items', () => {
    const types = AuditRecordType.options as readonly string[];
    expect(types.filter((type) => !RECORD_VIEWS[type])).toEqual(['catalog-item']);
  });

  it.each([
    ['document', evidenceDocument({ versionId: 'v-123' }), ['objectKey', 'versionId']],
    [
      'bidDocument',
      {
        documentId: 'bdoc_1',
        projectId: 'prj_1',
        contractorId: CONTRACTOR_ID,
        fileName: 'a.pdf',
        contentType: 'application/pdf',
        size: 10,
        objectKey: 'contractors/bids/opaque',
        versionId: 'v-9',
        status: 'verified',
        requestedAt: '2025-01-01T00:00:00.000+08:00',
        version: 2,
      },
      ['objectKey', 'versionId'],
    ],
    ['budget-line', budgetLine(), ['unpaid', 'createdBy']],
    [
      'bid',
      {
        id: 'bid_1',
        projectId: 'prj_1',
        contractorId: CONTRACTOR_ID,
        contractorKind: 'social_organization',
        contractorName: 'x',
        nonProfit: true,
        price: 1,
        proposal: { summary: 's' },
        documentIds: [],
        revision: 1,
        submittedAt: '2025-01-01T00:00:00.000+08:00',
        submittedBy: { sub: 'u-c', role: 'contractor' },
        version: 1,
      },
      ['submittedBy'],
    ],
    [
      'contractor-user',
      {
        contractorId: CONTRACTOR_ID,
        username: 'li.ming',
        name: '李明',
        email: 'l***@example.cn',
        phone: '139****1234',
        personal: { sealed: 'c2VhbGVk', hashes: { email: 'h1', phone: 'h2' } },
        createdBy: { sub: 'u-bureau', role: 'bureau' },
        createdAt: '2025-01-01T00:00:00.000+08:00',
        version: 1,
      },
      ['personal', 'createdBy'],
    ],
  ])('shows a %s as its route does: without %j', (recordType, data, hidden) => {
    const shown = auditEntryView(entryOf(recordType, data), auditor, TODAY).data as Record<string, unknown>;

    for (const field of hidden as string[]) {
      expect(data).toHaveProperty(field);
      expect(shown).not.toHaveProperty(field);
    }
    expect(shown).toEqual(RECORD_VIEWS[recordType]?.(data as never, auditor, TODAY));
  });

  it('falls back to the stored record with storage fields dropped and the resident id masked when a view cannot read an old entry', () => {
    const old = { id: CONTRACTOR_ID, kind: 'natural_person', creditCode: RESIDENT_ID, version: 1 };

    const shown = auditEntryView(entryOf('contractor', old), auditor, TODAY).data;

    expect(shown).toEqual({ ...old, creditCode: maskResidentId(RESIDENT_ID) });
  });

  it('leaves a record type without a view as stored', () => {
    const item = { code: 'C-1', name: '照料', version: 1 };
    expect(auditEntryView(entryOf('catalog-item', item), auditor, TODAY).data).toEqual(item);
  });
});

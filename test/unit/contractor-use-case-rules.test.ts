/**
 * Contractor use cases (shared/use-cases/contractors.ts) against a recording fake store, for what the handler
 * tests assert only through status codes (issue 10 §2: guards asserted without their condition):
 * - R-QUAL-2: a condition decision lands only while the judged evidence is still the verified revision read;
 * - R-QUAL-3: one contractor per credit code, the duplicate named as creditCode;
 * - concurrent evidence uploads retry a stale read, three times at most;
 * - tenant scope (architecture.md): a contractor's token for another id is refused before any read.
 */
import { describe, expect, it } from 'vitest';
import type { AuditHead } from '#shared/domain/audit-chain';
import type { Contractor, EvidenceDocument } from '#shared/domain/contractor';
import { DomainError } from '#shared/domain/errors';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import {
  decide,
  loadContractor,
  loadDocument,
  register,
  requestDocumentUpload,
} from '#shared/use-cases/contractors';
import type { DocumentDeps, RecordStorePort } from '#shared/use-cases/ports';

import { contractorRecord } from '../support/contractor-record';
const head: AuditHead = { auditSeq: 3, auditHash: 'h3' };
const bureau = { sub: 'u-bureau', role: 'bureau' };

const contractor: Contractor = contractorRecord({
  evidence: { 2: { latestRevision: 1, latestDocumentId: 'doc_2' } },
  version: 4,
  createdAt: '2026-11-01T09:00:00.000+08:00',
  updatedAt: '2026-11-01T09:00:00.000+08:00',
});

const verified: EvidenceDocument = {
  documentId: 'doc_2',
  contractorId: 'ctr_1',
  condition: 2,
  revision: 1,
  fileName: 'governance.pdf',
  contentType: 'application/pdf',
  size: 10,
  objectKey: 'contractors/ctr_1/conditions/2/doc_2',
  status: 'verified',
  createdAt: '2026-11-01T09:00:00.000+08:00',
  version: 2,
};

function fakeDeps(commitOutcomes: (Error | undefined)[] = []) {
  const commits: { changes: readonly RecordChange[]; extras: readonly ExtraWrite[] }[] = [];
  const gets: unknown[] = [];
  const rows = new Map<string, unknown>([
    ['CONTRACTOR#ctr_1|PROFILE', { value: contractor, head }],
    ['CONTRACTOR#ctr_1|DOC#doc_2', { value: verified, head }],
  ]);
  const store = {
    get: (key: { PK: string; SK: string }) => {
      gets.push(key);
      return Promise.resolve(rows.get(`${key.PK}|${key.SK}`));
    },
    commit: (changes: readonly RecordChange[], extras: readonly ExtraWrite[] = []) => {
      commits.push({ changes, extras });
      const outcome = commitOutcomes.shift();
      return outcome ? Promise.reject(outcome) : Promise.resolve([]);
    },
  } as unknown as RecordStorePort;
  const presigned: unknown[] = [];
  const deps: DocumentDeps = {
    store,
    clock: { now: () => new Date('2026-11-24T02:00:00Z') },
    storage: {
      presignUpload: (objectKey, contentType, size) => {
        presigned.push({ objectKey, contentType, size });
        return Promise.resolve({ url: 'https://upload', fields: {}, expiresAt: new Date(0) } as never);
      },
      presignDownload: () => Promise.reject(new Error('not used')),
      readObject: () => Promise.reject(new Error('not used')),
    },
  };
  return { deps, commits, gets, presigned };
}

describe('deciding a condition (R-QUAL-2)', () => {
  it('commits the decision with a check that the evidence is still the verified revision that was judged', async () => {
    const { deps, commits } = fakeDeps();
    const next = await decide(
      deps,
      'ctr_1',
      2,
      { documentId: 'doc_2', decision: 'approved', reason: 'articles of association seen' },
      { viewer: bureau, actor: bureau, ifMatch: 4 },
    );
    expect(next.decisions[2]).toMatchObject({
      status: 'approved',
      documentId: 'doc_2',
      decidedBy: 'u-bureau',
    });
    expect(commits).toHaveLength(1);
    const [{ changes, extras }] = commits as [(typeof commits)[number]];
    expect(changes).toEqual([
      expect.objectContaining({
        recordType: 'contractor',
        recordId: 'ctr_1',
        action: 'contractor.condition_approved',
        previous: { version: 4, head },
        actor: bureau,
      }),
    ]);
    expect(extras.map((e) => e.item)).toEqual([
      {
        ConditionCheck: {
          TableName: TABLE_NAME,
          Key: { PK: 'CONTRACTOR#ctr_1', SK: 'DOC#doc_2' },
          ConditionExpression: 'version = :v AND #s = :verified',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':v': 2, ':verified': 'verified' },
        },
      },
    ]);
    expect(extras[0]?.onConditionFailed()).toMatchObject({
      code: 'conflict',
      message: 'documentId: the document changed while it was reviewed',
      details: { field: 'documentId' },
    });
  });

  it('names a rejection in its audit action, and refuses a document that does not exist (R-QUAL-2)', async () => {
    const { deps, commits } = fakeDeps();
    await decide(
      deps,
      'ctr_1',
      2,
      { documentId: 'doc_2', decision: 'rejected', reason: 'unsigned' },
      { viewer: bureau, actor: bureau, ifMatch: 4 },
    );
    expect(commits[0]?.changes[0]?.action).toBe('contractor.condition_rejected');
    await expect(
      decide(
        deps,
        'ctr_1',
        2,
        { documentId: 'doc_9', decision: 'approved', reason: 'x' },
        { viewer: bureau, actor: bureau, ifMatch: 4 },
      ),
    ).rejects.toMatchObject({
      code: 'refused',
      message: 'documentId: no such document for this contractor',
      details: { field: 'documentId', rule: 'R-QUAL-2' },
    });
  });
});

describe('registering (R-QUAL-3)', () => {
  it('reserves the credit code in the same transaction and names creditCode when it is taken', async () => {
    const { deps, commits } = fakeDeps();
    // Personal data is sealed and hashed on the way in (issue 11 §6); an organization's code is public and stays clear.
    const personal = {
      keyedHash: { hash: (purpose: string) => Promise.resolve(`hash-of-${purpose}`) },
      seal: { seal: () => Promise.resolve({ v: 1 as const, key: 'k', iv: 'i', data: 'd' }) },
    };
    const registered = await register(
      { ...deps, ...personal },
      {
        kind: 'social_organization',
        name: '示范社工服务中心',
        creditCode: '53100000500019795A',
        nonProfit: true,
        contact: { name: '李', phone: '13800000000' },
      },
      { actor: bureau, remember: () => [] },
    );
    expect(commits[0]?.changes[0]).toMatchObject({
      action: 'contractor.registered',
      recordId: registered.id,
    });
    const reservation = commits[0]?.extras[0];
    expect(reservation?.item).toEqual({
      Put: {
        TableName: TABLE_NAME,
        Item: {
          PK: 'CREDITCODE#53100000500019795A',
          SK: 'CREDITCODE',
          recordType: 'credit-code',
          contractorId: registered.id,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
    expect(reservation?.onConditionFailed()).toMatchObject({
      code: 'duplicate',
      message: 'creditCode: a contractor with this code is already registered',
      details: { field: 'creditCode', rule: 'R-QUAL-3' },
    });
  });
});

describe('declaring evidence while another upload races', () => {
  const input = {
    condition: 2 as const,
    fileName: 'g.pdf',
    contentType: 'application/pdf' as const,
    size: 10,
  };
  const ctx = { viewer: bureau, actor: bureau, remember: () => [] };
  const stale = () => new DomainError('stale', 'changed');

  it('retries a stale read and succeeds on the third attempt', async () => {
    const { deps, commits } = fakeDeps([stale(), stale()]);
    const { document } = await requestDocumentUpload(deps, 'ctr_1', input, ctx);
    expect(commits).toHaveLength(3);
    expect(document).toMatchObject({ contractorId: 'ctr_1', condition: 2, revision: 2, status: 'pending' });
    expect(commits[2]?.changes.map((c) => c.action)).toEqual([
      'document.declared',
      'contractor.evidence_declared',
    ]);
  });

  it('gives up after three stale attempts, and does not retry any other failure', async () => {
    const three = fakeDeps([stale(), stale(), stale(), undefined]);
    await expect(requestDocumentUpload(three.deps, 'ctr_1', input, ctx)).rejects.toMatchObject({
      code: 'stale',
    });
    expect(three.commits).toHaveLength(3);
    const conflict = new DomainError('conflict', 'no');
    const other = fakeDeps([conflict]);
    await expect(requestDocumentUpload(other.deps, 'ctr_1', input, ctx)).rejects.toBe(conflict);
    expect(other.commits).toHaveLength(1);
  });

  it('hides the contractor from a viewer who may not see its evidence, before any read', async () => {
    const { deps, gets } = fakeDeps();
    const auditor = { sub: 'u-auditor', role: 'auditor' };
    await expect(
      requestDocumentUpload(deps, 'ctr_1', input, { ...ctx, viewer: auditor }),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: 'contractor not found',
    });
    await expect(loadDocument(deps, 'ctr_1', 'doc_2', auditor)).rejects.toMatchObject({
      code: 'not_found',
      message: 'document not found',
    });
    expect(gets).toEqual([]);
    await expect(loadDocument(deps, 'ctr_1', 'doc_9', bureau)).rejects.toMatchObject({
      code: 'not_found',
      message: 'document not found',
    });
    await expect(loadDocument(deps, 'ctr_1', 'doc_2', bureau)).resolves.toMatchObject({
      value: { documentId: 'doc_2' },
    });
  });
});

describe('loading a contractor (tenant scope)', () => {
  it('refuses a contractor token for another contractor without reading the store', async () => {
    const { deps, gets } = fakeDeps();
    await expect(
      loadContractor(deps, 'ctr_1', { sub: 'u-c', role: 'contractor', contractorId: 'ctr_2' }),
    ).rejects.toMatchObject({ code: 'not_found', message: 'contractor not found' });
    expect(gets).toEqual([]);
    await expect(
      loadContractor(deps, 'ctr_1', { sub: 'u-c', role: 'contractor', contractorId: 'ctr_1' }),
    ).resolves.toMatchObject({ value: { id: 'ctr_1' } });
    await expect(loadContractor(deps, 'ctr_9', bureau)).rejects.toMatchObject({ code: 'not_found' });
  });
});

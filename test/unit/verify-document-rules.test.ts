/**
 * The upload verifier (shared/use-cases/verify-document.ts) against fakes, for the guards the handler tests reach
 * only in part (issue 10 §2):
 * - an object whose key is not the one declared is not a document of ours (issue 2 §5);
 * - a bid document re-posted after it was checked is rejected, not silently swapped (R-PROC-5), but a redelivered
 *   event of the upload that was checked changes nothing;
 * - without a valid creation time nobody can show a bid document was in time (R-PROC-1): rejected;
 * - a second delivery that settled it first is "raced"; any other failure is not swallowed.
 */
import { describe, expect, it } from 'vitest';
import type { AuditHead } from '#shared/domain/audit-chain';
import type { EvidenceDocument } from '#shared/domain/contractor';
import { DomainError } from '#shared/domain/errors';
import type { BidDocument } from '#shared/domain/procurement-records';
import type { RecordChange } from '#shared/adapters/dynamodb/record-store';
import type { DocumentDeps, RecordStorePort } from '#shared/use-cases/ports';
import { verifyUploadedDocument } from '#shared/use-cases/verify-document';

const head: AuditHead = { auditSeq: 1, auditHash: 'h1' };
const pdf = new Uint8Array(Buffer.from('%PDF-1.7 ok'));
const BID_KEY = 'contractors/ctr_1/bids/prj_1/bdoc_1';
const EVIDENCE_KEY = 'contractors/ctr_1/conditions/2/doc_2';
const tender = {
  publishedAt: '2026-11-01T10:00:00.000+08:00',
  bidDeadline: '2026-12-01T10:00:00.000+08:00',
  minimumBids: 3,
};

const bidDocument = (over: Partial<BidDocument> = {}): BidDocument => ({
  documentId: 'bdoc_1',
  projectId: 'prj_1',
  contractorId: 'ctr_1',
  fileName: 'bid.pdf',
  contentType: 'application/pdf',
  size: pdf.byteLength,
  objectKey: BID_KEY,
  status: 'pending',
  requestedAt: '2026-11-20T10:00:00.000+08:00',
  version: 1,
  ...over,
});

const evidence = (over: Partial<EvidenceDocument> = {}): EvidenceDocument => ({
  documentId: 'doc_2',
  contractorId: 'ctr_1',
  condition: 2,
  revision: 1,
  fileName: 'g.pdf',
  contentType: 'application/pdf',
  size: pdf.byteLength,
  objectKey: EVIDENCE_KEY,
  status: 'pending',
  createdAt: 'now',
  version: 1,
  ...over,
});

function fakeDeps(rows: Record<string, unknown>, commitError?: unknown) {
  const commits: (readonly RecordChange[])[] = [];
  const reads: string[] = [];
  const store = {
    get: (key: { PK: string; SK: string }) => {
      const value = rows[`${key.PK}|${key.SK}`];
      return Promise.resolve(value === undefined ? undefined : { value, head });
    },
    commit: (changes: readonly RecordChange[]) => {
      commits.push(changes);
      return commitError === undefined ? Promise.resolve([]) : Promise.reject(commitError);
    },
  } as unknown as RecordStorePort;
  const deps: DocumentDeps = {
    store,
    clock: { now: () => new Date('2026-11-24T02:00:00Z') },
    storage: {
      presignUpload: () => Promise.reject(new Error('not used')),
      presignDownload: () => Promise.reject(new Error('not used')),
      readObject: (key) => {
        reads.push(key);
        return Promise.resolve(pdf);
      },
    },
  };
  return { deps, commits, reads };
}

const bidRow = (doc: BidDocument) => ({
  'PROJECT#prj_1|BIDDOC#ctr_1#bdoc_1': doc,
  'PROJECT#prj_1|PROJECT': { id: 'prj_1', tender },
});
const inTime = new Date('2026-11-24T02:00:00Z');

describe('which objects are ours', () => {
  it('ignores an object whose key differs from the declared document’s, evidence and bid alike', async () => {
    const ev = fakeDeps({
      'CONTRACTOR#ctr_1|DOC#doc_2': evidence({ objectKey: 'contractors/ctr_1/conditions/3/doc_2' }),
    });
    await expect(verifyUploadedDocument(ev.deps, EVIDENCE_KEY, inTime)).resolves.toEqual({
      outcome: 'unknown_key',
    });
    const bid = fakeDeps(bidRow(bidDocument({ objectKey: 'contractors/ctr_1/bids/prj_2/bdoc_1' })));
    await expect(verifyUploadedDocument(bid.deps, BID_KEY, inTime)).resolves.toEqual({
      outcome: 'unknown_key',
    });
    expect([...ev.commits, ...bid.commits, ...ev.reads, ...bid.reads]).toEqual([]);
  });
});

describe('a bid document posted again after it was checked (R-PROC-5)', () => {
  const checked = bidDocument({
    status: 'verified',
    uploadedAt: '2026-11-24T10:00:00.000+08:00',
    version: 2,
  });

  it('is rejected when S3 created a newer object than the one checked', async () => {
    const { deps, commits } = fakeDeps(bidRow(checked));
    await expect(verifyUploadedDocument(deps, BID_KEY, new Date('2026-11-24T02:00:01Z'))).resolves.toEqual({
      outcome: 'rejected',
      documentId: 'bdoc_1',
      reason: 'the file was replaced after it was checked; declare a new document',
    });
    expect(commits[0]?.[0]).toMatchObject({
      action: 'bidDocument.rejected',
      value: { status: 'rejected', version: 3 },
    });
  });

  it('changes nothing for a redelivered event, an already rejected document, or no comparable time', async () => {
    const cases: [BidDocument, Date][] = [
      [checked, new Date('2026-11-24T02:00:00Z')], // the same creation time: the event of the checked upload
      [checked, new Date('2026-11-24T01:59:59Z')],
      [{ ...checked, status: 'rejected' }, new Date('2026-11-25T00:00:00Z')],
      [{ ...checked, uploadedAt: undefined }, new Date('2026-11-25T00:00:00Z')],
      [checked, new Date(Number.NaN)],
    ];
    for (const [doc, createdAt] of cases) {
      const { deps, commits } = fakeDeps(bidRow(doc));
      await expect(verifyUploadedDocument(deps, BID_KEY, createdAt)).resolves.toEqual({
        outcome: 'already_settled',
      });
      expect(commits).toEqual([]);
    }
  });
});

describe('checking a pending bid document (R-PROC-1)', () => {
  it('rejects an upload without a valid creation time, without reading it and with no upload time', async () => {
    const { deps, commits, reads } = fakeDeps(bidRow(bidDocument()));
    await expect(verifyUploadedDocument(deps, BID_KEY, new Date(Number.NaN))).resolves.toEqual({
      outcome: 'rejected',
      documentId: 'bdoc_1',
      reason: 'the upload has no valid creation time',
    });
    expect(reads).toEqual([]);
    expect(Object.keys(commits[0]?.[0]?.value as object)).not.toContain('uploadedAt');
  });

  it('records the creation time of an upload in time and verifies it', async () => {
    const { deps, commits } = fakeDeps(bidRow(bidDocument()));
    await expect(verifyUploadedDocument(deps, BID_KEY, inTime)).resolves.toEqual({
      outcome: 'verified',
      documentId: 'bdoc_1',
    });
    expect(commits[0]?.[0]?.value).toMatchObject({
      status: 'verified',
      uploadedAt: '2026-11-24T10:00:00.000+08:00',
    });
  });

  it('answers object_missing, writing nothing, when the object in time is gone', async () => {
    const { deps, commits } = fakeDeps(bidRow(bidDocument()));
    deps.storage.readObject = () => Promise.resolve(undefined);
    await expect(verifyUploadedDocument(deps, BID_KEY, inTime)).resolves.toEqual({
      outcome: 'object_missing',
    });
    expect(commits).toEqual([]);
  });

  it('treats a project without a published notice as a broken invariant', async () => {
    const noTender = fakeDeps({
      'PROJECT#prj_1|BIDDOC#ctr_1#bdoc_1': bidDocument(),
      'PROJECT#prj_1|PROJECT': { id: 'prj_1' },
    });
    await expect(verifyUploadedDocument(noTender.deps, BID_KEY, inTime)).rejects.toThrow(
      `project prj_1 of ${BID_KEY} has no published notice`,
    );
    const noProject = fakeDeps({ 'PROJECT#prj_1|BIDDOC#ctr_1#bdoc_1': bidDocument() });
    await expect(verifyUploadedDocument(noProject.deps, BID_KEY, inTime)).rejects.toThrow(
      'has no published notice',
    );
  });
});

describe('two deliveries of the same event', () => {
  it('answers raced when the other settled it first, and lets any other failure through', async () => {
    const rows = { 'CONTRACTOR#ctr_1|DOC#doc_2': evidence() };
    const raced = fakeDeps(rows, new DomainError('stale', 'changed'));
    await expect(verifyUploadedDocument(raced.deps, EVIDENCE_KEY, inTime)).resolves.toEqual({
      outcome: 'raced',
    });
    const conflict = new DomainError('conflict', 'other');
    await expect(verifyUploadedDocument(fakeDeps(rows, conflict).deps, EVIDENCE_KEY, inTime)).rejects.toBe(
      conflict,
    );
    const staleLookalike = Object.assign(new Error('stale'), { code: 'stale' });
    await expect(
      verifyUploadedDocument(fakeDeps(rows, staleLookalike).deps, EVIDENCE_KEY, inTime),
    ).rejects.toBe(staleLookalike);
  });
});

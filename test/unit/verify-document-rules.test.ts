/**
 * Issue 11 §4 ("verified" means the version that is served; R-QUAL-2 evidence, R-PROC-1/R-PROC-5 bid documents):
 * - the verifier reads the version the event names, always hashes it, and records `versionId` and `sha256`;
 * - any other version of a verified document marks it replaced (not verified), with versions where the bucket keeps
 *   them and by the hash of the checked bytes where it does not (s3rver); a redelivered event changes nothing;
 * - a late bid document is judged to the millisecond: a time written to the second counts as its last millisecond.
 *
 * The upload verifier (shared/use-cases/verify-document.ts) against fakes, for the guards the handler tests reach
 * only in part (issue 10 §2):
 * - an object whose key is not the one declared is not a document of ours (issue 2 §5);
 * - a bid document re-posted after it was checked is rejected, not silently swapped (R-PROC-5), but a redelivered
 *   event of the upload that was checked changes nothing;
 * - without a valid creation time nobody can show a bid document was in time (R-PROC-1): rejected;
 * - a second delivery that settled it first is "raced"; any other failure is not swallowed.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditHead } from '#shared/domain/audit-chain';
import type { EvidenceDocument } from '#shared/domain/contractor';
import { DomainError } from '#shared/domain/errors';
import type { BidDocument } from '#shared/domain/procurement-records';
import type { RecordChange } from '#shared/adapters/dynamodb/record-store';
import type { RecordStorePort } from '#shared/use-cases/ports';
import type { VerifierDeps } from '#shared/use-cases/verify-document';
import { REPLACED_REASON, SETTLE_ATTEMPTS, verifyUploadedDocument } from '#shared/use-cases/verify-document';

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

function fakeDeps(
  rows: Record<string, unknown>,
  commitError?: unknown,
  objects: Record<string, Uint8Array | undefined> = { current: pdf },
) {
  const commits: (readonly RecordChange[])[] = [];
  const reads: string[] = [];
  const discarded: string[] = [];
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
  const deps: VerifierDeps = {
    store,
    clock: { now: () => new Date('2026-11-24T02:00:00Z') },
    storage: {
      readObject: (key: string, versionId?: string) => {
        reads.push(versionId === undefined ? key : `${key}@${versionId}`);
        const bytes = versionId === undefined ? objects.current : objects[versionId];
        return Promise.resolve(
          bytes === undefined ? undefined : { bytes, ...(versionId !== undefined ? { versionId } : {}) },
        );
      },
      discard: (key: string, versionId?: string) => {
        discarded.push(versionId === undefined ? key : `${key}@${versionId}`);
        return Promise.resolve();
      },
    },
  };
  return { deps, commits, reads, discarded };
}

const bidRow = (doc: BidDocument) => ({
  'PROJECT#prj_1|BIDDOC#ctr_1#bdoc_1': doc,
  'PROJECT#prj_1|PROJECT': { id: 'prj_1', tender },
});
const inTime = new Date('2026-11-24T02:00:00Z');

/** An event of the upload of `objectKey`: S3 created it at `createdAt` (to the millisecond unless given as text). */
const run = (deps: VerifierDeps, objectKey: string, createdAt: Date | string, versionId?: string) =>
  verifyUploadedDocument(deps, {
    objectKey,
    createdAt:
      typeof createdAt === 'string'
        ? createdAt
        : Number.isNaN(createdAt.getTime())
          ? 'not a time'
          : createdAt.toISOString(),
    ...(versionId !== undefined ? { versionId } : {}),
  });

describe('which objects are ours', () => {
  it('ignores an object whose key differs from the declared document’s, evidence and bid alike', async () => {
    const ev = fakeDeps({
      'CONTRACTOR#ctr_1|DOC#doc_2': evidence({ objectKey: 'contractors/ctr_1/conditions/3/doc_2' }),
    });
    await expect(run(ev.deps, EVIDENCE_KEY, inTime)).resolves.toEqual({
      outcome: 'unknown_key',
    });
    const bid = fakeDeps(bidRow(bidDocument({ objectKey: 'contractors/ctr_1/bids/prj_2/bdoc_1' })));
    await expect(run(bid.deps, BID_KEY, inTime)).resolves.toEqual({
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

  it('a record from before versions and hashes were stored: replaced when S3 created a newer object than the one checked', async () => {
    const { deps, commits } = fakeDeps(bidRow(checked));
    await expect(run(deps, BID_KEY, new Date('2026-11-24T02:00:01Z'))).resolves.toEqual({
      outcome: 'replaced',
      documentId: 'bdoc_1',
      reason: REPLACED_REASON,
    });
    expect(commits[0]?.[0]).toMatchObject({
      action: 'bidDocument.replaced',
      value: { status: 'rejected', reason: REPLACED_REASON, version: 3 },
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
      await expect(run(deps, BID_KEY, createdAt)).resolves.toEqual({
        outcome: 'already_settled',
      });
      expect(commits).toEqual([]);
    }
  });
});

describe('checking a pending bid document (R-PROC-1)', () => {
  it('rejects an upload without a valid creation time, without reading it and with no upload time', async () => {
    const { deps, commits, reads } = fakeDeps(bidRow(bidDocument()));
    await expect(run(deps, BID_KEY, new Date(Number.NaN))).resolves.toEqual({
      outcome: 'rejected',
      documentId: 'bdoc_1',
      reason: 'the upload has no valid creation time',
    });
    expect(reads).toEqual([]);
    expect(Object.keys(commits[0]?.[0]?.value as object)).not.toContain('uploadedAt');
  });

  it('records the creation time of an upload in time and verifies it', async () => {
    const { deps, commits } = fakeDeps(bidRow(bidDocument()));
    await expect(run(deps, BID_KEY, inTime)).resolves.toEqual({
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
    await expect(run(deps, BID_KEY, inTime)).resolves.toEqual({
      outcome: 'object_missing',
    });
    expect(commits).toEqual([]);
  });

  it('treats a project without a published notice as a broken invariant', async () => {
    const noTender = fakeDeps({
      'PROJECT#prj_1|BIDDOC#ctr_1#bdoc_1': bidDocument(),
      'PROJECT#prj_1|PROJECT': { id: 'prj_1' },
    });
    await expect(run(noTender.deps, BID_KEY, inTime)).rejects.toThrow(
      // Issue 11 §1: the message names the document, not the object key (older keys name the bidder).
      'project prj_1 of document bdoc_1 has no published notice',
    );
    const noProject = fakeDeps({ 'PROJECT#prj_1|BIDDOC#ctr_1#bdoc_1': bidDocument() });
    await expect(run(noProject.deps, BID_KEY, inTime)).rejects.toThrow('has no published notice');
  });
});

/**
 * A store whose first write is stale because another event settled the document meanwhile: from then on the
 * document reads as `after`.
 */
function racingDeps(after: EvidenceDocument, objects: Record<string, Uint8Array>) {
  const rows: Record<string, unknown> = { 'CONTRACTOR#ctr_1|DOC#doc_2': evidence() };
  const faked = fakeDeps(rows, undefined, objects);
  const commit = faked.deps.store.commit.bind(faked.deps.store);
  let writes = 0;
  faked.deps.store.commit = (changes) => {
    writes += 1;
    if (writes > 1) return commit(changes);
    rows['CONTRACTOR#ctr_1|DOC#doc_2'] = after;
    return Promise.reject(new DomainError('stale', 'changed'));
  };
  return faked;
}

describe('two events handled at once', () => {
  const settledOnV1 = evidence({
    status: 'verified',
    versionId: 'v1',
    sha256: sha256(pdf),
    version: 2,
  } as Partial<EvidenceDocument>);

  it('answers raced only when the record read again was settled on this very version', async () => {
    const raced = racingDeps(settledOnV1, { v1: pdf });
    await expect(run(raced.deps, EVIDENCE_KEY, inTime, 'v1')).resolves.toEqual({ outcome: 'raced' });
    expect(raced.commits).toEqual([]);
  });

  it('settles again after a stale write, so the other version is compared: other bytes replace it', async () => {
    const other = racingDeps(settledOnV1, { v1: pdf, v2: otherPdf });
    await expect(run(other.deps, EVIDENCE_KEY, inTime, 'v2')).resolves.toMatchObject({
      outcome: 'replaced',
      documentId: 'doc_2',
    });
    expect(other.commits[0]?.[0]).toMatchObject({ action: 'document.replaced', value: { version: 3 } });
  });

  it(`gives up after ${SETTLE_ATTEMPTS} stale writes (the event is delivered again), and lets any other failure through`, async () => {
    const rows = { 'CONTRACTOR#ctr_1|DOC#doc_2': evidence() };
    const stale = fakeDeps(rows, new DomainError('stale', 'changed'));
    await expect(run(stale.deps, EVIDENCE_KEY, inTime)).rejects.toThrow(`${SETTLE_ATTEMPTS} attempts`);
    expect(stale.commits).toHaveLength(SETTLE_ATTEMPTS);
    const conflict = new DomainError('conflict', 'other');
    await expect(run(fakeDeps(rows, conflict).deps, EVIDENCE_KEY, inTime)).rejects.toBe(conflict);
    const staleLookalike = Object.assign(new Error('stale'), { code: 'stale' });
    await expect(run(fakeDeps(rows, staleLookalike).deps, EVIDENCE_KEY, inTime)).rejects.toBe(staleLookalike);
  });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const otherPdf = new Uint8Array(Buffer.from('%PDF-1.7 no')); // same size, other bytes

describe('the version the event names is the one checked and recorded (issue 11 §4, R-QUAL-2)', () => {
  it('reads that version, not the current object, and stores its versionId and sha256', async () => {
    const { deps, commits, reads } = fakeDeps({ 'CONTRACTOR#ctr_1|DOC#doc_2': evidence() }, undefined, {
      v1: pdf,
      current: otherPdf,
    });
    await expect(run(deps, EVIDENCE_KEY, inTime, 'v1')).resolves.toEqual({
      outcome: 'verified',
      documentId: 'doc_2',
    });
    expect(reads).toEqual([`${EVIDENCE_KEY}@v1`]);
    expect(commits[0]?.[0]?.value).toMatchObject({
      status: 'verified',
      versionId: 'v1',
      sha256: sha256(pdf),
    });
  });

  it('computes the SHA-256 when none was declared; a bucket without versions stores none', async () => {
    const { deps, commits, reads } = fakeDeps({ 'CONTRACTOR#ctr_1|DOC#doc_2': evidence() });
    await run(deps, EVIDENCE_KEY, inTime);
    expect(reads).toEqual([EVIDENCE_KEY]);
    expect(commits[0]?.[0]?.value).toMatchObject({ status: 'verified', sha256: sha256(pdf) });
    expect(commits[0]?.[0]?.value).not.toHaveProperty('versionId');
  });

  it('keeps the declared hash on a document rejected for another hash', async () => {
    const declared = sha256(otherPdf);
    const { deps, commits } = fakeDeps(
      { 'CONTRACTOR#ctr_1|DOC#doc_2': evidence({ sha256: declared }) },
      undefined,
      {
        v1: pdf,
      },
    );
    await expect(run(deps, EVIDENCE_KEY, inTime, 'v1')).resolves.toMatchObject({ outcome: 'rejected' });
    expect(commits[0]?.[0]?.value).toMatchObject({ status: 'rejected', sha256: declared, versionId: 'v1' });
  });
});

describe('another version of a verified document marks it replaced (issue 11 §4)', () => {
  const verifiedEvidence = evidence({
    status: 'verified',
    versionId: 'v1',
    sha256: sha256(pdf),
    version: 2,
  } as Partial<EvidenceDocument>);
  const verifiedBid = bidDocument({
    status: 'verified',
    versionId: 'v1',
    sha256: sha256(pdf),
    uploadedAt: '2026-11-24T10:00:00.000+08:00',
    version: 2,
  } as Partial<BidDocument>);

  it('evidence (R-QUAL-2): a new version with other bytes is replaced; the checked version again changes nothing', async () => {
    const replaced = fakeDeps({ 'CONTRACTOR#ctr_1|DOC#doc_2': verifiedEvidence }, undefined, {
      v1: pdf,
      v2: otherPdf,
    });
    await expect(run(replaced.deps, EVIDENCE_KEY, inTime, 'v2')).resolves.toEqual({
      outcome: 'replaced',
      documentId: 'doc_2',
      reason: REPLACED_REASON,
    });
    expect(replaced.reads).toEqual([`${EVIDENCE_KEY}@v2`]);
    expect(replaced.commits[0]?.[0]).toMatchObject({
      action: 'document.replaced',
      value: { status: 'rejected', reason: REPLACED_REASON, versionId: 'v1', version: 3 },
    });

    const again = fakeDeps({ 'CONTRACTOR#ctr_1|DOC#doc_2': verifiedEvidence }, undefined, { v1: pdf });
    await expect(run(again.deps, EVIDENCE_KEY, inTime, 'v1')).resolves.toEqual({
      outcome: 'already_settled',
    });
    expect([...again.commits, ...again.reads]).toEqual([]);
  });

  it('bid documents (R-PROC-5): an older version whose event comes late is another version too, even within the same second', async () => {
    const { deps, commits } = fakeDeps(bidRow(verifiedBid), undefined, { v0: otherPdf, v1: pdf });
    await expect(run(deps, BID_KEY, '2026-11-24T02:00:00Z', 'v0')).resolves.toMatchObject({
      outcome: 'replaced',
    });
    expect(commits[0]?.[0]).toMatchObject({ action: 'bidDocument.replaced', value: { status: 'rejected' } });
  });

  it('another version with the same bytes (a retried POST) leaves it verified, evidence and bid alike', async () => {
    const bid = fakeDeps(bidRow(verifiedBid), undefined, { v1: pdf, v2: pdf });
    await expect(run(bid.deps, BID_KEY, inTime, 'v2')).resolves.toEqual({ outcome: 'already_settled' });
    expect(bid.reads).toEqual([`${BID_KEY}@v2`]);
    const ev = fakeDeps({ 'CONTRACTOR#ctr_1|DOC#doc_2': verifiedEvidence }, undefined, { v1: pdf, v2: pdf });
    await expect(run(ev.deps, EVIDENCE_KEY, inTime, 'v2')).resolves.toEqual({ outcome: 'already_settled' });
    expect([...bid.commits, ...ev.commits]).toEqual([]);
  });

  it('R-PROC-1: a bid document version created at or after the deadline leaves the on-time verified one alone', async () => {
    for (const createdAt of ['2026-12-01T02:00:00Z', new Date('2026-12-02T00:00:00Z')]) {
      const { deps, commits, reads } = fakeDeps(bidRow(verifiedBid), undefined, { v1: pdf, v2: otherPdf });
      await expect(run(deps, BID_KEY, createdAt, 'v2')).resolves.toEqual({
        outcome: 'late_version',
        documentId: 'bdoc_1',
      });
      expect([...commits, ...reads]).toEqual([]);
    }
    // One millisecond before the deadline, other bytes still replace it.
    const { deps } = fakeDeps(bidRow(verifiedBid), undefined, { v1: pdf, v2: otherPdf });
    await expect(run(deps, BID_KEY, new Date('2026-12-01T01:59:59.999Z'), 'v2')).resolves.toMatchObject({
      outcome: 'replaced',
    });
  });

  it('without versions (s3rver): other bytes under the key replace it, the same bytes do not, a gone object changes nothing', async () => {
    const unversioned = { ...verifiedEvidence, versionId: undefined };
    const rows = { 'CONTRACTOR#ctr_1|DOC#doc_2': unversioned };
    const other = fakeDeps(rows, undefined, { current: otherPdf });
    await expect(run(other.deps, EVIDENCE_KEY, inTime)).resolves.toMatchObject({ outcome: 'replaced' });
    const same = fakeDeps(rows, undefined, { current: pdf });
    await expect(run(same.deps, EVIDENCE_KEY, inTime)).resolves.toEqual({ outcome: 'already_settled' });
    const gone = fakeDeps(rows, undefined, {});
    await expect(run(gone.deps, EVIDENCE_KEY, inTime)).resolves.toEqual({ outcome: 'object_missing' });
    expect([...same.commits, ...gone.commits]).toEqual([]);
  });

  it('a rejected document stays rejected whatever is uploaded after it', async () => {
    const { deps, commits, reads } = fakeDeps(
      { 'CONTRACTOR#ctr_1|DOC#doc_2': { ...verifiedEvidence, status: 'rejected' } },
      undefined,
      { v2: pdf },
    );
    await expect(run(deps, EVIDENCE_KEY, inTime, 'v2')).resolves.toEqual({ outcome: 'already_settled' });
    expect([...commits, ...reads]).toEqual([]);
  });
});

describe('a late bid document is judged to the millisecond (R-PROC-1)', () => {
  // 10:00:00.500 Shanghai is 02:00:00.500Z.
  const halfSecond = { ...tender, bidDeadline: '2026-12-01T10:00:00.500+08:00' };
  const rows = (t: typeof tender) => ({
    'PROJECT#prj_1|BIDDOC#ctr_1#bdoc_1': bidDocument(),
    'PROJECT#prj_1|PROJECT': { id: 'prj_1', tender: t },
  });

  it('an EventBridge time of the deadline second is late: the object may be 0.3 s after the deadline', async () => {
    const { deps, reads } = fakeDeps(rows(halfSecond));
    await expect(run(deps, BID_KEY, '2026-12-01T02:00:00Z')).resolves.toEqual({
      outcome: 'rejected',
      documentId: 'bdoc_1',
      reason:
        'uploaded within the second from 2026-12-01T10:00:00.000+08:00 (the event gives whole seconds), which reaches the bid deadline 2026-12-01T10:00:00.500+08:00',
    });
    expect(reads).toEqual([]);
  });

  it('a time with milliseconds is taken as it is: 0.001 s before is in time, the deadline itself is late', async () => {
    const before = fakeDeps(rows(halfSecond));
    await expect(run(before.deps, BID_KEY, '2026-12-01T02:00:00.499Z')).resolves.toMatchObject({
      outcome: 'verified',
    });
    expect(before.commits[0]?.[0]?.value).toMatchObject({ uploadedAt: '2026-12-01T10:00:00.499+08:00' });
    const at = fakeDeps(rows(halfSecond));
    await expect(run(at.deps, BID_KEY, '2026-12-01T02:00:00.500Z')).resolves.toMatchObject({
      outcome: 'rejected',
      reason: expect.stringContaining('at or after the bid deadline'),
    });
  });

  it('with a deadline on a whole second, the second before it is in time and the deadline second is late', async () => {
    const inTimeRun = fakeDeps(rows(tender));
    await expect(run(inTimeRun.deps, BID_KEY, '2026-12-01T01:59:59Z')).resolves.toMatchObject({
      outcome: 'verified',
    });
    const late = fakeDeps(rows(tender));
    await expect(run(late.deps, BID_KEY, '2026-12-01T02:00:00Z')).resolves.toMatchObject({
      outcome: 'rejected',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Contractor, EvidenceDocument } from '#shared/domain/contractor';
import {
  CONDITIONS,
  CONDITION_TEXT,
  decideCondition,
  declareDocument,
  registerContractor,
  setFlags,
} from '#shared/domain/contractor';
import type { LatestEvidence } from '#shared/domain/eligibility';
import {
  CONDITION_EVIDENCE,
  conditionStatus,
  evaluateEligibility,
  undecidedEvidence,
} from '#shared/domain/eligibility';
import { DomainError } from '#shared/domain/errors';

const TODAY = '2026-11-24';
const actor = { sub: 'u-bureau', role: 'bureau' };

function fresh(): Contractor {
  return registerContractor(
    {
      kind: 'social_organization',
      name: '示范社工服务中心',
      creditCode: '53100000500019795A',
      nonProfit: true,
      contact: { name: '李', phone: '13800000000' },
    },
    { id: 'ctr_1', actor, now: '2026-11-24T09:00:00.000+08:00' },
  );
}

function withEvidence(c: Contractor, condition: (typeof CONDITIONS)[number], validUntil?: string) {
  const declared = declareDocument(
    c,
    {
      condition,
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      size: 10,
      ...(validUntil ? { validUntil } : {}),
    },
    { documentId: `doc_${condition}`, now: '2026-11-24T09:00:00.000+08:00', today: TODAY },
  );
  const verified: EvidenceDocument = { ...declared.document, status: 'verified' };
  return { contractor: declared.contractor, document: verified };
}

function approveAll(validUntil?: string): Contractor {
  let c = fresh();
  for (const condition of CONDITIONS) {
    const { contractor, document } = withEvidence(c, condition, validUntil);
    c = decideCondition(
      contractor,
      document,
      { condition, decision: 'approved', reason: 'ok' },
      { reviewer: 'u-bureau', now: 'now' },
    );
  }
  return c;
}

describe('eligibility (R-QUAL-2, R-QUAL-5)', () => {
  it('is not eligible when freshly registered: every condition is missing', () => {
    const result = evaluateEligibility(fresh(), TODAY);
    expect(result.eligible).toBe(false);
    expect(result.conditions.map((c) => c.status)).toEqual(Array(8).fill('missing'));
    expect(result.reasons.map((r) => r.code)).toEqual(Array(8).fill('condition_missing'));
  });

  it('is eligible with all eight conditions approved and no flag', () => {
    const result = evaluateEligibility(approveAll('2027-12-31'), TODAY);
    expect(result).toMatchObject({ eligible: true, reasons: [] });
  });

  it('shows uploaded but unreviewed evidence as pending review', () => {
    const { contractor } = withEvidence(fresh(), 3);
    expect(evaluateEligibility(contractor, TODAY).conditions[2]).toEqual({
      condition: 3,
      status: 'pending_review',
    });
  });

  it('lapses when approved evidence has expired, as of the Shanghai date (R-QUAL-5)', () => {
    const c = approveAll('2026-11-30');
    const result = evaluateEligibility(c, '2026-12-01');
    expect(result.eligible).toBe(false);
    expect(result.reasons).toHaveLength(8);
    expect(result.reasons[0]).toMatchObject({ code: 'evidence_expired', condition: 1 });
    // Valid through its last day.
    expect(evaluateEligibility(c, '2026-11-30').eligible).toBe(true);
  });

  it('is suspended by a credit-list hit or a failed annual report until cleared (R-QUAL-5)', () => {
    const approved = approveAll();
    const flagged = setFlags(
      approved,
      { creditListHit: true, annualReportFailed: false, note: 'list hit' },
      'now',
    );
    expect(evaluateEligibility(flagged, TODAY).reasons.map((r) => r.code)).toEqual(['credit_list_hit']);
    const failed = setFlags(
      approved,
      { creditListHit: false, annualReportFailed: true, note: 'report' },
      'now',
    );
    expect(evaluateEligibility(failed, TODAY).eligible).toBe(false);
    const cleared = setFlags(
      flagged,
      { creditListHit: false, annualReportFailed: false, note: 're-reviewed' },
      'now',
    );
    expect(evaluateEligibility(cleared, TODAY).eligible).toBe(true);
  });

  it('is not eligible with one condition rejected', () => {
    const c = approveAll();
    const { contractor, document } = withEvidence(c, 6);
    const rejected = decideCondition(
      contractor,
      document,
      { condition: 6, decision: 'rejected', reason: 'on list' },
      { reviewer: 'r', now: 'n' },
    );
    expect(evaluateEligibility(rejected, TODAY).reasons).toEqual([
      expect.objectContaining({ code: 'condition_rejected', condition: 6 }),
    ]);
  });
});

describe('reviewing evidence (R-QUAL-2)', () => {
  it('refuses a decision on evidence that is not verified', () => {
    const { contractor, document } = withEvidence(fresh(), 1);
    const pending = { ...document, status: 'pending' as const };
    expect(() =>
      decideCondition(
        contractor,
        pending,
        { condition: 1, decision: 'approved', reason: 'ok' },
        { reviewer: 'r', now: 'n' },
      ),
    ).toThrow(DomainError);
  });

  it('refuses evidence of another condition', () => {
    const { contractor, document } = withEvidence(fresh(), 1);
    expect(() =>
      decideCondition(
        contractor,
        document,
        { condition: 2, decision: 'approved', reason: 'ok' },
        { reviewer: 'r', now: 'n' },
      ),
    ).toThrow(/not evidence for condition 2/);
  });

  it('numbers a new upload for the same condition as the next revision', () => {
    const first = withEvidence(fresh(), 4);
    const second = declareDocument(
      first.contractor,
      { condition: 4, fileName: 'b.pdf', contentType: 'application/pdf', size: 5 },
      {
        documentId: 'doc_b',
        now: 'n',
        today: TODAY,
      },
    );
    expect(first.document.revision).toBe(1);
    expect(second.document.revision).toBe(2);
    expect(second.contractor.evidence[4]).toEqual({ latestRevision: 2, latestDocumentId: 'doc_b' });
  });

  it('refuses evidence declared already expired', () => {
    expect(() => withEvidence(fresh(), 5, '2026-11-01')).toThrow(/already expired/);
  });
});

describe('registration (R-QUAL-1, R-QUAL-4)', () => {
  it('refuses an enterprise claiming to be non-profit', () => {
    expect(() =>
      registerContractor(
        {
          kind: 'enterprise',
          name: 'X',
          creditCode: '914403001922038216',
          nonProfit: true,
          contact: { name: 'a', phone: '13800000000' },
        },
        { id: 'c', actor, now: 'n' },
      ),
    ).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'nonProfit' }) }));
  });
});

describe('re-review after new evidence (R-QUAL-5)', () => {
  it('shows a rejected condition with a newer upload as pending review, an approved one stays approved', () => {
    const first = withEvidence(fresh(), 2);
    const rejected = decideCondition(
      first.contractor,
      first.document,
      { condition: 2, decision: 'rejected', reason: 'x' },
      { reviewer: 'r', now: 'n' },
    );
    expect(evaluateEligibility(rejected, TODAY).conditions[1]?.status).toBe('rejected');
    const reuploaded = declareDocument(
      rejected,
      { condition: 2, fileName: 'new.pdf', contentType: 'application/pdf', size: 9 },
      {
        documentId: 'doc_new',
        now: 'n',
        today: TODAY,
      },
    );
    expect(evaluateEligibility(reuploaded.contractor, TODAY).conditions[1]).toMatchObject({
      status: 'pending_review',
    });

    const approved = approveAll('2027-01-01');
    const renewed = declareDocument(
      approved,
      { condition: 3, fileName: 'n.pdf', contentType: 'application/pdf', size: 9 },
      {
        documentId: 'doc_renew',
        now: 'n',
        today: TODAY,
      },
    );
    expect(evaluateEligibility(renewed.contractor, TODAY).eligible).toBe(true);
  });
});

describe('rejected evidence says what to do next, and why (issue 12 §3)', () => {
  /** The verifier's verdict on a document (shared/use-cases/verify-document.ts): rejected, with its reason. */
  const verifierRejected = (documentId: string, reason: string): LatestEvidence => ({
    documentId,
    status: 'rejected',
    reason,
  });
  /** A new document declared for the condition, after what the contractor holds. */
  const upload = (c: Contractor, condition: (typeof CONDITIONS)[number], documentId: string) =>
    declareDocument(
      c,
      { condition, fileName: 'n.pdf', contentType: 'application/pdf', size: 10 },
      { documentId, now: 'n', today: TODAY },
    ).contractor;

  it('a condition whose only evidence the verifier rejected is rejected, with the reason and a new upload to do', () => {
    // Arrange: condition 3's only document failed the check of the uploaded file
    const c = approveAll('2027-12-31');
    delete c.decisions[3];
    const contractor = upload(c, 3, 'doc_3b');
    const reason = 'size is 9 bytes, 10 were declared';
    const latest = { 3: verifierRejected('doc_3b', reason) };

    // Act
    const before = evaluateEligibility(contractor, TODAY);
    const result = evaluateEligibility(contractor, TODAY, latest);

    // Assert: without the document read, the record alone still says it awaits review
    expect(before.reasons).toEqual([expect.objectContaining({ code: 'condition_pending_review' })]);
    expect(result.conditions[2]).toEqual({ condition: 3, status: 'rejected' });
    expect(result.reasons).toEqual([
      {
        code: 'evidence_rejected',
        condition: 3,
        documentId: 'doc_3b',
        rejectionReason: reason,
        message:
          'condition 3 (independent, sound financial management, accounting and asset management): the uploaded file was rejected: size is 9 bytes, 10 were declared; upload the file again as a new document (POST /v1/contractors/{id}/documents)',
      },
    ]);
    expect(conditionStatus(contractor, 3, TODAY, latest)).toBe('rejected');
  });

  it('a reviewer’s rejection names the reason from the decision record and the documents to upload instead', () => {
    // Arrange
    const { contractor, document } = withEvidence(fresh(), 6);
    const rejected = decideCondition(
      contractor,
      document,
      { condition: 6, decision: 'rejected', reason: '信用中国查询记录已过期，请提供近一个月内的查询记录' },
      { reviewer: 'u-bureau', now: 'n' },
    );

    // Act
    const reason = evaluateEligibility(rejected, TODAY).reasons.find((r) => r.condition === 6);

    // Assert
    expect(reason).toEqual({
      code: 'condition_rejected',
      condition: 6,
      documentId: 'doc_6',
      rejectionReason: '信用中国查询记录已过期，请提供近一个月内的查询记录',
      message: `condition 6 (${CONDITION_TEXT[6].en}): evidence was rejected by the reviewer: 信用中国查询记录已过期，请提供近一个月内的查询记录; upload a new document for this condition (POST /v1/contractors/{id}/documents) for re-review: ${CONDITION_EVIDENCE[6].en}`,
    });
  });

  it('after a reviewer’s rejection, a new file the verifier rejected names the verifier’s reason, not the reviewer’s', () => {
    // Arrange
    const first = withEvidence(fresh(), 2);
    const rejected = decideCondition(
      first.contractor,
      first.document,
      { condition: 2, decision: 'rejected', reason: '缺少监事会制度' },
      { reviewer: 'r', now: 'n' },
    );
    const second = declareDocument(
      rejected,
      { condition: 2, fileName: 'b.pdf', contentType: 'application/pdf', size: 5 },
      { documentId: 'doc_b', now: 'n', today: TODAY },
    ).contractor;
    const latest = {
      2: verifierRejected('doc_b', 'content is not application/pdf (its leading bytes do not match)'),
    };

    // Act
    const reason = evaluateEligibility(second, TODAY, latest).reasons.find((r) => r.condition === 2);

    // Assert
    expect(reason).toMatchObject({
      code: 'evidence_rejected',
      documentId: 'doc_b',
      rejectionReason: 'content is not application/pdf (its leading bytes do not match)',
    });
    expect(reason?.message).not.toContain('缺少监事会制度');
  });

  it('a document read that is not the latest one, or not rejected, changes nothing', () => {
    // Arrange
    const { contractor } = withEvidence(fresh(), 4);

    // Act
    const older = evaluateEligibility(contractor, TODAY, { 4: verifierRejected('doc_old', 'x') });
    const verified = evaluateEligibility(contractor, TODAY, {
      4: { documentId: 'doc_4', status: 'verified' },
    });
    const pending = evaluateEligibility(contractor, TODAY, { 4: { documentId: 'doc_4', status: 'pending' } });

    // Assert
    expect(older.conditions[3]?.status).toBe('pending_review');
    expect(verified.reasons.find((r) => r.condition === 4)?.message).toMatch(
      /evidence awaits review; nothing to do/,
    );
    expect(pending.reasons.find((r) => r.condition === 4)?.message).toMatch(
      /evidence declared, its file not yet received and checked: upload it with the form/,
    );
  });

  it('a missing condition names the documents it expects, an expired one the day it lapsed', () => {
    // Arrange
    const c = approveAll('2026-11-30');
    delete c.decisions[8];
    delete c.evidence[8];

    // Act
    const reasons = evaluateEligibility(c, '2026-12-01').reasons;

    // Assert
    expect(reasons.find((r) => r.condition === 8)?.message).toBe(
      `condition 8 (${CONDITION_TEXT[8].en}): no evidence uploaded; upload a document for this condition (POST /v1/contractors/{id}/documents): ${CONDITION_EVIDENCE[8].en}`,
    );
    expect(reasons.find((r) => r.condition === 1)?.message).toMatch(
      /approved evidence expired on 2026-11-30; upload a current document for this condition \(POST \/v1\/contractors\/\{id\}\/documents\) for re-review$/,
    );
  });

  it('reads only the undecided evidence: the latest document of each condition without a decision on it', () => {
    // Arrange
    const c = approveAll();
    const renewed = upload(c, 5, 'doc_5b');
    const declared = withEvidence(fresh(), 7).contractor;

    // Act / Assert
    expect(undecidedEvidence(c)).toEqual([]);
    expect(undecidedEvidence(renewed)).toEqual([{ condition: 5, documentId: 'doc_5b' }]);
    expect(undecidedEvidence(declared)).toEqual([{ condition: 7, documentId: 'doc_7' }]);
  });

  it('every condition names the documents it expects, in both languages', () => {
    for (const condition of CONDITIONS) {
      expect(CONDITION_EVIDENCE[condition].zh.length).toBeGreaterThan(5);
      expect(CONDITION_EVIDENCE[condition].en.length).toBeGreaterThan(10);
    }
  });
});

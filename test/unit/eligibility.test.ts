import { describe, expect, it } from 'vitest';
import type { Contractor, EvidenceDocument } from '#shared/domain/contractor';
import {
  CONDITIONS,
  decideCondition,
  declareDocument,
  registerContractor,
  setFlags,
} from '#shared/domain/contractor';
import { evaluateEligibility } from '#shared/domain/eligibility';
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

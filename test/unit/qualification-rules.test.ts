/**
 * Edges of the qualification rules that the scenario tests in eligibility/credit-code/evidence-check.test.ts do not
 * pin (issue 10 §2): each assertion states what the rule says, at its boundary.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Contractor } from '#shared/domain/contractor';
import { CONDITIONS } from '#shared/domain/contractor';
import {
  checkContractorCode,
  checkResidentIdNumber,
  checkUnifiedSocialCreditCode,
  maskResidentId,
  residentIdCheckCharacter,
  usccCheckCharacter,
} from '#shared/domain/credit-code';
import { CONDITION_EVIDENCE, conditionStatus, evaluateEligibility } from '#shared/domain/eligibility';
import { checkEvidence } from '#shared/domain/evidence-check';
import { contractorRecord } from '../support/contractor-record';

const TODAY = '2026-11-24';

const contractor = contractorRecord;

const approved = (validUntil?: string) => ({
  status: 'approved' as const,
  documentId: 'doc_a',
  decidedBy: 'u-bureau',
  decidedAt: 'now',
  reason: 'ok',
  ...(validUntil ? { validUntil } : {}),
});

function allApproved(validUntil?: string, over: Partial<Contractor> = {}): Contractor {
  const decisions: Contractor['decisions'] = {};
  const evidence: Contractor['evidence'] = {};
  for (const c of CONDITIONS) {
    decisions[c] = approved(validUntil);
    evidence[c] = { latestRevision: 1, latestDocumentId: 'doc_a' };
  }
  return contractor({ decisions, evidence, ...over });
}

describe('condition status (R-QUAL-2, R-QUAL-5)', () => {
  it('approved evidence is valid through its last day and lapses the day after, Shanghai date', () => {
    expect(conditionStatus(allApproved(TODAY), 1, TODAY)).toBe('approved');
    expect(conditionStatus(allApproved('2026-11-23'), 1, TODAY)).toBe('expired');
    expect(conditionStatus(allApproved(), 1, TODAY)).toBe('approved');
  });

  it('a rejected decision stays rejected, not expired, whatever its validity', () => {
    const c = contractor({
      decisions: { 1: { ...approved('2020-01-01'), status: 'rejected' } },
      evidence: { 1: { latestRevision: 1, latestDocumentId: 'doc_a' } },
    });
    expect(conditionStatus(c, 1, TODAY)).toBe('rejected');
  });

  it('an expired condition with a newer upload awaits re-review; with the same document it stays expired', () => {
    const newer = allApproved('2026-01-01', {});
    newer.evidence[3] = { latestRevision: 2, latestDocumentId: 'doc_b' };
    expect(conditionStatus(newer, 3, TODAY)).toBe('pending_review');
    expect(conditionStatus(newer, 4, TODAY)).toBe('expired');
  });

  it('an approved condition stays approved when a newer document is uploaded (no lapse by upload)', () => {
    const c = allApproved(TODAY);
    c.evidence[2] = { latestRevision: 2, latestDocumentId: 'doc_b' };
    expect(conditionStatus(c, 2, TODAY)).toBe('approved');
  });

  it('no decision: missing without evidence, pending review with it', () => {
    const c = contractor({ evidence: { 5: { latestRevision: 1, latestDocumentId: 'doc_5' } } });
    expect(conditionStatus(c, 5, TODAY)).toBe('pending_review');
    expect(conditionStatus(c, 6, TODAY)).toBe('missing');
  });
});

describe('eligibility verdict and its reasons (R-QUAL-2, R-QUAL-5)', () => {
  it('names every unmet condition with its code, number and the policy wording', () => {
    const c = allApproved(undefined);
    delete c.decisions[1];
    delete c.evidence[1];
    delete c.decisions[2];
    c.decisions[3] = { ...approved(), status: 'rejected' };
    c.decisions[4] = approved('2026-11-01');
    const verdict = evaluateEligibility(c, TODAY);
    expect(verdict).toMatchObject({ contractorId: 'ctr_1', eligible: false, asOf: TODAY });
    const upload = 'document for this condition (POST /v1/contractors/{id}/documents)';
    expect(verdict.reasons).toEqual([
      {
        code: 'condition_missing',
        condition: 1,
        message: `condition 1 (lawfully established, able to bear civil liability independently): no evidence uploaded; upload a ${upload}: ${CONDITION_EVIDENCE[1].en}`,
      },
      {
        code: 'condition_pending_review',
        condition: 2,
        message:
          'condition 2 (sound governance, internal management and supervision): evidence awaits review; nothing to do meanwhile',
      },
      {
        code: 'condition_rejected',
        condition: 3,
        documentId: 'doc_a',
        rejectionReason: 'ok',
        message: `condition 3 (independent, sound financial management, accounting and asset management): evidence was rejected by the reviewer: ok; upload a new ${upload} for re-review: ${CONDITION_EVIDENCE[3].en}`,
      },
      {
        code: 'evidence_expired',
        condition: 4,
        message: `condition 4 (facilities, staff and professional skills needed for the service): approved evidence expired on 2026-11-01; upload a current ${upload} for re-review`,
      },
    ]);
  });

  it('lists all eight conditions in order, with validUntil only where a decision set one', () => {
    const c = allApproved('2027-12-31');
    c.decisions[8] = approved();
    const verdict = evaluateEligibility(c, TODAY);
    expect(verdict.eligible).toBe(true);
    expect(verdict.reasons).toEqual([]);
    expect(verdict.conditions.map((v) => v.condition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(verdict.conditions[0]).toEqual({ condition: 1, status: 'approved', validUntil: '2027-12-31' });
    expect(verdict.conditions[7]).toEqual({ condition: 8, status: 'approved' });
    expect(Object.keys(verdict.conditions[7] ?? {})).not.toContain('validUntil');
  });

  it('suspends on each flag alone, with its own reason (R-QUAL-5)', () => {
    const hit = evaluateEligibility(
      allApproved(undefined, { flags: { creditListHit: true, annualReportFailed: false } }),
      TODAY,
    );
    expect(hit.eligible).toBe(false);
    expect(hit.reasons).toEqual([
      {
        code: 'credit_list_hit',
        message: 'on the abnormal-operations or seriously-illegal list; suspended until re-reviewed',
      },
    ]);
    const failed = evaluateEligibility(
      allApproved(undefined, { flags: { creditListHit: false, annualReportFailed: true } }),
      TODAY,
    );
    expect(failed.eligible).toBe(false);
    expect(failed.reasons).toEqual([
      {
        code: 'annual_report_failed',
        message: 'failed annual inspection or report; suspended until re-reviewed',
      },
    ]);
  });
});

describe('unified social credit code edges (R-QUAL-3)', () => {
  it('computes the check character over all 17 weighted positions, 0 included', () => {
    // GB 32100-2015 example; and a code whose weighted sum is a multiple of 31 checks to '0'.
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
    expect(usccCheckCharacter('10000000000000000')).toBe('Y'); // 31 - 1 = 30 → 'Y'
    expect(usccCheckCharacter('00000000000000001')).toBe('3'); // value 1 × weight 28: 31 - 28 = 3
  });

  it('gives no check character when one of the first 17 is outside the GB 32100 set', () => {
    expect(usccCheckCharacter('9135010OM00010OY4')).toBeUndefined();
    expect(usccCheckCharacter('91350100M000100Y' + 'S')).toBeUndefined();
  });

  it('says which rule a code breaks', () => {
    expect(checkUnifiedSocialCreditCode('91350100M000100Y4')).toEqual({
      ok: false,
      problem: 'must be 18 characters',
    });
    expect(checkUnifiedSocialCreditCode('91350100M000100Y433')).toEqual({
      ok: false,
      problem: 'must be 18 characters',
    });
    expect(checkUnifiedSocialCreditCode('91350100M000100I43')).toEqual({
      ok: false,
      problem: "character 'I' is not allowed (GB 32100 excludes I, O, S, V, Z)",
    });
    expect(checkUnifiedSocialCreditCode('91A50100M000100Y43')).toEqual({
      ok: false,
      problem: 'characters 3-8 must be an administrative division code',
    });
    expect(checkUnifiedSocialCreditCode('913501000M00100Y43')).toMatchObject({ ok: false });
    expect(checkUnifiedSocialCreditCode('91350100M000100Y44')).toEqual({
      ok: false,
      problem: 'check character does not verify',
    });
  });

  it('names the authority a kind registers with when the first character does not fit (R-QUAL-1)', () => {
    expect(checkContractorCode('public_institution', '91350100M000100Y43')).toEqual({
      ok: false,
      problem:
        'a public institution is registered with the establishment office (机构编制): the code must start with 1',
    });
    expect(checkContractorCode('social_organization', ' 91350100m000100y43 ')).toEqual({
      ok: false,
      problem: 'a social organization is registered with civil affairs (民政): the code must start with 5',
    });
    // The message reads "a enterprise": only the authority part is asserted (see docs/mutation.md).
    const enterprise = checkContractorCode('enterprise', '53100000500019795A');
    expect(enterprise.ok).toBe(false);
    expect(!enterprise.ok && enterprise.problem).toMatch(
      / enterprise is registered with market regulation \(工商\/市场监管\): the code must start with 9$/,
    );
    expect(checkContractorCode('enterprise', ' 91350100m000100y43 ')).toEqual({
      ok: true,
      normalized: '91350100M000100Y43',
    });
  });
});

describe('resident identity number edges (GB 11643-1999)', () => {
  const EXAMPLE = '11010519491231002X';

  it('computes the check digit mod 11 and refuses anything but 17 digits', () => {
    expect(residentIdCheckCharacter(EXAMPLE.slice(0, 17))).toBe('X');
    expect(residentIdCheckCharacter('1101051949123100')).toBeUndefined();
    expect(residentIdCheckCharacter('1101051949123100A')).toBeUndefined();
    expect(residentIdCheckCharacter('110105194912310021')).toBeUndefined();
  });

  it('normalizes a lower-case x and surrounding space', () => {
    expect(checkResidentIdNumber(' 11010519491231002x ')).toEqual({ ok: true, normalized: EXAMPLE });
  });

  it('refuses a birth year before 1900, month 13, day 0 and 31 February', () => {
    const withCheck = (first17: string) => first17 + (residentIdCheckCharacter(first17) ?? '');
    const bad = { ok: false, problem: 'characters 7-14 must be a valid date of birth' };
    expect(checkResidentIdNumber(withCheck('11010518991231002'))).toEqual(bad);
    expect(checkResidentIdNumber(withCheck('11010519001231002'))).toMatchObject({ ok: true });
    expect(checkResidentIdNumber(withCheck('11010519491331002'))).toEqual(bad);
    expect(checkResidentIdNumber(withCheck('11010519491200002'))).toEqual(bad);
    expect(checkResidentIdNumber(withCheck('11010519490231002'))).toEqual(bad);
    expect(checkResidentIdNumber(withCheck('11010520000229002'))).toMatchObject({ ok: true });
  });

  it('says what is wrong with the shape and the check digit', () => {
    expect(checkResidentIdNumber('1101051949123100')).toEqual({
      ok: false,
      problem: 'must be 17 digits and a digit or X',
    });
    expect(checkResidentIdNumber('110105194912310021')).toEqual({
      ok: false,
      problem: 'check digit does not verify',
    });
  });

  it('masks ten middle characters and keeps the region and the last two', () => {
    expect(maskResidentId(EXAMPLE)).toBe('110105**********2X');
  });
});

describe('the uploaded object is what was declared (issue 2 §5)', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('checks every byte of each signature, not only the first', () => {
    for (let i = 0; i < 8; i++) {
      const broken = Buffer.from(png);
      broken[i] = (broken[i] ?? 0) ^ 0xff;
      expect(
        checkEvidence({ contentType: 'image/png', size: broken.length }, broken),
        `byte ${i}`,
      ).toMatchObject({
        ok: false,
      });
    }
    const jpeg = Buffer.from([0xff, 0xd8, 0xfe, 0xe0]);
    expect(checkEvidence({ contentType: 'image/jpeg', size: 4 }, jpeg)).toEqual({
      ok: false,
      reason: 'content is not image/jpeg (its leading bytes do not match)',
    });
    const pdfWithoutDash = Buffer.from('%PDF 1.7');
    expect(
      checkEvidence({ contentType: 'application/pdf', size: pdfWithoutDash.length }, pdfWithoutDash),
    ).toMatchObject({
      ok: false,
    });
  });

  it('refuses an OFD.xml that is not in a ZIP package, and a PNG declared as OFD', () => {
    const notZip = Buffer.from('PK\x05\x06OFD.xml');
    expect(checkEvidence({ contentType: 'application/ofd', size: notZip.length }, notZip)).toMatchObject({
      ok: false,
    });
    expect(checkEvidence({ contentType: 'application/ofd', size: png.length }, png)).toMatchObject({
      ok: false,
    });
  });

  it('gives the sizes when they differ, and accepts the matching sha256', () => {
    expect(checkEvidence({ contentType: 'image/png', size: 11 }, png)).toEqual({
      ok: false,
      reason: 'size is 10 bytes, 11 were declared',
    });
    expect(checkEvidence({ contentType: 'image/png', size: 10, sha256: sha(png) }, png)).toEqual({
      ok: true,
    });
    expect(checkEvidence({ contentType: 'image/png', size: 10, sha256: sha(Buffer.from('x')) }, png)).toEqual(
      {
        ok: false,
        reason: 'sha256 does not match the declared value',
      },
    );
  });
});

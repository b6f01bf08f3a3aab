/**
 * Evidence declaration and review in the domain (shared/domain/contractor.ts), at the edges mutants showed
 * unpinned (issue 10 §2), and two shape rules of the resident identity number and the business clock.
 * - R-QUAL-5: evidence declared valid until today is current; until yesterday is refused as already expired.
 * - R-QUAL-2: a decision judges the evidence of that condition of that contractor, verified, and nothing else.
 * - Object keys of evidence (issue 2 §5): only the exact key form parses, so the verifier ignores any other object.
 */
import { describe, expect, it } from 'vitest';
import { businessDate } from '#shared/domain/clock';
import type { Contractor, EvidenceDocument } from '#shared/domain/contractor';
import {
  decideCondition,
  declareDocument,
  parseDocumentObjectKey,
  registerContractor,
} from '#shared/domain/contractor';
import { checkResidentIdNumber, residentIdCheckCharacter } from '#shared/domain/credit-code';

import { contractorRecord } from '../support/contractor-record';
const TODAY = '2026-11-24';

const contractor: Contractor = contractorRecord();

const declare = (validUntil?: string) =>
  declareDocument(
    contractor,
    {
      condition: 4,
      fileName: 'staff.pdf',
      contentType: 'application/pdf',
      size: 10,
      ...(validUntil ? { validUntil } : {}),
    },
    { documentId: 'doc_4', now: 'now', today: TODAY },
  );

describe('declaring evidence (R-QUAL-5)', () => {
  it('accepts evidence valid through today, or without an end, and refuses evidence that ended yesterday', () => {
    expect(declare(TODAY).document).toMatchObject({ validUntil: TODAY, status: 'pending', revision: 1 });
    expect(declare().document.status).toBe('pending');
    expect(() => declare('2026-11-23')).toThrow(
      expect.objectContaining({
        code: 'invalid',
        message: 'validUntil: the evidence has already expired',
        details: { field: 'validUntil', rule: 'R-QUAL-5' },
      }),
    );
  });
});

describe('reviewing evidence (R-QUAL-2)', () => {
  const verified = (over: Partial<EvidenceDocument> = {}): EvidenceDocument => ({
    ...declare().document,
    status: 'verified',
    ...over,
  });
  const approve = (document: EvidenceDocument, condition: 1 | 4 = 4) =>
    decideCondition(
      contractor,
      document,
      { condition, decision: 'approved', reason: 'ok' },
      { reviewer: 'u-bureau', now: 'now' },
    );

  it('refuses verified evidence of another contractor, and of another condition, naming documentId', () => {
    const refusal = {
      code: 'refused',
      details: { field: 'documentId', rule: 'R-QUAL-2' },
    };
    expect(() => approve(verified({ contractorId: 'ctr_2' }))).toThrow(
      expect.objectContaining({
        ...refusal,
        message: 'documentId: the document is not evidence for condition 4 of this contractor',
      }),
    );
    expect(() => approve(verified(), 1)).toThrow(
      expect.objectContaining({
        ...refusal,
        message: 'documentId: the document is not evidence for condition 1 of this contractor',
      }),
    );
    expect(approve(verified()).decisions[4]).toMatchObject({ status: 'approved', documentId: 'doc_4' });
  });

  it('says which state keeps unverified evidence from review', () => {
    expect(() => approve(verified({ status: 'pending' }))).toThrow(
      expect.objectContaining({
        code: 'refused',
        message: 'documentId: the document is pending; only verified evidence can be reviewed',
      }),
    );
    expect(() => approve(verified({ status: 'rejected' }))).toThrow(
      expect.objectContaining({
        message: 'documentId: the document is rejected; only verified evidence can be reviewed',
      }),
    );
  });
});

describe('evidence object keys', () => {
  it('parses the exact form only: nothing before, nothing after, conditions 1 to 8', () => {
    expect(parseDocumentObjectKey('contractors/ctr_1/conditions/4/doc_4')).toEqual({
      contractorId: 'ctr_1',
      documentId: 'doc_4',
    });
    expect(parseDocumentObjectKey('x/contractors/ctr_1/conditions/4/doc_4')).toBeUndefined();
    expect(parseDocumentObjectKey('contractors/ctr_1/conditions/4/doc_4/extra')).toBeUndefined();
    expect(parseDocumentObjectKey('contractors/ctr_1/conditions/9/doc_4')).toBeUndefined();
  });
});

describe('resident identity number length (GB 11643-1999)', () => {
  it('refuses a valid number with a character more, before or after', () => {
    const first17 = '11010519491231001';
    const valid = first17 + (residentIdCheckCharacter(first17) ?? '');
    expect(valid).toMatch(/^\d{18}$/); // a digit check character, so the longer forms are all digits
    expect(checkResidentIdNumber(valid)).toEqual({ ok: true, normalized: valid });
    const shape = { ok: false, problem: 'must be 17 digits and a digit or X' };
    expect(checkResidentIdNumber(`${valid}5`)).toEqual(shape);
    expect(checkResidentIdNumber(`5${valid}`)).toEqual(shape);
  });
});

describe('business date refusals', () => {
  it('names what is wrong with the instant', () => {
    expect(() => businessDate(new Date(Number.NaN))).toThrow(new RangeError('Invalid time value'));
    expect(() => businessDate(new Date('1990-01-01T00:00:00Z'))).toThrow(
      "1990-01-01T00:00:00.000Z is before 1991-09-14T17:00:00.000Z: Shanghai's offset was not +08:00 throughout",
    );
  });
});

describe('registration of an enterprise (R-QUAL-1, R-QUAL-4)', () => {
  it('says why an enterprise cannot claim to be non-profit, naming nonProfit', () => {
    expect(() =>
      registerContractor(
        {
          kind: 'enterprise',
          name: '某某科技有限公司',
          creditCode: '91350100M000100Y43',
          nonProfit: true,
          contact: { name: '王', phone: '13900000000' },
        },
        { id: 'ctr_9', actor: { sub: 'u-bureau', role: 'bureau' }, now: 'now' },
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid',
        message:
          'nonProfit: an enterprise registered with market regulation is not a non-profit organization',
        details: expect.objectContaining({ field: 'nonProfit' }),
      }),
    );
  });
});

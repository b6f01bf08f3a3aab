import { describe, expect, it } from 'vitest';
import {
  checkContractorCode,
  checkResidentIdNumber,
  checkUnifiedSocialCreditCode,
  maskResidentId,
} from '#shared/domain/credit-code';

// Real, published codes: the GB 32100-2015 example, enterprises, a public institution, a foundation registered with civil affairs.
const PUBLISHED = {
  standardExample: '91350100M000100Y43',
  tencentShenzhen: '9144030071526726XG',
  huawei: '914403001922038216',
  xiaomi: '91110108551385082Q',
  publicInstitution: '12100000400000624D',
  foundation: '53100000500019795A',
};

describe('unified social credit code (R-QUAL-3, GB 32100-2015)', () => {
  it.each(Object.entries(PUBLISHED))('accepts the published code of %s', (_name, code) => {
    expect(checkUnifiedSocialCreditCode(code)).toEqual({ ok: true, normalized: code });
  });

  it('normalizes lower case and surrounding space', () => {
    expect(checkUnifiedSocialCreditCode(' 9144030071526726xg ')).toEqual({
      ok: true,
      normalized: '9144030071526726XG',
    });
  });

  it.each(['91350100M000100Y44', '9144030071526726XH', '53100000500019795B'])(
    'refuses %s: check character',
    (code) => {
      expect(checkUnifiedSocialCreditCode(code)).toEqual({
        ok: false,
        problem: 'check character does not verify',
      });
    },
  );

  it('refuses a transposition of two characters', () => {
    expect(checkUnifiedSocialCreditCode('91350100M000100Y34').ok).toBe(false);
  });

  it('refuses letters GB 32100 excludes and wrong lengths', () => {
    expect(checkUnifiedSocialCreditCode('91350100M000100I43')).toMatchObject({ ok: false });
    expect(checkUnifiedSocialCreditCode('91350100M000100Y4')).toEqual({
      ok: false,
      problem: 'must be 18 characters',
    });
  });
});

describe('registration authority must fit the kind (R-QUAL-1)', () => {
  it('takes 5 for a social organization, 1 for a public institution, 9 for an enterprise', () => {
    expect(checkContractorCode('social_organization', PUBLISHED.foundation).ok).toBe(true);
    expect(checkContractorCode('public_institution', PUBLISHED.publicInstitution).ok).toBe(true);
    expect(checkContractorCode('enterprise', PUBLISHED.huawei).ok).toBe(true);
  });

  it('refuses an enterprise code registered as a social organization', () => {
    const check = checkContractorCode('social_organization', PUBLISHED.huawei);
    expect(check).toEqual({ ok: false, problem: expect.stringContaining('must start with 5') });
  });

  it('refuses a foundation code registered as an enterprise', () => {
    expect(checkContractorCode('enterprise', PUBLISHED.foundation)).toMatchObject({ ok: false });
  });
});

describe('resident identity number of a natural person (GB 11643-1999)', () => {
  it('accepts the example of the standard, with X as check digit', () => {
    expect(checkResidentIdNumber('11010519491231002X')).toEqual({
      ok: true,
      normalized: '11010519491231002X',
    });
    expect(checkContractorCode('natural_person', '11010519491231002x').ok).toBe(true);
  });

  it('refuses a wrong check digit and an impossible birth date', () => {
    expect(checkResidentIdNumber('110105194912310021')).toEqual({
      ok: false,
      problem: 'check digit does not verify',
    });
    expect(checkResidentIdNumber('110105194902300021')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('date of birth'),
    });
  });

  it('refuses a credit code given for a natural person', () => {
    expect(checkContractorCode('natural_person', PUBLISHED.huawei).ok).toBe(false);
  });

  it('masks an identity number for views that may not show it', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105**********2X');
  });
});

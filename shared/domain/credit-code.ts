/**
 * R-QUAL-3: unified social credit code (统一社会信用代码, GB 32100-2015) and, for natural persons,
 * the resident identity number (公民身份号码, GB 11643-1999). Pure functions; no I/O.
 */

/** GB 32100 character set: digits and upper-case letters without I, O, Z, S, V. */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type ContractorKind = 'social_organization' | 'public_institution' | 'enterprise' | 'natural_person';

/** Registration authority (登记管理部门码, first character) each kind must be registered with (R-QUAL-1). */
const AUTHORITY_FOR_KIND: Record<
  Exclude<ContractorKind, 'natural_person'>,
  { code: string; nameEn: string }
> = {
  public_institution: { code: '1', nameEn: 'the establishment office (机构编制)' },
  social_organization: { code: '5', nameEn: 'civil affairs (民政)' },
  enterprise: { code: '9', nameEn: 'market regulation (工商/市场监管)' },
};

export type CodeCheck = { ok: true; normalized: string } | { ok: false; problem: string };

export function usccCheckCharacter(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) return undefined;
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

export function checkUnifiedSocialCreditCode(raw: string): CodeCheck {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, problem: 'must be 18 characters' };
  const bad = [...code].find((c) => !USCC_CHARSET.includes(c));
  if (bad)
    return { ok: false, problem: `character '${bad}' is not allowed (GB 32100 excludes I, O, S, V, Z)` };
  if (!/^\d{6}$/.test(code.slice(2, 8)))
    return { ok: false, problem: 'characters 3-8 must be an administrative division code' };
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (expected !== code[17]) return { ok: false, problem: 'check character does not verify' };
  return { ok: true, normalized: code };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function residentIdCheckCharacter(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * (ID_WEIGHTS[i] ?? 0), 0);
  return ID_CHECK[sum % 11];
}

export function checkResidentIdNumber(raw: string): CodeCheck {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'must be 17 digits and a digit or X' };
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return { ok: false, problem: 'characters 7-14 must be a valid date of birth' };
  }
  if (residentIdCheckCharacter(id.slice(0, 17)) !== id[17])
    return { ok: false, problem: 'check digit does not verify' };
  return { ok: true, normalized: id };
}

/**
 * The code a contractor registers with must verify and fit its kind: an organization's USCC
 * must come from the authority that registers that kind; a natural person gives a resident ID.
 */
export function checkContractorCode(kind: ContractorKind, raw: string): CodeCheck {
  if (kind === 'natural_person') return checkResidentIdNumber(raw);
  const check = checkUnifiedSocialCreditCode(raw);
  if (!check.ok) return check;
  const authority = AUTHORITY_FOR_KIND[kind];
  if (check.normalized[0] !== authority.code) {
    return {
      ok: false,
      problem: `a ${kind.replace('_', ' ')} is registered with ${authority.nameEn}: the code must start with ${authority.code}`,
    };
  }
  return check;
}

/** Masks all but the region and the last two characters, for views that may not show a person's ID. */
export function maskResidentId(id: string): string {
  return `${id.slice(0, 6)}${'*'.repeat(10)}${id.slice(16)}`;
}

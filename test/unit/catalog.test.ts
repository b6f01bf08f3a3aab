import { describe, expect, it } from 'vitest';
import { addDistrictItem, negativeListHit, refineStandard } from '#shared/domain/catalog';
import { NEGATIVE_LIST, POLICY_CATALOG } from '#shared/domain/catalog-seed';

const standard = {
  summary: 's',
  indicators: [{ code: 'x', description: 'd', unit: '%', target: 1, comparison: '>=' as const }],
};

describe('service catalog (R-CAT-1, R-CAT-4)', () => {
  it('holds every item the policy lists: 6 in A, 5 in B, 8 in C', () => {
    const count = (g: string) => POLICY_CATALOG.filter((i) => i.group === g).length;
    expect([count('A'), count('B'), count('C')]).toEqual([6, 5, 8]);
    for (const zh of [
      '对象排查',
      '家计调查',
      '家庭经济状况核对',
      '社会救助协理',
      '照料护理',
      '特困人员社会化托管',
      '心理疏导',
    ]) {
      expect(POLICY_CATALOG.some((i) => i.nameZh.includes(zh))).toBe(true);
    }
  });

  it('gives each item a stable unique code and measurable indicators', () => {
    const codes = POLICY_CATALOG.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const item of POLICY_CATALOG) {
      expect(item.code.startsWith(`${item.group}-`)).toBe(true);
      expect(item.standard.indicators.length).toBeGreaterThan(0);
    }
  });

  it('has no policy item on its own negative list (R-CAT-3)', () => {
    expect(POLICY_CATALOG.filter((i) => negativeListHit(i, NEGATIVE_LIST))).toEqual([]);
  });

  it('seeds items whose names and summaries pass the negative list as a district item would (R-CAT-2, R-CAT-3)', () => {
    for (const { origin: _origin, version: _version, ...item } of POLICY_CATALOG) {
      expect(addDistrictItem(item, { codeTaken: false, negativeList: NEGATIVE_LIST }).code).toBe(item.code);
    }
  });
});

describe('negative list (R-CAT-3) and district items (R-CAT-2)', () => {
  it('refuses an item that would purchase eligibility decisions', () => {
    expect(() =>
      addDistrictItem(
        {
          code: 'A-APPROVAL',
          group: 'A',
          nameZh: '低保审核确认',
          nameEn: 'Approval of applications',
          standard,
        },
        { codeTaken: false, negativeList: NEGATIVE_LIST },
      ),
    ).toThrow(
      expect.objectContaining({ code: 'refused', details: expect.objectContaining({ rule: 'R-CAT-3' }) }),
    );
  });

  it('refuses paying out assistance money through a contractor', () => {
    const hit = negativeListHit({ nameZh: '临时救助金发放', nameEn: 'x' }, NEGATIVE_LIST);
    expect(hit?.code).toBe('NEG-FUND-DISBURSEMENT');
  });

  it('adds a district item that is not on the list', () => {
    const item = addDistrictItem(
      { code: 'C-MEAL-DELIVERY', group: 'C', nameZh: '助餐送餐', nameEn: 'Meal delivery', standard },
      { codeTaken: false, negativeList: NEGATIVE_LIST },
    );
    expect(item).toMatchObject({ origin: 'district', version: 1 });
  });

  it('refuses a code already in the catalog', () => {
    expect(() =>
      addDistrictItem(
        { code: 'C-CAREGIVING', group: 'C', nameZh: '照料', nameEn: 'Care', standard },
        { codeTaken: true, negativeList: [] },
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'duplicate',
        message: 'code C-CAREGIVING is already in the catalog',
        details: { field: 'code' },
      }),
    );
  });

  it('refines a standard as a new version and refuses repeated indicator codes', () => {
    const item = POLICY_CATALOG[0]!;
    expect(refineStandard(item, standard).version).toBe(item.version + 1);
    expect(() =>
      refineStandard(item, { ...standard, indicators: [...standard.indicators, ...standard.indicators] }),
    ).toThrow(/appears twice/);
  });
});

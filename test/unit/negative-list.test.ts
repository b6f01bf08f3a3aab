import { describe, expect, it } from 'vitest';
import {
  NEGATIVE_LIST_CATEGORIES,
  addDistrictItem,
  negativeListEntryFor,
  negativeListHit,
  normaliseForMatching,
  refineStandard,
} from '#shared/domain/catalog';
import { NEGATIVE_LIST, POLICY_CATALOG } from '#shared/domain/catalog-seed';
import { ACCEPT, REFUSE } from '../fixtures/negative-list-phrasings';

const standard = {
  summary: 'Services delivered to recipients.',
  indicators: [{ code: 'x', description: 'd', unit: '%', target: 1, comparison: '>=' as const }],
};

describe('R-CAT-3: the negative list is the policy’s six categories', () => {
  it('has one category per kind of matter the policy keeps with the government, each phrased in Chinese and English', () => {
    expect(NEGATIVE_LIST_CATEGORIES.map((c) => c.code)).toEqual([
      'NEG-ELIGIBILITY-DECISION',
      'NEG-FUND-DISBURSEMENT',
      'NEG-ADMIN-ENFORCEMENT',
      'NEG-POLICY-ISSUANCE',
      'NEG-SUPERVISION',
      'NEG-DIRECT-ASSISTANCE',
    ]);
    for (const category of NEGATIVE_LIST_CATEGORIES) {
      const words = [...category.keywords, ...category.concepts.flatMap((c) => c.all.flat())];
      expect(words.some((w) => /\p{Script=Han}/u.test(w))).toBe(true);
      expect(words.some((w) => /[a-z]/.test(w))).toBe(true);
    }
  });

  it('is what the seed stores and the public catalog answers: the categories without their concepts', () => {
    expect(NEGATIVE_LIST.map((e) => e.code)).toEqual(NEGATIVE_LIST_CATEGORIES.map((c) => c.code));
    for (const entry of NEGATIVE_LIST) {
      expect(Object.keys(entry).sort()).toEqual(['code', 'keywords', 'nameEn', 'nameZh', 'reason']);
    }
  });
});

describe('R-CAT-3: real phrasings, kept apart from the list (test/fixtures/negative-list-phrasings.ts)', () => {
  it.each(REFUSE.map((p) => [p.text, p.category, p.source] as const))(
    'refuses “%s” as %s (%s)',
    (text, category) => {
      expect(negativeListEntryFor(text, NEGATIVE_LIST)?.code).toBe(category);
      // The policy's categories hold even where the stored list is empty or was seeded long ago.
      expect(negativeListEntryFor(text, [])?.code).toBe(category);
    },
  );

  it.each(ACCEPT.map((p) => [p.text, p.source] as const))('accepts “%s” (%s)', (text) => {
    expect(negativeListEntryFor(text, NEGATIVE_LIST)).toBeUndefined();
  });

  it('covers every category with refusals in Chinese and English', () => {
    for (const { code } of NEGATIVE_LIST_CATEGORIES) {
      const texts = REFUSE.filter((p) => p.category === code).map((p) => p.text);
      expect(texts.some((t) => /\p{Script=Han}/u.test(t))).toBe(true);
      expect(texts.some((t) => /[A-Za-z]/.test(t))).toBe(true);
    }
  });
});

describe('R-CAT-3: word order and form do not matter', () => {
  it.each([
    ['审定低保资格', 'NEG-ELIGIBILITY-DECISION'],
    ['资格审定（低保）', 'NEG-ELIGIBILITY-DECISION'],
    ['determination of eligibility', 'NEG-ELIGIBILITY-DECISION'],
    ['Eligibility-Determining', 'NEG-ELIGIBILITY-DECISION'],
    ['临时救助资金发放', 'NEG-FUND-DISBURSEMENT'],
    ['资金（临时救助）发放', 'NEG-FUND-DISBURSEMENT'],
    ['funds paid out', 'NEG-FUND-DISBURSEMENT'],
    ['PAYMENT OF ALLOWANCES', 'NEG-FUND-DISBURSEMENT'],
    ['policies made', 'NEG-POLICY-ISSUANCE'],
  ])('“%s” falls on %s', (text, code) => {
    expect(negativeListEntryFor(text, NEGATIVE_LIST)?.code).toBe(code);
  });

  it('folds widths, case, spaces and invisible characters; a Chinese character or an English word is one token', () => {
    expect(
      normaliseForMatching('Ｅｌｉｇｉｂｉｌｉｔｙ\u00adＤｅｔｅｒ　低保　资格\u200b审定').tokens,
    ).toEqual(['eligibilitydeter', ...'低保资格审定']);
    // A clause break is a token of its own ('|'): terms never bind across it.
    expect(normaliseForMatching('Determination of the eligibility, 2025年!').tokens).toEqual([
      'determination',
      'eligibility',
      '|',
      '2025',
      '年',
      '|',
    ]);
  });

  it('binds an action to its object within a clause, however the clause words it, and never across a clause break', () => {
    for (const refused of [
      '发放本月的特困人员供养金',
      '救助资金按月通过银行发放到户',
      '发放给困难群众的临时救助金',
    ]) {
      expect(negativeListEntryFor(refused, []), refused).toBeDefined();
    }
    expect(negativeListEntryFor('对救助对象开展回访，确认服务满意度', [])).toBeUndefined();
  });

  it('matches English terms at the start of words only: reinforcement is no enforcement', () => {
    expect(negativeListEntryFor('Reinforcement of daily living skills', NEGATIVE_LIST)).toBeUndefined();
    expect(negativeListEntryFor('Enforcement of daily living rules', NEGATIVE_LIST)?.code).toBe(
      'NEG-ADMIN-ENFORCEMENT',
    );
  });

  it('needs every part of a concept: an action or an object alone is not the category', () => {
    expect(negativeListEntryFor('救助资金', NEGATIVE_LIST)).toBeUndefined();
    expect(negativeListEntryFor('宣传资料发放', NEGATIVE_LIST)).toBeUndefined();
    expect(negativeListEntryFor('eligibility', NEGATIVE_LIST)).toBeUndefined();
    expect(negativeListEntryFor('determination', NEGATIVE_LIST)).toBeUndefined();
  });

  it('binds an action to its object: near each other they are the category, a sentence apart they are not', () => {
    expect(negativeListEntryFor('低保对象确认', NEGATIVE_LIST)?.code).toBe('NEG-ELIGIBILITY-DECISION');
    expect(negativeListEntryFor('低保对象照料护理服务确认', NEGATIVE_LIST)).toBeUndefined();
    expect(negativeListEntryFor('dibao households confirmed', NEGATIVE_LIST)?.code).toBe(
      'NEG-ELIGIBILITY-DECISION',
    );
    expect(negativeListEntryFor('dibao households; each visit confirmed', NEGATIVE_LIST)).toBeUndefined();
    // Three groups bind as a chain, in any order.
    expect(negativeListEntryFor('government provides assistance directly', NEGATIVE_LIST)?.code).toBe(
      'NEG-DIRECT-ASSISTANCE',
    );
    expect(
      negativeListEntryFor(
        'direct care at home; the government funds home visits and assistance',
        NEGATIVE_LIST,
      ),
    ).toBeUndefined();
  });

  it('does not count a term inside a phrase that only looks like it (服务对象, 签字确认, 审核流程)', () => {
    expect(negativeListEntryFor('对象确认', NEGATIVE_LIST)?.code).toBe('NEG-ELIGIBILITY-DECISION');
    expect(negativeListEntryFor('服务对象签字确认', NEGATIVE_LIST)).toBeUndefined();
    expect(negativeListEntryFor('低保审核', NEGATIVE_LIST)?.code).toBe('NEG-ELIGIBILITY-DECISION');
    expect(negativeListEntryFor('低保审核流程培训', NEGATIVE_LIST)).toBeUndefined();
    // A keyword inside an excepted phrase does not count either.
    expect(negativeListEntryFor('policy decisions', NEGATIVE_LIST)?.code).toBe('NEG-POLICY-ISSUANCE');
    expect(negativeListEntryFor('research to inform policy decisions', NEGATIVE_LIST)).toBeUndefined();
  });

  it('matches "issue" and "set" only as whole verbs, not in issues or settings', () => {
    expect(negativeListEntryFor('Issuing social assistance policy', NEGATIVE_LIST)?.code).toBe(
      'NEG-POLICY-ISSUANCE',
    );
    expect(
      negativeListEntryFor('Policy issues answered in community settings', NEGATIVE_LIST),
    ).toBeUndefined();
  });

  it('reads a title given as both names once, so its end does not bind to its beginning', () => {
    const title = '对特困供养对象开展康复训练，服务记录经社区审核';
    expect(negativeListHit({ nameZh: title, nameEn: title }, NEGATIVE_LIST)).toBeUndefined();
  });

  // No timing assertion (house rule): a matcher that blew up on many occurrences would hang here past the test
  // timeout. The text is ten times the longest one the API lets through (a standard's summary, 2 000 characters).
  it('decides a long text full of unbound terms', () => {
    const unbound = '低保对象照料护理服务确认康复训练服务';
    const text = unbound.repeat(Math.ceil(20_000 / unbound.length));
    expect(negativeListEntryFor(text, NEGATIVE_LIST)).toBeUndefined();
    // The same terms bound within one phrase are still found among them.
    expect(negativeListEntryFor(`${text}，确认低保对象资格，${text}`, NEGATIVE_LIST)?.code).toBe(
      'NEG-ELIGIBILITY-DECISION',
    );
  });

  it('lets research for policy making through, but not the making, nor research beside an issued policy', () => {
    expect(negativeListEntryFor('政策制定前期调查研究', NEGATIVE_LIST)).toBeUndefined();
    expect(negativeListEntryFor('政策制定', NEGATIVE_LIST)?.code).toBe('NEG-POLICY-ISSUANCE');
    expect(negativeListEntryFor('出台政策并开展调查研究', NEGATIVE_LIST)?.code).toBe('NEG-POLICY-ISSUANCE');
  });

  it('lets a stored keyword of only spaces or punctuation match nothing, rather than everything', () => {
    const blank = {
      code: 'NEG-BLANK',
      nameZh: '空',
      nameEn: 'Blank',
      reason: 'r',
      keywords: ['', ' ', '、', '-'],
    };
    expect(negativeListEntryFor('照料护理', [...NEGATIVE_LIST, blank])).toBeUndefined();
  });

  it('answers the stored entry of a category, and applies a stored entry’s own phrasings', () => {
    const stored = NEGATIVE_LIST.map((e) =>
      e.code === 'NEG-SUPERVISION' ? { ...e, nameZh: '监督（已存）' } : e,
    );
    expect(negativeListEntryFor('监督管理', stored)?.nameZh).toBe('监督（已存）');
    const extra = {
      code: 'NEG-DISTRICT',
      nameZh: '区定',
      nameEn: 'District',
      reason: 'r',
      keywords: ['代办'],
    };
    expect(negativeListEntryFor('代 办 服务', [...NEGATIVE_LIST, extra])?.code).toBe('NEG-DISTRICT');
  });
});

describe('R-CAT-3 where a district item or a refined standard is written (R-CAT-2, R-CAT-4)', () => {
  const add = (nameZh: string, nameEn: string, summary = standard.summary) =>
    addDistrictItem(
      { code: 'A-NEW', group: 'A', nameZh, nameEn, standard: { ...standard, summary } },
      { codeTaken: false, negativeList: NEGATIVE_LIST },
    );
  const refusal = (field: string, category: string) =>
    expect.objectContaining({
      code: 'refused',
      message: expect.stringContaining(category),
      details: { field, rule: 'R-CAT-3' },
    });

  it('names the field and the category: nameZh, nameEn, or the standard’s summary', () => {
    expect(() => add('发放临时救助资金', 'Temporary assistance')).toThrow(
      refusal('nameZh', 'NEG-FUND-DISBURSEMENT'),
    );
    expect(() => add('协理服务', 'Eligibility determination support')).toThrow(
      refusal('nameEn', 'NEG-ELIGIBILITY-DECISION'),
    );
    expect(() => add('综合服务', 'Integrated services', '负责低保资格审定和入户调查')).toThrow(
      refusal('standard.summary', 'NEG-ELIGIBILITY-DECISION'),
    );
  });

  it('reads the fields together when the concept is split across them, naming the first field', () => {
    expect(() => add('临时救助资金', 'Disbursing')).toThrow(refusal('nameZh', 'NEG-FUND-DISBURSEMENT'));
    // Word by word across fields: "Cash" ends one field and "Paying" begins the next.
    expect(() => add('区级服务', 'Cash', 'Paying out weekly to households')).toThrow(
      refusal('nameZh', 'NEG-FUND-DISBURSEMENT'),
    );
  });

  it('says what falls on the list: the item, or the refined standard', () => {
    expect(() => add('低保资格审定', 'District service')).toThrow(
      /^nameZh: the item falls on the negative list \(NEG-ELIGIBILITY-DECISION 救助对象审核确认 \/ Deciding who is eligible for assistance\): Approving or refusing eligibility/,
    );
    expect(() => refineStandard(POLICY_CATALOG[0]!, { ...standard, summary: '发放临时救助资金' })).toThrow(
      /^standard\.summary: the refined standard falls on the negative list \(NEG-FUND-DISBURSEMENT /,
    );
  });

  it('refuses a refined summary that describes a matter on the list, whatever the stored list', () => {
    const item = POLICY_CATALOG[0]!;
    expect(() => refineStandard(item, { ...standard, summary: '由承接主体审批低保申请' })).toThrow(
      refusal('standard.summary', 'NEG-ELIGIBILITY-DECISION'),
    );
    expect(refineStandard(item, standard, NEGATIVE_LIST).version).toBe(item.version + 1);
  });

  it('accepts every policy item, names and summaries, and the policy’s allowed work as a district item', () => {
    for (const item of POLICY_CATALOG) {
      expect(negativeListHit(item, NEGATIVE_LIST)).toBeUndefined();
      expect(negativeListEntryFor(item.standard.summary, NEGATIVE_LIST)).toBeUndefined();
    }
    for (const { text } of ACCEPT) {
      expect(add(text, 'District service').origin).toBe('district');
    }
  });
});

/**
 * The service catalog (R-CAT-1, R-CAT-2, R-CAT-4) and the negative list (R-CAT-3).
 */
import { DomainError } from './errors';

export type CatalogGroup = 'A' | 'B' | 'C';

export interface Indicator {
  code: string;
  description: string;
  unit: string;
  target: number;
  comparison: '>=' | '<=' | '=';
}

export interface ServiceStandard {
  summary: string;
  indicators: Indicator[];
}

export interface CatalogItem {
  code: string;
  group: CatalogGroup;
  nameZh: string;
  nameEn: string;
  standard: ServiceStandard;
  origin: 'policy' | 'district';
  version: number;
}

export interface NegativeListEntry {
  code: string;
  nameZh: string;
  nameEn: string;
  reason: string;
  /** Phrasings that fall on the entry by themselves, matched as a concept's terms are (see `NegativeListCategory`). */
  keywords: string[];
}

/**
 * One way of saying a category: it is said when every group has a term in the text, in any order and with any
 * words between. `unless` lists phrasings the policy allows to be bought that would otherwise read as this concept
 * (社会救助政策制定的前期调查研究 is research, not policy making).
 */
export interface Concept {
  all: readonly (readonly string[])[];
  unless?: readonly string[];
}

/**
 * R-CAT-3, modelled on the policy's sentence "应当由政府直接承担的行政管理性事务，以及应当由政府直接提供、不适合社会力量
 * 承担的救助服务事项，不得向社会力量购买": six categories of what the government does itself, each phrased in Chinese
 * and English as concepts (an action and an object, or a fixed phrase). Terms are matched on normalised text
 * (`normaliseForMatching`): a Chinese term anywhere in the text with spaces, punctuation and widths folded away; an
 * English term as the beginning of a word, so a stem (`eligib`, `disburs`, `polic`) covers plurals and -ing, -ion,
 * -ment forms, and several words match consecutive words. The catalog seed is derived from these categories; the
 * phrasings the rule is tested against are kept apart, in test/fixtures/negative-list-phrasings.ts.
 */
export interface NegativeListCategory extends NegativeListEntry {
  concepts: readonly Concept[];
}

const terms = (list: string): readonly string[] => list.split('|');
/** A concept of groups written `a|b|c`, Chinese and English terms side by side. */
const concept = (...groups: string[]): Concept => ({ all: groups.map(terms) });

const ELIGIBILITY_DECISION: NegativeListCategory = {
  code: 'NEG-ELIGIBILITY-DECISION',
  nameZh: '救助对象审核确认',
  nameEn: 'Deciding who is eligible for assistance',
  reason:
    'Approving or refusing eligibility is an administrative decision the government must make itself (应当由政府直接承担的行政管理性事务).',
  keywords: ['资格认定', '审核确认', '审核审批', 'eligibility determination', 'approval of applications'],
  concepts: [
    concept(
      // deciding, approving, confirming or withdrawing …
      '审定|审批|认定|审核|确认|核定|核准|批准|裁定|取消|终止|撤销|停发|停保|' +
        'determin|decid|decision|approv|grant|confirm|certif|adjudicat|revok|revoc|terminat|deny|denial|reject',
      // … who qualifies, or for what
      '资格|对象|低保|特困|供养|低收入|临时救助|救助申请|申请|保障待遇|救助待遇|救助金额|' +
        'eligib|entitle|applica|allowance|dibao',
    ),
  ],
};

const FUND_DISBURSEMENT: NegativeListCategory = {
  code: 'NEG-FUND-DISBURSEMENT',
  nameZh: '救助资金发放',
  nameEn: 'Paying out assistance funds',
  reason: 'Assistance money is paid by the government directly to recipients, never through a contractor.',
  keywords: ['资金发放', '救助金发放', 'disbursement', 'cash transfer'],
  concepts: [
    concept(
      // paying out, handing over …
      '发放|拨付|支付|发给|代发|给付|兑付|划拨|拨款|转账|派发|分发|' +
        'pay|paid|disburs|distribut|hand out|handing out|remit|transfer',
      // … assistance money or goods
      '救助金|救助资金|救助款|低保金|保障金|供养金|补助|补贴|生活费|救助物资|临时救助|资金|现金|' +
        'fund|allowance|benefit|cash|money|subsid|stipend|relief|grant',
    ),
  ],
};

const ENFORCEMENT: NegativeListCategory = {
  code: 'NEG-ADMIN-ENFORCEMENT',
  nameZh: '行政执法与处罚',
  nameEn: 'Administrative enforcement and penalties',
  reason: 'Administrative enforcement, penalties and licensing are powers of the government.',
  keywords: [
    ...terms('执法|行政处罚|处罚|罚款|行政许可|行政强制|查处'),
    ...terms('enforc|penalt|penalis|penaliz|sanction|licensing'),
  ],
  concepts: [
    concept('impos|levy|levied', 'fine|penalt|sanction'),
    concept('issu|grant|revok|revoc', 'licen|permit'),
  ],
};

/** The policy may buy research for policy making (社会救助政策制定的前期调查研究), never the making itself. */
const RESEARCH = terms(
  '调查研究|调研|前期研究|课题研究|专题研究|研究报告|research|study|studies|survey|preparator',
);
const POLICY = '政策|办法|规章|规范性文件|实施细则|救助标准|保障标准|低保标准|polic|regulation';

const POLICY_DECISION: NegativeListCategory = {
  code: 'NEG-POLICY-ISSUANCE',
  nameZh: '政策出台与决策',
  nameEn: 'Issuing policy and making decisions',
  reason: 'Preparatory research may be purchased; issuing policy and taking decisions may not.',
  keywords: ['出台政策', '政策出台', '政策决定', '政策决策', 'policy decision', 'policymaking'],
  concepts: [
    // issuing or deciding: refused even beside research
    concept('出台|颁布|决策|决定|issu|adopt|enact|promulgat|decid|decision|approv', POLICY),
    // drafting or making: research for it is what the policy allows to be bought
    {
      ...concept('制定|制订|起草|修订|拟定|mak|made|formulat|draft|set|amend|revis', POLICY),
      unless: RESEARCH,
    },
  ],
};

const SUPERVISION: NegativeListCategory = {
  code: 'NEG-SUPERVISION',
  nameZh: '监督检查与问责',
  nameEn: 'Supervision, inspection and accountability',
  reason:
    'Supervising contractors and holding officials accountable stay with the government (R-ACC-1, R-SUP-1).',
  keywords: [...terms('监督管理|监督检查|监管|督查|稽查|问责|执纪'), ...terms('oversight|accountab')],
  concepts: [
    concept(
      '监督|监察|检查|supervis|monitor|inspect|audit',
      '承接主体|服务机构|购买服务项目|资金使用|履约|合同履行|' +
        'contractor|provider|fund|compliance|official|purchas|implementation|management',
    ),
  ],
};

const DIRECT_ASSISTANCE: NegativeListCategory = {
  code: 'NEG-DIRECT-ASSISTANCE',
  nameZh: '应由政府直接提供的救助',
  nameEn: 'Assistance the government must provide directly',
  reason:
    'Assistance the government must provide directly is not suited to social forces (不适合社会力量承担的救助服务事项).',
  keywords: ['直接救助', '政府直接提供', 'direct government assistance'],
  concepts: [
    concept('政府直接|直接由政府', '提供|救助|给予|发放'),
    concept('direct', 'government|state', 'assist|relief|aid|provid|provision'),
  ],
};

/** R-CAT-3: the negative list, in the order a phrasing is checked against it. */
export const NEGATIVE_LIST_CATEGORIES: readonly NegativeListCategory[] = [
  ELIGIBILITY_DECISION,
  FUND_DISBURSEMENT,
  ENFORCEMENT,
  POLICY_DECISION,
  SUPERVISION,
  DIRECT_ASSISTANCE,
];

/** The public entry of a category, as stored and answered by GET /v1/public/catalog. */
export const publicEntry = ({ concepts: _concepts, ...entry }: NegativeListCategory): NegativeListEntry => ({
  ...entry,
  keywords: [...entry.keywords],
});

interface Normalised {
  /** Letters and digits only: what Chinese terms are looked for in. */
  compact: string;
  /** Latin words in order: what English terms are the beginnings of. */
  words: readonly string[];
}

/**
 * Full and half width folded (NFKC), case folded, invisible format characters (zero-width space, soft hyphen…)
 * dropped; Chinese is compared without spaces or punctuation, English word by word.
 */
export function normaliseForMatching(text: string): Normalised {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{Cf}/gu, '');
  return {
    compact: folded.replace(/[^\p{L}\p{N}]/gu, ''),
    words: folded.match(/[a-z]+/g) ?? [],
  };
}

const LATIN = /[a-z]/i;

/** Terms are few and fixed (stored keywords included), so each is normalised once per process. */
const normalisedTerms = new Map<string, Normalised>();
function normalisedTerm(term: string): Normalised {
  let normalised = normalisedTerms.get(term);
  if (!normalised) {
    normalised = normaliseForMatching(term);
    normalisedTerms.set(term, normalised);
  }
  return normalised;
}

function termOccurs(term: string, text: Normalised): boolean {
  if (!LATIN.test(term)) {
    const compact = normalisedTerm(term).compact;
    return compact !== '' && text.compact.includes(compact);
  }
  // A term with a Latin letter has at least one word, so `parts` is never empty.
  const parts = normalisedTerm(term).words;
  for (let i = 0; i + parts.length <= text.words.length; i++) {
    if (parts.every((part, j) => text.words[i + j]!.startsWith(part))) return true;
  }
  return false;
}

const conceptSaid = (concept: Concept, text: Normalised): boolean =>
  concept.all.every((group) => group.some((term) => termOccurs(term, text))) &&
  !(concept.unless ?? []).some((term) => termOccurs(term, text));

function saysCategory(entry: NegativeListEntry, text: Normalised): boolean {
  const concepts = NEGATIVE_LIST_CATEGORIES.find((c) => c.code === entry.code)?.concepts ?? [];
  return (
    entry.keywords.some((k) => termOccurs(k, text)) || concepts.some((concept) => conceptSaid(concept, text))
  );
}

/**
 * R-CAT-3: the negative-list entry a text says, if any. The policy's categories always apply; `stored` (the list in
 * the table) supplies the entry answered for a category and may add entries or phrasings of its own.
 */
export function negativeListEntryFor(
  text: string,
  stored: readonly NegativeListEntry[],
): NegativeListEntry | undefined {
  const normalised = normaliseForMatching(text);
  // The categories first, each answered as its stored entry where there is one; then every stored entry, so one of
  // another code adds its phrasings (a category's entry seen twice answers the same).
  const entries = [
    ...NEGATIVE_LIST_CATEGORIES.map((c) => stored.find((e) => e.code === c.code) ?? publicEntry(c)),
    ...stored,
  ];
  return entries.find((entry) => saysCategory(entry, normalised));
}

/** R-CAT-3: the entry an item would fall on, if any, read from both its names together. */
export function negativeListHit(
  item: Pick<CatalogItem, 'nameZh' | 'nameEn'>,
  negativeList: readonly NegativeListEntry[],
): NegativeListEntry | undefined {
  return negativeListEntryFor(`${item.nameZh}\n${item.nameEn}`, negativeList);
}

/**
 * R-CAT-3 on the fields of a request: the first field that says a category alone, else (when a concept is split
 * across them, e.g. the action in Chinese and the object in English) the first field, on all of them together.
 */
export function negativeListField(
  fields: readonly (readonly [field: string, text: string])[],
  negativeList: readonly NegativeListEntry[],
): { field: string; entry: NegativeListEntry } | undefined {
  for (const [field, text] of fields) {
    const entry = negativeListEntryFor(text, negativeList);
    if (entry) return { field, entry };
  }
  const together = negativeListEntryFor(fields.map(([, text]) => text).join('\n'), negativeList);
  return together && fields[0] ? { field: fields[0][0], entry: together } : undefined;
}

const negativeListRefusal = (subject: string, hit: { field: string; entry: NegativeListEntry }) =>
  new DomainError(
    'refused',
    `${hit.field}: ${subject} falls on the negative list (${hit.entry.code} ${hit.entry.nameZh} / ${hit.entry.nameEn}): ${hit.entry.reason}`,
    { field: hit.field, rule: 'R-CAT-3' },
  );

export function addDistrictItem(
  input: Omit<CatalogItem, 'origin' | 'version'>,
  existing: { codeTaken: boolean; negativeList: readonly NegativeListEntry[] },
): CatalogItem {
  assertIndicatorsUnique(input.standard);
  if (existing.codeTaken)
    throw new DomainError('duplicate', `code ${input.code} is already in the catalog`, { field: 'code' });
  const hit = negativeListField(
    [
      ['nameZh', input.nameZh],
      ['nameEn', input.nameEn],
      ['standard.summary', input.standard.summary],
    ],
    existing.negativeList,
  );
  if (hit) throw negativeListRefusal('the item', hit);
  return { ...input, origin: 'district', version: 1 };
}

/** R-CAT-4: indicators are measured one by one at acceptance, so each code appears once. */
function assertIndicatorsUnique(standard: ServiceStandard): void {
  const codes = standard.indicators.map((i) => i.code);
  const repeated = codes.find((c, i) => codes.indexOf(c) !== i);
  if (repeated) {
    throw new DomainError('invalid', `standard.indicators: code ${repeated} appears twice`, {
      field: 'standard.indicators',
      rule: 'R-CAT-4',
    });
  }
}

/** R-CAT-4; and R-CAT-3: a refined summary may not describe a matter on the negative list either. */
export function refineStandard(
  item: CatalogItem,
  standard: ServiceStandard,
  negativeList: readonly NegativeListEntry[] = [],
): CatalogItem {
  assertIndicatorsUnique(standard);
  const hit = negativeListField([['standard.summary', standard.summary]], negativeList);
  if (hit) throw negativeListRefusal('the refined standard', hit);
  return { ...item, standard, version: item.version + 1 };
}

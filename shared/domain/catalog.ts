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
 * One way of saying a category: it is said when every group has a term in the text and the terms bind to one another:
 * in any order, each within `CHINESE_GAP` characters (Chinese) or `ENGLISH_GAP` words (English, little words such as
 * "of" and "the" not counted) of the next, so an action binds to its object and not to a word at the other end of a
 * sentence. `except` lists phrases that only look like a term (服务对象 is whoever is served, 签字确认 a signature):
 * a term found inside one of them does not count. `unless` lists phrasings the policy allows to be bought that
 * would otherwise read as this concept anywhere in the text (社会救助政策制定的前期调查研究 is research, not policy
 * making).
 */
export interface Concept {
  all: readonly (readonly string[])[];
  except?: readonly string[];
  unless?: readonly string[];
}

/** How far apart, in characters, two Chinese terms of a concept may be: 救助资金的审核与发放, 代发最低生活保障金. */
export const CHINESE_GAP = 8;
/** How far apart, in words, two English terms may be: "paying out temporary assistance benefits". */
export const ENGLISH_GAP = 4;

/**
 * R-CAT-3, modelled on the policy's sentence "应当由政府直接承担的行政管理性事务，以及应当由政府直接提供、不适合社会力量
 * 承担的救助服务事项，不得向社会力量购买": six categories of what the government does itself, each phrased in Chinese
 * and English as concepts (an action and an object, or a fixed phrase). Terms are matched on normalised text
 * (`normaliseForMatching`): a Chinese term as consecutive characters with spaces, punctuation and widths folded away;
 * an English term as the beginning of a word, so a stem (`eligib`, `disburs`, `polic`) covers plurals and -ing, -ion,
 * -ment forms, and several words match consecutive words. A keyword may stand anywhere; a concept's terms must stand
 * near one another (`Concept`). The catalog seed is derived from these categories; the
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
    {
      ...concept(
        // deciding, approving, confirming or withdrawing …
        '审定|审批|认定|审核|确认|核定|核准|批准|裁定|取消|终止|撤销|停发|停保|' +
          'determin|decid|decision|approv|grant|confirm|certif|adjudicat|revok|revoc|terminat|deny|denial|reject',
        // … who qualifies, or for what
        '资格|对象|低保|特困|供养|低收入|临时救助|救助申请|申请|保障待遇|救助待遇|救助金额|' +
          'eligib|entitle|applica|allowance|dibao',
      ),
      // whoever is served, a signature on a service record, a procedure taught or explained: no decision on anyone
      except: terms(
        '服务对象|签字确认|签名确认|确认签字|确认签收|签收确认|服务确认|服务记录|' +
          '审核流程|审批流程|认定流程|审核程序|审批程序|认定程序|审核确认流程|' +
          '认定政策|审核政策|审批政策|认定办法|审核确认办法|' +
          'confirmed recipient|confirmed signature|confirm receipt|signed confirm',
      ),
    },
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
        'pay|paid|paying out|paid out|disburs|distribut|hand out|handing out|remit|transfer',
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
    concept('issuing|issued|issuance|grant|revok|revoc', 'licen|permit'),
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
    {
      ...concept(
        '出台|颁布|决策|决定|issuing|issued|issuance|adopt|enact|promulgat|decid|decision|approv',
        POLICY,
      ),
      // research that informs a decision is what the policy allows to be bought
      except: terms(
        '决策参考|决策咨询|决策依据|决策建议|' +
          'inform polic decision|inform decision|support polic decision|support decision|decision support',
      ),
    },
    // drafting or making: research for it is what the policy allows to be bought
    {
      ...concept('制定|制订|起草|修订|拟定|mak|made|formulat|draft|amend|revis', POLICY),
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
  keywords: [
    ...terms('监督管理|监督检查|跟踪监督|监管|督查|稽查|问责|执纪'),
    ...terms('oversight|accountab'),
  ],
  concepts: [
    concept(
      '监督|监察|检查|supervis|monitor|inspect|audit',
      '承接主体|服务机构|购买服务项目|资金使用|履约|合同履行|' +
        'contractor|provider|fund|compliance|official|purchas|implementation',
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

/** Little English words a phrasing may put between an action and its object: not counted as words. */
const LITTLE_WORDS = new Set(
  'a|an|the|of|on|in|at|to|for|by|with|from|into|onto|its|their|his|her|s'.split('|'),
);

interface Normalised {
  /**
   * The text as tokens: each Chinese (or other non-Latin) character one token, each Latin word one token (little
   * words dropped), each run of digits one token; spaces and punctuation are not tokens.
   */
  tokens: readonly string[];
}

/** The token a clause break becomes (never a term's token: terms are normalised without it). */
const CLAUSE = '|';

/**
 * Full and half width folded (NFKC), case folded, invisible format characters (zero-width space, soft hyphen…)
 * dropped; Chinese is compared character by character without spaces or punctuation, English word by word.
 */
export function normaliseForMatching(text: string): Normalised {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{Cf}/gu, '');
  // A clause break (，；。：, ; . : ! ? or a line end) is a token of its own, CLAUSE: terms never bind across it.
  const tokens = (folded.match(/[a-z]+|\p{N}+|\p{L}|[，；。：、,;.:!?！？\n]/gu) ?? [])
    .map((t) => (/^[，；。：、,;.:!?！？\n]$/u.test(t) ? CLAUSE : t))
    .filter((t) => !LITTLE_WORDS.has(t));
  return { tokens };
}

const LATIN = /^[a-z]/;

/** Terms are few and fixed (stored keywords included), so each is normalised once per process. */
const normalisedTerms = new Map<string, readonly string[]>();
function termTokens(term: string): readonly string[] {
  let tokens = normalisedTerms.get(term);
  if (!tokens) {
    tokens = normaliseForMatching(term).tokens;
    normalisedTerms.set(term, tokens);
  }
  return tokens;
}

/** A term found in the text: tokens `start` to `end` (exclusive). */
interface Occurrence {
  start: number;
  end: number;
}

/** A Latin part is the beginning of a word (a stem covers -s, -ing, -ion…); any other part is the same token. */
const tokenMatches = (part: string, token: string): boolean =>
  LATIN.test(part) ? token.startsWith(part) : token === part;

function occurrences(term: string, text: Normalised): Occurrence[] {
  const parts = termTokens(term);
  const found: Occurrence[] = [];
  // A term of only spaces, punctuation or little words has no parts and is found nowhere, rather than everywhere.
  if (parts.length === 0) return found;
  for (let i = 0; i + parts.length <= text.tokens.length; i++) {
    if (parts.every((part, j) => tokenMatches(part, text.tokens[i + j]!))) {
      found.push({ start: i, end: i + parts.length });
    }
  }
  return found;
}

const termOccurs = (term: string, text: Normalised): boolean => occurrences(term, text).length > 0;

/** Two terms bind when the tokens between them are few: words between English terms, characters otherwise. */
function bound(first: Occurrence, next: Occurrence, text: Normalised): boolean {
  const gap = next.start - first.end;
  if (gap <= 0) return true;
  const english = LATIN.test(text.tokens[first.end - 1]!) && LATIN.test(text.tokens[next.start]!);
  // The gap first: only a near pair has its few tokens between read for a clause break, so a long text is not
  // sliced once per pair of far occurrences.
  if (gap > (english ? ENGLISH_GAP : CHINESE_GAP)) return false;
  return !text.tokens.slice(first.end, next.start).includes(CLAUSE);
}

/** The orders a concept's groups may come in (a concept has two or three groups, so at most six). */
function orders(n: number): number[][] {
  if (n === 0) return [[]];
  return orders(n - 1).flatMap((order) =>
    Array.from({ length: n }, (_, i) => [...order.slice(0, i), n - 1, ...order.slice(i)]),
  );
}

/**
 * Whether one occurrence of each group can be chosen so that, in text order, each binds to the next. Tried for each
 * order of the groups, keeping the occurrences a chain can reach: pairs of occurrences, never every combination, so a
 * long text with many terms stays quick.
 */
function bindable(groups: readonly (readonly Occurrence[])[], text: Normalised): boolean {
  return orders(groups.length).some((order) => {
    let reached: readonly Occurrence[] = groups[order[0]!]!;
    for (const g of order.slice(1)) {
      const previous = reached;
      reached = groups[g]!.filter((o) => previous.some((r) => r.start <= o.start && bound(r, o, text)));
      if (reached.length === 0) return false;
    }
    return true;
  });
}

/** Whether an occurrence lies outside every occurrence of the excepted phrases. */
function countsOutside(except: readonly string[], text: Normalised): (o: Occurrence) => boolean {
  const shadows = except.flatMap((phrase) => occurrences(phrase, text));
  return (o) => !shadows.some((s) => s.start <= o.start && o.end <= s.end);
}

function conceptSaid(concept: Concept, text: Normalised): boolean {
  if ((concept.unless ?? []).some((term) => termOccurs(term, text))) return false;
  const counts = countsOutside(concept.except ?? [], text);
  const groups = concept.all.map((group) => group.flatMap((term) => occurrences(term, text)).filter(counts));
  return groups.every((found) => found.length > 0) && bindable(groups, text);
}

/**
 * A category is said by a keyword of its entry, or by one of its concepts. A keyword found inside a phrase one of the
 * category's concepts excepts does not count either ("policy decision" in "to inform policy decisions").
 */
function saysCategory(entry: NegativeListEntry, text: Normalised): boolean {
  const concepts = NEGATIVE_LIST_CATEGORIES.find((c) => c.code === entry.code)?.concepts ?? [];
  const counts = countsOutside(
    concepts.flatMap((c) => c.except ?? []),
    text,
  );
  return (
    entry.keywords.some((k) => occurrences(k, text).some(counts)) ||
    concepts.some((concept) => conceptSaid(concept, text))
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
  // One text said twice (a project title passed as both names) is read once: its end would bind to its beginning.
  const text = item.nameZh === item.nameEn ? item.nameZh : `${item.nameZh}\n${item.nameEn}`;
  return negativeListEntryFor(text, negativeList);
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
  const together = negativeListEntryFor(fields.map(([, text]) => text).join(' '), negativeList);
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

/**
 * Public disclosure (R-SUP-3, R-PROC-5) in the Open Contracting Data Standard 1.1.5: which releases and
 * announcements a project's transition publishes, what they hold, and how the releases of one contracting
 * process compile into a record. Pure: the use case loads the project, its budget line and purchaser, and
 * commits what this returns in the same transaction as the transition.
 *
 * Personal data never appears (R-SUP-3 is about procurement, not people): the parties are the purchaser, a
 * government body, and the supplier of an award. Not published: invited contractors (a natural person may be
 * one, R-QUAL-1), the clerk's free-text cancellation note (it may name a service recipient), actors' user ids,
 * challenge grounds, the people who held or witnessed a draw. A natural-person supplier appears as
 * "自然人供应商" under an id made from its bid, never its name, contractor id or identity number.
 */
import type { BudgetLine, FundSource } from './budget';
import type { CatalogItem } from './catalog';
import type { Purchaser } from './district-seed';
import type { ProcurementMethod } from './procurement-rules';
import { METHOD_NAME_ZH } from './procurement-rules';
import type {
  CancellationReason,
  Project,
  ProjectAward,
  ProjectEvaluation,
  ProjectStatus,
  UnsuccessfulReason,
} from './project';

// ---- OCDS shapes (the subset this system produces) ----

export interface Value {
  /** OCDS amounts are decimal currency units (yuan); ours are integer fen. */
  amount: number;
  currency: 'CNY';
}

export interface OrganizationReference {
  id: string;
  name: string;
}

export interface Party extends OrganizationReference {
  name_en?: string;
  roles: PartyRole[];
}

/** Codelist partyRole. A supplier whose award was withdrawn stays in the record as a `tenderer`. */
export type PartyRole = 'buyer' | 'procuringEntity' | 'supplier' | 'tenderer';

export type ReleaseTag =
  | 'planning'
  | 'tender'
  | 'tenderUpdate'
  | 'tenderCancellation'
  | 'award'
  | 'awardUpdate'
  | 'awardCancellation'
  | 'contract'
  | 'contractUpdate';

/** Codelist tenderStatus. */
export type TenderStatus = 'planning' | 'planned' | 'active' | 'cancelled' | 'unsuccessful' | 'complete';

export interface Period {
  startDate?: string;
  endDate?: string;
}

export interface OcdsDocument {
  id: string;
  documentType: string;
  title: string;
  description: string;
  datePublished: string;
  language: string;
}

export interface OcdsItem {
  id: string;
  description: string;
  classification: { scheme: string; id: string; description: string };
  quantity: number;
  unit: { name: string };
}

export interface Tender {
  id: string;
  title: string;
  title_en?: string;
  status: TenderStatus;
  procuringEntity: OrganizationReference;
  items: OcdsItem[];
  value: Value;
  procurementMethod: 'open' | 'selective' | 'limited' | 'direct';
  procurementMethodDetails: string;
  procurementMethodRationale?: string;
  mainProcurementCategory: 'services';
  awardCriteria: 'ratedCriteria';
  awardCriteriaDetails: string;
  tenderPeriod?: Period;
  contractPeriod: Period;
  /** Bids received in the latest scoring round, valid or not (known once the bids are evaluated). */
  numberOfTenderers?: number;
  documents?: OcdsDocument[];
}

/** Closed codelist awardStatus. */
export type AwardStatus = 'pending' | 'active' | 'cancelled' | 'unsuccessful';

export interface OcdsAward {
  id: string;
  title: string;
  status: AwardStatus;
  date: string;
  value: Value;
  suppliers: OrganizationReference[];
  documents?: OcdsDocument[];
}

/** Closed codelist contractStatus. */
export type ContractStatus = 'pending' | 'active' | 'cancelled' | 'terminated';

export interface OcdsContract {
  id: string;
  awardID: string;
  title: string;
  status: ContractStatus;
  value: Value;
  period: Period;
  dateSigned: string;
}

export interface Release {
  ocid: string;
  id: string;
  date: string;
  tag: ReleaseTag[];
  initiationType: 'tender';
  language: 'zh';
  parties: Party[];
  buyer: OrganizationReference;
  planning: { budget: { id: string; description: string; amount: Value } };
  tender: Tender;
  awards?: OcdsAward[];
  contracts?: OcdsContract[];
}

/** A compiled release: the latest value of every field (tag `compiled`). */
export type CompiledRelease = Omit<Release, 'tag'> & { tag: ['compiled'] };

export interface OcdsRecord {
  ocid: string;
  releases: Release[];
  compiledRelease: CompiledRelease;
}

// ---- the human-readable feed ----

/** The kinds of public announcement (公告). */
export const ANNOUNCEMENT_KINDS = [
  'procurement_intention', // 采购意向公开 (财库〔2020〕10号), on approval
  'procurement_notice', // 采购公告, on publication
  'unsuccessful', // 废标公告, too few bids or no valid bid
  'award_result', // 中标（成交）结果公告
  'award_withdrawn', // 撤销中标（成交）结果公告, a sustained challenge sends the project back to scoring
  'contract', // 合同公告
  'cancellation', // 终止公告
] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];

export interface Announcement {
  /** The release it announces has the same id: one announcement per release. */
  id: string;
  kind: AnnouncementKind;
  projectId: string;
  ocid: string;
  releaseId: string;
  purchaser: { id: string; nameZh: string; nameEn: string };
  title: { zh: string; en: string };
  summary: { zh: string; en: string };
  /** award_result: how ties in the ranking were broken (R-QUAL-4, R-PROC-3, R-PROC-5), Chinese then English. */
  statements?: string[];
  publishedAt: string;
}

export interface Disclosure {
  releases: Release[];
  announcements: Announcement[];
}

// ---- mapping tables ----

/** The issue's mapping to codelist `method` (R-PROC-5); the Chinese method stays in procurementMethodDetails. */
export const OCDS_METHOD: Record<ProcurementMethod, Tender['procurementMethod']> = {
  open_tender: 'open',
  invited_tender: 'selective',
  competitive_negotiation: 'limited',
  competitive_consultation: 'limited',
  single_source: 'direct',
};

const METHOD_NAME_EN: Record<ProcurementMethod, string> = {
  open_tender: 'open tender',
  invited_tender: 'invited tender',
  competitive_consultation: 'competitive consultation',
  competitive_negotiation: 'competitive negotiation',
  single_source: 'single-source procurement',
};

/** Public labels of the cancellation reason codes: the code is public, the clerk's note is not. */
export const CANCELLATION_REASON_LABEL: Record<CancellationReason, { zh: string; en: string }> = {
  task_cancelled: { zh: '因重大变故，采购任务取消', en: 'the purchase is no longer needed' },
  requirement_changed: { zh: '采购需求发生重大变化', en: 'the requirement changed substantially' },
  budget_withdrawn: { zh: '预算调整或资金未落实', en: 'the budget was withdrawn or not secured' },
  irregularity: {
    zh: '出现影响采购公正的违法、违规行为',
    en: 'an irregularity affecting the fairness of the procurement',
  },
  challenge_sustained: { zh: '质疑成立，无法继续', en: 'a sustained challenge prevents continuing' },
  duplicate: { zh: '重复立项', en: 'duplicate project' },
  other: { zh: '其他原因', en: 'other reason' },
};

/** Public labels of why a procurement failed (废标, 政府采购法 第三十六条). */
export const UNSUCCESSFUL_REASON_LABEL: Record<UnsuccessfulReason, { zh: string; en: string }> = {
  too_few_bids: {
    zh: '截止时提交投标（响应）文件的供应商不足规定家数',
    en: 'fewer bids than the method requires arrived by the deadline',
  },
  no_valid_bid: { zh: '没有投标（响应）通过符合性审查', en: 'no bid passed the compliance review' },
};

const FUND_SOURCE_ZH: Record<FundSource, string> = {
  working_funds: '社会救助工作经费',
  special_funds: '社会救助专项资金',
};

/** Our catalog codes as an item classification (codelist itemClassificationScheme is open; X- marks a local scheme). */
export const CATALOG_SCHEME = 'X-SOCIAL-ASSISTANCE-CATALOG';

/**
 * Fen to yuan, exactly: every fen amount is a safe integer below 10^13 (budget.ts MAX_FEN), so the quotient is
 * the double nearest the two-decimal yuan value and JSON writes it back as exactly that decimal (≤ 15
 * significant digits round-trip). Never the reverse direction on untrusted input: yuan floats are not money.
 */
export const fenToYuan = (fen: number): number => fen / 100;

const cny = (fen: number): Value => ({ amount: fenToYuan(fen), currency: 'CNY' });

export const ocidFor = (prefix: string, projectId: string): string => `${prefix}-${projectId}`;

/** Unique per release and deterministic: the project version of the transition that caused it. */
export const releaseIdFor = (project: Pick<Project, 'id' | 'version'>, tag: ReleaseTag): string =>
  `${project.id}-v${project.version}-${tag}`;

/** The date-only term as OCDS date-times in business time, both days included. */
const period = (term: Project['term']): Period => ({
  startDate: `${term.start}T00:00:00+08:00`,
  endDate: `${term.end}T23:59:59+08:00`,
});

/** R-PROC-3: price never alone, so always rated criteria, with the weights as published details. */
export function awardCriteriaDetails(criteria: Project['evaluationCriteria']): string {
  const quality = criteria.quality.map((q) => `${q.description} ${q.weight}%`).join('；');
  return `综合评分法：${quality}；价格 ${criteria.priceWeight}%（价格分 = 最低有效报价 ÷ 投标报价 × ${criteria.priceWeight}）`;
}

// ---- releases ----

export interface DisclosureContext {
  ocidPrefix: string;
  purchaser: Purchaser;
  budgetLine: Pick<BudgetLine, 'id' | 'fiscalYear' | 'source'>;
  /** The project's catalog item, for the item's classification label; the code alone when unknown. */
  catalogItem?: Pick<CatalogItem, 'code' | 'nameZh' | 'nameEn'>;
}

function baseRelease(
  project: Project,
  tag: ReleaseTag,
  status: TenderStatus,
  ctx: DisclosureContext,
): Release {
  const { purchaser, budgetLine, catalogItem } = ctx;
  const buyer = { id: purchaser.id, name: purchaser.nameZh };
  const method = project.procurementMethod;
  const { tender, evaluation } = project;
  return {
    ocid: ocidFor(ctx.ocidPrefix, project.id),
    id: releaseIdFor(project, tag),
    date: project.updatedAt,
    tag: [tag],
    initiationType: 'tender',
    language: 'zh',
    // The purchaser both holds the budget and runs the procurement (no central agency in this district).
    parties: [{ ...buyer, name_en: purchaser.nameEn, roles: ['buyer', 'procuringEntity'] }],
    buyer,
    planning: {
      budget: {
        id: budgetLine.id,
        description: `${budgetLine.fiscalYear}年度${FUND_SOURCE_ZH[budgetLine.source]}`,
        // The share of the line this process may spend: the project's estimate, not the whole line.
        amount: cny(project.estimatedAmount),
      },
    },
    tender: {
      id: project.id,
      title: project.title,
      status,
      procuringEntity: buyer,
      items: [
        {
          id: '1',
          description: catalogItem?.nameZh ?? project.title,
          classification: {
            scheme: CATALOG_SCHEME,
            id: project.catalogCode,
            description: catalogItem?.nameZh ?? project.catalogCode,
          },
          quantity: project.quantity.value,
          unit: { name: project.quantity.unit },
        },
      ],
      value: cny(project.estimatedAmount),
      procurementMethod: OCDS_METHOD[method],
      procurementMethodDetails: `${METHOD_NAME_ZH[method]}（${METHOD_NAME_EN[method]}）`,
      // A single-source rationale is public by law (单一来源采购公示); other methods carry none.
      ...(method === 'single_source' && project.singleSourceRationale
        ? { procurementMethodRationale: project.singleSourceRationale }
        : {}),
      mainProcurementCategory: 'services',
      awardCriteria: 'ratedCriteria',
      awardCriteriaDetails: awardCriteriaDetails(project.evaluationCriteria),
      // R-PROC-5: bids are accepted from the notice until the deadline (exclusive).
      ...(tender ? { tenderPeriod: { startDate: tender.publishedAt, endDate: tender.bidDeadline } } : {}),
      contractPeriod: period(project.term),
      ...(evaluation ? { numberOfTenderers: evaluation.ranked.length + evaluation.disqualified.length } : {}),
    },
  };
}

/** Approved: the process is planned (采购意向), not yet open for bids. */
export const planningRelease = (project: Project, ctx: DisclosureContext): Release =>
  baseRelease(project, 'planning', 'planned', ctx);

/** Published (from the workflow): the notice is out and bids are accepted until tenderPeriod.endDate. */
export const tenderRelease = (project: Project, ctx: DisclosureContext): Release =>
  baseRelease(project, 'tender', 'active', ctx);

// ---- suppliers and awards ----

export const NATURAL_PERSON_SUPPLIER = { zh: '自然人供应商', en: 'a natural-person supplier' } as const;

type AwardedBid = Pick<ProjectAward, 'bidId' | 'contractorId' | 'contractorName' | 'contractorKind'>;

/**
 * R-SUP-3: an organisation is named under its contractor id. A natural person is neither named nor identified:
 * "自然人供应商" under an id made from the bid, which is unique in the process and leads to no one.
 */
export function supplierOf(award: AwardedBid): OrganizationReference {
  return award.contractorKind === 'natural_person'
    ? { id: `natural-person-${award.bidId}`, name: NATURAL_PERSON_SUPPLIER.zh }
    : { id: award.contractorId, name: award.contractorName };
}

/**
 * The n-th award of a process (1 for the first; a withdrawn award keeps its number, the next one counts on),
 * so the award, its withdrawal or cancellation and the contract's awardID all name the same award.
 */
export const awardIdFor = (projectId: string, ordinal: number): string => `${projectId}-award-${ordinal}`;

/** The ordinal of the award in force: the withdrawn ones came before it. */
const currentOrdinal = (project: Project): number => (project.withdrawnAwards?.length ?? 0) + 1;

function awardIn(project: Project): ProjectAward {
  // Set in the same move as the status: its absence is a broken invariant, not a publishable state.
  if (!project.award) throw new Error(`project ${project.id} is ${project.status} without an award`);
  return project.award;
}

function ocdsAward(
  project: Project,
  award: ProjectAward,
  ordinal: number,
  status: AwardStatus,
  documents?: OcdsDocument[],
): OcdsAward {
  return {
    id: awardIdFor(project.id, ordinal),
    title: `${project.title} 中标（成交）结果`,
    status,
    date: award.awardedAt,
    value: cny(award.price),
    suppliers: [supplierOf(award)],
    ...(documents ? { documents } : {}),
  };
}

const notice = (
  release: Release,
  suffix: string,
  documentType: string,
  title: string,
  description: string,
): OcdsDocument => ({
  // Id per release so identifier-merge in the record keeps every notice apart.
  id: `${release.id}-${suffix}`,
  documentType,
  title,
  description,
  datePublished: release.date,
  language: 'zh',
});

/**
 * The tie-breaks of the ranking for the award notice (R-QUAL-4, R-PROC-3, R-PROC-5). A draw is stated by its
 * outcome only: the stored statement names who held and witnessed it, and people are not published (R-SUP-3).
 */
export function publicTieBreakStatements(evaluation: ProjectEvaluation | undefined): string[] {
  if (!evaluation) return [];
  return evaluation.tieBreaks.map((t) => {
    if (t.reason !== 'draw_required') return t.statement;
    const undrawn = evaluation.ranked.some(
      (r) => r.drawRequired && (r.bidId === t.above || r.bidId === t.below),
    );
    const equal = `${t.above} 与 ${t.below} 综合得分、质量得分及非营利性社会组织条件均相同`;
    return undrawn
      ? `${equal}，其排序不影响中标（成交）结果，未抽签。 / ${t.above} and ${t.below} are equal on every ranking criterion; their order does not affect the award and was not drawn.`
      : `${equal}，经公开抽签，${t.above} 排名在前。 / ${t.above} and ${t.below} are equal on every ranking criterion; a documented public draw placed ${t.above} first.`;
  });
}

/** Evaluated → awarded: the award in force, its supplier among the parties, the notice with the tie-breaks. */
export function awardRelease(project: Project, ctx: DisclosureContext): Release {
  const award = awardIn(project);
  const release = baseRelease(project, 'award', 'complete', ctx);
  const supplier = supplierOf(award);
  const text = [
    `中标（成交）供应商：${supplier.name}（投标 ${award.bidId}），中标（成交）金额：${yuanText(award.price)} 元。`,
    ...publicTieBreakStatements(project.evaluation),
  ].join('\n');
  release.parties.push({ ...supplier, roles: ['supplier'] });
  release.awards = [
    ocdsAward(project, award, currentOrdinal(project), 'active', [
      notice(release, 'notice', 'awardNotice', `${project.title} 中标（成交）结果公告`, text),
    ]),
  ];
  return release;
}

/** The award a sustained challenge withdrew (the last of withdrawnAwards), with its ordinal. */
function withdrawnAward(before: Project, after: Project): { award: ProjectAward; ordinal: number } {
  const withdrawn = after.withdrawnAwards?.at(-1);
  if (withdrawn) return { award: withdrawn, ordinal: after.withdrawnAwards?.length ?? 1 };
  return { award: awardIn(before), ordinal: currentOrdinal(before) };
}

const AWARD_WITHDRAWN = {
  zh: '质疑成立，原中标（成交）结果撤销，重新评审',
  en: 'a sustained challenge withdrew the award; the bids are scored again',
};

/**
 * Awarded → bidding_closed (a sustained challenge, remedy rescore): the award is cancelled, its supplier is
 * a tenderer again, the tender is active until the next award.
 */
export function awardWithdrawalRelease(before: Project, after: Project, ctx: DisclosureContext): Release {
  const { award, ordinal } = withdrawnAward(before, after);
  const release = baseRelease(after, 'awardUpdate', 'active', ctx);
  release.parties.push({ ...supplierOf(award), roles: ['tenderer'] });
  release.awards = [
    ocdsAward(after, award, ordinal, 'cancelled', [
      notice(
        release,
        'withdrawal',
        'cancellationDetails',
        `${after.title} 撤销中标（成交）结果公告`,
        `${AWARD_WITHDRAWN.zh}（${AWARD_WITHDRAWN.en}）`,
      ),
    ]),
  ];
  return release;
}

/** Awarded → contracted: the signed contract under the award in force. */
export function contractRelease(project: Project, ctx: DisclosureContext): Release {
  const award = awardIn(project);
  const signed = project.contract;
  if (!signed?.signedAt)
    throw new Error(`project ${project.id} is ${project.status} without a signed contract`);
  const ordinal = currentOrdinal(project);
  const release = baseRelease(project, 'contract', 'complete', ctx);
  release.parties.push({ ...supplierOf(award), roles: ['supplier'] });
  release.awards = [ocdsAward(project, award, ordinal, 'active')];
  release.contracts = [
    {
      id: signed.id,
      awardID: awardIdFor(project.id, ordinal),
      title: `${project.title} 服务合同`,
      status: 'active',
      value: cny(award.price),
      period: period(project.term),
      dateSigned: signed.signedAt,
    },
  ];
  return release;
}

function unsuccessfulReason(project: Project): UnsuccessfulReason {
  const reason = project.unsuccessful?.reason;
  if (!reason) throw new Error(`project ${project.id} is ${project.status} without a reason`);
  return reason;
}

/** Published, bidding closed or evaluated → unsuccessful (废标): the tender failed, with the public reason. */
export function unsuccessfulRelease(project: Project, ctx: DisclosureContext): Release {
  const reason = unsuccessfulReason(project);
  const label = UNSUCCESSFUL_REASON_LABEL[reason];
  const release = baseRelease(project, 'tenderUpdate', 'unsuccessful', ctx);
  release.tender.documents = [
    // 废标 ends the process: the codelist's document for the reasons a process ended.
    notice(
      release,
      'notice',
      'cancellationDetails',
      `${project.title} 废标公告`,
      `${label.zh}（${label.en}；reason code: ${reason}）`,
    ),
  ];
  return release;
}

/**
 * Cancelled after approval: the tender is withdrawn, with the public reason as a cancellationDetails document;
 * an award in force is cancelled with it and its supplier is a tenderer again.
 */
/** The public note of a cancellation (the answer to a sustained challenge), never the clerk's own note. */
const publicNoteOf = (project: Project): string =>
  project.cancellation?.publicNote ? `：${project.cancellation.publicNote}` : '';

export function tenderCancellationRelease(before: Project, after: Project, ctx: DisclosureContext): Release {
  const release = baseRelease(after, 'tenderCancellation', 'cancelled', ctx);
  const reason = after.cancellation?.reason ?? 'other';
  const label = CANCELLATION_REASON_LABEL[reason];
  release.tender.documents = [
    notice(
      release,
      'notice',
      'cancellationDetails',
      `${after.title} 终止公告`,
      `${label.zh}（${label.en}；reason code: ${reason}）${publicNoteOf(after)}`,
    ),
  ];
  // A cancellation is always published; the award part only when there is one to cancel.
  const award = before.status === 'awarded' ? before.award : undefined;
  if (award) {
    release.tag = ['tenderCancellation', 'awardCancellation'];
    release.parties.push({ ...supplierOf(award), roles: ['tenderer'] });
    release.awards = [ocdsAward(after, award, currentOrdinal(before), 'cancelled')];
  }
  return release;
}

// ---- which transition publishes what ----

/** The tags a project transition produces. */
export type PublishedTag = Extract<
  ReleaseTag,
  'planning' | 'tender' | 'tenderUpdate' | 'tenderCancellation' | 'award' | 'awardUpdate' | 'contract'
>;

/** Every transition that publishes, with its release tag and announcement kind (R-SUP-3, R-PROC-5). */
const PUBLICATIONS: readonly {
  from: readonly ProjectStatus[];
  to: ProjectStatus;
  tag: PublishedTag;
  kind: AnnouncementKind;
}[] = [
  { from: ['submitted'], to: 'approved', tag: 'planning', kind: 'procurement_intention' },
  { from: ['approved'], to: 'published', tag: 'tender', kind: 'procurement_notice' },
  {
    from: ['published', 'bidding_closed', 'evaluated'],
    to: 'unsuccessful',
    tag: 'tenderUpdate',
    kind: 'unsuccessful',
  },
  { from: ['evaluated'], to: 'awarded', tag: 'award', kind: 'award_result' },
  { from: ['awarded'], to: 'bidding_closed', tag: 'awardUpdate', kind: 'award_withdrawn' },
  { from: ['awarded'], to: 'contracted', tag: 'contract', kind: 'contract' },
  // Anything already public: drafts and submissions stay internal, so their cancellation does too.
  {
    from: [
      'approved',
      'published',
      'bidding_closed',
      'evaluated',
      'awarded',
      'contracted',
      'unsuccessful',
      'cancelled',
    ],
    to: 'cancelled',
    tag: 'tenderCancellation',
    kind: 'cancellation',
  },
];

/**
 * What a transition from `before` to `after` publishes: approval → planning + 采购意向; publication → tender
 * + 采购公告; 废标 → tenderUpdate + 废标公告; award → award + 中标（成交）结果公告; a withdrawn award →
 * awardUpdate + 撤销中标结果公告; signing → contract + 合同公告; cancellation of anything public →
 * tenderCancellation + 终止公告. Every other move publishes nothing.
 */
export function publicationFor(
  before: Pick<Project, 'status'>,
  after: Pick<Project, 'status'>,
): { tag: PublishedTag; kind: AnnouncementKind } | undefined {
  const found = PUBLICATIONS.find((p) => p.to === after.status && p.from.includes(before.status));
  return found ? { tag: found.tag, kind: found.kind } : undefined;
}

const RELEASE_OF: Record<PublishedTag, (before: Project, after: Project, ctx: DisclosureContext) => Release> =
  {
    planning: (_, after, ctx) => planningRelease(after, ctx),
    tender: (_, after, ctx) => tenderRelease(after, ctx),
    tenderUpdate: (_, after, ctx) => unsuccessfulRelease(after, ctx),
    tenderCancellation: tenderCancellationRelease,
    award: (_, after, ctx) => awardRelease(after, ctx),
    awardUpdate: awardWithdrawalRelease,
    contract: (_, after, ctx) => contractRelease(after, ctx),
  };

const yuanText = (fen: number): string => fenToYuan(fen).toFixed(2);

type Texts = Pick<Announcement, 'title' | 'summary'>;

function announcementTexts(
  kind: AnnouncementKind,
  before: Project,
  project: Project,
  ctx: DisclosureContext,
): Texts {
  const { purchaser } = ctx;
  const amount = yuanText(project.estimatedAmount);
  const method = project.procurementMethod;
  const { title } = project;
  const named = (award: AwardedBid) => {
    const supplier = supplierOf(award);
    const natural = award.contractorKind === 'natural_person';
    return { zh: supplier.name, en: natural ? NATURAL_PERSON_SUPPLIER.en : supplier.name };
  };
  switch (kind) {
    case 'procurement_intention':
      return {
        title: { zh: `${title} 采购意向`, en: `Procurement intention: ${title}` },
        summary: {
          zh: `${purchaser.nameZh}拟以${METHOD_NAME_ZH[method]}方式采购，预算金额 ${amount} 元，服务期 ${project.term.start} 至 ${project.term.end}。`,
          en: `${purchaser.nameEn} plans to procure by ${METHOD_NAME_EN[method]}; budget CNY ${amount}; service term ${project.term.start} to ${project.term.end}.`,
        },
      };
    case 'procurement_notice': {
      const deadline = project.tender?.bidDeadline;
      return {
        title: { zh: `${title} 采购公告`, en: `Procurement notice: ${title}` },
        summary: {
          zh: `${purchaser.nameZh}以${METHOD_NAME_ZH[method]}方式采购，预算金额 ${amount} 元。${deadline ? `投标截止时间：${deadline}。` : ''}`,
          en: `${purchaser.nameEn} procures by ${METHOD_NAME_EN[method]}; budget CNY ${amount}.${deadline ? ` Bids until ${deadline}.` : ''}`,
        },
      };
    }
    case 'unsuccessful': {
      const label = UNSUCCESSFUL_REASON_LABEL[unsuccessfulReason(project)];
      return {
        title: { zh: `${title} 废标公告`, en: `Unsuccessful procurement: ${title}` },
        summary: {
          zh: `${purchaser.nameZh}本项目采购失败（废标）。原因：${label.zh}。`,
          en: `${purchaser.nameEn}'s procurement was unsuccessful. Reason: ${label.en}.`,
        },
      };
    }
    case 'award_result': {
      const award = awardIn(project);
      const who = named(award);
      const price = yuanText(award.price);
      const until = award.standstill.lastDay;
      return {
        title: { zh: `${title} 中标（成交）结果公告`, en: `Award: ${title}` },
        summary: {
          zh: `中标（成交）供应商：${who.zh}（投标 ${award.bidId}），中标（成交）金额 ${price} 元。供应商可于 ${until}（含当日）前提出质疑。`,
          en: `Awarded to ${who.en} (bid ${award.bidId}) at CNY ${price}. Bidders may challenge the award until ${until}.`,
        },
      };
    }
    case 'award_withdrawn': {
      const { award } = withdrawnAward(before, project);
      const who = named(award);
      const price = yuanText(award.price);
      return {
        title: { zh: `${title} 撤销中标（成交）结果公告`, en: `Award withdrawn: ${title}` },
        summary: {
          zh: `${AWARD_WITHDRAWN.zh}。原中标（成交）供应商：${who.zh}（投标 ${award.bidId}），金额 ${price} 元。`,
          en: `${capitalized(AWARD_WITHDRAWN.en)}. Withdrawn award: ${who.en} (bid ${award.bidId}), CNY ${price}.`,
        },
      };
    }
    case 'contract': {
      const award = awardIn(project);
      const who = named(award);
      const price = yuanText(award.price);
      const { start, end } = project.term;
      return {
        title: { zh: `${title} 合同公告`, en: `Contract: ${title}` },
        summary: {
          zh: `${purchaser.nameZh}与${who.zh}签订服务合同，合同金额 ${price} 元，服务期 ${start} 至 ${end}。`,
          en: `${purchaser.nameEn} signed the service contract with ${who.en}: CNY ${price}, service term ${start} to ${end}.`,
        },
      };
    }
    case 'cancellation': {
      const label = CANCELLATION_REASON_LABEL[project.cancellation?.reason ?? 'other'];
      const award = before.status === 'awarded' ? before.award : undefined;
      return {
        title: { zh: `${title} 终止公告`, en: `Cancellation: ${title}` },
        summary: {
          zh: `${purchaser.nameZh}终止本项目采购。原因：${label.zh}${publicNoteOf(project)}。${award ? `原中标（成交）结果（投标 ${award.bidId}）一并撤销。` : ''}`,
          en: `${purchaser.nameEn} cancelled this procurement. Reason: ${label.en}.${award ? ` The award (bid ${award.bidId}) is cancelled with it.` : ''}`,
        },
      };
    }
  }
}

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

function announcementFor(
  release: Release,
  kind: AnnouncementKind,
  before: Project,
  project: Project,
  ctx: DisclosureContext,
): Announcement {
  const { purchaser } = ctx;
  return {
    id: release.id,
    kind,
    projectId: project.id,
    ocid: release.ocid,
    releaseId: release.id,
    purchaser: { id: purchaser.id, nameZh: purchaser.nameZh, nameEn: purchaser.nameEn },
    ...announcementTexts(kind, before, project, ctx),
    ...(kind === 'award_result' ? { statements: publicTieBreakStatements(project.evaluation) } : {}),
    publishedAt: release.date,
  };
}

export function disclosureFor(before: Project, after: Project, ctx: DisclosureContext): Disclosure {
  const publication = publicationFor(before, after);
  if (!publication) return { releases: [], announcements: [] };
  const release = RELEASE_OF[publication.tag](before, after, ctx);
  return {
    releases: [release],
    announcements: [announcementFor(release, publication.kind, before, after, ctx)],
  };
}

// ---- records (OCDS merge rules) ----

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const hasIds = (list: Json[]): list is JsonObject[] =>
  list.length > 0 && list.every((e) => isObject(e) && e.id !== undefined);

/**
 * OCDS merge for the fields we produce: objects merge field by field (latest value wins, null removes),
 * arrays of objects that all carry an `id` merge by identifier, every other array (tag, roles) is replaced.
 */
function merge(earlier: Json | undefined, later: Json): Json | undefined {
  if (later === null) return undefined;
  if (isObject(later)) {
    const out: JsonObject = isObject(earlier) ? { ...earlier } : {};
    for (const [k, v] of Object.entries(later)) {
      const merged = merge(out[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    return out;
  }
  if (Array.isArray(later) && hasIds(later) && Array.isArray(earlier) && hasIds(earlier)) {
    const out: Json[] = [...earlier];
    for (const item of later) {
      const at = out.findIndex((e) => isObject(e) && e.id === item.id);
      if (at >= 0) out[at] = merge(out[at], item) ?? item;
      else out.push(item);
    }
    return out;
  }
  return later;
}

/** The record of one contracting process: every release, oldest first, and their compiled state. */
export function compileRecord(releases: readonly Release[]): OcdsRecord {
  const ordered = [...releases].sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const first = ordered[0];
  if (!first) throw new Error('compileRecord: a record needs at least one release');
  let compiled: Json | undefined = {};
  for (const release of ordered) compiled = merge(compiled, release as unknown as Json);
  const latest = ordered.at(-1) ?? first;
  return {
    ocid: first.ocid,
    releases: ordered,
    compiledRelease: {
      ...(compiled as unknown as Release),
      id: `${first.ocid}-compiled-${latest.id}`,
      date: latest.date,
      tag: ['compiled'],
    },
  };
}

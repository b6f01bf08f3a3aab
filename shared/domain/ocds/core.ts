/**
 * What every release of a contracting process shares: the ocid and ids, money, the base release (buyer, budget,
 * tender), notices, and how a supplier is named (R-SUP-3). Each release kind builds on this in its own file.
 */
import type { BudgetLine, FundSource } from '../budget';
import type { CatalogItem } from '../catalog';
import type { Purchaser } from '../district-seed';
import type { ProcurementMethod } from '../procurement-rules';
import { METHOD_NAME_ZH } from '../procurement-rules';
import type { Project, ProjectAward, ProjectStatus } from '../project';
import type {
  Announcement,
  AnnouncementKind,
  AwardStatus,
  OcdsAward,
  OcdsDocument,
  OrganizationReference,
  Period,
  PublishedTag,
  Release,
  ReleaseTag,
  Tender,
  TenderStatus,
  Value,
} from './types';

// ---- mapping tables ----

/** The mapping to codelist `method` (R-PROC-5); the Chinese method stays in procurementMethodDetails. */
export const OCDS_METHOD: Record<ProcurementMethod, Tender['procurementMethod']> = {
  open_tender: 'open',
  invited_tender: 'selective',
  competitive_negotiation: 'limited',
  competitive_consultation: 'limited',
  single_source: 'direct',
};

export const METHOD_NAME_EN: Record<ProcurementMethod, string> = {
  open_tender: 'open tender',
  invited_tender: 'invited tender',
  competitive_consultation: 'competitive consultation',
  competitive_negotiation: 'competitive negotiation',
  single_source: 'single-source procurement',
};

const FUND_SOURCE_ZH: Record<FundSource, string> = {
  working_funds: '社会救助工作经费',
  special_funds: '社会救助专项资金',
};

/** Our catalog codes as an item classification (codelist itemClassificationScheme is open; X- marks a local scheme). */
export const CATALOG_SCHEME = 'X-SOCIAL-ASSISTANCE-CATALOG';

// ---- money, ids, periods ----

/**
 * Fen to yuan, exactly: every fen amount is a safe integer below 10^13 (budget.ts MAX_FEN), so the quotient is
 * the double nearest the two-decimal yuan value and JSON writes it back as exactly that decimal (≤ 15
 * significant digits round-trip). Never the reverse direction on untrusted input: yuan floats are not money.
 */
export const fenToYuan = (fen: number): number => fen / 100;

export const cny = (fen: number): Value => ({ amount: fenToYuan(fen), currency: 'CNY' });

export const yuanText = (fen: number): string => fenToYuan(fen).toFixed(2);

export const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

export const ocidFor = (prefix: string, projectId: string): string => `${prefix}-${projectId}`;

/** Unique per release and deterministic: the project version of the transition that caused it. */
export const releaseIdFor = (project: Pick<Project, 'id' | 'version'>, tag: ReleaseTag): string =>
  `${project.id}-v${project.version}-${tag}`;

/** The date-only term as OCDS date-times in business time, both days included. */
export const period = (term: Project['term']): Period => ({
  startDate: `${term.start}T00:00:00+08:00`,
  endDate: `${term.end}T23:59:59+08:00`,
});

/** R-PROC-3: price never alone, so always rated criteria, with the weights as published details. */
export function awardCriteriaDetails(criteria: Project['evaluationCriteria']): string {
  const quality = criteria.quality.map((q) => `${q.description} ${q.weight}%`).join('；');
  return `综合评分法：${quality}；价格 ${criteria.priceWeight}%（价格分 = 最低有效报价 ÷ 投标报价 × ${criteria.priceWeight}）`;
}

// ---- the base release ----

export interface DisclosureContext {
  ocidPrefix: string;
  purchaser: Purchaser;
  budgetLine: Pick<BudgetLine, 'id' | 'fiscalYear' | 'source'>;
  /** The project's catalog item, for the item's classification label; the code alone when unknown. */
  catalogItem?: Pick<CatalogItem, 'code' | 'nameZh' | 'nameEn'>;
}

export function baseRelease(
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

export const notice = (
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

// ---- suppliers and awards ----

export const NATURAL_PERSON_SUPPLIER = { zh: '自然人供应商', en: 'a natural-person supplier' } as const;

export type AwardedBid = Pick<ProjectAward, 'bidId' | 'contractorId' | 'contractorName' | 'contractorKind'>;

/**
 * R-SUP-3: an organisation is named under its contractor id. A natural person is neither named nor identified:
 * "自然人供应商" under an id made from the bid, which is unique in the process and leads to no one.
 */
export function supplierOf(award: AwardedBid): OrganizationReference {
  return award.contractorKind === 'natural_person'
    ? { id: `natural-person-${award.bidId}`, name: NATURAL_PERSON_SUPPLIER.zh }
    : { id: award.contractorId, name: award.contractorName };
}

/** The supplier as an announcement names it, Chinese and English (R-SUP-3). */
export function publicName(award: AwardedBid): { zh: string; en: string } {
  const supplier = supplierOf(award);
  const natural = award.contractorKind === 'natural_person';
  return { zh: supplier.name, en: natural ? NATURAL_PERSON_SUPPLIER.en : supplier.name };
}

/**
 * The n-th award of a process (1 for the first; a withdrawn award keeps its number, the next one counts on),
 * so the award, its withdrawal or cancellation and the contract's awardID all name the same award.
 */
export const awardIdFor = (projectId: string, ordinal: number): string => `${projectId}-award-${ordinal}`;

/** The ordinal of the award in force: the withdrawn ones came before it. */
export const currentOrdinal = (project: Project): number => (project.withdrawnAwards?.length ?? 0) + 1;

export function awardIn(project: Project): ProjectAward {
  // Set in the same move as the status: its absence is a broken invariant, not a publishable state.
  if (!project.award) throw new Error(`project ${project.id} is ${project.status} without an award`);
  return project.award;
}

export function ocdsAward(
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

// ---- what a release kind declares ----

/** The announcement of a release (one per release, same id), published with it. */
export function announcementOf(
  release: Release,
  kind: AnnouncementKind,
  projectId: string,
  purchaser: Pick<Purchaser, 'id' | 'nameZh' | 'nameEn'>,
  { title, summary, statements }: AnnouncementTexts,
): Announcement {
  return {
    id: release.id,
    kind,
    projectId,
    ocid: release.ocid,
    releaseId: release.id,
    purchaser: { id: purchaser.id, nameZh: purchaser.nameZh, nameEn: purchaser.nameEn },
    title,
    summary,
    ...(statements ? { statements } : {}),
    publishedAt: release.date,
  };
}

/** An announcement's own texts; the rest (ids, purchaser, date) comes from its release. */
export type AnnouncementTexts = Pick<Announcement, 'title' | 'summary' | 'statements'>;

/**
 * One release kind (R-SUP-3, R-PROC-5): the project moves that publish it, its release and its announcement.
 * The next kinds (implementation, evaluation, termination) are one more file declaring one more of these.
 */
export interface Publication {
  from: readonly ProjectStatus[];
  to: ProjectStatus;
  tag: PublishedTag;
  kind: AnnouncementKind;
  release: (before: Project, after: Project, ctx: DisclosureContext) => Release;
  announce: (before: Project, after: Project, ctx: DisclosureContext) => AnnouncementTexts;
}

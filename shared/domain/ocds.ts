/**
 * Public disclosure (R-SUP-3, R-PROC-5) in the Open Contracting Data Standard 1.1.5: which releases and
 * announcements a project's transition publishes, what they hold, and how the releases of one contracting
 * process compile into a record. Pure: the use case loads the project, its budget line and purchaser, and
 * commits what this returns in the same transaction as the transition.
 *
 * Personal data never appears (R-SUP-3 is about procurement, not people): the only party is the purchaser,
 * a government body. Not published: invited contractors (a natural person may be one, R-QUAL-1), the
 * clerk's free-text cancellation note (it may name a service recipient), actors' user ids.
 * Awards and contracts (suppliers, which are organisations or consenting natural persons) come with the
 * workflow and must keep to the same rule: natural-person suppliers are published without name or id.
 */
import type { BudgetLine, FundSource } from './budget';
import type { CatalogItem } from './catalog';
import type { Purchaser } from './district-seed';
import type { ProcurementMethod } from './procurement-rules';
import { METHOD_NAME_ZH } from './procurement-rules';
import type { CancellationReason, Project, ProjectStatus } from './project';

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

/** Codelist partyRole. The workflow adds `supplier` and `tenderer` for organisations (see header). */
export type PartyRole = 'buyer' | 'procuringEntity' | 'supplier' | 'tenderer';

export type ReleaseTag =
  | 'planning'
  | 'tender'
  | 'tenderUpdate'
  | 'tenderCancellation'
  | 'award'
  | 'awardUpdate'
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
  documents?: OcdsDocument[];
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
}

/** A compiled release: the latest value of every field (tag `compiled`). */
export type CompiledRelease = Omit<Release, 'tag'> & { tag: ['compiled'] };

export interface OcdsRecord {
  ocid: string;
  releases: Release[];
  compiledRelease: CompiledRelease;
}

// ---- the human-readable feed ----

/** The kinds of public announcement (公告); award_result and contract come with the workflow. */
export type AnnouncementKind =
  | 'procurement_intention' // 采购意向公开 (财库〔2020〕10号), on approval
  | 'procurement_notice' // 采购公告, on publication
  | 'award_result' // 中标（成交）结果公告
  | 'contract' // 合同公告
  | 'cancellation'; // 终止公告

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
  publishedAt: string;
}

export interface Disclosure {
  releases: Release[];
  announcements: Announcement[];
}

// ---- mapping tables ----

/** The mapping to codelist `method` (R-PROC-5); the Chinese method stays in procurementMethodDetails. */
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
  /** Known once the notice is published (workflow). */
  tenderPeriod?: Period;
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
      ...(ctx.tenderPeriod ? { tenderPeriod: ctx.tenderPeriod } : {}),
      contractPeriod: period(project.term),
    },
  };
}

/** Approved: the process is planned (采购意向), not yet open for bids. */
export const planningRelease = (project: Project, ctx: DisclosureContext): Release =>
  baseRelease(project, 'planning', 'planned', ctx);

/** Published (from the workflow): the notice is out and bids are accepted until tenderPeriod.endDate. */
export const tenderRelease = (project: Project, ctx: DisclosureContext): Release =>
  baseRelease(project, 'tender', 'active', ctx);

/** Cancelled after approval: the tender is withdrawn, with the public reason as a cancellationDetails document. */
export function tenderCancellationRelease(project: Project, ctx: DisclosureContext): Release {
  const release = baseRelease(project, 'tenderCancellation', 'cancelled', ctx);
  const reason = project.cancellation?.reason ?? 'other';
  const label = CANCELLATION_REASON_LABEL[reason];
  release.tender.documents = [
    {
      // Id per release so identifier-merge in the record keeps every cancellation notice apart.
      id: `${release.id}-notice`,
      documentType: 'cancellationDetails',
      title: `${project.title} 终止公告`,
      description: `${label.zh}（${label.en}；reason code: ${reason}）`,
      datePublished: release.date,
      language: 'zh',
    },
  ];
  return release;
}

// ---- which transition publishes what ----

/** The tags a project transition produces today; award and contract tags come with the workflow. */
export type PublishedTag = Extract<ReleaseTag, 'planning' | 'tender' | 'tenderCancellation'>;

/** Statuses in which nothing is public yet: drafts and submissions stay internal. */
const UNPUBLISHED: readonly ProjectStatus[] = ['draft', 'submitted'];

/** The kinds this module writes today; award_result and contract arrive with their releases (workflow). */
type ProducedKind = Extract<
  AnnouncementKind,
  'procurement_intention' | 'procurement_notice' | 'cancellation'
>;

function announcementFor(
  release: Release,
  kind: ProducedKind,
  project: Project,
  ctx: DisclosureContext,
): Announcement {
  const { purchaser } = ctx;
  const amount = fenToYuan(project.estimatedAmount).toFixed(2);
  const method = project.procurementMethod;
  const texts = ((): Pick<Announcement, 'title' | 'summary'> => {
    switch (kind) {
      case 'cancellation': {
        const label = CANCELLATION_REASON_LABEL[project.cancellation?.reason ?? 'other'];
        return {
          title: { zh: `${project.title} 终止公告`, en: `Cancellation: ${project.title}` },
          summary: {
            zh: `${purchaser.nameZh}终止本项目采购。原因：${label.zh}。`,
            en: `${purchaser.nameEn} cancelled this procurement. Reason: ${label.en}.`,
          },
        };
      }
      case 'procurement_notice':
        return {
          title: { zh: `${project.title} 采购公告`, en: `Procurement notice: ${project.title}` },
          summary: {
            zh: `${purchaser.nameZh}以${METHOD_NAME_ZH[method]}方式采购，预算金额 ${amount} 元。`,
            en: `${purchaser.nameEn} procures by ${METHOD_NAME_EN[method]}; budget CNY ${amount}.`,
          },
        };
      case 'procurement_intention':
        return {
          title: { zh: `${project.title} 采购意向`, en: `Procurement intention: ${project.title}` },
          summary: {
            zh: `${purchaser.nameZh}拟以${METHOD_NAME_ZH[method]}方式采购，预算金额 ${amount} 元，服务期 ${project.term.start} 至 ${project.term.end}。`,
            en: `${purchaser.nameEn} plans to procure by ${METHOD_NAME_EN[method]}; budget CNY ${amount}; service term ${project.term.start} to ${project.term.end}.`,
          },
        };
    }
  })();
  return {
    id: release.id,
    kind,
    projectId: project.id,
    ocid: release.ocid,
    releaseId: release.id,
    purchaser: { id: purchaser.id, nameZh: purchaser.nameZh, nameEn: purchaser.nameEn },
    ...texts,
    publishedAt: release.date,
  };
}

/**
 * What a transition from `before` to `after` publishes. Approval → planning release + 采购意向 announcement;
 * publication (workflow) → tender release + 采购公告; cancellation of anything already public →
 * tenderCancellation release + 终止公告; a draft or submitted project cancelled → nothing (it never was public).
 */
export function publicationFor(
  before: Pick<Project, 'status'>,
  after: Pick<Project, 'status'>,
): { tag: PublishedTag; kind: ProducedKind } | undefined {
  if (after.status === 'approved' && before.status === 'submitted') {
    return { tag: 'planning', kind: 'procurement_intention' };
  }
  if (after.status === 'published' && before.status === 'approved') {
    return { tag: 'tender', kind: 'procurement_notice' };
  }
  if (after.status === 'cancelled' && !UNPUBLISHED.includes(before.status)) {
    return { tag: 'tenderCancellation', kind: 'cancellation' };
  }
  return undefined;
}

const RELEASE_OF: Record<PublishedTag, (p: Project, ctx: DisclosureContext) => Release> = {
  planning: planningRelease,
  tender: tenderRelease,
  tenderCancellation: tenderCancellationRelease,
};

export function disclosureFor(before: Project, after: Project, ctx: DisclosureContext): Disclosure {
  const publication = publicationFor(before, after);
  if (!publication) return { releases: [], announcements: [] };
  const release = RELEASE_OF[publication.tag](after, ctx);
  return { releases: [release], announcements: [announcementFor(release, publication.kind, after, ctx)] };
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

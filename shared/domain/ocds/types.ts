/** The OCDS 1.1.5 shapes this system produces (a subset) and the human-readable announcements beside them. */

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
  | 'contractUpdate'
  | 'implementation'
  | 'implementationUpdate'
  | 'contractTermination';

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
  /** The acceptance plan's indicators and thresholds as agreed targets (metrics extension). */
  agreedMetrics?: Metric[];
  implementation?: Implementation;
}

// ---- implementation (issue 13 §5, R-ACC-4) ----

/** Closed codelist milestoneStatus. */
export type MilestoneStatus = 'scheduled' | 'met' | 'notMet' | 'partiallyMet';

/** OCDS 1.1.5 Milestone (no value before 1.2: amounts go in the description). */
export interface OcdsMilestone {
  id: string;
  title: string;
  /** Open codelist milestoneType: `assessment` for an acceptance, `payment` for a payment milestone. */
  type: 'assessment' | 'payment';
  code: string;
  status: MilestoneStatus;
  description?: string;
  dueDate?: string;
  dateMet?: string;
  dateModified?: string;
}

/** MilestoneReference of the metrics extension, used by transaction_milestones. */
export interface MilestoneReference {
  id: string;
  title: string;
}

/** OCDS 1.1.5 Transaction (no status: a correction is a new transaction), with transaction_milestones. */
export interface OcdsTransaction {
  id: string;
  date: string;
  value: Value;
  payer: OrganizationReference;
  payee: OrganizationReference;
  relatedImplementationMilestone: MilestoneReference;
}

/** An observation of the metrics extension: a target (agreedMetrics) or a measured result (implementation). */
export interface Observation {
  id: string;
  measure?: number | string;
  unit?: { name: string };
  dimensions?: Record<string, string>;
  notes?: string;
  relatedImplementationMilestone?: MilestoneReference;
}

export interface Metric {
  id: string;
  title: string;
  description?: string;
  observations: Observation[];
}

export interface Implementation {
  milestones?: OcdsMilestone[];
  transactions?: OcdsTransaction[];
  documents?: OcdsDocument[];
  /** metrics extension. */
  metrics?: Metric[];
  /** contract_completion extension: when the contract ended and what was paid in all (Σ transactions). */
  endDate?: string;
  endDateDetails?: string;
  finalValue?: Value;
  finalValueDetails?: string;
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

/** The tags a project transition produces. */
export type PublishedTag = Extract<
  ReleaseTag,
  'planning' | 'tender' | 'tenderUpdate' | 'tenderCancellation' | 'award' | 'awardUpdate' | 'contract'
>;

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
  'acceptance_result', // 验收结果公告 (R-ACC-4), each acceptance decision of a contract
  'contract_termination', // 合同终止公告, a contract terminated for breach
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
  /**
   * award_result: how ties in the ranking were broken (R-QUAL-4, R-PROC-3, R-PROC-5); acceptance_result: each
   * indicator's target and measured value (R-ACC-4). Chinese then English.
   */
  statements?: string[];
  publishedAt: string;
}

export interface Disclosure {
  releases: Release[];
  announcements: Announcement[];
}

/**
 * Purchase projects (R-PROC-1..4, R-CAT-3, R-CAT-4, R-BUY-1, R-FUND-2): what is bought, from which budget line,
 * by which method, scored how, and where in its life cycle it stands. Pure: use cases load and commit.
 */
import type { Actor } from './audit-chain';
import type { BudgetLine } from './budget';
import { assertCovers } from './budget';
import type { CatalogItem, NegativeListEntry, ServiceStandard } from './catalog';
import type { PanelDraw } from './evaluator-pool';
import { negativeListEntryFor, negativeListHit } from './catalog';
import type { Contractor } from './contractor';
import { DomainError } from './errors';
import type { ProcurementMethod, ProcurementRules } from './procurement-rules';
import { METHOD_NAME_ZH, PROCUREMENT_LAW_METHODS, priceWeightInFrame } from './procurement-rules';
import type { PaymentMilestoneInput } from './payment-schedule';
import { paymentSchedule } from './payment-schedule';

// ---- life cycle (R-PROC-1) ----

export const PROJECT_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'published',
  'bidding_closed',
  'evaluated',
  'awarded',
  'contracted',
  'unsuccessful',
  'cancelled',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export type ProjectAction =
  | 'submit'
  | 'approve'
  | 'publish'
  | 'close_bidding'
  | 'evaluate'
  | 'award'
  | 'rescore'
  | 'contract'
  | 'declare_unsuccessful'
  | 'cancel';

/** Every legal move; anything else is a 409. The workflow (publish → contract) uses the same table later. */
export const TRANSITIONS: Record<ProjectAction, { from: readonly ProjectStatus[]; to: ProjectStatus }> = {
  submit: { from: ['draft'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  publish: { from: ['approved'], to: 'published' },
  close_bidding: { from: ['published'], to: 'bidding_closed' },
  evaluate: { from: ['bidding_closed'], to: 'evaluated' },
  award: { from: ['evaluated'], to: 'awarded' },
  // A sustained challenge during the standstill sends the project back to scoring.
  rescore: { from: ['awarded'], to: 'bidding_closed' },
  contract: { from: ['awarded'], to: 'contracted' },
  // Too few bids at the deadline, or no bid survives scoring (政府采购法 第三十六条 废标).
  declare_unsuccessful: { from: ['published', 'bidding_closed', 'evaluated'], to: 'unsuccessful' },
  cancel: {
    from: ['draft', 'submitted', 'approved', 'published', 'bidding_closed', 'evaluated', 'awarded'],
    to: 'cancelled',
  },
};

export function nextStatus(status: ProjectStatus, action: ProjectAction): ProjectStatus {
  const move = TRANSITIONS[action];
  if (!move.from.includes(status)) {
    throw new DomainError('conflict', `a ${status} project cannot ${action.replace('_', ' ')}`, {
      rule: 'R-PROC-1',
    });
  }
  return move.to;
}

/** Cancellation reasons (public, R-SUP-3), after 政府采购法 第三十六条 and common practice. */
export const CANCELLATION_REASONS = [
  'task_cancelled', // 因重大变故，采购任务取消
  'requirement_changed', // 采购需求发生重大变化
  'budget_withdrawn', // 预算调整或资金未落实
  'irregularity', // 出现影响采购公正的违法、违规行为
  'challenge_sustained', // 质疑成立，无法继续
  'duplicate', // 重复立项
  'other',
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

// ---- the record ----

export interface QualityCriterion {
  code: string;
  description: string;
  /** Percent of the total score. */
  weight: number;
  /**
   * R-PROC-6: scored from the contractor's latest performance evaluation (neutral 50 until one exists), not by
   * the evaluators. At most one criterion per project.
   */
  pastPerformance?: boolean;
}

export interface EvaluationCriteria {
  quality: QualityCriterion[];
  /** Percent; the price score is lowest valid price ÷ bid price × priceWeight (R-PROC-3). */
  priceWeight: number;
}

/**
 * One setting of the evaluation panel (R-PROC-3, R-PROC-5): named by the purchaser or drawn by the system from
 * the evaluator pool. From the bid deadline on only the bureau changes the panel, and says why (`reason`).
 */
export interface PanelChange {
  at: string;
  by: Actor;
  method: 'named' | 'drawn';
  evaluatorIds: string[];
  /** Set at or after the bid deadline (or once bidding closed): the panel was frozen. */
  afterDeadline: boolean;
  reason?: string;
  /** A drawn panel's seed, its inputs and the pool it was drawn from, so anyone can draw it again. */
  draw?: PanelDraw;
}

/** A panel setting as the history keeps it: the draw's seed without the pool. */
export type PanelHistoryEntry = Omit<PanelChange, 'draw'> & { seed?: string };

export interface TimelineEntry {
  at: string;
  status: ProjectStatus;
  event: 'created' | 'edited' | 'evaluators_assigned' | 'draw' | ProjectAction;
  by: Actor;
  note?: string;
}

/** Where the workflow stands, for people: which callback or wait it is parked on (R-PROC-1). */
export const WAITING_FOR = [
  'bid_deadline',
  'scores',
  'draw',
  'standstill',
  'challenges',
  'signatures',
] as const;
export type WaitingFor = (typeof WAITING_FOR)[number];

/** The procurement workflow's execution behind a published project (infra/workflows/procurement.asl.json). */
export interface ProjectWorkflow {
  executionArn: string;
  startedAt: string;
  waitingFor?: WaitingFor;
  /** A task that failed for good (the ASL's Catch records it here). */
  failure?: { error: string; cause: string; at: string };
}

/** The workflow parked on `wait`, and the workflow no longer waiting for anything. */
export const awaiting = (workflow: ProjectWorkflow, wait: WaitingFor): ProjectWorkflow => ({
  ...workflow,
  waitingFor: wait,
});

export function notWaiting(workflow: ProjectWorkflow): ProjectWorkflow {
  const { waitingFor: _done, ...rest } = workflow;
  return rest;
}

/** The procurement notice (R-PROC-5): bids are accepted from `publishedAt` until `bidDeadline` (exclusive). */
export interface TenderNotice {
  publishedAt: string;
  bidDeadline: string;
  /** The purchaser's minimum number of bids for the method, fixed at publication (R-PROC-2). */
  minimumBids: number;
}

/** Why a procurement failed (废标, 政府采购法 第三十六条). */
export const UNSUCCESSFUL_REASONS = ['too_few_bids', 'no_valid_bid'] as const;
export type UnsuccessfulReason = (typeof UNSUCCESSFUL_REASONS)[number];

/** One ranked bid as stored: exact rationals shown to two decimals (evaluation.ts keeps the exact values). */
export interface RankedBidSummary {
  rank: number;
  bidId: string;
  contractorId: string;
  price: number;
  nonProfitSocialOrganization: boolean;
  quality: string;
  priceScore: string;
  total: string;
  criteria: { code: string; source: 'evaluators' | 'past_performance'; score: string }[];
  drawRequired: boolean;
}

/** The outcome of one scoring round (R-PROC-3, R-QUAL-4). */
export interface ProjectEvaluation {
  round: number;
  evaluatedAt: string;
  ranked: RankedBidSummary[];
  disqualified: { bidId: string; contractorId: string; reason: string }[];
  tieBreaks: { above: string; below: string; reason: string; rule: string; statement: string }[];
  winner?: string;
  drawRequired: boolean;
}

/** The award (中标/成交) and its standstill window (R-PROC-5). */
export interface ProjectAward {
  bidId: string;
  contractorId: string;
  /** For the public notice; a natural person is never named there (R-SUP-3). */
  contractorName: string;
  contractorKind: Contractor['kind'];
  price: number;
  awardedAt: string;
  standstill: { opensAt: string; lastDay: string; closesAt: string; movedToWorkingDay: boolean };
}

export interface ProjectInput {
  title: string;
  catalogCode: string;
  budgetLineId: string;
  estimatedAmount: number;
  quantity: { value: number; unit: string };
  term: { start: string; end: string };
  serviceStandard?: ServiceStandard;
  procurementMethod: ProcurementMethod;
  invitedContractorIds?: string[];
  singleSourceRationale?: string;
  allowNaturalPersons?: boolean;
  evaluationCriteria: EvaluationCriteria;
  /** R-CON-2 settlement: the contract's payment milestones; default DEFAULT_PAYMENT_MILESTONES. */
  paymentMilestones?: PaymentMilestoneInput[];
}

export interface Project {
  id: string;
  purchaserId: string;
  fiscalYear: number;
  title: string;
  catalogCode: string;
  budgetLineId: string;
  estimatedAmount: number;
  currency: 'CNY';
  quantity: { value: number; unit: string };
  term: { start: string; end: string };
  serviceStandard: ServiceStandard;
  /** false while the standard is the catalog item's own (R-CAT-4). */
  serviceStandardRefined: boolean;
  procurementMethod: ProcurementMethod;
  invitedContractorIds: string[];
  singleSourceRationale?: string;
  allowNaturalPersons: boolean;
  evaluationCriteria: EvaluationCriteria;
  /** Absent on records from before settlement terms existed: DEFAULT_PAYMENT_MILESTONES apply. */
  paymentMilestones?: PaymentMilestoneInput[];
  status: ProjectStatus;
  timeline: TimelineEntry[];
  /**
   * `note` is the clerk's and stays internal (it may name a service recipient); `publicNote` is written for the
   * public (the answer to a sustained challenge) and is published with the cancellation (R-SUP-3).
   */
  cancellation?: { reason: CancellationReason; note: string; publicNote?: string; at: string };
  /** Evaluators (JWT subjects) assigned to score this project; absent on records from before the workflow. */
  evaluatorIds?: string[];
  /** How the current panel was set (R-PROC-3, R-PROC-5); absent on records from before the evaluator pool. */
  panel?: PanelChange;
  /** Every panel set, oldest first; a drawn one keeps its seed here (its pool is in the audit trail). */
  panelHistory?: PanelHistoryEntry[];
  /** 1 at the first scoring; a sustained challenge with `rescore` starts the next round. */
  scoringRound?: number;
  tender?: TenderNotice;
  workflow?: ProjectWorkflow;
  evaluation?: ProjectEvaluation;
  award?: ProjectAward;
  /** Awards withdrawn by a sustained challenge, newest last. */
  withdrawnAwards?: (ProjectAward & { withdrawnAt: string; challengeId: string })[];
  unsuccessful?: { reason: UnsuccessfulReason; detail: string; at: string };
  contract?: { id: string; signedAt?: string };
  createdBy: Actor;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What the rules of a project are checked against, loaded by the use case. */
export interface ProjectContext {
  purchaserId: string;
  catalog: { items: readonly CatalogItem[]; negativeList: readonly NegativeListEntry[] };
  budgetLine: BudgetLine | undefined;
  rules: ProcurementRules;
}

const refused = (field: string, rule: string, message: string) =>
  new DomainError('refused', `${field}: ${message}`, { field, rule });
const invalid = (field: string, message: string, rule?: string) =>
  new DomainError('invalid', `${field}: ${message}`, { field, ...(rule ? { rule } : {}) });

/** R-CAT-1, R-CAT-3: a catalog item, not on the negative list, under a title that is not either. */
function catalogItemFor(input: ProjectInput, catalog: ProjectContext['catalog']): CatalogItem {
  const listed = catalog.negativeList.find((entry) => entry.code === input.catalogCode);
  if (listed) {
    throw refused('catalogCode', 'R-CAT-3', `${listed.nameZh} may not be purchased: ${listed.reason}`);
  }
  const item = catalog.items.find((i) => i.code === input.catalogCode);
  if (!item) throw refused('catalogCode', 'R-CAT-1', `${input.catalogCode} is not in the service catalog`);
  const itemHit = negativeListHit(item, catalog.negativeList);
  if (itemHit) {
    throw refused('catalogCode', 'R-CAT-3', `${item.nameZh} falls on the negative list: ${itemHit.reason}`);
  }
  const titleHit = negativeListHit({ nameZh: input.title, nameEn: input.title }, catalog.negativeList);
  if (titleHit) {
    throw refused(
      'title',
      'R-CAT-3',
      `the project falls on the negative list (${titleHit.code} ${titleHit.nameZh}): ${titleHit.reason}`,
    );
  }
  // A refined standard's summary says what is bought as much as the title does (R-CAT-4 may not smuggle R-CAT-3).
  const summaryHit =
    input.serviceStandard && negativeListEntryFor(input.serviceStandard.summary, catalog.negativeList);
  if (summaryHit) {
    throw refused(
      'serviceStandard.summary',
      'R-CAT-3',
      `the service standard falls on the negative list (${summaryHit.code} ${summaryHit.nameZh}): ${summaryHit.reason}`,
    );
  }
  return item;
}

/** R-CAT-4: a refined standard keeps every indicator of the catalog item (targets may change) and adds freely. */
function standardFor(
  input: ProjectInput,
  item: CatalogItem,
): { standard: ServiceStandard; refined: boolean } {
  if (!input.serviceStandard) return { standard: structuredClone(item.standard), refined: false };
  const codes = input.serviceStandard.indicators.map((i) => i.code);
  const repeated = codes.find((c, i) => codes.indexOf(c) !== i);
  if (repeated) {
    throw invalid('serviceStandard.indicators', `code ${repeated} appears twice`, 'R-CAT-4');
  }
  const dropped = item.standard.indicators.find((i) => !codes.includes(i.code));
  if (dropped) {
    throw refused(
      'serviceStandard.indicators',
      'R-CAT-4',
      `indicator ${dropped.code} of ${item.code} must stay; refine its target instead`,
    );
  }
  return { standard: input.serviceStandard, refined: true };
}

/** R-PROC-3: quality first, price bounded; the weights add up to 100. */
export function checkCriteria(criteria: EvaluationCriteria, rules: ProcurementRules): void {
  const field = 'evaluationCriteria';
  if (criteria.quality.length === 0) {
    throw refused(`${field}.quality`, 'R-PROC-3', 'at least one quality criterion is scored');
  }
  const codes = criteria.quality.map((q) => q.code);
  const repeated = codes.findIndex((c, i) => codes.indexOf(c) !== i);
  if (repeated >= 0) throw invalid(`${field}.quality.${repeated}.code`, `${codes[repeated]} appears twice`);
  const past = criteria.quality.filter((q) => q.pastPerformance);
  if (past.length > 1) {
    throw invalid(`${field}.quality`, 'at most one criterion is scored from past performance', 'R-PROC-6');
  }
  // R-PROC-3: whatever rules arrive here, the bounds are the configured ones inside the domain's frame.
  const { min, max } = priceWeightInFrame(rules).priceWeight;
  if (criteria.priceWeight > max || criteria.priceWeight < min) {
    throw refused(
      `${field}.priceWeight`,
      'R-PROC-3',
      `price weighs between ${min} and ${max} % for this purchaser, not ${criteria.priceWeight}: the lowest price does not simply win`,
    );
  }
  const total = criteria.priceWeight + criteria.quality.reduce((sum, q) => sum + q.weight, 0);
  if (total !== 100) {
    throw invalid(field, `quality weights and priceWeight add up to ${total}, not 100`, 'R-PROC-3');
  }
}

/** The budget line must be the purchaser's, for the fiscal year the term starts in, and cover the estimate. */
function checkFunding(input: ProjectInput, ctx: ProjectContext): BudgetLine {
  const line = ctx.budgetLine;
  if (!line || line.purchaserId !== ctx.purchaserId) {
    throw refused('budgetLineId', 'R-FUND-1', `no budget line ${input.budgetLineId} for this purchaser`);
  }
  const year = Number(input.term.start.slice(0, 4));
  if (line.fiscalYear !== year) {
    throw refused(
      'budgetLineId',
      'R-FUND-1',
      `the line funds fiscal year ${line.fiscalYear} but the term starts in ${year}`,
    );
  }
  assertCovers(line, input.estimatedAmount, 'estimatedAmount');
  return line;
}

/** Fields that belong to one method only are refused elsewhere, so a project never carries a stale list. */
function checkMethodFields(input: ProjectInput): void {
  if (input.invitedContractorIds?.length && input.procurementMethod !== 'invited_tender') {
    throw invalid('invitedContractorIds', 'only an invited_tender names contractors', 'R-PROC-2');
  }
  if (input.singleSourceRationale !== undefined && input.procurementMethod !== 'single_source') {
    throw invalid('singleSourceRationale', 'only a single_source project carries a rationale', 'R-PROC-2');
  }
  const ids = input.invitedContractorIds ?? [];
  const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (repeated >= 0) throw invalid(`invitedContractorIds.${repeated}`, `${ids[repeated]} is named twice`);
}

/** Everything that makes a project well-formed; checked at creation, on every edit and again at submission. */
function shape(input: ProjectInput, ctx: ProjectContext) {
  if (input.term.end < input.term.start) throw invalid('term.end', 'the term ends before it starts');
  checkMethodFields(input);
  const item = catalogItemFor(input, ctx.catalog);
  const { standard, refined } = standardFor(input, item);
  const line = checkFunding(input, ctx);
  checkCriteria(input.evaluationCriteria, ctx.rules);
  // The split is checked now on the estimate; the contract splits the awarded price the same way.
  if (input.paymentMilestones) paymentSchedule(input.estimatedAmount, input.paymentMilestones);
  return {
    fiscalYear: line.fiscalYear,
    title: input.title,
    catalogCode: item.code,
    budgetLineId: line.id,
    estimatedAmount: input.estimatedAmount,
    currency: 'CNY' as const,
    quantity: input.quantity,
    term: input.term,
    serviceStandard: standard,
    serviceStandardRefined: refined,
    procurementMethod: input.procurementMethod,
    invitedContractorIds: input.invitedContractorIds ?? [],
    ...(input.singleSourceRationale !== undefined
      ? { singleSourceRationale: input.singleSourceRationale }
      : {}),
    allowNaturalPersons: input.allowNaturalPersons ?? false,
    evaluationCriteria: input.evaluationCriteria,
    ...(input.paymentMilestones ? { paymentMilestones: input.paymentMilestones } : {}),
  };
}

export function draftProject(
  input: ProjectInput,
  ctx: ProjectContext & { id: string; actor: Actor; now: string },
): Project {
  return {
    id: ctx.id,
    purchaserId: ctx.purchaserId,
    ...shape(input, ctx),
    status: 'draft',
    timeline: [{ at: ctx.now, status: 'draft', event: 'created', by: ctx.actor }],
    createdBy: ctx.actor,
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

/** The record and its audit entry must stay far below DynamoDB's 400 KB item limit, however often a draft is saved. */
export const MAX_TIMELINE_ENTRIES = 300;

/** Replaces the content of a draft; once submitted, the content is frozen for the approver. */
export function editProject(
  project: Project,
  input: ProjectInput,
  ctx: ProjectContext & { actor: Actor; now: string },
): Project {
  if (project.status !== 'draft') {
    throw new DomainError('conflict', `a ${project.status} project can no longer be edited`, {
      rule: 'R-PROC-1',
    });
  }
  if (project.timeline.length >= MAX_TIMELINE_ENTRIES) {
    throw new DomainError(
      'conflict',
      `this draft has been saved ${project.timeline.length} times; cancel it and start a new one`,
    );
  }
  // The new content replaces the old whole: a rationale the new content lacks does not linger.
  const { singleSourceRationale: _replaced, paymentMilestones: _alsoReplaced, ...rest } = project;
  return {
    ...rest,
    ...shape(input, ctx),
    timeline: [...project.timeline, { at: ctx.now, status: 'draft', event: 'edited', by: ctx.actor }],
    version: project.version + 1,
    updatedAt: ctx.now,
  };
}

export const asInput = (p: Project): ProjectInput => ({
  title: p.title,
  catalogCode: p.catalogCode,
  budgetLineId: p.budgetLineId,
  estimatedAmount: p.estimatedAmount,
  quantity: p.quantity,
  term: p.term,
  ...(p.serviceStandardRefined ? { serviceStandard: p.serviceStandard } : {}),
  procurementMethod: p.procurementMethod,
  invitedContractorIds: p.invitedContractorIds,
  ...(p.singleSourceRationale !== undefined ? { singleSourceRationale: p.singleSourceRationale } : {}),
  allowNaturalPersons: p.allowNaturalPersons,
  evaluationCriteria: p.evaluationCriteria,
  ...(p.paymentMilestones ? { paymentMilestones: p.paymentMilestones } : {}),
});

/** An invited contractor as the use case found it: its record (if any) and today's eligibility. */
export interface Invitee {
  id: string;
  contractor?: Pick<Contractor, 'id' | 'kind'>;
  eligible: boolean;
}

/** R-PROC-2: the method's own conditions, checked when the purchaser submits the project for approval. */
export function checkMethodRules(
  project: Project,
  rules: ProcurementRules,
  invitees: readonly Invitee[],
): void {
  const method = project.procurementMethod;
  if (project.estimatedAmount > rules.procurementLawThreshold && !PROCUREMENT_LAW_METHODS.includes(method)) {
    throw refused(
      'procurementMethod',
      'R-PROC-2',
      `above ${rules.procurementLawThreshold} fen a procurement-law method is required`,
    );
  }
  if (method === 'invited_tender') {
    const needed = rules.invitedTenderMinimumInvitees;
    if (project.invitedContractorIds.length < needed) {
      throw refused(
        'invitedContractorIds',
        'R-PROC-2',
        `${METHOD_NAME_ZH[method]} names at least ${needed} eligible contractors, not ${project.invitedContractorIds.length}`,
      );
    }
    for (const [index, id] of project.invitedContractorIds.entries()) {
      const found = invitees.find((i) => i.id === id);
      const field = `invitedContractorIds.${index}`;
      if (!found?.contractor) throw refused(field, 'R-PROC-2', `no contractor ${id}`);
      if (!found.eligible) {
        throw refused(field, 'R-QUAL-2', `contractor ${id} is not eligible to bid today`);
      }
      if (found.contractor.kind === 'natural_person' && !project.allowNaturalPersons) {
        throw refused(
          field,
          'R-QUAL-1',
          `contractor ${id} is a natural person and the project does not allow them`,
        );
      }
    }
  }
  if (method === 'single_source') {
    const needed = rules.singleSourceRationaleMinLength;
    // Counted in characters as a reader sees them (a Chinese character is one).
    const length = [...(project.singleSourceRationale ?? '').trim()].length;
    if (length < needed) {
      throw refused(
        'singleSourceRationale',
        'R-PROC-2',
        `单一来源采购 needs a written rationale of at least ${needed} characters (has ${length})`,
      );
    }
  }
}

export function submitProject(
  project: Project,
  ctx: ProjectContext & { invitees: readonly Invitee[]; actor: Actor; now: string },
): Project {
  const status = nextStatus(project.status, 'submit');
  // The rules, catalog and line may have changed since the draft was written: check it all again.
  shape(asInput(project), ctx);
  checkMethodRules(project, ctx.rules, ctx.invitees);
  return transitioned(project, status, 'submit', ctx);
}

/** Four eyes: the bureau approves, and not the person who submitted. */
export function approveProject(project: Project, ctx: { actor: Actor; now: string }): Project {
  const status = nextStatus(project.status, 'approve');
  const submitted = project.timeline.findLast((e) => e.event === 'submit');
  if (submitted?.by.sub === ctx.actor.sub) {
    throw new DomainError(
      'refused',
      'four eyes: the project must be approved by someone other than its submitter',
      {
        rule: 'R-SUP-1',
      },
    );
  }
  return transitioned(project, status, 'approve', ctx);
}

export function cancelProject(
  project: Project,
  input: { reason: CancellationReason; note: string; publicNote?: string },
  ctx: { actor: Actor; now: string },
): Project {
  const status = nextStatus(project.status, 'cancel');
  return {
    ...transitioned(project, status, 'cancel', { ...ctx, note: `${input.reason}: ${input.note}` }),
    cancellation: {
      reason: input.reason,
      note: input.note,
      ...(input.publicNote !== undefined ? { publicNote: input.publicNote } : {}),
      at: ctx.now,
    },
  };
}

/**
 * A workflow or route move with its record changes: the status from TRANSITIONS (409 otherwise), a timeline
 * entry, the next version. `patch` sets the fields the move brings (notice, award, contract…).
 */
export function advance(
  project: Project,
  action: ProjectAction,
  ctx: { actor: Actor; now: string; note?: string },
  patch: Partial<Omit<Project, 'id' | 'status' | 'version' | 'timeline'>> = {},
): Project {
  const status = nextStatus(project.status, action);
  return { ...transitioned(project, status, action, ctx), ...patch };
}

function transitioned(
  project: Project,
  status: ProjectStatus,
  event: ProjectAction,
  ctx: { actor: Actor; now: string; note?: string },
): Project {
  return {
    ...project,
    status,
    timeline: [
      ...project.timeline,
      { at: ctx.now, status, event, by: ctx.actor, ...(ctx.note ? { note: ctx.note } : {}) },
    ],
    version: project.version + 1,
    updatedAt: ctx.now,
  };
}

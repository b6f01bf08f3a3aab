import { PROCUREMENT_METHODS } from '#shared/domain/procurement-rules';
import { PAYMENT_EVENTS } from '#shared/domain/contract';
import {
  CANCELLATION_REASONS,
  PROJECT_STATUSES,
  UNSUCCESSFUL_REASONS,
  WAITING_FOR,
} from '#shared/domain/project';
import { fen, positiveFen } from './budget.schema';
import { ServiceStandard } from './catalog.schema';
import {
  count,
  createdAt,
  decimal,
  instant,
  IsoDate,
  IsoDateTime,
  PageQuery,
  percentage,
  quantityValue,
  RecordId,
  updatedAt,
  wholeNumber,
} from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';
import { PanelHistoryEntry, PanelRecord } from './scoring.schema';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

/** What a project's bid deadline is, wherever it is shown. */
export const BID_DEADLINE = 'when bidding closes (exclusive), on a whole second';

export const ProcurementMethod = /* @__PURE__ */ (() =>
  described(
    z.enum(PROCUREMENT_METHODS),
    'R-PROC-2: open_tender 公开招标, invited_tender 邀请招标, competitive_consultation 竞争性磋商, competitive_negotiation 竞争性谈判, single_source 单一来源采购',
  ))();

export const ProjectStatus = /* @__PURE__ */ (() =>
  described(
    z.enum(PROJECT_STATUSES),
    'R-PROC-1: draft → submitted → approved → published → bidding_closed → evaluated → awarded → contracted, or unsuccessful / cancelled',
  ))();

export const CancellationReason = /* @__PURE__ */ (() =>
  described(z.enum(CANCELLATION_REASONS), 'public reason code of a cancellation (R-SUP-3)'))();

const Actor = /* @__PURE__ */ deferred(() => z.object({ sub: z.string(), role: z.string() }));

const QualityCriterion = /* @__PURE__ */ (() =>
  z.strictObject({
    code: z.string().check(z.regex(/^[a-z0-9_]{2,40}$/, 'lowercase letters, digits and _')),
    description: trimmed(2, 500),
    weight: described(wholeNumber(1, 100), 'whole percent of the total score, 1–100'),
    pastPerformance: z.optional(
      described(
        z.boolean(),
        'R-PROC-6: not scored by evaluators: the neutral 50 for every bid until evaluations are recorded (a later capability); at most one',
      ),
    ),
  }))();

export const PaymentMilestoneInput = /* @__PURE__ */ (() =>
  z.strictObject({
    event: described(z.enum(PAYMENT_EVENTS), 'signing, mid_term_review, acceptance_passed (last, R-ACC-3)'),
    percent: described(decimal(0.01, 100, 2), 'percent, 0.01–100, at most two decimals'),
    note: z.optional(trimmed(1, 500)),
  }))();

const EvaluationCriteria = /* @__PURE__ */ (() =>
  described(
    z.strictObject({
      quality: z.array(QualityCriterion).check(z.minLength(1), z.maxLength(20)),
      priceWeight: described(
        percentage(),
        'percent; inside the purchaser’s bounds, which lie in 10–30 % (R-PROC-3). Price score = lowest valid price ÷ bid price × priceWeight',
      ),
    }),
    'R-PROC-3: quality and service criteria first; weights in percent add up to 100 with priceWeight',
  ))();

const Quantity = /* @__PURE__ */ (() =>
  z.strictObject({
    value: quantityValue(),
    unit: trimmed(1, 20),
  }))();

const Term = /* @__PURE__ */ (() =>
  described(z.strictObject({ start: IsoDate, end: IsoDate }), 'service term, both days included'))();

const ProjectFields = /* @__PURE__ */ (() => ({
  title: trimmed(4, 200),
  catalogCode: z.string().check(z.regex(/^[A-Z][A-Z0-9-]{2,40}$/, 'a catalog code such as C-CAREGIVING')),
  budgetLineId: RecordId,
  estimatedAmount: positiveFen('fen; at most what the budget line has available (R-FUND-2)'),
  quantity: Quantity,
  term: Term,
  serviceStandard: described(
    z.optional(ServiceStandard),
    "default: the catalog item's standard (R-CAT-4); a refinement keeps its indicators",
  ),
  procurementMethod: ProcurementMethod,
  invitedContractorIds: z.optional(
    described(
      z.array(RecordId).check(z.maxLength(20)),
      'invited_tender only: at least 3 eligible contractors',
    ),
  ),
  singleSourceRationale: z.optional(
    described(trimmed(1, 4000), 'single_source only: the written justification (R-PROC-2)'),
  ),
  allowNaturalPersons: z.optional(
    described(z.boolean(), 'R-QUAL-1: natural persons may bid only where no qualified organization exists'),
  ),
  evaluationCriteria: EvaluationCriteria,
  paymentMilestones: z.optional(
    described(
      z.array(PaymentMilestoneInput).check(z.minLength(1), z.maxLength(12)),
      'R-CON-2 settlement: percentages summing to 100; default 30 % at signing, 40 % after the mid-term review, 30 % on passed acceptance',
    ),
  ),
}))();

export const CreateProjectBody = /* @__PURE__ */ (() =>
  component(z.strictObject({ purchaserId: RecordId, ...ProjectFields }), 'CreateProject'))();

export const UpdateProjectBody = /* @__PURE__ */ (() =>
  component(z.strictObject(ProjectFields), 'UpdateProject', 'Replaces a draft’s content'))();

export const CancelProjectBody = /* @__PURE__ */ (() =>
  component(z.strictObject({ reason: CancellationReason, note: trimmed(2, 1000) }), 'CancelProject'))();

const RankedBid = /* @__PURE__ */ deferred(() =>
  z.object({
    rank: count(),
    bidId: z.string(),
    contractorId: z.string(),
    price: fen(),
    nonProfitSocialOrganization: z.boolean(),
    quality: described(z.string(), 'weighted quality score, 2 decimals'),
    priceScore: described(z.string(), 'lowest valid price ÷ bid price × priceWeight, 2 decimals'),
    total: z.string(),
    criteria: z.array(
      z.object({
        code: z.string(),
        source: z.enum(['evaluators', 'past_performance']),
        score: z.string(),
      }),
    ),
    drawRequired: z.boolean(),
  }),
);

const ProjectEvaluation = /* @__PURE__ */ deferred(() =>
  described(
    z.object({
      round: count(),
      evaluatedAt: instant('when this scoring round was ranked'),
      ranked: z.array(RankedBid()),
      disqualified: z.array(z.object({ bidId: z.string(), contractorId: z.string(), reason: z.string() })),
      tieBreaks: z.array(
        z.object({
          above: z.string(),
          below: z.string(),
          reason: z.string(),
          rule: z.string(),
          statement: z.string(),
        }),
      ),
      winner: z.optional(z.string()),
      drawRequired: z.boolean(),
    }),
    'R-PROC-3, R-QUAL-4: the ranking of the latest scoring round, ties explained',
  ),
);

const ProjectAward = /* @__PURE__ */ deferred(() =>
  z.object({
    bidId: z.string(),
    contractorId: z.string(),
    contractorName: z.string(),
    contractorKind: z.string(),
    price: fen(),
    awardedAt: instant('when the contract was awarded to this bid'),
    standstill: described(
      z.object({
        opensAt: instant('when challenges become admissible: the start of the standstill'),
        lastDay: IsoDate,
        closesAt: instant('when the standstill ends (exclusive): the end of its last day, Asia/Shanghai'),
        movedToWorkingDay: z.boolean(),
      }),
      'R-PROC-5: challenges are admissible from opensAt until closesAt (exclusive)',
    ),
  }),
);

const TimelineEntry = /* @__PURE__ */ deferred(() =>
  z.object({
    at: instant('when the project took this step'),
    status: ProjectStatus,
    event: z.string(),
    by: Actor(),
    note: z.optional(z.string()),
  }),
);

export const Project = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: z.string(),
      purchaserId: z.string(),
      fiscalYear: wholeNumber(2000, 2100),
      title: z.string(),
      catalogCode: z.string(),
      budgetLineId: z.string(),
      estimatedAmount: fen(),
      currency: z.literal('CNY'),
      quantity: z.object({ value: quantityValue(), unit: z.string() }),
      term: Term,
      serviceStandard: ServiceStandard,
      serviceStandardRefined: z.boolean(),
      procurementMethod: ProcurementMethod,
      invitedContractorIds: z.array(z.string()),
      singleSourceRationale: z.optional(z.string()),
      allowNaturalPersons: z.boolean(),
      evaluationCriteria: z.object({
        quality: z.array(
          z.object({
            code: z.string(),
            description: z.string(),
            weight: wholeNumber(1, 100),
            pastPerformance: z.optional(z.boolean()),
          }),
        ),
        priceWeight: percentage(),
      }),
      paymentMilestones: z.array(PaymentMilestoneInput),
      status: ProjectStatus,
      timeline: z.array(TimelineEntry()),
      cancellation: z.optional(
        z.object({
          reason: CancellationReason,
          note: described(z.string(), 'internal: the clerk’s note is not published'),
          publicNote: z.optional(
            described(z.string(), 'published with the cancellation (a sustained challenge’s public reason)'),
          ),
          at: instant('when the project was cancelled'),
        }),
      ),
      evaluatorIds: z.array(z.string()),
      panel: z.optional(PanelRecord()),
      panelHistory: z.optional(z.array(PanelHistoryEntry())),
      scoringRound: count(),
      tender: z.optional(
        z.object({
          publishedAt: instant('when the tender notice was published'),
          bidDeadline: instant(BID_DEADLINE),
          minimumBids: count(),
        }),
      ),
      workflow: z.optional(
        z.object({
          executionArn: z.string(),
          startedAt: instant('when the procurement workflow started'),
          waitingFor: z.optional(z.enum(WAITING_FOR)),
          failure: z.optional(
            z.object({ error: z.string(), cause: z.string(), at: instant('when the workflow failed') }),
          ),
        }),
      ),
      evaluation: z.optional(ProjectEvaluation()),
      award: z.optional(ProjectAward()),
      withdrawnAwards: z.optional(
        z.array(
          z.extend(ProjectAward(), {
            withdrawnAt: instant('when the award was withdrawn by a sustained challenge'),
            challengeId: z.string(),
          }),
        ),
      ),
      unsuccessful: z.optional(
        z.object({
          reason: z.enum(UNSUCCESSFUL_REASONS),
          detail: z.string(),
          at: instant('when the procurement was declared unsuccessful'),
        }),
      ),
      contract: z.optional(
        z.object({
          id: z.string(),
          signedAt: z.optional(instant('when the second side signed the contract')),
        }),
      ),
      createdBy: Actor(),
      version: count(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    }),
    'Project',
  ),
);

export const ProjectList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(Project()), cursor: z.optional(z.string()) }),
);

export const ProjectQuery = /* @__PURE__ */ (() =>
  z.extend(PageQuery, {
    purchaserId: described(z.optional(RecordId), "default: the caller's own purchaser"),
    status: z.optional(ProjectStatus),
  }))();

export const PublishProjectBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      bidDeadline: described(
        // R-PROC-1: EventBridge gives S3's creation time to the second, so a deadline inside a second could not be
        // judged; a deadline on a whole second is (a fraction of zeros, such as .000, is allowed).
        IsoDateTime.check(
          z.refine((value: string) => Date.parse(value) % 1000 === 0, {
            message: 'must be on a whole second (no fraction of a second)',
          }),
        ),
        'when bidding closes (exclusive), on a whole second; at least the method’s minimum period after publication (R-PROC-2), at most 180 days',
      ),
    }),
    'PublishProject',
  ))();

export const PublicationAccepted = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      projectId: z.string(),
      executionArn: described(z.string(), 'the procurement workflow execution that publishes the notice'),
      bidDeadline: instant(BID_DEADLINE),
      status: described(z.literal('publishing'), 'the notice appears on the project within moments'),
    }),
    'PublicationAccepted',
  ),
);

import { CLAUSE_KEYS, CONTRACT_STATUSES, PAYMENT_EVENTS } from '#shared/domain/contract';
import { AcceptancePlan } from './acceptance-plan.schema';
import { fen, positiveFen } from './budget.schema';
import { ServiceStandard } from './catalog.schema';
import {
  ActorView,
  count,
  decimal,
  createdAt,
  instant,
  IsoDate,
  PageQuery,
  quantityValue,
  RecordId,
  updatedAt,
  wholeNumber,
} from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const Signature = /* @__PURE__ */ deferred(() =>
  z.object({ by: ActorView(), at: instant('when this side signed the contract') }),
);

const Clause = /* @__PURE__ */ deferred(() =>
  z.object({
    key: z.enum(CLAUSE_KEYS),
    titleZh: z.string(),
    titleEn: z.string(),
    textZh: described(
      z.string(),
      'the template text with the project and award filled in: what both sides sign',
    ),
  }),
);

const PaymentMilestone = /* @__PURE__ */ deferred(() =>
  z.object({
    seq: wholeNumber(1, 12),
    event: described(z.enum(PAYMENT_EVENTS), 'the last one is paid only on a passed acceptance (R-ACC-3)'),
    percent: described(decimal(0.01, 100, 2), 'percent, at most two decimals'),
    basisPoints: described(wholeNumber(1, 10_000), '1/100 %; the milestones add up to 10 000'),
    amount: fen('integer fen; the milestones add up to the price exactly'),
    note: z.optional(z.string()),
  }),
);

export const Contract = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: z.string(),
      projectId: z.string(),
      bidId: z.string(),
      purchaserId: z.string(),
      contractorId: z.string(),
      budgetLineId: described(z.string(), 'committed with the second signature (R-FUND-2)'),
      template: described(
        z.object({ templateId: z.string(), version: count() }),
        "R-CON-1: the district's standard template and its version",
      ),
      title: z.string(),
      catalogCode: z.string(),
      term: described(z.object({ start: IsoDate, end: IsoDate }), 'service term, both days included'),
      quantity: z.object({ value: quantityValue(), unit: z.string() }),
      serviceStandard: ServiceStandard,
      price: positiveFen('the awarded price, integer fen'),
      currency: z.literal('CNY'),
      clauses: described(
        z.array(Clause()),
        'R-CON-2..4: content, term, quantity, quality standard, price, settlement, rights and obligations, liability for breach, no subcontracting, financial reporting and supervision',
      ),
      paymentMilestones: z.array(PaymentMilestone()),
      acceptancePlan: AcceptancePlan(),
      status: described(
        z.enum(CONTRACT_STATUSES),
        'draft → signed_by_one → signed → completed (the last milestone paid) or terminated (for breach); the second signature commits the budget line (R-FUND-2)',
      ),
      signatures: z.object({ purchaser: z.optional(Signature()), contractor: z.optional(Signature()) }),
      completedAt: z.optional(instant('when the last milestone was paid and the contract completed')),
      termination: z.optional(
        described(
          z.object({
            reason: z.string(),
            liability: z.string(),
            by: ActorView(),
            at: instant('when the bureau terminated the contract'),
            released: fen('the unpaid remainder released from the budget line’s commitment, integer fen'),
          }),
          'terminated for breach by the bureau (R-CON-3, R-FUND-2)',
        ),
      ),
      version: count(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    }),
    'Contract',
    'A service contract from the standard template (R-CON-1..4)',
  ),
);

export const ContractList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(Contract()), cursor: z.optional(z.string()) }),
);

export const ContractQuery = /* @__PURE__ */ (() =>
  z.extend(PageQuery, {
    contractorId: described(
      z.optional(RecordId),
      'whose contracts, newest first: required for staff; a contractor lists its own',
    ),
  }))();

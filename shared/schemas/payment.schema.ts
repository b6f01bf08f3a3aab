/**
 * Payments, the payment clock, withholding and termination (issue 13 §4; R-ACC-3, R-FUND-2; docs/payments.md).
 * Request bodies are strict: an unknown field is a 400 naming it (issue 12 §3).
 */
import { PAYMENT_EVENTS } from '#shared/domain/payment-schedule';
import { fen } from './budget.schema';
import {
  ActorView,
  count,
  createdAt,
  IsoDate,
  instant,
  PageQuery,
  RecordId,
  updatedAt,
  wholeNumber,
} from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

/** A contract has at most 12 payment milestones (checked when the schedule is declared). */
const MilestoneSeq = /* @__PURE__ */ (() =>
  described(wholeNumber(1, 12), 'the payment milestone’s sequence number (1 = the first)'))();

export const MilestoneParams = /* @__PURE__ */ (() =>
  z.object({
    id: RecordId,
    seq: described(
      z.coerce.number().check(z.int(), z.minimum(1), z.maximum(12)),
      'the payment milestone’s sequence number (1 = the first)',
    ),
  }))();

export const PayMilestoneBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      milestoneSeq: MilestoneSeq,
      reference: z.optional(
        described(trimmed(1, 100), 'the treasury’s payment reference (支付凭证号), for the record'),
      ),
    }),
    'PayMilestone',
    'Pays one payment milestone of the contract: it must be payable (its acceptance passed, R-ACC-3; the signing advance from the signature), not withheld, and every earlier milestone paid. The amount is always the milestone’s payable (its amount less the deduction), never sent',
  ))();

export const WithholdBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      reason: described(
        trimmed(1, 2000),
        'why the payment is withheld: the corrective action awaited (2 CFR 200.339), shown to the contractor',
      ),
    }),
    'WithholdMilestone',
    'Withholds a payable milestone pending corrective action, never silently: the reason is recorded and shown',
  ))();

export const ReleaseBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      note: described(trimmed(1, 2000), 'what was corrected, or why the hold ends'),
    }),
    'ReleaseMilestone',
    'Releases a withheld milestone: payable again, its due date moved by the days it was held (the clock paused)',
  ))();

export const TerminateBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      reason: described(trimmed(1, 2000), 'the breach the contract is terminated for'),
      liability: described(
        trimmed(1, 2000),
        'the liability for breach fixed under the contract’s clause (违约责任), e.g. a penalty or damages',
      ),
    }),
    'TerminateContract',
    'Terminates a signed contract for breach: every unpaid milestone is cancelled and the unpaid remainder released from the budget line’s commitment (R-FUND-2)',
  ))();

export const DueQuery = /* @__PURE__ */ (() =>
  z.extend(PageQuery, {
    purchaserId: described(
      z.optional(RecordId),
      "whose milestones (one purchaser's due list): default the caller's own purchaser",
    ),
  }))();

const Hold = /* @__PURE__ */ deferred(() =>
  z.object({
    reason: z.string(),
    by: ActorView(),
    at: instant('when the milestone was withheld'),
    releasedAt: z.optional(instant('when the hold was released')),
    releasedBy: z.optional(ActorView()),
    releaseNote: z.optional(z.string()),
  }),
);

export const Milestone = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      contractId: z.string(),
      purchaserId: z.string(),
      contractorId: z.string(),
      budgetLineId: z.string(),
      seq: wholeNumber(1, 12),
      event: z.enum(PAYMENT_EVENTS),
      amount: fen('the schedule’s amount, integer fen'),
      status: described(
        z.enum(['scheduled', 'payable', 'withheld', 'paid', 'cancelled']),
        'scheduled → payable (its acceptance passed; the signing advance at signature) → paid; payable ⇄ withheld; cancelled when the contract is terminated',
      ),
      acceptance: z.optional(
        z.object({
          id: z.string(),
          passedAt: instant('when the acceptance passed'),
          rectificationRounds: count(),
        }),
      ),
      deduction: fen('what the liability clause deducts for rectification rounds, integer fen'),
      payable: fen('what is paid: amount − deduction, integer fen'),
      payableSince: z.optional(instant('when the milestone became payable: the payment clock starts')),
      dueBy: z.optional(
        described(
          IsoDate,
          'the Shanghai date it is due by: the plan’s payment term (default 30, at most 60 days)',
        ),
      ),
      withheld: z.optional(
        z.object({ reason: z.string(), by: ActorView(), at: instant('when the milestone was withheld') }),
      ),
      holds: described(z.array(Hold()), 'every withholding and its release, in order (never silent)'),
      payment: z.optional(
        z.object({
          id: z.string(),
          amount: fen('what was paid, integer fen'),
          paidAt: instant('when the milestone was paid'),
        }),
      ),
      version: count(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    }),
    'Milestone',
    'A payment milestone of a signed contract (R-ACC-3, R-FUND-2)',
  ),
);

export const MilestoneList = /* @__PURE__ */ deferred(() =>
  z.object({ contractId: z.string(), contractStatus: z.string(), items: z.array(Milestone()) }),
);

export const DueMilestone = /* @__PURE__ */ deferred(() =>
  component(
    z.extend(Milestone(), {
      state: described(
        z.enum(['due', 'overdue', 'withheld']),
        'as of today in Asia/Shanghai: due through dueBy, overdue after it; a withheld one is listed but not due',
      ),
      daysOverdue: count(),
    }),
    'DueMilestone',
    'A payable or withheld milestone on the purchaser’s due list',
  ),
);

export const DueList = /* @__PURE__ */ deferred(() =>
  z.object({
    purchaserId: z.string(),
    today: described(IsoDate, 'the Shanghai date the states are judged on'),
    items: z.array(DueMilestone()),
    cursor: z.optional(z.string()),
  }),
);

export const Payment = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: described(z.string(), '<contractId>.p<seq>: one payment per milestone'),
      contractId: z.string(),
      seq: wholeNumber(1, 12),
      purchaserId: z.string(),
      contractorId: z.string(),
      budgetLineId: z.string(),
      amount: fen('what was paid: the milestone’s amount less the deduction, integer fen'),
      milestoneAmount: fen('the milestone’s scheduled amount, integer fen'),
      deduction: fen('the liability clause’s deduction, integer fen'),
      acceptanceId: z.optional(z.string()),
      reference: z.optional(z.string()),
      paidBy: ActorView(),
      paidAt: instant('when the payment was made'),
      contractStatus: described(
        z.enum(['signed', 'completed']),
        'completed when this was the last milestone',
      ),
      version: count(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    }),
    'Payment',
    'A payment of one milestone (R-ACC-3, R-FUND-2)',
  ),
);

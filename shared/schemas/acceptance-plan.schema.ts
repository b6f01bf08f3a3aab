/**
 * The acceptance plan (履约验收方案, R-ACC-1..3, shared/domain/acceptance-plan.ts): part of the contract's view, and the
 * body of PUT /v1/contracts/{id}/acceptance-plan while nobody has signed.
 */
import { PAYMENT_TERM_MAX_DAYS } from '#shared/domain/acceptance-plan';
import { Indicator } from './catalog.schema';
import { IsoDate, quantityValue, wholeNumber } from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const PlanIndicator = /* @__PURE__ */ (() =>
  z.extend(Indicator, {
    mandatory: described(
      z.boolean(),
      'a mandatory indicator that misses its target fails the acceptance (R-ACC-1)',
    ),
  }))();

const Stage = /* @__PURE__ */ (() =>
  z.strictObject({
    milestoneSeq: described(wholeNumber(1, 12), 'the payment milestone this stage’s acceptance releases'),
    event: z.enum(['mid_term_review', 'acceptance_passed']),
    from: described(IsoDate, 'the Shanghai date from which the purchaser opens this stage’s acceptance'),
  }))();

const DeliveryLine = /* @__PURE__ */ (() =>
  z.strictObject({
    code: described(z.string().check(z.regex(/^[a-z0-9_]{2,40}$/)), 'what a delivery record counts against'),
    description: z.string().check(z.minLength(1), z.maxLength(500)),
    unit: z.string().check(z.minLength(1), z.maxLength(40)),
    planned: described(quantityValue(), 'planned over the whole term, in the unit'),
  }))();

export const AcceptancePlan = /* @__PURE__ */ deferred(() =>
  component(
    z.strictObject({
      method: described(
        z.string().check(z.minLength(1), z.maxLength(500)),
        'how the panel inspects: on-site inspection, records review, recipient survey',
      ),
      indicators: described(
        z.array(PlanIndicator).check(z.minLength(1), z.maxLength(50)),
        'the service standard’s indicators the panel measures, with their targets (R-ACC-1)',
      ),
      stages: described(
        z.array(Stage).check(z.maxLength(12)),
        'one acceptance per milestone paid on a review or a passed acceptance (分期验收)',
      ),
      recipients: z.strictObject({
        sampleSize: described(
          wholeNumber(1, 500),
          'service recipients invited, drawn from the delivery records',
        ),
        minimumOpinions: described(
          wholeNumber(1, 500),
          'fewer opinions than this fail the acceptance (R-ACC-2)',
        ),
        satisfiedShareBp: described(
          wholeNumber(0, 10_000),
          'basis points of opinions scoring 4–5 below which the acceptance fails; default 8 000 (80 %)',
        ),
        answerDays: described(wholeNumber(1, 60), 'days the recipients have to answer their invitations'),
      }),
      panel: z.strictObject({
        quorum: described(wholeNumber(1, 15), 'members whose signatures complete the panel’s decision'),
      }),
      rectification: z.strictObject({
        maxRounds: described(wholeNumber(0, 5), 'rectification rounds before the acceptance fails for good'),
        days: described(wholeNumber(1, 180), 'days the contractor has to rectify, per round'),
        deductionBpPerRound: described(
          wholeNumber(0, 10_000),
          'basis points of the milestone deducted per rectification round (the liability clause)',
        ),
      }),
      paymentTermDays: described(
        wholeNumber(1, PAYMENT_TERM_MAX_DAYS),
        'days from a passed acceptance within which the milestone is paid: default 30, at most 60 (国务院令第802号)',
      ),
      minimumQualifiedShareBp: described(
        wholeNumber(0, 10_000),
        'basis points of dispatched staff with a social-work qualification the contract requires (R-STAFF-1)',
      ),
      delivery: described(
        z.array(DeliveryLine).check(z.minLength(1), z.maxLength(50)),
        'planned quantities over the term, against which progress is measured (R-SUP-1)',
      ),
    }),
    'AcceptancePlan',
    '履约验收方案: agreed in the contract (财库〔2021〕22号 第二十四条), shown to both sides (R-ACC-1..3)',
  ),
);

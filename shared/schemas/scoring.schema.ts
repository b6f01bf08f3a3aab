import { PROJECT_STATUSES } from '#shared/domain/project';
import { count, decimal, IsoDateTime, percentage, RecordId, wholeNumber } from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

/** Cognito subjects are UUIDs; the embedded stack's dev tokens use short names such as u-evaluator. */
const Subject = /* @__PURE__ */ (() =>
  described(
    z.string().check(z.regex(/^[0-9A-Za-z_.:@-]{1,128}$/, 'a JWT subject (sub)')),
    'the evaluator’s JWT subject (sub)',
  ))();

export const AssignEvaluatorsBody = /* @__PURE__ */ (() =>
  component(
    z.object({
      evaluatorIds: described(
        z.array(Subject).check(z.maxLength(25)),
        'R-PROC-3: distinct, an odd number, at least 5 for open and invited tenders (评标委员会 5 人以上单数), at least 3 otherwise',
      ),
    }),
    'AssignEvaluators',
    'Replaces the panel; allowed while approved, published or bidding_closed and before the round’s first sheet',
  ))();

const Score = /* @__PURE__ */ (() =>
  z.object({
    bidId: RecordId,
    criterionCode: z.string().check(z.minLength(1), z.maxLength(40)),
    score: described(decimal(0, 100, 1), '0–100 with at most one decimal (R-PROC-3)'),
  }))();

export const SubmitScoresBody = /* @__PURE__ */ (() =>
  component(
    z.object({
      scores: described(
        z.array(Score).check(z.maxLength(1000)),
        'every valid bid on every quality criterion the evaluators score (not the past-performance one, R-PROC-6)',
      ),
    }),
    'SubmitScores',
    'One evaluator’s whole sheet for the current round; replaceable until the round is complete',
  ))();

export const ScoreSheet = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      projectId: z.string(),
      round: described(count(), '1 at the first scoring; a sustained challenge with rescore starts the next'),
      evaluatorId: z.string(),
      scores: z.array(z.object({ bidId: z.string(), criterionCode: z.string(), score: decimal(0, 100, 1) })),
      submittedAt: IsoDateTime,
      version: count(),
    }),
    'ScoreSheet',
  ),
);

export const ScoreSheetList = /* @__PURE__ */ deferred(() =>
  component(
    z.object({ projectId: z.string(), sheets: z.array(ScoreSheet()) }),
    'ScoreSheetList',
    'Sheets by round, then evaluator',
  ),
);

export const EvaluatorProject = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(PROJECT_STATUSES),
      bidDeadline: z.optional(IsoDateTime),
      scoringRound: described(count(), '0 until bidding closes'),
      evaluationCriteria: z.object({
        quality: z.array(
          z.object({
            code: z.string(),
            description: z.string(),
            weight: wholeNumber(1, 100),
            pastPerformance: z.optional(
              described(z.boolean(), 'scored from the evaluation record, not by evaluators (R-PROC-6)'),
            ),
          }),
        ),
        priceWeight: described(
          percentage(),
          'scored by formula: lowest valid price ÷ bid price × priceWeight',
        ),
      }),
    }),
    'EvaluatorProject',
    'What an evaluator needs to score a project',
  ),
);

export const EvaluatorProjectList = /* @__PURE__ */ deferred(() =>
  z.object({
    items: z.array(EvaluatorProject()),
    cursor: z.optional(z.string()),
  }),
);

export const DrawBody = /* @__PURE__ */ (() =>
  component(
    z.object({
      order: described(
        z.array(RecordId).check(z.minLength(2), z.maxLength(50)),
        'the bids tied for the first place, in the drawn order',
      ),
      witnessedBy: described(
        z.array(trimmed(1, 100)).check(z.minLength(1), z.maxLength(10)),
        'who witnessed the draw (R-PROC-5)',
      ),
    }),
    'DrawResult',
    'R-PROC-5: the result of a documented draw between bids that no rule ranks apart',
  ))();

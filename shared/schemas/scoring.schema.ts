import { POOL_STATUSES } from '#shared/domain/evaluator-pool';
import { PROJECT_STATUSES } from '#shared/domain/project';
import { count, decimal, instant, percentage, RecordId, updatedAt, wholeNumber } from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

/**
 * Cognito subjects are UUIDs; the embedded stack's dev tokens use short names such as u-evaluator. It starts with
 * a letter or digit, so as a path segment (`/v1/evaluators/{sub}`) it is never `.` or `..`.
 */
const Subject = /* @__PURE__ */ (() =>
  described(
    z.string().check(z.regex(/^[0-9A-Za-z][0-9A-Za-z_.:@-]{0,127}$/, 'a JWT subject (sub)')),
    'the evaluator’s JWT subject (sub)',
  ))();

/** Why a panel changes after the bid deadline (R-PROC-5): kept on the panel history and in the audit entry. */
const PanelReason = /* @__PURE__ */ (() =>
  described(
    trimmed(1, 500),
    'R-PROC-5: required from the bid deadline on, when only the bureau may change the panel; kept on the panel history and in the audit entry',
  ))();

export const AssignEvaluatorsBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      evaluatorIds: described(
        z.array(Subject).check(z.maxLength(21)),
        'R-PROC-3: active members of the evaluator pool, distinct, an odd number, at least 5 for open and invited tenders (评标委员会 5 人以上单数), at least 3 otherwise, at most 21',
      ),
      reason: z.optional(PanelReason),
    }),
    'AssignEvaluators',
    'Replaces the panel; allowed while approved, published or bidding_closed and before the round’s first sheet. Before the bid deadline the purchaser sets it; from the deadline on only the bureau, with a reason (R-PROC-5)',
  ))();

export const DrawPanelBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      size: described(
        wholeNumber(3, 21),
        'R-PROC-3: how many to draw: an odd number, at least the method’s minimum',
      ),
      expertise: z.optional(
        described(trimmed(1, 40), 'draw only among active members with this field of expertise'),
      ),
      reason: z.optional(PanelReason),
    }),
    'DrawPanel',
    'R-PROC-5: the system draws the panel from the active evaluator pool with a seed published on the project’s panel record',
  ))();

export const EvaluatorParams = /* @__PURE__ */ (() => z.object({ sub: Subject }))();

export const RegisterEvaluatorBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      name: trimmed(1, 100),
      expertise: described(
        z.array(trimmed(1, 40)).check(z.minLength(1), z.maxLength(10)),
        'fields of expertise (专业领域), each once',
      ),
    }),
    'RegisterEvaluator',
    'R-PROC-3: the bureau states that this user (token sub) is an evaluator: 201 registered, 200 updated or unchanged',
  ))();

export const RetireEvaluatorBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({ reason: trimmed(1, 500) }),
    'RetireEvaluator',
    'R-PROC-3: a retired evaluator sits on no new panel; the entry stays, dated',
  ))();

const ActorView = /* @__PURE__ */ deferred(() => z.object({ sub: z.string(), role: z.string() }));

export const PoolMember = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      sub: z.string(),
      name: z.string(),
      expertise: z.array(z.string()),
      status: z.enum(POOL_STATUSES),
      registeredAt: instant('when the evaluator joined the pool'),
      registeredBy: ActorView(),
      retired: z.optional(
        z.object({ at: instant('when the evaluator was retired'), by: ActorView(), reason: z.string() }),
      ),
      version: count(),
      updatedAt: updatedAt(),
    }),
    'PoolMember',
    'A member of the evaluator pool (评审专家库)',
  ),
);

export const PoolMemberList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(PoolMember()), cursor: z.optional(z.string()) }),
);

const PanelDrawView = /* @__PURE__ */ deferred(() =>
  described(
    z.object({
      algorithm: z.literal('sha256-rank/v1'),
      size: count(),
      expertise: z.optional(z.string()),
      seedInputs: z.object({
        projectId: z.string(),
        bidDeadline: z.nullable(
          instant('the project’s bid deadline when the panel was drawn; null before publication'),
        ),
        drawnAt: instant('when the panel was drawn'),
        nonce: z.string(),
        auditHead: z.string(),
        poolDigest: z.string(),
      }),
      seed: z.string(),
      pool: z.array(z.string()),
    }),
    'seed = SHA-256 of the lines: algorithm, projectId, bidDeadline (empty if null), drawnAt, nonce, auditHead, poolDigest; poolDigest = SHA-256 of the pool’s subs in code-unit order, one per line; the panel is the `size` subs of the pool with the lowest SHA-256(seed + "\n" + sub)',
  ),
);

const panelFields = () => ({
  at: instant('when the panel was set'),
  by: ActorView(),
  method: z.enum(['named', 'drawn']),
  evaluatorIds: z.array(z.string()),
  afterDeadline: described(z.boolean(), 'set from the bid deadline on (R-PROC-5)'),
  reason: z.optional(z.string()),
});

/** How the current panel was set, and every setting before it (for the project view, project.schema.ts). */
export const PanelRecord = /* @__PURE__ */ deferred(() =>
  component(z.object({ ...panelFields(), draw: z.optional(PanelDrawView()) }), 'PanelRecord'),
);
export const PanelHistoryEntry = /* @__PURE__ */ deferred(() =>
  z.object({ ...panelFields(), seed: z.optional(z.string()) }),
);

const Score = /* @__PURE__ */ (() =>
  z.strictObject({
    bidId: RecordId,
    criterionCode: z.string().check(z.minLength(1), z.maxLength(40)),
    score: described(decimal(0, 100, 1), '0–100 with at most one decimal (R-PROC-3)'),
  }))();

export const SubmitScoresBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
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
      submittedAt: instant('when the evaluator last submitted the sheet'),
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
      bidDeadline: z.optional(instant('when bidding closes (exclusive), on a whole second')),
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
    z.strictObject({
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

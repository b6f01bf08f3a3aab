/**
 * Acceptances (履约验收, R-ACC-1..4, shared/domain/acceptance.ts; docs/acceptance.md): opening one per payment milestone,
 * the recipients' opinion form (no account: the invitation's token in the body, never in a URL), the panel's
 * measurements and signatures. Request bodies are strict: an unknown field is a 400 naming it (issue 12 §3).
 */
import { PANEL_ROLES } from '#shared/domain/acceptance';
import {
  ActorView,
  count,
  createdAt,
  decimal,
  instant,
  RecordId,
  updatedAt,
  wholeNumber,
} from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

/** A panel member's token subject (a user of the bureau or the town, or an evaluator of the district's pool). */
const Sub = /* @__PURE__ */ (() =>
  described(
    z.string().check(z.regex(/^[0-9A-Za-z_][\w.:@-]{0,127}$/, "a user's token sub")),
    "the member's token subject",
  ))();

export const AcceptanceParams = /* @__PURE__ */ (() => z.object({ id: RecordId, acceptanceId: RecordId }))();

export const OpenAcceptanceBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      milestoneSeq: described(
        wholeNumber(1, 12),
        "the payment milestone whose stage of the contract's acceptance plan is accepted (from the stage's date on)",
      ),
      panel: described(
        z
          .array(z.strictObject({ sub: Sub, role: z.enum(PANEL_ROLES) }))
          .check(z.minLength(1), z.maxLength(20)),
        "the inspection panel (验收小组): at least the plan's quorum of distinct members, each a bureau or town user or an evaluator",
      ),
    }),
    'OpenAcceptance',
    'Opens the acceptance of one stage: the panel, and a sample of the recipients the delivery records served, each invited once (R-ACC-1, R-ACC-2)',
  ))();

/** The recipient's single-use token: 43 base64url characters (256 random bits). */
const InvitationToken = /* @__PURE__ */ (() =>
  described(
    z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'an invitation token')),
    "the invitation's token as handed to the recipient (single use; sent in the body, never in a URL)",
  ))();

export const InvitationLookupBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({ token: InvitationToken }),
    'InvitationLookup',
    'What an invitation asks: the contract, its service items and what to answer',
  ))();

export const SubmitOpinionBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      token: InvitationToken,
      satisfaction: described(
        wholeNumber(1, 5),
        '1 very dissatisfied … 5 very satisfied; 4 and 5 count as satisfied',
      ),
      items: described(
        z.array(z.string().check(z.regex(/^[a-z0-9_]{2,40}$/))).check(z.maxLength(50)),
        "the service items (the contract's delivery lines, by code) the recipient was served, each once",
      ),
      comment: z.optional(described(trimmed(1, 500), 'a comment, at most 500 characters')),
    }),
    'SubmitOpinion',
    "A service recipient's opinion (R-ACC-2): once per invitation; no name, no identity",
  ))();

export const RecordMeasurementsBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      values: described(
        z
          .array(
            z.strictObject({
              code: described(
                z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,40}$/)),
                'an indicator code of the acceptance plan',
              ),
              value: described(
                decimal(-1_000_000_000, 1_000_000_000, 4),
                'the measured value, in the indicator’s unit',
              ),
            }),
          )
          .check(z.minLength(1), z.maxLength(50)),
        'the measured value of every indicator of the acceptance plan, each once, for the current round',
      ),
    }),
    'RecordMeasurements',
    "The panel's measured values for the current round (R-ACC-1); the rule's outcome follows from them and the opinions",
  ))();

export const SignAcceptanceBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      verdict: described(
        z.enum(['confirm', 'fail']),
        "confirm the rule's outcome, or fail the result with a written reason; a signature never passes what the rule fails",
      ),
      reason: z.optional(described(trimmed(1, 1000), 'required with fail: why the member fails the result')),
    }),
    'SignAcceptance',
    "A panel member's signature for the current round (one per member per round)",
  ))();

const IndicatorResult = /* @__PURE__ */ (() =>
  z.object({
    code: z.string(),
    description: z.string(),
    unit: z.string(),
    target: decimal(-1_000_000_000, 1_000_000_000, 4),
    comparison: z.enum(['>=', '<=', '=']),
    mandatory: z.boolean(),
    measured: decimal(-1_000_000_000, 1_000_000_000, 4),
    met: z.boolean(),
  }))();

const Tally = /* @__PURE__ */ (() =>
  z.object({
    received: count(),
    minimum: count(),
    satisfied: count(),
    satisfiedShareBp: z.nullable(count()),
    thresholdBp: count(),
  }))();

const Rule = /* @__PURE__ */ (() =>
  z.object({
    outcome: z.enum(['passed', 'failed']),
    reasons: z.array(
      z.enum(['mandatory_indicator_missed', 'too_few_opinions', 'satisfied_share_below_threshold']),
    ),
    indicators: z.array(IndicatorResult),
    opinions: Tally,
  }))();

export const Acceptance = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: z.string(),
      contractId: z.string(),
      purchaserId: z.string(),
      contractorId: z.string(),
      milestoneSeq: count(),
      status: described(
        z.enum([
          'collecting_opinions',
          'inspecting',
          'rectification',
          'passed',
          'failed',
          'cancelled',
          'interrupted',
        ]),
        'interrupted: its workflow failed beyond its retries (workflow.failure); the milestone may be opened again. failed: final for the milestone (R-ACC-3)',
      ),
      round: count(),
      panel: z.array(z.object({ sub: z.string(), role: z.enum(PANEL_ROLES) })),
      quorum: count(),
      sample: described(
        z.object({ population: count(), size: count(), seed: z.string() }),
        'the recipients the delivery records served, how many were drawn (uniformly), and the recorded seed',
      ),
      invitations: z.optional(
        described(
          z.array(z.object({ invitationId: z.string(), village: z.string(), reference: z.string() })),
          "the recipients invited (village, pseudonymous reference): for the opener's side only (the bureau, the purchasing town; R-ACC-2)",
        ),
      ),
      recipients: z.optional(
        described(
          z.object({
            invited: count(),
            answered: z.optional(described(count(), 'how many answered in the current round')),
            rounds: z.optional(
              described(
                z.array(
                  z.object({
                    round: count(),
                    answered: count(),
                    satisfied: described(count(), 'how many answered 4 or 5'),
                    satisfiedShareBp: z.nullable(count()),
                  }),
                ),
                "each round's opinions counted, from the acceptance's first round to the current one: every inspection asks the same recipients again (R-ACC-2)",
              ),
            ),
          }),
          'how many recipients were invited and how many answered: what everyone but the opener’s side sees of the sample (R-ACC-2)',
        ),
      ),
      answerBy: instant("when the current round's answers are due (set again for each round)"),
      opinionsClosed: z.optional(
        z.object({
          round: z.optional(described(count(), 'the round whose opinions closed')),
          at: instant('when the wait for opinions ended'),
          received: count(),
          minimum: count(),
          short: described(
            z.boolean(),
            'fewer than the minimum had come in when the wait for opinions closed (the record of the close; the decision’s own count is rounds[].rule.opinions)',
          ),
        }),
      ),
      measurements: z.optional(
        z.object({
          round: count(),
          values: z.record(z.string(), decimal(-1_000_000_000, 1_000_000_000, 4)),
          by: ActorView(),
          at: instant('when the measurements were recorded'),
        }),
      ),
      rounds: z.array(
        z.object({
          round: count(),
          rule: Rule,
          decision: z.enum(['passed', 'failed']),
          failedBy: z.array(z.object({ sub: z.string(), reason: z.string() })),
          signatures: z.array(z.object({ sub: z.string(), verdict: z.enum(['confirm', 'fail']) })),
          decidedAt: instant('when the round was decided'),
          next: z.enum(['passed', 'rectification', 'failed']),
          rectificationDueBy: z.optional(z.iso.date()),
          reinspectAt: z.optional(instant('when the next round is inspected')),
        }),
      ),
      cancellation: z.optional(
        described(
          z.object({
            reason: z.string(),
            contractStatus: z.enum(['terminated', 'completed']),
            at: instant('when the acceptance was cancelled'),
          }),
          'the contract ended before the decision (R-ACC-3): the acceptance was cancelled, its milestone not made payable',
        ),
      ),
      continues: z.optional(
        described(
          z.object({ acceptanceId: z.string(), rounds: count() }),
          'the interrupted acceptance of this milestone whose rectification rounds this one carries on from: its first round is rounds + 1, their deduction stands (R-ACC-3)',
        ),
      ),
      workflow: z.object({
        executionArn: z.optional(z.string()),
        waitingFor: z.optional(z.enum(['opinions', 'panel', 'rectification'])),
        failure: z.optional(
          z.object({ error: z.string(), cause: z.string(), at: instant('when the workflow failed') }),
        ),
      }),
      openedBy: ActorView(),
      version: count(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    }),
    'Acceptance',
    'The acceptance of one stage of a contract (R-ACC-1..4)',
  ),
);

export const OpenedAcceptance = /* @__PURE__ */ deferred(() =>
  component(
    z.extend(Acceptance(), {
      tokens: described(
        z.array(
          z.object({
            invitationId: z.string(),
            village: z.string(),
            reference: z.string(),
            name: z.optional(
              described(z.string(), "the recipient's name, for the purchaser to hand the invitation over"),
            ),
            token: z.optional(z.string()),
            expiresAt: instant("when the first round's answers are due"),
          }),
        ),
        'each invited recipient with the token to hand over (it answers once per round): shown once, in this 201 only (a replay omits the tokens)',
      ),
    }),
    'OpenedAcceptance',
    'The acceptance just opened, with the invitations to hand over',
  ),
);

export const InvitationView = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      contractTitle: z.string(),
      items: z.array(z.object({ code: z.string(), description: z.string(), unit: z.string() })),
      expiresAt: instant("when the current round's answers are due"),
      asks: described(z.string(), 'what to answer'),
    }),
    'Invitation',
    "What a recipient's invitation asks",
  ),
);

export const OpinionReceipt = /* @__PURE__ */ deferred(() =>
  component(
    z.object({ received: z.literal(true), answeredAt: instant('when the opinion was received') }),
    'OpinionReceipt',
    'The opinion was received',
  ),
);

export const PanelSignatureView = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      acceptanceId: z.string(),
      round: count(),
      sub: z.string(),
      verdict: z.enum(['confirm', 'fail']),
      reason: z.optional(z.string()),
      signedAt: instant('when the member signed'),
      signed: described(count(), 'how many members have signed this round'),
      quorum: count(),
    }),
    'PanelSignature',
    "A panel member's signature",
  ),
);

/**
 * The acceptance of one stage of a contract (履约验收, R-ACC-1..4; issue 13 §3): per payment milestone the purchaser
 * opens an acceptance, invites the inspection panel and a sample of the service recipients the delivery records
 * served, collects the recipients' opinions until their minimum or the answer deadline, takes the panel's measured
 * value per indicator of the contract's acceptance plan, applies the rule below, and has the panel sign as a
 * committee. A passed acceptance makes its milestone payable (R-ACC-3); a failed one sets a rectification deadline
 * and is inspected again, for the plan's number of rounds, then fails for good. Every result is announced (R-ACC-4).
 * Each round hears the recipients again (R-ACC-2): the same invitations answer once per round, and a round's rule
 * counts that round's opinions only.
 *
 *   collecting_opinions → inspecting → rectification → collecting_opinions (round + 1) → … → passed | failed
 *   (any of the first three) → cancelled, when the contract ends (terminated, or completed) before the decision
 *   (any of the first three) → interrupted, when a task of its workflow failed beyond its retries (RecordFailure):
 *   the milestone may be opened again; a decided failure is final for its milestone (R-ACC-3)
 *
 * The rule (R-ACC-1, R-ACC-2): failed when a mandatory indicator misses its target, when fewer opinions came in than
 * the plan's minimum, or when the satisfied share (scores 4–5) is below the plan's threshold; else passed.
 *
 * The decision: the rule's outcome, failed if any signature of the quorum fails it. A member may fail a result the
 * rule passes (with a written reason); no member can pass a result the rule fails: a signature only confirms or fails.
 */
import type { Actor } from './audit-chain';
import type { AcceptancePlan, PlanIndicator } from './acceptance-plan';
import { DomainError } from './errors';

/** Basis points: a share of 10 000. */
const BP = 10_000;

export type AcceptanceStatus =
  'collecting_opinions' | 'inspecting' | 'rectification' | 'passed' | 'failed' | 'cancelled' | 'interrupted';

/** The statuses an acceptance ends in (nothing moves it afterwards). */
export const FINAL_ACCEPTANCE_STATUSES: readonly AcceptanceStatus[] = [
  'passed',
  'failed',
  'cancelled',
  'interrupted',
];

/**
 * R-ACC-3: a contract that ended (terminated, its unpaid milestones cancelled; or completed, every milestone paid)
 * has no stage left to accept: an acceptance under way is cancelled, and nothing opens, measures or signs one.
 */
export const contractEnded = (status: string): status is 'terminated' | 'completed' =>
  status === 'terminated' || status === 'completed';
export type WaitingFor = 'opinions' | 'panel' | 'rectification';

/** The roles a panel member holds (the purchaser's staff or an evaluator of the district's pool). */
export const PANEL_ROLES = ['bureau', 'town', 'evaluator'] as const;
export type PanelRole = (typeof PANEL_ROLES)[number];

export interface PanelMember {
  sub: string;
  role: PanelRole;
}

/** A recipient invited, as the purchaser's record holds it: pseudonymous (village + keyed reference). */
export interface InvitedRecipient {
  invitationId: string;
  village: string;
  reference: string;
}

export interface IndicatorResult {
  code: string;
  description: string;
  unit: string;
  target: number;
  comparison: PlanIndicator['comparison'];
  mandatory: boolean;
  measured: number;
  met: boolean;
}

export interface OpinionTally {
  received: number;
  minimum: number;
  satisfied: number;
  /** Basis points of the opinions scoring 4 or 5; null when none came in. */
  satisfiedShareBp: number | null;
  thresholdBp: number;
}

export type RuleFailure =
  'mandatory_indicator_missed' | 'too_few_opinions' | 'satisfied_share_below_threshold';

export interface RuleOutcome {
  outcome: 'passed' | 'failed';
  reasons: RuleFailure[];
  indicators: IndicatorResult[];
  opinions: OpinionTally;
}

export interface PanelSignature {
  contractId: string;
  acceptanceId: string;
  round: number;
  sub: string;
  role: PanelRole;
  verdict: 'confirm' | 'fail';
  /** Required with `fail`: why the member fails the result. */
  reason?: string;
  signedAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface RoundResult {
  round: number;
  rule: RuleOutcome;
  decision: 'passed' | 'failed';
  /** Who failed it with what reason, when a signature did. */
  failedBy: { sub: string; reason: string }[];
  signatures: { sub: string; verdict: 'confirm' | 'fail' }[];
  decidedAt: string;
  /** What came next: passed, a rectification until the Shanghai date, or failed for good. */
  next: 'passed' | 'rectification' | 'failed';
  rectificationDueBy?: string;
  /** ISO instant the workflow waits until before the next round (rectification only). */
  reinspectAt?: string;
}

/** The end of one round's wait for opinions (CloseOpinions). */
export interface OpinionsClosed {
  /** The round whose opinions closed (absent on a record from before rounds re-collected opinions: round 1). */
  round?: number;
  at: string;
  received: number;
  minimum: number;
  short: boolean;
}

export interface Acceptance {
  id: string;
  contractId: string;
  purchaserId: string;
  contractorId: string;
  milestoneSeq: number;
  status: AcceptanceStatus;
  round: number;
  panel: PanelMember[];
  quorum: number;
  /** What the plan said when the acceptance opened (the plan is fixed from the first signature). */
  plan: Pick<AcceptancePlan, 'indicators' | 'recipients' | 'rectification' | 'paymentTermDays'>;
  /** The sample of recipients: how many the delivery records served, how many were drawn, the recorded seed. */
  sample: { population: number; size: number; seed: string };
  invitations: InvitedRecipient[];
  /** ISO instant (Asia/Shanghai offset) the current round's answers are due: the invitations answer nothing after it. */
  answerBy: string;
  /**
   * Set when the current round's wait for opinions ended: how many came in, and whether fewer than the minimum did.
   * Reinspect clears it with the next round (each round's tally stays in its result, `rounds[].rule.opinions`).
   */
  opinionsClosed?: OpinionsClosed;
  /** The panel's measured values of the current round, per indicator code. */
  measurements?: { round: number; values: Record<string, number>; by: Actor; at: string };
  rounds: RoundResult[];
  /** Set when the contract ended before the decision (status cancelled): why, and what the contract became. */
  cancellation?: { reason: string; contractStatus: 'terminated' | 'completed'; at: string };
  workflow: {
    executionArn?: string;
    waitingFor?: WaitingFor;
    failure?: { error: string; cause: string; at: string };
  };
  /**
   * Set when this acceptance re-opened a milestone whose previous acceptance was interrupted after rectification
   * rounds: that acceptance, and how many rectification rounds it had incurred. This one carries on from them (its
   * first round is `rounds + 1`), so their deduction is not lost (R-ACC-3).
   */
  continues?: { acceptanceId: string; rounds: number };
  openedBy: Actor;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The first round of this acceptance: 1, or the next after the rounds of the interrupted one it carries on from. */
export const firstRound = (acceptance: Pick<Acceptance, 'continues'>): number =>
  (acceptance.continues?.rounds ?? 0) + 1;

/**
 * R-ACC-3: a milestone re-opened after an interrupted acceptance carries on from its rectification rounds: the
 * rounds whose decision sent the work to rectification count (each deducts `deductionBpPerRound` once the milestone
 * passes). Undefined when it had none. A round decided `failed` for good never reaches here: the opening refuses it
 * as final (see finalFailure).
 */
export function carriedRounds(
  interrupted: Pick<Acceptance, 'id' | 'rounds' | 'continues'>,
): Acceptance['continues'] {
  const rounds =
    (interrupted.continues?.rounds ?? 0) +
    interrupted.rounds.filter((r) => r.next === 'rectification').length;
  return rounds === 0 ? undefined : { acceptanceId: interrupted.id, rounds };
}

/**
 * A decided failure (its rounds spent), final for the milestone (R-ACC-3): the acceptance `failed`, or one
 * interrupted after Decide recorded the failure for good but before it was announced.
 */
export const finalFailure = (acceptance: Pick<Acceptance, 'status' | 'rounds'>): boolean =>
  acceptance.status === 'failed' ||
  (acceptance.status === 'interrupted' && acceptance.rounds.some((r) => r.next === 'failed'));

/**
 * Who sees which recipients were sampled (R-ACC-2, personal data): the opener's side only (the bureau, or the town
 * that is the contract's purchaser). Everyone else (the contractor and its portal, finance, audit, an evaluator on
 * the panel) sees how many were invited and answered, never a village or reference: a contractor could link a
 * reference to a person through its own delivery records and lean on them while they answer.
 */
export const seesInvitations = (
  viewer: { role: string; purchaserId?: string },
  acceptance: Pick<Acceptance, 'purchaserId'>,
): boolean =>
  viewer.role === 'bureau' || (viewer.role === 'town' && viewer.purchaserId === acceptance.purchaserId);

/** One round's opinions as everyone reads them: how many answered, how many were satisfied, the share (R-ACC-2). */
export interface RoundOpinions {
  round: number;
  answered: number;
  satisfied: number;
  /** Basis points of the round's opinions scoring 4 or 5; null when none came in. */
  satisfiedShareBp: number | null;
}

/** An acceptance as `viewer` reads it: the invitations for the opener's side, the counts for everyone. */
export type AcceptanceView = Omit<Acceptance, 'invitations'> & {
  invitations?: InvitedRecipient[];
  /** `answered`: in the current round; `rounds`: each round so far, the current one included. */
  recipients: { invited: number; answered?: number; rounds?: RoundOpinions[] };
};

/**
 * Each round's opinions counted, from the acceptance's first round to its current one (a round nobody answered shows
 * 0): a clerk sees what every inspection heard, never who said it.
 */
export function opinionsByRound(
  acceptance: Pick<Acceptance, 'round' | 'continues'>,
  opinions: readonly RoundAnswer[],
): RoundOpinions[] {
  const first = firstRound(acceptance);
  return Array.from({ length: Math.max(0, acceptance.round - first + 1) }, (_, i) => {
    const round = first + i;
    const satisfactions = satisfactionsOf(opinions, round);
    const satisfied = satisfactions.filter(isSatisfied).length;
    return {
      round,
      answered: satisfactions.length,
      satisfied,
      satisfiedShareBp:
        satisfactions.length === 0 ? null : Math.floor((satisfied * BP) / satisfactions.length),
    };
  });
}

/**
 * `opinions`: every opinion of the acceptance (all rounds); the view counts the current round's as `answered` and
 * each round's in `rounds`. Without them (the audit trail's view) only the number invited.
 */
export function acceptanceView(
  acceptance: Acceptance,
  viewer: { role: string; purchaserId?: string },
  opinions?: readonly RoundAnswer[],
): AcceptanceView {
  const { invitations, ...rest } = acceptance;
  return {
    ...rest,
    ...(seesInvitations(viewer, acceptance) ? { invitations } : {}),
    recipients: {
      invited: invitations.length,
      ...(opinions === undefined
        ? {}
        : {
            answered: satisfactionsOf(opinions, acceptance.round).length,
            rounds: opinionsByRound(acceptance, opinions),
          }),
    },
  };
}

/** A recipient's opinion in one round: no identity, only what they answered (R-ACC-2). */
export interface Opinion {
  /** `<invitationId>.<round>`: one opinion per invitation and round (the audit trail's record id). */
  id: string;
  /** The invitation's id (not its token): the same recipient's invitation answers again in each round. */
  invitationId: string;
  /** The round of the acceptance it was given in; that round's rule counts it, no other. */
  round: number;
  contractId: string;
  acceptanceId: string;
  satisfaction: 1 | 2 | 3 | 4 | 5;
  items: string[];
  comment?: string;
  answeredAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A satisfied recipient answers 4 or 5 (R-ACC-2). */
export const isSatisfied = (satisfaction: number): boolean => satisfaction >= 4;

/**
 * An opinion given before rounds re-collected opinions has no `round`: it was given in round 1, the only round that
 * heard recipients then (the embedded stack's data survives a restart, so such items meet this code).
 */
export const LEGACY_OPINION_ROUND = 1;

/** What a round's rule counts of an opinion: its round (absent: LEGACY_OPINION_ROUND) and its satisfaction. */
export interface RoundAnswer {
  round?: number;
  satisfaction: number;
}

/** The round an opinion was given in. */
export const roundOf = (opinion: Pick<RoundAnswer, 'round'>): number => opinion.round ?? LEGACY_OPINION_ROUND;

/** The record id of an invitation's opinion in a round (its audit trail's id): `<invitationId>.<round>`. */
export const opinionId = (invitationId: string, round: number): string => `${invitationId}.${round}`;

/**
 * R-ACC-2: the satisfactions of `round`'s opinions only. A rectification round inspects again and hears the
 * recipients again: what they said of the service before the rectification is not what this round decides on.
 */
export const satisfactionsOf = (opinions: readonly RoundAnswer[], round: number): number[] =>
  opinions.filter((o) => roundOf(o) === round).map((o) => o.satisfaction);

/** Whether `measured` meets `target` under the indicator's comparison. */
export function meets(indicator: Pick<PlanIndicator, 'comparison' | 'target'>, measured: number): boolean {
  switch (indicator.comparison) {
    case '>=':
      return measured >= indicator.target;
    case '<=':
      return measured <= indicator.target;
    case '=':
      return measured === indicator.target;
  }
}

/** The opinions counted against the plan's minimum and threshold. */
export function tallyOpinions(
  satisfactions: readonly number[],
  recipients: AcceptancePlan['recipients'],
): OpinionTally {
  const satisfied = satisfactions.filter(isSatisfied).length;
  return {
    received: satisfactions.length,
    minimum: recipients.minimumOpinions,
    satisfied,
    satisfiedShareBp: satisfactions.length === 0 ? null : Math.floor((satisfied * BP) / satisfactions.length),
    thresholdBp: recipients.satisfiedShareBp,
  };
}

/**
 * R-ACC-1, R-ACC-2: the rule's outcome from the measured values and the opinions. Every indicator of the plan
 * must be measured (422 naming the missing one otherwise).
 */
export function ruleOutcome(
  plan: Pick<AcceptancePlan, 'indicators' | 'recipients'>,
  measured: Readonly<Record<string, number>>,
  satisfactions: readonly number[],
): RuleOutcome {
  const indicators = plan.indicators.map((indicator): IndicatorResult => {
    const value = measured[indicator.code];
    if (value === undefined) {
      throw new DomainError('invalid', `indicator ${indicator.code} was not measured`, {
        field: `values.${indicator.code}`,
        rule: 'R-ACC-1',
      });
    }
    return {
      code: indicator.code,
      description: indicator.description,
      unit: indicator.unit,
      target: indicator.target,
      comparison: indicator.comparison,
      mandatory: indicator.mandatory,
      measured: value,
      met: meets(indicator, value),
    };
  });
  const opinions = tallyOpinions(satisfactions, plan.recipients);
  const reasons: RuleFailure[] = [];
  if (indicators.some((i) => i.mandatory && !i.met)) reasons.push('mandatory_indicator_missed');
  if (opinions.received < opinions.minimum) reasons.push('too_few_opinions');
  if (opinions.satisfiedShareBp !== null && opinions.satisfiedShareBp < opinions.thresholdBp) {
    reasons.push('satisfied_share_below_threshold');
  }
  return { outcome: reasons.length === 0 ? 'passed' : 'failed', reasons, indicators, opinions };
}

/**
 * R-ACC-1, R-ACC-2: the rule's outcome of the acceptance's current round: that round's measurements and that
 * round's opinions only (`opinions` may hold every round's; the others are not counted).
 */
export function roundRule(
  acceptance: Pick<Acceptance, 'plan' | 'round'>,
  measured: Readonly<Record<string, number>>,
  opinions: readonly RoundAnswer[],
): RuleOutcome {
  return ruleOutcome(acceptance.plan, measured, satisfactionsOf(opinions, acceptance.round));
}

/** R-ACC-1: the measured values must name exactly the plan's indicators. */
export function checkMeasurements(
  plan: Pick<AcceptancePlan, 'indicators'>,
  values: Readonly<Record<string, number>>,
): void {
  const codes = new Set(plan.indicators.map((i) => i.code));
  for (const code of Object.keys(values)) {
    if (!codes.has(code)) {
      throw new DomainError(
        'invalid',
        `${code} is not an indicator of the acceptance plan (${[...codes].join(', ')})`,
        { field: `values.${code}`, rule: 'R-ACC-1' },
      );
    }
  }
  for (const code of codes) {
    if (values[code] === undefined) {
      throw new DomainError('invalid', `indicator ${code} is required`, {
        field: 'values',
        rule: 'R-ACC-1',
      });
    }
  }
}

/** Whether the plan's quorum of the panel has signed this round. */
export const quorumHolds = (
  acceptance: Pick<Acceptance, 'quorum'>,
  signatures: readonly unknown[],
): boolean => signatures.length >= acceptance.quorum;

/**
 * The committee's decision (R-ACC-1): the rule's outcome, failed if any signature fails it. A signature can never
 * turn a failing rule into a pass: `confirm` of a failed rule confirms the failure.
 */
export function decide(
  rule: RuleOutcome,
  signatures: readonly Pick<PanelSignature, 'sub' | 'verdict' | 'reason'>[],
): { decision: 'passed' | 'failed'; failedBy: { sub: string; reason: string }[] } {
  const failedBy = signatures
    .filter((s) => s.verdict === 'fail')
    .map((s) => ({ sub: s.sub, reason: s.reason ?? '' }));
  return { decision: rule.outcome === 'passed' && failedBy.length === 0 ? 'passed' : 'failed', failedBy };
}

/** A failed round leads to a rectification while rounds are left (the plan's maxRounds), else fails for good. */
export const afterFailure = (
  round: number,
  rectification: AcceptancePlan['rectification'],
): 'rectification' | 'failed' => (round <= rectification.maxRounds ? 'rectification' : 'failed');

/**
 * The liability clause (R-ACC-3): each rectification round deducts `deductionBpPerRound` of the milestone's amount,
 * never more than the amount; in whole fen, rounded down (the contractor's favour).
 */
export function deduction(amount: number, deductionBpPerRound: number, rounds: number): number {
  return Math.min(amount, Math.floor((amount * deductionBpPerRound * rounds) / BP));
}

/** Whether `sub` sits on this acceptance's panel (only its members sign, R-ACC-1). */
export const isPanelMember = (acceptance: Pick<Acceptance, 'panel'>, sub: string): boolean =>
  acceptance.panel.some((m) => m.sub === sub);

/**
 * A signature's rules (R-ACC-1), for a member of this acceptance's panel: while it awaits the panel and the round's
 * measurements are in, once per round; a `fail` carries its reason.
 */
export function checkSignature(
  acceptance: Acceptance,
  input: { verdict: 'confirm' | 'fail'; reason?: string },
): void {
  if (acceptance.status !== 'inspecting') {
    throw new DomainError(
      'conflict',
      `acceptance ${acceptance.id} is ${acceptance.status}: nothing to sign`,
      {
        rule: 'R-ACC-1',
      },
    );
  }
  if (acceptance.rounds.some((r) => r.round === acceptance.round)) {
    throw new DomainError('conflict', `round ${acceptance.round} is decided: nothing to sign`, {
      rule: 'R-ACC-1',
    });
  }
  if (acceptance.measurements?.round !== acceptance.round) {
    throw new DomainError('conflict', `round ${acceptance.round} has no measurements yet: sign after them`, {
      rule: 'R-ACC-1',
    });
  }
  if (input.verdict === 'fail' && !input.reason?.trim()) {
    throw new DomainError('invalid', 'a failing signature gives its written reason', {
      field: 'reason',
      rule: 'R-ACC-1',
    });
  }
}

/**
 * The panel (R-ACC-1): at least the plan's quorum of distinct members, each of the purchaser's staff or an
 * evaluator; the opener's side names them.
 */
export function checkPanel(panel: readonly PanelMember[], quorum: number): void {
  const subs = new Set(panel.map((m) => m.sub));
  if (subs.size !== panel.length) {
    throw new DomainError('invalid', 'each panel member once', { field: 'panel', rule: 'R-ACC-1' });
  }
  if (panel.length < quorum) {
    throw new DomainError('invalid', `at least the plan's quorum of ${quorum} members`, {
      field: 'panel',
      rule: 'R-ACC-1',
    });
  }
}

/**
 * R-ACC-2: a uniform sample of `size` recipients (all when fewer), drawn by a Fisher–Yates shuffle driven by
 * `random` (an integer below its bound), so the same seed draws the same sample.
 */
export function drawSample<T>(
  population: readonly T[],
  size: number,
  random: (bound: number) => number,
): T[] {
  const pool = [...population];
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + random(pool.length - i);
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, n);
}

/** The stage of the plan for `milestoneSeq`, opened on or after its `from` date (Shanghai), else 409. */
export function stageFor(
  plan: Pick<AcceptancePlan, 'stages'>,
  milestoneSeq: number,
  today: string,
): AcceptancePlan['stages'][number] {
  const stage = plan.stages.find((s) => s.milestoneSeq === milestoneSeq);
  if (!stage) {
    throw new DomainError(
      'invalid',
      `milestone ${milestoneSeq} has no acceptance stage (${plan.stages.map((s) => s.milestoneSeq).join(', ')})`,
      { field: 'milestoneSeq', rule: 'R-ACC-3' },
    );
  }
  if (today < stage.from) {
    throw new DomainError('conflict', `milestone ${milestoneSeq}'s acceptance opens from ${stage.from}`, {
      field: 'milestoneSeq',
      rule: 'R-ACC-3',
    });
  }
  return stage;
}

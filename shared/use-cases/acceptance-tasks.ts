/**
 * The tasks of the acceptance workflow (infra/workflows/acceptance.asl.json, R-ACC-1..4): each loads the acceptance,
 * makes one move with its audit entry (and, when it announces, the milestone and the public disclosure in the same
 * transaction), and tells the ASL where to go next. Tasks run at least once (Step Functions retries; the embedded
 * runner resumes a state after a restart), so each first recognises a move it already made and answers as it did.
 *
 * A write that lost a race (stale version, transaction conflict) throws TransientTaskError, which every Task
 * retries; anything else fails the state into RecordFailure.
 */
import type { Acceptance, RoundResult } from '#shared/domain/acceptance';
import {
  afterFailure,
  contractEnded,
  decide,
  deduction,
  FINAL_ACCEPTANCE_STATUSES,
  quorumHolds,
  roundRule,
} from '#shared/domain/acceptance';
import type { Actor } from '#shared/domain/audit-chain';
import { canonicalJson } from '#shared/domain/audit-chain';
import { businessDate, isoWithOffset } from '#shared/domain/clock';
import type { Contract } from '#shared/domain/contract';
import { DomainError } from '#shared/domain/errors';
import type { ContractMilestone } from '#shared/domain/milestone';
import { paymentDueBy } from '#shared/domain/milestone';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { ACCEPTANCE_CANCELLED, TransientTaskError } from '#shared/adapters/sfn/task-errors';
import { createHash } from 'node:crypto';
import type { AcceptanceCallbackDeps, CallbackWait } from './acceptance-callbacks';
import { failAcceptanceCallback, resumeAcceptance } from './acceptance-callbacks';
import type { AcceptanceDeps } from './acceptances';
import { acceptanceChange, countOpinions, daysMs, loadOpinions, loadSignatures } from './acceptances';
import { milestoneChange } from './contracts';
import type { AcceptanceOutcome } from './implementation-disclosure';
import { acceptanceDisclosure } from './implementation-disclosure';
import type { Deps } from './ports';

export const ACCEPTANCE_ACTOR: Actor = { sub: 'workflow:acceptance', role: 'workflow' };

export interface AcceptanceRef {
  contractId: string;
  acceptanceId: string;
}

const now = (deps: Deps) => isoWithOffset(deps.clock.now());

/**
 * The error an acceptance's workflow ends on when its contract ended (terminated or completed) before the
 * decision: thrown by a task once the acceptance is `cancelled`, or sent with SendTaskFailure to a parked callback.
 * The ASL catches it into `Cancelled` (as ProjectCancelled does for the procurement workflow).
 */
export { ACCEPTANCE_CANCELLED } from '#shared/adapters/sfn/task-errors';

export class AcceptanceCancelledError extends Error {
  constructor(acceptance: Pick<Acceptance, 'id' | 'cancellation'>) {
    super(
      `acceptance ${acceptance.id} was cancelled: ${acceptance.cancellation?.reason ?? 'contract ended'}`,
    );
    this.name = ACCEPTANCE_CANCELLED;
  }
}

async function loadRecord(deps: Deps, ref: AcceptanceRef): Promise<Stored<Acceptance>> {
  const stored = await deps.store.get<Acceptance>(keys.acceptance(ref.contractId, ref.acceptanceId));
  // The execution was started for this acceptance: its absence is a broken invariant, not a retryable fault.
  if (!stored) throw new Error(`acceptance ${ref.acceptanceId} of contract ${ref.contractId} not found`);
  return stored;
}

/**
 * R-ACC-3: the contract ended (terminated: its unpaid milestones cancelled; or completed) while this acceptance was
 * under way: the acceptance is cancelled with the reason, in one transaction with its audit entry; no milestone is
 * made payable and no result announced. Undefined while the contract runs, or once the acceptance is decided.
 */
export async function cancelIfContractEnded(
  deps: Deps,
  stored: Stored<Acceptance>,
): Promise<Acceptance | undefined> {
  const acceptance = stored.value;
  if (acceptance.status === 'cancelled') return acceptance;
  if (FINAL_ACCEPTANCE_STATUSES.includes(acceptance.status)) return undefined;
  const contract = await deps.store.get<Contract>(keys.contract(acceptance.contractId));
  if (!contract) throw new Error(`contract ${acceptance.contractId} not found`);
  const contractStatus = contract.value.status;
  if (!contractEnded(contractStatus)) return undefined;
  const at = now(deps);
  const reason =
    contractStatus === 'terminated'
      ? `contract terminated${contract.value.termination ? `: ${contract.value.termination.reason}` : ''}`
      : 'contract completed';
  const next = moved(
    acceptance,
    {
      status: 'cancelled',
      cancellation: { reason: reason.slice(0, 1000), contractStatus, at },
      workflow: {
        ...(acceptance.workflow.executionArn ? { executionArn: acceptance.workflow.executionArn } : {}),
      },
    },
    at,
  );
  await write(deps, [acceptanceChange(next, 'acceptance.cancelled', ACCEPTANCE_ACTOR, stored)]);
  return next;
}

/**
 * Which tasks read the contract to find it ended (R-ACC-3): those whose function may read CONTRACT#
 * (functions/workflows.ts). Announce does; the others recognise an acceptance cancelled already and, once their
 * rights name CONTRACT# as well, are added here to cancel it themselves.
 */
export type ContractCheck = 'contract' | 'acceptance-only';

/**
 * The acceptance a task works on: a cancelled one (now, or by an earlier run) ends the execution (Cancelled).
 * `decided` tells a move this task already made, which it answers as it did even if the contract ended since.
 */
async function load(
  deps: Deps,
  ref: AcceptanceRef,
  decided: (acceptance: Acceptance) => boolean = () => false,
  check: ContractCheck = 'acceptance-only',
): Promise<Stored<Acceptance>> {
  const stored = await loadRecord(deps, ref);
  if (stored.value.status === 'cancelled') throw new AcceptanceCancelledError(stored.value);
  if (decided(stored.value) || check === 'acceptance-only') return stored;
  const cancelled = await cancelIfContractEnded(deps, stored);
  if (cancelled) throw new AcceptanceCancelledError(cancelled);
  return stored;
}

/** One commit; a lost race is retried by the ASL. */
async function write(deps: Deps, changes: RecordChange[], extras: ExtraWrite[] = []): Promise<void> {
  try {
    await deps.store.commit(changes, extras);
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'stale' || error.code === 'conflict')) {
      throw new TransientTaskError(error.message, { cause: error });
    }
    throw error;
  }
}

const moved = (acceptance: Acceptance, changes: Partial<Acceptance>, at: string): Acceptance => ({
  ...acceptance,
  ...changes,
  version: acceptance.version + 1,
  updatedAt: at,
});

// ---- Open ----

/** Records the execution on the acceptance the route opened; answers when the recipients' answers are due. */
export async function recordOpened(
  deps: Deps,
  input: AcceptanceRef & { executionArn: string },
): Promise<{ answerBy: string }> {
  const stored = await load(deps, input, undefined, 'contract');
  const acceptance = stored.value;
  if (acceptance.workflow.executionArn !== input.executionArn) {
    const at = now(deps);
    const next = moved(
      acceptance,
      { workflow: { ...acceptance.workflow, executionArn: input.executionArn } },
      at,
    );
    await write(deps, [acceptanceChange(next, 'workflow.started', ACCEPTANCE_ACTOR, stored)]);
  }
  return { answerBy: acceptance.answerBy };
}

// ---- AwaitOpinions, AwaitPanel ----

/**
 * Whether the wait is already over: the opinions reached the minimum or their deadline passed (so an acceptance never
 * waits for ever: each callback times out hourly, parks again and comes here); the quorum of the panel signed.
 */
async function alreadyDone(deps: Deps, acceptance: Acceptance, wait: CallbackWait): Promise<boolean> {
  if (wait === 'opinions') {
    if (acceptance.status !== 'collecting_opinions') return true;
    if (deps.clock.now().getTime() >= Date.parse(acceptance.answerBy)) return true;
    const received = await countOpinions(deps, acceptance.contractId, acceptance.id, acceptance.round);
    return received >= acceptance.plan.recipients.minimumOpinions;
  }
  if (acceptance.status !== 'inspecting') return true;
  return quorumHolds(acceptance, await loadSignatures(deps, acceptance, acceptance.round));
}

/**
 * A callback task: parks its token beside the acceptance, then resumes itself if the wait is already over.
 *
 * The contract may end (terminated, or completed) between this task's load, which found it running, and its park:
 * the execution would then wait until the callback's hourly time-out, whose re-park cancels it. So after parking, the
 * task reads its acceptance again, and then the contract (store.get is strongly consistent), never deciding on the
 * copy it read before the park:
 * - the acceptance is `cancelled` (a termination's transaction cancels its contract's undecided acceptances): the
 *   task fails its own token with AcceptanceCancelled (the ASL ends in Cancelled) and clears it; the termination's
 *   abortAcceptances (acceptance-callbacks.ts) may have failed it first, so a spent token is swallowed;
 * - the contract ended (completed, or a termination from before acceptances were cancelled with it): the task cancels
 *   the acceptance on the copy it just read (R-ACC-3) and fails its token the same way.
 * An end committed after these reads finds the token parked: the termination's abortAcceptances fails it.
 */
export async function awaitAcceptanceCallback(
  deps: Deps & AcceptanceCallbackDeps,
  input: AcceptanceRef & { waitingFor: CallbackWait; taskToken: string },
): Promise<void> {
  try {
    await load(deps, input, undefined, 'contract');
  } catch (error) {
    // The contract ended: the acceptance is cancelled; the callback state fails with AcceptanceCancelled (the
    // ASL's Catch ends the execution in Cancelled), as a parked one is failed.
    if (!(error instanceof AcceptanceCancelledError)) throw error;
    await deps.tasks.sendTaskFailure(input.taskToken, ACCEPTANCE_CANCELLED, error.message);
    return;
  }
  await deps.callbacks.park({
    contractId: input.contractId,
    acceptanceId: input.acceptanceId,
    waitingFor: input.waitingFor,
    taskToken: input.taskToken,
    parkedAt: now(deps),
  });
  // Read again after the park: a termination landing since the load moved the acceptance (cancelled, version up).
  const fresh = await loadRecord(deps, input);
  const cancelled = await cancelIfContractEnded(deps, fresh);
  if (cancelled) {
    // A token abortAcceptances failed first is spent: no error.
    await failAcceptanceCallback(deps, input, new AcceptanceCancelledError(cancelled).message);
    return;
  }
  if (await alreadyDone(deps, fresh.value, input.waitingFor)) {
    await resumeAcceptance(deps, input, input.waitingFor);
  }
}

// ---- CloseOpinions ----

/** The current round's opinions are closed (a record from before rounds re-collected opinions closed round 1). */
const closedThisRound = (acceptance: Acceptance): boolean =>
  acceptance.opinionsClosed !== undefined && (acceptance.opinionsClosed.round ?? 1) === acceptance.round;

/**
 * The wait for opinions is over (the minimum, or the deadline): the panel inspects with what came in, and the record
 * says whether fewer than the minimum did (R-ACC-2; issue 13 §3 "waiting has an end").
 */
export async function closeOpinions(
  deps: Deps,
  ref: AcceptanceRef,
): Promise<{ received: number; minimum: number; short: boolean }> {
  const stored = await load(deps, ref, closedThisRound, 'contract');
  const acceptance = stored.value;
  if (acceptance.opinionsClosed && closedThisRound(acceptance)) {
    const { received, minimum, short } = acceptance.opinionsClosed;
    return { received, minimum, short };
  }
  if (acceptance.status !== 'collecting_opinions') {
    throw new Error(`acceptance ${acceptance.id} is ${acceptance.status}: no opinions to close`);
  }
  const received = await countOpinions(deps, ref.contractId, ref.acceptanceId, acceptance.round);
  const minimum = acceptance.plan.recipients.minimumOpinions;
  const at = deps.clock.now();
  if (received < minimum && at.getTime() < Date.parse(acceptance.answerBy)) {
    throw new TransientTaskError(
      `acceptance ${acceptance.id}: ${received} of ${minimum} opinions before ${acceptance.answerBy}`,
    );
  }
  const closed = {
    round: acceptance.round,
    at: isoWithOffset(at),
    received,
    minimum,
    short: received < minimum,
  };
  const next = moved(
    acceptance,
    {
      status: 'inspecting',
      opinionsClosed: closed,
      workflow: { ...acceptance.workflow, waitingFor: 'panel' },
    },
    closed.at,
  );
  await write(deps, [acceptanceChange(next, 'acceptance.opinions_closed', ACCEPTANCE_ACTOR, stored)]);
  return { received, minimum, short: closed.short };
}

// ---- Decide ----

export interface Decision {
  round: number;
  next: RoundResult['next'];
}

/**
 * The quorum signed: the round's decision (R-ACC-1, R-ACC-2): the rule's outcome from the measurements and the
 * opinions, failed if any signature of the quorum fails it; a failure leads to a rectification while rounds are
 * left. Recorded on the acceptance; Announce makes it public with its consequences.
 */
export async function decideRound(deps: AcceptanceDeps, ref: AcceptanceRef): Promise<Decision> {
  const stored = await load(deps, ref, (a) => a.rounds.some((r) => r.round === a.round), 'contract');
  const acceptance = stored.value;
  const recorded = acceptance.rounds.find((r) => r.round === acceptance.round);
  if (recorded) return { round: recorded.round, next: recorded.next };
  if (acceptance.status !== 'inspecting') {
    throw new Error(`acceptance ${acceptance.id} is ${acceptance.status}: nothing to decide`);
  }
  const signatures = await loadSignatures(deps, acceptance, acceptance.round);
  if (!quorumHolds(acceptance, signatures)) {
    throw new TransientTaskError(
      `acceptance ${acceptance.id}: ${signatures.length} of ${acceptance.quorum} signed`,
    );
  }
  if (acceptance.measurements?.round !== acceptance.round) {
    throw new Error(`acceptance ${acceptance.id} round ${acceptance.round} was signed without measurements`);
  }
  // R-ACC-2: this round's opinions only; the recipients were asked again after the rectification.
  const opinions = await loadOpinions(deps, ref.contractId, ref.acceptanceId, acceptance.round);
  const rule = roundRule(acceptance, acceptance.measurements.values, opinions);
  const { decision, failedBy } = decide(rule, signatures);
  const at = deps.clock.now();
  const next =
    decision === 'passed' ? 'passed' : afterFailure(acceptance.round, acceptance.plan.rectification);
  const reinspect =
    next === 'rectification'
      ? new Date(at.getTime() + daysMs(deps, acceptance.plan.rectification.days))
      : undefined;
  const result: RoundResult = {
    round: acceptance.round,
    rule,
    decision,
    failedBy,
    signatures: signatures.map((s) => ({ sub: s.sub, verdict: s.verdict })),
    decidedAt: isoWithOffset(at),
    next,
    ...(reinspect
      ? { rectificationDueBy: businessDate(reinspect), reinspectAt: isoWithOffset(reinspect) }
      : {}),
  };
  const updated = moved(acceptance, { rounds: [...acceptance.rounds, result] }, result.decidedAt);
  await write(deps, [acceptanceChange(updated, `acceptance.round_${decision}`, ACCEPTANCE_ACTOR, stored)]);
  return { round: result.round, next };
}

// ---- Announce, AnnounceRectification, AnnounceFailure ----

/** The signed acceptance report (验收报告) as the disclosure names it: its id, title and the sha256 of its JSON. */
function reportOf(acceptance: Acceptance, result: RoundResult) {
  const title = `验收报告 第${acceptance.milestoneSeq}期 第${result.round}轮`;
  const sha256 = createHash('sha256')
    .update(canonicalJson({ acceptanceId: acceptance.id, milestoneSeq: acceptance.milestoneSeq, ...result }))
    .digest('hex');
  return { id: `${acceptance.id}-r${result.round}`, title, sha256 };
}

/**
 * The round as announced. Its opinions are the rule's own count (the one that decided), not the close's: an opinion
 * landing between CloseOpinions' count and its commit is counted by Decide's rule but not by
 * `opinionsClosed.received`, which stays the record of the close. The announcement shows received against the
 * minimum, so a shortfall is public.
 */
function outcomeOf(acceptance: Acceptance, result: RoundResult): AcceptanceOutcome {
  return {
    acceptanceId: acceptance.id,
    milestoneSeq: acceptance.milestoneSeq,
    round: result.round,
    outcome: result.next,
    decidedAt: result.decidedAt,
    indicators: result.rule.indicators.map(({ mandatory: _mandatory, ...indicator }) => indicator),
    opinions: {
      received: result.rule.opinions.received,
      minimum: result.rule.opinions.minimum,
      satisfiedShareBp: result.rule.opinions.satisfiedShareBp,
      thresholdBp: result.rule.opinions.thresholdBp,
    },
    report: reportOf(acceptance, result),
    ...(result.rectificationDueBy ? { rectificationDueBy: result.rectificationDueBy } : {}),
  };
}

export interface Announced {
  round: number;
  next: RoundResult['next'];
  reinspectAt?: string;
}

/**
 * Announces the round's result (R-ACC-4) in one transaction with its consequences: passed → the acceptance
 * `passed` and the milestone `payable` (R-ACC-3: due within the plan's payment term, less the liability clause's
 * deduction per rectification round); rectification → the acceptance waits for the rectification deadline; failed
 * (no rounds left) → the acceptance `failed`. Each with the OCDS implementationUpdate and the 验收结果公告.
 */
export async function announce(deps: Deps, ref: AcceptanceRef & { round: number }): Promise<Announced> {
  // Announced already: the status moved on from inspecting this round (then a contract ended since changes nothing).
  const stored = await load(deps, ref, (a) => a.round > ref.round || a.status !== 'inspecting', 'contract');
  const acceptance = stored.value;
  const result = acceptance.rounds.find((r) => r.round === ref.round);
  if (!result) throw new Error(`acceptance ${acceptance.id} has no decision of round ${ref.round}`);
  const answer: Announced = {
    round: result.round,
    next: result.next,
    // UTC for the ASL's Wait (TimestampPath), as the procurement workflow's deadlines.
    ...(result.reinspectAt ? { reinspectAt: new Date(result.reinspectAt).toISOString() } : {}),
  };
  // Announced already: the status moved on from inspecting this round.
  if (acceptance.round > ref.round || acceptance.status !== 'inspecting') return answer;
  const contract = await deps.store.get<Contract>(keys.contract(ref.contractId));
  if (!contract) throw new Error(`contract ${ref.contractId} not found`);
  const atDate = deps.clock.now();
  const at = isoWithOffset(atDate);
  const status =
    result.next === 'passed' ? 'passed' : result.next === 'rectification' ? 'rectification' : 'failed';
  const next = moved(
    acceptance,
    {
      status,
      workflow: {
        ...(acceptance.workflow.executionArn ? { executionArn: acceptance.workflow.executionArn } : {}),
        ...(status === 'rectification' ? { waitingFor: 'rectification' as const } : {}),
      },
    },
    at,
  );
  const changes: RecordChange[] = [acceptanceChange(next, `acceptance.${status}`, ACCEPTANCE_ACTOR, stored)];
  if (status === 'passed') {
    const milestone = await deps.store.get<ContractMilestone>(
      keys.milestone(ref.contractId, acceptance.milestoneSeq),
    );
    if (!milestone) throw new Error(`milestone ${acceptance.milestoneSeq} of ${ref.contractId} not found`);
    if (milestone.value.status !== 'scheduled') {
      throw new Error(
        `milestone ${acceptance.milestoneSeq} of ${ref.contractId} is ${milestone.value.status}`,
      );
    }
    const rounds = result.round - 1;
    const deducted = deduction(
      milestone.value.amount,
      acceptance.plan.rectification.deductionBpPerRound,
      rounds,
    );
    const payable: ContractMilestone = {
      ...milestone.value,
      status: 'payable',
      acceptance: { id: acceptance.id, passedAt: at, rectificationRounds: rounds },
      deduction: deducted,
      payable: milestone.value.amount - deducted,
      payableSince: at,
      dueBy: paymentDueBy(at, acceptance.plan.paymentTermDays),
      version: milestone.value.version + 1,
      updatedAt: at,
    };
    changes.push(milestoneChange(payable, 'milestone.payable', ACCEPTANCE_ACTOR, milestone));
  }
  const disclosure = await acceptanceDisclosure(deps, {
    contract: contract.value,
    acceptance: outcomeOf(acceptance, result),
    at,
  });
  await write(deps, changes, disclosure);
  return answer;
}

// ---- Reinspect ----

/**
 * After the rectification deadline: the next round, inspected again: the recipients are asked again (R-ACC-2: the
 * same invitations answer once more, until a new `answerBy`, the plan's answer days from now), then new
 * measurements and new signatures (R-ACC-1). The ASL goes on to AwaitOpinions.
 */
export async function reinspect(
  deps: AcceptanceDeps,
  ref: AcceptanceRef & { round: number },
): Promise<{ round: number; answerBy: string }> {
  const stored = await load(deps, ref, (a) => a.round > ref.round, 'contract');
  const acceptance = stored.value;
  if (acceptance.round > ref.round) return { round: acceptance.round, answerBy: acceptance.answerBy };
  if (acceptance.status !== 'rectification') {
    throw new Error(`acceptance ${acceptance.id} is ${acceptance.status}: no rectification to inspect`);
  }
  const atDate = deps.clock.now();
  const at = isoWithOffset(atDate);
  // The previous round's measurements and closing stay in its result (rounds[]) and the audit trail.
  const { measurements: _measured, opinionsClosed: _closed, ...rest } = acceptance;
  const next: Acceptance = {
    ...rest,
    status: 'collecting_opinions',
    round: acceptance.round + 1,
    answerBy: isoWithOffset(new Date(atDate.getTime() + daysMs(deps, acceptance.plan.recipients.answerDays))),
    workflow: { ...acceptance.workflow, waitingFor: 'opinions' },
    version: acceptance.version + 1,
    updatedAt: at,
  };
  await write(deps, [acceptanceChange(next, 'acceptance.reinspection', ACCEPTANCE_ACTOR, stored)]);
  return { round: next.round, answerBy: next.answerBy };
}

// ---- RecordFailure ----

/**
 * The ASL's Catch target: the failure shows on the acceptance (R-SUP-2: nothing fails silently), and an acceptance
 * still under way becomes `interrupted`: nothing will move it any more, and its milestone may be opened again
 * (acceptances.ts openAcceptance; R-ACC-3). One already decided, cancelled or interrupted keeps its status.
 */
export async function recordAcceptanceFailure(
  deps: Deps,
  input: AcceptanceRef & { executionArn: string; error: string; cause: string },
): Promise<void> {
  const stored = await deps.store.get<Acceptance>(keys.acceptance(input.contractId, input.acceptanceId));
  if (!stored) return;
  const acceptance = stored.value;
  if (acceptance.workflow.executionArn && acceptance.workflow.executionArn !== input.executionArn) return;
  const at = now(deps);
  const underWay = !FINAL_ACCEPTANCE_STATUSES.includes(acceptance.status);
  const { waitingFor: _waitingFor, ...workflow } = acceptance.workflow;
  const next = moved(
    acceptance,
    {
      ...(underWay ? { status: 'interrupted' as const } : {}),
      workflow: {
        ...(underWay ? workflow : acceptance.workflow),
        executionArn: input.executionArn,
        failure: { error: input.error, cause: input.cause.slice(0, 2000), at },
      },
    },
    at,
  );
  await write(deps, [
    acceptanceChange(next, underWay ? 'acceptance.interrupted' : 'workflow.failed', ACCEPTANCE_ACTOR, stored),
  ]);
}

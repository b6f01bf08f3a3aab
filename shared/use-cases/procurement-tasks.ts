/**
 * The tasks of the procurement workflow (infra/workflows/procurement.asl.json, R-PROC-1, R-PROC-5): each
 * loads the project, applies one move of its life cycle with the move's public release, and tells the
 * ASL where to go next. Tasks run at least once (Step Functions retries; the embedded runner resumes a
 * state after a restart), so each first recognises a move it already made and answers as it did then.
 *
 * A task that finds its project cancelled throws ProjectCancelledError: the ASL ends the execution in
 * `Cancelled`. A write that lost a race (stale version, transaction conflict) throws TransientTaskError,
 * which every Task retries; anything else fails the state into RecordFailure.
 */
import type { Actor, AuditEntry } from '#shared/domain/audit-chain';
import { closingTime } from '#shared/domain/bid-closing';
import { isoWithOffset } from '#shared/domain/clock';
import { DomainError } from '#shared/domain/errors';
import type { Project, ProjectWorkflow, UnsuccessfulReason, WaitingFor } from '#shared/domain/project';
import { advance, awaiting, notWaiting } from '#shared/domain/project';
import { standstillNext, standstillPeriod } from '#shared/domain/standstill';
import { evaluateRound, scoringComplete } from '#shared/domain/scoring';
import type { ExtraWrite } from '#shared/adapters/dynamodb/record-store';
import { versionUnchanged } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ScoreSheet } from '#shared/domain/procurement-records';
import { ProjectCancelledError, TransientTaskError } from '#shared/adapters/sfn/task-errors';
import type { Deps } from './ports';
import type { PublicationRequest } from './publication';
import { checkBidDeadline } from './publication';
import { openChallenges } from './challenges';
import { loadBids, loadChallenges, loadScoreSheets } from './procurement-reads';
import { PUBLICATIONS } from '#shared/domain/ocds';
import { projectChange, publicationOf } from './project-records';
import { loadRules } from './purchasers';
import type { CallbackDeps } from './workflow-callbacks';
import { failCallback, resumeWorkflow } from './workflow-callbacks';
import { loadOpenedBids } from './bid-seal';

export const WORKFLOW_ACTOR: Actor = { sub: 'workflow:procurement', role: 'workflow' };

export interface TaskDeps extends Deps {
  /** MINIMUM_PERIOD_SECONDS_OVERRIDE: tender periods and the standstill in seconds (embedded stack, tests). */
  overrideSeconds: number | undefined;
}

/** The project of a task; a cancelled one ends the execution (ProjectCancelledError). */
export async function loadLive(deps: Deps, projectId: string): Promise<Stored<Project>> {
  const stored = await deps.store.get<Project>(keys.project(projectId));
  // The execution was started for this project: its absence is a broken invariant, not a retryable fault.
  if (!stored) throw new Error(`project ${projectId} not found`);
  if (stored.value.status === 'cancelled') throw new ProjectCancelledError(projectId);
  return stored;
}

/** One project change with its audit entry and publication; a lost race is retried by the ASL. */
async function write(
  deps: Deps,
  stored: Stored<Project>,
  next: Project,
  action: string,
  extras: ExtraWrite[] = [],
): Promise<AuditEntry[]> {
  try {
    return await deps.store.commit(
      [projectChange(next, action, WORKFLOW_ACTOR, stored)],
      [...(await publicationOf(deps, stored.value, next, PUBLICATIONS)), ...extras],
    );
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'stale' || error.code === 'conflict')) {
      throw new TransientTaskError(error.message, { cause: error });
    }
    throw error;
  }
}

const now = (deps: Deps) => isoWithOffset(deps.clock.now());

const unchangedSheet = ({ value }: Stored<ScoreSheet>): ExtraWrite =>
  versionUnchanged(
    keys.scoreSheet(value.projectId, value.round, value.evaluatorId),
    value.version,
    () =>
      new DomainError('conflict', `score sheet of ${value.evaluatorId} changed while ranking; rank again`),
  );

// ---- PublishNotice ----

/** What the workflow waits for: the notice's deadline, and when CloseBidding may run (shared/domain/bid-closing.ts). */
export interface Notice {
  bidDeadline: string;
  closesAt: string;
}

const noticeOf = (deps: TaskDeps, bidDeadline: string): Notice => ({
  bidDeadline,
  closesAt: closingTime(bidDeadline, deps.overrideSeconds).toISOString(),
});

/**
 * approved → published (R-PROC-1), with the tender release and 采购公告 (R-PROC-5). The deadline is checked
 * again against the actual publication time, so a notice published late never runs short (R-PROC-2).
 */
export async function publishNotice(
  deps: TaskDeps,
  request: PublicationRequest & { executionArn: string },
): Promise<Notice> {
  const stored = await loadLive(deps, request.projectId);
  const project = stored.value;
  if (project.workflow?.executionArn === request.executionArn) {
    return noticeOf(deps, project.tender?.bidDeadline ?? request.bidDeadline);
  }
  if (project.version !== request.projectVersion) {
    throw new DomainError(
      'conflict',
      `project ${project.id} changed since publication was requested (version ${request.projectVersion} → ${project.version})`,
    );
  }
  const at = deps.clock.now();
  const { rules } = await loadRules(deps, project.purchaserId);
  checkBidDeadline(project, rules, new Date(request.bidDeadline), at, deps.overrideSeconds);
  const publishedAt = isoWithOffset(at);
  const next = advance(
    project,
    'publish',
    { actor: request.requestedBy, now: publishedAt, note: `bids until ${request.bidDeadline}` },
    {
      tender: {
        publishedAt,
        bidDeadline: request.bidDeadline,
        minimumBids: rules.methods[project.procurementMethod].minimumBidders,
      },
      workflow: { executionArn: request.executionArn, startedAt: publishedAt, waitingFor: 'bid_deadline' },
    },
  );
  await write(deps, stored, next, 'project.published');
  return noticeOf(deps, request.bidDeadline);
}

// ---- CloseBidding ----

export type Closing = { outcome: 'closed'; bids: number } | { outcome: 'unsuccessful'; bids: number };

/**
 * At the deadline: published → bidding_closed, or → unsuccessful when fewer bids arrived than the method
 * needs (政府采购法 第三十六条 废标; R-PROC-2 minimum bidders fixed at publication).
 */
export async function closeBidding(deps: TaskDeps, projectId: string): Promise<Closing> {
  let stored = await loadLive(deps, projectId);
  if (stored.value.status === 'published') stored = await close(deps, stored);
  const project = stored.value;
  const bids = (await loadBids(deps, projectId)).length;
  if (project.status === 'unsuccessful') return { outcome: 'unsuccessful', bids };
  // Counted only once bidding is closed, so a bid acknowledged before the close is never missed (R-PROC-2).
  const minimum = project.tender?.minimumBids ?? 1;
  if (project.status !== 'bidding_closed' || project.evaluation || bids >= minimum) {
    return { outcome: 'closed', bids };
  }
  await declareUnsuccessful(deps, stored, 'too_few_bids', `${bids} bid(s) received, ${minimum} required`);
  return { outcome: 'unsuccessful', bids };
}

/** 废标 (政府采购法 第三十六条): → unsuccessful with its reason, published with the 废标公告 (R-SUP-3). */
async function declareUnsuccessful(
  deps: Deps,
  stored: Stored<Project>,
  reason: UnsuccessfulReason,
  detail: string,
): Promise<void> {
  const at = now(deps);
  const next = advance(
    stored.value,
    'declare_unsuccessful',
    { actor: WORKFLOW_ACTOR, now: at, note: detail },
    { unsuccessful: { reason, detail, at }, workflow: withoutWait(stored.value) },
  );
  await write(deps, stored, next, 'project.unsuccessful');
}

/**
 * published → bidding_closed once every bid judged before the deadline has committed or died (the deadline plus
 * the bid functions' timeout and a margin, shared/domain/bid-closing.ts): bids hold no condition on the project
 * item (issue 11 §3), so this waits for them instead, and from here no bid can land.
 */
async function close(deps: TaskDeps, stored: Stored<Project>): Promise<Stored<Project>> {
  const project = stored.value;
  const tender = project.tender;
  if (!tender) throw new Error(`project ${project.id} is published without a notice`);
  const closesAt = closingTime(tender.bidDeadline, deps.overrideSeconds);
  if (deps.clock.now().getTime() < closesAt.getTime()) {
    // The workflow waits until closesAt: only a clock running behind the scheduler's gets here; try again shortly.
    throw new TransientTaskError(
      `bids due at ${tender.bidDeadline} on ${project.id} may still be landing until ${closesAt.toISOString()}`,
    );
  }
  const next = advance(
    project,
    'close_bidding',
    { actor: WORKFLOW_ACTOR, now: now(deps) },
    { scoringRound: 1, workflow: waitingFor(project, 'scores') },
  );
  const [entry] = await write(deps, stored, next, 'project.bidding_closed');
  if (!entry) throw new Error(`closing ${project.id} wrote no audit entry`);
  return { value: next, head: { auditSeq: entry.seq, auditHash: entry.hash } };
}

/** The workflow a task moves is always there: it was recorded when the notice was published. */
function workflowOf(project: Project): ProjectWorkflow {
  if (!project.workflow) throw new Error(`project ${project.id} has no workflow`);
  return project.workflow;
}

const waitingFor = (project: Project, wait: WaitingFor) => awaiting(workflowOf(project), wait);
const withoutWait = (project: Project) => notWaiting(workflowOf(project));

// ---- callbacks: AwaitScores, AwaitDraw, AwaitChallenges, AwaitSignatures ----

/** Whether what the workflow would wait for is already there (then the task resumes itself). */
async function alreadyDone(deps: Deps, project: Project, wait: WaitingFor): Promise<boolean> {
  switch (wait) {
    case 'scores': {
      if (project.status !== 'bidding_closed') return true;
      const round = project.scoringRound ?? 1;
      const [bids, sheets] = await Promise.all([
        loadOpenedBids(deps, project.id),
        loadScoreSheets(deps, project.id, round),
      ]);
      const valid = bids.filter((b) => !b.value.disqualified).length;
      // Nothing to score, or too few valid bids to go on: Evaluate declares the project unsuccessful.
      if (valid < (project.tender?.minimumBids ?? 1)) return true;
      return scoringComplete(
        project,
        bids.map((b) => b.value),
        sheets.map((s) => s.value),
      );
    }
    case 'draw':
      return project.status !== 'evaluated' || !project.evaluation?.drawRequired;
    case 'challenges':
      return project.status !== 'awarded' || (await openChallenges(deps, project)) === 0;
    case 'signatures':
      return project.status === 'contracted';
    case 'bid_deadline':
    case 'standstill':
      throw new Error(`${wait} is a timed wait, not a callback`);
  }
}

/** The project read again after the park (R-PROC-1): strongly consistent, as every read by key is. */
async function reloadAfterPark(deps: Deps, projectId: string): Promise<Stored<Project>> {
  const stored = await deps.store.get<Project>(keys.project(projectId));
  if (!stored) throw new Error(`project ${projectId} not found after parking`);
  return stored;
}

/**
 * A callback task (`.waitForTaskToken`): parks its token beside the project, then reads the project again and
 * answers its own token if nobody else will: fails it when the project was cancelled meanwhile, resumes it when
 * the wait is already over; otherwise shows on the project what it waits for and stays parked.
 *
 * Why the read after the park closes the race with a route (R-PROC-1, R-PROC-3, R-PROC-5): every route that
 * ends a wait (a cancellation or a sustained challenge that cancels: abortWorkflow; the last sheet, a
 * disqualification, a draw, a dismissed challenge, the second signature: resumeWorkflow) first commits its change,
 * then looks for the token (a strongly consistent GetItem). The task first parks (a PutItem), then reads
 * (strongly consistent). DynamoDB orders those single-item operations: if the park came before the route's look,
 * the route finds the token and answers it; if it came after, the route's commit came before the look and so
 * before the park, and the task's read, after the park, sees the commit. Either way somebody answers. Reading the
 * project only before the park (as this did) left a window: a cancellation committed between that read and the
 * park found no token, the task parked on a project it had seen live, and the execution waited for the
 * callback's timeout (an hour on AWS; the e2e test's flake). The same held for a draw or a second signature
 * (project changes that `alreadyDone` read from the stale copy). Scores and challenges were already safe: their
 * records are read after the park.
 */
export async function awaitCallback(
  deps: TaskDeps & CallbackDeps,
  input: { projectId: string; waitingFor: WaitingFor; taskToken: string },
): Promise<void> {
  // A project already cancelled parks nothing: the execution ends at once (the ASL catches ProjectCancelled).
  await loadLive(deps, input.projectId);
  const parked = { projectId: input.projectId, taskToken: input.taskToken };
  await deps.callbacks.park({ ...parked, waitingFor: input.waitingFor, parkedAt: now(deps) });
  const stored = await reloadAfterPark(deps, input.projectId);
  let project = stored.value;
  if (project.status === 'cancelled') {
    // The cancellation's abortWorkflow may have looked before this park; fail the token here (a second failure
    // of the same token is swallowed as spent).
    await failCallback(deps, parked, `project ${input.projectId} was cancelled`);
    return;
  }
  if (await alreadyDone(deps, project, input.waitingFor)) {
    // Not shown as a wait: it is over (a contracted project must not show "waiting for signatures").
    await resumeWorkflow(deps, input.projectId, input.waitingFor);
    return;
  }
  if (project.workflow && project.workflow.waitingFor !== input.waitingFor) {
    project = {
      ...project,
      workflow: waitingFor(project, input.waitingFor),
      version: project.version + 1,
      updatedAt: now(deps),
    };
    await write(deps, stored, project, `workflow.awaits_${input.waitingFor}`);
  }
}

// ---- Evaluate ----

export type Evaluated =
  { outcome: 'ranked'; winner: string } | { outcome: 'draw_required' } | { outcome: 'unsuccessful' };

/**
 * All scores in: bidding_closed → evaluated with the ranking (R-PROC-3, R-QUAL-4, R-PROC-6), or →
 * unsuccessful when no bid survived the compliance review. A tie no rule breaks waits for a draw (R-PROC-5).
 */
export async function evaluate(deps: TaskDeps, projectId: string): Promise<Evaluated> {
  const stored = await loadLive(deps, projectId);
  const project = stored.value;
  if (project.status === 'unsuccessful') return { outcome: 'unsuccessful' };
  if (project.status !== 'bidding_closed') return evaluatedOutcome(project);
  const round = project.scoringRound ?? 1;
  const [bids, sheets] = await Promise.all([
    loadOpenedBids(deps, projectId),
    loadScoreSheets(deps, projectId, round),
  ]);
  const at = now(deps);
  const valid = bids.filter((b) => !b.value.disqualified).length;
  const minimum = project.tender?.minimumBids ?? 1;
  if (valid > 0 && valid < minimum) {
    // Fewer qualified bidders than the method needs after the compliance review.
    const detail = `${valid} valid bid(s) after the compliance review, ${minimum} required`;
    await declareUnsuccessful(deps, stored, 'too_few_bids', detail);
    return { outcome: 'unsuccessful' };
  }
  // Past performance (R-PROC-6) is neutral (50 for every bid): no evaluation record exists yet (evaluation.ts).
  const evaluation = evaluateRound(
    project,
    bids.map((b) => b.value),
    sheets.map((s) => s.value),
    at,
  );
  if (!evaluation) {
    await declareUnsuccessful(deps, stored, 'no_valid_bid', 'no bid passed the compliance review');
    return { outcome: 'unsuccessful' };
  }
  const next = advance(
    project,
    'evaluate',
    { actor: WORKFLOW_ACTOR, now: at, note: `round ${round}` },
    {
      evaluation,
      workflow: evaluation.drawRequired ? waitingFor(project, 'draw') : withoutWait(project),
    },
  );
  // The ranking stands on exactly the sheets read: one replaced meanwhile makes the task read them again.
  await write(deps, stored, next, 'project.evaluated', sheets.map(unchangedSheet));
  return evaluatedOutcome(next);
}

function evaluatedOutcome(project: Project): Evaluated {
  const evaluation = project.evaluation;
  if (!evaluation) throw new Error(`project ${project.id} is ${project.status} without an evaluation`);
  if (evaluation.winner) return { outcome: 'ranked', winner: evaluation.winner };
  return { outcome: 'draw_required' };
}

// ---- Award ----

/**
 * evaluated → awarded: the first-ranked bid wins, the award notice is published and the standstill opens
 * (R-PROC-5, default 7 days; the deployment's seconds override on the embedded stack).
 */
export async function award(deps: TaskDeps, projectId: string): Promise<{ closesAt: string }> {
  const stored = await loadLive(deps, projectId);
  const project = stored.value;
  if (project.status === 'awarded' && project.award) return { closesAt: project.award.standstill.closesAt };
  const winner = project.evaluation?.winner;
  if (project.status !== 'evaluated' || !winner) {
    throw new DomainError('conflict', `project ${projectId} is ${project.status} without a winner to award`);
  }
  const bid = (await loadOpenedBids(deps, projectId)).find((b) => b.value.id === winner)?.value;
  if (!bid) throw new Error(`winning bid ${winner} of project ${projectId} not found`);
  const at = deps.clock.now();
  // The window ends at 24:00 of a working day: the purchaser's public holidays count (民法典 第二百零三条).
  const { rules } = await loadRules(deps, project.purchaserId);
  const standstill = standstillPeriod(
    at,
    deps.overrideSeconds !== undefined
      ? { overrideMinutes: deps.overrideSeconds / 60 }
      : { holidays: rules.holidays },
  );
  const next = advance(
    project,
    'award',
    { actor: WORKFLOW_ACTOR, now: isoWithOffset(at), note: `bid ${bid.id}` },
    {
      award: {
        bidId: bid.id,
        contractorId: bid.contractorId,
        contractorName: bid.contractorName,
        contractorKind: bid.contractorKind,
        price: bid.price,
        awardedAt: isoWithOffset(at),
        standstill,
      },
      workflow: waitingFor(project, 'standstill'),
    },
  );
  await write(deps, stored, next, 'project.awarded');
  return { closesAt: standstill.closesAt };
}

// ---- CheckStandstill ----

export type StandstillCheck = { next: 'contract' } | { next: 'challenges' } | { next: 'rescore' };

/**
 * After the standstill window: a sustained challenge may have sent the project back to scoring; an open
 * challenge holds the contract until it is answered (R-PROC-5); otherwise on to the contract.
 */
export async function checkStandstill(deps: TaskDeps, projectId: string): Promise<StandstillCheck> {
  const { value: project } = await loadLive(deps, projectId);
  if (project.status === 'bidding_closed') return { next: 'rescore' };
  if (project.status === 'contracted' || project.contract) return { next: 'contract' };
  if (project.status !== 'awarded' || !project.award) {
    throw new DomainError('conflict', `project ${projectId} is ${project.status} after its standstill`);
  }
  const challenges = (await loadChallenges(deps, projectId)).map((c) => c.value);
  const next = standstillNext(
    project.award.standstill,
    challenges,
    project.scoringRound ?? 1,
    deps.clock.now(),
  );
  if (next === 'running') {
    throw new TransientTaskError(
      `the standstill of ${projectId} runs until ${project.award.standstill.closesAt}`,
    );
  }
  return { next };
}

// ---- RecordFailure ----

/** The ASL's Catch target: the failure is shown on the project (R-SUP-2: nothing fails silently). */
export async function recordFailure(
  deps: Deps,
  input: { projectId: string; executionArn: string; error: string; cause: string },
): Promise<void> {
  const stored = await deps.store.get<Project>(keys.project(input.projectId));
  if (!stored) return;
  const project = stored.value;
  // An execution superseded by a later publication (a newer version) must not mark the live one failed.
  if (project.workflow && project.workflow.executionArn !== input.executionArn) return;
  const at = now(deps);
  const next: Project = {
    ...project,
    workflow: {
      ...(project.workflow ?? { executionArn: input.executionArn, startedAt: at }),
      failure: { error: input.error, cause: input.cause.slice(0, 2000), at },
    },
    version: project.version + 1,
    updatedAt: at,
  };
  await write(deps, stored, next, 'workflow.failed');
}

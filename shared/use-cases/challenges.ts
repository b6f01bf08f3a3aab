/**
 * Challenges (质疑) to an award during its standstill (R-PROC-5, R-PROC-1, R-SUP-3): a bidder files one, the
 * bureau answers it. A sustained answer moves the project (back to scoring, or cancelled) in the same
 * transaction as the answer; the workflow is woken only after that transaction has landed.
 */
import type { Viewer } from '#shared/domain/access';
import type { Actor } from '#shared/domain/audit-chain';
import { isoWithOffset } from '#shared/domain/clock';
import { DomainError, notFound } from '#shared/domain/errors';
import { newId } from '#shared/domain/ids';
import type { Project } from '#shared/domain/project';
import { advance, cancelProject } from '#shared/domain/project';
import type { BidRecord } from '#shared/domain/procurement-records';
import type { AnswerInput, Challenge } from '#shared/domain/standstill';
import { answerChallenge, challengeAnswerOf, contestsAward, fileChallenge } from '#shared/domain/standstill';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import { previousOf, versionUnchanged } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { assertVersion, readAgainOnRace } from './if-match';
import type { Deps } from './ports';
import { loadChallenges } from './procurement-reads';
import { ON_CHALLENGE_ANSWER } from '#shared/domain/ocds';
import { loadProject, projectChange, publicationOf } from './project-records';
import type { CallbackDeps } from './workflow-callbacks';
import { abortWorkflow, resumeWorkflow } from './workflow-callbacks';
import { loadOpenedBids } from './bid-seal';

const challengeChange = (next: Challenge, action: string, actor: Actor, previous?: Stored<Challenge>) =>
  ({
    recordType: 'challenge',
    recordId: next.id,
    key: keys.challenge(next.projectId, next.id),
    value: next,
    ...previousOf(previous),
    actor,
    action,
    at: next.answer?.at ?? next.filedAt,
  }) satisfies RecordChange;

/** A contractor reaches a project only through its own bid: any other project is "not found" to it. */
function contractorOf(viewer: Viewer): string {
  if (viewer.role !== 'contractor' || !viewer.contractorId) throw notFound('project');
  return viewer.contractorId;
}

/** The award the challenge contests must still stand when the challenge lands (no answer or task moved it). */
const projectUnchanged = (project: Project): ExtraWrite =>
  versionUnchanged(
    keys.project(project.id),
    project.version,
    () =>
      new DomainError('conflict', `project ${project.id} changed meanwhile; read it and file again`, {
        rule: 'R-PROC-5',
      }),
  );

/**
 * R-PROC-5: a bidder of this project challenges its award while the project is awarded and the standstill
 * window is open (from the award notice up to `closesAt`, exclusive).
 */
export async function fileProjectChallenge(
  deps: Deps,
  projectId: string,
  input: { grounds: string },
  ctx: { viewer: Viewer; actor: Actor; remember: (challenge: Challenge) => ExtraWrite[] },
): Promise<Challenge> {
  const contractorId = contractorOf(ctx.viewer);
  // Contractors are in no purchaser scope: the project is read by key, and shown only to its bidders.
  const [stored, bids] = await Promise.all([
    deps.store.get<Project>(keys.project(projectId)),
    loadOpenedBids(deps, projectId),
  ]);
  const bidderContractorIds = bids.map((b) => b.value.contractorId);
  if (!stored || !bidderContractorIds.includes(contractorId)) throw notFound('project');
  const project = stored.value;
  const now = deps.clock.now();
  const challenge = fileChallenge(
    { contractorId, grounds: input.grounds },
    {
      id: newId('chl', now),
      project,
      bidderContractorIds,
      standstill: project.award?.standstill,
      at: now,
    },
  );
  await deps.store.commit(
    [challengeChange(challenge, 'challenge.filed', ctx.actor)],
    [projectUnchanged(project), ...ctx.remember(challenge)],
  );
  return challenge;
}

/** Staff in the project's purchaser scope see every challenge; a bidder sees its own (R-BUY-1, R-PROC-5). */
export async function listProjectChallenges(
  deps: Deps,
  projectId: string,
  viewer: Viewer,
): Promise<Challenge[]> {
  if (viewer.role !== 'contractor') {
    await loadProject(deps, projectId, viewer);
    return (await loadChallenges(deps, projectId)).map((c) => c.value);
  }
  const contractorId = contractorOf(viewer);
  const [stored, bid] = await Promise.all([
    deps.store.get<Project>(keys.project(projectId)),
    deps.store.get<BidRecord>(keys.bid(projectId, contractorId)),
  ]);
  if (!stored || !bid) throw notFound('project');
  const challenges = await loadChallenges(deps, projectId);
  return challenges.map((c) => c.value).filter((c) => c.contractorId === contractorId);
}

/** Challenges still waiting for the bureau's answer: the contract waits while any is (R-PROC-5). */
/**
 * Open challenges of the award in force (R-PROC-5). One filed against an award a rescore has withdrawn contests
 * nothing any more, so it holds neither the workflow nor the contract.
 */
export async function openChallenges(
  deps: Deps,
  project: Pick<Project, 'id' | 'scoringRound'>,
): Promise<number> {
  const round = project.scoringRound ?? 1;
  const challenges = await loadChallenges(deps, project.id);
  return challenges.filter((c) => contestsAward(c.value, round)).length;
}

/**
 * rescore: the award is withdrawn (kept in `withdrawnAwards`), the ranking dropped and the next scoring round
 * opened (awarded → bidding_closed). `award` and `evaluation` are left out of the next record, not unset.
 */
function rescored(project: Project, challenge: Challenge, ctx: { actor: Actor; now: string }): Project {
  const { award, evaluation: _dropped, ...rest } = project;
  if (!award) throw new Error(`awarded project ${project.id} has no award`);
  const round = project.scoringRound ?? 1;
  return advance(
    rest,
    'rescore',
    { ...ctx, note: `challenge ${challenge.id} sustained` },
    {
      withdrawnAwards: [
        ...(project.withdrawnAwards ?? []),
        { ...award, withdrawnAt: ctx.now, challengeId: challenge.id },
      ],
      scoringRound: round + 1,
    },
  );
}

/** A rescore withdraws the award the challenge contests: that of the current round, not yet under contract. */
function assertRescoreApplies(project: Project, challenge: Challenge): void {
  if (project.status !== 'awarded') {
    // Another sustained challenge withdrew the award first, or the project moved on.
    throw new DomainError('conflict', `a ${project.status} project has no award in force to withdraw`, {
      rule: 'R-PROC-5',
    });
  }
  if ((project.scoringRound ?? 1) !== challenge.round) {
    throw new DomainError(
      'conflict',
      `challenge ${challenge.id} contests the award of round ${challenge.round}, which was withdrawn already`,
      { rule: 'R-PROC-5' },
    );
  }
  if (project.contract) {
    const detail = `project ${project.id} has a contract already; it can only be cancelled`;
    throw new DomainError('conflict', detail, { rule: 'R-PROC-1' });
  }
}

/**
 * R-PROC-5: the bureau answers an open challenge, also after the window has closed.
 * - dismissed: the challenge only; the workflow resumes once no challenge of the project is open.
 * - sustained + rescore: the challenge and the project back to scoring in one transaction, then the workflow
 *   resumes (it goes back to scoring).
 * - sustained + cancel: the challenge and the project cancelled with its public reason (R-SUP-3) in one
 *   transaction, then the workflow ends.
 */
export async function answerProjectChallenge(
  deps: Deps & CallbackDeps,
  ids: { projectId: string; challengeId: string },
  input: AnswerInput,
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<Challenge> {
  // A sustained answer also writes the project, which the workflow's callback task may move meanwhile (it shows the
  // wait for challenges): read again rather than answer 412 for a record the bureau sent no version of.
  const { challenge, then } = await readAgainOnRace(() => commitAnswer(deps, ids, input, ctx));
  if (then === 'resume') await resumeWorkflow(deps, ids.projectId, 'challenges');
  else if (then !== 'none') await abortWorkflow(deps, ids.projectId, then.abort);
  return challenge;
}

async function commitAnswer(
  deps: Deps,
  ids: { projectId: string; challengeId: string },
  input: AnswerInput,
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<{ challenge: Challenge; then: 'resume' | 'none' | { abort: string } }> {
  const answer = challengeAnswerOf(input);
  const projectStored = await loadProject(deps, ids.projectId, ctx.viewer);
  const stored = await deps.store.get<Challenge>(keys.challenge(ids.projectId, ids.challengeId));
  if (!stored) throw notFound('challenge');
  assertVersion(stored.value, ctx.ifMatch);
  const now = deps.clock.now();
  const { challenge, next } = answerChallenge(stored.value, answer, { by: ctx.actor, at: now });
  const answered = challengeChange(challenge, `challenge.${challenge.status}`, ctx.actor, stored);

  if (next.step === 'continue') {
    await deps.store.commit([answered]);
    return { challenge, then: (await openChallenges(deps, projectStored.value)) === 0 ? 'resume' : 'none' };
  }

  const before = projectStored.value;
  const move = { actor: ctx.actor, now: isoWithOffset(now) };
  if (next.step === 'rescore') assertRescoreApplies(before, challenge);
  const after =
    next.step === 'rescore'
      ? rescored(before, challenge, move)
      : // The answer's public reason is written for the public, unlike a clerk's note (R-SUP-3).
        cancelProject(before, { ...next.cancellation, publicNote: next.cancellation.note }, move);
  await deps.store.commit(
    [
      answered,
      projectChange(
        after,
        next.step === 'rescore' ? 'project.rescore' : 'project.cancelled',
        ctx.actor,
        projectStored,
      ),
    ],
    await publicationOf(deps, before, after, ON_CHALLENGE_ANSWER),
  );
  return next.step === 'rescore'
    ? { challenge, then: 'resume' }
    : { challenge, then: { abort: `challenge sustained: ${next.cancellation.note}` } };
}

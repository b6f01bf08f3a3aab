/**
 * Contracts (R-CON-1..4, R-FUND-2): the workflow drafts the awarded project's contract from the district's
 * standard template; the contractor and the purchaser each sign once. The second signature commits the budget
 * line, moves the project to contracted and publishes the contract (R-SUP-3) in one transaction, then resumes
 * the workflow waiting for it.
 */
import type { Viewer } from '#shared/domain/access';
import { inPurchaserScope } from '#shared/domain/access';
import type { Actor } from '#shared/domain/audit-chain';
import type { BudgetLine } from '#shared/domain/budget';
import { commit as commitToLine } from '#shared/domain/budget';
import { isoWithOffset } from '#shared/domain/clock';
import type { Contract, Party } from '#shared/domain/contract';
import {
  DEFAULT_PAYMENT_MILESTONES,
  STANDARD_TEMPLATE,
  draftContract,
  setAcceptancePlan,
  sign,
} from '#shared/domain/contract';
import type { AcceptancePlan } from '#shared/domain/acceptance-plan';
import { DomainError, notFound } from '#shared/domain/errors';
import type { ContractProgress } from '#shared/domain/delivery-progress';
import { initialProgress } from '#shared/domain/delivery-progress';
import type { ContractMilestone } from '#shared/domain/milestone';
import { milestonesAtSigning } from '#shared/domain/milestone';
import { newId } from '#shared/domain/ids';
import type { Project } from '#shared/domain/project';
import { advance, awaiting, notWaiting } from '#shared/domain/project';
import { FUNDS_CONFLICT_RETRIES, commitFunds } from '#shared/adapters/dynamodb/budget-writes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import { previousOf } from '#shared/adapters/dynamodb/record-store';
import type { Page, Stored } from '#shared/adapters/dynamodb/records';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { ProjectCancelledError, TransientTaskError } from '#shared/adapters/sfn/task-errors';
import { assertVersion, readAgainOnRace } from './if-match';
import { openChallenges } from './challenges';
import type { Deps, MetricsDeps } from './ports';
import { ON_CONTRACT } from '#shared/domain/ocds';
import { projectChange, publicationOf } from './project-records';
import type { CallbackDeps } from './workflow-callbacks';
import { resumeWorkflow } from './workflow-callbacks';

export const contractChange = (
  next: Contract,
  action: string,
  actor: Actor,
  previous?: Stored<Contract>,
): RecordChange => ({
  recordType: 'contract',
  recordId: next.id,
  key: keys.contract(next.id),
  index: keys.contractIndex(next.contractorId, next.createdAt, next.id),
  value: next,
  ...previousOf(previous),
  actor,
  action,
  at: next.updatedAt,
});

/** A payment milestone's record change (shared/domain/milestone.ts); a payable one is listed on the due index. */
export const milestoneChange = (
  next: ContractMilestone,
  action: string,
  actor: Actor,
  previous?: Stored<ContractMilestone>,
): RecordChange => ({
  recordType: 'milestone',
  recordId: `${next.contractId}.m${next.seq}`,
  key: keys.milestone(next.contractId, next.seq),
  ...(next.status === 'payable' && next.dueBy
    ? { index: keys.milestoneDueIndex(next.purchaserId, next.dueBy, next.contractId, next.seq) }
    : {}),
  value: next,
  ...previousOf(previous),
  actor,
  action,
  at: next.updatedAt,
});

/** The delivery counters' item (not a record: each delivery record that moves it is audited). */
const progressItem = (progress: ContractProgress): ExtraWrite => ({
  item: {
    Put: {
      TableName: TABLE_NAME,
      Item: { ...keys.deliveryProgress(progress.contractId), recordType: 'progress', ...progress },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  },
  onConditionFailed: () =>
    new DomainError('conflict', `contract ${progress.contractId} has its counters already`),
});

// ---- drafting (workflow task DraftContract) ----

/** The contract a project already names; written with the project, so only a lagging read can miss it. */
async function draftedContract(deps: Deps, id: string): Promise<Contract> {
  const stored = await deps.store.get<Contract>(keys.contract(id));
  if (!stored) throw new TransientTaskError(`contract ${id} is not readable yet`);
  return stored.value;
}

/**
 * R-CON-1..3: the awarded project's contract from the district's standard template, at the awarded price, with
 * the project's payment milestones (or the district's default). One transaction holds the contract and the
 * project naming it and waiting for signatures. Repeatable: a project that names a contract answers it.
 */
export async function draftContractFor(deps: Deps, projectId: string, actor: Actor): Promise<Contract> {
  const stored = await deps.store.get<Project>(keys.project(projectId));
  // The workflow runs for this project: its absence is a broken invariant, not a retryable fault.
  if (!stored) throw new Error(`project ${projectId} not found`);
  const project = stored.value;
  if (project.status === 'cancelled') throw new ProjectCancelledError(projectId);
  if (project.contract) return draftedContract(deps, project.contract.id);
  if (!project.award) {
    throw new DomainError('conflict', `a ${project.status} project has no award to contract`, {
      rule: 'R-PROC-1',
    });
  }
  const now = deps.clock.now();
  const at = isoWithOffset(now);
  const { bidId, contractorId, price, awardedAt } = project.award;
  const contract = draftContract(
    project,
    { projectId, bidId, contractorId, price, awardedAt },
    STANDARD_TEMPLATE,
    { paymentMilestones: project.paymentMilestones ?? DEFAULT_PAYMENT_MILESTONES },
    { id: newId('con', now), now: at },
  );
  const next: Project = {
    ...project,
    contract: { id: contract.id },
    ...(project.workflow ? { workflow: awaiting(project.workflow, 'signatures') } : {}),
    version: project.version + 1,
    updatedAt: at,
  };
  try {
    await deps.store.commit([
      contractChange(contract, 'contract.drafted', actor),
      projectChange(next, 'project.contract_drafted', actor, stored),
    ]);
  } catch (error) {
    // Another run of this task, or a cancellation, changed the project first: the retry sees which.
    if (error instanceof DomainError && (error.code === 'stale' || error.code === 'conflict')) {
      throw new TransientTaskError(error.message, { cause: error });
    }
    throw error;
  }
  return contract;
}

// ---- reading ----

/** The contractor itself, and staff within their purchaser scope (R-BUY-1); anyone else is told "not found". */
export const canSee = (viewer: Viewer, contract: Pick<Contract, 'contractorId' | 'purchaserId'>): boolean =>
  viewer.role === 'contractor'
    ? viewer.contractorId === contract.contractorId
    : inPurchaserScope(viewer, contract.purchaserId);

export async function loadContract(deps: Deps, id: string, viewer: Viewer): Promise<Stored<Contract>> {
  const stored = await deps.store.get<Contract>(keys.contract(id));
  if (!stored || !canSee(viewer, stored.value)) throw notFound('contract');
  return stored;
}

/**
 * A contractor's contracts, newest first: a contractor lists its own, staff name the contractor. A town sees
 * only its own purchaser's contracts, so its page may hold fewer than `limit` (the cursor still moves on).
 */
export async function listContracts(
  deps: Deps,
  query: { contractorId?: string; limit: number; cursor?: string },
  viewer: Viewer,
): Promise<Page<Contract>> {
  const contractorId =
    viewer.role === 'contractor' ? (query.contractorId ?? viewer.contractorId) : query.contractorId;
  if (!contractorId) {
    throw new DomainError('invalid', 'contractorId: name the contractor whose contracts to list', {
      field: 'contractorId',
      location: 'query',
    });
  }
  if (viewer.role === 'contractor' && contractorId !== viewer.contractorId) {
    throw new DomainError('not_found', 'contractorId: no such contractor', {
      field: 'contractorId',
      location: 'query',
    });
  }
  const page = await deps.store.queryIndex<Contract>(keys.contractPartition(contractorId), {
    limit: query.limit,
    newestFirst: true,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return {
    items: page.items.map((s) => s.value).filter((c) => canSee(viewer, c)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

// ---- the acceptance plan (R-ACC-1..3) ----

/**
 * The purchaser's side sets the contract's acceptance plan (履约验收方案) while nobody has signed; the contractor signs
 * the version that holds it (a signature names the version it read, so a plan changed meanwhile is a 412 to it).
 */
export async function setContractAcceptancePlan(
  deps: Deps,
  id: string,
  plan: AcceptancePlan,
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<Contract> {
  const stored = await loadContract(deps, id, ctx.viewer);
  assertVersion(stored.value, ctx.ifMatch);
  const next = setAcceptancePlan(stored.value, plan, isoWithOffset(deps.clock.now()));
  await deps.store.commit([contractChange(next, 'contract.acceptance_plan_set', ctx.actor, stored)]);
  return next;
}

// ---- signing ----

/** A first signature lands only while the project still awaits this contract (not cancelled, not rescored). */
const stillAwaitingSignatures = (project: Project, contractId: string): ExtraWrite => ({
  item: {
    ConditionCheck: {
      TableName: TABLE_NAME,
      Key: keys.project(project.id),
      ConditionExpression: '#status = :awarded AND #contract.#id = :contract',
      ExpressionAttributeNames: { '#status': 'status', '#contract': 'contract', '#id': 'id' },
      ExpressionAttributeValues: { ':awarded': 'awarded', ':contract': contractId },
    },
  },
  onConditionFailed: () =>
    new DomainError('conflict', `project ${project.id} no longer awaits contract ${contractId}`, {
      rule: 'R-PROC-1',
    }),
});

/**
 * R-CON-1, R-FUND-2: the contractor signs as `contractor`, the bureau or the town as `purchaser`, each once.
 * The second signature, in one transaction: the signed contract, the commitment on the budget line (409 and
 * nothing written when the line cannot cover the price), the project awarded → contracted, and the contract
 * release and 合同公告 (R-SUP-3). Then the workflow waiting for the signatures ends.
 */
export async function signContract(
  deps: Deps & CallbackDeps & MetricsDeps,
  id: string,
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<Contract> {
  // The second signature also writes the project, which the workflow's callback task may move meanwhile (it shows
  // the wait for signatures): read again rather than answer 412 for a record the signer sent no version of.
  const { signed, resume } = await readAgainOnRace(() => commitSignature(deps, id, ctx));
  if (resume) {
    // Issue 9 §5: the second signature has committed; counted before the wake-up, which may fail and be retried.
    await deps.metrics?.count('ContractsSigned');
    await resumeWorkflow(deps, resume, 'signatures');
  }
  return signed;
}

async function commitSignature(
  deps: Deps,
  id: string,
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<{ signed: Contract; resume?: string }> {
  const stored = await loadContract(deps, id, ctx.viewer);
  const contract = stored.value;
  assertVersion(contract, ctx.ifMatch);
  const party: Party = ctx.viewer.role === 'contractor' ? 'contractor' : 'purchaser';
  const projectStored = await deps.store.get<Project>(keys.project(contract.projectId));
  if (!projectStored) throw new Error(`project ${contract.projectId} of contract ${id} is missing`);
  const project = projectStored.value;
  if (project.status !== 'awarded' || project.contract?.id !== id) {
    throw new DomainError('conflict', `a ${project.status} project no longer awaits contract ${id}`, {
      rule: 'R-PROC-1',
    });
  }
  // R-PROC-5: no contract while a challenge of the award is unanswered (it may withdraw the award).
  if ((await openChallenges(deps, project)) > 0) {
    throw new DomainError('conflict', 'a challenge of this award is still open; sign once it is answered', {
      rule: 'R-PROC-5',
    });
  }
  const at = isoWithOffset(deps.clock.now());
  const { contract: signed, commitment } = sign(contract, party, ctx.actor, at);
  const signing = contractChange(signed, `contract.signed_by_${party}`, ctx.actor, stored);
  if (!commitment) {
    await deps.store.commit([signing], [stillAwaitingSignatures(project, id)]);
    return { signed };
  }
  // R-FUND-2, load → rule → transaction: the line read must cover the price (409 naming `price` if not); the
  // commitment's conditions then hold the same rule against any signing that lands first.
  const line = await deps.store.get<BudgetLine>(keys.budgetLine(commitment.budgetLineId));
  if (!line) throw new Error(`budget line ${commitment.budgetLineId} of contract ${id} is missing`);
  commitToLine(line.value, commitment.amount, 'price', at);
  const next = advance(
    project,
    'contract',
    { actor: ctx.actor, now: at, note: `contract ${id}` },
    {
      contract: { id, signedAt: at },
      ...(project.workflow ? { workflow: notWaiting(project.workflow) } : {}),
    },
  );
  // Issue 13: the payment milestones become records of their own (the advance at signing payable at once), and the
  // delivery counters start at zero, in the same transaction: a signed contract always has both.
  const milestones = milestonesAtSigning(signed, at, signed.acceptancePlan.paymentTermDays);
  // R-FUND-2: commitments at contract, in the same transaction; signings against one line collide by design.
  await deps.store.commit(
    [
      signing,
      projectChange(next, 'project.contracted', ctx.actor, projectStored),
      ...milestones.map((m) => milestoneChange(m, 'milestone.scheduled', ctx.actor)),
    ],
    [
      ...commitFunds({
        lineId: commitment.budgetLineId,
        purchaserId: contract.purchaserId,
        amount: commitment.amount,
        cause: { type: 'contract', id },
        actor: ctx.actor,
        at,
        field: 'price',
      }),
      ...(await publicationOf(deps, project, next, ON_CONTRACT)),
      progressItem(initialProgress(signed, signed.acceptancePlan.delivery, at)),
    ],
    { conflictRetries: FUNDS_CONFLICT_RETRIES },
  );
  return { signed, resume: project.id };
}

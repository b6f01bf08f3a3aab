/**
 * Purchase projects (R-PROC-1..4, R-CAT-3, R-CAT-4, R-BUY-1): load what the rules need, apply the domain rule,
 * commit the project, its audit entry and the conditions that must still hold when it lands.
 */
import type { Viewer } from '#shared/domain/access';
import type { Actor } from '#shared/domain/audit-chain';
import type { BudgetLine } from '#shared/domain/budget';
import { businessDate, isoWithOffset } from '#shared/domain/clock';
import type { Contractor } from '#shared/domain/contractor';
import { evaluateEligibility } from '#shared/domain/eligibility';
import { DomainError } from '#shared/domain/errors';
import { newId } from '#shared/domain/ids';
import type {
  CancellationReason,
  Invitee,
  Project,
  ProjectContext,
  ProjectInput,
  ProjectStatus,
} from '#shared/domain/project';
import {
  approveProject,
  cancelProject,
  draftProject,
  editProject,
  nextStatus,
  submitProject,
} from '#shared/domain/project';
import { fundsCover } from '#shared/adapters/dynamodb/budget-writes';
import type { ExtraWrite } from '#shared/adapters/dynamodb/record-store';
import { versionUnchanged } from '#shared/adapters/dynamodb/record-store';
import { keys } from '#shared/adapters/dynamodb/keys';
import { readCatalog } from './catalog';
import { assertVersion } from './if-match';
import { ON_CANCEL, PUBLICATIONS } from '#shared/domain/ocds';
import { loadProject, projectChange, publicationOf } from './project-records';

export { loadProject } from './project-records';
import type { Deps } from './ports';
import type { CallbackDeps } from './workflow-callbacks';
import { abortWorkflow } from './workflow-callbacks';
import { assertInScope, listScope, loadRules } from './purchasers';

/** The estimate must still fit the line when the write lands, not only when it was read (R-FUND-2). */
const stillCovered = (project: Project): ExtraWrite =>
  fundsCover({
    lineId: project.budgetLineId,
    purchaserId: project.purchaserId,
    fiscalYear: project.fiscalYear,
    amount: project.estimatedAmount,
    field: 'estimatedAmount',
  });

/** Rules, catalog and budget line of a project, read in parallel. */
async function contextFor(deps: Deps, purchaserId: string, budgetLineId: string): Promise<ProjectContext> {
  const [{ rules }, catalog, line] = await Promise.all([
    loadRules(deps, purchaserId),
    readCatalog(deps),
    deps.store.get<BudgetLine>(keys.budgetLine(budgetLineId)),
  ]);
  return {
    purchaserId,
    rules,
    catalog: { items: catalog.items.map((i) => i.value), negativeList: catalog.negativeList },
    budgetLine: line?.value,
  };
}

export async function createProject(
  deps: Deps,
  input: ProjectInput & { purchaserId: string },
  ctx: { viewer: Viewer; actor: Actor; remember: (project: Project) => ExtraWrite[] },
): Promise<Project> {
  const { purchaserId, ...content } = input;
  assertInScope(ctx.viewer, purchaserId, 'body');
  const context = await contextFor(deps, purchaserId, content.budgetLineId);
  const now = deps.clock.now();
  const project = draftProject(content, {
    ...context,
    id: newId('prj', now),
    actor: ctx.actor,
    now: isoWithOffset(now),
  });
  await deps.store.commit(
    [projectChange(project, 'project.created', ctx.actor)],
    [stillCovered(project), ...ctx.remember(project)],
  );
  return project;
}

interface Change {
  viewer: Viewer;
  actor: Actor;
  ifMatch: number;
}

export async function updateProject(
  deps: Deps,
  id: string,
  input: ProjectInput,
  ctx: Change,
): Promise<Project> {
  const stored = await loadProject(deps, id, ctx.viewer);
  assertVersion(stored.value, ctx.ifMatch);
  const context = await contextFor(deps, stored.value.purchaserId, input.budgetLineId);
  const next = editProject(stored.value, input, {
    ...context,
    actor: ctx.actor,
    now: isoWithOffset(deps.clock.now()),
  });
  await deps.store.commit([projectChange(next, 'project.edited', ctx.actor, stored)], [stillCovered(next)]);
  return next;
}

/**
 * Each invited contractor read once (GetItem) and judged eligible as of today (R-QUAL-2, R-QUAL-5);
 * invitations are few (≤ 20), so a loop of reads is cheaper to reason about than a batch.
 */
async function loadInvitees(deps: Deps, project: Project, today: string) {
  const invitees: (Invitee & { version?: number })[] = [];
  for (const id of project.invitedContractorIds) {
    const stored = await deps.store.get<Contractor>(keys.contractor(id));
    invitees.push(
      stored
        ? {
            id,
            contractor: stored.value,
            eligible: evaluateEligibility(stored.value, today).eligible,
            version: stored.value.version,
          }
        : { id, eligible: false },
    );
  }
  return invitees;
}

/** The eligibility we judged must still be the contractor's state when the submission lands. */
const unchangedContractor = (id: string, version: number, index: number): ExtraWrite =>
  versionUnchanged(
    keys.contractor(id),
    version,
    () =>
      new DomainError(
        'conflict',
        `invitedContractorIds.${index}: contractor ${id} changed meanwhile; submit again`,
        {
          field: `invitedContractorIds.${index}`,
          rule: 'R-QUAL-2',
        },
      ),
  );

export async function submit(deps: Deps, id: string, ctx: Change): Promise<Project> {
  const stored = await loadProject(deps, id, ctx.viewer);
  assertVersion(stored.value, ctx.ifMatch);
  // A project that cannot be submitted is told so before anything else is read.
  nextStatus(stored.value.status, 'submit');
  const now = deps.clock.now();
  const [context, invitees] = await Promise.all([
    contextFor(deps, stored.value.purchaserId, stored.value.budgetLineId),
    loadInvitees(deps, stored.value, businessDate(now)),
  ]);
  const next = submitProject(stored.value, {
    ...context,
    invitees,
    actor: ctx.actor,
    now: isoWithOffset(now),
  });
  const checks = invitees.flatMap((invitee, index) =>
    invitee.version === undefined ? [] : [unchangedContractor(invitee.id, invitee.version, index)],
  );
  await deps.store.commit(
    [projectChange(next, 'project.submitted', ctx.actor, stored)],
    [stillCovered(next), ...checks],
  );
  return next;
}

export async function approve(deps: Deps, id: string, ctx: Change): Promise<Project> {
  const stored = await loadProject(deps, id, ctx.viewer);
  assertVersion(stored.value, ctx.ifMatch);
  const next = approveProject(stored.value, { actor: ctx.actor, now: isoWithOffset(deps.clock.now()) });
  // The planning release lands with the approval or not at all (R-SUP-3).
  await deps.store.commit(
    [projectChange(next, 'project.approved', ctx.actor, stored)],
    [stillCovered(next), ...(await publicationOf(deps, stored.value, next, PUBLICATIONS))],
  );
  return next;
}

export async function cancel(
  deps: Deps & CallbackDeps,
  id: string,
  input: { reason: CancellationReason; note: string },
  ctx: Change,
): Promise<Project> {
  const stored = await loadProject(deps, id, ctx.viewer);
  assertVersion(stored.value, ctx.ifMatch);
  const next = cancelProject(stored.value, input, { actor: ctx.actor, now: isoWithOffset(deps.clock.now()) });
  // Once a project was public, its cancellation and reason are too (R-PROC-5); a draft's is not.
  await deps.store.commit(
    [projectChange(next, 'project.cancelled', ctx.actor, stored)],
    await publicationOf(deps, stored.value, next, ON_CANCEL),
  );
  // A workflow parked on a callback ends now; one in a timed wait ends at its next task (R-PROC-1).
  if (stored.value.workflow) await abortWorkflow(deps, id, `project cancelled: ${input.reason}`);
  return next;
}

export async function listProjects(
  deps: Deps,
  query: { purchaserId?: string; status?: ProjectStatus; limit: number; cursor?: string },
  viewer: Viewer,
) {
  const purchaserId = listScope(viewer, query.purchaserId);
  return deps.store.queryIndex<Project>(keys.projectPartition(purchaserId), {
    limit: query.limit,
    newestFirst: true,
    ...(query.status ? { sortKeyPrefix: `${query.status}#` } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
}

/**
 * Publishing a project (R-PROC-1, R-PROC-2, R-PROC-5): the clerk asks, the procurement workflow does it.
 * The route checks everything it can now (status, version, the tender period against the purchaser's rules)
 * and starts the execution; the workflow's first task publishes the notice in one transaction with its
 * release, so the notice never exists without the workflow that will close it.
 */
import type { Viewer } from '#shared/domain/access';
import type { Actor } from '#shared/domain/audit-chain';
import { isoWithOffset } from '#shared/domain/clock';
import { DomainError } from '#shared/domain/errors';
import type { Project } from '#shared/domain/project';
import { nextStatus } from '#shared/domain/project';
import type { ProcurementRules } from '#shared/domain/procurement-rules';
import { earliestDeadline, METHOD_NAME_ZH } from '#shared/domain/procurement-rules';
import { assertVersion } from './if-match';
import type { Deps } from './ports';
import { loadProject } from './project-records';
import { loadRules } from './purchasers';

/** A notice may not stay open longer than this (a deadline a year out is a typo, not a plan). */
export const MAX_TENDER_PERIOD_DAYS = 180;

export interface PublicationRequest {
  projectId: string;
  /** The version the clerk published; the workflow refuses a project changed since. */
  projectVersion: number;
  bidDeadline: string;
  requestedBy: Actor;
}

export interface WorkflowStarter {
  start(name: string, input: PublicationRequest): Promise<{ executionArn: string; startDate: Date }>;
}

/**
 * R-PROC-2: the deadline leaves at least the method's minimum period after publication (counted as the law
 * counts it, or the deployment's seconds override) and at most MAX_TENDER_PERIOD_DAYS.
 */
export function checkBidDeadline(
  project: Pick<Project, 'procurementMethod'>,
  rules: Pick<ProcurementRules, 'methods' | 'holidays'>,
  bidDeadline: Date,
  publishedAt: Date,
  overrideSeconds: number | undefined,
): void {
  const earliest = earliestDeadline(project.procurementMethod, publishedAt, rules, overrideSeconds);
  if (bidDeadline.getTime() < earliest.getTime()) {
    throw new DomainError(
      'refused',
      `bidDeadline: ${METHOD_NAME_ZH[project.procurementMethod]} leaves bidders until ${isoWithOffset(earliest)} at the earliest`,
      { field: 'bidDeadline', rule: 'R-PROC-2' },
    );
  }
  const latest = publishedAt.getTime() + MAX_TENDER_PERIOD_DAYS * 86_400_000;
  if (bidDeadline.getTime() > latest) {
    throw new DomainError(
      'invalid',
      `bidDeadline: at most ${MAX_TENDER_PERIOD_DAYS} days after publication`,
      { field: 'bidDeadline' },
    );
  }
}

/** Execution names are Step Functions' idempotency key: one publication per project version. */
export const publicationExecutionName = (p: Pick<Project, 'id' | 'version'>) => `${p.id}-v${p.version}`;

export async function requestPublication(
  deps: Deps & { workflow: WorkflowStarter; overrideSeconds: number | undefined },
  id: string,
  input: { bidDeadline: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<{ project: Project; executionArn: string; request: PublicationRequest }> {
  const { value: project } = await loadProject(deps, id, ctx.viewer);
  assertVersion(project, ctx.ifMatch);
  nextStatus(project.status, 'publish');
  const { rules } = await loadRules(deps, project.purchaserId);
  checkBidDeadline(project, rules, new Date(input.bidDeadline), deps.clock.now(), deps.overrideSeconds);
  const request: PublicationRequest = {
    projectId: project.id,
    projectVersion: project.version,
    bidDeadline: isoWithOffset(new Date(input.bidDeadline)),
    requestedBy: ctx.actor,
  };
  try {
    const started = await deps.workflow.start(publicationExecutionName(project), request);
    return { project, executionArn: started.executionArn, request };
  } catch (error) {
    // The same version published again with another deadline while the first request runs.
    if ((error as Error).name === 'ExecutionAlreadyExists') {
      throw new DomainError(
        'conflict',
        'publication of this version was already requested with another deadline',
        {
          rule: 'R-PROC-1',
        },
      );
    }
    throw error;
  }
}

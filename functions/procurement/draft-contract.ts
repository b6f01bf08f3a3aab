/** Procurement task DraftContract: the contract from the district's standard template (R-CON-1..3). */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { draftContractFor } from '#shared/use-cases/contracts';
import { WORKFLOW_ACTOR } from '#shared/use-cases/procurement-tasks';
import { ProjectRef, taskDeps } from './task-deps';

export async function handler(event: unknown): Promise<{ contractId: string }> {
  const { projectId } = parseTaskInput(ProjectRef, event);
  const contract = await draftContractFor(taskDeps, projectId, WORKFLOW_ACTOR);
  return { contractId: contract.id };
}

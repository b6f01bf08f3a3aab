/**
 * Procurement task CloseBidding: at the deadline, closed or unsuccessful for too few bids (R-PROC-1, R-PROC-2),
 * then every sealed bid opened (R-PROC-5, issue 11 §1): this is the one function that opens all bids, and it holds
 * kms:Decrypt on the bid seal key for that.
 */
import { bidSeal } from '#shared/adapters/kms/bid-seal';
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { openSealedBids } from '#shared/use-cases/bid-seal';
import { WORKFLOW_ACTOR, closeBidding } from '#shared/use-cases/procurement-tasks';
import { ProjectRef, taskDeps } from './task-deps';

export const handler = async (event: unknown) => {
  const { projectId } = parseTaskInput(ProjectRef, event);
  const closing = await closeBidding(taskDeps, projectId);
  // After the close, so no bid lands after its opening; a retried task opens what is still sealed.
  await openSealedBids({ ...taskDeps, open: bidSeal }, projectId, WORKFLOW_ACTOR);
  return closing;
};

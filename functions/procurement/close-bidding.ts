/**
 * Procurement task CloseBidding: at the deadline, closed or unsuccessful for too few bids (R-PROC-1, R-PROC-2),
 * with every sealed bid opened (R-PROC-5, issue 11 §1): this is the one function that opens all bids, and it holds
 * kms:Decrypt on the bid seal key for that.
 */
import { bidSeal } from '#shared/adapters/kms/bid-seal';
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { openSealedBids } from '#shared/use-cases/bid-seal';
import { WORKFLOW_ACTOR, closeBidding } from '#shared/use-cases/procurement-tasks';
import { ProjectRef, taskDeps } from './task-deps';

const deps = { ...taskDeps, open: bidSeal };

export const handler = async (event: unknown) => {
  const { projectId } = parseTaskInput(ProjectRef, event);
  // Opened before the close, so a reader who sees `bidding_closed` reads every bid in clear (the task runs once the
  // deadline and the grace for bids still being written are over, issue 11 §3); and once more after it, for a bid
  // that landed in between, which the close then keeps out for good.
  await openSealedBids(deps, projectId, WORKFLOW_ACTOR);
  const closing = await closeBidding(taskDeps, projectId);
  await openSealedBids(deps, projectId, WORKFLOW_ACTOR);
  return closing;
};

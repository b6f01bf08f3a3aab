/** Procurement task CloseBidding: at the deadline, closed or unsuccessful for too few bids (R-PROC-1, R-PROC-2). */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { closeBidding } from '#shared/use-cases/procurement-tasks';
import { ProjectRef, taskDeps } from './task-deps';

export const handler = (event: unknown) =>
  closeBidding(taskDeps, parseTaskInput(ProjectRef, event).projectId);

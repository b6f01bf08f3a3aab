/** Procurement task Evaluate: ranks the bids once every score is in (R-PROC-3, R-QUAL-4, R-PROC-6). */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { evaluate } from '#shared/use-cases/procurement-tasks';
import { ProjectRef, taskDeps } from './task-deps';

export const handler = (event: unknown) => evaluate(taskDeps, parseTaskInput(ProjectRef, event).projectId);

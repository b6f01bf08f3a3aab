/** Procurement task Award: the award notice and the standstill window (R-PROC-5). */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { award } from '#shared/use-cases/procurement-tasks';
import { ProjectRef, taskDeps } from './task-deps';

export const handler = (event: unknown) => award(taskDeps, parseTaskInput(ProjectRef, event).projectId);

/** Procurement task CheckStandstill: contract, wait for open challenges, or back to scoring (R-PROC-5). */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { checkStandstill } from '#shared/use-cases/procurement-tasks';
import { ProjectRef, taskDeps } from './task-deps';

export const handler = (event: unknown) =>
  checkStandstill(taskDeps, parseTaskInput(ProjectRef, event).projectId);

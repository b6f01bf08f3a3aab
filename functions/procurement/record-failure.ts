/** Procurement task RecordFailure: the Catch of every task; the failure shows on the project. */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { recordFailure } from '#shared/use-cases/procurement-tasks';
import * as z from '#shared/schemas/zod';
import { taskDeps } from './task-deps';

const Input = z.object({
  projectId: z.string(),
  executionArn: z.string(),
  error: z.string(),
  cause: z.string(),
});

export const handler = (event: unknown) => recordFailure(taskDeps, parseTaskInput(Input, event));

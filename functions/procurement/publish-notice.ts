/** Procurement task PublishNotice: approved → published with the tender release (R-PROC-1, R-PROC-5). */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { publishNotice } from '#shared/use-cases/procurement-tasks';
import * as z from '#shared/schemas/zod';
import { taskDeps } from './task-deps';

const Input = z.object({
  projectId: z.string(),
  projectVersion: z.number().check(z.int(), z.positive()),
  bidDeadline: z.iso.datetime({ offset: true }),
  requestedBy: z.object({ sub: z.string(), role: z.string() }),
  executionArn: z.string(),
});

export const handler = (event: unknown) => publishNotice(taskDeps, parseTaskInput(Input, event));

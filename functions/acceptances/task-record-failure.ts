/** Acceptance task RecordFailure: the Catch of every task; the failure shows on the acceptance. */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { recordAcceptanceFailure } from '#shared/use-cases/acceptance-tasks';
import * as z from '#shared/schemas/zod';
import { AcceptanceRef } from './task-input';
import { acceptanceDeps } from './workflow-deps';

const Input = z.extend(AcceptanceRef, { executionArn: z.string(), error: z.string(), cause: z.string() });

export const handler = (event: unknown) =>
  recordAcceptanceFailure(acceptanceDeps, parseTaskInput(Input, event));

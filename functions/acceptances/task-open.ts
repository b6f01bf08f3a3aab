/** Acceptance task Open: records the execution on the acceptance the route opened. */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { recordOpened } from '#shared/use-cases/acceptance-tasks';
import * as z from '#shared/schemas/zod';
import { AcceptanceRef } from './task-input';
import { acceptanceDeps } from './workflow-deps';

const Input = z.extend(AcceptanceRef, { executionArn: z.string() });

export const handler = (event: unknown) => recordOpened(acceptanceDeps, parseTaskInput(Input, event));

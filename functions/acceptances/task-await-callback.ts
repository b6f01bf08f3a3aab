/**
 * Acceptance callback tasks (lambda:invoke.waitForTaskToken) AwaitOpinions and AwaitPanel: parks the token beside
 * the acceptance for the route that completes the wait, and resumes itself when the wait is already over (the
 * minimum of opinions, their deadline, the panel's quorum).
 */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { awaitAcceptanceCallback } from '#shared/use-cases/acceptance-tasks';
import * as z from '#shared/schemas/zod';
import { AcceptanceRef } from './task-input';
import { acceptanceDeps } from './workflow-deps';

const Input = z.extend(AcceptanceRef, {
  waitingFor: z.enum(['opinions', 'panel']),
  taskToken: z.string().check(z.minLength(1)),
});

export const handler = (event: unknown) =>
  awaitAcceptanceCallback(acceptanceDeps, parseTaskInput(Input, event));

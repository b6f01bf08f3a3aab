/**
 * Procurement callback tasks (lambda:invoke.waitForTaskToken) AwaitScores, AwaitDraw, AwaitChallenges and
 * AwaitSignatures: parks the token beside the project for the route that completes the wait.
 */
import { callbackDeps } from '#shared/adapters/workflow';
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { awaitCallback } from '#shared/use-cases/procurement-tasks';
import * as z from '#shared/schemas/zod';
import { taskDeps } from './task-deps';

const Input = z.object({
  projectId: z.string(),
  waitingFor: z.enum(['scores', 'draw', 'challenges', 'signatures']),
  taskToken: z.string().check(z.minLength(1)),
});

export const handler = (event: unknown) =>
  awaitCallback({ ...taskDeps, ...callbackDeps }, parseTaskInput(Input, event));

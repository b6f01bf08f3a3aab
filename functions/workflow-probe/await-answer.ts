/**
 * Probe task AwaitAnswer (lambda:invoke.waitForTaskToken): stores the task token where whoever answers
 * will find it. The state waits for SendTaskSuccess/Failure with that token, not for this return value.
 */
import { parseInput, ProbeId, updateProbe } from './probe';
import * as z from '#shared/schemas/zod';

const Input = z.object({
  probeId: ProbeId,
  executionId: z.string(),
  taskToken: z.string().check(z.minLength(1)),
});

export async function handler(event: unknown): Promise<void> {
  const input = parseInput(Input, event);
  await updateProbe({ id: input.probeId, executionId: input.executionId }, 'probe awaits its answer', () => ({
    status: 'awaiting-answer',
    taskToken: input.taskToken,
  }));
}

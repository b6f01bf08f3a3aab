/** Probe task RecordOutcome: records the answer the callback delivered; the Choice then decides. */
import { parseInput, ProbeId, updateProbe } from './probe';
import * as z from '#shared/schemas/zod';

const Input = z.object({ probeId: ProbeId, executionId: z.string(), answer: z.unknown() });

export async function handler(event: unknown): Promise<{ status: string }> {
  const input = parseInput(Input, event);
  // The token is spent once answered: drop it so nobody mistakes it for a live one.
  const probe = await updateProbe(
    { id: input.probeId, executionId: input.executionId },
    'probe answered',
    () => ({
      status: 'answered',
      answer: input.answer,
      taskToken: undefined,
    }),
  );
  return { status: probe.status };
}

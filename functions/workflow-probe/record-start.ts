/** Probe task RecordStart: creates the probe record before the wait. */
import { createProbe, parseInput, ProbeId } from './probe';
import * as z from '#shared/schemas/zod';

const Input = z.object({
  probeId: ProbeId,
  deadline: z.iso.datetime({ offset: true }),
  executionId: z.string(),
});

export async function handler(event: unknown): Promise<{ status: string }> {
  const input = parseInput(Input, event);
  const probe = await createProbe({
    id: input.probeId,
    executionId: input.executionId,
    deadline: input.deadline,
  });
  return { status: probe.status };
}

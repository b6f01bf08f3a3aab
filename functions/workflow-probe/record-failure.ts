/**
 * Probe task RecordFailure: the Catch target of every probe task, so no failure goes unrecorded — not
 * even one of RecordStart, which leaves no record to update: the probe is then created failed.
 */
import { DomainError } from '#shared/domain/errors';
import * as z from '#shared/schemas/zod';
import { createProbe, parseInput, ProbeId, updateProbe } from './probe';

const Input = z.object({
  probeId: ProbeId,
  executionId: z.string(),
  deadline: z.string(),
  error: z.string(),
  cause: z.string(),
});

export async function handler(event: unknown): Promise<{ status: string }> {
  const input = parseInput(Input, event);
  const failure = { error: input.error, cause: input.cause };
  const ref = { id: input.probeId, executionId: input.executionId };
  try {
    const probe = await updateProbe(ref, 'probe failed', () => ({
      status: 'failed',
      failure,
      taskToken: undefined,
    }));
    return { status: probe.status };
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'not_found')) throw error;
    const probe = await createProbe({ ...ref, deadline: input.deadline, failure });
    return { status: probe.status };
  }
}

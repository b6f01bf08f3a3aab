/**
 * The probe's record: each task of infra/workflows/probe.asl.json writes one change through the record
 * store (one transaction with its hash-chained audit entry), so every step of an execution is observable
 * in the table — which is what the workflow tests and an operator look at.
 *
 * Tasks run at least once (Step Functions retries them; the embedded runner resumes a state after a
 * restart), so every write here is safe to repeat.
 */
import { keys } from '#shared/adapters/dynamodb/keys';
import { clock, store } from '#shared/adapters/store';
import { TransientTaskError } from '#shared/adapters/sfn/task-errors';
import type { Actor } from '#shared/domain/audit-chain';
import { isoWithOffset } from '#shared/domain/clock';
import { DomainError } from '#shared/domain/errors';
import * as z from '#shared/schemas/zod';

export const PROBE_RECORD_TYPE = 'workflowProbe';
const ACTOR: Actor = { sub: 'workflow:probe', role: 'workflow' };

export type ProbeStatus = 'waiting' | 'awaiting-answer' | 'answered' | 'failed';

export interface WorkflowProbe {
  id: string;
  version: number;
  status: ProbeStatus;
  executionId: string;
  deadline: string;
  startedAt: string;
  updatedAt: string;
  /** The callback token while the probe waits for its answer (an operator answers with it). */
  taskToken?: string;
  answer?: unknown;
  failure?: { error: string; cause: string };
}

export const ProbeId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));

export { parseTaskInput as parseInput } from '#shared/adapters/sfn/task-input';

export interface NewProbe {
  id: string;
  executionId: string;
  deadline: string;
  /** A probe whose start could not be recorded is created failed. */
  failure?: WorkflowProbe['failure'];
}

/** Creates the probe; a repeated call of the same execution finds its own record and changes nothing. */
export async function createProbe(input: NewProbe): Promise<WorkflowProbe> {
  const existing = await store.get<WorkflowProbe>(keys.workflowProbe(input.id));
  if (existing?.value.executionId === input.executionId) return existing.value;
  if (existing) throw new DomainError('duplicate', `probe ${input.id} belongs to another execution`);
  const at = isoWithOffset(clock.now());
  const probe: WorkflowProbe = {
    ...input,
    version: 1,
    status: input.failure ? 'failed' : 'waiting',
    startedAt: at,
    updatedAt: at,
  };
  await write(probe, input.failure ? 'probe failed' : 'probe started');
  return probe;
}

/**
 * Applies `change` to the probe of this execution; a concurrent write makes the task retry, not fail.
 * A probe id reused by another execution is refused rather than overwritten.
 */
export async function updateProbe(
  ref: { id: string; executionId: string },
  action: string,
  change: (probe: WorkflowProbe) => Partial<WorkflowProbe>,
): Promise<WorkflowProbe> {
  const stored = await store.get<WorkflowProbe>(keys.workflowProbe(ref.id));
  if (!stored) throw new DomainError('not_found', `probe ${ref.id} not found`);
  if (stored.value.executionId !== ref.executionId) {
    throw new DomainError('refused', `probe ${ref.id} belongs to another execution`);
  }
  const next: WorkflowProbe = {
    ...stored.value,
    ...change(stored.value),
    version: stored.value.version + 1,
    updatedAt: isoWithOffset(clock.now()),
  };
  await write(next, action, { version: stored.value.version, head: stored.head });
  return next;
}

async function write(
  probe: WorkflowProbe,
  action: string,
  previous?: { version: number; head: { auditSeq: number; auditHash: string } },
): Promise<void> {
  try {
    await store.commit([
      {
        recordType: PROBE_RECORD_TYPE,
        recordId: probe.id,
        key: keys.workflowProbe(probe.id),
        value: probe,
        ...(previous ? { previous } : {}),
        actor: ACTOR,
        action,
        at: probe.updatedAt,
      },
    ]);
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'stale' || error.code === 'conflict')) {
      throw new TransientTaskError(error.message, { cause: error });
    }
    throw error;
  }
}

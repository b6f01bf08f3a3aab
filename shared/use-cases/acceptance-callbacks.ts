/**
 * How routes wake an acceptance's workflow (infra/workflows/acceptance.asl.json), as workflow-callbacks.ts does for a
 * project: a callback task parks its token beside the acceptance; the route that completes what the workflow waits
 * for (the opinion that reaches the minimum, the signature that makes the quorum) resumes it with that token, after
 * its own change has committed. The committee quorum is ONE token for the decision, released when the quorum holds
 * (anchors §5), not a wait per member. Either side may be first (the task resumes itself when it finds the wait
 * over); a token answered twice is refused by Step Functions, which means "somebody already did it".
 */
import type { WaitingFor } from '#shared/domain/acceptance';
import type { ParkedAcceptanceCallback } from '#shared/adapters/dynamodb/acceptance-callbacks';
import type { TaskTokenPort } from './workflow-callbacks';

export type CallbackWait = Exclude<WaitingFor, 'rectification'>;

export interface AcceptanceCallbackPort {
  park(callback: ParkedAcceptanceCallback): Promise<void>;
  find(contractId: string, acceptanceId: string): Promise<ParkedAcceptanceCallback | undefined>;
  clear(contractId: string, acceptanceId: string, taskToken: string): Promise<void>;
}

export interface AcceptanceCallbackDeps {
  callbacks: AcceptanceCallbackPort;
  tasks: TaskTokenPort;
}

const SPENT_TOKEN_ERRORS = ['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'];
const isSpent = (error: unknown) => error instanceof Error && SPENT_TOKEN_ERRORS.includes(error.name);

/** Resumes the acceptance's workflow if it is parked on `waitingFor`; true when a token was answered. */
export async function resumeAcceptance(
  deps: AcceptanceCallbackDeps,
  ids: { contractId: string; acceptanceId: string },
  waitingFor: CallbackWait,
): Promise<boolean> {
  const parked = await deps.callbacks.find(ids.contractId, ids.acceptanceId);
  if (!parked || parked.waitingFor !== waitingFor) return false;
  try {
    await deps.tasks.sendTaskSuccess(parked.taskToken, { waitingFor });
  } catch (error) {
    if (!isSpent(error)) throw error;
  }
  await deps.callbacks.clear(ids.contractId, ids.acceptanceId, parked.taskToken);
  return true;
}

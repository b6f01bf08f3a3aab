/**
 * How routes wake an acceptance's workflow (infra/workflows/acceptance.asl.json), as workflow-callbacks.ts does for a
 * project: a callback task parks its token beside the acceptance; the route that completes what the workflow waits
 * for (the opinion that reaches the minimum, the signature that makes the quorum) resumes it with that token, after
 * its own change has committed. The committee quorum is ONE token for the decision, released when the quorum holds
 * (anchors §5), not a wait per member. Either side may be first (the task resumes itself when it finds the wait
 * over); a token answered twice is refused by Step Functions, which means "somebody already did it".
 *
 * A contract that ends (terminated) ends its waiting acceptances at once (R-ACC-3, R-FUND-2): the termination's
 * transaction cancels every undecided acceptance, then abortAcceptances fails the tokens parked in the contract's
 * partition (abortWorkflow's counterpart, workflow-callbacks.ts), read strongly consistently after the commit. A
 * callback task parks, then reads its acceptance again, strongly consistently (awaitAcceptanceCallback,
 * acceptance-tasks.ts): a token parked before the termination's read is found by it; one parked after it was parked
 * after the commit, so the task's read finds the acceptance cancelled and the task fails its own token. So every
 * parked token of a cancelled acceptance is failed by one of the two (both may try: the second finds it spent),
 * unless sending fails; then the callback's hourly re-park finds the acceptance cancelled and ends the execution.
 */
import type { WaitingFor } from '#shared/domain/acceptance';
import type { ParkedAcceptanceCallback } from '#shared/adapters/dynamodb/acceptance-callbacks';
import { ACCEPTANCE_CANCELLED, unlessSpent } from '#shared/adapters/sfn/task-errors';
import { logger } from '#shared/http/logger';
import type { TaskTokenPort } from './workflow-callbacks';

export type CallbackWait = Exclude<WaitingFor, 'rectification'>;

export interface AcceptanceCallbackPort {
  park(callback: ParkedAcceptanceCallback): Promise<void>;
  find(contractId: string, acceptanceId: string): Promise<ParkedAcceptanceCallback | undefined>;
  clear(contractId: string, acceptanceId: string, taskToken: string): Promise<void>;
}

/** What ending a contract's waiting acceptances needs: its parked callbacks, and SendTaskFailure. */
export interface AcceptanceAbortDeps {
  callbacks: Pick<AcceptanceCallbackPort, 'clear'> & {
    /** Every callback parked in the contract's partition, read strongly consistently. */
    listParked(contractId: string): Promise<ParkedAcceptanceCallback[]>;
  };
  tasks: Pick<TaskTokenPort, 'sendTaskFailure'>;
}

export interface AcceptanceCallbackDeps {
  callbacks: AcceptanceCallbackPort;
  tasks: TaskTokenPort;
}

/** Resumes the acceptance's workflow if it is parked on `waitingFor`; true when a token was answered. */
export async function resumeAcceptance(
  deps: AcceptanceCallbackDeps,
  ids: { contractId: string; acceptanceId: string },
  waitingFor: CallbackWait,
): Promise<boolean> {
  const parked = await deps.callbacks.find(ids.contractId, ids.acceptanceId);
  if (!parked || parked.waitingFor !== waitingFor) return false;
  await unlessSpent(deps.tasks.sendTaskSuccess(parked.taskToken, { waitingFor }));
  await deps.callbacks.clear(ids.contractId, ids.acceptanceId, parked.taskToken);
  return true;
}

/**
 * Fails one parked token with AcceptanceCancelled (the ASL's Catch ends the execution in `Cancelled`) and clears it if
 * the item still holds it: by the termination (abortAcceptances) and by a callback task that finds its acceptance
 * cancelled after parking. Both may fail the same token; the second finds it spent.
 */
export async function failAcceptanceCallback(
  deps: {
    callbacks: Pick<AcceptanceCallbackPort, 'clear'>;
    tasks: Pick<TaskTokenPort, 'sendTaskFailure'>;
  },
  parked: Pick<ParkedAcceptanceCallback, 'contractId' | 'acceptanceId' | 'taskToken'>,
  cause: string,
): Promise<void> {
  await unlessSpent(deps.tasks.sendTaskFailure(parked.taskToken, ACCEPTANCE_CANCELLED, cause));
  await deps.callbacks.clear(parked.contractId, parked.acceptanceId, parked.taskToken);
}

/**
 * Ends every acceptance workflow of the contract parked on a callback (opinions or panel): fails each parked token
 * with AcceptanceCancelled (the ASL's Catch ends the execution in `Cancelled`) and clears it if the item still holds
 * it. Call it after the change that cancelled the acceptances has committed, never before.
 *
 * It is a shortcut, never needed for correctness: the change stands whatever happens here, and an execution whose
 * token is not failed ends at its callback's hourly time-out, whose re-park finds the acceptance cancelled. So, as
 * an opinion or a signature wakes the workflow (acceptances.ts wakeAfterCommit, docs/acceptance.md "Waking the
 * workflow after a change"), nothing here fails the caller's request: a spent token (TaskTimedOut / InvalidToken /
 * TaskDoesNotExist: the task failed or resumed itself, or timed out and parks again) is swallowed, and any other
 * failure (throttled, Step Functions or the table unreachable) is logged as a warning with the contract's and the
 * acceptance's ids, never the token. Answers how many tokens were failed and cleared.
 */
export async function abortAcceptances(
  deps: AcceptanceAbortDeps,
  contractId: string,
  cause: string,
): Promise<number> {
  let parked: ParkedAcceptanceCallback[];
  try {
    parked = await deps.callbacks.listParked(contractId);
  } catch (error) {
    warnNotAborted({ contractId }, error);
    return 0;
  }
  const outcomes = await Promise.all(
    parked.map(async (callback) => {
      try {
        await failAcceptanceCallback(
          deps,
          callback,
          `acceptance ${callback.acceptanceId} was cancelled: ${cause}`,
        );
        return true;
      } catch (error) {
        warnNotAborted(
          { contractId, acceptanceId: callback.acceptanceId, waitingFor: callback.waitingFor },
          error,
        );
        return false;
      }
    }),
  );
  return outcomes.filter(Boolean).length;
}

/** The warning for a workflow not ended at once: ids and the error's name and message, never a task token. */
function warnNotAborted(
  ids: { contractId: string; acceptanceId?: string; waitingFor?: CallbackWait },
  error: unknown,
): void {
  logger.warn(
    'acceptance workflow not ended at once; its hourly re-park will find the acceptance cancelled',
    {
      ...ids,
      error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
    },
  );
}

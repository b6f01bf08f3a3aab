/**
 * How routes wake the procurement workflow (infra/workflows/procurement.asl.json). A callback task parks its
 * token beside the project; whoever completes what the workflow waits for (the last evaluator's scores, the
 * answer to the last open challenge, the second signature, a cancellation) resumes it with that token.
 *
 * Both sides may race: a task parks its token and then reads the project again (and resumes itself if what it
 * waits for is already done, or fails itself if the project was cancelled), while a route commits its change and
 * then looks for a token. Either may be first, and one of them always answers the token (the argument is at
 * awaitCallback, procurement-tasks.ts); a token answered twice is refused by Step Functions (TaskTimedOut /
 * InvalidToken / TaskDoesNotExist), which is exactly "somebody already did it", so those errors are swallowed here.
 */
import type { WaitingFor } from '#shared/domain/project';
import type { ParkedCallback } from '#shared/adapters/dynamodb/callbacks';
import { PROJECT_CANCELLED, unlessSpent } from '#shared/adapters/sfn/task-errors';

export interface CallbackPort {
  park(callback: ParkedCallback): Promise<void>;
  find(projectId: string): Promise<ParkedCallback | undefined>;
  clear(projectId: string, taskToken: string): Promise<void>;
}

export interface TaskTokenPort {
  sendTaskSuccess(taskToken: string, output: unknown): Promise<void>;
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void>;
}

export interface CallbackDeps {
  callbacks: CallbackPort;
  tasks: TaskTokenPort;
}

export { PROJECT_CANCELLED };

/**
 * Resumes the workflow if it is parked on `waitingFor` for this project; true when a token was answered.
 * Call it after the change that completes the wait has been committed, never before.
 */
export async function resumeWorkflow(
  deps: CallbackDeps,
  projectId: string,
  waitingFor: WaitingFor,
  output: Record<string, unknown> = {},
): Promise<boolean> {
  const parked = await deps.callbacks.find(projectId);
  if (!parked || parked.waitingFor !== waitingFor) return false;
  await unlessSpent(deps.tasks.sendTaskSuccess(parked.taskToken, { waitingFor, ...output }));
  await deps.callbacks.clear(projectId, parked.taskToken);
  return true;
}

/** Ends a parked workflow because its project was cancelled (whatever it waited for). */
export async function abortWorkflow(deps: CallbackDeps, projectId: string, cause: string): Promise<boolean> {
  const parked = await deps.callbacks.find(projectId);
  if (!parked) return false;
  await failCallback(deps, parked, cause);
  return true;
}

/**
 * Fails one parked token with ProjectCancelled (the ASL's Catch ends the execution in `Cancelled`) and clears
 * it if the item still holds it. The other side of abortWorkflow: a callback task that parked after the
 * cancellation's abortWorkflow looked (and found nothing) fails its own token this way (awaitCallback in
 * procurement-tasks.ts). Both may fail the same token; the second is told it is spent, which is swallowed.
 */
export async function failCallback(
  deps: CallbackDeps,
  parked: Pick<ParkedCallback, 'projectId' | 'taskToken'>,
  cause: string,
): Promise<void> {
  await unlessSpent(deps.tasks.sendTaskFailure(parked.taskToken, PROJECT_CANCELLED, cause));
  await deps.callbacks.clear(parked.projectId, parked.taskToken);
}

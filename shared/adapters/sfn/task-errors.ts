/**
 * The errors a workflow task may be retried on. Every Task of every ASL file retries exactly these
 * (checked by test/infra/workflow.test.ts), so a handler signals "try me again" by throwing
 * TransientTaskError and anything else goes straight to the state's Catch.
 */

/** Lambda service errors Step Functions surfaces under these names (AWS' recommended retry set). */
export const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
] as const;

export const TRANSIENT_TASK_ERROR = 'TransientTaskError';

export const TRANSIENT_ERRORS: readonly string[] = [...LAMBDA_SERVICE_ERRORS, TRANSIENT_TASK_ERROR];

/**
 * Lambda reports a thrown error to Step Functions as `errorType` = the error's `name`, which is what a
 * Retry's ErrorEquals matches (on AWS and on the embedded runner alike).
 */
export class TransientTaskError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = TRANSIENT_TASK_ERROR;
  }
}

/**
 * The error a cancelled project's procurement workflow ends on: thrown by a task that finds its project
 * cancelled, or sent with SendTaskFailure to a parked callback. The ASL catches it into `Cancelled`.
 */
export const PROJECT_CANCELLED = 'ProjectCancelled';

export class ProjectCancelledError extends Error {
  constructor(projectId: string) {
    super(`project ${projectId} was cancelled`);
    this.name = PROJECT_CANCELLED;
  }
}

/**
 * The error an acceptance's workflow ends on when its contract ended before the decision: thrown by a task that finds
 * the acceptance cancelled, or sent with SendTaskFailure to a parked callback. The ASL catches it into `Cancelled`.
 */
export const ACCEPTANCE_CANCELLED = 'AcceptanceCancelled';

/** What Step Functions answers for a token it no longer waits on (answered already, or timed out). */
const SPENT_TOKEN_ERRORS = ['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'];

/**
 * Answers a task token (SendTaskSuccess / SendTaskFailure), treating a spent token as done: both sides of a race (the
 * route that finished the work, the task that parked) may answer the same token, and the second is told it is spent,
 * which means "somebody already did it". Any other failure is thrown.
 */
export async function unlessSpent(answer: Promise<void>): Promise<void> {
  try {
    await answer;
  } catch (error) {
    if (!(error instanceof Error && SPENT_TOKEN_ERRORS.includes(error.name))) throw error;
  }
}

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

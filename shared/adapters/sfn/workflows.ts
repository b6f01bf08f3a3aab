/**
 * The workflow port handlers use: start an execution, complete a callback task. The same code runs on
 * both runtimes: on AWS the SDK talks to Step Functions; on the embedded stack AWS_ENDPOINT_URL_SFN points
 * the very same client at the runner's endpoint (infra/local/sfn-endpoint.ts), which speaks the Step
 * Functions JSON protocol for exactly these three actions.
 */
import {
  SFNClient,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { stateMachineArnEnv, type WorkflowName } from './env';

// One client per container; the endpoint comes from AWS_ENDPOINT_URL_SFN on the embedded stack.
export const sfnClient = new SFNClient({});

export interface StartedExecution {
  executionArn: string;
  startDate: Date;
}

/**
 * Read when first used rather than at import: only functions bound to a workflow (the table's `startedBy`
 * and `callbacks`) carry its variable, and a function that never starts one must still load.
 */
function stateMachineArn(workflow: WorkflowName): string {
  const name = stateMachineArnEnv(workflow);
  const arn = process.env[name];
  if (!arn) throw new Error(`${name} is not set: bind this function to the ${workflow} workflow`);
  return arn;
}

/**
 * Starts `workflow` with `input` under `name`. Step Functions makes the name the idempotency key: the same
 * name and input while the execution runs answers the same execution; anything else is
 * ExecutionAlreadyExists. Use a name derived from the record (its id and version) to start at most once.
 */
export async function startExecution(
  workflow: WorkflowName,
  name: string,
  input: unknown,
): Promise<StartedExecution> {
  const result = await sfnClient.send(
    new StartExecutionCommand({
      stateMachineArn: stateMachineArn(workflow),
      name,
      input: JSON.stringify(input),
    }),
  );
  if (!result.executionArn || !result.startDate) throw new Error('StartExecution answered without an ARN');
  return { executionArn: result.executionArn, startDate: result.startDate };
}

/** Completes the callback task holding `taskToken`; `output` becomes the task's result. */
export async function sendTaskSuccess(taskToken: string, output: unknown): Promise<void> {
  await sfnClient.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
}

/** Fails the callback task holding `taskToken`: `error` is what the state's Retry and Catch match. */
export async function sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void> {
  await sfnClient.send(new SendTaskFailureCommand({ taskToken, error, cause }));
}

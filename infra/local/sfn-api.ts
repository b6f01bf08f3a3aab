/**
 * The slice of the Step Functions API the embedded stack serves (StartExecution, SendTaskSuccess,
 * SendTaskFailure): its errors, its ARNs, and the environment that points handlers at it.
 */
import { stateMachineArnEnv } from '#shared/adapters/sfn/env';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '#infra/local/lambda-context';

/** Step Functions' error codes for these actions; the endpoint sends them as the JSON protocol's `__type`. */
export type SfnErrorCode =
  | 'ExecutionAlreadyExists'
  | 'InvalidArn'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'ValidationException';

export class SfnError extends Error {
  constructor(
    readonly code: SfnErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** What the endpoint needs from the runner: the three actions, with Step Functions' request shapes. */
export interface SfnApi {
  startExecution(request: {
    stateMachineArn: string;
    name?: string;
    input?: string;
  }): Promise<{ executionArn: string; startDate: Date }>;
  sendTaskSuccess(request: { taskToken: string; output: string }): Promise<void>;
  sendTaskFailure(request: { taskToken: string; error?: string; cause?: string }): Promise<void>;
}

const PARTITION = LOCAL_REGION.startsWith('cn-') ? 'aws-cn' : 'aws';
export const LOCAL_PARTITION = PARTITION;

const STATES_PREFIX = `arn:${PARTITION}:states:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}`;

export const localArns = {
  stateMachine: (workflow: string) => `${STATES_PREFIX}:stateMachine:${workflow}`,
  execution: (workflow: string, name: string) => `${STATES_PREFIX}:execution:${workflow}:${name}`,
  function: (workflow: string, task: string) =>
    `arn:${PARTITION}:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${workflow}-${task}`,
  role: (workflow: string) => `arn:${PARTITION}:iam::${LOCAL_ACCOUNT_ID}:role/${workflow}-state-machine`,
};

/** The workflow a local state machine ARN names. */
export function workflowOfStateMachine(arn: string): string {
  const match = /^arn:[^:]+:states:[^:]*:[^:]*:stateMachine:([^:]+)$/.exec(arn);
  if (!match?.[1]) throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
  return match[1];
}

/** The workflow and name a local execution ARN names. */
export function parseExecutionArn(arn: string): { workflow: string; name: string } {
  const match = /^arn:[^:]+:states:[^:]*:[^:]*:execution:([^:]+):([^:]+)$/.exec(arn);
  if (!match?.[1] || !match[2]) throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
  return { workflow: match[1], name: match[2] };
}

/**
 * Step Functions' rule for execution names: 1–80 characters, no whitespace, brackets, wildcards,
 * special or control characters.
 */
export function checkExecutionName(name: string): void {
  // eslint-disable-next-line no-control-regex
  const forbidden = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;
  if (name.length < 1 || name.length > 80 || forbidden.test(name)) {
    throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
  }
}

/** Step Functions' payload limit for inputs and outputs. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** `text` if it is JSON within the payload limit; otherwise the given error. */
export function checkJson(text: string, code: 'InvalidExecutionInput' | 'InvalidOutput'): string {
  if (Buffer.byteLength(text, 'utf8') > MAX_PAYLOAD_BYTES) {
    throw new SfnError(
      code,
      `${code === 'InvalidOutput' ? 'Output' : 'Input'} exceeds ${MAX_PAYLOAD_BYTES} bytes`,
    );
  }
  try {
    JSON.parse(text);
  } catch {
    throw new SfnError(code, `Invalid ${code === 'InvalidOutput' ? 'Output' : 'ExecutionInput'}: not JSON`);
  }
  return text;
}

/**
 * What a handler needs to reach the workflows on the embedded stack: the SDK's service endpoint variable
 * and, per workflow, the ARN variable the CDK binding sets on AWS.
 */
export function workflowEnv(endpoint: string, workflows: readonly string[]): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_SFN: endpoint,
    ...Object.fromEntries(
      workflows.map((workflow) => [stateMachineArnEnv(workflow), localArns.stateMachine(workflow)]),
    ),
  };
}

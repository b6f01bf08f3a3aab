/**
 * The local Step Functions endpoint against the real SDK client: what handlers send on the embedded stack
 * must arrive as Step Functions' requests, and Step Functions' errors must come back as the SDK's classes.
 */
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  SFNClient,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SfnError, workflowEnv, type SfnApi } from '#infra/local/sfn-api';
import { startSfnEndpoint, type SfnEndpoint } from '#infra/local/sfn-endpoint';
import { stateMachineArnEnv } from '#shared/adapters/sfn/env';

const calls: { action: string; request: unknown }[] = [];
let failWith: SfnError | Error | undefined;

const api: SfnApi = {
  async startExecution(request) {
    calls.push({ action: 'StartExecution', request });
    if (failWith) throw failWith;
    return {
      executionArn: `arn:aws-cn:states:cn-north-1:0:execution:probe:${request.name}`,
      startDate: new Date(1_700_000_000_500),
    };
  },
  async sendTaskSuccess(request) {
    calls.push({ action: 'SendTaskSuccess', request });
    if (failWith) throw failWith;
  },
  async sendTaskFailure(request) {
    calls.push({ action: 'SendTaskFailure', request });
    if (failWith) throw failWith;
  },
};

let endpoint: SfnEndpoint;
let client: SFNClient;
const logs: string[] = [];

beforeAll(async () => {
  endpoint = await startSfnEndpoint({ port: 0, api, log: (line) => logs.push(line) });
  client = new SFNClient({
    endpoint: endpoint.url,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await endpoint.stop();
});
beforeEach(() => {
  calls.length = 0;
  failWith = undefined;
});

describe('local Step Functions endpoint', () => {
  it('serves StartExecution with the request members and the epoch-seconds startDate the SDK parses', async () => {
    const result = await client.send(
      new StartExecutionCommand({ stateMachineArn: 'arn:sm', name: 'n-1', input: '{"a":1}' }),
    );
    expect(calls).toEqual([
      { action: 'StartExecution', request: { stateMachineArn: 'arn:sm', name: 'n-1', input: '{"a":1}' } },
    ]);
    expect(result.executionArn).toMatch(/:execution:probe:n-1$/);
    expect(result.startDate).toEqual(new Date(1_700_000_000_500));
  });

  it('serves SendTaskSuccess and SendTaskFailure', async () => {
    await client.send(new SendTaskSuccessCommand({ taskToken: 't1', output: '{"ok":true}' }));
    await client.send(new SendTaskFailureCommand({ taskToken: 't2', error: 'Nope', cause: 'because' }));
    await client.send(new SendTaskFailureCommand({ taskToken: 't3' }));
    expect(calls).toEqual([
      { action: 'SendTaskSuccess', request: { taskToken: 't1', output: '{"ok":true}' } },
      { action: 'SendTaskFailure', request: { taskToken: 't2', error: 'Nope', cause: 'because' } },
      { action: 'SendTaskFailure', request: { taskToken: 't3' } },
    ]);
  });

  it('answers Step Functions errors as the SDK exception classes', async () => {
    failWith = new SfnError('TaskDoesNotExist', 'Task Does Not Exist');
    const success = client.send(new SendTaskSuccessCommand({ taskToken: 'x', output: '{}' }));
    await expect(success).rejects.toBeInstanceOf(TaskDoesNotExist);

    failWith = new SfnError('ExecutionAlreadyExists', 'Execution Already Exists');
    const start = client.send(new StartExecutionCommand({ stateMachineArn: 'arn:sm', name: 'n' }));
    await expect(start).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await expect(start).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
  });

  it('answers 500 without details for an unexpected failure, and logs it', async () => {
    failWith = new Error('disk on fire');
    const start = client.send(new StartExecutionCommand({ stateMachineArn: 'arn:sm', name: 'n' }));
    await expect(start).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } });
    expect(logs.at(-1)).toContain('disk on fire');
  });

  it('refuses actions it does not serve', async () => {
    const describe = client.send(new DescribeExecutionCommand({ executionArn: 'arn:x' }));
    await expect(describe).rejects.toMatchObject({ name: 'UnknownOperationException' });
    expect(calls).toEqual([]);
  });

  it('is what the handler environment points the SDK at, with one ARN variable per workflow', () => {
    expect(workflowEnv('http://127.0.0.1:8083', ['probe', 'procurementAward'])).toEqual({
      AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:8083',
      [stateMachineArnEnv('probe')]: 'arn:aws-cn:states:cn-north-1:000000000000:stateMachine:probe',
      PROCUREMENT_AWARD_STATE_MACHINE_ARN:
        'arn:aws-cn:states:cn-north-1:000000000000:stateMachine:procurementAward',
    });
  });
});

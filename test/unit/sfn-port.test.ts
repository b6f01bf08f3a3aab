/** The workflow port handlers use (shared/adapters/sfn/workflows.ts), against a mocked SFNClient. */
import {
  SFNClient,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendTaskFailure, sendTaskSuccess, startExecution } from '#shared/adapters/sfn/workflows';

const sfnMock = mockClient(SFNClient);
const ARN = 'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:probe-abc';

beforeEach(() => {
  sfnMock.reset();
  process.env.PROBE_STATE_MACHINE_ARN = ARN;
});
afterEach(() => {
  delete process.env.PROBE_STATE_MACHINE_ARN;
});

describe('workflow port', () => {
  it('starts the bound state machine with the name and the input as JSON', async () => {
    const startDate = new Date('2030-01-01T00:00:00Z');
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: `${ARN}:run-1`, startDate });

    const started = await startExecution('probe', 'run-1', {
      probeId: 'p',
      deadline: '2030-01-02T00:00:00Z',
    });

    expect(started).toEqual({ executionArn: `${ARN}:run-1`, startDate });
    expect(sfnMock).toHaveReceivedCommandExactlyOnceWith(StartExecutionCommand, {
      stateMachineArn: ARN,
      name: 'run-1',
      input: '{"probeId":"p","deadline":"2030-01-02T00:00:00Z"}',
    });
  });

  it('names the missing variable when the function is not bound to the workflow', async () => {
    delete process.env.PROBE_STATE_MACHINE_ARN;
    await expect(startExecution('probe', 'run-1', {})).rejects.toThrow(/PROBE_STATE_MACHINE_ARN/);
    expect(sfnMock).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('completes a callback with the output as JSON', async () => {
    sfnMock.on(SendTaskSuccessCommand).resolves({});
    await sendTaskSuccess('token-1', { approved: true });
    expect(sfnMock).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, {
      taskToken: 'token-1',
      output: '{"approved":true}',
    });
  });

  it('fails a callback with the error its Catch matches and a cause', async () => {
    sfnMock.on(SendTaskFailureCommand).resolves({});
    await sendTaskFailure('token-1', 'Probe.Refused', 'the operator said no');
    expect(sfnMock).toHaveReceivedCommandExactlyOnceWith(SendTaskFailureCommand, {
      taskToken: 'token-1',
      error: 'Probe.Refused',
      cause: 'the operator said no',
    });
  });

  it("passes Step Functions' errors through for the caller to decide (e.g. an answered token)", async () => {
    sfnMock
      .on(SendTaskSuccessCommand)
      .rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} }));
    await expect(sendTaskSuccess('token-1', {})).rejects.toBeInstanceOf(TaskTimedOut);
  });
});

/**
 * The probe workflow (infra/workflows/probe.asl.json) on the embedded workflow runner, against the shared
 * stack's DynamoDB Local, with the real task handlers. Each test runs the probe's ASL under a workflow name
 * of its own, so its runners never meet the stack's own runner or each other's executions.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ExecutionAlreadyExists, InvalidName, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WorkflowProbe } from '#functions/workflow-probe/probe';
import { workflows } from '#functions/workflows';
import { keys } from '#shared/adapters/dynamodb/keys';
import { sendTaskSuccess, startExecution } from '#shared/adapters/sfn/workflows';
import { TransientTaskError } from '#shared/adapters/sfn/task-errors';
import { store } from '#shared/adapters/store';
import { moduleHandlerLoader, type HandlerLoader } from '#infra/local/handlers';
import { localArns } from '#infra/local/sfn-api';
import { startWorkflowRunner, type WorkflowRunner } from '#infra/local/sfn-runner';
import type { ExecutionRecord } from '#infra/local/sfn-store';
import { stackInfo, waitFor } from '../support/stack-client';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const modules = moduleHandlerLoader();
const running = new Set<WorkflowRunner>();
const logs: string[] = [];

afterEach(async () => {
  await Promise.all([...running].map((runner) => runner.stop()));
  running.clear();
});
afterAll(() => documents.destroy());

interface RunnerOptions {
  loadHandler?: HandlerLoader;
  maxParkMs?: number;
}

/** A runner of the probe ASL under `workflow`, with short retry pauses (the retry policy is the ASL's). */
async function runner(workflow: string, options: RunnerOptions = {}): Promise<WorkflowRunner> {
  const started = await startWorkflowRunner({
    workflows: { [workflow]: workflows.probe },
    dynamoEndpoint: stackInfo().dynamoEndpoint,
    tableName: stackInfo().tableName,
    loadHandler: options.loadHandler ?? modules,
    log: (line) => logs.push(line),
    retryIntervalMs: 10,
    ...(options.maxParkMs ? { maxParkMs: options.maxParkMs } : {}),
  });
  running.add(started);
  return started;
}

async function stop(instance: WorkflowRunner): Promise<void> {
  await instance.stop();
  running.delete(instance);
}

const uniqueWorkflow = () => `probe${randomUUID().slice(0, 8)}`;
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

async function start(instance: WorkflowRunner, workflow: string, deadline: string) {
  const probeId = `p-${randomUUID()}`;
  const { executionArn } = await instance.startExecution({
    stateMachineArn: localArns.stateMachine(workflow),
    name: probeId,
    input: JSON.stringify({ probeId, deadline }),
  });
  return { probeId, executionArn };
}

const probeOf = async (id: string) => (await store.get<WorkflowProbe>(keys.workflowProbe(id)))?.value;

/** The execution's item as DynamoDB Local holds it (not the runner's memory). */
async function savedExecution(workflow: string, name: string) {
  const { Item } = await documents.send(
    new GetCommand({ TableName: stackInfo().tableName, Key: keys.workflowExecution(workflow, name) }),
  );
  return Item as (ExecutionRecord & { GSI1PK?: string }) | undefined;
}

const answerOf = (probe: WorkflowProbe | undefined) =>
  probe?.status === 'awaiting-answer' && probe.taskToken ? { probe, token: probe.taskToken } : undefined;

/** Replaces one task's handler: `fail(call)` says whether its n-th call (from 1) throws `error()`. */
function failing(module: string, fail: (call: number) => boolean, error: () => Error) {
  let calls = 0;
  const loader: HandlerLoader = async (path) => {
    const real = await modules(path);
    if (path !== module) return real;
    return async (event, context) => {
      calls += 1;
      if (fail(calls)) throw error();
      return real(event, context);
    };
  };
  return { loader, calls: () => calls };
}

describe('the probe workflow on the embedded runner', () => {
  it('waits for the deadline, parks on the callback, and succeeds after SendTaskSuccess', async () => {
    const workflow = uniqueWorkflow();
    const instance = await runner(workflow);
    // Long enough that the checks of the waiting state below land before it, on loaded cores too (two CI runs
    // under load passed the 1.2 s this was before its waiting checks ran).
    const deadline = inMs(4_000);
    const { probeId, executionArn } = await start(instance, workflow, deadline);

    // Waiting: recorded, no token yet, and the wait's end saved with the state.
    const waiting = await waitFor(async () => {
      const saved = await savedExecution(workflow, probeId);
      return saved?.state === 'WaitForDeadline' && saved.park ? saved : undefined;
    });
    expect(waiting).toMatchObject({
      status: 'RUNNING',
      park: { state: 'WaitForDeadline', waitUntil: new Date(deadline).toISOString() },
      GSI1PK: `EXECUTIONS#RUNNING#${workflow}`,
    });
    expect(await probeOf(probeId)).toMatchObject({ status: 'waiting', executionId: executionArn });
    expect((await probeOf(probeId))?.taskToken).toBeUndefined();

    // After the deadline, not before: the callback task stored its token and the runner saved it too.
    const { token } = await waitFor(async () => answerOf(await probeOf(probeId)), { timeoutMs: 10_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(deadline));
    expect(await savedExecution(workflow, probeId)).toMatchObject({
      state: 'AwaitAnswer',
      park: { state: 'AwaitAnswer', token },
    });

    await instance.sendTaskSuccess({ taskToken: token, output: JSON.stringify({ approved: true }) });
    const closed = await instance.settled(executionArn);

    expect(closed).toMatchObject({ status: 'SUCCEEDED', state: 'Approved' });
    expect(JSON.parse(closed.output ?? 'null')).toEqual({ probeId, deadline, answer: { approved: true } });
    expect(await probeOf(probeId)).toMatchObject({ status: 'answered', answer: { approved: true } });
    const saved = await savedExecution(workflow, probeId);
    expect(saved).toMatchObject({ status: 'SUCCEEDED', output: closed.output });
    expect(saved?.GSI1PK).toBeUndefined();
    expect(saved?.park).toBeUndefined();
    // Each task left one hash-chained audit entry through the record store.
    expect((await store.auditTrail('workflowProbe', probeId)).map((entry) => entry.action)).toEqual([
      'probe started',
      'probe awaits its answer',
      'probe answered',
    ]);
    // A token is spent once answered, as on AWS.
    await expect(instance.sendTaskSuccess({ taskToken: token, output: '{}' })).rejects.toMatchObject({
      code: 'TaskTimedOut',
    });
  });

  it('ends in the Fail state when the answer does not approve', async () => {
    const workflow = uniqueWorkflow();
    const instance = await runner(workflow);
    const { probeId, executionArn } = await start(instance, workflow, inMs(0));
    const { token } = await waitFor(async () => answerOf(await probeOf(probeId)));

    await instance.sendTaskSuccess({ taskToken: token, output: JSON.stringify({ approved: false }) });

    expect(await instance.settled(executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'Probe.Rejected',
      cause: 'The answer did not approve the probe.',
    });
    expect(await probeOf(probeId)).toMatchObject({ status: 'answered' });
  });

  it('catches a SendTaskFailure and records it on the probe before failing', async () => {
    const workflow = uniqueWorkflow();
    const instance = await runner(workflow);
    const { probeId, executionArn } = await start(instance, workflow, inMs(0));
    const { token } = await waitFor(async () => answerOf(await probeOf(probeId)));

    await instance.sendTaskFailure({ taskToken: token, error: 'Operator.Refused', cause: 'not today' });

    expect(await instance.settled(executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'Operator.Refused',
      cause: 'not today',
    });
    expect(await probeOf(probeId)).toMatchObject({
      status: 'failed',
      failure: { error: 'Operator.Refused', cause: 'not today' },
    });
  });

  it('retries a task that fails transiently, and goes on', async () => {
    const workflow = uniqueWorkflow();
    const outcome = failing(
      'functions/workflow-probe/record-outcome',
      (call) => call === 1,
      () => new TransientTaskError('table busy'),
    );
    const instance = await runner(workflow, { loadHandler: outcome.loader });
    const { probeId, executionArn } = await start(instance, workflow, inMs(0));
    const { token } = await waitFor(async () => answerOf(await probeOf(probeId)));

    await instance.sendTaskSuccess({ taskToken: token, output: JSON.stringify({ approved: true }) });

    expect(await instance.settled(executionArn)).toMatchObject({ status: 'SUCCEEDED' });
    expect(outcome.calls()).toBe(2);
    expect(await probeOf(probeId)).toMatchObject({ status: 'answered' });
  });

  it('retries a transient failure MaxAttempts times, then catches it and records it', async () => {
    const workflow = uniqueWorkflow();
    const outcome = failing(
      'functions/workflow-probe/record-outcome',
      () => true,
      () => new TransientTaskError('table busy'),
    );
    const instance = await runner(workflow, { loadHandler: outcome.loader });
    const { probeId, executionArn } = await start(instance, workflow, inMs(0));
    const { token } = await waitFor(async () => answerOf(await probeOf(probeId)));

    await instance.sendTaskSuccess({ taskToken: token, output: JSON.stringify({ approved: true }) });
    const closed = await instance.settled(executionArn);

    // The first call and the Retry's MaxAttempts (3) more.
    expect(outcome.calls()).toBe(4);
    expect(closed).toMatchObject({ status: 'FAILED', error: 'TransientTaskError' });
    // The Cause is Lambda's error JSON, as Step Functions reports a function error.
    expect(JSON.parse(closed.cause ?? '{}')).toMatchObject({
      errorType: 'TransientTaskError',
      errorMessage: 'table busy',
    });
    expect(await probeOf(probeId)).toMatchObject({
      status: 'failed',
      failure: { error: 'TransientTaskError', cause: closed.cause },
    });
  });

  it('does not retry an error that is not transient: caught and recorded at once', async () => {
    const workflow = uniqueWorkflow();
    const begin = failing(
      'functions/workflow-probe/record-start',
      () => true,
      () => new RangeError('bad input'),
    );
    const instance = await runner(workflow, { loadHandler: begin.loader });
    const { probeId, executionArn } = await start(instance, workflow, inMs(0));

    expect(await instance.settled(executionArn)).toMatchObject({ status: 'FAILED', error: 'RangeError' });
    expect(begin.calls()).toBe(1);
    // RecordStart never wrote the probe, so RecordFailure created it failed.
    expect(await probeOf(probeId)).toMatchObject({ status: 'failed', failure: { error: 'RangeError' } });
  });

  it('survives restarts: a waiting execution resumes after its deadline, a parked one on the same token', async () => {
    const workflow = uniqueWorkflow();
    const first = await runner(workflow);
    // The stop below must come before the deadline, and on loaded cores 2 s was not always enough.
    const deadline = inMs(5_000);
    const { probeId, executionArn } = await start(first, workflow, deadline);
    await waitFor(async () => (await savedExecution(workflow, probeId))?.park?.waitUntil);
    await stop(first);

    // Stopped while waiting: the item says where it stood, and nothing moves without a runner.
    expect(await savedExecution(workflow, probeId)).toMatchObject({
      status: 'RUNNING',
      state: 'WaitForDeadline',
      park: { waitUntil: new Date(deadline).toISOString() },
    });
    // Restart 2 s before the deadline (when the stop came earlier): a full wait from the restart would end about 3 s
    // past the deadline, the saved one ends at it.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, Date.parse(deadline) - 2_000 - Date.now())),
    );
    const second = await runner(workflow);
    expect(second.resumed).toBe(1);
    expect((await probeOf(probeId))?.status).toBe('waiting');

    // The resumed wait ends at the saved deadline, not a full wait after the restart.
    const { token } = await waitFor(async () => answerOf(await probeOf(probeId)), { timeoutMs: 10_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(deadline));
    expect(Date.now()).toBeLessThan(Date.parse(deadline) + 2_500);
    await waitFor(async () => (await savedExecution(workflow, probeId))?.park?.token === token);
    await stop(second);

    // Stopped while parked on the callback: the next runner answers the very same token...
    const third = await runner(workflow);
    expect(third.resumed).toBe(1);
    await third.sendTaskSuccess({ taskToken: token, output: JSON.stringify({ approved: true }) });
    expect(await third.settled(executionArn)).toMatchObject({ status: 'SUCCEEDED' });
    // ...without invoking the callback's function again (one 'awaits' entry in the audit trail).
    expect((await store.auditTrail('workflowProbe', probeId)).map((entry) => entry.action)).toEqual([
      'probe started',
      'probe awaits its answer',
      'probe answered',
    ]);
  });

  it('fails, rather than leaves RUNNING, an execution it cannot resume', async () => {
    const workflow = uniqueWorkflow();
    const name = `gone-${randomUUID()}`;
    const executionArn = localArns.execution(workflow, name);
    // As if the ASL file lost the state this execution was saved in while the stack was stopped.
    await documents.send(
      new PutCommand({
        TableName: stackInfo().tableName,
        Item: {
          ...keys.workflowExecution(workflow, name),
          ...keys.runningExecutionIndex(workflow, new Date().toISOString(), name),
          executionArn,
          workflow,
          name,
          status: 'RUNNING',
          startDate: new Date().toISOString(),
          input: '{}',
          state: 'RemovedState',
          stateInput: '{}',
        } satisfies ExecutionRecord & Record<string, string>,
      }),
    );

    const instance = await runner(workflow);

    expect(instance.resumed).toBe(1);
    expect(await savedExecution(workflow, name)).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: expect.stringContaining('cannot resume at RemovedState'),
    });
    expect((await savedExecution(workflow, name))?.GSI1PK).toBeUndefined();
  });

  it('suspends parks longer than the horizon and resumes them when due or answered', async () => {
    const workflow = uniqueWorkflow();
    const instance = await runner(workflow, { maxParkMs: 300 });
    const deadline = inMs(1_000);
    const { probeId, executionArn } = await start(instance, workflow, deadline);

    const { token } = await waitFor(async () => answerOf(await probeOf(probeId)), { timeoutMs: 5_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(deadline));
    await waitFor(() => logs.some((line) => line.includes(`${executionArn} suspended at AwaitAnswer`)));
    expect(logs.some((line) => line.includes(`${executionArn} suspended at WaitForDeadline`))).toBe(true);

    await instance.sendTaskSuccess({ taskToken: token, output: JSON.stringify({ approved: true }) });
    expect(await instance.settled(executionArn)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('answers StartExecution idempotently by name, as Step Functions does', async () => {
    const workflow = uniqueWorkflow();
    const instance = await runner(workflow);
    const input = JSON.stringify({ probeId: `p-${randomUUID()}`, deadline: inMs(60_000) });
    const request = { stateMachineArn: localArns.stateMachine(workflow), name: 'same-name', input };

    const first = await instance.startExecution(request);
    expect(await instance.startExecution(request)).toEqual(first);
    await expect(instance.startExecution({ ...request, input: '{"other":1}' })).rejects.toMatchObject({
      code: 'ExecutionAlreadyExists',
    });
    await expect(
      instance.startExecution({ ...request, stateMachineArn: localArns.stateMachine('nothing') }),
    ).rejects.toMatchObject({ code: 'StateMachineDoesNotExist' });
    await expect(instance.startExecution({ ...request, name: 'has space' })).rejects.toMatchObject({
      code: 'InvalidName',
    });
  });
});

describe("the workflow port against the embedded stack's endpoint", () => {
  it('starts the probe and answers its callback with handler code unchanged from AWS', async () => {
    const probeId = `p-${randomUUID()}`;
    const input = { probeId, deadline: inMs(0) };

    const { executionArn } = await startExecution('probe', probeId, input);
    expect(executionArn).toBe(localArns.execution('probe', probeId));
    // Same name, same input, still running: the same execution.
    expect((await startExecution('probe', probeId, input)).executionArn).toBe(executionArn);

    const { token } = await waitFor(async () => answerOf(await probeOf(probeId)), { timeoutMs: 5_000 });
    await sendTaskSuccess(token, { approved: true });

    const closed = await waitFor(async () => {
      const saved = await savedExecution('probe', probeId);
      return saved?.status === 'SUCCEEDED' ? saved : undefined;
    });
    expect(JSON.parse(closed.output ?? 'null')).toMatchObject({ answer: { approved: true } });
    await expect(startExecution('probe', probeId, input)).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it("refuses what Step Functions refuses, with the SDK's error classes", async () => {
    const client = new SFNClient({});
    const arn = localArns.stateMachine('probe');
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'a b' })),
    ).rejects.toBeInstanceOf(InvalidName);
    client.destroy();
  });
});

/**
 * Control flow of the procurement workflow (infra/workflows/procurement.asl.json, R-PROC-1, R-PROC-5) on
 * the embedded runner, with scripted fakes in place of the task modules (functions/procurement/*): every
 * branch is driven by what the fakes answer, without any project data. Each test runs the ASL under a
 * workflow name of its own, so its runner never meets the stack's own runner or another test's executions.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { workflows } from '#functions/workflows';
import { ProjectCancelledError, TransientTaskError } from '#shared/adapters/sfn/task-errors';
import type { Closing, Evaluated, StandstillCheck } from '#shared/use-cases/procurement-tasks';
import type { HandlerLoader } from '#infra/local/handlers';
import { localArns } from '#infra/local/sfn-api';
import { startWorkflowRunner, type WorkflowRunner } from '#infra/local/sfn-runner';
import { stackInfo, waitFor } from '../support/stack-client';

type Task = keyof typeof workflows.procurement.tasks;
type WaitingFor = 'scores' | 'draw' | 'challenges' | 'signatures';

/** The event a fake receives: the state's Parameters (a callback's Payload), as the real module would. */
type TaskEvent = Record<string, unknown> & { projectId: string; waitingFor?: WaitingFor; taskToken?: string };
type Fake = (event: TaskEvent, call: number) => unknown;

/** The callback state behind each `waitingFor` of the AwaitCallback task. */
const CALLBACK_STATE: Record<WaitingFor, string> = {
  scores: 'AwaitScores',
  draw: 'AwaitDraw',
  challenges: 'AwaitChallenges',
  signatures: 'AwaitSignatures',
};

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

/** What each real task answers on the straight path to a contract (the real modules' result types). */
const straight: Record<Task, Fake> = {
  PublishNotice: (event) => ({ bidDeadline: event.bidDeadline, closesAt: event.bidDeadline }),
  CloseBidding: () => ({ outcome: 'closed', bids: 3 }) satisfies Closing,
  AwaitCallback: () => null,
  Evaluate: () => ({ outcome: 'ranked', winner: 'bid-1' }) satisfies Evaluated,
  Award: () => ({ closesAt: inMs(300) }),
  CheckStandstill: () => ({ next: 'contract' }) satisfies StandstillCheck,
  DraftContract: () => ({ contractId: 'ctr-1' }),
  RecordFailure: () => null,
};

interface Call {
  /** The ASL state that invoked the task (a callback's state for AwaitCallback). */
  state: string;
  event: TaskEvent;
  at: number;
}

/**
 * A handler loader serving every procurement task module with a fake: `script`'s where given, else the
 * straight path's. Records each call with the state it came from.
 */
function scripted(script: Partial<Record<Task, Fake>> = {}) {
  const taskOf = new Map<string, Task>(
    Object.entries(workflows.procurement.tasks).map(([task, def]) => [def.handler, task as Task]),
  );
  const calls: Call[] = [];
  const counts = new Map<Task, number>();
  const loadHandler: HandlerLoader = async (modulePath) => {
    const task = taskOf.get(modulePath);
    if (!task) throw new Error(`no fake for ${modulePath}`);
    const fake = script[task] ?? straight[task];
    return async (event) => {
      const taskEvent = event as TaskEvent;
      const call = (counts.get(task) ?? 0) + 1;
      counts.set(task, call);
      const state = taskEvent.waitingFor ? CALLBACK_STATE[taskEvent.waitingFor] : task;
      calls.push({ state, event: taskEvent, at: Date.now() });
      return fake(taskEvent, call);
    };
  };
  return {
    loadHandler,
    calls,
    /** The task states visited so far, in order. */
    visited: () => calls.map((call) => call.state),
    /** The token of the `nth` entry (from 1) into a callback state, once its function has it. */
    token: (state: string, nth = 1) =>
      waitFor(() => calls.filter((call) => call.state === state)[nth - 1]?.event.taskToken),
  };
}

const running = new Set<WorkflowRunner>();
afterEach(async () => {
  await Promise.all([...running].map((runner) => runner.stop()));
  running.clear();
});

/** A runner of the procurement ASL under a name of its own, with 10 ms retry pauses (the policy is the ASL's). */
async function procurementRunner(loadHandler: HandlerLoader) {
  const workflow = `procurement${randomUUID().slice(0, 8)}`;
  const runner = await startWorkflowRunner({
    workflows: { [workflow]: workflows.procurement },
    dynamoEndpoint: stackInfo().dynamoEndpoint,
    tableName: stackInfo().tableName,
    loadHandler,
    log: () => undefined,
    retryIntervalMs: 10,
  });
  running.add(runner);
  return { runner, workflow };
}

/** Starts one execution with the input the publish route gives it (a deadline already passed by default). */
async function start(script: Partial<Record<Task, Fake>> = {}) {
  const fakes = scripted(script);
  const { runner, workflow } = await procurementRunner(fakes.loadHandler);
  const projectId = `prj-${randomUUID().slice(0, 8)}`;
  const input = {
    projectId,
    projectVersion: 3,
    bidDeadline: inMs(0),
    requestedBy: { sub: 'town-clerk', role: 'town' },
  };
  const { executionArn } = await runner.startExecution({
    stateMachineArn: localArns.stateMachine(workflow),
    name: `${projectId}-v3`,
    input: JSON.stringify(input),
  });
  /** Answers the `nth` entry into a callback state as its route would. */
  const answer = async (state: string, nth = 1) =>
    runner.sendTaskSuccess({ taskToken: await fakes.token(state, nth), output: '{}' });
  return {
    runner,
    fakes,
    projectId,
    input,
    executionArn,
    answer,
    settled: () => settledWithin(runner, executionArn),
  };
}

/** The closed execution; one still running after 10 s fails the test naming the state it stands in. */
async function settledWithin(runner: WorkflowRunner, executionArn: string) {
  const timeout = new AbortController();
  const stuck = sleep(10_000, undefined, { signal: timeout.signal }).then(async () => {
    const record = await runner.describeExecution(executionArn);
    throw new Error(`${executionArn} is still ${record?.status} at ${record?.state}`);
  });
  try {
    return await Promise.race([runner.settled(executionArn), stuck]);
  } finally {
    timeout.abort();
  }
}

const outputOf = (record: { output?: string }) =>
  JSON.parse(record.output ?? 'null') as Record<string, unknown>;

describe('the procurement workflow on the embedded runner (R-PROC-1, R-PROC-5)', () => {
  it('R-PROC-1, R-PROC-5: runs notice → deadline → closing → scores → ranking → award → standstill → contract → signatures', async () => {
    // Deadlines from the moment their task runs, so the Wait is seen however slowly the runner starts.
    let bidDeadline = '';
    let biddingClosesAt = '';
    let closesAt = '';
    const { runner, settled, fakes, projectId, input, executionArn, answer } = await start({
      PublishNotice: () => {
        bidDeadline = inMs(1_000);
        // Issue 11 §3: CloseBidding waits for the bids still being written, past the deadline.
        biddingClosesAt = inMs(1_300);
        return { bidDeadline, closesAt: biddingClosesAt };
      },
      Award: () => {
        closesAt = inMs(400);
        return { closesAt };
      },
    });

    // Parked in the Wait until the notice's closing time, nothing else run yet.
    const waiting = await waitFor(async () => {
      const record = await runner.describeExecution(executionArn);
      return record?.state === 'WaitForBidDeadline' ? record : undefined;
    });
    expect(waiting).toMatchObject({
      status: 'RUNNING',
      park: { waitUntil: new Date(biddingClosesAt).toISOString() },
    });
    expect(fakes.visited()).toEqual(['PublishNotice']);
    expect(fakes.calls[0]?.event).toEqual({ ...input, executionArn });

    await answer('AwaitScores');
    await answer('AwaitSignatures');
    const closed = await settled();

    expect(closed).toMatchObject({ status: 'SUCCEEDED', state: 'Contracted' });
    expect(fakes.visited()).toEqual([
      'PublishNotice',
      'CloseBidding',
      'AwaitScores',
      'Evaluate',
      'Award',
      'CheckStandstill',
      'DraftContract',
      'AwaitSignatures',
    ]);
    // Each Wait lasted until its timestamp: closing at the notice's closing time, the check after the standstill.
    const at = (state: string) => fakes.calls.find((call) => call.state === state)?.at ?? 0;
    expect(at('CloseBidding')).toBeGreaterThanOrEqual(Date.parse(biddingClosesAt));
    expect(at('CheckStandstill')).toBeGreaterThanOrEqual(Date.parse(closesAt));
    // Every task is told its project; each callback also what it waits for, with its token.
    expect(fakes.calls.every((call) => call.event.projectId === projectId)).toBe(true);
    expect(fakes.calls.filter((call) => call.event.taskToken).map((call) => call.event.waitingFor)).toEqual([
      'scores',
      'signatures',
    ]);
    // Each task's result lands under its ResultPath; callbacks (ResultPath null) add nothing.
    expect(outputOf(closed)).toEqual({
      ...input,
      notice: { bidDeadline, closesAt: biddingClosesAt },
      closing: { outcome: 'closed', bids: 3 },
      evaluation: { outcome: 'ranked', winner: 'bid-1' },
      standstill: { closesAt },
      check: { next: 'contract' },
      contract: { contractId: 'ctr-1' },
    });
  });

  it('R-PROC-2: too few bids at the deadline end in Unsuccessful, which succeeds', async () => {
    const { settled, fakes } = await start({
      CloseBidding: () => ({ outcome: 'unsuccessful', bids: 1 }) satisfies Closing,
    });

    expect(await settled()).toMatchObject({ status: 'SUCCEEDED', state: 'Unsuccessful' });
    expect(fakes.visited()).toEqual(['PublishNotice', 'CloseBidding']);
  });

  it('R-QUAL-4: a tie no rule breaks waits for the draw (AwaitDraw), then awards', async () => {
    const { settled, fakes, answer } = await start({
      Evaluate: () => ({ outcome: 'draw_required' }) satisfies Evaluated,
    });

    await answer('AwaitScores');
    await fakes.token('AwaitDraw');
    // Nothing is awarded while the draw is pending.
    expect(fakes.visited()).toEqual([
      'PublishNotice',
      'CloseBidding',
      'AwaitScores',
      'Evaluate',
      'AwaitDraw',
    ]);
    await answer('AwaitDraw');
    await answer('AwaitSignatures');

    expect(await settled()).toMatchObject({ status: 'SUCCEEDED', state: 'Contracted' });
    expect(fakes.visited()).toEqual([
      'PublishNotice',
      'CloseBidding',
      'AwaitScores',
      'Evaluate',
      'AwaitDraw',
      'Award',
      'CheckStandstill',
      'DraftContract',
      'AwaitSignatures',
    ]);
  });

  it('R-PROC-3: an evaluation leaving no valid bid ends in Unsuccessful without an award', async () => {
    const { settled, fakes, answer } = await start({
      Evaluate: () => ({ outcome: 'unsuccessful' }) satisfies Evaluated,
    });

    await answer('AwaitScores');

    expect(await settled()).toMatchObject({ status: 'SUCCEEDED', state: 'Unsuccessful' });
    expect(fakes.visited()).toEqual(['PublishNotice', 'CloseBidding', 'AwaitScores', 'Evaluate']);
  });

  it('R-PROC-5: an open challenge holds the contract (AwaitChallenges) and the standstill is checked again', async () => {
    const { settled, fakes, answer } = await start({
      CheckStandstill: (_event, call) =>
        ({ next: call === 1 ? 'challenges' : 'contract' }) satisfies StandstillCheck,
    });

    await answer('AwaitScores');
    await fakes.token('AwaitChallenges');
    expect(fakes.visited()).not.toContain('DraftContract');
    await answer('AwaitChallenges');
    await answer('AwaitSignatures');

    expect(await settled()).toMatchObject({ status: 'SUCCEEDED', state: 'Contracted' });
    expect(fakes.visited()).toEqual([
      'PublishNotice',
      'CloseBidding',
      'AwaitScores',
      'Evaluate',
      'Award',
      'CheckStandstill',
      'AwaitChallenges',
      'CheckStandstill',
      'DraftContract',
      'AwaitSignatures',
    ]);
  });

  it('R-PROC-5: a challenge sustained with a rescore sends the workflow back to AwaitScores, then on to a new award', async () => {
    const { settled, fakes, answer } = await start({
      CheckStandstill: (_event, call) =>
        ({ next: call === 1 ? 'rescore' : 'contract' }) satisfies StandstillCheck,
    });

    await answer('AwaitScores');
    // The second round's scores, on a token of their own.
    await answer('AwaitScores', 2);
    await answer('AwaitSignatures');

    expect(await settled()).toMatchObject({ status: 'SUCCEEDED', state: 'Contracted' });
    expect(fakes.visited()).toEqual([
      'PublishNotice',
      'CloseBidding',
      'AwaitScores',
      'Evaluate',
      'Award',
      'CheckStandstill',
      'AwaitScores',
      'Evaluate',
      'Award',
      'CheckStandstill',
      'DraftContract',
      'AwaitSignatures',
    ]);
    const scoreTokens = fakes.calls
      .filter((call) => call.state === 'AwaitScores')
      .map((c) => c.event.taskToken);
    expect(new Set(scoreTokens).size).toBe(2);
  });

  it('ends in Cancelled (SUCCEEDED) when a task finds its project cancelled, without recording a failure', async () => {
    const { settled, fakes, projectId, answer } = await start({
      Award: (event) => {
        throw new ProjectCancelledError(event.projectId);
      },
    });

    await answer('AwaitScores');
    const closed = await settled();

    expect(closed).toMatchObject({ status: 'SUCCEEDED', state: 'Cancelled' });
    expect(fakes.visited()).toEqual(['PublishNotice', 'CloseBidding', 'AwaitScores', 'Evaluate', 'Award']);
    // Not retried, not recorded as a failure; the reason is kept under ResultPath $.cancellation.
    expect(outputOf(closed).cancellation).toMatchObject({
      Error: 'ProjectCancelled',
      Cause: expect.stringContaining(`project ${projectId} was cancelled`),
    });
  });

  it('ends in Cancelled (SUCCEEDED) when a parked callback is failed with ProjectCancelled (the cancel route)', async () => {
    const { runner, settled, fakes } = await start();

    await runner.sendTaskFailure({
      taskToken: await fakes.token('AwaitScores'),
      error: 'ProjectCancelled',
      cause: 'cancelled by the bureau: budget withdrawn',
    });
    const closed = await settled();

    expect(closed).toMatchObject({ status: 'SUCCEEDED', state: 'Cancelled' });
    expect(fakes.visited()).toEqual(['PublishNotice', 'CloseBidding', 'AwaitScores']);
    expect(outputOf(closed).cancellation).toEqual({
      Error: 'ProjectCancelled',
      Cause: 'cancelled by the bureau: budget withdrawn',
    });
  });

  it('retries a task that throws TransientTaskError (a lost write race), and goes on', async () => {
    const { settled, fakes, answer } = await start({
      CloseBidding: (_event, call) => {
        if (call < 3) throw new TransientTaskError('transaction conflict');
        return { outcome: 'closed', bids: 3 } satisfies Closing;
      },
    });

    await answer('AwaitScores');
    await answer('AwaitSignatures');

    expect(await settled()).toMatchObject({ status: 'SUCCEEDED', state: 'Contracted' });
    expect(fakes.visited().slice(0, 4)).toEqual([
      'PublishNotice',
      'CloseBidding',
      'CloseBidding',
      'CloseBidding',
    ]);
    expect(fakes.visited()).not.toContain('RecordFailure');
  });

  it('records a TransientTaskError that outlasts the Retry (1 call + MaxAttempts 3) and fails', async () => {
    const { settled, fakes } = await start({
      PublishNotice: () => {
        throw new TransientTaskError('table busy');
      },
    });

    expect(await settled()).toMatchObject({
      status: 'FAILED',
      error: 'TransientTaskError',
    });
    expect(fakes.visited()).toEqual([
      'PublishNotice',
      'PublishNotice',
      'PublishNotice',
      'PublishNotice',
      'RecordFailure',
    ]);
  });

  it('sends any other error to RecordFailure (projectId, executionArn, error, cause) and fails with it', async () => {
    const { settled, fakes, projectId, executionArn, answer } = await start({
      DraftContract: () => {
        throw new RangeError('template v3 has no clause no_subcontracting');
      },
    });

    await answer('AwaitScores');
    const closed = await settled();

    expect(closed).toMatchObject({ status: 'FAILED', state: 'Failed', error: 'RangeError' });
    // Not retried: one DraftContract call, then the failure recorded.
    expect(fakes.visited().slice(-2)).toEqual(['DraftContract', 'RecordFailure']);
    const recorded = fakes.calls.at(-1)?.event;
    expect(recorded).toEqual({ projectId, executionArn, error: 'RangeError', cause: closed.cause });
    // The Cause is Lambda's error JSON, as Step Functions reports a function error.
    expect(JSON.parse(closed.cause ?? '{}')).toMatchObject({
      errorType: 'RangeError',
      errorMessage: 'template v3 has no clause no_subcontracting',
    });
  });

  it('still fails with the original error when recording the failure fails too', async () => {
    const { settled, fakes } = await start({
      CloseBidding: () => {
        throw new TypeError('bids index unreadable');
      },
      RecordFailure: () => {
        throw new Error('table gone');
      },
    });

    expect(await settled()).toMatchObject({
      status: 'FAILED',
      state: 'Failed',
      error: 'TypeError',
    });
    expect(fakes.visited()).toEqual(['PublishNotice', 'CloseBidding', 'RecordFailure']);
  });
});

/**
 * Every task state has its own Catch in the ASL: each is driven here, over the path that visits them all
 * (a draw, then one open challenge), and made to fail once.
 */
describe('every task state of the procurement ASL catches its failures', () => {
  const tour: Partial<Record<Task, Fake>> = {
    Evaluate: () => ({ outcome: 'draw_required' }) satisfies Evaluated,
    CheckStandstill: (_event, call) =>
      ({ next: call === 1 ? 'challenges' : 'contract' }) satisfies StandstillCheck,
  };
  /** The states of the tour in the order it visits them (CheckStandstill first fails on its first call). */
  const order = [
    'PublishNotice',
    'CloseBidding',
    'AwaitScores',
    'Evaluate',
    'AwaitDraw',
    'Award',
    'CheckStandstill',
    'AwaitChallenges',
    'DraftContract',
    'AwaitSignatures',
  ];
  const callbackStates = new Set(Object.values(CALLBACK_STATE));

  /** The tour, with `state`'s fake (for a callback state, its function) throwing `error`. */
  function tourFailingAt(state: string, error: (event: TaskEvent) => Error): Partial<Record<Task, Fake>> {
    const fail: Fake = (event) => {
      throw error(event);
    };
    if (!callbackStates.has(state)) return { ...tour, [state]: fail };
    return {
      ...tour,
      AwaitCallback: (event, call) =>
        event.waitingFor && CALLBACK_STATE[event.waitingFor] === state ? fail(event, call) : null,
    };
  }

  /** Starts the tour failing at `state`, answering each callback state the tour reaches before it. */
  async function tourTo(state: string, error: (event: TaskEvent) => Error) {
    const started = await start(tourFailingAt(state, error));
    for (const earlier of order.slice(0, order.indexOf(state))) {
      if (callbackStates.has(earlier)) await started.answer(earlier);
    }
    return started;
  }

  it.each(order)('%s: ProjectCancelled ends in Cancelled', async (state) => {
    const started = await tourTo(state, (event) => new ProjectCancelledError(event.projectId));

    expect(await started.settled()).toMatchObject({
      status: 'SUCCEEDED',
      state: 'Cancelled',
    });
    expect(started.fakes.visited().at(-1)).toBe(state);
  });

  it.each(order)('%s: any other error is recorded, then fails', async (state) => {
    const started = await tourTo(state, () => new SyntaxError(`broken at ${state}`));

    expect(await started.settled()).toMatchObject({
      status: 'FAILED',
      state: 'Failed',
      error: 'SyntaxError',
    });
    expect(started.fakes.visited().slice(-2)).toEqual([state, 'RecordFailure']);
    expect(started.fakes.calls.at(-1)?.event).toMatchObject({
      projectId: started.projectId,
      executionArn: started.executionArn,
      error: 'SyntaxError',
      cause: expect.stringContaining(`broken at ${state}`),
    });
  });
});

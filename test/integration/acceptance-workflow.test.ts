/**
 * Control flow of the acceptance workflow (infra/workflows/acceptance.asl.json, R-ACC-1..4) on the embedded runner,
 * with scripted fakes in place of the task modules (functions/acceptances/task-*.ts): every branch is driven by what
 * the fakes answer, without any contract data. Each test runs the ASL under a workflow name of its own, so its runner
 * never meets the stack's own runner or another test's executions.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { workflows } from '#functions/workflows';
import type { Announced, Decision } from '#shared/use-cases/acceptance-tasks';
import type { HandlerLoader } from '#infra/local/handlers';
import { localArns } from '#infra/local/sfn-api';
import { startWorkflowRunner, type WorkflowRunner } from '#infra/local/sfn-runner';
import { stackInfo, waitFor } from '../support/stack-client';

type Task = keyof typeof workflows.acceptance.tasks;
type TaskEvent = Record<string, unknown> & {
  contractId: string;
  acceptanceId: string;
  waitingFor?: 'opinions' | 'panel';
  taskToken?: string;
  round?: number;
};
type Fake = (event: TaskEvent, call: number) => unknown;

const CALLBACK_STATE = { opinions: 'AwaitOpinions', panel: 'AwaitPanel' } as const;
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

/** The straight path to a pass, as the real modules answer. */
const straight: Record<Task, Fake> = {
  Open: () => ({ answerBy: inMs(60_000) }),
  AwaitCallback: () => null,
  CloseOpinions: () => ({ received: 5, minimum: 5, short: false }),
  Decide: () => ({ round: 1, next: 'passed' }) satisfies Decision,
  Announce: (event) => ({ round: event.round ?? 1, next: 'passed' }) satisfies Announced,
  Reinspect: (event) => ({ round: (event.round ?? 1) + 1 }),
  RecordFailure: () => null,
};

function scripted(script: Partial<Record<Task, Fake>> = {}) {
  const taskOf = new Map<string, Task>(
    Object.entries(workflows.acceptance.tasks).map(([task, def]) => [def.handler, task as Task]),
  );
  const calls: { state: string; event: TaskEvent; at: number }[] = [];
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
    visited: () => calls.map((call) => call.state),
    token: (state: string, nth = 1) =>
      waitFor(() => calls.filter((call) => call.state === state)[nth - 1]?.event.taskToken),
  };
}

const running = new Set<WorkflowRunner>();
afterEach(async () => {
  await Promise.all([...running].map((runner) => runner.stop()));
  running.clear();
});

async function start(script: Partial<Record<Task, Fake>> = {}) {
  const fakes = scripted(script);
  const workflow = `acceptance${randomUUID().slice(0, 8)}`;
  const runner = await startWorkflowRunner({
    workflows: { [workflow]: workflows.acceptance },
    dynamoEndpoint: stackInfo().dynamoEndpoint,
    tableName: stackInfo().tableName,
    loadHandler: fakes.loadHandler,
    log: () => undefined,
    retryIntervalMs: 10,
  });
  running.add(runner);
  const input = {
    contractId: `con_${randomUUID().slice(0, 8)}`,
    acceptanceId: `acc_${randomUUID().slice(0, 8)}`,
  };
  const { executionArn } = await runner.startExecution({
    stateMachineArn: localArns.stateMachine(workflow),
    name: input.acceptanceId,
    input: JSON.stringify(input),
  });
  const answer = async (state: string, nth = 1) =>
    runner.sendTaskSuccess({ taskToken: await fakes.token(state, nth), output: '{}' });
  const settled = async () => {
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
  };
  return { runner, fakes, input, executionArn, answer, settled };
}

const outputOf = (record: { output?: string }) =>
  JSON.parse(record.output ?? 'null') as Record<string, unknown>;

describe('the acceptance workflow on the embedded runner (R-ACC-1..4)', () => {
  it('R-ACC-3: passed: opinions → close → panel → decide → announce (the milestone payable) → Passed', async () => {
    const { fakes, input, executionArn, answer, settled } = await start();

    await answer('AwaitOpinions');
    // The panel's wait is one callback for the committee, whoever signs.
    await answer('AwaitPanel');
    const closed = await settled();

    expect(closed).toMatchObject({ status: 'SUCCEEDED', state: 'Passed' });
    expect(fakes.visited()).toEqual([
      'Open',
      'AwaitOpinions',
      'CloseOpinions',
      'AwaitPanel',
      'Decide',
      'Announce',
    ]);
    expect(fakes.calls[0]?.event).toEqual({ ...input, executionArn });
    expect(fakes.calls.find((c) => c.state === 'Announce')?.event).toEqual({ ...input, round: 1 });
    expect(outputOf(closed)).toMatchObject({
      ...input,
      opinions: { received: 5, minimum: 5, short: false },
      decision: { round: 1, next: 'passed' },
      announced: { round: 1, next: 'passed' },
    });
  });

  it('R-ACC-1, R-ACC-2: a failed round is announced, waits until the rectification deadline, hears the recipients again, is inspected again and passes', async () => {
    let reinspectAt = '';
    const { fakes, answer, settled } = await start({
      Decide: (_event, call) =>
        call === 1 ? ({ round: 1, next: 'rectification' } satisfies Decision) : { round: 2, next: 'passed' },
      Announce: (event) => {
        if (event.round === 1) {
          reinspectAt = inMs(500);
          return { round: 1, next: 'rectification', reinspectAt } satisfies Announced;
        }
        return { round: 2, next: 'passed' } satisfies Announced;
      },
    });

    await answer('AwaitOpinions');
    await answer('AwaitPanel');
    // Round 2 waits for the recipients' opinions again (the same callback state), then closes them, then the panel.
    await answer('AwaitOpinions', 2);
    await answer('AwaitPanel', 2);
    expect(await settled()).toMatchObject({ status: 'SUCCEEDED', state: 'Passed' });
    expect(fakes.visited()).toEqual([
      'Open',
      'AwaitOpinions',
      'CloseOpinions',
      'AwaitPanel',
      'Decide',
      'Announce',
      'Reinspect',
      'AwaitOpinions',
      'CloseOpinions',
      'AwaitPanel',
      'Decide',
      'Announce',
    ]);
    // The second wait for opinions parks after Reinspect, the round's panel only after its opinions closed.
    const at = (state: string, nth: number) =>
      fakes.calls.filter((c) => c.state === state)[nth - 1]?.at ?? NaN;
    expect(at('AwaitOpinions', 2)).toBeGreaterThanOrEqual(at('Reinspect', 1));
    expect(at('AwaitPanel', 2)).toBeGreaterThanOrEqual(at('CloseOpinions', 2));
    const reinspected = fakes.calls.find((c) => c.state === 'Reinspect');
    // The Wait lasted until the rectification deadline, and Reinspect was told the round it follows.
    expect(reinspected?.at).toBeGreaterThanOrEqual(Date.parse(reinspectAt));
    expect(reinspected?.event).toMatchObject({ round: 1 });
    expect(fakes.calls.filter((c) => c.state === 'Announce').map((c) => c.event.round)).toEqual([1, 2]);
  });

  it('R-ACC-1: rectification rounds exhausted: the failure is announced and the execution ends in NotPassed', async () => {
    const { fakes, answer, settled } = await start({
      Decide: (_event, call) =>
        call === 1 ? ({ round: 1, next: 'rectification' } satisfies Decision) : { round: 2, next: 'failed' },
      Announce: (event) =>
        event.round === 1
          ? ({ round: 1, next: 'rectification', reinspectAt: inMs(50) } satisfies Announced)
          : ({ round: 2, next: 'failed' } satisfies Announced),
    });

    await answer('AwaitOpinions');
    await answer('AwaitPanel');
    await answer('AwaitOpinions', 2);
    await answer('AwaitPanel', 2);
    expect(await settled()).toMatchObject({ status: 'SUCCEEDED', state: 'NotPassed' });
    expect(fakes.visited().slice(-5)).toEqual([
      'AwaitOpinions',
      'CloseOpinions',
      'AwaitPanel',
      'Decide',
      'Announce',
    ]);
    expect(fakes.visited().filter((s) => s === 'Reinspect')).toHaveLength(1);
  });

  it('R-ACC-2: opinions short at the deadline: the park task resumes itself, the panel decides with what came in', async () => {
    // AwaitCallback's real module resumes its own wait once the answer deadline passed (acceptance-tasks.ts);
    // this fake does the same for the opinions' wait, so nobody answers it from outside.
    const resumeOwn = async (runner: WorkflowRunner, event: TaskEvent) => {
      if (event.waitingFor === 'opinions' && event.taskToken) {
        await runner.sendTaskSuccess({ taskToken: event.taskToken, output: '{"waitingFor":"opinions"}' });
      }
      return null;
    };
    const holder: { runner?: WorkflowRunner } = {};
    const { runner, fakes, answer, settled } = await start({
      AwaitCallback: (event) => {
        void (async () => {
          await resumeOwn(await waitFor(() => holder.runner), event);
        })();
        return null;
      },
      CloseOpinions: () => ({ received: 2, minimum: 5, short: true }),
      Decide: () => ({ round: 1, next: 'failed' }) satisfies Decision,
      Announce: () => ({ round: 1, next: 'failed' }) satisfies Announced,
    });
    holder.runner = runner;

    await answer('AwaitPanel');
    const closed = await settled();
    expect(closed).toMatchObject({ status: 'SUCCEEDED', state: 'NotPassed' });
    expect(fakes.visited()).toEqual([
      'Open',
      'AwaitOpinions',
      'CloseOpinions',
      'AwaitPanel',
      'Decide',
      'Announce',
    ]);
    expect(outputOf(closed)).toMatchObject({ opinions: { received: 2, minimum: 5, short: true } });
  });

  it('a task that keeps failing is recorded on the acceptance (RecordFailure) and the execution fails', async () => {
    const { fakes, input, executionArn, settled } = await start({
      Open: () => {
        throw Object.assign(new Error('acceptance missing'), { name: 'Error' });
      },
    });
    const closed = await settled();
    expect(closed).toMatchObject({ status: 'FAILED' });
    const recorded = fakes.calls.find((c) => c.state === 'RecordFailure');
    expect(recorded?.event).toMatchObject({ ...input, executionArn, error: 'Error' });
  });

  it('R-ACC-3: a contract terminated mid-acceptance: the task that finds it ends the execution in Cancelled, not RecordFailure', async () => {
    const { fakes, answer, settled } = await start({
      // The real Announce cancels the acceptance (the milestone was cancelled by the termination) and throws this.
      Announce: () => {
        throw Object.assign(new Error('acceptance was cancelled: contract terminated'), {
          name: 'AcceptanceCancelled',
        });
      },
    });
    await answer('AwaitOpinions');
    await answer('AwaitPanel');
    const closed = await settled();
    expect(closed).toMatchObject({ status: 'SUCCEEDED', state: 'Cancelled' });
    expect(fakes.visited()).not.toContain('RecordFailure');
    expect(fakes.visited().filter((s) => s === 'Announce')).toHaveLength(1);
    expect(outputOf(closed)).toMatchObject({ cancelled: { Error: 'AcceptanceCancelled' } });
  });

  it('R-ACC-3: a parked callback failed with AcceptanceCancelled (the park task found the contract ended) ends in Cancelled', async () => {
    const { runner, fakes, settled } = await start();
    await runner.sendTaskFailure({
      taskToken: await fakes.token('AwaitOpinions'),
      error: 'AcceptanceCancelled',
      cause: 'acceptance was cancelled: contract completed',
    });
    expect(await settled()).toMatchObject({ status: 'SUCCEEDED', state: 'Cancelled' });
    expect(fakes.visited()).toEqual(['Open', 'AwaitOpinions']);
  });

  it('a transient error is retried (TransientTaskError) and the workflow goes on', async () => {
    const { fakes, answer, settled } = await start({
      CloseOpinions: (_event, call) => {
        if (call < 3) throw Object.assign(new Error('lost a race'), { name: 'TransientTaskError' });
        return { received: 5, minimum: 5, short: false };
      },
    });
    await answer('AwaitOpinions');
    await answer('AwaitPanel');
    expect(await settled()).toMatchObject({ status: 'SUCCEEDED', state: 'Passed' });
    expect(fakes.visited().filter((s) => s === 'CloseOpinions')).toHaveLength(3);
    expect(fakes.visited()).not.toContain('RecordFailure');
  });
});

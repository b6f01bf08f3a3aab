import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { workflows } from '#functions/workflows';
import { readAslText, type AslDefinition, type JsonValue } from '#infra/workflows/asl';
import {
  LOCAL_WAIT_RESOURCE,
  localSupportProblems,
  prepareMachine,
  resumeMachine,
  type PreparedMachine,
} from '#infra/local/sfn-definition';

const DAY_MS = 24 * 3600 * 1000;
const ARN = (task: string) => `arn:aws-cn:lambda:cn-north-1:000000000000:function:t-${task}`;

function prepare(definition: AslDefinition | string, tasks: string[] = [], maxParkMs = DAY_MS) {
  const functionArns = Object.fromEntries(tasks.map((task) => [task, ARN(task)]));
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
  return prepareMachine(text, {
    substitutions: { Partition: 'aws-cn', ...functionArns },
    functionArns,
    maxParkMs,
  });
}

const probe = () => prepare(readAslText(workflows.probe), Object.keys(workflows.probe.tasks));

describe('prepareMachine on the probe workflow', () => {
  it('binds each Task to its table entry, by integration', () => {
    const { bindings } = probe();
    expect(bindings.RecordStart).toEqual({ kind: 'lambda', task: 'RecordStart', integration: 'direct' });
    expect(bindings.AwaitAnswer).toEqual({ kind: 'callback', task: 'AwaitAnswer', libraryTimeout: false });
    expect(bindings.WaitForDeadline).toEqual({ kind: 'wait' });
    expect(bindings.IsApproved).toBeUndefined();
  });

  it('turns the Wait into a Task the runner serves, keeping its path processing and transition', () => {
    const state = probe().definition.States.WaitForDeadline;
    expect(state).toEqual({
      Type: 'Task',
      Resource: LOCAL_WAIT_RESOURCE,
      Parameters: { 'until.$': '$.deadline', 'input.$': '$' },
      TimeoutSeconds: DAY_MS / 1000 + 60,
      Next: 'AwaitAnswer',
    });
  });

  it('gives a callback without TimeoutSeconds a library timer past the park horizon (not the 60 s default)', () => {
    expect(probe().definition.States.AwaitAnswer?.TimeoutSeconds).toBe(DAY_MS / 1000 + 60);
  });

  it('substitutes the partition and the function ARNs', () => {
    const text = JSON.stringify(probe().definition);
    expect(text).toContain('"Resource":"arn:aws-cn:states:::lambda:invoke.waitForTaskToken"');
    expect(text).toContain(`"FunctionName":"${ARN('AwaitAnswer')}"`);
    expect(text).not.toContain('${');
  });

  it('leaves the prepared input untouched for the next machine', () => {
    const first = probe();
    first.definition.States.RecordStart!.Comment = 'changed';
    expect(probe().definition.States.RecordStart?.Comment).toBeUndefined();
  });
});

describe('callback timeouts', () => {
  const machine = (timeoutSeconds: number) =>
    prepare(
      {
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task',
            Resource: 'arn:${Partition}:states:::lambda:invoke.waitForTaskToken',
            Parameters: { FunctionName: '${Ask}', Payload: { 'token.$': '$$.Task.Token' } },
            TimeoutSeconds: timeoutSeconds,
            End: true,
          },
        },
      },
      ['Ask'],
    );

  it('lets the library enforce a timeout within the park horizon, exactly', () => {
    const { definition, bindings } = machine(3600);
    expect(definition.States.Ask?.TimeoutSeconds).toBe(3600);
    expect(bindings.Ask).toMatchObject({ libraryTimeout: true, timeoutSeconds: 3600 });
  });

  it('keeps a longer timeout for the runner (suspend, then resume with what remains)', () => {
    const { definition, bindings } = machine(30 * 24 * 3600);
    expect(definition.States.Ask?.TimeoutSeconds).toBe(DAY_MS / 1000 + 60);
    expect(bindings.Ask).toMatchObject({ libraryTimeout: false, timeoutSeconds: 30 * 24 * 3600 });
  });
});

describe('resumeMachine', () => {
  const now = new Date('2030-01-01T00:00:00Z');

  it('starts a state that was not parked again, at that state', () => {
    const resumed = resumeMachine(probe(), { state: 'RecordOutcome', now, maxParkMs: DAY_MS });
    expect(resumed.definition.StartAt).toBe('RecordOutcome');
    expect(Object.keys(resumed.definition.States)).toEqual(Object.keys(probe().definition.States));
  });

  it('resumes a parked wait through an alias that ends when the saved wait ends', () => {
    const resumed = resumeMachine(probe(), {
      state: 'WaitForDeadline',
      park: { state: 'WaitForDeadline', waitUntil: '2030-01-01T00:00:05.000Z' },
      now,
      maxParkMs: DAY_MS,
    });
    const alias = resumed.definition.StartAt;
    expect(alias).toBe('WaitForDeadline (resumed)');
    expect(resumed.bindings[alias]).toEqual({ kind: 'wait', resumeUntil: '2030-01-01T00:00:05.000Z' });
    expect(resumed.definition.States[alias]).toEqual(probe().definition.States.WaitForDeadline);
    // The runner reports the alias as the state it stands for, so it is saved (and resumed) as such.
    expect(resumed.topLevel.get(alias)).toBe('WaitForDeadline');
    // Later entries (a loop back) take the ordinary state.
    expect(resumed.bindings.WaitForDeadline).toEqual({ kind: 'wait' });
  });

  it('resumes a parked callback on its saved token, with the time its timeout has left', () => {
    const base = prepare(
      {
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task',
            Resource: 'arn:${Partition}:states:::lambda:invoke.waitForTaskToken',
            Parameters: { FunctionName: '${Ask}', Payload: { 'token.$': '$$.Task.Token' } },
            TimeoutSeconds: 600,
            End: true,
          },
        },
      },
      ['Ask'],
    );
    const resumed = resumeMachine(base, {
      state: 'Ask',
      park: {
        state: 'Ask',
        token: 'tok',
        timeoutAt: '2030-01-01T00:01:30.000Z',
        outcome: { ok: true, output: '1' },
      },
      now,
      maxParkMs: DAY_MS,
    });
    const alias = resumed.definition.StartAt;
    expect(resumed.bindings[alias]).toMatchObject({
      kind: 'callback',
      libraryTimeout: true,
      resume: { token: 'tok', timeoutAt: '2030-01-01T00:01:30.000Z', outcome: { ok: true, output: '1' } },
    });
    expect(resumed.definition.States[alias]?.TimeoutSeconds).toBe(90);
  });

  it('runs a callback again whose function had not returned (it may never have stored the token)', () => {
    const resumed = resumeMachine(probe(), {
      state: 'AwaitAnswer',
      park: { state: 'AwaitAnswer', token: 'tok', invoked: false },
      now,
      maxParkMs: DAY_MS,
    });
    expect(resumed.definition.StartAt).toBe('AwaitAnswer');
    expect(Object.keys(resumed.bindings)).not.toContain('AwaitAnswer (resumed)');
  });

  it('times a resumed callback out at once when its timeout passed while stopped', () => {
    const base = prepare(
      {
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task',
            Resource: 'arn:${Partition}:states:::lambda:invoke.waitForTaskToken',
            Parameters: { FunctionName: '${Ask}', Payload: { 'token.$': '$$.Task.Token' } },
            TimeoutSeconds: 60,
            End: true,
          },
        },
      },
      ['Ask'],
    );
    const resumed = resumeMachine(base, {
      state: 'Ask',
      park: { state: 'Ask', token: 'tok', invoked: true, timeoutAt: '2029-12-31T23:59:00.000Z' },
      now,
      maxParkMs: DAY_MS,
    });
    expect(resumed.definition.States[resumed.definition.StartAt]?.TimeoutSeconds).toBe(0.001);
  });

  it('ignores a park saved for another state (the transition was saved before the park was cleared)', () => {
    const resumed = resumeMachine(probe(), {
      state: 'RecordOutcome',
      park: { state: 'WaitForDeadline', waitUntil: '2030-01-01T00:00:05.000Z' },
      now,
      maxParkMs: DAY_MS,
    });
    expect(resumed.definition.StartAt).toBe('RecordOutcome');
  });

  it('refuses a state the definition does not have', () => {
    expect(() => resumeMachine(probe(), { state: 'Nowhere', now, maxParkMs: DAY_MS })).toThrow(/Nowhere/);
  });
});

describe('a Wait served as a Task has the Wait semantics', () => {
  /** Runs `definition` on the library; the runner's wait answers with the effective input, as here. */
  async function run(
    definition: PreparedMachine['definition'] | AslDefinition,
    input: JsonValue,
    waitStates: string[],
  ) {
    const machine = new StateMachine(definition as unknown as StateMachineDefinition, {
      validationOptions: { noValidate: true },
    });
    const handlers = Object.fromEntries(
      waitStates.map((state) => [state, (request: JsonValue) => (request as { input: JsonValue }).input]),
    );
    return machine.run(input, { overrides: { taskResourceLocalHandlers: handlers } }).result;
  }

  it.each([
    ['no paths', {}],
    ['InputPath', { InputPath: '$.inner' }],
    ['OutputPath', { OutputPath: '$.keep' }],
    ['both', { InputPath: '$.inner', OutputPath: '$.keep' }],
  ])('produces the same output as the library Wait with %s', async (_, paths) => {
    const original: AslDefinition = {
      StartAt: 'Pause',
      States: {
        Pause: { Type: 'Wait', Seconds: 0, ...paths, Next: 'Done' },
        Done: { Type: 'Pass', End: true },
      },
    };
    const input = { inner: { keep: 1, drop: 2 }, keep: 'outer' };
    const prepared = prepare(original);
    expect(prepared.definition.States.Pause?.Type).toBe('Task');
    expect(await run(prepared.definition, input, ['Pause'])).toEqual(await run(original, input, []));
  });
});

describe('localSupportProblems', () => {
  const task = (extra: Record<string, unknown> = {}) => ({
    Type: 'Task' as const,
    Resource: 'arn:aws-cn:lambda:cn-north-1:000000000000:function:x',
    End: true,
    ...extra,
  });

  it('accepts the probe workflow', () => {
    expect(localSupportProblems(JSON.parse(readAslText(workflows.probe)) as AslDefinition)).toEqual([]);
  });

  it.each([
    ['JSONata', { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: task() } }, /JSONata/],
    ['variables', { StartAt: 'A', States: { A: task({ Assign: { x: 1 } }) } }, /Assign/],
    ['heartbeats', { StartAt: 'A', States: { A: task({ HeartbeatSeconds: 60 }) } }, /HeartbeatSeconds/],
    ['a machine timeout', { StartAt: 'A', TimeoutSeconds: 60, States: { A: task() } }, /TimeoutSeconds/],
    [
      'other services',
      { StartAt: 'A', States: { A: task({ Resource: 'arn:aws:states:::sqs:sendMessage' }) } },
      /only Lambda tasks/,
    ],
    [
      'a callback without its token',
      {
        StartAt: 'A',
        States: {
          A: task({
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Parameters: { FunctionName: 'f', Payload: {} },
          }),
        },
      },
      /\$\$\.Task\.Token/,
    ],
    [
      'context fields a resume would change',
      { StartAt: 'A', States: { A: task({ Parameters: { 'at.$': '$$.Execution.StartTime' } }) } },
      /\$\$\.Execution\.StartTime/,
    ],
    [
      'state names repeated inside a Parallel',
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [{ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }],
            End: true,
          },
        },
      },
      /unique/,
    ],
  ])('refuses %s', (_, definition, problem) => {
    expect(localSupportProblems(definition as unknown as AslDefinition).join('\n')).toMatch(problem);
  });

  it('makes prepareMachine refuse the definition, naming the problem', () => {
    expect(() => prepare({ StartAt: 'A', States: { A: task({ HeartbeatSeconds: 5 }) } })).toThrow(
      /HeartbeatSeconds/,
    );
  });
});

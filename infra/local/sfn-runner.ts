/**
 * The embedded stack's Step Functions: runs each workflow's ASL file with aws-local-stepfunctions, serves
 * its tasks with the handler modules of the workflow table (functions/workflows.ts), and keeps every
 * execution in DynamoDB Local so that a restart resumes it.
 *
 * Persistence: after every top-level transition the execution's item holds its current state and that
 * state's input; a parked state also holds its park (a wait's end, a callback's token, the answer once
 * given). On start, every RUNNING execution resumes at its saved state with the saved input (see
 * resumeMachine): a wait waits only what remains, a callback waits on the same token. A state that was
 * not parked runs again, so tasks run at least once — as Step Functions promises, and why tasks are
 * written to be repeatable.
 *
 * Long parks: the library holds a running state in one timer, which must stay under 24.8 days. A
 * top-level wait or callback parked longer than `maxParkMs` is suspended (its run aborted, its record
 * left RUNNING with the park) and resumed when it is due, answered, or the runner restarts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { RESERVED_SUBSTITUTIONS, WorkflowDef } from '#functions/workflows';
import { parseAsl, readAslText, substitute, type JsonValue } from '#infra/workflows/asl';
import type { HandlerLoader } from '#infra/local/handlers';
import {
  LOCAL_PARTITION,
  SfnError,
  checkExecutionName,
  checkJson,
  localArns,
  parseExecutionArn,
  workflowOfStateMachine,
  type SfnApi,
} from '#infra/local/sfn-api';
import {
  MAX_PARK_MS,
  prepareMachine,
  resumeMachine,
  type Binding,
  type PreparedMachine,
} from '#infra/local/sfn-definition';
import { createExecutionStore, type ExecutionRecord, type TaskOutcome } from '#infra/local/sfn-store';
import {
  RunAborted,
  RuntimeFailure,
  TaskFailure,
  coalesced,
  deferred,
  describe,
  failureOf,
  once,
  payloadOf,
  sleepUntil,
  stringsIn,
  waitEnd,
  type Deferred,
} from '#infra/local/sfn-support';
import { taskInvoker, type TaskInvoker } from '#infra/local/sfn-tasks';

export interface WorkflowRunnerOptions {
  workflows: Readonly<Record<string, WorkflowDef>>;
  dynamoEndpoint: string;
  tableName: string;
  loadHandler: HandlerLoader;
  log?: (line: string) => void;
  /** How long a top-level wait or callback stays parked in the library before it is suspended. Default 20 days. */
  maxParkMs?: number;
  /**
   * Tests only: the pause before each retry, in ms, instead of the Retry's IntervalSeconds/BackoffRate.
   * Which errors are retried and how often is still the ASL's.
   */
  retryIntervalMs?: number;
}

export interface WorkflowRunner extends SfnApi {
  readonly workflows: readonly string[];
  /** Executions resumed when the runner started. */
  readonly resumed: number;
  describeExecution(executionArn: string): Promise<ExecutionRecord | undefined>;
  /** Resolves with the closed execution (SUCCEEDED or FAILED). */
  settled(executionArn: string): Promise<ExecutionRecord>;
  /** Aborts every run without closing its execution (they stay RUNNING, to be resumed), then waits for writes. */
  stop(): Promise<void>;
}

/** One library run of an execution: the first, or one after a resume. */
interface Run {
  readonly machine: PreparedMachine;
  readonly controller: AbortController;
  /** Aliases whose one resumed entry has been served in this run. */
  readonly resumedEntries: Set<string>;
  abortLibrary?: () => void;
}

/** A callback's token while its task is open; the answer is kept until the task takes it. */
interface CallbackPark {
  readonly state: string;
  readonly token: string;
  readonly topLevel: boolean;
  outcome?: TaskOutcome;
  /** Set while a run waits on this park. */
  deliver?: (outcome: TaskOutcome) => void;
}

interface Execution {
  record: ExecutionRecord;
  readonly workflow: LoadedWorkflow;
  run?: Run;
  wake?: AbortController;
  /** Tokens `$$.Task.Token` issued that no callback has claimed yet. */
  readonly issued: Set<string>;
  readonly parks: CallbackPark[];
  readonly persist: () => Promise<void>;
  readonly closed: Deferred<ExecutionRecord>;
}

interface LoadedWorkflow {
  readonly name: string;
  readonly machine: PreparedMachine;
  readonly invoker: TaskInvoker;
}

const CLOSED_TOKENS_KEPT = 10_000;
const STOP_WAIT_MS = 10_000;

export async function startWorkflowRunner(options: WorkflowRunnerOptions): Promise<WorkflowRunner> {
  const log = options.log ?? ((line: string) => console.log(line));
  const maxParkMs = options.maxParkMs ?? MAX_PARK_MS;
  if (!(maxParkMs > 0 && maxParkMs <= MAX_PARK_MS))
    throw new Error(`maxParkMs must be in (0, ${MAX_PARK_MS}]`);
  // Every ASL file is checked before anything starts: a broken one stops the stack with the reason.
  const loaded = new Map(
    Object.entries(options.workflows).map(([name, def]) => [
      name,
      loadWorkflow(name, def, options, maxParkMs),
    ]),
  );
  const store = createExecutionStore({ endpoint: options.dynamoEndpoint, tableName: options.tableName });
  const executions = new Map<string, Execution>();
  const tokens = new Map<string, { execution: Execution; park: CallbackPark }>();
  const closedTokens = new Set<string>();
  let stopping = false;
  let storeClosed = false;

  // ---- executions and their persistence ---------------------------------------------------------------

  function track(record: ExecutionRecord, workflow: LoadedWorkflow): Execution {
    const execution: Execution = {
      record,
      workflow,
      issued: new Set(),
      parks: [],
      persist: coalesced(
        async () => {
          if (!storeClosed) await store.put(structuredClone(execution.record));
        },
        (error) => log(`workflow ${record.executionArn}: saving failed: ${describe(error)}`),
      ),
      closed: deferred<ExecutionRecord>(),
    };
    executions.set(record.executionArn, execution);
    return execution;
  }

  function workflowOf(name: string): LoadedWorkflow {
    const workflow = loaded.get(name);
    if (!workflow) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${name}'`);
    return workflow;
  }

  // ---- runs ---------------------------------------------------------------------------------------------

  function launch(execution: Execution, machine: PreparedMachine, input: JsonValue): void {
    const run: Run = { machine, controller: new AbortController(), resumedEntries: new Set() };
    execution.run = run;
    const library = new StateMachine(machine.definition as unknown as StateMachineDefinition, {
      // The file itself was validated by the library when the workflow was loaded; this is its local copy.
      validationOptions: { noValidate: true },
    });
    const { record } = execution;
    const started = library.run(input, {
      noThrowOnAbort: true,
      context: {
        Execution: { Id: record.executionArn, Name: record.name, RoleArn: localArns.role(record.workflow) },
        StateMachine: { Id: localArns.stateMachine(record.workflow), Name: record.workflow },
        // Read once per callback entry by `"….$": "$$.Task.Token"`: a fresh token each time.
        Task: {
          get Token() {
            const token = randomBytes(48).toString('base64url');
            execution.issued.add(token);
            return token;
          },
        },
      },
      overrides: overridesFor(execution, run),
    });
    run.abortLibrary = started.abort;
    void follow(execution, run, started.eventLogs);
    started.result.then(
      (output) => (run.controller.signal.aborted ? undefined : close(execution, { output })),
      (error: unknown) => (run.controller.signal.aborted ? undefined : close(execution, { error })),
    );
  }

  function overridesFor(execution: Execution, run: Run): RunOptions['overrides'] {
    const handlers: Record<string, (input: JsonValue) => Promise<JsonValue>> = {};
    const retryIntervals: Record<string, number> = {};
    for (const [state, binding] of Object.entries(run.machine.bindings)) {
      handlers[state] = (input) => serve(execution, run, state, binding, input);
      if (options.retryIntervalMs !== undefined) retryIntervals[state] = options.retryIntervalMs;
    }
    return { taskResourceLocalHandlers: handlers, retryIntervalOverrides: retryIntervals };
  }

  /** Follows the run's events: each top-level state entered is saved with its input. */
  async function follow(execution: Execution, run: Run, events: EventLogs): Promise<void> {
    try {
      for await (const event of events) {
        // Once a newer run of this execution started, this one's late events are history.
        if (execution.run !== undefined && execution.run !== run) return;
        // Map iterations carry an index; Parallel branches' states are not top-level names.
        if (event.type === 'StateEntered' && event.index === undefined) {
          const state = run.machine.topLevel.get(event.state.name);
          if (state === undefined) continue;
          const { record } = execution;
          record.state = state;
          record.stateInput = JSON.stringify(event.state.input);
          // A park of an earlier state is over; one for this state may already be set by its task.
          if (record.park && record.park.state !== state) delete record.park;
          void execution.persist();
        } else if (event.type === 'StateFailed' && event.Error === 'States.Timeout') {
          // The library's timer closed a callback task: its oldest open token is spent.
          const park = execution.parks.find((p) => p.state === event.state.name);
          if (park) closePark(execution, park);
        }
      }
    } catch (error) {
      log(`workflow ${execution.record.executionArn}: event log failed: ${describe(error)}`);
    }
  }

  async function close(
    execution: Execution,
    result: { output: unknown } | { error: unknown },
  ): Promise<void> {
    const { record } = execution;
    execution.run = undefined;
    record.stopDate = new Date().toISOString();
    delete record.park;
    if ('output' in result) {
      record.status = 'SUCCEEDED';
      record.output = JSON.stringify(result.output ?? null);
    } else {
      const failure = failureOf(result.error);
      record.status = 'FAILED';
      record.error = failure.error;
      record.cause = failure.cause;
    }
    for (const park of [...execution.parks]) closePark(execution, park);
    execution.issued.clear();
    execution.wake?.abort();
    await execution.persist();
    executions.delete(record.executionArn);
    execution.closed.resolve(record);
    if (record.status === 'FAILED') {
      log(`workflow ${record.executionArn} FAILED at ${record.state}: ${record.error} ${record.cause}`);
    }
  }

  /**
   * Aborts the run and leaves the execution RUNNING with its park; `wakeAt` resumes it by itself.
   * `state` comes from the task: the event follower may not have seen the state's entry yet.
   */
  function suspend(execution: Execution, run: Run, state: string, wakeAt?: Date): void {
    abort(run);
    if (execution.run === run) execution.run = undefined;
    for (const park of execution.parks) delete park.deliver;
    void execution.persist();
    if (wakeAt) scheduleWake(execution, wakeAt);
    const until = wakeAt ? ` until ${wakeAt.toISOString()}` : ' until answered';
    log(`workflow ${execution.record.executionArn} suspended at ${state}${until}`);
  }

  function abort(run: Run): void {
    run.controller.abort();
    run.abortLibrary?.();
  }

  function scheduleWake(execution: Execution, at: Date): void {
    execution.wake?.abort();
    const wake = new AbortController();
    execution.wake = wake;
    void sleepUntil(at, wake.signal).then((due) => {
      if (due && !stopping && execution.run === undefined) resume(execution);
    });
  }

  function resume(execution: Execution): void {
    execution.wake?.abort();
    const { record, workflow } = execution;
    const machine = resumeMachine(workflow.machine, {
      state: record.state,
      park: record.park,
      now: new Date(),
      maxParkMs,
    });
    launch(execution, machine, JSON.parse(record.stateInput) as JsonValue);
  }

  // ---- tasks ---------------------------------------------------------------------------------------------

  async function serve(execution: Execution, run: Run, state: string, binding: Binding, input: JsonValue) {
    if (run.controller.signal.aborted) throw new RunAborted();
    const topLevel = run.machine.topLevel.get(state);
    switch (binding.kind) {
      case 'lambda':
        return invokeLambda(execution, run, binding, input);
      case 'wait':
        return wait(execution, run, state, topLevel, binding, input);
      case 'callback':
        return callback(execution, run, state, topLevel, binding, input);
    }
  }

  async function invokeLambda(
    execution: Execution,
    run: Run,
    binding: Extract<Binding, { kind: 'lambda' }>,
    input: JsonValue,
  ): Promise<JsonValue> {
    if (binding.integration === 'direct')
      return guard(run, execution.workflow.invoker.invoke(binding.task, input));
    // lambda:invoke hands the function Parameters.Payload and answers with the invocation's response.
    const payload = await guard(run, execution.workflow.invoker.invoke(binding.task, payloadOf(input)));
    return { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 };
  }

  async function wait(
    execution: Execution,
    run: Run,
    state: string,
    topLevel: string | undefined,
    binding: Extract<Binding, { kind: 'wait' }>,
    input: JsonValue,
  ): Promise<JsonValue> {
    const request = input as { until?: JsonValue; seconds?: JsonValue; input: JsonValue };
    const resumedUntil = firstEntry(run, state, binding.resumeUntil);
    const until = resumedUntil ? new Date(resumedUntil) : waitEnd(request);
    const { record } = execution;
    if (topLevel !== undefined) {
      record.park = { state: topLevel, waitUntil: until.toISOString() };
      void execution.persist();
    }
    if (until.getTime() - Date.now() > maxParkMs) {
      if (topLevel === undefined)
        throw new RuntimeFailure(`${state}: a wait inside Parallel/Map may not exceed ${maxParkMs} ms here`);
      suspend(execution, run, topLevel, new Date(until.getTime() - maxParkMs));
      throw new RunAborted();
    }
    const due = await sleepUntil(until, run.controller.signal);
    if (!due) throw new RunAborted();
    if (topLevel !== undefined && record.park?.state === topLevel) {
      delete record.park;
      void execution.persist();
    }
    return request.input;
  }

  async function callback(
    execution: Execution,
    run: Run,
    state: string,
    topLevel: string | undefined,
    binding: Extract<Binding, { kind: 'callback' }>,
    input: JsonValue,
  ): Promise<JsonValue> {
    const resumed = firstEntry(run, state, binding.resume);
    const token = resumed?.token ?? claimToken(execution, state, input);
    const timeoutAt =
      resumed?.timeoutAt ??
      (binding.timeoutSeconds !== undefined
        ? new Date(Date.now() + binding.timeoutSeconds * 1000).toISOString()
        : undefined);
    const park = openPark(execution, {
      state,
      token,
      topLevel: topLevel !== undefined,
      ...(resumed?.outcome ? { outcome: resumed.outcome } : {}),
    });
    const save = (invoked: boolean) => {
      if (topLevel === undefined) return;
      execution.record.park = {
        state: topLevel,
        token,
        invoked,
        ...(timeoutAt ? { timeoutAt } : {}),
        ...(park.outcome ? { outcome: park.outcome } : {}),
      };
      void execution.persist();
    };
    save(resumed !== undefined);
    if (!resumed) {
      try {
        // lambda:invoke.waitForTaskToken: the function gets Parameters.Payload; its result is ignored.
        await execution.workflow.invoker.invoke(binding.task, payloadOf(input));
      } catch (error) {
        if (run.controller.signal.aborted) throw new RunAborted();
        closePark(execution, park);
        throw error;
      }
      save(true);
      if (run.controller.signal.aborted) throw new RunAborted();
    }
    const outcome = await awaitOutcome(park, run, binding.libraryTimeout ? undefined : maxParkMs);
    if (outcome === 'aborted') throw new RunAborted();
    if (outcome === 'horizon') {
      if (topLevel === undefined)
        throw new RuntimeFailure(
          `${state}: a callback inside Parallel/Map may not park over ${maxParkMs} ms here`,
        );
      suspend(execution, run, topLevel, timeoutAt ? new Date(Date.parse(timeoutAt) - maxParkMs) : undefined);
      throw new RunAborted();
    }
    closePark(execution, park);
    if (!outcome.ok) throw new TaskFailure(outcome.error, outcome.cause);
    return JSON.parse(outcome.output) as JsonValue;
  }

  /** The token `$$.Task.Token` issued for this entry: the one issued token found in the task's input. */
  function claimToken(execution: Execution, state: string, input: JsonValue): string {
    const found = stringsIn(input).filter((value) => execution.issued.has(value));
    for (const token of found) execution.issued.delete(token);
    const token = found[0];
    if (!token) throw new RuntimeFailure(`${state}: the callback's Parameters must pass $$.Task.Token`);
    return token;
  }

  /** Registers the token; a token already open (a resumed callback) keeps its park and any answer. */
  function openPark(execution: Execution, park: CallbackPark): CallbackPark {
    const open = tokens.get(park.token);
    if (open?.execution === execution) return open.park;
    execution.parks.push(park);
    tokens.set(park.token, { execution, park });
    return park;
  }

  function closePark(execution: Execution, park: CallbackPark): void {
    const index = execution.parks.indexOf(park);
    if (index >= 0) execution.parks.splice(index, 1);
    tokens.delete(park.token);
    closedTokens.add(park.token);
    if (closedTokens.size > CLOSED_TOKENS_KEPT)
      closedTokens.delete(closedTokens.values().next().value as string);
    if (execution.record.park?.token === park.token) {
      delete execution.record.park;
      void execution.persist();
    }
  }

  /** The answer, or 'horizon' when parked too long for the library's timer, or 'aborted'. */
  function awaitOutcome(park: CallbackPark, run: Run, horizonMs: number | undefined) {
    if (park.outcome) return Promise.resolve(park.outcome);
    const { promise, resolve } = deferred<TaskOutcome | 'horizon' | 'aborted'>();
    park.deliver = resolve;
    const stopWaiting = new AbortController();
    const signal = AbortSignal.any([run.controller.signal, stopWaiting.signal]);
    signal.addEventListener('abort', () => resolve('aborted'), { once: true });
    if (horizonMs !== undefined) {
      void sleepUntil(new Date(Date.now() + horizonMs), signal).then((due) => due && resolve('horizon'));
    }
    return promise.finally(() => {
      stopWaiting.abort();
      if (park.deliver === resolve) delete park.deliver;
    });
  }

  /** An answered token: recorded durably first (as SendTask* is on AWS), then delivered or resumed. */
  async function answer(taskToken: string, outcome: TaskOutcome): Promise<void> {
    const open = tokens.get(taskToken);
    if (!open || open.park.outcome) {
      if (closedTokens.has(taskToken) || open) throw new SfnError('TaskTimedOut', 'Task Timed Out');
      throw new SfnError('TaskDoesNotExist', 'Task Does Not Exist');
    }
    const { execution, park } = open;
    if (stopping) throw new Error('the workflow runner is stopping');
    park.outcome = outcome;
    if (execution.record.park?.token === taskToken) execution.record.park.outcome = outcome;
    await execution.persist();
    if (park.deliver) park.deliver(outcome);
    else if (execution.run === undefined && !stopping) resume(execution);
  }

  // ---- API -------------------------------------------------------------------------------------------------

  async function startExecution(request: { stateMachineArn: string; name?: string; input?: string }) {
    if (stopping) throw new Error('the workflow runner is stopping');
    const workflow = workflowOf(workflowOfStateMachine(request.stateMachineArn));
    const name = request.name ?? randomUUID();
    checkExecutionName(name);
    const input = checkJson(request.input ?? '{}', 'InvalidExecutionInput');
    const startDate = new Date();
    const record: ExecutionRecord = {
      executionArn: localArns.execution(workflow.name, name),
      workflow: workflow.name,
      name,
      status: 'RUNNING',
      startDate: startDate.toISOString(),
      input,
      state: workflow.machine.definition.StartAt,
      stateInput: input,
    };
    const created = await store.create(record);
    if (!created.created) {
      // Step Functions' idempotency: same name and input while running is the same execution.
      const { existing } = created;
      if (existing.status === 'RUNNING' && existing.input === input) {
        return { executionArn: existing.executionArn, startDate: new Date(existing.startDate) };
      }
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${record.executionArn}'`);
    }
    launch(track(record, workflow), workflow.machine, JSON.parse(input) as JsonValue);
    return { executionArn: record.executionArn, startDate };
  }

  async function resumeAll(): Promise<number> {
    let count = 0;
    for (const workflow of loaded.values()) {
      for (const record of await store.running(workflow.name)) {
        const execution = track(record, workflow);
        try {
          // A parked callback's run registers its saved token again as soon as it starts.
          resume(execution);
        } catch (error) {
          // Say so rather than leave it RUNNING for ever (e.g. its state left the ASL file meanwhile).
          const cause = `cannot resume at ${record.state}: ${describe(error)}`;
          await close(execution, { error: new RuntimeFailure(cause) });
        }
        count++;
      }
    }
    return count;
  }

  const runner = {
    workflows: [...loaded.keys()],
    resumed: 0,
    startExecution,
    async sendTaskSuccess({ taskToken, output }) {
      await answer(taskToken, { ok: true, output: checkJson(output, 'InvalidOutput') });
    },
    async sendTaskFailure({ taskToken, error, cause }) {
      await answer(taskToken, { ok: false, error: error ?? '', cause: cause ?? '' });
    },
    async describeExecution(executionArn) {
      const { workflow, name } = parseExecutionArn(executionArn);
      const live = executions.get(executionArn);
      return live ? structuredClone(live.record) : store.get(workflow, name);
    },
    async settled(executionArn) {
      const live = executions.get(executionArn);
      if (live) return live.closed.promise;
      const { workflow, name } = parseExecutionArn(executionArn);
      const record = await store.get(workflow, name);
      if (!record) throw new SfnError('InvalidArn', `no execution ${executionArn}`);
      if (record.status === 'RUNNING') throw new Error(`${executionArn} is RUNNING but not in this runner`);
      return record;
    },
    stop: once(async () => {
      stopping = true;
      const all = [...executions.values()];
      for (const execution of all) {
        execution.wake?.abort();
        if (execution.run) abort(execution.run);
      }
      // A task already running finishes (its write lands); its run will not go on.
      const invocations = [...loaded.values()].map((workflow) => workflow.invoker.idle());
      await Promise.race([Promise.all(invocations), sleep(STOP_WAIT_MS, undefined, { ref: false })]);
      await Promise.allSettled(all.map((execution) => execution.persist()));
      storeClosed = true;
      store.close();
    }),
  } satisfies WorkflowRunner;

  try {
    runner.resumed = await resumeAll();
  } catch (error) {
    // Half resumed is not started: stop what did resume, as the stack stops a half-started part.
    await runner.stop();
    throw error;
  }
  if (runner.resumed > 0) log(`workflows: resumed ${runner.resumed} running execution(s)`);
  return runner;
}

/** The library exports no name for its event type; this is the generator its runs return. */
type EventLogs = ReturnType<StateMachine['run']>['eventLogs'];

/** Reads the ASL file, checks it with the library's own validator, and prepares the local copy. */
function loadWorkflow(
  name: string,
  def: WorkflowDef,
  options: WorkflowRunnerOptions,
  maxParkMs: number,
): LoadedWorkflow {
  const text = readAslText(def);
  const functionArns = Object.fromEntries(
    Object.keys(def.tasks).map((task) => [task, localArns.function(name, task)]),
  );
  const reserved: Record<(typeof RESERVED_SUBSTITUTIONS)[number], string> = { Partition: LOCAL_PARTITION };
  const substitutions = { ...reserved, ...functionArns };
  // Throws with the validator's findings, as Step Functions would refuse the definition.
  new StateMachine(parseAsl(substitute(text, substitutions)) as unknown as StateMachineDefinition);
  return {
    name,
    machine: prepareMachine(text, { substitutions, functionArns, maxParkMs }),
    invoker: taskInvoker({ workflow: name, tasks: def.tasks, loadHandler: options.loadHandler }),
  };
}

/** The state's one resumed entry in this run: `value` the first time the alias runs, then undefined. */
function firstEntry<T>(run: Run, state: string, value: T | undefined): T | undefined {
  if (value === undefined || run.resumedEntries.has(state)) return undefined;
  run.resumedEntries.add(state);
  return value;
}

/** Once the run is aborted, the task's outcome (result or error) is no one's: the run only hears RunAborted. */
async function guard<T>(run: Run, work: Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await work;
  } catch (error) {
    if (run.controller.signal.aborted) throw new RunAborted();
    throw error;
  }
  if (run.controller.signal.aborted) throw new RunAborted();
  return result;
}

/**
 * From a workflow's ASL file to what the embedded runner hands aws-local-stepfunctions: pure functions,
 * unit-tested on their own (test/unit/sfn-definition.test.ts).
 *
 * The runner runs a copy of the definition that differs from the file only where the library cannot hold
 * Step Functions' semantics by itself, and every difference keeps the semantics:
 * - Wait states become Tasks served by the runner's wait (same input/output processing), because the
 *   library's wait is one setTimeout (a timer over 24.8 days fires at once) and cannot say when it ends;
 *   the runner's wait records its end, survives restarts and parks for any length.
 * - Callback tasks get a TimeoutSeconds the library's timer can hold (the library's default is 60 s;
 *   Step Functions' is a year); a callback parked longer is suspended by the runner, not timed out.
 * - A resumed execution starts at its saved state; a parked state resumes through an alias that carries
 *   what was parked (the wait's end, the callback's token), so only the first entry differs.
 */
import {
  allStates,
  isObject,
  lambdaTask,
  parseAsl,
  substitute,
  type AslDefinition,
  type AslState,
  type JsonValue,
} from '#infra/workflows/asl';
import type { Park } from '#infra/local/sfn-store';

/** The Resource of the Task a Wait state becomes; never invoked, the runner serves it. */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';

/** Head room between the runner's park horizon and the library's task timer. */
const TIMER_MARGIN_SECONDS = 60;

/** setTimeout holds at most 2^31 − 1 ms; the library's timers must stay below it. */
export const MAX_PARK_MS = 20 * 24 * 3600 * 1000;

/** The library's RFC 3339 check for TimestampPath, kept identical so the same values are refused. */
export const RFC3339 =
  /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(\.\d+)?(Z|(\+|-)([01][0-9]|2[0-3]):([0-5][0-9]))$/;

export type Binding =
  | { kind: 'lambda'; task: string; integration: 'direct' | 'invoke' }
  | {
      kind: 'callback';
      task: string;
      /** The state's own TimeoutSeconds, if any. */
      timeoutSeconds?: number;
      /** True when the library's timer enforces the timeout; false when the runner suspends instead. */
      libraryTimeout: boolean;
      /** Alias of a resumed callback: its first attempt parks on this token instead of invoking. */
      resume?: Pick<Park, 'token' | 'timeoutAt' | 'outcome'> & { token: string };
    }
  | { kind: 'wait'; resumeUntil?: string };

export interface PreparedMachine {
  definition: AslDefinition;
  /** By state name, nested states included (the library's overrides are keyed by name). */
  bindings: Record<string, Binding>;
  /** Names the runner reports as the execution's state → the state of the ASL file they stand for. */
  topLevel: ReadonlyMap<string, string>;
}

export interface PrepareOptions {
  /** Substitution key → value: every task's function ARN, and the reserved ones (Partition). */
  substitutions: Readonly<Record<string, string>>;
  /** Task key → the function ARN it was substituted with. */
  functionArns: Readonly<Record<string, string>>;
  /** How long the runner keeps a state parked in the library before suspending it. */
  maxParkMs: number;
}

/** What aws-local-stepfunctions 3.0.0 cannot run the way Step Functions would; empty when all is fine. */
export function localSupportProblems(definition: AslDefinition): string[] {
  const problems: string[] = [];
  if (definition.QueryLanguage === 'JSONata') problems.push('JSONata: only JSONPath runs locally');
  if (definition.TimeoutSeconds !== undefined) {
    problems.push('TimeoutSeconds of the machine: the runner cannot keep it across a resume');
  }
  const seen = new Set<string>();
  for (const { name, state } of allStates(definition)) {
    if (seen.has(name)) problems.push(`${name}: state names must be unique across branches and maps`);
    seen.add(name);
    problems.push(...stateProblems(name, state));
  }
  problems.push(...contextProblems(JSON.stringify(definition)));
  return problems;
}

function stateProblems(name: string, state: AslState): string[] {
  const problems: string[] = [];
  for (const field of ['QueryLanguage', 'Assign', 'Arguments', 'Output']) {
    if (field in state) problems.push(`${name}: ${field} (JSONata or variables) is not supported`);
  }
  for (const field of ['HeartbeatSeconds', 'HeartbeatSecondsPath']) {
    if (field in state) problems.push(`${name}: ${field} is not supported`);
  }
  if (state.Type === 'Map' && ('ItemReader' in state || 'ResultWriter' in state || isDistributed(state))) {
    problems.push(`${name}: distributed Map is not supported`);
  }
  if (state.Type !== 'Task') return problems;
  const task = lambdaTask(state);
  if (!task)
    problems.push(`${name}: only Lambda tasks (direct, lambda:invoke, .waitForTaskToken) run locally`);
  if (task?.integration === 'callback') {
    if (!JSON.stringify(state.Parameters ?? null).includes('$$.Task.Token')) {
      problems.push(`${name}: a callback task must pass $$.Task.Token`);
    }
    if ('TimeoutSecondsPath' in state)
      problems.push(`${name}: TimeoutSecondsPath on a callback is not supported`);
  }
  return problems;
}

function isDistributed(state: AslState): boolean {
  const processor = state.ItemProcessor;
  return isObject(processor?.ProcessorConfig) && processor.ProcessorConfig.Mode === 'DISTRIBUTED';
}

/**
 * The runner's context object holds these. `$$.Execution.StartTime` and `$$.Execution.Input` are set by
 * the library per run, so after a resume they would name the resumed run: pass such values in the input.
 */
const CONTEXT_PATHS = [
  '$$.Execution.Id',
  '$$.Execution.Name',
  '$$.Execution.RoleArn',
  '$$.StateMachine.Id',
  '$$.StateMachine.Name',
  '$$.Task.Token',
  '$$.Map.Item.Index',
  '$$.Map.Item.Value',
];

function contextProblems(text: string): string[] {
  const used = new Set([...text.matchAll(/\$\$(?:\.[A-Za-z0-9_]+)+/g)].map((match) => match[0]));
  return [...used]
    .filter((path) => !CONTEXT_PATHS.some((known) => path === known || path.startsWith(`${known}.`)))
    .map((path) => `${path}: not available on the embedded runner`);
}

/** The definition the runner executes, and how each Task (and each former Wait) is served. */
export function prepareMachine(aslText: string, options: PrepareOptions): PreparedMachine {
  const definition = parseAsl(substitute(aslText, options.substitutions));
  const problems = localSupportProblems(definition);
  if (problems.length > 0) throw new Error(`cannot run locally:\n  ${problems.join('\n  ')}`);
  const taskByArn = new Map(Object.entries(options.functionArns).map(([task, arn]) => [arn, task]));
  const bindings: Record<string, Binding> = {};
  const copy = structuredClone(definition);
  for (const { name, state } of allStates(copy)) {
    const binding = bindingOf(name, state, taskByArn, options.maxParkMs);
    if (!binding) continue;
    bindings[name] = binding;
    if (binding.kind === 'wait') replaceState(state, waitAsTask(state, options.maxParkMs));
    if (binding.kind === 'callback')
      state.TimeoutSeconds = callbackTimer(state.TimeoutSeconds, options.maxParkMs).seconds;
  }
  const topLevel = new Map(Object.keys(copy.States).map((name) => [name, name]));
  return { definition: copy, bindings, topLevel };
}

function bindingOf(
  name: string,
  state: AslState,
  taskByArn: ReadonlyMap<string, string>,
  maxParkMs: number,
): Binding | undefined {
  if (state.Type === 'Wait') return { kind: 'wait' };
  const task = lambdaTask(state);
  if (!task) return undefined;
  const key = taskByArn.get(task.functionRef);
  if (!key) throw new Error(`${name}: ${task.functionRef} is not a task of the workflow table`);
  if (task.integration !== 'callback') return { kind: 'lambda', task: key, integration: task.integration };
  const { library } = callbackTimer(state.TimeoutSeconds, maxParkMs);
  return {
    kind: 'callback',
    task: key,
    libraryTimeout: library,
    ...(state.TimeoutSeconds !== undefined ? { timeoutSeconds: state.TimeoutSeconds } : {}),
  };
}

/**
 * The library's timer enforces a callback's timeout when it falls within the park horizon; otherwise the
 * timer is set past the horizon (the runner suspends the park first) and the timeout is enforced on resume.
 */
function callbackTimer(remainingSeconds: number | undefined, maxParkMs: number) {
  if (remainingSeconds !== undefined && remainingSeconds * 1000 <= maxParkMs) {
    // 0 would mean "the default" to the library: time out at once instead.
    return { seconds: Math.max(remainingSeconds, 0.001), library: true };
  }
  return { seconds: maxParkMs / 1000 + TIMER_MARGIN_SECONDS, library: false };
}

/**
 * A Wait as a Task the runner serves: InputPath and OutputPath stay, Parameters hand the runner the
 * duration and the effective input, which the runner returns as the result (a Wait's output).
 */
function waitAsTask(state: AslState, maxParkMs: number): AslState {
  const { Type: _type, Seconds, Timestamp, SecondsPath, TimestampPath, ...kept } = state;
  const duration: Record<string, JsonValue> =
    Seconds !== undefined
      ? { seconds: Seconds }
      : Timestamp !== undefined
        ? { until: Timestamp }
        : SecondsPath !== undefined
          ? { 'seconds.$': SecondsPath }
          : TimestampPath !== undefined
            ? { 'until.$': TimestampPath }
            : {};
  return {
    ...kept,
    Type: 'Task',
    Resource: LOCAL_WAIT_RESOURCE,
    Parameters: { ...duration, 'input.$': '$' },
    TimeoutSeconds: maxParkMs / 1000 + TIMER_MARGIN_SECONDS,
  };
}

function replaceState(target: AslState, replacement: AslState): void {
  for (const field of Object.keys(target)) delete target[field];
  Object.assign(target, replacement);
}

/**
 * The machine that resumes an execution at `state` with the state's saved input. A parked state
 * (its park saved for this very state) resumes through an alias carrying the park; others simply
 * become StartAt and run again from their start (at least once, as Step Functions runs tasks).
 */
export function resumeMachine(
  prepared: PreparedMachine,
  at: { state: string; park?: Park; now: Date; maxParkMs: number },
): PreparedMachine {
  const original = prepared.definition.States[at.state];
  if (!original) throw new Error(`state ${at.state} is not in the definition`);
  const binding = prepared.bindings[at.state];
  const resumed =
    at.park?.state === at.state ? aliasBinding(binding, at.park, at.now, at.maxParkMs) : undefined;
  if (!resumed) return { ...prepared, definition: { ...prepared.definition, StartAt: at.state } };

  const alias = aliasName(prepared.definition, at.state);
  const state: AslState = structuredClone(original);
  if (resumed.timeoutSeconds !== undefined) state.TimeoutSeconds = resumed.timeoutSeconds;
  return {
    definition: {
      ...prepared.definition,
      StartAt: alias,
      States: { ...prepared.definition.States, [alias]: state },
    },
    bindings: { ...prepared.bindings, [alias]: resumed.binding },
    topLevel: new Map([...prepared.topLevel, [alias, at.state]]),
  };
}

function aliasBinding(
  binding: Binding | undefined,
  park: Park,
  now: Date,
  maxParkMs: number,
): { binding: Binding; timeoutSeconds?: number } | undefined {
  if (binding?.kind === 'wait' && park.waitUntil) {
    return { binding: { kind: 'wait', resumeUntil: park.waitUntil } };
  }
  if (binding?.kind === 'callback' && park.token && (park.invoked || park.outcome)) {
    const remaining = park.timeoutAt ? (Date.parse(park.timeoutAt) - now.getTime()) / 1000 : undefined;
    const timer = callbackTimer(remaining, maxParkMs);
    const resume = {
      token: park.token,
      ...(park.timeoutAt ? { timeoutAt: park.timeoutAt } : {}),
      ...(park.outcome ? { outcome: park.outcome } : {}),
    };
    return { binding: { ...binding, libraryTimeout: timer.library, resume }, timeoutSeconds: timer.seconds };
  }
  return undefined;
}

function aliasName(definition: AslDefinition, state: string): string {
  let alias = `${state} (resumed)`;
  while (alias in definition.States) alias = `${alias}'`;
  return alias;
}

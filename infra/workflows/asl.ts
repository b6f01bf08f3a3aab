/**
 * Reading the workflow ASL files (JSONPath Amazon States Language) for the three places that use them:
 * the CDK construct, the embedded runner, and the tests that hold every file to the house rules. Pure.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESERVED_SUBSTITUTIONS, type WorkflowDef } from '#functions/workflows';
import { TRANSIENT_ERRORS } from '#shared/adapters/sfn/task-errors';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}

export type StateType = 'Task' | 'Parallel' | 'Map' | 'Pass' | 'Wait' | 'Choice' | 'Succeed' | 'Fail';

/** The fields this code reads; anything else a state holds is carried along untouched. */
export interface AslState {
  Type: StateType;
  Comment?: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  Parameters?: JsonValue;
  InputPath?: string | null;
  OutputPath?: string | null;
  ResultPath?: string | null;
  Retry?: Retrier[];
  Catch?: Catcher[];
  TimeoutSeconds?: number;
  Seconds?: number;
  Timestamp?: string;
  SecondsPath?: string;
  TimestampPath?: string;
  Branches?: AslDefinition[];
  Iterator?: AslDefinition;
  ItemProcessor?: AslDefinition;
  [field: string]: unknown;
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  Comment?: string;
  [field: string]: unknown;
}

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The ASL file of a workflow table entry, as text (substitutions still in place). */
export function readAslText(def: Pick<WorkflowDef, 'asl'>): string {
  return readFileSync(path.join(repoRoot, def.asl), 'utf8');
}

export function parseAsl(text: string): AslDefinition {
  const parsed: unknown = JSON.parse(text);
  if (!isObject(parsed) || typeof parsed.StartAt !== 'string' || !isObject(parsed.States)) {
    throw new Error('not an ASL definition: StartAt and States are required');
  }
  return parsed as unknown as AslDefinition;
}

const SUBSTITUTION = /\$\{([A-Za-z0-9_]+)\}/g;

/** Every `${Key}` the text uses, sorted. */
export function substitutionKeys(text: string): string[] {
  return [...new Set([...text.matchAll(SUBSTITUTION)].map((match) => match[1] as string))].sort();
}

/** Replaces every `${Key}` as plain text, as DefinitionSubstitutions does; an unknown key throws. */
export function substitute(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(SUBSTITUTION, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`no value for the substitution \${${key}}`);
    return value;
  });
}

export interface StateRef {
  name: string;
  state: AslState;
  /** A state of the machine itself, not of a Parallel branch or a Map iteration. */
  topLevel: boolean;
}

/** Every state, Parallel branches and Map processors included, depth first. */
export function allStates(definition: AslDefinition, topLevel = true): StateRef[] {
  return Object.entries(definition.States).flatMap(([name, state]) => [
    { name, state, topLevel },
    ...nestedMachines(state).flatMap((nested) => allStates(nested, false)),
  ]);
}

function nestedMachines(state: AslState): AslDefinition[] {
  return [...(state.Branches ?? []), ...[state.Iterator, state.ItemProcessor].filter(isDefinition)];
}

const isDefinition = (value: unknown): value is AslDefinition => isObject(value) && isObject(value.States);

export type LambdaIntegration = 'direct' | 'invoke' | 'callback';

export interface LambdaTask {
  integration: LambdaIntegration;
  /** The function as the definition names it: `${Key}` before substitution, an ARN after. */
  functionRef: string;
}

const SERVICE_INTEGRATION = /^arn:[^:]+:states:::(.+)$/;
const LAMBDA_INTEGRATIONS: Record<string, LambdaIntegration> = {
  'lambda:invoke': 'invoke',
  'lambda:invoke.waitForTaskToken': 'callback',
};

/**
 * How a Task state calls its function: its Resource is the function itself (`direct`), or the
 * `lambda:invoke` integration with the function in Parameters.FunctionName, optionally as a callback.
 * Undefined for anything else (another service, an activity).
 */
export function lambdaTask(state: AslState): LambdaTask | undefined {
  if (state.Type !== 'Task' || typeof state.Resource !== 'string') return undefined;
  const integration = SERVICE_INTEGRATION.exec(state.Resource)?.[1];
  if (integration === undefined) return { integration: 'direct', functionRef: state.Resource };
  const kind = LAMBDA_INTEGRATIONS[integration];
  const functionName = isObject(state.Parameters) ? state.Parameters.FunctionName : undefined;
  if (!kind || typeof functionName !== 'string') return undefined;
  return { integration: kind, functionRef: functionName };
}

/** The `${Key}` a task's function reference holds, if it is exactly one substitution. */
export function substitutionKeyOf(functionRef: string): string | undefined {
  return /^\$\{([A-Za-z0-9_]+)\}$/.exec(functionRef)?.[1];
}

/**
 * The house rules of architecture.md for one workflow: every Task retries the transient errors and has a
 * Catch for everything, and the ASL and the table name the same tasks. Empty when the file complies.
 */
export function houseRuleViolations(def: Pick<WorkflowDef, 'tasks'>, text: string): string[] {
  const definition = parseAsl(text);
  const problems: string[] = [];
  for (const { name, state } of allStates(definition)) {
    if (state.Type !== 'Task') continue;
    const retried = new Set((state.Retry ?? []).flatMap((retrier) => retrier.ErrorEquals));
    const missing = TRANSIENT_ERRORS.filter((error) => !retried.has(error));
    if (missing.length > 0) problems.push(`${name}: no Retry for ${missing.join(', ')}`);
    if (!(state.Catch ?? []).some((catcher) => catcher.ErrorEquals.includes('States.ALL'))) {
      problems.push(`${name}: no Catch for States.ALL`);
    }
    const task = lambdaTask(state);
    const key = task && substitutionKeyOf(task.functionRef);
    if (!key) problems.push(`${name}: not a Lambda task of the workflow table (\${Key} as its function)`);
    else if (!(key in def.tasks)) problems.push(`${name}: \${${key}} is not a task of the workflow table`);
  }
  const declared = new Set<string>([...Object.keys(def.tasks), ...RESERVED_SUBSTITUTIONS]);
  const used = substitutionKeys(text);
  for (const key of used) if (!declared.has(key)) problems.push(`\${${key}} is neither a task nor reserved`);
  for (const key of Object.keys(def.tasks))
    if (!used.includes(key)) problems.push(`task ${key} is never used`);
  return problems;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

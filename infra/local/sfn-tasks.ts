/**
 * Calling a workflow task's handler module in-process, as Lambda would for Step Functions: a fresh event
 * (the JSON the state sends), a Lambda context, the result serialized as Lambda serializes it, and a
 * thrown error reported the way Step Functions sees it (Error = errorType, Cause = the error JSON), so
 * Retry, Catch and the failure-recording tasks see the same values on both runtimes.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowTaskDef } from '#functions/workflows';
import type { JsonValue } from '#infra/workflows/asl';
import type { HandlerLoader } from '#infra/local/handlers';
import { lambdaContext } from '#infra/local/lambda-context';

/** The house function's default timeout (infra/constructs/house-function.ts); what the context reports. */
const TASK_TIMEOUT_MS = 10_000;

/** A function error as Step Functions reports it: `name` is the Lambda errorType, `message` the Cause. */
export class LambdaFunctionError extends Error {
  constructor(errorType: string, errorMessage: string, trace: readonly string[] = []) {
    super(JSON.stringify({ errorType, errorMessage, trace }));
    this.name = errorType;
  }
}

export interface TaskInvoker {
  invoke(task: string, event: JsonValue): Promise<JsonValue>;
  /** Resolves once no invocation is running (the runner waits for them when it stops). */
  idle(): Promise<void>;
}

export function taskInvoker(options: {
  workflow: string;
  tasks: Readonly<Record<string, WorkflowTaskDef>>;
  loadHandler: HandlerLoader;
}): TaskInvoker {
  const inFlight = new Set<Promise<unknown>>();

  async function call(task: string, event: JsonValue): Promise<JsonValue> {
    const def = options.tasks[task];
    if (!def) throw new LambdaFunctionError('Lambda.ResourceNotFoundException', `no task ${task}`);
    let handler;
    try {
      handler = await options.loadHandler(def.handler);
    } catch (error) {
      throw new LambdaFunctionError('Runtime.ImportModuleError', describe(error));
    }
    const context = lambdaContext({
      functionName: `${options.workflow}-${task}`,
      requestId: randomUUID(),
      timeoutMs: TASK_TIMEOUT_MS,
    });
    try {
      // Lambda hands each invocation its own copy of the event and returns the JSON of the result.
      return asLambdaResult(await handler(structuredClone(event), context));
    } catch (error) {
      throw toFunctionError(error);
    }
  }

  return {
    invoke(task, event) {
      const invocation = call(task, event);
      inFlight.add(invocation);
      void invocation.catch(() => undefined).finally(() => inFlight.delete(invocation));
      return invocation;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/** `undefined` becomes null, dates become strings, and so on: JSON.stringify is what Lambda applies. */
function asLambdaResult(result: unknown): JsonValue {
  return JSON.parse(JSON.stringify(result ?? null)) as JsonValue;
}

function toFunctionError(error: unknown): LambdaFunctionError {
  if (error instanceof Error) {
    const trace = (error.stack ?? '')
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
    return new LambdaFunctionError(error.name, error.message, trace);
  }
  return new LambdaFunctionError('Error', String(error));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

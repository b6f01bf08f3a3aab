/**
 * Small pieces of the embedded workflow runner (infra/local/sfn-runner.ts) that need none of its state:
 * the errors it throws into the library, and timing and JSON helpers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { JsonValue } from '#infra/workflows/asl';
import { RFC3339 } from '#infra/local/sfn-definition';

// aws-local-stepfunctions reads `isRetryable` / `isCatchable` off any thrown error (default true).

/** Thrown into a run that was suspended or stopped: neither retried nor caught, and never observed. */
export class RunAborted extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor() {
    super('run aborted');
    this.name = 'States.Runtime';
  }
}

/** States.Runtime as Step Functions raises it: not retryable, not catchable. */
export class RuntimeFailure extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor(message: string) {
    super(message);
    this.name = 'States.Runtime';
  }
}

/** A callback failed through SendTaskFailure: Error and Cause as the caller gave them. */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/** A promise with its resolve at hand (Promise.withResolvers is ES2024; the project targets ES2023). */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** When a Wait ends, from what its Parameters handed the runner (`until` or `seconds`), with its checks. */
export function waitEnd(request: { until?: JsonValue; seconds?: JsonValue }): Date {
  if (request.until !== undefined) {
    if (typeof request.until !== 'string' || !RFC3339.test(request.until)) {
      throw new RuntimeFailure(`the wait's timestamp ${JSON.stringify(request.until)} is not RFC 3339`);
    }
    return new Date(request.until);
  }
  if (typeof request.seconds === 'number' && Number.isInteger(request.seconds) && request.seconds >= 0) {
    return new Date(Date.now() + request.seconds * 1000);
  }
  throw new RuntimeFailure(`the wait's seconds ${JSON.stringify(request.seconds)} are not an integer ≥ 0`);
}

/** What lambda:invoke hands the function: the task input's Payload. */
export function payloadOf(input: JsonValue): JsonValue {
  return typeof input === 'object' && input !== null && !Array.isArray(input)
    ? (input.Payload ?? null)
    : null;
}

/** Every string in a JSON value (a callback's input is searched for the token it was issued). */
export function stringsIn(value: JsonValue): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** Resolves true at `at`, or false if `signal` aborts first; any distance (setTimeout caps one wait at 24.8 days). */
export async function sleepUntil(at: Date, signal: AbortSignal): Promise<boolean> {
  const MAX_TIMER_MS = 2 ** 31 - 1;
  for (;;) {
    if (signal.aborted) return false;
    const remaining = at.getTime() - Date.now();
    if (remaining <= 0) return true;
    try {
      await sleep(Math.min(remaining, MAX_TIMER_MS), undefined, { signal });
    } catch {
      return false;
    }
  }
}

/** An execution's Error and Cause from what the library's run rejected with. */
export function failureOf(error: unknown): { error: string; cause: string } {
  // The library wraps the state's error: its name is the ASL Error, its message the Cause.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) return { error: cause.name, cause: cause.message };
  return { error: 'States.Runtime', cause: String(cause) };
}

/** Serializes saves of one execution: a request during a save triggers one more, of the newest state. */
export function coalesced(save: () => Promise<void>, onError: (error: unknown) => void): () => Promise<void> {
  let current: Promise<void> | undefined;
  let again = false;
  const loop = async () => {
    try {
      do {
        again = false;
        try {
          await save();
        } catch (error) {
          onError(error);
        }
      } while (again);
    } finally {
      current = undefined;
    }
  };
  return () => {
    if (current) {
      again = true;
      return current;
    }
    current = loop();
    return current;
  };
}

export function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

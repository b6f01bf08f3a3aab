/** Helpers for tests against the embedded stack started by embedded-stack.global.ts. */
import { inject } from 'vitest';
import type { Role } from '#functions/routes';
import { signDevToken, type DevTokenOptions } from '#infra/local/jwt';
import type { StackInfo } from './stack-info';

export function stackInfo(): StackInfo {
  return inject('stack');
}

/** A dev token for `role`, minted exactly like `npm run token`. */
export function token(role: Role, options: Omit<DevTokenOptions, 'keysDir' | 'role'> = {}): Promise<string> {
  return signDevToken({ keysDir: stackInfo().keysDir, role, ...options });
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  /** Parsed body when the response is JSON (including problem+json), else undefined. */
  json: T;
  text: string;
}

export interface ApiOptions {
  token?: string;
  /** Objects are sent as JSON; strings and bytes as they are. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** How often a rate-limited request is sent again before its 429 is returned. */
const RATE_LIMIT_RETRIES = 10;

/**
 * fetch that waits out a 429's Retry-After, sending a fresh copy of the request each time, as a well-behaved client
 * does (issue 11 §3: a contractor's or portal's writes are limited per caller, and the tests' callers write in
 * bursts). `api()` and the typed client (api-client.ts) both call through it.
 */
export async function fetchWaitingOutRateLimit(request: Request): Promise<Response> {
  let response = await fetch(request.clone());
  for (let retry = 0; retry < RATE_LIMIT_RETRIES; retry++) {
    const retryAfter = Number(response.headers.get('retry-after'));
    if (response.status !== 429 || !(retryAfter > 0)) break;
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    response = await fetch(request.clone());
  }
  return response;
}

/** One HTTP call to the local gateway. */
export async function api<T = unknown>(
  method: string,
  path: string,
  options: ApiOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined;
  if (typeof options.body === 'string' || options.body instanceof Uint8Array) {
    body = options.body;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetchWaitingOutRateLimit(
    new Request(new URL(path, stackInfo().baseUrl), { method, headers, body }),
  );
  const text = await response.text();
  const isJson = /[/+]json\b/.test(response.headers.get('content-type') ?? '');
  return {
    status: response.status,
    headers: response.headers,
    json: (isJson && text ? JSON.parse(text) : undefined) as T,
    text,
  };
}

/** How long waitFor polls by default: a deadline for a failure to be reported, not a timing the test asserts. */
const WAIT_FOR_MS = 15_000;

/**
 * Polls `check` until it returns something other than undefined/null/false without throwing — for effects
 * that happen asynchronously in the stack, such as the document verifier after an upload. The default deadline is
 * generous: on two loaded cores an effect can take seconds, and an answer that came comes as soon as it comes.
 *
 * When the deadline passes, the error says what was waited for (the check's source), how long and how many times
 * it was checked, and what the last check saw: its value, or the message of what it threw (then also the error's
 * `cause`), so a flake can be read from CI's log. A check that only answers "not yet" (false, undefined) tells
 * nothing more; one that throws an Error describing what it saw (it is retried like any error) is reported.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<Exclude<T, undefined | null | false>> {
  const timeoutMs = options.timeoutMs ?? WAIT_FOR_MS;
  const started = Date.now();
  let checks = 0;
  let last: { value: unknown } | { error: unknown };
  for (;;) {
    checks += 1;
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false)
        return value as Exclude<T, undefined | null | false>;
      last = { value };
    } catch (error) {
      last = { error };
    }
    const elapsed = Date.now() - started;
    if (elapsed > timeoutMs) throw waitedInVain(check, { timeoutMs, elapsed, checks }, last);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

/** The most of a check's source and of a value a timeout's message quotes. */
const QUOTED_CHARS = 600;

const quoted = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTED_CHARS ? `${flat.slice(0, QUOTED_CHARS)}…` : flat;
};

function shown(value: unknown): string {
  if (value === undefined || typeof value === 'function') return String(value);
  try {
    return quoted(JSON.stringify(value));
  } catch {
    return quoted(String(value));
  }
}

function waitedInVain(
  check: () => unknown,
  figures: { timeoutMs: number; elapsed: number; checks: number },
  last: { value: unknown } | { error: unknown },
): Error {
  const seen =
    'error' in last
      ? `the last check threw: ${last.error instanceof Error ? quoted(`${last.error.name}: ${last.error.message}`) : shown(last.error)}`
      : `the last check answered ${shown(last.value)}`;
  return new Error(
    `waitFor: not met within ${figures.timeoutMs} ms (${figures.checks} checks over ${figures.elapsed} ms); ` +
      `${seen}; waited for: ${quoted(check.toString())}`,
    'error' in last ? { cause: last.error } : undefined,
  );
}

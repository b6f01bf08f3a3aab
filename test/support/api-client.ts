/**
 * A client of the embedded stack typed by the OpenAPI document (issue 12 §4): openapi-fetch over
 * test/support/openapi-types.ts, which infra/openapi/client-types.ts generates from GET /openapi.json. A path,
 * a parameter, a header, a request body or a response field the contract does not declare is a type error in the
 * test that uses it, so the e2e tests and the contract cannot drift apart.
 *
 * Like stack-client.ts `api()`, a 429 with Retry-After is waited out and the request sent again, as a well-behaved
 * portal does (issue 11 §3: contractors' and portals' writes are limited per caller, and tests write in bursts).
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './openapi-types';
import { stackInfo } from './stack-client';

export type { components, paths } from './openapi-types';
/** A component schema of the contract by name, e.g. `Schema<'Project'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type ApiClient = Client<paths>;

/** How often a rate-limited request is sent again before its 429 is returned (as stack-client.ts). */
const RATE_LIMIT_RETRIES = 10;

/** fetch that waits out a 429's Retry-After, sending a fresh copy of the request each time. */
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

export interface ApiClientOptions {
  /** `false` to see a 429 itself instead of waiting it out. */
  waitOutRateLimit?: boolean;
}

/** A typed client of the stack the tests started, calling as the holder of `token` (none: anonymous). */
export function apiClient(token?: string, options: ApiClientOptions = {}): ApiClient {
  return createClient<paths>({
    baseUrl: stackInfo().baseUrl,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    fetch: options.waitOutRateLimit === false ? (request) => fetch(request) : fetchWaitingOutRateLimit,
  });
}

/**
 * The body of a successful answer, or an error naming the status and the problem: for the steps of a test that
 * are setup, where anything but success means the test cannot go on.
 */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined || !result.response.ok) {
    throw new Error(
      `${result.response.url} answered ${result.response.status}: ${JSON.stringify(result.error ?? null)}`,
    );
  }
  return result.data;
}

/**
 * The problem of a refused answer: an error unless the answer is `application/problem+json` (the contract also
 * declares the gateway's own `{"message":"Unauthorized"}` 401, which is plain JSON and names no field).
 */
export function problem(result: { error?: unknown; response: Response }): Schema<'Problem'> {
  const type = result.response.headers.get('content-type') ?? '';
  if (result.error === undefined || !type.includes('application/problem+json')) {
    throw new Error(`${result.response.url} answered ${result.response.status} ${type}, not a problem`);
  }
  return result.error as Schema<'Problem'>;
}

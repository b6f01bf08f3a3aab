/**
 * A client of the embedded stack typed by the OpenAPI document (issue 12 §4): openapi-fetch over
 * test/support/openapi-types.ts, which infra/openapi/client-types.ts generates from GET /openapi.json. A path,
 * a parameter, a header, a request body or a response field the contract does not declare is a type error in the
 * test that uses it, so the e2e tests and the contract cannot drift apart.
 *
 * Like stack-client.ts `api()`, a 429 with Retry-After is waited out and the request sent again
 * (stack-client.ts fetchWaitingOutRateLimit).
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './openapi-types';
import { fetchWaitingOutRateLimit, stackInfo } from './stack-client';

export type { components, paths } from './openapi-types';
/** A component schema of the contract by name, e.g. `Schema<'Project'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type ApiClient = Client<paths>;

/** A typed client of the stack the tests started, calling as the holder of `token` (none: anonymous). */
export function apiClient(token?: string): ApiClient {
  return createClient<paths>({
    baseUrl: stackInfo().baseUrl,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    fetch: fetchWaitingOutRateLimit,
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

/**
 * The one way to handle a request: parse (zod), authorize (role from the route table), honour
 * Idempotency-Key / If-Match, call the use case, map the result. Errors become problem+json here only.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from '#shared/schemas/zod';
import type { Schema } from '#shared/schemas/zod';
import type { RouteDef } from '#shared/http/route-def';
import type { Actor } from '#shared/domain/audit-chain';
// Issue 12 §2: an Idempotency-Key compares the parsed body in the audit chain's canonical form (keys sorted at
// every depth), so other spacing or another key order is the same request.
import { canonicalJson } from '#shared/domain/audit-chain';
import { createHash } from 'node:crypto';
import type { ExtraWrite } from '#shared/adapters/dynamodb/record-store';
import type { IdempotencyClaim, StoredOutcome } from '#shared/adapters/dynamodb/idempotency';
import type { DelegationLookup } from '#shared/adapters/dynamodb/delegations';
import { delegationRefusal } from '#shared/domain/delegation';
import { IdempotencyReplay } from '#shared/adapters/idempotency-replay';
import type { Principal } from './principal';
import { ON_BEHALF_OF_HEADER, principalFromClaims } from './principal';
import {
  HttpProblem,
  fieldError,
  fromZod,
  internalError,
  invalidRequest,
  problemResponse,
  toProblem,
} from './problem';
import { logger } from './logger';
import { perCallerLimit, type TakeToken } from './rate-limit';
import { limitedPerCaller } from './route-def';
import { RECORD_ID_PATTERN } from '#shared/domain/ids';
import { locationOf } from './location';

type Infer<S> = S extends Schema ? z.output<S> : undefined;
type RequestSchemas<R extends RouteDef> = NonNullable<R['request']>;

export interface ApiRequest<R extends RouteDef> {
  params: Infer<RequestSchemas<R>['params']>;
  query: Infer<RequestSchemas<R>['query']>;
  body: Infer<RequestSchemas<R>['body']>;
  /** Present on every non-public route. */
  principal: R['auth'] extends 'public' ? Principal | undefined : Principal;
  actor: Actor;
  /**
   * The version the caller read (If-Match), on conditional routes; on a create-or-replace PUT, `null` when the
   * caller sent `If-None-Match: *` (create, the record must not exist yet).
   */
  ifMatch: R['conditional'] extends true
    ? number
    : R['conditional'] extends 'create-or-replace'
      ? number | null
      : undefined;
  /** Items that record this request's outcome under its Idempotency-Key, for the use case's transaction. */
  remember: (response: ApiResponse) => ExtraWrite[];
  now: Date;
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** Record version, sent as a strong ETag. */
  version?: number;
  headers?: Record<string, string>;
  /** Raw body for non-JSON responses (HTML, pre-serialized JSON). */
  raw?: string;
}

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = APIGatewayProxyStructuredResultV2;

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

function parsePart<S extends Schema | undefined>(
  schema: S,
  value: unknown,
  location: 'body' | 'query' | 'path',
) {
  if (!schema) {
    // Issue 12 §3, nothing lost: an operation that reads no query refuses a parameter rather than ignore it.
    const names = location === 'query' && value ? Object.keys(value) : [];
    if (names.length > 0) {
      throw invalidRequest(
        names.map((name) => fieldError('query', [name], 'unknown parameter: this operation takes none')),
      );
    }
    return undefined;
  }
  // No path or query parameters at all arrive as undefined; a JSON body of `null` is a body, and not an object.
  const parsed = schema.safeParse(location === 'body' ? value : (value ?? {}));
  // The schema lets the problem suggest the field an unknown one most likely meant (`validUntill` → `validUntil`).
  if (!parsed.success) throw fromZod(location, parsed.error, schema);
  return parsed.data;
}

/**
 * Issue 12 §3, nothing lost: an operation without a request body (submit, approve, sign…) refuses one that says
 * something, instead of dropping it; no body, an empty one or `{}` is fine.
 */
function refuseUnreadBody(event: Event): void {
  if (!/^\s*(?:\{\s*\})?\s*$/.test(bodyText(event))) {
    throw invalidRequest([fieldError('body', [], 'this operation takes no body: send none')]);
  }
}

/** The request body as text (API Gateway base64-encodes what it does not take for text). */
const bodyText = (event: Event): string =>
  event.body === undefined
    ? ''
    : event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body;

function readJsonBody(event: Event): unknown {
  if (!event.body) throw invalidRequest([fieldError('body', [], 'a JSON body is required')]);
  const contentType = event.headers['content-type'] ?? '';
  if (!JSON_TYPE.test(contentType)) {
    throw new HttpProblem(415, 'Unsupported Media Type', 'send the body as application/json');
  }
  try {
    return JSON.parse(bodyText(event));
  } catch {
    throw invalidRequest([fieldError('body', [], 'the body is not valid JSON')]);
  }
}

/**
 * Issue 12 §1: `On-Behalf-Of: <contractorId>` is a partner portal's, on a delegable route only; anyone else
 * sending it is refused rather than ignored, so nobody believes they acted for a contractor when they did not.
 */
function onBehalfOf(route: RouteDef, principal: Principal, value: string): string {
  if (principal.role !== 'portal') {
    throw new HttpProblem(
      403,
      'Forbidden',
      `only a partner portal acts on behalf of a contractor: the ${principal.role} role may not send ${ON_BEHALF_OF_HEADER}`,
    );
  }
  if (!route.delegable) {
    throw new HttpProblem(
      403,
      'Forbidden',
      `a portal may not act for a contractor on ${route.method} ${route.path}: the route is not delegable (docs/delegations.md)`,
    );
  }
  const contractorId = value.trim();
  if (!RECORD_ID_PATTERN.test(contractorId)) {
    throw invalidRequest([
      fieldError('header', [ON_BEHALF_OF_HEADER], 'must be the id of the contractor the portal acts for'),
    ]);
  }
  return contractorId;
}

/**
 * The caller and, when a portal names one, the contractor it acts for (checked against its delegation once the
 * request is valid: `actFor`).
 */
function authorize(route: RouteDef, event: Event): { caller: Principal | undefined; forContractor?: string } {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  const principal = claims ? principalFromClaims(claims) : undefined;
  if (route.auth === 'public') return { caller: principal };
  if (!principal) throw new HttpProblem(401, 'Unauthorized', 'a valid bearer token with a role is required');
  const named = event.headers[ON_BEHALF_OF_HEADER.toLowerCase()];
  if (named !== undefined) return { caller: principal, forContractor: onBehalfOf(route, principal, named) };
  if (!route.auth.includes(principal.role)) {
    throw new HttpProblem(
      403,
      'Forbidden',
      `the ${principal.role} role may not ${route.method} ${route.path}`,
    );
  }
  return { caller: principal };
}

/** What the audit entries name: the caller, and for a portal acting for a contractor both (issue 12 §1). */
function actorOf(principal: Principal | undefined): Actor {
  if (!principal) return { sub: 'anonymous', role: 'public' };
  if (principal.via && principal.contractorId) {
    return {
      sub: principal.via.portal,
      role: 'portal',
      onBehalfOf: { contractorId: principal.contractorId, scope: principal.via.scope },
    };
  }
  return { sub: principal.sub, role: principal.role };
}

function readIfMatch(event: Event, createOrReplace = false): number | null {
  const header = event.headers['if-match'];
  const noneMatch = createOrReplace ? event.headers['if-none-match'] : undefined;
  if (noneMatch !== undefined) {
    if (header !== undefined) {
      throw invalidRequest([
        fieldError(
          'header',
          ['If-None-Match'],
          'send either If-None-Match: * (create) or If-Match (replace), not both',
        ),
      ]);
    }
    if (noneMatch.trim() !== '*') {
      throw invalidRequest([
        fieldError('header', ['If-None-Match'], 'must be * (create only if it does not exist yet)'),
      ]);
    }
    return null;
  }
  if (header === undefined) {
    throw new HttpProblem(
      428,
      'Precondition Required',
      createOrReplace
        ? 'send If-Match with the ETag you read to replace it, or If-None-Match: * to create it'
        : 'send If-Match with the ETag you read',
      {
        errors: [
          fieldError(
            'header',
            ['If-Match'],
            createOrReplace ? 'required to replace (If-None-Match: * to create)' : 'required on updates',
          ),
        ],
      },
    );
  }
  const match = /^(W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw invalidRequest([fieldError('header', ['If-Match'], 'must be an ETag such as "3"')]);
  // RFC 9110: If-Match compares strongly, so a weak tag never matches.
  if (match[1])
    throw new HttpProblem(
      412,
      'Precondition Failed',
      'If-Match needs the strong ETag you read, not a weak one',
    );
  return Number(match[2]);
}

function toResult(route: RouteDef, rawPath: string, response: ApiResponse, replayed = false): Result {
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...response.headers };
  if (response.version !== undefined) headers.etag = `"${response.version}"`;
  // Issue 12 §4: a 201 says where the record is read, on the first answer and on a replay alike.
  if (response.status === 201) {
    const location = locationOf(route, rawPath, response.body);
    if (location) headers.location ??= location;
  }
  if (replayed) headers['idempotency-replayed'] = 'true';
  if (response.raw !== undefined) return { statusCode: response.status, headers, body: response.raw };
  headers['content-type'] ??= 'application/json';
  return { statusCode: response.status, headers, body: JSON.stringify(response.body) };
}

/** Where creating routes remember outcomes; injected so functions without such routes bundle no DynamoDB client. */
export interface IdempotencyStore {
  find(scope: string, key: string): Promise<StoredOutcome | undefined>;
  claim(scope: string, key: string, hash: string, now: Date): IdempotencyClaim;
}

const requestHash = (json: unknown) =>
  createHash('sha256')
    .update(json === undefined ? '' : canonicalJson(json))
    .digest('hex');

export interface ApiOptions<R extends RouteDef> {
  idempotency?: IdempotencyStore;
  /**
   * How a replay answers when the first answer held something that must not be stored (issue 11 §4: a presigned
   * upload form is a credential to write, so idempotency records never keep a live one): the route remembers its
   * answer without it, and this builds the answer again from what was remembered, for the same caller.
   */
  replay?: (remembered: ApiResponse, request: ApiRequest<R>) => Promise<ApiResponse>;
  /**
   * The per-caller bucket (shared/adapters/dynamodb/rate-buckets.ts takeToken), required by the routes limited per
   * caller (route-def.ts limitedPerCaller) and injected like the idempotency store, so a function whose route is
   * never limited bundles no DynamoDB client for it (issue 9 §3 sizes; issue 11 §3).
   */
  rateLimit?: TakeToken;
  /**
   * Issue 12 §1: how a delegable route (`RouteDef.delegable`) finds the delegation of the contractor a portal acts
   * for (shared/adapters/dynamodb/delegations.ts findDelegation), injected like the rate limiter so a function
   * without a delegable route bundles no DynamoDB client for it.
   */
  delegations?: DelegationLookup;
}

export function api<R extends RouteDef>(
  route: R,
  run: (request: ApiRequest<R>) => Promise<ApiResponse>,
  options: ApiOptions<R> = {},
) {
  const store = options.idempotency;
  if (route.idempotent && !store)
    throw new Error(`${route.method} ${route.path} is idempotent: pass an idempotency store`);

  // Issue 11 §3: a token from the caller's own bucket once the request is authorized and valid (429 past it).
  if (limitedPerCaller(route) && !options.rateLimit)
    throw new Error(`${route.method} ${route.path} is limited per caller: pass a rate limiter`);
  // Issue 12 §1: a portal acts On-Behalf-Of a contractor on every delegable route, so each must read delegations.
  // A portal acting On-Behalf-Of runs as the contractor, so a delegable route must be one a contractor may call.
  if (route.delegable && (route.auth === 'public' || !route.auth.includes('contractor')))
    throw new Error(`${route.method} ${route.path} is delegable but not a contractor's route`);
  if (route.delegable && !options.delegations)
    throw new Error(
      `${route.method} ${route.path} is delegable: pass the delegation lookup (findDelegation)`,
    );
  const limitCaller = options.rateLimit ? perCallerLimit(route, options.rateLimit) : undefined;

  /**
   * Issue 12 §1: the portal acts as the contractor on this route only with the contractor's live delegation of the
   * route's scope; otherwise 403 with the reason (none, revoked, expired, another scope). The portal learns only
   * about its own delegation: the answer for a contractor that does not exist is the same as for one that never
   * delegated to it.
   */
  const actFor = async (portal: Principal, contractorId: string, now: Date): Promise<Principal> => {
    const scope = route.delegable;
    const lookup = options.delegations;
    // Unreachable: a route that is not delegable refused On-Behalf-Of already, and a delegable one has its lookup.
    if (!scope || !lookup) throw new Error(`${route.method} ${route.path}: no delegation lookup`);
    const refusal = delegationRefusal(await lookup(contractorId, portal.sub), scope, now, contractorId);
    if (refusal) {
      throw new HttpProblem(403, 'Forbidden', refusal, { type: 'urn:assistance:problem:delegation' });
    }
    return { sub: portal.sub, role: 'contractor', contractorId, via: { portal: portal.sub, scope } };
  };

  async function handle(event: Event): Promise<Result> {
    const { caller, forContractor } = authorize(route, event);
    const params = parsePart(route.request?.params, event.pathParameters, 'path');
    // A public static document (the reference page, its renderer, the OpenAPI document) reads no parameters and
    // ignores them, as a static file server does: the page links its renderer with `?v=<version>` to bust caches.
    const staticDocument = route.auth === 'public' && route.response.body === null;
    const query = staticDocument
      ? undefined
      : parsePart(route.request?.query, event.queryStringParameters, 'query');
    if (!route.request?.body) refuseUnreadBody(event);
    const json = route.request?.body ? readJsonBody(event) : undefined;
    const body = route.request?.body ? parsePart(route.request.body, json, 'body') : undefined;
    const ifMatch = route.conditional
      ? readIfMatch(event, route.conditional === 'create-or-replace')
      : undefined;
    const now = new Date();

    const key = route.idempotent ? event.headers['idempotency-key'] : undefined;
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw invalidRequest([
        fieldError('header', ['Idempotency-Key'], '8-128 characters of A-Z a-z 0-9 _ . : -'),
      ]);
    }
    // A portal acting for a contractor is limited as the portal (its own bucket, by its sub), before the lookup.
    const limited = limitCaller ? await limitCaller(caller, now, event.rawPath) : undefined;
    if (limited) return limited;
    const principal =
      caller && forContractor !== undefined ? await actFor(caller, forContractor, now) : caller;
    // Per caller (and contractor acted for) and per resource path: the same key on another contractor's documents,
    // or for another contractor on the same project's bid, is another request.
    const callerKey = principal?.via
      ? `${principal.sub}>${principal.contractorId}`
      : (principal?.sub ?? 'anonymous');
    const scope = `${callerKey}#${route.method} ${event.rawPath}`;
    const hash = requestHash(json);
    const idempotency = key && store ? store.claim(scope, key, hash, now) : undefined;
    const request = {
      params,
      query,
      body,
      principal,
      actor: actorOf(principal),
      ifMatch,
      remember: (response: ApiResponse) => (idempotency ? [idempotency.write(response)] : []),
      now,
      event,
    } as ApiRequest<R>;
    const replay = async (): Promise<Result | undefined> => {
      const outcome = key && store ? await store.find(scope, key) : undefined;
      if (!outcome) return undefined;
      if (outcome.requestHash !== hash) {
        throw new HttpProblem(
          422,
          'Idempotency-Key reused',
          'this Idempotency-Key was used with a different body',
          {
            errors: [fieldError('header', ['Idempotency-Key'], 'already used for another request')],
          },
        );
      }
      const remembered = outcome.result as ApiResponse;
      return toResult(
        route,
        event.rawPath,
        options.replay ? await options.replay(remembered, request) : remembered,
        true,
      );
    };
    const earlier = await replay();
    if (earlier) return earlier;

    try {
      return toResult(route, event.rawPath, await run(request));
    } catch (error) {
      // A concurrent request with the same key committed first: answer as it did.
      if (error instanceof IdempotencyReplay) return (await replay()) ?? internalError();
      throw error;
    }
  }

  return middy<Event, Result, Error, Context>(handle, { timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger))
    .use({
      onError: async (request) => {
        const problem = toProblem(request.error);
        if (problem) {
          // R-PROC-5: the status, the problem's type and its rule, never the detail or a field's value: a
          // refused bid's detail carries its price, and a sealed bid's content must reach no log.
          logger.info('request refused', {
            status: problem.status,
            type: problem.extra.type ?? 'about:blank',
            ...(problem.extra.rule ? { rule: problem.extra.rule } : {}),
          });
          request.response = problemResponse(problem, request.event.rawPath);
          return;
        }
        logger.error('unhandled error', request.error as Error);
        request.response = internalError();
      },
    });
}

/**
 * An upload route's answer as it is remembered for a retry: without its presigned form, which is a credential to
 * write (issue 11 §4); the route's `replay` presigns anew.
 */
export const withoutForm = (response: ApiResponse): ApiResponse => {
  const { upload: _form, ...body } = response.body as Record<string, unknown>;
  return { ...response, body };
};

/** 200 with the record and its ETag. */
export const ok = (body: unknown, version?: number): ApiResponse => ({
  status: 200,
  body,
  ...(version !== undefined ? { version } : {}),
});
export const created = (body: unknown, version?: number): ApiResponse => ({
  status: 201,
  body,
  ...(version !== undefined ? { version } : {}),
});

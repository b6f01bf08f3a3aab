/**
 * API Gateway HTTP API behaviour the embedded gateway reproduces, as pure functions:
 * route selection, the payload format 2.0 event, JWT claim flattening and the Lambda response mapping.
 */
import type {
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
} from 'aws-lambda';
import type { RouteDef } from '#functions/routes';
import { LOCAL_ACCOUNT_ID } from '#infra/local/lambda-context';

export type RouteLike = Pick<RouteDef, 'method' | 'path' | 'handler' | 'auth' | 'delegable'>;

type Segment =
  { kind: 'static'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

export interface CompiledRoute {
  name: string;
  routeKey: string;
  method: string;
  handler: string;
  auth: RouteLike['auth'];
  /** A portal's token reaches a delegable route too (issue 12 §1), as on API Gateway (`routeScopes`). */
  delegable?: RouteLike['delegable'];
  segments: Segment[];
}

export interface RouteMatch {
  route: CompiledRoute;
  pathParameters: Record<string, string>;
}

/** Static segments rank above `{param}`, which ranks above `{proxy+}`: API Gateway's most-specific-wins. */
const SPECIFICITY: Record<Segment['kind'], number> = { static: 2, param: 1, greedy: 0 };

export function compileRoutes(routes: Record<string, RouteLike>): CompiledRoute[] {
  return Object.entries(routes).map(([name, def]) => ({
    name,
    routeKey: `${def.method} ${def.path}`,
    method: def.method,
    handler: def.handler,
    auth: def.auth,
    ...(def.delegable ? { delegable: def.delegable } : {}),
    segments: splitPath(def.path).map(parseSegment),
  }));
}

function parseSegment(segment: string): Segment {
  const param = /^\{([^}]+?)(\+)?\}$/.exec(segment);
  if (!param?.[1]) return { kind: 'static', value: segment };
  return param[2] ? { kind: 'greedy', name: param[1] } : { kind: 'param', name: param[1] };
}

function splitPath(path: string): string[] {
  return path.replace(/^\//, '').split('/');
}

/** The route API Gateway would select for `method` and `rawPath`, or undefined (its 404). */
export function matchRoute(
  table: readonly CompiledRoute[],
  method: string,
  rawPath: string,
): RouteMatch | undefined {
  const parts = splitPath(rawPath).map(safeDecode);
  let best: { match: RouteMatch; rank: number[] } | undefined;
  for (const route of table) {
    if (route.method !== method) continue;
    const pathParameters = matchSegments(route.segments, parts);
    if (!pathParameters) continue;
    const rank = route.segments.map((segment) => SPECIFICITY[segment.kind]);
    if (!best || compareRanks(rank, best.rank) > 0) best = { match: { route, pathParameters }, rank };
  }
  return best?.match;
}

function matchSegments(
  segments: readonly Segment[],
  parts: readonly string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index];
    if (segment.kind === 'greedy') {
      const rest = parts.slice(index);
      if (rest.length === 0 || rest.join('') === '') return undefined;
      params[segment.name] = rest.join('/');
      return params;
    }
    if (part === undefined || part === '') return undefined;
    if (segment.kind === 'static' && segment.value !== part) return undefined;
    if (segment.kind === 'param') params[segment.name] = part;
  }
  return segments.length === parts.length ? params : undefined;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** An incoming HTTP request, reduced to what API Gateway puts in the event. */
export interface GatewayRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  /** Lower-case names, every value received (node's `headersDistinct`). */
  headers: Record<string, string[]>;
  body: Buffer;
  sourceIp: string;
  protocol: string;
  requestId: string;
  now: Date;
}

export interface JwtAuthorization {
  claims: Record<string, string>;
  scopes: string[] | null;
}

export type HttpApiEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer;

/** Payload format 2.0 event, as API Gateway builds it for a Lambda proxy integration. */
export function buildHttpApiEvent(
  request: GatewayRequest,
  match: RouteMatch,
  authorization?: JwtAuthorization,
): HttpApiEvent {
  const queryStart = request.url.indexOf('?');
  const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? '' : request.url.slice(queryStart + 1);
  const { headers, cookies } = eventHeaders(request);
  const host = headers.host ?? 'localhost';
  const requestContext: APIGatewayEventRequestContextV2 = {
    accountId: LOCAL_ACCOUNT_ID,
    apiId: 'local',
    domainName: host,
    domainPrefix: host.split('.')[0] ?? host,
    http: {
      method: request.method,
      path: rawPath,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: request.requestId,
    routeKey: match.route.routeKey,
    stage: '$default',
    time: apiGatewayTime(request.now),
    timeEpoch: request.now.getTime(),
  };
  const queryStringParameters = joinedQuery(rawQueryString);
  const body = eventBody(request.body, headers['content-type']);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext,
    ...(Object.keys(match.pathParameters).length > 0 ? { pathParameters: match.pathParameters } : {}),
    ...body,
  };
  if (!authorization) return event;
  return { ...event, requestContext: { ...requestContext, authorizer: { jwt: authorization } } };
}

/** Duplicate headers comma-joined; cookies moved to their own field; the forwarding headers API Gateway adds. */
function eventHeaders(request: GatewayRequest): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, values] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'cookie') {
      cookies.push(
        ...values
          .flatMap((v) => v.split(';'))
          .map((c) => c.trim())
          .filter(Boolean),
      );
    } else {
      headers[lower] =
        headers[lower] === undefined ? values.join(',') : `${headers[lower]},${values.join(',')}`;
    }
  }
  const host = headers.host ?? '';
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${request.sourceIp}`
    : request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= /:(\d+)$/.exec(host)?.[1] ?? '80';
  return { headers, cookies };
}

/** Repeated keys comma-joined, values URL-decoded; undefined when there is no query, as on AWS. */
function joinedQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  // A Map, then own properties: `?constructor=x` is the parameter, not Object's, and `?__proto__=x` arrives as a
  // parameter of that name instead of vanishing into the prototype, as API Gateway hands both over.
  const joined = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    const earlier = joined.get(key);
    joined.set(key, earlier === undefined ? value : `${earlier},${value}`);
  }
  return Object.fromEntries(joined);
}

const TEXT_CONTENT = /^(text\/|application\/(json|xml|javascript)\b|[^;]*\+(json|xml)\b)/i;

function eventBody(
  body: Buffer,
  contentType: string | undefined,
): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  if (contentType && TEXT_CONTENT.test(contentType))
    return { body: body.toString('utf8'), isBase64Encoded: false };
  return { body: body.toString('base64'), isBase64Encoded: true };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, the format of requestContext.time. */
export function apiGatewayTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** API Gateway hands JWT claims over as strings; arrays become `"[a b]"`. */
export function flattenClaims(payload: Record<string, unknown>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) claims[name] = `[${value.map(String).join(' ')}]`;
    else if (typeof value === 'object') claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
}

export function scopesOf(payload: Record<string, unknown>): string[] | null {
  return typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : null;
}

export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/**
 * Maps what the handler returned the way payload format 2.0 does: a result with a numeric statusCode is used
 * as given; anything else is a 200 `application/json` whose body is the result serialized.
 */
export function toGatewayResponse(result: unknown): GatewayResponse {
  const structured = structuredResult(result);
  if (!structured) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(result ?? null), 'utf8'),
    };
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  for (const [name, values] of Object.entries(structured.multiValueHeaders ?? {})) {
    headers[name.toLowerCase()] = values.map(String);
  }
  if (structured.cookies && structured.cookies.length > 0) headers['set-cookie'] = structured.cookies;
  const body = structured.body ?? '';
  return {
    statusCode: structured.statusCode,
    headers,
    body: structured.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8'),
  };
}

interface StructuredResult {
  statusCode: number;
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, (string | number | boolean)[]>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

/** The result as a structured response, undefined when it has no statusCode; throws when it is malformed. */
function structuredResult(result: unknown): StructuredResult | undefined {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) return undefined;
  const { statusCode } = result;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    throw new Error(`Malformed Lambda response: statusCode ${String(statusCode)}`);
  }
  return result as StructuredResult;
}

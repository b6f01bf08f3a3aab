/**
 * The local API Gateway: matches the route table, checks bearer JWTs on protected routes, builds the
 * payload 2.0 event and calls the handler module in-process. With `cors`, it answers preflights and adds the CORS
 * headers to every answer for an allowed origin, as the HTTP API's CORS configuration does (issue 12 §5).
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { JSONWebKeySet } from 'jose';
import {
  buildHttpApiEvent,
  compileRoutes,
  flattenClaims,
  matchRoute,
  scopesOf,
  toGatewayResponse,
  type GatewayRequest,
  type GatewayResponse,
  type JwtAuthorization,
  type RouteLike,
} from '#infra/local/api-event';
import type { HandlerLoader } from '#infra/local/handlers';
import { JWKS_PATH, type JwtAuthorizer } from '#infra/local/jwt';
import { routeScopes } from '#shared/http/route-scopes';
import { lambdaContext } from '#infra/local/lambda-context';
import { apiCors, type OriginPolicy } from '#infra/local/cors';
import { listenOnLoopback } from '#infra/local/ports';

/** HTTP API payload limit (the fuzz's checks import it: test/support/fuzz/checks.ts). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** How much of a too-large body is read (and dropped) so the client gets its 413 before the connection closes. */
const DRAIN_LIMIT_BYTES = 4 * MAX_BODY_BYTES;
/** HTTP API integration timeout. */
const INTEGRATION_TIMEOUT_MS = 30_000;

export interface GatewayOptions {
  port: number;
  routes: Record<string, RouteLike>;
  authorizer: JwtAuthorizer;
  jwks: JSONWebKeySet;
  loadHandler: HandlerLoader;
  log: (line: string) => void;
  /** One access-log line per request (default true); failures are logged regardless. */
  logRequests?: boolean;
  /** Browser origins answered as API Gateway's CORS does (infra/local/cors.ts). @default none: no CORS, as on AWS */
  cors?: OriginPolicy;
}

export interface Gateway {
  url: string;
  stop(): Promise<void>;
}

class PayloadTooLarge extends Error {}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const table = compileRoutes(options.routes);
  const server = http.createServer((req, res) => {
    const started = performance.now();
    handleRequest(req, res)
      .catch((error: unknown) => {
        options.log(`gateway error on ${req.method} ${req.url}: ${describe(error)}`);
        if (res.headersSent) res.destroy();
        else sendInternalError(res);
      })
      .finally(() => {
        if (options.logRequests === false) return;
        options.log(
          `${req.method} ${req.url} ${res.statusCode} ${Math.round(performance.now() - started)}ms`,
        );
      });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const rawPath = url.split('?')[0] ?? '/';
    if (options.cors) {
      const origin = req.headers.origin;
      // The gateway answers a preflight itself, on any path, before routing or the authorizer.
      if (apiCors.isPreflight(method, req.headers)) {
        return send(res, 204, apiCors.preflight(options.cors, origin), '');
      }
      // Every answer for an allowed origin, 401s, 404s and 413s included; the integration's own are dropped below.
      for (const [name, value] of Object.entries(apiCors.response(options.cors, origin)))
        res.setHeader(name, value);
    }
    if (method === 'GET' && rawPath === JWKS_PATH) {
      return send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(options.jwks));
    }
    const match = matchRoute(table, method, rawPath);
    if (!match) return sendNotFound(res, method, rawPath);

    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (!(error instanceof PayloadTooLarge)) throw error;
      res.setHeader('connection', 'close');
      return send(res, 413, { 'content-type': 'application/json' }, '{"message":"Request Entity Too Large"}');
    }

    let authorization: JwtAuthorization | undefined;
    if (match.route.auth !== 'public') {
      const result = await options.authorizer(req.headers.authorization);
      if (!result.ok) return sendUnauthorized(res, result.reason);
      const scopes = scopesOf(result.payload);
      // As API Gateway with the route's authorizationScopes: one of them, or no function runs (an ID token has none).
      const required = routeScopes(match.route) ?? [];
      if (!required.some((scope) => scopes?.includes(scope))) return sendForbidden(res, required);
      authorization = { claims: flattenClaims(result.payload), scopes };
    }

    const requestId = randomUUID();
    const request: GatewayRequest = {
      method,
      url,
      headers: distinctHeaders(req),
      body,
      sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      protocol: `HTTP/${req.httpVersion}`,
      requestId,
      now: new Date(),
    };
    const event = buildHttpApiEvent(request, match, authorization);
    const context = lambdaContext({
      functionName: match.route.name,
      requestId,
      timeoutMs: INTEGRATION_TIMEOUT_MS,
    });
    let response: GatewayResponse;
    try {
      const handler = await options.loadHandler(match.route.handler);
      response = toGatewayResponse(await handler(event, context));
    } catch (error) {
      // A throwing handler (or a malformed result) is a 500 with API Gateway's body; the cause goes to the log.
      options.log(`${match.route.name} (${match.route.handler}) failed: ${describe(error)}`);
      return sendInternalError(res);
    }
    res.setHeader('apigw-requestid', requestId);
    send(
      res,
      response.statusCode,
      options.cors ? withoutCorsHeaders(response.headers) : response.headers,
      response.body,
    );
  }

  return listenOnLoopback(server, options.port);
}

/** With CORS configured, API Gateway ignores the CORS headers an integration returns and sends its own. */
function withoutCorsHeaders(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !name.toLowerCase().startsWith('access-control-')),
  );
}

/** Node's headersDistinct keeps every value of a repeated header; API Gateway comma-joins them. */
function distinctHeaders(req: IncomingMessage): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) if (values) headers[name] = values;
  return headers;
}

/**
 * The body, or PayloadTooLarge once it is over the limit. A body over the limit is still read to its end (and
 * dropped) before the 413 goes out: closing the connection while the client is still writing makes its write
 * fail (EPIPE / ECONNRESET) before it can read the answer. A client that keeps sending past DRAIN_LIMIT_BYTES
 * has its connection cut.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      else chunks.length = 0;
      if (size > DRAIN_LIMIT_BYTES) req.destroy();
    });
    req.on('end', () => (tooLarge ? reject(new PayloadTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
    req.on('close', () =>
      reject(tooLarge ? new PayloadTooLarge() : new Error('the client closed the connection mid-body')),
    );
  });
}

function sendNotFound(res: ServerResponse, method: string, rawPath: string): void {
  const problem = {
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: `No route for ${method} ${rawPath}`,
  };
  send(res, 404, { 'content-type': 'application/problem+json' }, JSON.stringify(problem));
}

/** API Gateway's answer when the integration fails: no detail leaves the server. */
function sendInternalError(res: ServerResponse): void {
  send(res, 500, { 'content-type': 'application/json' }, '{"message":"Internal Server Error"}');
}

/** What the HTTP API JWT authorizer answers, header included. */
function sendUnauthorized(res: ServerResponse, reason: string | undefined): void {
  const challenge = reason ? `Bearer scope="" error="invalid_token" error_description="${reason}"` : 'Bearer';
  send(
    res,
    401,
    { 'content-type': 'application/json', 'www-authenticate': challenge },
    '{"message":"Unauthorized"}',
  );
}

/**
 * What the JWT authorizer answers to a valid token that holds none of the route's scopes: 403 Forbidden ("A valid
 * token that carries none of the method's scopes receives a 403 Forbidden response", API Gateway developer guide,
 * "Attach a JWT authorizer to methods and require scopes"), with an RFC 6750 insufficient_scope challenge.
 */
function sendForbidden(res: ServerResponse, required: readonly string[]): void {
  send(
    res,
    403,
    {
      'content-type': 'application/json',
      'www-authenticate': `Bearer scope="${required.join(' ')}" error="insufficient_scope" error_description="the token does not have any of the route's scopes"`,
    },
    '{"message":"Forbidden"}',
  );
}

function send(
  res: ServerResponse,
  statusCode: number,
  headers: Record<string, string | string[]>,
  body: string | Buffer,
): void {
  // API Gateway sends a content-length, not a chunked body.
  res.writeHead(statusCode, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

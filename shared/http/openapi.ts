/**
 * OpenAPI 3.1 generated from the route table and its zod schemas with zod's own JSON Schema conversion
 * (OpenAPI 3.1 schemas are JSON Schema 2020-12): the contract cannot drift from the code. The table is passed
 * in by the handler that serves it, because shared/ never imports functions/ (issue 9 §2).
 * Schemas registered with an id (shared/schemas/zod.ts `component`) become `components.schemas`.
 */
import { limitedPerCaller, responseSchema, type RouteDef } from './route-def';
import { Problem } from '#shared/schemas/common.schema';
import type { Schema } from '#shared/schemas/zod';
import * as z from '#shared/schemas/zod';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

const ERROR_RESPONSES: Record<number, string> = {
  400: 'Invalid request: errors[] names each field',
  401: 'Missing or invalid bearer token',
  403: 'The role may not use this route',
  404: 'Not found, or not visible to this caller',
  409: 'Conflicts with existing state',
  412: 'If-Match does not hold the current version',
  422: 'Refused by a policy rule (the rule ID is in `rule`)',
  428: 'If-Match is required',
  429: 'Too many requests from this caller (retry after `Retry-After` seconds), or its daily allowance of documents is used up',
};

function errorStatuses(route: RouteDef): number[] {
  const statuses = [400];
  if (route.auth !== 'public') statuses.push(401, 403, 404);
  if (route.method !== 'GET') statuses.push(409, 422);
  if (route.conditional) statuses.push(412, 428);
  // A contractor's or portal's writes past its rate (shared/http/rate-limit.ts, issue 11 §3).
  if (limitedPerCaller(route)) statuses.push(429);
  for (const status of route.response.errors ?? []) if (!statuses.includes(status)) statuses.push(status);
  return statuses;
}

/** Converts one schema; named sub-schemas are moved to `components` and referenced from there. */
function toOpenApi(schema: Schema, io: Io, components: Record<string, JsonSchema>): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  const { $schema: _dialect, $defs, ...root } = converted;
  const relink = (value: unknown) =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, unknown>)) {
    components[id] ??= relink(definition);
  }
  return relink(root);
}

function parameters(
  schema: Schema | undefined,
  location: 'path' | 'query',
  components: Record<string, JsonSchema>,
) {
  if (!schema) return [];
  const object = toOpenApi(schema, 'input', components);
  const required = new Set((object.required as string[] | undefined) ?? []);
  return Object.entries((object.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}

const headerParameters = (route: RouteDef) => [
  ...(route.idempotent
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string' },
          description: 'a retry with the same key returns the first answer',
        },
      ]
    : []),
  ...(route.conditional === 'create-or-replace'
    ? [
        {
          name: 'If-Match',
          in: 'header',
          required: false,
          schema: { type: 'string' },
          description: 'the ETag you read, to replace it (required unless If-None-Match: * is sent)',
        },
        {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          schema: { type: 'string', enum: ['*'] },
          description: '`*` to create it the first time (412 if it exists already)',
        },
      ]
    : route.conditional
      ? [
          {
            name: 'If-Match',
            in: 'header',
            required: true,
            schema: { type: 'string' },
            description: 'the ETag you read',
          },
        ]
      : []),
];

function operation(name: string, route: RouteDef, components: Record<string, JsonSchema>) {
  const problem = { 'application/problem+json': { schema: toOpenApi(Problem, 'output', components) } };
  const body = responseSchema(route);
  const success = body ? toOpenApi(body, 'output', components) : { type: 'string' };
  const params = [
    ...parameters(route.request?.params, 'path', components),
    ...parameters(route.request?.query, 'query', components),
    ...headerParameters(route),
  ];
  return {
    operationId: name,
    summary: route.summary,
    description: route.auth === 'public' ? 'Public, no token.' : `Roles: ${route.auth.join(', ')}.`,
    ...(route.auth === 'public' ? {} : { security: [{ bearer: [] }] }),
    ...(params.length ? { parameters: params } : {}),
    ...(route.request?.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toOpenApi(route.request.body, 'input', components) } },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(
        [route.response.status, ...(route.response.alsoStatus ?? [])].map((status) => [
          status,
          {
            description: status < 300 ? 'Success' : 'See the body',
            content: { [route.response.contentType ?? 'application/json']: { schema: success } },
          },
        ]),
      ),
      ...Object.fromEntries(
        errorStatuses(route).map((status) => [
          status,
          { description: ERROR_RESPONSES[status] ?? 'Error', content: problem },
        ]),
      ),
    },
  };
}

export function buildOpenApiDocument(routes: Readonly<Record<string, RouteDef>>) {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, route] of Object.entries(routes)) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(name, route, components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Social-assistance service purchasing API',
      version: '1.0.0',
      description:
        'District civil-affairs bureau: catalog, contractors and qualification (政府购买社会救助服务).',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

/**
 * OpenAPI 3.1 generated from the route table and its zod schemas with zod's own JSON Schema conversion
 * (OpenAPI 3.1 schemas are JSON Schema 2020-12): the contract cannot drift from the code. The table is passed
 * in by the handler that serves it, because shared/ never imports functions/ (issue 9 §2).
 * Schemas registered with an id (shared/schemas/zod.ts `component`) become `components.schemas`.
 *
 * Issue 12 §4: each operation is tagged with its capability (the folder of its handler, `functions/<capability>/`),
 * declares the response headers the pipeline sends (ETag, Location, Idempotency-Replayed, Retry-After,
 * Cache-Control) and every status its route can answer, and carries the examples it is given (infra/openapi/
 * examples.ts, passed in by the generator so that no Lambda bundles them). `info.description` holds the conventions
 * of docs/api.md.
 */
import { limitedPerCaller, responseSchema, type RouteDef } from './route-def';
import { locationTemplate } from './location';
import { ON_BEHALF_OF_HEADER } from './principal';
import { Problem } from '#shared/schemas/common.schema';
import type { Schema } from '#shared/schemas/zod';
import * as z from '#shared/schemas/zod';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

/** Examples by component id (`Contractor`), by operation (its request and success body) and by error status. */
export interface OpenApiExamples {
  /** An instance of each component schema, used wherever a body is that component (or a list of it). */
  components?: Readonly<Record<string, unknown>>;
  /** An operation's own request or success body, where it is not simply a component or a page of one. */
  operations?: Readonly<Record<string, { request?: unknown; response?: unknown }>>;
  /** A problem+json body per error status. */
  problems?: Readonly<Record<number, unknown>>;
}

export interface OpenApiOptions {
  examples?: OpenApiExamples;
  /** `info.description` (Markdown): the API's conventions (infra/openapi/conventions.ts). */
  description?: string;
}

const ERROR_RESPONSES: Record<number, string> = {
  400: 'Invalid request: `errors[]` names each field (`in`: body, query, path or header)',
  401: 'No bearer token, or one the gateway refuses (expired, wrong issuer or audience): the gateway answers `{"message":"Unauthorized"}` as `application/json`. A token the gateway accepts but the API does not (an ID token, no role) gets `application/problem+json`.',
  403: 'The role may not use this route (or a user in more than one role group)',
  404: 'Not found, or not visible to this caller (another tenant answers exactly like a record that does not exist)',
  409: 'Conflicts with the current state (the `detail` says which; a policy rule, when one decides, in `rule`)',
  412: 'If-Match does not hold the current version (or If-None-Match: * and it exists already)',
  413: 'The body is larger than the gateway takes (API Gateway answers `{"message":"Request Entity Too Large"}` as `application/json`, before any handler)',
  415: 'The body is not `application/json`',
  422: 'Refused by a policy rule (the rule ID is in `rule`), or an Idempotency-Key reused with another body',
  428: 'If-Match is required',
  429: 'Too many writes from this caller (retry after `Retry-After` seconds), or its daily allowance of documents is used up',
};

/** API Gateway's own answers (the JWT authorizer's 401, the payload limit's 413): as they are, not problem+json. */
const gatewayMessage = (message: string) => ({
  'application/json': {
    schema: {
      type: 'object',
      properties: { message: { type: 'string', const: message } },
      required: ['message'],
    },
    example: { message },
  },
});

/**
 * The capabilities (`functions/<capability>/`) as tags, in the reference's order, grouped for the reader. A route
 * in a new capability folder gets a tag of that folder's name; test/unit/openapi-contract.test.ts fails until its
 * description is written here (one line, not one per route).
 */
export const CAPABILITY_TAGS: Readonly<Record<string, { name: string; group: string; description: string }>> =
  {
    contractors: {
      name: 'Contractors',
      group: 'Qualification',
      description:
        'Service providers (social organizations, public institutions, enterprises, natural persons): registration by the bureau or a partner portal, evidence documents for the eight qualification conditions (R-QUAL-2), the bureau’s decisions and flags, eligibility (R-QUAL-5).',
    },
    delegations: {
      name: 'Delegations',
      group: 'Qualification',
      description:
        'A contractor’s consent for a partner portal to act for it within scopes (documents, bids, contracts, deliveries): granted, expiring, revocable, audited.',
    },
    'contractor-users': {
      name: 'Contractor users',
      group: 'Qualification',
      description:
        'Logins for a contractor’s own staff, created by the bureau or at a portal’s request and linked to the contractor.',
    },
    catalog: {
      name: 'Catalog',
      group: 'Planning',
      description:
        'The district’s catalog of purchasable social-assistance services, their service standards and the negative list (R-CAT-1..R-CAT-3).',
    },
    budget: {
      name: 'Budget',
      group: 'Planning',
      description:
        'Budget lines per purchaser and fiscal year, in fen; a signed contract commits its price on one.',
    },
    purchasers: {
      name: 'Procurement rules',
      group: 'Planning',
      description:
        'Per purchaser: thresholds of the procurement methods, minimum periods, the price-weight bounds inside the 10–30 % frame (R-PROC-3).',
    },
    projects: {
      name: 'Projects',
      group: 'Planning',
      description:
        'A purchase from draft to contract: submit, approve (four eyes), publish, cancel; the procurement workflow’s state is on the project.',
    },
    bids: {
      name: 'Bids',
      group: 'Procurement',
      description:
        'Sealed bids until the deadline (R-PROC-5), their documents, disqualification before scoring.',
    },
    scoring: {
      name: 'Scoring',
      group: 'Procurement',
      description:
        'The evaluator pool, the panel (named or drawn by the system), score sheets, the witnessed draw of equal totals (R-PROC-3, R-QUAL-4).',
    },
    challenges: {
      name: 'Challenges',
      group: 'Procurement',
      description: 'A bidder’s challenge during the standstill and the bureau’s answer (rescore or cancel).',
    },
    contracts: {
      name: 'Contracts',
      group: 'Procurement',
      description:
        'The contract drafted from the district’s template after the standstill, signed by both parties; the second signature commits the budget.',
    },
    staff: {
      name: 'Staff and dispatch',
      group: 'Delivery',
      description:
        'A contractor’s roster (resident id checked and sealed, qualification, employment evidence) and its dispatch to the service center, towns, villages and institutions for a contract: no subcontracting (R-CON-3, R-STAFF-1, R-STAFF-2).',
    },
    deliveries: {
      name: 'Delivery records',
      group: 'Delivery',
      description:
        'Each service delivered, by dispatched staff to a pseudonymous recipient; a portal’s day of work in one batch; progress per delivery line from counters kept with each record (R-CON-4, R-SUP-1).',
    },
    supervision: {
      name: 'Supervision',
      group: 'Delivery',
      description:
        'Quarterly financial reports accepted or returned by the bureau, and inspections whose findings wait for the contractor’s response until closed (R-CON-4, R-SUP-1).',
    },
    acceptances: {
      name: 'Acceptance',
      group: 'Acceptance and payment',
      description:
        'Per milestone, the panel measures the contract’s indicators and sampled recipients give their opinion through invitations answered once per round; the outcome follows the rule, is announced, and releases the payment or sets a rectification (R-ACC-1..4).',
    },
    payments: {
      name: 'Payments',
      group: 'Acceptance and payment',
      description:
        'Paying a milestone whose acceptance passed, within the payment term; what is due and overdue; withholding with a reason and release; terminating a contract for breach (R-ACC-3, R-FUND-2).',
    },
    public: {
      name: 'Public disclosure',
      group: 'Transparency',
      description:
        'No token: announcements and the OCDS 1.1.5 feed of releases and records (R-SUP-3), cached for a minute.',
    },
    audit: {
      name: 'Audit',
      group: 'Transparency',
      description:
        'The hash-chained audit trail of a record, checked against the signed daily digests (R-SUP-2).',
    },
    platform: {
      name: 'Platform',
      group: 'Platform',
      description: 'Health, this OpenAPI document and the reference rendered from it.',
    },
  };

/** The folder of a route's handler: `functions/bids/submit-bid` → `bids`. */
export function capabilityOf(route: Pick<RouteDef, 'handler'>): string {
  const [root, capability] = route.handler.split('/');
  if (root !== 'functions' || !capability)
    throw new Error(`${route.handler}: not under functions/<capability>/`);
  return capability;
}

const tagOf = (capability: string) => CAPABILITY_TAGS[capability]?.name ?? capability;

/** Every status a route can answer besides its success statuses, each with what the pipeline decides it on. */
export function errorStatuses(route: RouteDef): number[] {
  const statuses: number[] = [];
  const input = route.request?.params ?? route.request?.query ?? route.request?.body;
  // A malformed header (Idempotency-Key, If-Match) is a 400 naming it as well.
  if (input || route.idempotent || route.conditional) statuses.push(400);
  if (route.auth !== 'public') statuses.push(401, 403, 404);
  if (route.method !== 'GET') statuses.push(409, 422);
  if (route.request?.body) statuses.push(413, 415);
  if (route.conditional) statuses.push(412, 428);
  // A contractor's or portal's writes past its rate (shared/http/rate-limit.ts, issue 11 §3).
  if (limitedPerCaller(route)) statuses.push(429);
  for (const status of route.response.errors ?? []) if (!statuses.includes(status)) statuses.push(status);
  return statuses.sort((a, b) => a - b);
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
  ...(route.delegable
    ? [
        {
          name: ON_BEHALF_OF_HEADER,
          in: 'header',
          required: false,
          schema: { type: 'string', pattern: '^[0-9A-Za-z_-]{6,40}$' },
          description: `a partner portal only: the id of the contractor it acts for, which must have delegated \`${route.delegable}\` to it (403 otherwise, with the reason)`,
        },
      ]
    : []),
  ...(route.idempotent
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
          description:
            'a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path.',
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

/** The component a schema is (`{ $ref }`), if it is one. */
const componentOf = (schema: JsonSchema | undefined): string | undefined =>
  typeof schema?.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : undefined;

/**
 * Whether the body carries the record's `version` (the pipeline then sends it as the ETag): at its top, or in the
 * one record it wraps (an upload's answer holds its `document` beside the form, and sends that document's version).
 */
function carriesVersion(schema: JsonSchema, components: Record<string, JsonSchema>, depth = 0): boolean {
  const id = componentOf(schema);
  const resolved = id ? components[id] : schema;
  const properties = (resolved?.properties ?? {}) as Record<string, JsonSchema>;
  if (properties.version) return true;
  return depth === 0 && Object.values(properties).some((property) => carriesVersion(property, components, 1));
}

/** The shared response of each error status (`components.responses`), so each operation only refers to it. */
const ERROR_RESPONSE_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'ContentTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableContent',
  428: 'PreconditionRequired',
  429: 'TooManyRequests',
};

const ref = (section: string, name: string) => ({ $ref: `#/components/${section}/${name}` });

/**
 * An example of a body: the operation's own, else its component's (one copy in `components.examples`, referred
 * to), else a page of its component's (`items` of one component, and `cursor` when the page schema has one).
 */
function exampleOf(schema: JsonSchema, own: unknown, examples: OpenApiExamples): Record<string, unknown> {
  if (own !== undefined) return { example: own };
  const id = componentOf(schema);
  if (id) return examples.components?.[id] !== undefined ? { examples: { [id]: ref('examples', id) } } : {};
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  const item = componentOf(properties?.items?.items as JsonSchema | undefined);
  const page = item ? examples.components?.[item] : undefined;
  if (page === undefined) return {};
  return {
    example: {
      items: [page],
      ...(properties?.cursor ? { cursor: 'eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s' } : {}),
    },
  };
}

const header = (description: string, schema: JsonSchema = { type: 'string' }) => ({ description, schema });

/** The response headers every operation shares (`components.headers`). */
const HEADERS = {
  CacheControlPrivate: header('`no-store`: answers with a token are never cached'),
  CacheControlPublic: header(
    '`public, max-age=60` on the public disclosure and catalog, `max-age=300` on this document and /docs, a year (`immutable`) on the renderer /docs loads; refusals `no-store`',
  ),
  ETag: header('the record’s version as a strong ETag (`"3"`): send it as If-Match to change the record'),
  IdempotencyReplayed: header(
    '`true` when this is the first answer to an earlier request with the same Idempotency-Key, replayed',
    { type: 'string', enum: ['true'] },
  ),
  RetryAfter: header('seconds to wait before retrying', { type: 'integer', minimum: 1 }),
};

function successHeaders(route: RouteDef, status: number, versioned: boolean) {
  return {
    'Cache-Control': ref('headers', route.auth === 'public' ? 'CacheControlPublic' : 'CacheControlPrivate'),
    ...(versioned ? { ETag: ref('headers', 'ETag') } : {}),
    ...(status === 201
      ? { Location: header(`where the created record is read: \`GET ${locationTemplate(route)}\``) }
      : {}),
    ...(route.idempotent ? { 'Idempotency-Replayed': ref('headers', 'IdempotencyReplayed') } : {}),
  };
}

/** The response of an error status: problem+json, or the gateway's own body for its 401 (beside ours) and 413. */
function errorResponse(status: number, problemSchema: JsonSchema, examples: OpenApiExamples) {
  const problem = {
    schema: problemSchema,
    ...(examples.problems?.[status] !== undefined ? { example: examples.problems[status] } : {}),
  };
  return {
    description: ERROR_RESPONSES[status] ?? 'Error',
    ...(status === 429 ? { headers: { 'Retry-After': ref('headers', 'RetryAfter') } } : {}),
    content:
      status === 401
        ? { ...gatewayMessage('Unauthorized'), 'application/problem+json': problem }
        : status === 413
          ? gatewayMessage('Request Entity Too Large')
          : { 'application/problem+json': problem },
  };
}

function operation(
  name: string,
  route: RouteDef,
  components: Record<string, JsonSchema>,
  examples: OpenApiExamples,
  problemSchema: JsonSchema,
) {
  const body = responseSchema(route);
  const success = body ? toOpenApi(body, 'output', components) : { type: 'string' };
  const versioned = body ? carriesVersion(success, components) : false;
  const own = examples.operations?.[name];
  const params = [
    ...parameters(route.request?.params, 'path', components),
    ...parameters(route.request?.query, 'query', components),
    ...headerParameters(route),
  ];
  const requestSchema = route.request?.body ? toOpenApi(route.request.body, 'input', components) : undefined;
  return {
    operationId: name,
    summary: route.summary,
    description:
      route.auth === 'public'
        ? 'Public, no token.'
        : `Roles: ${route.auth.join(', ')}.` +
          (route.delegable
            ? ` A partner portal holding the contractor's \`${route.delegable}\` delegation acts as that contractor.`
            : ''),
    ...(route.delegable ? { 'x-delegation-scope': route.delegable } : {}),
    tags: [tagOf(capabilityOf(route))],
    ...(route.auth === 'public' ? {} : { security: [{ bearer: [] }] }),
    ...(params.length ? { parameters: params } : {}),
    ...(requestSchema
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: requestSchema,
                ...exampleOf(requestSchema, own?.request, examples),
              },
            },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(
        [route.response.status, ...(route.response.alsoStatus ?? [])].map((status) => [
          status,
          {
            description: status < 300 ? 'Success' : 'See the body',
            headers: successHeaders(route, status, versioned),
            content: {
              [route.response.contentType ?? 'application/json']: {
                schema: success,
                ...(body ? exampleOf(success, own?.response, examples) : {}),
              },
            },
          },
        ]),
      ),
      ...Object.fromEntries(
        errorStatuses(route).map((status) => [
          status,
          ERROR_RESPONSE_NAMES[status]
            ? ref('responses', ERROR_RESPONSE_NAMES[status])
            : errorResponse(status, problemSchema, examples),
        ]),
      ),
    },
  };
}

export function buildOpenApiDocument(
  routes: Readonly<Record<string, RouteDef>>,
  { examples = {}, description }: OpenApiOptions = {},
) {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  const capabilities = new Set<string>();
  const problemSchema = toOpenApi(Problem, 'output', components);
  const statuses = new Set<number>();
  for (const [name, route] of Object.entries(routes)) {
    capabilities.add(capabilityOf(route));
    for (const status of errorStatuses(route)) statuses.add(status);
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(
      name,
      route,
      components,
      examples,
      problemSchema,
    );
  }
  // Each shared part once: the error responses the operations refer to, and the examples of the components used.
  const responses = Object.fromEntries(
    [...statuses]
      .filter((status) => ERROR_RESPONSE_NAMES[status])
      .sort((a, b) => a - b)
      .map((status) => [ERROR_RESPONSE_NAMES[status], errorResponse(status, problemSchema, examples)]),
  );
  const used = JSON.stringify(paths);
  const componentExamples = Object.fromEntries(
    Object.entries(examples.components ?? {})
      .filter(([id]) => used.includes(`"#/components/examples/${id}"`))
      .map(([id, value]) => [id, { value }]),
  );
  const known = Object.keys(CAPABILITY_TAGS).filter((capability) => capabilities.has(capability));
  const ordered = [...known, ...[...capabilities].filter((c) => !CAPABILITY_TAGS[c]).sort()];
  const tags = ordered.map((capability) => ({
    name: tagOf(capability),
    ...(CAPABILITY_TAGS[capability] ? { description: CAPABILITY_TAGS[capability].description } : {}),
  }));
  const groups = new Map<string, string[]>();
  for (const capability of ordered) {
    const group = CAPABILITY_TAGS[capability]?.group ?? 'Other';
    groups.set(group, [...(groups.get(group) ?? []), tagOf(capability)]);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Social-assistance service purchasing API',
      version: '1.0.0',
      description:
        description ??
        'District civil-affairs bureau: catalog, contractors and qualification (政府购买社会救助服务).',
    },
    servers: [{ url: '/' }],
    tags,
    // Redoc's grouping of tags in its side bar (a vendor extension other tools ignore).
    'x-tagGroups': [...groups].map(([name, members]) => ({ name, tags: members })),
    paths,
    components: {
      schemas: components,
      responses,
      headers: HEADERS,
      examples: componentExamples,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A Cognito access token (an ID token is refused): a user’s, whose role is its `cognito:groups`, or a partner portal’s machine client (client-credentials grant, scope `procurement/portal`). On the embedded stack `npm run token -- --role <role>` mints one.',
        },
      },
    },
  };
}

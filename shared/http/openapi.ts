/**
 * OpenAPI 3.1 generated from the route table and its zod schemas: the contract cannot drift from the code.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { RouteDef } from '#functions/routes';
import { routes } from '#functions/routes';
import { Problem } from '#shared/schemas/common.schema';

const ERROR_RESPONSES: Record<number, string> = {
  400: 'Invalid request: errors[] names each field',
  401: 'Missing or invalid bearer token',
  403: 'The role may not use this route',
  404: 'Not found, or not visible to this caller',
  409: 'Conflicts with existing state',
  412: 'If-Match does not hold the current version',
  422: 'Refused by a policy rule (the rule ID is in `rule`)',
  428: 'If-Match is required',
};

function errorStatuses(route: RouteDef): number[] {
  const statuses = [400];
  if (route.auth !== 'public') statuses.push(401, 403, 404);
  if (route.method !== 'GET') statuses.push(409, 422);
  if (route.conditional) statuses.push(412, 428);
  return statuses;
}

export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  for (const [name, route] of Object.entries(routes) as [string, RouteDef][]) {
    const headers = [
      ...(route.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header' as const,
              required: false,
              schema: { type: 'string' as const },
            },
          ]
        : []),
      ...(route.conditional
        ? [{ name: 'If-Match', in: 'header' as const, required: true, schema: { type: 'string' as const } }]
        : []),
    ];
    registry.registerPath({
      operationId: name,
      method: route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete',
      path: route.path,
      summary: route.summary,
      description: route.auth === 'public' ? 'Public, no token.' : `Roles: ${route.auth.join(', ')}.`,
      ...(route.auth === 'public' ? {} : { security: [{ bearer: [] }] }),
      ...(headers.length ? { parameters: headers } : {}),
      request: {
        ...(route.request?.params ? { params: route.request.params as never } : {}),
        ...(route.request?.query ? { query: route.request.query as never } : {}),
        ...(route.request?.body
          ? { body: { content: { 'application/json': { schema: route.request.body } } } }
          : {}),
      },
      responses: {
        ...Object.fromEntries(
          [route.response.status, ...(route.response.alsoStatus ?? [])].map((status) => [
            status,
            {
              description: status < 300 ? 'Success' : 'See the body',
              content: {
                [route.response.contentType ?? 'application/json']: {
                  schema: route.response.body ?? { type: 'string' },
                },
              },
            },
          ]),
        ),
        ...Object.fromEntries(
          errorStatuses(route).map((status) => [
            status,
            {
              description: ERROR_RESPONSES[status] ?? 'Error',
              content: { 'application/problem+json': { schema: Problem } },
            },
          ]),
        ),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Social-assistance service purchasing API',
      version: '1.0.0',
      description:
        'District civil-affairs bureau: catalog, contractors and qualification (政府购买社会救助服务).',
    },
    servers: [{ url: '/' }],
  });
}

/** The platform routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import * as z from '#shared/schemas/zod';

export const healthRoute = {
  method: 'GET',
  path: '/health',
  handler: 'functions/platform/health',
  summary: 'State of the table and the document bucket',
  auth: 'public',
  table: 'read',
  bucket: 'read',
  response: {
    status: 200,
    body: z.object({ status: z.enum(['ok', 'degraded']), services: z.record(z.string(), z.string()) }),
    // 503 with the same body when a service does not answer.
    alsoStatus: [503],
  },
} as const satisfies RouteDef;
export const openapiRoute = {
  method: 'GET',
  path: '/openapi.json',
  handler: 'functions/platform/openapi',
  summary: 'OpenAPI 3.1 description of this API',
  auth: 'public',
  response: { status: 200, body: null, contentType: 'application/json' },
} as const satisfies RouteDef;
export const docsRoute = {
  method: 'GET',
  path: '/docs',
  handler: 'functions/platform/docs',
  summary: 'Human-readable API reference',
  auth: 'public',
  response: { status: 200, body: null, contentType: 'text/html' },
} as const satisfies RouteDef;

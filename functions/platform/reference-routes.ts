/**
 * The API reference's routes, apart from functions/platform/routes.ts (which re-exports them) because that file
 * builds the health route's zod schema: the openapi and docs functions serve a generated document and bundle no zod.
 */
import type { RouteDef } from '#shared/http/route-def';

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

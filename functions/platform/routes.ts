/** The platform routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import * as z from '#shared/schemas/zod';
import { deferred } from '#shared/schemas/zod';

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
    body: deferred(() =>
      z.object({ status: z.enum(['ok', 'degraded']), services: z.record(z.string(), z.string()) }),
    ),
    // 503 with the same body when a service does not answer.
    alsoStatus: [503],
  },
} as const satisfies RouteDef;
// Their own module, so the functions serving the generated document bundle no zod (issue 9 §3).
export { openapiRoute, docsRoute } from './reference-routes';

/** The platform routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import * as z from '#shared/schemas/zod';
import { deferred } from '#shared/schemas/zod';

/**
 * Liveness, public: answers without calling any backend, so an anonymous caller reaches neither the table nor the
 * bucket through it (issue 11 §2) and its function holds no right on either. The deep check is `healthDeepRoute`.
 */
export const healthRoute = {
  method: 'GET',
  path: '/health',
  handler: 'functions/platform/health',
  summary: 'The API answers (no backend is called; GET /v1/health probes them, with a token)',
  auth: 'public',
  response: {
    status: 200,
    body: deferred(() => z.object({ status: z.literal('ok') })),
  },
} as const satisfies RouteDef;

/** Readiness: probes the table and the document bucket; for the bureau's operators and the auditor. */
export const healthDeepRoute = {
  method: 'GET',
  path: '/v1/health',
  handler: 'functions/platform/health-deep',
  summary: 'State of the table and the document bucket',
  auth: ['bureau', 'auditor'],
  table: { read: ['HEALTH'] },
  bucket: { list: true },
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
export { openapiRoute, docsRoute, redocScriptRoute } from './reference-routes';

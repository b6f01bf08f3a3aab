/**
 * The OpenAPI document of the route table, serialized at build time by `npm run openapi` (infra/openapi/generate.ts):
 * this function bundles neither the table nor zod and builds nothing at init (issue 9 §3).
 * test/handlers/openapi.test.ts holds the generated text to what buildOpenApiDocument(routes) yields.
 */
import { openapiRoute } from './reference-routes';
import { api } from '#shared/http/api-handler';
import { openApiJson } from './openapi.generated';

export const handler = api(openapiRoute, async () => ({
  status: 200,
  body: undefined,
  raw: openApiJson,
  headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
}));

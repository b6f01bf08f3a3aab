/**
 * The API reference page, rendered from the OpenAPI document at build time by `npm run openapi`
 * (reference-page.ts, infra/openapi/generate.ts): this function bundles neither the route table nor zod.
 */
import { docsRoute } from './reference-routes';
import { api } from '#shared/http/api-handler';
import { referencePage } from './openapi.generated';

export const handler = api(docsRoute, async () => ({
  status: 200,
  body: undefined,
  raw: referencePage,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' },
}));

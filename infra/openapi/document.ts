/**
 * The one OpenAPI document of the API: buildOpenApiDocument over the route table with the conventions of
 * docs/api.md (conventions.ts) and the examples (examples.ts). GET /openapi.json serves it (through
 * openapi.generated.ts) and every script or test that needs the served document builds it here, so the examples,
 * which no Lambda bundles, are in all of them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { routes } from '#functions/routes';
import { buildOpenApiDocument } from '#shared/http/openapi';
import { API_CONVENTIONS } from './conventions';
import { OPENAPI_EXAMPLES } from './examples';

export const openApiDocument = () =>
  buildOpenApiDocument(routes, { examples: OPENAPI_EXAMPLES, description: API_CONVENTIONS });

/** The installed Redoc's version, which the reference page puts in its renderer's URL. */
export function redocVersion(): string {
  const require = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(require.resolve('redoc/package.json'), 'utf8')) as { version: string })
    .version;
}

import { openapiRoute } from './routes';
import { api } from '#shared/http/api-handler';
import { routes } from '#functions/routes';
import { buildOpenApiDocument } from '#shared/http/openapi';

// Built once per container: the document depends only on the code.
const document = JSON.stringify(buildOpenApiDocument(routes));

export const handler = api(openapiRoute, async () => ({
  status: 200,
  body: undefined,
  raw: document,
  headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
}));

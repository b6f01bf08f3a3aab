/**
 * GET /docs/redoc.standalone.js: the renderer the reference page loads (redoc-standalone.ts says how the installed
 * file reaches this function on AWS and on the embedded stack). The page links it with Redoc's version in the query,
 * so a year of caching never serves an old renderer after an upgrade.
 */
import { redocScriptRoute } from './reference-routes';
import { api } from '#shared/http/api-handler';
import { redocStandalone } from './redoc-standalone';

export const handler = api(redocScriptRoute, async () => ({
  status: 200,
  body: undefined,
  raw: await redocStandalone(),
  headers: {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=31536000, immutable',
  },
}));

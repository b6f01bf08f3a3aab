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
  summary: 'The API reference, rendered in the browser from /openapi.json by Redoc',
  auth: 'public',
  response: { status: 200, body: null, contentType: 'text/html' },
} as const satisfies RouteDef;
/**
 * The reference's renderer, Redoc's standalone bundle from the npm package (issue 12 §4: no CDN at run time), in a
 * function of its own so that the docs page's function stays small; cached by browsers for a year (the page links
 * it with the installed version in the query).
 */
export const redocScriptRoute = {
  method: 'GET',
  path: '/docs/redoc.standalone.js',
  handler: 'functions/platform/redoc-script',
  summary: 'The renderer /docs loads (Redoc’s standalone bundle, as installed from npm)',
  auth: 'public',
  response: { status: 200, body: null, contentType: 'text/javascript' },
} as const satisfies RouteDef;

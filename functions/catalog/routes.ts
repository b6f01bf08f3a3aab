/** The catalog routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import {
  AddCatalogItemBody,
  CatalogCodeParams,
  CatalogItem,
  CatalogResponse,
  RefineStandardBody,
} from '#shared/schemas/catalog.schema';

export const getPublicCatalogRoute = {
  method: 'GET',
  path: '/v1/public/catalog',
  handler: 'functions/catalog/get-public-catalog',
  summary: 'Service catalog and negative list (R-CAT-1, R-CAT-3, R-CAT-4)',
  auth: 'public',
  table: { read: ['CATALOG'] },
  response: { status: 200, body: CatalogResponse },
} as const satisfies RouteDef;
export const addCatalogItemRoute = {
  method: 'POST',
  path: '/v1/catalog/items',
  handler: 'functions/catalog/add-catalog-item',
  summary:
    'Add a district item to the catalog (R-CAT-2); refused when it falls on the negative list (R-CAT-3)',
  auth: ['bureau'],
  table: { read: ['CATALOG'], put: ['CATALOG'] },
  idempotent: true,
  request: { body: AddCatalogItemBody },
  response: { status: 201, body: CatalogItem },
} as const satisfies RouteDef;
export const refineStandardRoute = {
  method: 'PUT',
  path: '/v1/catalog/items/{code}/standard',
  handler: 'functions/catalog/refine-standard',
  summary: 'Refine the service standard of a catalog item (R-CAT-4)',
  auth: ['bureau'],
  table: { read: ['CATALOG'], put: ['CATALOG'] },
  conditional: true,
  request: { params: CatalogCodeParams, body: RefineStandardBody },
  response: { status: 200, body: CatalogItem },
} as const satisfies RouteDef;

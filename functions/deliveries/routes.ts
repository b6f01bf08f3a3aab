/**
 * The deliveries routes of the route table (functions/routes.ts), issue 13 §2: delivery records (one, or a
 * portal's batch of up to 500), a contract's records and its progress against the delivery plan. Each handler
 * imports only its own entry. `deliveriesRoutes` maps each route's name to its entry: routes.ts spreads it into the
 * table. docs/deliveries.md.
 */
import type { RouteDef } from '#shared/http/route-def';
import { IdParams, PageQuery } from '#shared/schemas/common.schema';
import {
  CreateDeliveryBatchBody,
  CreateDeliveryBody,
  Delivery,
  DeliveryBatchResult,
  DeliveryList,
  DeliveryParams,
  Progress,
} from '#shared/schemas/delivery.schema';

export const createDeliveryRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/deliveries',
  handler: 'functions/deliveries/create-delivery',
  summary:
    'Record a service delivered under a signed contract by a dispatched member of the contractor’s staff (R-CON-3, R-CON-4); the recipient sealed, kept as a pseudonymous reference',
  auth: ['contractor'],
  delegable: 'deliveries',
  // CONTRACT#: the contract; DISPATCH#: its dispatches (R-CON-3); DELIVERY#: the record, the recipient's item and
  // the progress counters (keys.ts).
  table: {
    read: ['CONTRACT#', 'DISPATCH#'],
    put: ['DELIVERY#'],
    update: ['DELIVERY#'],
    audit: ['delivery'],
  },
  idempotent: true,
  request: { params: IdParams, body: CreateDeliveryBody },
  response: { status: 201, body: Delivery },
} as const satisfies RouteDef;
export const createDeliveryBatchRoute = {
  method: 'POST',
  // Not `deliveries:batch`: API Gateway's HTTP API documents path segments and {variables}, not custom-method
  // suffixes, and the house's paths have none (docs/deliveries.md).
  path: '/v1/contracts/{id}/deliveries/batch',
  handler: 'functions/deliveries/create-delivery-batch',
  summary:
    'A day’s delivery records (up to 500) from a partner portal or the contractor, each with the portal’s own recordId (a retry creates nothing), answered row by row: created, duplicate or invalid with its field errors',
  auth: ['contractor'],
  delegable: 'deliveries',
  table: {
    read: ['CONTRACT#', 'DISPATCH#'],
    put: ['DELIVERY#'],
    update: ['DELIVERY#'],
    audit: ['delivery'],
  },
  request: { params: IdParams, body: CreateDeliveryBatchBody },
  response: { status: 200, body: DeliveryBatchResult },
} as const satisfies RouteDef;
export const listDeliveriesRoute = {
  method: 'GET',
  path: '/v1/contracts/{id}/deliveries',
  handler: 'functions/deliveries/list-deliveries',
  summary:
    'A contract’s delivery records, newest service first; recipients’ names and resident IDs in clear for the purchaser’s staff only',
  auth: ['bureau', 'town', 'finance', 'auditor', 'contractor'],
  delegable: 'deliveries',
  // CONTRACT#: the contract (who may read); DELIVERIES#: its records on GSI1, newest service first (keys.ts).
  table: { read: ['CONTRACT#'], index: ['DELIVERIES#'] },
  request: { params: IdParams, query: PageQuery },
  response: { status: 200, body: DeliveryList },
} as const satisfies RouteDef;
export const getDeliveryRoute = {
  method: 'GET',
  path: '/v1/contracts/{id}/deliveries/{deliveryId}',
  handler: 'functions/deliveries/get-delivery',
  summary:
    'One delivery record; the recipient’s name and resident ID in clear for the purchaser’s staff only',
  auth: ['bureau', 'town', 'finance', 'auditor', 'contractor'],
  delegable: 'deliveries',
  table: { read: ['CONTRACT#', 'DELIVERY#'] },
  request: { params: DeliveryParams },
  response: { status: 200, body: Delivery },
} as const satisfies RouteDef;
export const getProgressRoute = {
  method: 'GET',
  path: '/v1/contracts/{id}/progress',
  handler: 'functions/deliveries/get-progress',
  summary:
    'Planned against delivered per delivery line, the quantity expected by today (Asia/Shanghai) and on track / at risk / behind (R-SUP-1): one read, however many records',
  auth: ['bureau', 'town', 'finance', 'auditor', 'contractor'],
  delegable: 'deliveries',
  table: { read: ['DELIVERY#'] },
  request: { params: IdParams },
  response: { status: 200, body: Progress },
} as const satisfies RouteDef;

export const deliveriesRoutes = {
  createDelivery: createDeliveryRoute,
  createDeliveryBatch: createDeliveryBatchRoute,
  listDeliveries: listDeliveriesRoute,
  getDelivery: getDeliveryRoute,
  getProgress: getProgressRoute,
} as const satisfies Record<string, RouteDef>;

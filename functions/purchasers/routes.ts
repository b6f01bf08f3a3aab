/** The purchasers routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import { STAFF_READERS } from '#shared/http/route-def';
import { IdParams } from '#shared/schemas/common.schema';
import { ProcurementRules, ProcurementRulesBody } from '#shared/schemas/procurement-rules.schema';

export const getProcurementRulesRoute = {
  method: 'GET',
  path: '/v1/purchasers/{id}/procurement-rules',
  handler: 'functions/purchasers/get-procurement-rules',
  summary: "A purchaser's procurement method rules, or the defaults (R-PROC-2, R-PROC-3)",
  auth: STAFF_READERS,
  table: { read: ['PURCHASER#'] },
  request: { params: IdParams },
  response: { status: 200, body: ProcurementRules },
} as const satisfies RouteDef;
export const setProcurementRulesRoute = {
  method: 'PUT',
  path: '/v1/purchasers/{id}/procurement-rules',
  handler: 'functions/purchasers/set-procurement-rules',
  summary:
    "Configure a purchaser's procurement rules; the law's minimums are floors and the price weight stays inside 10–30 % (R-PROC-2, R-PROC-3)",
  auth: ['bureau'],
  table: { read: ['PURCHASER#'], put: ['PURCHASER#'] },
  conditional: true,
  request: { params: IdParams, body: ProcurementRulesBody },
  response: { status: 200, body: ProcurementRules },
} as const satisfies RouteDef;

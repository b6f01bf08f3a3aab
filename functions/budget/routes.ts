/** The budget routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import { STAFF_READERS } from '#shared/http/route-def';
import {
  BudgetLine,
  BudgetLineList,
  BudgetLineQuery,
  CreateBudgetLineBody,
} from '#shared/schemas/budget.schema';
import { IdParams } from '#shared/schemas/common.schema';

export const createBudgetLineRoute = {
  method: 'POST',
  path: '/v1/budget-lines',
  handler: 'functions/budget/create-budget-line',
  summary: 'Open a budget line of working or special funds for a purchaser and fiscal year (R-FUND-1)',
  // A town opens lines for itself only (R-BUY-1): checked against its purchaserId claim.
  auth: ['bureau', 'finance', 'town'],
  table: { read: ['BUDGET#', 'PURCHASER#'], put: ['BUDGET#'] },
  idempotent: true,
  request: { body: CreateBudgetLineBody },
  response: { status: 201, body: BudgetLine },
} as const satisfies RouteDef;
export const listBudgetLinesRoute = {
  method: 'GET',
  path: '/v1/budget-lines',
  handler: 'functions/budget/list-budget-lines',
  summary: "A purchaser's budget lines, newest fiscal year first (R-FUND-1)",
  auth: STAFF_READERS,
  table: { index: ['BUDGETLINES#'] },
  request: { query: BudgetLineQuery },
  response: { status: 200, body: BudgetLineList },
} as const satisfies RouteDef;
export const getBudgetLineRoute = {
  method: 'GET',
  path: '/v1/budget-lines/{id}',
  handler: 'functions/budget/get-budget-line',
  summary: 'One budget line: amount, committed, paid, available (R-FUND-2)',
  auth: STAFF_READERS,
  table: { read: ['BUDGET#'] },
  request: { params: IdParams },
  response: { status: 200, body: BudgetLine },
} as const satisfies RouteDef;

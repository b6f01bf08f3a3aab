/** The contracts routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import { IdParams } from '#shared/schemas/common.schema';
import { AcceptancePlan } from '#shared/schemas/acceptance-plan.schema';
import { Contract, ContractList, ContractQuery } from '#shared/schemas/contract.schema';

export const getContractRoute = {
  method: 'GET',
  path: '/v1/contracts/{id}',
  handler: 'functions/contracts/get-contract',
  summary: 'One contract: clauses, payment milestones, signatures, template version (R-CON-1..4)',
  // A town reads its own purchaser's contracts, a contractor its own (R-BUY-1).
  auth: ['bureau', 'town', 'finance', 'auditor', 'contractor'],
  delegable: 'contracts',
  table: { read: ['CONTRACT#'] },
  request: { params: IdParams },
  response: { status: 200, body: Contract },
} as const satisfies RouteDef;
export const listContractsRoute = {
  method: 'GET',
  path: '/v1/contracts',
  handler: 'functions/contracts/list-contracts',
  summary: "A contractor's contracts, newest first: a contractor its own, staff with ?contractorId=",
  auth: ['bureau', 'town', 'finance', 'auditor', 'contractor'],
  delegable: 'contracts',
  table: { index: ['CONTRACTS#'] },
  request: { query: ContractQuery },
  response: { status: 200, body: ContractList },
} as const satisfies RouteDef;
export const signContractRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/sign',
  handler: 'functions/contracts/sign-contract',
  summary:
    'Sign a contract, the contractor for itself, the bureau or town for the purchaser; the second signature commits the budget line (R-CON-1, R-FUND-2)',
  auth: ['contractor', 'bureau', 'town'],
  delegable: 'contracts',
  table: {
    read: ['BUDGET#', 'CATALOG', 'CONTRACT#', 'PROJECT#', 'PURCHASER#'],
    // Issue 13: the payment milestones (MILESTONE#) and the delivery counters (DELIVERY#) start at the second signature.
    put: ['BUDGET#', 'CONTRACT#', 'DELIVERY#', 'MILESTONE#', 'OCID#', 'PROJECT#', 'PUBLIC#'],
    update: ['BUDGET#'],
    delete: ['PROJECT#'],
    check: ['PROJECT#'],
  },
  conditional: true,
  request: { params: IdParams },
  response: { status: 200, body: Contract },
} as const satisfies RouteDef;
export const setAcceptancePlanRoute = {
  method: 'PUT',
  path: '/v1/contracts/{id}/acceptance-plan',
  handler: 'functions/contracts/set-acceptance-plan',
  summary:
    'Set the contract’s acceptance plan (履约验收方案: indicators and targets, stages, recipients’ sample and threshold, quorum, rectification, payment term) while nobody has signed (R-ACC-1..3)',
  // The purchaser's side: the bureau, or the town that is the contract's purchaser (R-BUY-1).
  auth: ['bureau', 'town'],
  table: { read: ['CONTRACT#'], put: ['CONTRACT#'] },
  conditional: true,
  request: { params: IdParams, body: AcceptancePlan() },
  response: { status: 200, body: Contract },
} as const satisfies RouteDef;

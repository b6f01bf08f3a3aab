/**
 * The payments routes of the route table (functions/routes.ts), issue 13 §4 (R-ACC-3, R-FUND-2; docs/payments.md);
 * each handler imports only its own entry. `paymentsRoutes` maps each route's name to its entry: routes.ts spreads
 * it into the table.
 */
import type { RouteDef } from '#shared/http/route-def';
import { IdParams } from '#shared/schemas/common.schema';
import { Contract } from '#shared/schemas/contract.schema';
import {
  DueList,
  DueQuery,
  Milestone,
  MilestoneList,
  MilestoneParams,
  PayMilestoneBody,
  Payment,
  ReleaseBody,
  TerminateBody,
  WithholdBody,
} from '#shared/schemas/payment.schema';

/*
 * Rights (keys.ts): CONTRACT# the contract; MILESTONE# its milestones and payments; ACCEPTANCE# (termination only)
 * its acceptances and their parked callbacks; BUDGET# the line and its
 * movement items; PURCHASER#, PROJECT#, CATALOG, OCID#, PUBLIC# what the OCDS release reads and writes
 * (implementation-disclosure.ts).
 */
const DISCLOSURE_READS = ['CATALOG', 'OCID#', 'PROJECT#', 'PURCHASER#'] as const;
const DISCLOSURE_PUTS = ['OCID#', 'PUBLIC#'] as const;

export const payMilestoneRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/payments',
  handler: 'functions/payments/pay-milestone',
  summary:
    'Pay a payable milestone (its acceptance passed, not withheld, the earlier ones paid): its amount less the deduction, from the budget line; the last one completes the contract (R-ACC-3, R-FUND-2)',
  auth: ['finance'],
  table: {
    read: ['BUDGET#', 'CONTRACT#', 'MILESTONE#', ...DISCLOSURE_READS],
    put: ['BUDGET#', 'CONTRACT#', 'MILESTONE#', ...DISCLOSURE_PUTS],
    update: ['BUDGET#'],
    // The payment, its milestone and, with the last one, the contract completed.
    audit: ['contract', 'milestone', 'payment'],
  },
  idempotent: true,
  request: { params: IdParams, body: PayMilestoneBody },
  response: { status: 201, body: Payment },
} as const satisfies RouteDef;
export const listMilestonesRoute = {
  method: 'GET',
  path: '/v1/contracts/{id}/milestones',
  handler: 'functions/payments/list-milestones',
  summary:
    "A contract's payment milestones: status, acceptance, deduction, due date, holds and payment (R-ACC-3, R-FUND-2)",
  // The purchaser's staff in scope (a town its own purchaser's), finance, audit, and the contract's contractor.
  auth: ['bureau', 'town', 'finance', 'auditor', 'contractor'],
  delegable: 'contracts',
  table: { read: ['CONTRACT#', 'MILESTONE#'] },
  request: { params: IdParams },
  response: { status: 200, body: MilestoneList },
} as const satisfies RouteDef;
export const listDueRoute = {
  method: 'GET',
  path: '/v1/payments/due',
  handler: 'functions/payments/list-due',
  summary:
    "One purchaser's payable and withheld milestones, oldest due first: due or overdue as of today in Asia/Shanghai (国务院令第802号)",
  auth: ['finance', 'bureau', 'auditor'],
  table: { index: ['PAYABLE#'] },
  request: { query: DueQuery },
  response: { status: 200, body: DueList },
} as const satisfies RouteDef;
export const withholdMilestoneRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/milestones/{seq}/withhold',
  handler: 'functions/payments/withhold-milestone',
  summary:
    'Withhold a payable milestone pending corrective action, with a reason (2 CFR 200.339): it cannot be paid until released',
  auth: ['finance', 'bureau'],
  table: { read: ['CONTRACT#', 'MILESTONE#'], put: ['MILESTONE#'], audit: ['milestone'] },
  conditional: true,
  request: { params: MilestoneParams, body: WithholdBody },
  response: { status: 200, body: Milestone },
} as const satisfies RouteDef;
export const releaseMilestoneRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/milestones/{seq}/release',
  handler: 'functions/payments/release-milestone',
  summary:
    'Release a withheld milestone with a note: payable again, its due date moved by the days it was withheld',
  auth: ['finance', 'bureau'],
  table: { read: ['CONTRACT#', 'MILESTONE#'], put: ['MILESTONE#'], audit: ['milestone'] },
  conditional: true,
  request: { params: MilestoneParams, body: ReleaseBody },
  response: { status: 200, body: Milestone },
} as const satisfies RouteDef;
export const terminateContractRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/terminate',
  handler: 'functions/payments/terminate-contract',
  summary:
    'Terminate a signed contract for breach (reason, liability): unpaid milestones cancelled, acceptances under way cancelled and their workflows ended, the unpaid remainder released from the budget line (R-FUND-2, R-ACC-3)',
  auth: ['bureau'],
  // ACCEPTANCE#: the acceptances under way are read and cancelled in the transaction (put), then their parked
  // callbacks are read (Query on CALLBACK#) and deleted once failed; SendTaskFailure on the acceptance workflow is
  // its `callbacks` entry in functions/workflows.ts.
  table: {
    read: ['ACCEPTANCE#', 'BUDGET#', 'CONTRACT#', 'MILESTONE#', ...DISCLOSURE_READS],
    put: ['ACCEPTANCE#', 'BUDGET#', 'CONTRACT#', 'MILESTONE#', ...DISCLOSURE_PUTS],
    update: ['BUDGET#'],
    delete: ['ACCEPTANCE#'],
    // The contract terminated, its milestones and its acceptances under way cancelled.
    audit: ['acceptance', 'contract', 'milestone'],
  },
  conditional: true,
  request: { params: IdParams, body: TerminateBody },
  response: { status: 200, body: Contract },
} as const satisfies RouteDef;

export const paymentsRoutes = {
  payMilestone: payMilestoneRoute,
  listMilestones: listMilestonesRoute,
  listDue: listDueRoute,
  withholdMilestone: withholdMilestoneRoute,
  releaseMilestone: releaseMilestoneRoute,
  terminateContract: terminateContractRoute,
} as const satisfies Record<string, RouteDef>;

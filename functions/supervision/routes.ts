/**
 * The supervision routes of the route table (functions/routes.ts), issue 13 §2: quarterly financial reports
 * (R-CON-4) and inspections with findings tracked to closed (R-SUP-1); docs/supervision.md. Each handler imports
 * only its own entry; `supervisionRoutes` maps each route's name to its entry and routes.ts spreads it into the table.
 *
 * The contractor's side is delegable under `deliveries`: reporting on and answering for the service delivered is the
 * same day-to-day work a partner portal already does for the contractor (delivery records), and it acts on nothing
 * of the procurement (bids) or the contract's terms (contracts).
 */
import type { RouteDef } from '#shared/http/route-def';
import { IdParams, PageQuery } from '#shared/schemas/common.schema';
import {
  CloseFindingBody,
  FinancialReport,
  FinancialReportList,
  FindingParams,
  Inspection,
  InspectionList,
  InspectionParams,
  RecordInspectionBody,
  ReopenFindingBody,
  ReportParams,
  RespondToFindingBody,
  ReviewFinancialReportBody,
  SubmitFinancialReportBody,
} from '#shared/schemas/supervision.schema';

// SUPERVISION#<contractId>: the contract's reports and inspections (keys.ts); CONTRACT#: who may, its state and term.
export const submitFinancialReportRoute = {
  method: 'PUT',
  path: '/v1/contracts/{id}/financial-reports/{period}',
  handler: 'functions/supervision/submit-financial-report',
  summary:
    "Submit (If-None-Match: *) a quarter's financial report on the contract, or resubmit (If-Match) a returned one: the contract's contractor (R-CON-4)",
  auth: ['contractor'],
  delegable: 'deliveries',
  table: { read: ['CONTRACT#', 'SUPERVISION#'], put: ['SUPERVISION#'], audit: ['financial-report'] },
  conditional: 'create-or-replace',
  request: { params: ReportParams, body: SubmitFinancialReportBody },
  response: { status: 201, body: FinancialReport, alsoStatus: [200] },
} as const satisfies RouteDef;
export const reviewFinancialReportRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/financial-reports/{period}/review',
  handler: 'functions/supervision/review-financial-report',
  summary:
    'Accept a financial report under review, or return it with a reason: the bureau or the purchasing town (R-CON-4)',
  auth: ['bureau', 'town'],
  table: { read: ['SUPERVISION#'], put: ['SUPERVISION#'], audit: ['financial-report'] },
  conditional: true,
  request: { params: ReportParams, body: ReviewFinancialReportBody },
  response: { status: 200, body: FinancialReport },
} as const satisfies RouteDef;
export const listFinancialReportsRoute = {
  method: 'GET',
  path: '/v1/contracts/{id}/financial-reports',
  handler: 'functions/supervision/list-financial-reports',
  summary:
    "A contract's quarterly financial reports, oldest quarter first: its contractor, the purchaser's staff, finance, the auditor (R-CON-4)",
  auth: ['bureau', 'town', 'finance', 'auditor', 'contractor'],
  delegable: 'deliveries',
  table: { read: ['CONTRACT#', 'SUPERVISION#'] },
  request: { params: IdParams, query: PageQuery },
  response: { status: 200, body: FinancialReportList },
} as const satisfies RouteDef;
export const recordInspectionRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/inspections',
  handler: 'functions/supervision/record-inspection',
  summary:
    'Record an inspection (spot check) of a signed contract with its findings, each awaiting the contractor’s response: the bureau or the purchasing town (R-SUP-1)',
  auth: ['bureau', 'town'],
  table: { read: ['CONTRACT#'], put: ['SUPERVISION#'], audit: ['inspection'] },
  idempotent: true,
  request: { params: IdParams, body: RecordInspectionBody },
  response: { status: 201, body: Inspection },
} as const satisfies RouteDef;
export const listInspectionsRoute = {
  method: 'GET',
  path: '/v1/contracts/{id}/inspections',
  handler: 'functions/supervision/list-inspections',
  summary:
    "A contract's inspections, oldest first, each finding's status as of today (overdue computed, Asia/Shanghai) (R-SUP-1)",
  auth: ['bureau', 'town', 'finance', 'auditor', 'contractor'],
  delegable: 'deliveries',
  table: { read: ['CONTRACT#', 'SUPERVISION#'] },
  request: { params: IdParams, query: PageQuery },
  response: { status: 200, body: InspectionList },
} as const satisfies RouteDef;
export const getInspectionRoute = {
  method: 'GET',
  path: '/v1/contracts/{id}/inspections/{inspectionId}',
  handler: 'functions/supervision/get-inspection',
  summary: 'One inspection and its findings, each as of today (overdue computed, Asia/Shanghai) (R-SUP-1)',
  auth: ['bureau', 'town', 'finance', 'auditor', 'contractor'],
  delegable: 'deliveries',
  table: { read: ['SUPERVISION#'] },
  request: { params: InspectionParams },
  response: { status: 200, body: Inspection },
} as const satisfies RouteDef;
export const respondToFindingRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/inspections/{inspectionId}/findings/{n}/response',
  handler: 'functions/supervision/respond-to-finding',
  summary:
    "The contractor's response to a finding awaiting one (If-Match: the inspection's ETag); late ones are marked late (R-SUP-1)",
  auth: ['contractor'],
  delegable: 'deliveries',
  table: { read: ['SUPERVISION#'], put: ['SUPERVISION#'], audit: ['inspection'] },
  conditional: true,
  request: { params: FindingParams, body: RespondToFindingBody },
  response: { status: 200, body: Inspection },
} as const satisfies RouteDef;
export const closeFindingRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/inspections/{inspectionId}/findings/{n}/close',
  handler: 'functions/supervision/close-finding',
  summary:
    'Close a finding the contractor has answered (If-Match: the inspection’s ETag): the bureau or the purchasing town (R-SUP-1)',
  auth: ['bureau', 'town'],
  table: { read: ['SUPERVISION#'], put: ['SUPERVISION#'], audit: ['inspection'] },
  conditional: true,
  request: { params: FindingParams, body: CloseFindingBody },
  response: { status: 200, body: Inspection },
} as const satisfies RouteDef;
export const reopenFindingRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/inspections/{inspectionId}/findings/{n}/reopen',
  handler: 'functions/supervision/reopen-finding',
  summary:
    'Reopen an answered finding whose response is not enough, with the reason and a new due date (If-Match): the bureau or the purchasing town (R-SUP-1)',
  auth: ['bureau', 'town'],
  table: { read: ['SUPERVISION#'], put: ['SUPERVISION#'], audit: ['inspection'] },
  conditional: true,
  request: { params: FindingParams, body: ReopenFindingBody },
  response: { status: 200, body: Inspection },
} as const satisfies RouteDef;

export const supervisionRoutes = {
  submitFinancialReport: submitFinancialReportRoute,
  reviewFinancialReport: reviewFinancialReportRoute,
  listFinancialReports: listFinancialReportsRoute,
  recordInspection: recordInspectionRoute,
  listInspections: listInspectionsRoute,
  getInspection: getInspectionRoute,
  respondToFinding: respondToFindingRoute,
  closeFinding: closeFindingRoute,
  reopenFinding: reopenFindingRoute,
} as const satisfies Record<string, RouteDef>;

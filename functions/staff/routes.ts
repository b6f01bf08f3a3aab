/**
 * The staff routes of the route table (functions/routes.ts), issue 13 §1: a contractor's roster with its employment
 * evidence, and the dispatch of rostered people to a contract's places (R-CON-3, R-STAFF-1, R-STAFF-2;
 * docs/staff-and-dispatch.md). Each handler imports only its own entry. `staffRoutes` maps each route's name to
 * its entry: routes.ts spreads it into the table.
 */
import type { RouteDef } from '#shared/http/route-def';
import { STAFF_EVIDENCE_OBJECTS } from '#shared/http/route-def';
import { IdParams, PageQuery } from '#shared/schemas/common.schema';
import {
  CreateDispatchBody,
  CreateStaffBody,
  Dispatch,
  DispatchedStaffList,
  DispatchList,
  DispatchParams,
  EndDispatchBody,
  LeaveStaffBody,
  StaffEvidenceBody,
  StaffEvidenceUpload,
  StaffList,
  StaffMember,
  StaffParams,
} from '#shared/schemas/staff.schema';

export const createStaffRoute = {
  method: 'POST',
  path: '/v1/contractors/{id}/staff',
  handler: 'functions/staff/create-staff',
  summary:
    "Add a person to the contractor's roster: resident ID checked (GB 11643) and sealed (R-CON-3, R-STAFF-1)",
  auth: ['bureau', 'contractor'],
  delegable: 'deliveries',
  // CONTRACTOR#: the contractor must exist; its partition holds the roster (STAFF#, keys.ts) and the roster's
  // uniqueness marker (PERSON#<personHash>: one active entry per person, 409 naming residentId).
  table: { read: ['CONTRACTOR#'], put: ['CONTRACTOR#'], audit: ['staff'] },
  idempotent: true,
  request: { params: IdParams, body: CreateStaffBody },
  response: { status: 201, body: StaffMember },
} as const satisfies RouteDef;
export const listStaffRoute = {
  method: 'GET',
  path: '/v1/contractors/{id}/staff',
  handler: 'functions/staff/list-staff',
  summary:
    "A contractor's roster, those who left included: resident IDs in full for the bureau and the contractor, masked for the auditor",
  // R-BUY-1: not a town (it lists the staff dispatched to its places, listDispatchedStaff) nor finance (it pays
  // contracts, not people); the auditor reads the roster masked (docs/staff-and-dispatch.md, Who reads a roster).
  auth: ['bureau', 'auditor', 'contractor'],
  delegable: 'deliveries',
  table: { read: ['CONTRACTOR#'] },
  request: { params: IdParams, query: PageQuery },
  response: { status: 200, body: StaffList },
} as const satisfies RouteDef;
export const getStaffRoute = {
  method: 'GET',
  path: '/v1/contractors/{id}/staff/{staffId}',
  handler: 'functions/staff/get-staff',
  summary: 'One staff member with the state of its employment evidence',
  // R-BUY-1: not a town (it lists the staff dispatched to its places, listDispatchedStaff) nor finance (it pays
  // contracts, not people); the auditor reads the roster masked (docs/staff-and-dispatch.md, Who reads a roster).
  auth: ['bureau', 'auditor', 'contractor'],
  delegable: 'deliveries',
  table: { read: ['CONTRACTOR#'] },
  request: { params: StaffParams },
  response: { status: 200, body: StaffMember },
} as const satisfies RouteDef;
export const leaveStaffRoute = {
  method: 'POST',
  path: '/v1/contractors/{id}/staff/{staffId}/leave',
  handler: 'functions/staff/leave-staff',
  summary:
    'Date a staff member’s leaving the roster (never a delete); 409 R-CON-3 while a dispatch of theirs runs past that day',
  auth: ['bureau', 'contractor'],
  delegable: 'deliveries',
  // PERSON#: the person's dispatches, none of this contractor's may run past the leaving day, held at the version
  // read (ConditionCheck) so a dispatch landing meanwhile is seen; CONTRACTOR#: the entry and its roster marker.
  table: { read: ['CONTRACTOR#', 'PERSON#'], put: ['CONTRACTOR#'], check: ['PERSON#'], audit: ['staff'] },
  conditional: true,
  request: { params: StaffParams, body: LeaveStaffBody },
  response: { status: 200, body: StaffMember },
} as const satisfies RouteDef;
export const requestStaffEvidenceUploadRoute = {
  method: 'POST',
  path: '/v1/contractors/{id}/staff/{staffId}/evidence',
  handler: 'functions/staff/request-staff-evidence-upload',
  summary:
    "Declare a staff member's employment evidence (labour contract or social-insurance record) and get a presigned POST (R-CON-3)",
  auth: ['bureau', 'contractor'],
  delegable: 'deliveries',
  // QUOTA#: the contractor's daily allowance of declared documents (shared/use-cases/document-quota.ts).
  table: { read: ['CONTRACTOR#'], put: ['CONTRACTOR#'], update: ['QUOTA#'], audit: ['staff'] },
  bucket: { put: [STAFF_EVIDENCE_OBJECTS] },
  idempotent: true,
  request: { params: StaffParams, body: StaffEvidenceBody },
  response: { status: 201, body: StaffEvidenceUpload, errors: [429] },
} as const satisfies RouteDef;
export const createDispatchRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/dispatches',
  handler: 'functions/staff/create-dispatch',
  summary:
    "Dispatch a person of the contractor's roster to a place for a period of a signed contract; 409 R-CON-3 for anyone not its own verified employee or dispatched by another contractor then",
  auth: ['contractor'],
  delegable: 'deliveries',
  // CONTRACT#: the contract; CONTRACTOR#: the roster; PURCHASER#: the place's purchaser and villages; PERSON#: the
  // person's dispatches across contractors, written on its version (keys.ts); DISPATCH#: the dispatch. The roster
  // entry is held at the version read (check CONTRACTOR#), so a leaving landing meanwhile is seen.
  table: {
    read: ['CONTRACT#', 'CONTRACTOR#', 'PERSON#', 'PURCHASER#'],
    put: ['DISPATCH#', 'PERSON#'],
    check: ['CONTRACTOR#'],
    audit: ['dispatch'],
  },
  idempotent: true,
  request: { params: IdParams, body: CreateDispatchBody },
  response: { status: 201, body: Dispatch },
} as const satisfies RouteDef;
export const endDispatchRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/dispatches/{dispatchId}/end',
  handler: 'functions/staff/end-dispatch',
  summary: 'End a dispatch early, dated: the person is free for other work from the next day',
  auth: ['contractor'],
  delegable: 'deliveries',
  table: {
    read: ['CONTRACT#', 'CONTRACTOR#', 'DISPATCH#', 'PERSON#'],
    put: ['DISPATCH#', 'PERSON#'],
    audit: ['dispatch'],
  },
  conditional: true,
  request: { params: DispatchParams, body: EndDispatchBody },
  response: { status: 200, body: Dispatch },
} as const satisfies RouteDef;
export const listDispatchesRoute = {
  method: 'GET',
  path: '/v1/contracts/{id}/dispatches',
  handler: 'functions/staff/list-dispatches',
  summary:
    "A contract's dispatches and its staffing share: social-work-qualified people against the plan's minimum (R-STAFF-1)",
  auth: ['bureau', 'town', 'auditor', 'finance', 'contractor'],
  delegable: 'deliveries',
  table: { read: ['CONTRACT#', 'DISPATCH#'] },
  request: { params: IdParams },
  response: { status: 200, body: DispatchList },
} as const satisfies RouteDef;
export const listDispatchedStaffRoute = {
  method: 'GET',
  path: '/v1/purchasers/{id}/dispatched-staff',
  handler: 'functions/staff/list-dispatched-staff',
  summary:
    'The staff dispatched to this purchaser’s places, by first day (区买乡用, R-STAFF-2): names shown, resident IDs masked',
  auth: ['bureau', 'town'],
  table: { index: ['DISPATCHED#'] },
  request: { params: IdParams, query: PageQuery },
  response: { status: 200, body: DispatchedStaffList },
} as const satisfies RouteDef;

export const staffRoutes = {
  createStaff: createStaffRoute,
  listStaff: listStaffRoute,
  getStaff: getStaffRoute,
  leaveStaff: leaveStaffRoute,
  requestStaffEvidenceUpload: requestStaffEvidenceUploadRoute,
  createDispatch: createDispatchRoute,
  endDispatch: endDispatchRoute,
  listDispatches: listDispatchesRoute,
  listDispatchedStaff: listDispatchedStaffRoute,
} as const satisfies Record<string, RouteDef>;

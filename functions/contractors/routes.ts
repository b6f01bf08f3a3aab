/** The contractors routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import { EVIDENCE_OBJECTS } from '#shared/http/route-def';
import { STAFF_READERS } from '#shared/http/route-def';
import { IdParams, PageQuery } from '#shared/schemas/common.schema';
import {
  ConditionParams,
  Contractor,
  ContractorDocument,
  ContractorList,
  DecisionBody,
  DocumentList,
  DocumentParams,
  DocumentUploadResponse,
  Eligibility,
  FlagsBody,
  RegisterContractorBody,
  RequestDocumentBody,
} from '#shared/schemas/contractor.schema';
import {
  ContractorUser,
  CreateContractorUserBody,
  CreditCodeParams,
} from '#shared/schemas/contractor-user.schema';

export const registerContractorRoute = {
  method: 'POST',
  path: '/v1/contractors',
  handler: 'functions/contractors/register-contractor',
  summary: 'Register a contractor (R-QUAL-1, R-QUAL-3)',
  auth: ['bureau', 'portal'],
  table: { read: ['CONTRACTOR#', 'CREDITCODE#'], put: ['CONTRACTOR#', 'CREDITCODE#'] },
  idempotent: true,
  request: { body: RegisterContractorBody },
  response: { status: 201, body: Contractor },
} as const satisfies RouteDef;
/**
 * Issue 12 §2: finding a contractor again by its credit code, for staff and the portal that registered it (a
 * portal that lost its 201 finds its contractor). A path of its own rather than a filter on the list: the list is
 * staff-only and pages the whole registry, this answers one record or 404, and "not registered" and "registered
 * through another portal" are the same 404 (no enumeration oracle). Only an organization's code (GB 32100, checked
 * before any read): a natural person's resident ID never goes into a URL.
 */
export const findContractorByCreditCodeRoute = {
  method: 'GET',
  path: '/v1/contractors/by-credit-code/{creditCode}',
  handler: 'functions/contractors/find-contractor-by-credit-code',
  summary: 'The contractor registered with this unified social credit code (R-QUAL-3)',
  auth: ['bureau', 'town', 'auditor', 'finance', 'portal'],
  // CREDITCODE#: the uniqueness marker names the contractor (register-contractor writes it).
  table: { read: ['CREDITCODE#', 'CONTRACTOR#'] },
  request: { params: CreditCodeParams },
  response: { status: 200, body: Contractor },
} as const satisfies RouteDef;
/**
 * Issue 12 §1: a login for a contractor's staff, created by the bureau or by the portal that registered the
 * contractor: a user in the directory (Cognito on AWS) linked through `custom:contractorId` and in the contractor
 * group, recorded on the contractor (`CONTRACTOR#<id>` / `USER#<username>`) with its audit entry.
 */
export const createContractorUserRoute = {
  method: 'POST',
  path: '/v1/contractors/{id}/users',
  handler: 'functions/contractors/create-contractor-user',
  summary: "Create a login for a contractor's staff member; the directory mails the invitation",
  auth: ['bureau', 'portal'],
  table: { read: ['CONTRACTOR#'], put: ['CONTRACTOR#'], audit: ['contractor-user'] },
  userPool: true,
  idempotent: true,
  request: { params: IdParams, body: CreateContractorUserBody },
  response: { status: 201, body: ContractorUser },
} as const satisfies RouteDef;
export const listContractorsRoute = {
  method: 'GET',
  path: '/v1/contractors',
  handler: 'functions/contractors/list-contractors',
  summary: 'Contractors in registration order',
  auth: STAFF_READERS,
  table: { index: ['CONTRACTORS'] },
  request: { query: PageQuery },
  response: { status: 200, body: ContractorList },
} as const satisfies RouteDef;
export const getContractorRoute = {
  method: 'GET',
  path: '/v1/contractors/{id}',
  handler: 'functions/contractors/get-contractor',
  summary: 'One contractor with its qualification state',
  // Written out, not spread: a spread keeps this route (and its schemas) in every bundle.
  auth: ['bureau', 'town', 'auditor', 'finance', 'contractor', 'portal'],
  delegable: 'documents',
  // TOWNCONTACT#: a town sees the contacts of a contractor that bid on its projects (issue 11 §6, keys.ts).
  table: { read: ['CONTRACTOR#', 'TOWNCONTACT#'] },
  request: { params: IdParams },
  response: { status: 200, body: Contractor },
} as const satisfies RouteDef;
export const requestDocumentUploadRoute = {
  method: 'POST',
  path: '/v1/contractors/{id}/documents',
  handler: 'functions/contractors/request-document-upload',
  summary: 'Declare an evidence document for a condition and get a presigned POST (R-QUAL-2)',
  auth: ['bureau', 'contractor'],
  delegable: 'documents',
  // QUOTA#: the contractor's daily allowance of declared documents (shared/use-cases/document-quota.ts).
  table: { read: ['CONTRACTOR#'], put: ['CONTRACTOR#'], update: ['QUOTA#'] },
  bucket: { put: [EVIDENCE_OBJECTS] },
  idempotent: true,
  request: { params: IdParams, body: RequestDocumentBody },
  // 429: the daily allowance of declared documents is used up (issue 11 §4).
  response: { status: 201, body: DocumentUploadResponse, errors: [429] },
} as const satisfies RouteDef;
export const listDocumentsRoute = {
  method: 'GET',
  path: '/v1/contractors/{id}/documents',
  handler: 'functions/contractors/list-documents',
  summary: 'Evidence documents of a contractor, every revision, newest first',
  auth: ['bureau', 'contractor'],
  delegable: 'documents',
  table: { read: ['CONTRACTOR#'] },
  request: { params: IdParams, query: PageQuery },
  response: { status: 200, body: DocumentList },
} as const satisfies RouteDef;
export const getDocumentRoute = {
  method: 'GET',
  path: '/v1/contractors/{id}/documents/{documentId}',
  handler: 'functions/contractors/get-document',
  summary: 'One evidence document, its verification status and a short download link',
  auth: ['bureau', 'contractor'],
  delegable: 'documents',
  table: { read: ['CONTRACTOR#'] },
  bucket: { get: [EVIDENCE_OBJECTS] },
  request: { params: DocumentParams },
  response: { status: 200, body: ContractorDocument },
} as const satisfies RouteDef;
export const decideConditionRoute = {
  method: 'PUT',
  path: '/v1/contractors/{id}/conditions/{condition}/decision',
  handler: 'functions/contractors/decide-condition',
  summary: "Record the reviewer's decision on one condition, on verified evidence (R-QUAL-2)",
  auth: ['bureau'],
  table: { read: ['CONTRACTOR#'], put: ['CONTRACTOR#'], check: ['CONTRACTOR#'] },
  conditional: true,
  request: { params: ConditionParams, body: DecisionBody },
  response: { status: 200, body: Contractor },
} as const satisfies RouteDef;
export const setFlagsRoute = {
  method: 'PUT',
  path: '/v1/contractors/{id}/flags',
  handler: 'functions/contractors/set-flags',
  summary: 'Flag or clear a credit-list hit or a failed annual report (R-QUAL-5)',
  auth: ['bureau'],
  table: { read: ['CONTRACTOR#'], put: ['CONTRACTOR#'] },
  conditional: true,
  request: { params: IdParams, body: FlagsBody },
  response: { status: 200, body: Contractor },
} as const satisfies RouteDef;
export const getEligibilityRoute = {
  method: 'GET',
  path: '/v1/contractors/{id}/eligibility',
  handler: 'functions/contractors/get-eligibility',
  summary: 'Whether the contractor may bid today (R-QUAL-2, R-QUAL-5)',
  auth: ['bureau', 'town', 'auditor', 'finance', 'contractor'],
  delegable: 'documents',
  table: { read: ['CONTRACTOR#'] },
  request: { params: IdParams },
  response: { status: 200, body: Eligibility },
} as const satisfies RouteDef;

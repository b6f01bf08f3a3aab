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

/**
 * The one route table (architecture.md): CDK builds one function and one API route per entry,
 * the embedded gateway dispatches to the same handler modules, OpenAPI is generated from it,
 * and each handler reads its own entry for roles and schemas. Nothing is declared twice.
 */
import { AuditParams, AuditTrail } from '#shared/schemas/audit.schema';
import type { Schema } from '#shared/schemas/zod';
import * as z from '#shared/schemas/zod';
import {
  AddCatalogItemBody,
  CatalogCodeParams,
  CatalogItem,
  CatalogResponse,
  RefineStandardBody,
} from '#shared/schemas/catalog.schema';
import {
  BudgetLine,
  BudgetLineList,
  BudgetLineQuery,
  CreateBudgetLineBody,
} from '#shared/schemas/budget.schema';
import { IdParams, PageQuery } from '#shared/schemas/common.schema';
import {
  AnnouncementList,
  OcidParams,
  RecordPackage,
  ReleasePackage,
  ReleasesQuery,
} from '#shared/schemas/disclosure.schema';
import { ProcurementRules, ProcurementRulesBody } from '#shared/schemas/procurement-rules.schema';
import {
  CancelProjectBody,
  CreateProjectBody,
  Project,
  ProjectList,
  ProjectQuery,
  UpdateProjectBody,
} from '#shared/schemas/project.schema';
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

export const ROLES = ['bureau', 'town', 'contractor', 'evaluator', 'finance', 'auditor', 'portal'] as const;
export type Role = (typeof ROLES)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Access = 'read' | 'readwrite';

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway path syntax: `/v1/contractors/{id}` */
  path: string;
  /** Module exporting `handler`, relative to the repository root, without extension. */
  handler: string;
  summary: string;
  /** `public`: no token (API Gateway route without authorizer). Otherwise the roles allowed. */
  auth: 'public' | readonly Role[];
  /** Least privilege: what the function may do on the table and on the document bucket. */
  table?: Access;
  bucket?: Access;
  /** Creating POST: honours `Idempotency-Key`. */
  idempotent?: boolean;
  /** Update: requires `If-Match` with the record's version. */
  conditional?: boolean;
  request?: { params?: Schema; query?: Schema; body?: Schema };
  /** The success status and body schema (`null` for non-JSON bodies such as the docs page). */
  response: { status: number; body: Schema | null; contentType?: string; alsoStatus?: readonly number[] };
}

const STAFF_READERS = ['bureau', 'town', 'auditor', 'finance'] as const satisfies readonly Role[];

// Each route is its own export so a handler bundles only its route and the schemas that route uses.
export const healthRoute = {
  method: 'GET',
  path: '/health',
  handler: 'functions/platform/health',
  summary: 'State of the table and the document bucket',
  auth: 'public',
  table: 'read',
  bucket: 'read',
  response: {
    status: 200,
    body: z.object({ status: z.enum(['ok', 'degraded']), services: z.record(z.string(), z.string()) }),
    // 503 with the same body when a service does not answer.
    alsoStatus: [503],
  },
} as const satisfies RouteDef;

export const openapiRoute = {
  method: 'GET',
  path: '/openapi.json',
  handler: 'functions/platform/openapi',
  summary: 'OpenAPI 3.1 description of this API',
  auth: 'public',
  response: { status: 200, body: null, contentType: 'application/json' },
} as const satisfies RouteDef;

export const docsRoute = {
  method: 'GET',
  path: '/docs',
  handler: 'functions/platform/docs',
  summary: 'Human-readable API reference',
  auth: 'public',
  response: { status: 200, body: null, contentType: 'text/html' },
} as const satisfies RouteDef;

export const getPublicCatalogRoute = {
  method: 'GET',
  path: '/v1/public/catalog',
  handler: 'functions/catalog/get-public-catalog',
  summary: 'Service catalog and negative list (R-CAT-1, R-CAT-3, R-CAT-4)',
  auth: 'public',
  table: 'read',
  response: { status: 200, body: CatalogResponse },
} as const satisfies RouteDef;

export const addCatalogItemRoute = {
  method: 'POST',
  path: '/v1/catalog/items',
  handler: 'functions/catalog/add-catalog-item',
  summary:
    'Add a district item to the catalog (R-CAT-2); refused when it falls on the negative list (R-CAT-3)',
  auth: ['bureau'],
  table: 'readwrite',
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
  table: 'readwrite',
  conditional: true,
  request: { params: CatalogCodeParams, body: RefineStandardBody },
  response: { status: 200, body: CatalogItem },
} as const satisfies RouteDef;

export const registerContractorRoute = {
  method: 'POST',
  path: '/v1/contractors',
  handler: 'functions/contractors/register-contractor',
  summary: 'Register a contractor (R-QUAL-1, R-QUAL-3)',
  auth: ['bureau', 'portal'],
  table: 'readwrite',
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
  table: 'read',
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
  table: 'read',
  request: { params: IdParams },
  response: { status: 200, body: Contractor },
} as const satisfies RouteDef;

export const requestDocumentUploadRoute = {
  method: 'POST',
  path: '/v1/contractors/{id}/documents',
  handler: 'functions/contractors/request-document-upload',
  summary: 'Declare an evidence document for a condition and get a presigned POST (R-QUAL-2)',
  auth: ['bureau', 'contractor'],
  table: 'readwrite',
  bucket: 'readwrite',
  idempotent: true,
  request: { params: IdParams, body: RequestDocumentBody },
  response: { status: 201, body: DocumentUploadResponse },
} as const satisfies RouteDef;

export const listDocumentsRoute = {
  method: 'GET',
  path: '/v1/contractors/{id}/documents',
  handler: 'functions/contractors/list-documents',
  summary: 'Evidence documents of a contractor, every revision, newest first',
  auth: ['bureau', 'contractor'],
  table: 'read',
  request: { params: IdParams, query: PageQuery },
  response: { status: 200, body: DocumentList },
} as const satisfies RouteDef;

export const getDocumentRoute = {
  method: 'GET',
  path: '/v1/contractors/{id}/documents/{documentId}',
  handler: 'functions/contractors/get-document',
  summary: 'One evidence document, its verification status and a short download link',
  auth: ['bureau', 'contractor'],
  table: 'read',
  bucket: 'read',
  request: { params: DocumentParams },
  response: { status: 200, body: ContractorDocument },
} as const satisfies RouteDef;

export const decideConditionRoute = {
  method: 'PUT',
  path: '/v1/contractors/{id}/conditions/{condition}/decision',
  handler: 'functions/contractors/decide-condition',
  summary: "Record the reviewer's decision on one condition, on verified evidence (R-QUAL-2)",
  auth: ['bureau'],
  table: 'readwrite',
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
  table: 'readwrite',
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
  table: 'read',
  request: { params: IdParams },
  response: { status: 200, body: Eligibility },
} as const satisfies RouteDef;

export const createBudgetLineRoute = {
  method: 'POST',
  path: '/v1/budget-lines',
  handler: 'functions/budget/create-budget-line',
  summary: 'Open a budget line of working or special funds for a purchaser and fiscal year (R-FUND-1)',
  // A town opens lines for itself only (R-BUY-1): checked against its purchaserId claim.
  auth: ['bureau', 'finance', 'town'],
  table: 'readwrite',
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
  table: 'read',
  request: { query: BudgetLineQuery },
  response: { status: 200, body: BudgetLineList },
} as const satisfies RouteDef;

export const getBudgetLineRoute = {
  method: 'GET',
  path: '/v1/budget-lines/{id}',
  handler: 'functions/budget/get-budget-line',
  summary: 'One budget line: amount, committed, paid, available (R-FUND-2)',
  auth: STAFF_READERS,
  table: 'read',
  request: { params: IdParams },
  response: { status: 200, body: BudgetLine },
} as const satisfies RouteDef;

export const getProcurementRulesRoute = {
  method: 'GET',
  path: '/v1/purchasers/{id}/procurement-rules',
  handler: 'functions/purchasers/get-procurement-rules',
  summary: "A purchaser's procurement method rules, or the defaults (R-PROC-2, R-PROC-3)",
  auth: STAFF_READERS,
  table: 'read',
  request: { params: IdParams },
  response: { status: 200, body: ProcurementRules },
} as const satisfies RouteDef;

export const setProcurementRulesRoute = {
  method: 'PUT',
  path: '/v1/purchasers/{id}/procurement-rules',
  handler: 'functions/purchasers/set-procurement-rules',
  summary: "Configure a purchaser's procurement rules; the law's minimums are floors (R-PROC-2, R-PROC-3)",
  auth: ['bureau'],
  table: 'readwrite',
  conditional: true,
  request: { params: IdParams, body: ProcurementRulesBody },
  response: { status: 200, body: ProcurementRules },
} as const satisfies RouteDef;

export const createProjectRoute = {
  method: 'POST',
  path: '/v1/projects',
  handler: 'functions/projects/create-project',
  summary:
    'Draft a purchase project: catalog item, budget line, method, criteria (R-PROC-2..4, R-CAT-3, R-CAT-4)',
  auth: ['bureau', 'town'],
  table: 'readwrite',
  idempotent: true,
  request: { body: CreateProjectBody },
  response: { status: 201, body: Project },
} as const satisfies RouteDef;

export const listProjectsRoute = {
  method: 'GET',
  path: '/v1/projects',
  handler: 'functions/projects/list-projects',
  summary: "A purchaser's projects, by status, newest first",
  auth: STAFF_READERS,
  table: 'read',
  request: { query: ProjectQuery },
  response: { status: 200, body: ProjectList },
} as const satisfies RouteDef;

export const getProjectRoute = {
  method: 'GET',
  path: '/v1/projects/{id}',
  handler: 'functions/projects/get-project',
  summary: 'One project with its status and timeline (R-PROC-1, R-SUP-1)',
  auth: STAFF_READERS,
  table: 'read',
  request: { params: IdParams },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;

export const updateProjectRoute = {
  method: 'PUT',
  path: '/v1/projects/{id}',
  handler: 'functions/projects/update-project',
  summary: 'Replace the content of a draft project',
  auth: ['bureau', 'town'],
  table: 'readwrite',
  conditional: true,
  request: { params: IdParams, body: UpdateProjectBody },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;

export const submitProjectRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/submit',
  handler: 'functions/projects/submit-project',
  summary: 'Submit a draft for approval; the method rules are checked now (R-PROC-2)',
  auth: ['bureau', 'town'],
  table: 'readwrite',
  conditional: true,
  request: { params: IdParams },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;

export const approveProjectRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/approve',
  handler: 'functions/projects/approve-project',
  summary: 'Approve a submitted project; the approver is not the submitter (four eyes)',
  auth: ['bureau'],
  table: 'readwrite',
  conditional: true,
  request: { params: IdParams },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;

export const cancelProjectRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/cancel',
  handler: 'functions/projects/cancel-project',
  summary: 'Cancel a project before it is contracted, with a public reason (R-SUP-3)',
  auth: ['bureau', 'town'],
  table: 'readwrite',
  conditional: true,
  request: { params: IdParams, body: CancelProjectBody },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;

export const listAnnouncementsRoute = {
  method: 'GET',
  path: '/v1/public/announcements',
  handler: 'functions/public/list-announcements',
  summary: 'Public procurement announcements, newest first (R-SUP-3, R-PROC-5)',
  auth: 'public',
  table: 'read',
  request: { query: PageQuery },
  response: { status: 200, body: AnnouncementList },
} as const satisfies RouteDef;

export const listOcdsReleasesRoute = {
  method: 'GET',
  path: '/v1/public/ocds/releases',
  handler: 'functions/public/list-ocds-releases',
  summary: 'OCDS 1.1.5 release package of the releases since an instant, oldest first (R-SUP-3)',
  auth: 'public',
  table: 'read',
  request: { query: ReleasesQuery },
  response: { status: 200, body: ReleasePackage },
} as const satisfies RouteDef;

export const getOcdsRecordRoute = {
  method: 'GET',
  path: '/v1/public/ocds/records/{ocid}',
  handler: 'functions/public/get-ocds-record',
  summary: 'OCDS 1.1.5 record package: one contracting process compiled from its releases (R-SUP-3)',
  auth: 'public',
  table: 'read',
  request: { params: OcidParams },
  response: { status: 200, body: RecordPackage },
} as const satisfies RouteDef;

export const getAuditTrailRoute = {
  method: 'GET',
  path: '/v1/audit/{recordType}/{id}',
  handler: 'functions/audit/get-audit-trail',
  summary: 'Hash-chained audit entries of one record and whether the chain verifies (R-SUP-2)',
  auth: ['auditor', 'bureau'],
  table: 'read',
  request: { params: AuditParams, query: PageQuery },
  response: { status: 200, body: AuditTrail },
} as const satisfies RouteDef;

// ---- procurement: publication (workflow start) ----

// ---- procurement: bids ----

// ---- procurement: evaluators, scores and draws ----

// ---- procurement: challenges ----

// ---- procurement: contracts ----

/** Every route by name: CDK, the local gateway and OpenAPI iterate this; handlers import their own `…Route`. */
export const routes = {
  health: healthRoute,
  openapi: openapiRoute,
  docs: docsRoute,
  getPublicCatalog: getPublicCatalogRoute,
  addCatalogItem: addCatalogItemRoute,
  refineStandard: refineStandardRoute,
  registerContractor: registerContractorRoute,
  listContractors: listContractorsRoute,
  getContractor: getContractorRoute,
  requestDocumentUpload: requestDocumentUploadRoute,
  listDocuments: listDocumentsRoute,
  getDocument: getDocumentRoute,
  decideCondition: decideConditionRoute,
  setFlags: setFlagsRoute,
  getEligibility: getEligibilityRoute,
  createBudgetLine: createBudgetLineRoute,
  listBudgetLines: listBudgetLinesRoute,
  getBudgetLine: getBudgetLineRoute,
  getProcurementRules: getProcurementRulesRoute,
  setProcurementRules: setProcurementRulesRoute,
  createProject: createProjectRoute,
  listProjects: listProjectsRoute,
  getProject: getProjectRoute,
  updateProject: updateProjectRoute,
  submitProject: submitProjectRoute,
  approveProject: approveProjectRoute,
  cancelProject: cancelProjectRoute,
  listAnnouncements: listAnnouncementsRoute,
  listOcdsReleases: listOcdsReleasesRoute,
  getOcdsRecord: getOcdsRecordRoute,
  getAuditTrail: getAuditTrailRoute,
  // procurement: publication
  // procurement: bids
  // procurement: evaluators, scores and draws
  // procurement: challenges
  // procurement: contracts
} as const satisfies Record<string, RouteDef>;

export type RouteName = keyof typeof routes;

/**
 * Event-driven functions (not behind the API). `documentVerifier` is invoked by EventBridge
 * "Object Created" on AWS and by s3rver's object-created event on the embedded stack.
 */
export const eventHandlers = {
  documentVerifier: {
    handler: 'functions/contractors/verify-document',
    summary: 'Checks an uploaded evidence object: size, magic bytes, sha256',
    table: 'readwrite',
    bucket: 'read',
    /** EventBridge pattern: S3 Object Created under this prefix in the document bucket. */
    s3KeyPrefix: 'contractors/',
  },
} as const satisfies Record<
  string,
  { handler: string; summary: string; table?: Access; bucket?: Access; s3KeyPrefix: string }
>;

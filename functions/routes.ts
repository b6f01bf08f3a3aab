/**
 * The one route table (architecture.md): CDK builds one function and one API route per entry,
 * the embedded gateway dispatches to the same handler modules, OpenAPI is generated from it,
 * and each handler reads its own entry for roles and schemas. Nothing is declared twice.
 */
import { AuditParams, AuditTrail } from '#shared/schemas/audit.schema';
import {
  Bid,
  BidContractorParams,
  BidDocument,
  BidDocumentParams,
  BidDocumentUploadResponse,
  BidList,
  DisqualifyBidBody,
  RequestBidDocumentBody,
  SubmitBidBody,
} from '#shared/schemas/bid.schema';
import {
  AnswerChallengeBody,
  Challenge,
  ChallengeList,
  ChallengeParams,
  FileChallengeBody,
} from '#shared/schemas/challenge.schema';
import {
  AssignEvaluatorsBody,
  DrawBody,
  EvaluatorProjectList,
  ScoreSheet,
  ScoreSheetList,
  SubmitScoresBody,
} from '#shared/schemas/scoring.schema';
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
  PublicationAccepted,
  PublishProjectBody,
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
import { Contract, ContractList, ContractQuery } from '#shared/schemas/contract.schema';

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
  response: {
    status: number;
    body: Schema | null;
    contentType?: string;
    alsoStatus?: readonly number[];
    /** Error statuses beyond the defaults of its method (e.g. 409 on a read that is sealed for now). */
    errors?: readonly number[];
  };
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

export const publishProjectRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/publish',
  handler: 'functions/projects/publish-project',
  summary:
    'Publish an approved project: starts the procurement workflow, which publishes the notice and runs bidding, scoring, award, standstill and contract (R-PROC-1)',
  auth: ['bureau', 'town'],
  table: 'read',
  conditional: true,
  request: { params: IdParams, body: PublishProjectBody },
  response: { status: 202, body: PublicationAccepted },
} as const satisfies RouteDef;

// ---- procurement: bids ----
export const submitBidRoute = {
  method: 'PUT',
  path: '/v1/projects/{id}/bid',
  handler: 'functions/bids/submit-bid',
  summary:
    'Submit (201) or revise (200) your sealed bid until the deadline: eligible, invited where invited, price within the budget (R-PROC-1, R-PROC-2, R-QUAL-1, R-QUAL-2, R-FUND-2)',
  auth: ['contractor'],
  table: 'readwrite',
  request: { params: IdParams, body: SubmitBidBody },
  response: { status: 201, body: Bid, alsoStatus: [200] },
} as const satisfies RouteDef;

export const getOwnBidRoute = {
  method: 'GET',
  path: '/v1/projects/{id}/bid',
  handler: 'functions/bids/get-own-bid',
  summary: 'Your own bid on a project, at any time',
  auth: ['contractor'],
  table: 'read',
  request: { params: IdParams },
  response: { status: 200, body: Bid },
} as const satisfies RouteDef;

export const listBidsRoute = {
  method: 'GET',
  path: '/v1/projects/{id}/bids',
  handler: 'functions/bids/list-bids',
  summary: 'Every bid of a project with its price, only after the deadline; before it 409, sealed (R-PROC-5)',
  auth: ['bureau', 'town', 'auditor', 'evaluator'],
  table: 'read',
  request: { params: IdParams },
  // 409 while the bids are sealed (before the deadline).
  response: { status: 200, body: BidList, errors: [409] },
} as const satisfies RouteDef;

export const requestBidDocumentUploadRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/bid/documents',
  handler: 'functions/bids/request-bid-document-upload',
  summary:
    'Declare a document of your bid and get a presigned POST, while bidding is open; an object created after the deadline is rejected (R-PROC-1)',
  auth: ['contractor'],
  table: 'readwrite',
  bucket: 'readwrite',
  idempotent: true,
  request: { params: IdParams, body: RequestBidDocumentBody },
  response: { status: 201, body: BidDocumentUploadResponse },
} as const satisfies RouteDef;

export const getBidDocumentRoute = {
  method: 'GET',
  path: '/v1/projects/{id}/bids/{contractorId}/documents/{documentId}',
  handler: 'functions/bids/get-bid-document',
  summary:
    'One bid document and a short download link: its contractor at any time, readers of the project after the deadline (R-PROC-5)',
  auth: ['contractor', 'bureau', 'town', 'evaluator', 'auditor'],
  table: 'read',
  bucket: 'read',
  request: { params: BidDocumentParams },
  // 409 while the bids are sealed (before the deadline).
  response: { status: 200, body: BidDocument, errors: [409] },
} as const satisfies RouteDef;

export const disqualifyBidRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/bids/{contractorId}/disqualify',
  handler: 'functions/bids/disqualify-bid',
  summary:
    'Compliance review (符合性审查) after the deadline, before scoring: the bid is neither scored nor the price baseline (R-PROC-3)',
  auth: ['bureau'],
  table: 'readwrite',
  conditional: true,
  request: { params: BidContractorParams, body: DisqualifyBidBody },
  response: { status: 200, body: Bid },
} as const satisfies RouteDef;

// ---- procurement: evaluators, scores and draws ----
export const assignEvaluatorsRoute = {
  method: 'PUT',
  path: '/v1/projects/{id}/evaluators',
  handler: 'functions/scoring/assign-evaluators',
  summary:
    'Set the evaluation panel before scoring starts: distinct, an odd number, 5+ for tenders and 3+ otherwise (R-PROC-3)',
  auth: ['bureau', 'town'],
  table: 'readwrite',
  conditional: true,
  request: { params: IdParams, body: AssignEvaluatorsBody },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;

export const listEvaluatorProjectsRoute = {
  method: 'GET',
  path: '/v1/evaluator/projects',
  handler: 'functions/scoring/list-evaluator-projects',
  summary: 'The projects you are on the panel of, newest first, with what you score them on (R-PROC-3)',
  auth: ['evaluator'],
  table: 'read',
  request: { query: PageQuery },
  response: { status: 200, body: EvaluatorProjectList },
} as const satisfies RouteDef;

export const submitScoresRoute = {
  method: 'PUT',
  path: '/v1/projects/{id}/scores',
  handler: 'functions/scoring/submit-scores',
  summary:
    'Your whole score sheet for the current round once bidding has closed (201 first, 200 replaced); the last sheet resumes the workflow (R-PROC-3, R-PROC-6)',
  auth: ['evaluator'],
  table: 'readwrite',
  request: { params: IdParams, body: SubmitScoresBody },
  response: { status: 201, body: ScoreSheet, alsoStatus: [200] },
} as const satisfies RouteDef;

export const listScoreSheetsRoute = {
  method: 'GET',
  path: '/v1/projects/{id}/scores',
  handler: 'functions/scoring/list-score-sheets',
  summary:
    'Score sheets of every round once the project is evaluated; an evaluator reads its own at any time (R-PROC-3)',
  auth: ['bureau', 'town', 'auditor', 'evaluator'],
  table: 'read',
  request: { params: IdParams },
  // 409 for staff until the project is evaluated.
  response: { status: 200, body: ScoreSheetList, errors: [409] },
} as const satisfies RouteDef;

export const recordDrawRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/draw',
  handler: 'functions/scoring/record-draw',
  summary:
    'Record the witnessed draw between bids tied for the first place that no rule ranks apart; the workflow goes on to the award (R-PROC-5)',
  auth: ['bureau'],
  table: 'readwrite',
  conditional: true,
  request: { params: IdParams, body: DrawBody },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;

// ---- procurement: challenges ----
export const fileChallengeRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/challenges',
  handler: 'functions/challenges/file-challenge',
  summary: 'A bidder challenges the award (质疑) inside the standstill window (R-PROC-5)',
  auth: ['contractor'],
  table: 'readwrite',
  idempotent: true,
  request: { params: IdParams, body: FileChallengeBody },
  response: { status: 201, body: Challenge },
} as const satisfies RouteDef;

export const listChallengesRoute = {
  method: 'GET',
  path: '/v1/projects/{id}/challenges',
  handler: 'functions/challenges/list-challenges',
  summary: "A project's challenges and their answers, oldest first; a bidder sees its own (R-PROC-5)",
  auth: ['bureau', 'town', 'auditor', 'contractor'],
  table: 'read',
  request: { params: IdParams },
  response: { status: 200, body: ChallengeList },
} as const satisfies RouteDef;

export const answerChallengeRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/challenges/{challengeId}/answer',
  handler: 'functions/challenges/answer-challenge',
  summary:
    'Answer a challenge: dismissed, or sustained with rescore (award withdrawn, back to scoring) or cancel (R-PROC-5, R-SUP-3)',
  auth: ['bureau'],
  table: 'readwrite',
  conditional: true,
  request: { params: ChallengeParams, body: AnswerChallengeBody },
  response: { status: 200, body: Challenge },
} as const satisfies RouteDef;

// ---- procurement: contracts ----

export const getContractRoute = {
  method: 'GET',
  path: '/v1/contracts/{id}',
  handler: 'functions/contracts/get-contract',
  summary: 'One contract: clauses, payment milestones, signatures, template version (R-CON-1..4)',
  // A town reads its own purchaser's contracts, a contractor its own (R-BUY-1).
  auth: ['bureau', 'town', 'finance', 'auditor', 'contractor'],
  table: 'read',
  request: { params: IdParams },
  response: { status: 200, body: Contract },
} as const satisfies RouteDef;

export const listContractsRoute = {
  method: 'GET',
  path: '/v1/contracts',
  handler: 'functions/contracts/list-contracts',
  summary: "A contractor's contracts, newest first: a contractor its own, staff with ?contractorId=",
  auth: ['bureau', 'town', 'finance', 'auditor', 'contractor'],
  table: 'read',
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
  table: 'readwrite',
  conditional: true,
  request: { params: IdParams },
  response: { status: 200, body: Contract },
} as const satisfies RouteDef;

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
  publishProject: publishProjectRoute,
  // procurement: bids
  submitBid: submitBidRoute,
  getOwnBid: getOwnBidRoute,
  listBids: listBidsRoute,
  requestBidDocumentUpload: requestBidDocumentUploadRoute,
  getBidDocument: getBidDocumentRoute,
  disqualifyBid: disqualifyBidRoute,
  // procurement: evaluators, scores and draws
  assignEvaluators: assignEvaluatorsRoute,
  listEvaluatorProjects: listEvaluatorProjectsRoute,
  submitScores: submitScoresRoute,
  listScoreSheets: listScoreSheetsRoute,
  recordDraw: recordDrawRoute,
  // procurement: challenges
  fileChallenge: fileChallengeRoute,
  listChallenges: listChallengesRoute,
  answerChallenge: answerChallengeRoute,
  // procurement: contracts
  getContract: getContractRoute,
  listContracts: listContractsRoute,
  signContract: signContractRoute,
} as const satisfies Record<string, RouteDef>;

export type RouteName = keyof typeof routes;

/**
 * Event-driven functions (not behind the API). `documentVerifier` is invoked by EventBridge
 * "Object Created" on AWS and by s3rver's object-created event on the embedded stack.
 */
export const eventHandlers = {
  documentVerifier: {
    handler: 'functions/contractors/verify-document',
    summary: 'Checks an uploaded evidence or bid document: size, magic bytes, sha256 (and bid deadline)',
    table: 'readwrite',
    bucket: 'read',
    /** EventBridge pattern: S3 Object Created under this prefix in the document bucket. */
    s3KeyPrefix: 'contractors/',
  },
} as const satisfies Record<
  string,
  { handler: string; summary: string; table?: Access; bucket?: Access; s3KeyPrefix: string }
>;

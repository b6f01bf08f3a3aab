/**
 * The one route table (architecture.md): CDK builds one function and one API route per entry, the embedded
 * gateway dispatches to the same handler modules, OpenAPI is generated from it. Each capability declares its
 * entries in `functions/<capability>/routes.ts` and its handlers import their own entry from there, so a
 * function bundles only its capability's schemas (nothing a handler imports leads back here). Nothing is
 * declared twice.
 */
import type { BucketRights, RouteDef, TableRights } from '#shared/http/route-def';
import {
  BID_DOCUMENT_OBJECTS,
  EARLIER_BID_DOCUMENT_OBJECTS,
  EVIDENCE_OBJECTS,
  STAFF_EVIDENCE_OBJECTS,
} from '#shared/http/route-def';
import { healthRoute, healthDeepRoute, openapiRoute, docsRoute, redocScriptRoute } from './platform/routes';
import { getPublicCatalogRoute, addCatalogItemRoute, refineStandardRoute } from './catalog/routes';
import {
  registerContractorRoute,
  listContractorsRoute,
  getContractorRoute,
  requestDocumentUploadRoute,
  listDocumentsRoute,
  getDocumentRoute,
  decideConditionRoute,
  setFlagsRoute,
  getEligibilityRoute,
  findContractorByCreditCodeRoute,
  createContractorUserRoute,
} from './contractors/routes';
import { createBudgetLineRoute, listBudgetLinesRoute, getBudgetLineRoute } from './budget/routes';
import { getProcurementRulesRoute, setProcurementRulesRoute } from './purchasers/routes';
import {
  createProjectRoute,
  listProjectsRoute,
  getProjectRoute,
  updateProjectRoute,
  submitProjectRoute,
  approveProjectRoute,
  cancelProjectRoute,
  publishProjectRoute,
} from './projects/routes';
import { listAnnouncementsRoute, listOcdsReleasesRoute, getOcdsRecordRoute } from './public/routes';
import { getAuditTrailRoute } from './audit/routes';
import {
  submitBidRoute,
  getOwnBidRoute,
  listBidsRoute,
  requestBidDocumentUploadRoute,
  getBidDocumentRoute,
  disqualifyBidRoute,
} from './bids/routes';
import {
  assignEvaluatorsRoute,
  listEvaluatorProjectsRoute,
  submitScoresRoute,
  listScoreSheetsRoute,
  recordDrawRoute,
  drawPanelRoute,
  registerEvaluatorRoute,
  retireEvaluatorRoute,
  listEvaluatorsRoute,
} from './scoring/routes';
import { fileChallengeRoute, listChallengesRoute, answerChallengeRoute } from './challenges/routes';
import {
  getContractRoute,
  listContractsRoute,
  signContractRoute,
  setAcceptancePlanRoute,
} from './contracts/routes';
import { grantDelegationRoute, revokeDelegationRoute, listDelegationsRoute } from './delegations/routes';
import { staffRoutes } from './staff/routes';
import { deliveriesRoutes } from './deliveries/routes';
import { supervisionRoutes } from './supervision/routes';
import { acceptancesRoutes } from './acceptances/routes';
import { paymentsRoutes } from './payments/routes';

// What a route is lives in shared/http (issue 9 §2); re-exported so the table's readers keep one import.
export * from '#shared/http/route-def';
export * from './platform/routes';
export * from './catalog/routes';
export * from './contractors/routes';
export * from './budget/routes';
export * from './purchasers/routes';
export * from './projects/routes';
export * from './public/routes';
export * from './audit/routes';
export * from './bids/routes';
export * from './scoring/routes';
export * from './challenges/routes';
export * from './contracts/routes';
export * from './delegations/routes';
export * from './staff/routes';
export * from './deliveries/routes';
export * from './supervision/routes';
export * from './acceptances/routes';
export * from './payments/routes';

/** Every route by name: CDK, the local gateway and OpenAPI iterate this; handlers import their own `…Route`. */
export const routes = {
  health: healthRoute,
  healthDeep: healthDeepRoute,
  openapi: openapiRoute,
  docs: docsRoute,
  docsScript: redocScriptRoute,
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
  findContractorByCreditCode: findContractorByCreditCodeRoute,
  createContractorUser: createContractorUserRoute,
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
  // procurement: the evaluator pool and the system draw of a panel (issue 11 §1)
  drawPanel: drawPanelRoute,
  registerEvaluator: registerEvaluatorRoute,
  retireEvaluator: retireEvaluatorRoute,
  listEvaluators: listEvaluatorsRoute,
  // procurement: challenges
  fileChallenge: fileChallengeRoute,
  listChallenges: listChallengesRoute,
  answerChallenge: answerChallengeRoute,
  // procurement: contracts
  getContract: getContractRoute,
  listContracts: listContractsRoute,
  signContract: signContractRoute,
  setAcceptancePlan: setAcceptancePlanRoute,
  // delegations: a partner portal acting for the contractors that consented (issue 12 §1)
  grantDelegation: grantDelegationRoute,
  revokeDelegation: revokeDelegationRoute,
  listDelegations: listDelegationsRoute,
  // Issue 13, delivery to payment: each capability's routes by name (functions/<capability>/routes.ts)
  ...staffRoutes,
  ...deliveriesRoutes,
  ...supervisionRoutes,
  ...acceptancesRoutes,
  ...paymentsRoutes,
} as const satisfies Record<string, RouteDef>;

export type RouteName = keyof typeof routes;

/**
 * Event-driven functions (not behind the API). `documentVerifier` is invoked by EventBridge
 * "Object Created" on AWS and by s3rver's object-created event on the embedded stack.
 */
export const eventHandlers = {
  documentVerifier: {
    handler: 'functions/contractors/verify-document',
    summary:
      'Checks an uploaded evidence, staff employment evidence or bid document: size, magic bytes, sha256 (and bid deadline)',
    // CONTRACTOR#: condition evidence and the staff records holding their employment evidence (issue 13 §1).
    table: {
      read: ['BIDOBJECT#', 'CONTRACTOR#', 'PROJECT#'],
      put: ['CONTRACTOR#', 'PROJECT#'],
    },
    bucket: {
      get: [EVIDENCE_OBJECTS, STAFF_EVIDENCE_OBJECTS, BID_DOCUMENT_OBJECTS, EARLIER_BID_DOCUMENT_OBJECTS],
      tag: [EVIDENCE_OBJECTS, STAFF_EVIDENCE_OBJECTS, BID_DOCUMENT_OBJECTS, EARLIER_BID_DOCUMENT_OBJECTS],
    },
    /** EventBridge pattern: S3 Object Created under this prefix in the document bucket. */
    s3KeyPrefix: 'contractors/',
  },
} as const satisfies Record<
  string,
  { handler: string; summary: string; table?: TableRights; bucket?: BucketRights; s3KeyPrefix: string }
>;

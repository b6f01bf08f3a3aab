// Generated from GET /openapi.json (infra/openapi/document.ts) by openapi-typescript,
// through infra/openapi/client-types.ts (`npm run openapi`): do not edit.
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The API answers (no backend is called; GET /v1/health probes them, with a token)
     * @description Public, no token.
     */
    get: operations['health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * State of the table and the document bucket
     * @description Roles: bureau, auditor.
     */
    get: operations['healthDeep'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * OpenAPI 3.1 description of this API
     * @description Public, no token.
     */
    get: operations['openapi'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/docs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The API reference, rendered in the browser from /openapi.json by Redoc
     * @description Public, no token.
     */
    get: operations['docs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/docs/redoc.standalone.js': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The renderer /docs loads (Redoc’s standalone bundle, as installed from npm)
     * @description Public, no token.
     */
    get: operations['docsScript'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/public/catalog': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Service catalog and negative list (R-CAT-1, R-CAT-3, R-CAT-4)
     * @description Public, no token.
     */
    get: operations['getPublicCatalog'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/catalog/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Add a district item to the catalog (R-CAT-2); refused when it falls on the negative list (R-CAT-3)
     * @description Roles: bureau.
     */
    post: operations['addCatalogItem'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/catalog/items/{code}/standard': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Refine the service standard of a catalog item (R-CAT-4)
     * @description Roles: bureau.
     */
    put: operations['refineStandard'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Contractors in registration order
     * @description Roles: bureau, town, auditor, finance.
     */
    get: operations['listContractors'];
    put?: never;
    /**
     * Register a contractor (R-QUAL-1, R-QUAL-3)
     * @description Roles: bureau, portal.
     */
    post: operations['registerContractor'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One contractor with its qualification state
     * @description Roles: bureau, town, auditor, finance, contractor, portal. A partner portal holding the contractor's `documents` delegation acts as that contractor.
     */
    get: operations['getContractor'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Evidence documents of a contractor, every revision, newest first
     * @description Roles: bureau, contractor. A partner portal holding the contractor's `documents` delegation acts as that contractor.
     */
    get: operations['listDocuments'];
    put?: never;
    /**
     * Declare an evidence document for a condition and get a presigned POST (R-QUAL-2)
     * @description Roles: bureau, contractor. A partner portal holding the contractor's `documents` delegation acts as that contractor.
     */
    post: operations['requestDocumentUpload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}/documents/{documentId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One evidence document, its verification status and a short download link
     * @description Roles: bureau, contractor. A partner portal holding the contractor's `documents` delegation acts as that contractor.
     */
    get: operations['getDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}/conditions/{condition}/decision': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Record the reviewer's decision on one condition, on verified evidence (R-QUAL-2)
     * @description Roles: bureau.
     */
    put: operations['decideCondition'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}/flags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Flag or clear a credit-list hit or a failed annual report (R-QUAL-5)
     * @description Roles: bureau.
     */
    put: operations['setFlags'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}/eligibility': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Whether the contractor may bid today (R-QUAL-2, R-QUAL-5)
     * @description Roles: bureau, town, auditor, finance, contractor. A partner portal holding the contractor's `documents` delegation acts as that contractor.
     */
    get: operations['getEligibility'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/by-credit-code/{creditCode}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The contractor registered with this unified social credit code (R-QUAL-3)
     * @description Roles: bureau, town, auditor, finance, portal.
     */
    get: operations['findContractorByCreditCode'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a login for a contractor's staff member; the directory mails the invitation
     * @description Roles: bureau, portal.
     */
    post: operations['createContractorUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/budget-lines': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A purchaser's budget lines, newest fiscal year first (R-FUND-1)
     * @description Roles: bureau, town, auditor, finance.
     */
    get: operations['listBudgetLines'];
    put?: never;
    /**
     * Open a budget line of working or special funds for a purchaser and fiscal year (R-FUND-1)
     * @description Roles: bureau, finance, town.
     */
    post: operations['createBudgetLine'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/budget-lines/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One budget line: amount, committed, paid, available (R-FUND-2)
     * @description Roles: bureau, town, auditor, finance.
     */
    get: operations['getBudgetLine'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/purchasers/{id}/procurement-rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A purchaser's procurement method rules, or the defaults (R-PROC-2, R-PROC-3)
     * @description Roles: bureau, town, auditor, finance.
     */
    get: operations['getProcurementRules'];
    /**
     * Configure a purchaser's procurement rules; the law's minimums are floors and the price weight stays inside 10–30 % (R-PROC-2, R-PROC-3)
     * @description Roles: bureau.
     */
    put: operations['setProcurementRules'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A purchaser's projects, by status, newest first
     * @description Roles: bureau, town, auditor, finance.
     */
    get: operations['listProjects'];
    put?: never;
    /**
     * Draft a purchase project: catalog item, budget line, method, criteria (R-PROC-2..4, R-CAT-3, R-CAT-4)
     * @description Roles: bureau, town.
     */
    post: operations['createProject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One project with its status and timeline (R-PROC-1, R-SUP-1)
     * @description Roles: bureau, town, auditor, finance.
     */
    get: operations['getProject'];
    /**
     * Replace the content of a draft project
     * @description Roles: bureau, town.
     */
    put: operations['updateProject'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/submit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Submit a draft for approval; the method rules are checked now (R-PROC-2)
     * @description Roles: bureau, town.
     */
    post: operations['submitProject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a submitted project; the approver is not the submitter (four eyes)
     * @description Roles: bureau.
     */
    post: operations['approveProject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel a project before it is contracted, with a public reason (R-SUP-3)
     * @description Roles: bureau, town.
     */
    post: operations['cancelProject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/public/announcements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Public procurement announcements, newest first (R-SUP-3, R-PROC-5)
     * @description Public, no token.
     */
    get: operations['listAnnouncements'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/public/ocds/releases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * OCDS 1.1.5 release package of the releases since an instant, oldest first (R-SUP-3)
     * @description Public, no token.
     */
    get: operations['listOcdsReleases'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/public/ocds/records/{ocid}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * OCDS 1.1.5 record package: one contracting process compiled from its releases (R-SUP-3)
     * @description Public, no token.
     */
    get: operations['getOcdsRecord'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit/{recordType}/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Hash-chained audit entries of one record and whether the chain verifies (R-SUP-2)
     * @description Roles: auditor, bureau.
     */
    get: operations['getAuditTrail'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Publish an approved project: starts the procurement workflow, which publishes the notice and runs bidding, scoring, award, standstill and contract (R-PROC-1)
     * @description Roles: bureau, town.
     */
    post: operations['publishProject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/bid': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Your own bid on a project, at any time
     * @description Roles: contractor. A partner portal holding the contractor's `bids` delegation acts as that contractor.
     */
    get: operations['getOwnBid'];
    /**
     * Submit (201, with If-None-Match: *) or revise (200, with If-Match) your sealed bid until the deadline: eligible, invited where invited, price within the budget (R-PROC-1, R-PROC-2, R-QUAL-1, R-QUAL-2, R-FUND-2)
     * @description Roles: contractor. A partner portal holding the contractor's `bids` delegation acts as that contractor.
     */
    put: operations['submitBid'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/bids': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every bid of a project with its price, only after the deadline; before it 409, sealed (R-PROC-5)
     * @description Roles: bureau, town, auditor, evaluator.
     */
    get: operations['listBids'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/bid/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Declare a document of your bid and get a presigned POST, while bidding is open; an object created after the deadline is rejected (R-PROC-1)
     * @description Roles: contractor. A partner portal holding the contractor's `bids` delegation acts as that contractor.
     */
    post: operations['requestBidDocumentUpload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/bids/{contractorId}/documents/{documentId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One bid document and a short download link: its contractor at any time, readers of the project after the deadline (R-PROC-5)
     * @description Roles: contractor, bureau, town, evaluator, auditor. A partner portal holding the contractor's `bids` delegation acts as that contractor.
     */
    get: operations['getBidDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/bids/{contractorId}/disqualify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Compliance review (符合性审查) after the deadline, before scoring: the bid is neither scored nor the price baseline (R-PROC-3)
     * @description Roles: bureau.
     */
    post: operations['disqualifyBid'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/evaluators': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set the evaluation panel before scoring starts: active members of the evaluator pool, distinct, an odd number, 5+ for tenders and 3+ otherwise (R-PROC-3); from the bid deadline on only the bureau, with a reason (R-PROC-5)
     * @description Roles: bureau, town.
     */
    put: operations['assignEvaluators'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/evaluator/projects': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The projects you are on the panel of, newest first, with what you score them on (R-PROC-3)
     * @description Roles: evaluator.
     */
    get: operations['listEvaluatorProjects'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/scores': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Score sheets of every round once the project is evaluated; an evaluator reads its own at any time (R-PROC-3)
     * @description Roles: bureau, town, auditor, evaluator.
     */
    get: operations['listScoreSheets'];
    /**
     * Your whole score sheet for the current round once bidding has closed (201 first, with If-None-Match: *; 200 replaced, with If-Match); the last sheet resumes the workflow (R-PROC-3, R-PROC-6)
     * @description Roles: evaluator.
     */
    put: operations['submitScores'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/draw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record the witnessed draw between bids tied for the first place that no rule ranks apart; the workflow goes on to the award (R-PROC-5)
     * @description Roles: bureau.
     */
    post: operations['recordDraw'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/evaluators/draw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The system draws the panel from the active evaluator pool; the seed, its inputs and the pool are published on the project’s panel record so anyone can draw it again (R-PROC-5); the same freeze as naming a panel
     * @description Roles: bureau, town.
     */
    post: operations['drawPanel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/evaluators/{sub}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Register a user (its token sub) in the evaluator pool with its name and fields of expertise (201, with If-None-Match: *), or update them (200 updated or unchanged, with If-Match) (R-PROC-3)
     * @description Roles: bureau.
     */
    put: operations['registerEvaluator'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/evaluators/{sub}/retire': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Retire a member of the evaluator pool, dated and with a reason; the entry stays, and the member sits on no new panel (R-PROC-3)
     * @description Roles: bureau.
     */
    post: operations['retireEvaluator'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/evaluators': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The evaluator pool, active and retired members, in sub order (R-PROC-3)
     * @description Roles: bureau, town.
     */
    get: operations['listEvaluators'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/challenges': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A project's challenges and their answers, oldest first; a bidder sees its own (R-PROC-5)
     * @description Roles: bureau, town, auditor, contractor. A partner portal holding the contractor's `bids` delegation acts as that contractor.
     */
    get: operations['listChallenges'];
    put?: never;
    /**
     * A bidder challenges the award (质疑) inside the standstill window (R-PROC-5)
     * @description Roles: contractor. A partner portal holding the contractor's `bids` delegation acts as that contractor.
     */
    post: operations['fileChallenge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/projects/{id}/challenges/{challengeId}/answer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Answer a challenge: dismissed, or sustained with rescore (award withdrawn, back to scoring) or cancel (R-PROC-5, R-SUP-3)
     * @description Roles: bureau.
     */
    post: operations['answerChallenge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One contract: clauses, payment milestones, signatures, template version (R-CON-1..4)
     * @description Roles: bureau, town, finance, auditor, contractor. A partner portal holding the contractor's `contracts` delegation acts as that contractor.
     */
    get: operations['getContract'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A contractor's contracts, newest first: a contractor its own, staff with ?contractorId=
     * @description Roles: bureau, town, finance, auditor, contractor. A partner portal holding the contractor's `contracts` delegation acts as that contractor.
     */
    get: operations['listContracts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/sign': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign a contract, the contractor for itself, the bureau or town for the purchaser; the second signature commits the budget line (R-CON-1, R-FUND-2)
     * @description Roles: contractor, bureau, town. A partner portal holding the contractor's `contracts` delegation acts as that contractor.
     */
    post: operations['signContract'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/acceptance-plan': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set the contract’s acceptance plan (履约验收方案: indicators and targets, stages, recipients’ sample and threshold, quorum, rectification, payment term) while nobody has signed (R-ACC-1..3)
     * @description Roles: bureau, town.
     */
    put: operations['setAcceptancePlan'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}/delegations/{portalId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Grant (If-None-Match: *) or change (If-Match) a partner portal's delegation to act for the contractor: by the contractor's own user, or by the bureau on the contractor's written consent (documents, deliveries only)
     * @description Roles: bureau, contractor.
     */
    put: operations['grantDelegation'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}/delegations/{portalId}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Revoke a partner portal's delegation from now on, dated and never deleted: the contractor's own user or the bureau
     * @description Roles: bureau, contractor.
     */
    post: operations['revokeDelegation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}/delegations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A contractor's delegations to partner portals: all of them for its own user and the bureau; a portal sees its own only
     * @description Roles: bureau, contractor, portal.
     */
    get: operations['listDelegations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}/staff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A contractor's roster, those who left included: resident IDs in full for the bureau and the contractor, masked for the auditor
     * @description Roles: bureau, auditor, contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    get: operations['listStaff'];
    put?: never;
    /**
     * Add a person to the contractor's roster: resident ID checked (GB 11643) and sealed (R-CON-3, R-STAFF-1)
     * @description Roles: bureau, contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    post: operations['createStaff'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}/staff/{staffId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One staff member with the state of its employment evidence
     * @description Roles: bureau, auditor, contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    get: operations['getStaff'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}/staff/{staffId}/leave': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Date a staff member’s leaving the roster (never a delete); 409 R-CON-3 while a dispatch of theirs runs past that day
     * @description Roles: bureau, contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    post: operations['leaveStaff'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contractors/{id}/staff/{staffId}/evidence': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Declare a staff member's employment evidence (labour contract or social-insurance record) and get a presigned POST (R-CON-3)
     * @description Roles: bureau, contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    post: operations['requestStaffEvidenceUpload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/dispatches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A contract's dispatches and its staffing share: social-work-qualified people against the plan's minimum (R-STAFF-1)
     * @description Roles: bureau, town, auditor, finance, contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    get: operations['listDispatches'];
    put?: never;
    /**
     * Dispatch a person of the contractor's roster to a place for a period of a signed contract; 409 R-CON-3 for anyone not its own verified employee or dispatched by another contractor then
     * @description Roles: contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    post: operations['createDispatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/dispatches/{dispatchId}/end': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * End a dispatch early, dated: the person is free for other work from the next day
     * @description Roles: contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    post: operations['endDispatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/purchasers/{id}/dispatched-staff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The staff dispatched to this purchaser’s places, by first day (区买乡用, R-STAFF-2): names shown, resident IDs masked
     * @description Roles: bureau, town.
     */
    get: operations['listDispatchedStaff'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A contract’s delivery records, newest service first; recipients’ names and resident IDs in clear for the purchaser’s staff only
     * @description Roles: bureau, town, finance, auditor, contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    get: operations['listDeliveries'];
    put?: never;
    /**
     * Record a service delivered under a signed contract by a dispatched member of the contractor’s staff (R-CON-3, R-CON-4); the recipient sealed, kept as a pseudonymous reference
     * @description Roles: contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    post: operations['createDelivery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/deliveries/batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A day’s delivery records (up to 500) from a partner portal or the contractor, each with the portal’s own recordId (a retry creates nothing), answered row by row: created, duplicate or invalid with its field errors
     * @description Roles: contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    post: operations['createDeliveryBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/deliveries/{deliveryId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One delivery record; the recipient’s name and resident ID in clear for the purchaser’s staff only
     * @description Roles: bureau, town, finance, auditor, contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    get: operations['getDelivery'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/progress': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Planned against delivered per delivery line, the quantity expected by today (Asia/Shanghai) and on track / at risk / behind (R-SUP-1): one read, however many records
     * @description Roles: bureau, town, finance, auditor, contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    get: operations['getProgress'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/financial-reports/{period}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Submit (If-None-Match: *) a quarter's financial report on the contract, or resubmit (If-Match) a returned one: the contract's contractor (R-CON-4)
     * @description Roles: contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    put: operations['submitFinancialReport'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/financial-reports/{period}/review': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Accept a financial report under review, or return it with a reason: the bureau or the purchasing town (R-CON-4)
     * @description Roles: bureau, town.
     */
    post: operations['reviewFinancialReport'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/financial-reports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A contract's quarterly financial reports, oldest quarter first: its contractor, the purchaser's staff, finance, the auditor (R-CON-4)
     * @description Roles: bureau, town, finance, auditor, contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    get: operations['listFinancialReports'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/inspections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A contract's inspections, oldest first, each finding's status as of today (overdue computed, Asia/Shanghai) (R-SUP-1)
     * @description Roles: bureau, town, finance, auditor, contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    get: operations['listInspections'];
    put?: never;
    /**
     * Record an inspection (spot check) of a signed contract with its findings, each awaiting the contractor’s response: the bureau or the purchasing town (R-SUP-1)
     * @description Roles: bureau, town.
     */
    post: operations['recordInspection'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/inspections/{inspectionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One inspection and its findings, each as of today (overdue computed, Asia/Shanghai) (R-SUP-1)
     * @description Roles: bureau, town, finance, auditor, contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    get: operations['getInspection'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/inspections/{inspectionId}/findings/{n}/response': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The contractor's response to a finding awaiting one (If-Match: the inspection's ETag); late ones are marked late (R-SUP-1)
     * @description Roles: contractor. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    post: operations['respondToFinding'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/inspections/{inspectionId}/findings/{n}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Close a finding the contractor has answered (If-Match: the inspection’s ETag): the bureau or the purchasing town (R-SUP-1)
     * @description Roles: bureau, town.
     */
    post: operations['closeFinding'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/inspections/{inspectionId}/findings/{n}/reopen': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reopen an answered finding whose response is not enough, with the reason and a new due date (If-Match): the bureau or the purchasing town (R-SUP-1)
     * @description Roles: bureau, town.
     */
    post: operations['reopenFinding'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/acceptances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Open the acceptance of one stage of a signed contract (R-ACC-1, R-ACC-2): the panel, and a sample of the recipients the delivery records served, each invited once; the invitations' tokens are answered in this 201 only. Starts the acceptance workflow
     * @description Roles: bureau, town.
     */
    post: operations['openAcceptance'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/acceptances/{acceptanceId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An acceptance: its panel, sample, opinions' closing, measurements and each round's result; for the purchaser's staff in scope, finance, audit, the contractor, and the panel's members
     * @description Roles: bureau, town, finance, auditor, contractor, evaluator. A partner portal holding the contractor's `deliveries` delegation acts as that contractor.
     */
    get: operations['getAcceptance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/opinion-invitations/lookup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A service recipient's invitation (no account; the token in the body, never in a URL): the contract's title, its service items and what to answer in the current round. An unknown token, one answered this round or past the round's deadline: the same 404
     * @description Public, no token.
     */
    post: operations['lookupInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/opinions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A service recipient's opinion (R-ACC-2): satisfaction 1–5, the items served, a comment; once per invitation and round (a second answer this round, an unknown token, past the deadline: the same 404). No identity is kept with it
     * @description Public, no token.
     */
    post: operations['submitOpinion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/acceptances/{acceptanceId}/measurements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * The panel's measured value per indicator of the acceptance plan for the current round (R-ACC-1), before any member signs it: the opener's side (bureau, or the purchasing town)
     * @description Roles: bureau, town.
     */
    put: operations['recordMeasurements'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/acceptances/{acceptanceId}/signatures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A panel member signs the current round (R-ACC-1): confirm the rule's outcome, or fail it with a reason (never pass what the rule fails); once per member and round, in the member's panel role, on the version read (If-Match); the quorum resumes the workflow
     * @description Roles: bureau, town, evaluator.
     */
    post: operations['signAcceptance'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/payments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Pay a payable milestone (its acceptance passed, not withheld, the earlier ones paid): its amount less the deduction, from the budget line; the last one completes the contract (R-ACC-3, R-FUND-2)
     * @description Roles: finance.
     */
    post: operations['payMilestone'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/milestones': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A contract's payment milestones: status, acceptance, deduction, due date, holds and payment (R-ACC-3, R-FUND-2)
     * @description Roles: bureau, town, finance, auditor, contractor. A partner portal holding the contractor's `contracts` delegation acts as that contractor.
     */
    get: operations['listMilestones'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/payments/due': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One purchaser's payable and withheld milestones, oldest due first: due or overdue as of today in Asia/Shanghai (国务院令第802号)
     * @description Roles: finance, bureau, auditor.
     */
    get: operations['listDue'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/milestones/{seq}/withhold': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Withhold a payable milestone pending corrective action, with a reason (2 CFR 200.339): it cannot be paid until released
     * @description Roles: finance, bureau.
     */
    post: operations['withholdMilestone'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/milestones/{seq}/release': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Release a withheld milestone with a note: payable again, its due date moved by the days it was withheld
     * @description Roles: finance, bureau.
     */
    post: operations['releaseMilestone'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contracts/{id}/terminate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Terminate a signed contract for breach (reason, liability): unpaid milestones cancelled, acceptances under way cancelled and their workflows ended, the unpaid remainder released from the budget line (R-FUND-2, R-ACC-3)
     * @description Roles: bureau.
     */
    post: operations['terminateContract'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description RFC 9457 problem details */
    Problem: {
      type: string;
      title: string;
      status: number;
      detail?: string;
      instance?: string;
      /** @description the requirement ID that refused the request, e.g. R-CAT-3 */
      rule?: string;
      errors?: {
        /** @enum {string} */
        in: 'body' | 'query' | 'path' | 'header';
        /** @description dot path of the offending field, e.g. contact.phone */
        field: string;
        /** @description JSON pointer into the request part, e.g. #/contact/phone */
        pointer: string;
        detail: string;
      }[];
    };
    Catalog: {
      items: components['schemas']['CatalogItem'][];
      negativeList: components['schemas']['NegativeListEntry'][];
    };
    CatalogItem: {
      code: string;
      /**
       * @description R-CAT-1: A handling, B coordination/support, C services to recipients
       * @enum {string}
       */
      group: 'A' | 'B' | 'C';
      nameZh: string;
      nameEn: string;
      standard: components['schemas']['ServiceStandard'];
      /**
       * @description policy: listed by R-CAT-1; district: added under R-CAT-2
       * @enum {string}
       */
      origin: 'policy' | 'district';
      version: number;
    };
    ServiceStandard: {
      summary: string;
      indicators: components['schemas']['Indicator'][];
    };
    /** @description A measurable indicator of a service standard (R-CAT-4) */
    Indicator: {
      code: string;
      description: string;
      unit: string;
      /** @description in the unit: −1 000 000 000 to 1 000 000 000, at most 4 decimals */
      target: number;
      /**
       * @description how a measured value is judged against target at acceptance
       * @enum {string}
       */
      comparison: '>=' | '<=' | '=';
    };
    /** @description R-CAT-3: matters that may not be purchased */
    NegativeListEntry: {
      code: string;
      nameZh: string;
      nameEn: string;
      reason: string;
      keywords: string[];
    };
    AddCatalogItem: {
      code: string;
      /**
       * @description R-CAT-1: A handling, B coordination/support, C services to recipients
       * @enum {string}
       */
      group: 'A' | 'B' | 'C';
      nameZh: string;
      nameEn: string;
      standard: components['schemas']['ServiceStandard'];
    };
    Contractor: {
      id: string;
      /**
       * @description R-QUAL-1
       * @enum {string}
       */
      kind: 'social_organization' | 'public_institution' | 'enterprise' | 'natural_person';
      name: string;
      /** @description a natural person's resident ID is masked for roles not entitled to it */
      creditCode: string;
      nonProfit: boolean;
      contact: {
        name: string;
        phone: string;
        email?: string;
      };
      flags: {
        creditListHit: boolean;
        annualReportFailed: boolean;
        note?: string;
      };
      conditions: {
        condition: components['schemas']['QualificationCondition'];
        /** @enum {string} */
        status: 'missing' | 'pending_review' | 'approved' | 'rejected' | 'expired';
        documentId?: string;
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        validUntil?: string;
        decidedBy?: string;
        /**
         * Format: date-time
         * @description when the reviewer decided the condition
         */
        decidedAt?: string;
        reason?: string;
      }[];
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    /**
     * @description R-QUAL-2: the qualification condition, 1 to 8. A contractor may bid once each is approved by a reviewer on verified evidence (PDF, PNG, JPEG or OFD, up to 20 MiB each; `validUntil` where the document states an expiry, R-QUAL-5):
     *
     *     1. 依法设立，具有独立承担民事责任的能力 (lawfully established, able to bear civil liability independently). Evidence: the certificate of legal-person registration (social organization registration certificate, public institution legal-person certificate or business licence); a natural person: the resident ID card (法人登记证书（社会组织法人登记证书、事业单位法人证书或营业执照）；自然人为居民身份证).
     *     2. 治理结构健全，内部管理和监督制度完善 (sound governance, internal management and supervision). Evidence: the articles of association and the internal management and supervision rules (board, supervisors) (章程及内部管理、监督制度（理事会或董事会、监事会等）).
     *     3. 具有独立、健全的财务管理、会计核算和资产管理制度 (independent, sound financial management, accounting and asset management). Evidence: the financial management, accounting and asset management rules, and last year’s financial or audit report (财务管理、会计核算和资产管理制度，上一年度财务报告或审计报告).
     *     4. 具备提供服务所必需的设施、人员和专业技术能力 (facilities, staff and professional skills needed for the service). Evidence: proof of premises and facilities, the staff list and their professional qualifications (e.g. social worker certificates) (服务场所和设施证明、服务人员名册及职业资格证书（如社会工作者职业资格证书）).
     *     5. 具有依法缴纳税收和社会保障资金的良好记录 (good record of paying taxes and social-security contributions). Evidence: receipts or certificates of the taxes and social-security contributions paid over the last year (近一年依法缴纳税收和社会保障资金的缴费凭证或证明).
     *     6. 参与政府购买服务前无重大违法记录，通过年检或按要求履行年度报告公示义务，信用状况良好，未被列入异常名录或者严重违法组织名单 (no major violation before bidding; passed annual inspection or filed its annual report; good credit; not on the abnormal-operations list or the list of seriously illegal organizations). Evidence: the annual inspection result or published annual report, the Credit China and National Enterprise Credit Information Publicity System records, and a statement of no major violation (年检结论或年度报告公示记录，信用中国、国家企业信用信息公示系统的查询记录，无重大违法记录声明).
     *     7. 符合国家有关政事分开、政社分开、政企分开的要求 (separation of government from public institutions, society and enterprises). Evidence: a written statement that staff, finances, assets and organization are separate from any government body (与行政机关在人员、财务、资产、机构等方面分开的书面声明).
     *     8. 法律、法规规定以及购买服务项目要求的其他条件 (other conditions set by law or by the project). Evidence: any other proof required by law or by the procurement documents of the project (法律、法规规定或采购文件要求的其他证明材料).
     */
    QualificationCondition: number;
    RegisterContractor: {
      /**
       * @description R-QUAL-1
       * @enum {string}
       */
      kind: 'social_organization' | 'public_institution' | 'enterprise' | 'natural_person';
      name: string;
      /** @description unified social credit code (GB 32100-2015); for a natural person the resident ID (GB 11643) */
      creditCode: string;
      nonProfit: boolean;
      contact: {
        name: string;
        phone: string;
        /** Format: email */
        email?: string;
      };
    };
    DocumentUpload: {
      documentId: string;
      document: components['schemas']['ContractorDocument'];
      upload: {
        url: string;
        fields: {
          [key: string]: string;
        };
        /**
         * Format: date-time
         * @description when the upload form expires: post the file before
         */
        expiresAt: string;
      };
    };
    ContractorDocument: {
      documentId: string;
      contractorId: string;
      condition: components['schemas']['QualificationCondition'];
      /** @description 1 for the first upload for this condition, then 2, 3, ... */
      revision: number;
      fileName: string;
      /** @enum {string} */
      contentType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/ofd';
      size: number;
      sha256?: string;
      /**
       * Format: date
       * @description calendar date, YYYY-MM-DD, Asia/Shanghai
       */
      validUntil?: string;
      /** @enum {string} */
      status: 'pending' | 'verified' | 'rejected';
      reason?: string;
      /**
       * Format: date-time
       * @description when the uploaded file was received and checked
       */
      uploadedAt?: string;
      /**
       * Format: date-time
       * @description when the verifier settled the document (verified or rejected)
       */
      verifiedAt?: string;
      /**
       * Format: date-time
       * @description when the document was declared
       */
      createdAt: string;
      version: number;
      download?: {
        url: string;
        /**
         * Format: date-time
         * @description when the download link stops working
         */
        expiresAt: string;
      };
    };
    RequestDocumentUpload: {
      condition: components['schemas']['QualificationCondition'];
      /** @description the file’s name as shown to readers: 1–200 characters, no path, no control, line-break or bidi character */
      fileName: string & (unknown & unknown & unknown);
      /** @enum {string} */
      contentType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/ofd';
      /** @description bytes, 1 to 20 MiB */
      size: number;
      sha256?: string;
      /**
       * Format: date
       * @description expiry printed on the evidence, if any (R-QUAL-5)
       */
      validUntil?: string;
    };
    ConditionDecision: {
      documentId: string;
      /** @enum {string} */
      decision: 'approved' | 'rejected';
      reason: string;
    };
    ContractorFlags: {
      /** @description on the abnormal-operations or seriously-illegal list (R-QUAL-2.6) */
      creditListHit: boolean;
      /** @description failed annual inspection or report (R-QUAL-5) */
      annualReportFailed: boolean;
      note: string;
    };
    Eligibility: {
      contractorId: string;
      eligible: boolean;
      /**
       * Format: date
       * @description calendar date, YYYY-MM-DD, Asia/Shanghai
       */
      asOf: string;
      conditions: {
        condition: components['schemas']['QualificationCondition'];
        /** @enum {string} */
        status: 'missing' | 'pending_review' | 'approved' | 'rejected' | 'expired';
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        validUntil?: string;
      }[];
      reasons: {
        /** @description condition_missing, condition_pending_review, condition_rejected (by the reviewer), evidence_rejected (the uploaded file was not what was declared), evidence_expired, credit_list_hit, annual_report_failed */
        code: string;
        condition?: components['schemas']['QualificationCondition'];
        /** @description what to do next, and why */
        message: string;
        /** @description the rejected document */
        documentId?: string;
        /** @description why it was rejected, as the reviewer or the verifier recorded it */
        rejectionReason?: string;
      }[];
    };
    /** @description A contractor's user: a login in the contractor group, linked to the contractor (issue 12 §1) */
    ContractorUser: {
      contractorId: string;
      username: string;
      name: string;
      /** @description masked */
      email: string;
      /** @description masked */
      phone: string;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      version: number;
    };
    CreateContractorUser: {
      /** @description the user's sign-in name (the e-mail address signs in too) */
      username: string;
      /**
       * Format: email
       * @description where the invitation with a temporary password goes; unique among users
       */
      email: string;
      /** @description the user's full name */
      name: string;
      /** @description kept sealed; shown masked */
      phone: string;
    };
    /** @description A budget line of one purchaser and fiscal year (R-FUND-1, R-FUND-2) */
    BudgetLine: {
      id: string;
      purchaserId: string;
      fiscalYear: number;
      /**
       * @description R-FUND-1: working_funds 社会救助工作经费, special_funds 专项资金
       * @enum {string}
       */
      source: 'working_funds' | 'special_funds';
      /** @description integer fen (分), CNY */
      amount: number;
      /** @description committed at contract signing (R-FUND-2) */
      committed: number;
      /** @description paid after passed acceptances; never more than committed */
      paid: number;
      /** @description amount − committed: what new commitments may still take */
      available: number;
      /** @constant */
      currency: 'CNY';
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    CreateBudgetLine: {
      purchaserId: string;
      /** @description the fiscal year, which in China is the calendar year */
      fiscalYear: number;
      /**
       * @description R-FUND-1: working_funds 社会救助工作经费, special_funds 专项资金
       * @enum {string}
       */
      source: 'working_funds' | 'special_funds';
      /** @description integer fen (分), CNY, more than zero */
      amount: number;
    };
    ProcurementRules: {
      purchaserId: string;
      /** @description fen; above it a procurement-law method is required (R-PROC-2); default 100 000 000 (¥1,000,000) */
      procurementLawThreshold: number;
      /** @description R-PROC-3: bounds of the price weight in percent, each inside the frame 10–30 % for services; configuration may narrow it, never widen it; quality criteria carry the rest */
      priceWeight: {
        min: number;
        max: number;
      };
      invitedTenderMinimumInvitees: number;
      /** @description characters of written rationale a single-source project needs */
      singleSourceRationaleMinLength: number;
      /** @description public holidays that are not working days (weekends never are) */
      holidays: string[];
      methods: {
        open_tender: {
          nameZh: string;
          minimumPeriodDays: number;
          /** @enum {string} */
          periodUnit: 'calendar_days' | 'working_days';
          minimumBidders: number;
        };
        invited_tender: {
          nameZh: string;
          minimumPeriodDays: number;
          /** @enum {string} */
          periodUnit: 'calendar_days' | 'working_days';
          minimumBidders: number;
        };
        competitive_consultation: {
          nameZh: string;
          minimumPeriodDays: number;
          /** @enum {string} */
          periodUnit: 'calendar_days' | 'working_days';
          minimumBidders: number;
        };
        competitive_negotiation: {
          nameZh: string;
          minimumPeriodDays: number;
          /** @enum {string} */
          periodUnit: 'calendar_days' | 'working_days';
          minimumBidders: number;
        };
        single_source: {
          nameZh: string;
          minimumPeriodDays: number;
          /** @enum {string} */
          periodUnit: 'calendar_days' | 'working_days';
          minimumBidders: number;
        };
      };
      /** @description false while the purchaser runs on the defaults */
      configured: boolean;
      /** @description set by deployment configuration on the embedded stack and in tests only: every minimum period lasts this many seconds */
      periodOverrideSeconds?: number;
      /** @description 0 for the defaults: send If-Match "0" to store the first configuration */
      version: number;
      /**
       * Format: date-time
       * @description when the configuration last changed; absent while on the defaults
       */
      updatedAt?: string;
    };
    /** @description The whole rule set of a purchaser; the law’s minimums are floors (R-PROC-2) */
    ProcurementRulesInput: {
      /** @description fen; above it a procurement-law method is required (R-PROC-2); default 100 000 000 (¥1,000,000) */
      procurementLawThreshold: number;
      /** @description R-PROC-3: bounds of the price weight in percent, each inside the frame 10–30 % for services; configuration may narrow it, never widen it; quality criteria carry the rest */
      priceWeight: {
        min: number;
        max: number;
      };
      invitedTenderMinimumInvitees: number;
      /** @description characters of written rationale a single-source project needs */
      singleSourceRationaleMinLength: number;
      /** @description public holidays that are not working days (weekends never are) */
      holidays: string[];
      methods: {
        open_tender: {
          /** @description days (calendar or working, per method) from publication to the deadline; never below the law */
          minimumPeriodDays: number;
          /** @description valid bids needed at the deadline */
          minimumBidders: number;
        };
        invited_tender: {
          /** @description days (calendar or working, per method) from publication to the deadline; never below the law */
          minimumPeriodDays: number;
          /** @description valid bids needed at the deadline */
          minimumBidders: number;
        };
        competitive_consultation: {
          /** @description days (calendar or working, per method) from publication to the deadline; never below the law */
          minimumPeriodDays: number;
          /** @description valid bids needed at the deadline */
          minimumBidders: number;
        };
        competitive_negotiation: {
          /** @description days (calendar or working, per method) from publication to the deadline; never below the law */
          minimumPeriodDays: number;
          /** @description valid bids needed at the deadline */
          minimumBidders: number;
        };
        single_source: {
          /** @description days (calendar or working, per method) from publication to the deadline; never below the law */
          minimumPeriodDays: number;
          /** @description valid bids needed at the deadline */
          minimumBidders: number;
        };
      };
    };
    Project: {
      id: string;
      purchaserId: string;
      fiscalYear: number;
      title: string;
      catalogCode: string;
      budgetLineId: string;
      /** @description integer fen (分), CNY */
      estimatedAmount: number;
      /** @constant */
      currency: 'CNY';
      quantity: {
        /** @description in the unit: 0.001 to 1 000 000 000, at most 3 decimals */
        value: number;
        unit: string;
      };
      /** @description service term, both days included */
      term: {
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        start: string;
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        end: string;
      };
      serviceStandard: components['schemas']['ServiceStandard'];
      serviceStandardRefined: boolean;
      /**
       * @description R-PROC-2: open_tender 公开招标, invited_tender 邀请招标, competitive_consultation 竞争性磋商, competitive_negotiation 竞争性谈判, single_source 单一来源采购
       * @enum {string}
       */
      procurementMethod:
        | 'open_tender'
        | 'invited_tender'
        | 'competitive_consultation'
        | 'competitive_negotiation'
        | 'single_source';
      invitedContractorIds: string[];
      singleSourceRationale?: string;
      allowNaturalPersons: boolean;
      evaluationCriteria: {
        quality: {
          code: string;
          description: string;
          weight: number;
          pastPerformance?: boolean;
        }[];
        priceWeight: number;
      };
      paymentMilestones: {
        /**
         * @description signing, mid_term_review, acceptance_passed (last, R-ACC-3)
         * @enum {string}
         */
        event: 'signing' | 'mid_term_review' | 'acceptance_passed';
        /** @description percent, 0.01–100, at most two decimals */
        percent: number;
        note?: string;
      }[];
      /**
       * @description R-PROC-1: draft → submitted → approved → published → bidding_closed → evaluated → awarded → contracted, or unsuccessful / cancelled
       * @enum {string}
       */
      status:
        | 'draft'
        | 'submitted'
        | 'approved'
        | 'published'
        | 'bidding_closed'
        | 'evaluated'
        | 'awarded'
        | 'contracted'
        | 'unsuccessful'
        | 'cancelled';
      timeline: {
        /**
         * Format: date-time
         * @description when the project took this step
         */
        at: string;
        /**
         * @description R-PROC-1: draft → submitted → approved → published → bidding_closed → evaluated → awarded → contracted, or unsuccessful / cancelled
         * @enum {string}
         */
        status:
          | 'draft'
          | 'submitted'
          | 'approved'
          | 'published'
          | 'bidding_closed'
          | 'evaluated'
          | 'awarded'
          | 'contracted'
          | 'unsuccessful'
          | 'cancelled';
        event: string;
        by: {
          sub: string;
          role: string;
        };
        note?: string;
      }[];
      cancellation?: {
        /**
         * @description public reason code of a cancellation (R-SUP-3)
         * @enum {string}
         */
        reason:
          | 'task_cancelled'
          | 'requirement_changed'
          | 'budget_withdrawn'
          | 'irregularity'
          | 'challenge_sustained'
          | 'duplicate'
          | 'other';
        /** @description internal: the clerk’s note is not published */
        note: string;
        /** @description published with the cancellation (a sustained challenge’s public reason) */
        publicNote?: string;
        /**
         * Format: date-time
         * @description when the project was cancelled
         */
        at: string;
      };
      evaluatorIds: string[];
      panel?: components['schemas']['PanelRecord'];
      panelHistory?: {
        /**
         * Format: date-time
         * @description when the panel was set
         */
        at: string;
        by: {
          sub: string;
          role: string;
        };
        /** @enum {string} */
        method: 'named' | 'drawn';
        evaluatorIds: string[];
        /** @description set from the bid deadline on (R-PROC-5) */
        afterDeadline: boolean;
        reason?: string;
        seed?: string;
      }[];
      scoringRound: number;
      tender?: {
        /**
         * Format: date-time
         * @description when the tender notice was published
         */
        publishedAt: string;
        /**
         * Format: date-time
         * @description when bidding closes (exclusive), on a whole second
         */
        bidDeadline: string;
        minimumBids: number;
      };
      workflow?: {
        executionArn: string;
        /**
         * Format: date-time
         * @description when the procurement workflow started
         */
        startedAt: string;
        /** @enum {string} */
        waitingFor?: 'bid_deadline' | 'scores' | 'draw' | 'standstill' | 'challenges' | 'signatures';
        failure?: {
          error: string;
          cause: string;
          /**
           * Format: date-time
           * @description when the workflow failed
           */
          at: string;
        };
      };
      /** @description R-PROC-3, R-QUAL-4: the ranking of the latest scoring round, ties explained */
      evaluation?: {
        round: number;
        /**
         * Format: date-time
         * @description when this scoring round was ranked
         */
        evaluatedAt: string;
        ranked: {
          rank: number;
          bidId: string;
          contractorId: string;
          /** @description integer fen (分), CNY */
          price: number;
          nonProfitSocialOrganization: boolean;
          /** @description weighted quality score, 2 decimals */
          quality: string;
          /** @description lowest valid price ÷ bid price × priceWeight, 2 decimals */
          priceScore: string;
          total: string;
          criteria: {
            code: string;
            /** @enum {string} */
            source: 'evaluators' | 'past_performance';
            score: string;
          }[];
          drawRequired: boolean;
        }[];
        disqualified: {
          bidId: string;
          contractorId: string;
          reason: string;
        }[];
        tieBreaks: {
          above: string;
          below: string;
          reason: string;
          rule: string;
          statement: string;
        }[];
        winner?: string;
        drawRequired: boolean;
      };
      award?: {
        bidId: string;
        contractorId: string;
        contractorName: string;
        contractorKind: string;
        /** @description integer fen (分), CNY */
        price: number;
        /**
         * Format: date-time
         * @description when the contract was awarded to this bid
         */
        awardedAt: string;
        /** @description R-PROC-5: challenges are admissible from opensAt until closesAt (exclusive) */
        standstill: {
          /**
           * Format: date-time
           * @description when challenges become admissible: the start of the standstill
           */
          opensAt: string;
          /**
           * Format: date
           * @description calendar date, YYYY-MM-DD, Asia/Shanghai
           */
          lastDay: string;
          /**
           * Format: date-time
           * @description when the standstill ends (exclusive): the end of its last day, Asia/Shanghai
           */
          closesAt: string;
          movedToWorkingDay: boolean;
        };
      };
      withdrawnAwards?: {
        bidId: string;
        contractorId: string;
        contractorName: string;
        contractorKind: string;
        /** @description integer fen (分), CNY */
        price: number;
        /**
         * Format: date-time
         * @description when the contract was awarded to this bid
         */
        awardedAt: string;
        /** @description R-PROC-5: challenges are admissible from opensAt until closesAt (exclusive) */
        standstill: {
          /**
           * Format: date-time
           * @description when challenges become admissible: the start of the standstill
           */
          opensAt: string;
          /**
           * Format: date
           * @description calendar date, YYYY-MM-DD, Asia/Shanghai
           */
          lastDay: string;
          /**
           * Format: date-time
           * @description when the standstill ends (exclusive): the end of its last day, Asia/Shanghai
           */
          closesAt: string;
          movedToWorkingDay: boolean;
        };
        /**
         * Format: date-time
         * @description when the award was withdrawn by a sustained challenge
         */
        withdrawnAt: string;
        challengeId: string;
      }[];
      unsuccessful?: {
        /** @enum {string} */
        reason: 'too_few_bids' | 'no_valid_bid';
        detail: string;
        /**
         * Format: date-time
         * @description when the procurement was declared unsuccessful
         */
        at: string;
      };
      contract?: {
        id: string;
        /**
         * Format: date-time
         * @description when the second side signed the contract
         */
        signedAt?: string;
      };
      createdBy: {
        sub: string;
        role: string;
      };
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    PanelRecord: {
      /**
       * Format: date-time
       * @description when the panel was set
       */
      at: string;
      by: {
        sub: string;
        role: string;
      };
      /** @enum {string} */
      method: 'named' | 'drawn';
      evaluatorIds: string[];
      /** @description set from the bid deadline on (R-PROC-5) */
      afterDeadline: boolean;
      reason?: string;
      /**
       * @description seed = SHA-256 of the lines: algorithm, projectId, bidDeadline (empty if null), drawnAt, nonce, auditHead, poolDigest; poolDigest = SHA-256 of the pool’s subs in code-unit order, one per line; the panel is the `size` subs of the pool with the lowest SHA-256(seed + "
       *     " + sub)
       */
      draw?: {
        /** @constant */
        algorithm: 'sha256-rank/v1';
        size: number;
        expertise?: string;
        seedInputs: {
          projectId: string;
          bidDeadline: string | null;
          /**
           * Format: date-time
           * @description when the panel was drawn
           */
          drawnAt: string;
          nonce: string;
          auditHead: string;
          poolDigest: string;
        };
        seed: string;
        pool: string[];
      };
    };
    CreateProject: {
      purchaserId: string;
      title: string;
      catalogCode: string;
      budgetLineId: string;
      /** @description fen; at most what the budget line has available (R-FUND-2) */
      estimatedAmount: number;
      quantity: {
        /** @description in the unit: 0.001 to 1 000 000 000, at most 3 decimals */
        value: number;
        unit: string;
      };
      /** @description service term, both days included */
      term: {
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        start: string;
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        end: string;
      };
      /** @description default: the catalog item's standard (R-CAT-4); a refinement keeps its indicators */
      serviceStandard?: components['schemas']['ServiceStandard'];
      /**
       * @description R-PROC-2: open_tender 公开招标, invited_tender 邀请招标, competitive_consultation 竞争性磋商, competitive_negotiation 竞争性谈判, single_source 单一来源采购
       * @enum {string}
       */
      procurementMethod:
        | 'open_tender'
        | 'invited_tender'
        | 'competitive_consultation'
        | 'competitive_negotiation'
        | 'single_source';
      /** @description invited_tender only: at least 3 eligible contractors */
      invitedContractorIds?: string[];
      /** @description single_source only: the written justification (R-PROC-2) */
      singleSourceRationale?: string;
      /** @description R-QUAL-1: natural persons may bid only where no qualified organization exists */
      allowNaturalPersons?: boolean;
      /** @description R-PROC-3: quality and service criteria first; weights in percent add up to 100 with priceWeight */
      evaluationCriteria: {
        quality: {
          code: string;
          description: string;
          /** @description whole percent of the total score, 1–100 */
          weight: number;
          /** @description R-PROC-6: not scored by evaluators: the neutral 50 for every bid until evaluations are recorded (a later capability); at most one */
          pastPerformance?: boolean;
        }[];
        /** @description percent; inside the purchaser’s bounds, which lie in 10–30 % (R-PROC-3). Price score = lowest valid price ÷ bid price × priceWeight */
        priceWeight: number;
      };
      /** @description R-CON-2 settlement: percentages summing to 100; default 30 % at signing, 40 % after the mid-term review, 30 % on passed acceptance */
      paymentMilestones?: {
        /**
         * @description signing, mid_term_review, acceptance_passed (last, R-ACC-3)
         * @enum {string}
         */
        event: 'signing' | 'mid_term_review' | 'acceptance_passed';
        /** @description percent, 0.01–100, at most two decimals */
        percent: number;
        note?: string;
      }[];
    };
    /** @description Replaces a draft’s content */
    UpdateProject: {
      title: string;
      catalogCode: string;
      budgetLineId: string;
      /** @description fen; at most what the budget line has available (R-FUND-2) */
      estimatedAmount: number;
      quantity: {
        /** @description in the unit: 0.001 to 1 000 000 000, at most 3 decimals */
        value: number;
        unit: string;
      };
      /** @description service term, both days included */
      term: {
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        start: string;
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        end: string;
      };
      /** @description default: the catalog item's standard (R-CAT-4); a refinement keeps its indicators */
      serviceStandard?: components['schemas']['ServiceStandard'];
      /**
       * @description R-PROC-2: open_tender 公开招标, invited_tender 邀请招标, competitive_consultation 竞争性磋商, competitive_negotiation 竞争性谈判, single_source 单一来源采购
       * @enum {string}
       */
      procurementMethod:
        | 'open_tender'
        | 'invited_tender'
        | 'competitive_consultation'
        | 'competitive_negotiation'
        | 'single_source';
      /** @description invited_tender only: at least 3 eligible contractors */
      invitedContractorIds?: string[];
      /** @description single_source only: the written justification (R-PROC-2) */
      singleSourceRationale?: string;
      /** @description R-QUAL-1: natural persons may bid only where no qualified organization exists */
      allowNaturalPersons?: boolean;
      /** @description R-PROC-3: quality and service criteria first; weights in percent add up to 100 with priceWeight */
      evaluationCriteria: {
        quality: {
          code: string;
          description: string;
          /** @description whole percent of the total score, 1–100 */
          weight: number;
          /** @description R-PROC-6: not scored by evaluators: the neutral 50 for every bid until evaluations are recorded (a later capability); at most one */
          pastPerformance?: boolean;
        }[];
        /** @description percent; inside the purchaser’s bounds, which lie in 10–30 % (R-PROC-3). Price score = lowest valid price ÷ bid price × priceWeight */
        priceWeight: number;
      };
      /** @description R-CON-2 settlement: percentages summing to 100; default 30 % at signing, 40 % after the mid-term review, 30 % on passed acceptance */
      paymentMilestones?: {
        /**
         * @description signing, mid_term_review, acceptance_passed (last, R-ACC-3)
         * @enum {string}
         */
        event: 'signing' | 'mid_term_review' | 'acceptance_passed';
        /** @description percent, 0.01–100, at most two decimals */
        percent: number;
        note?: string;
      }[];
    };
    CancelProject: {
      /**
       * @description public reason code of a cancellation (R-SUP-3)
       * @enum {string}
       */
      reason:
        | 'task_cancelled'
        | 'requirement_changed'
        | 'budget_withdrawn'
        | 'irregularity'
        | 'challenge_sustained'
        | 'duplicate'
        | 'other';
      note: string;
    };
    /** @description A public procurement announcement (R-SUP-3) */
    Announcement: {
      id: string;
      /**
       * @description 采购意向 / 采购公告 / 废标公告 / 中标（成交）结果公告 / 撤销中标（成交）结果公告 / 合同公告 / 终止公告 / 验收结果公告 / 合同终止公告
       * @enum {string}
       */
      kind:
        | 'procurement_intention'
        | 'procurement_notice'
        | 'unsuccessful'
        | 'award_result'
        | 'award_withdrawn'
        | 'contract'
        | 'cancellation'
        | 'acceptance_result'
        | 'contract_termination';
      projectId: string;
      ocid: string;
      /** @description the OCDS release this announces, in the record at links.record */
      releaseId: string;
      purchaser: {
        id: string;
        nameZh: string;
        nameEn: string;
      };
      title: {
        zh: string;
        en: string;
      };
      summary: {
        zh: string;
        en: string;
      };
      /** @description award_result: how ties in the ranking were broken (R-QUAL-4, R-PROC-3, R-PROC-5); acceptance_result: each indicator against its target (R-ACC-4); Chinese then English */
      statements?: string[];
      /**
       * Format: date-time
       * @description when the announcement was published
       */
      publishedAt: string;
      links: {
        /** @description path of the OCDS record package of this process */
        record: string;
      };
    };
    /** @description OCDS 1.1.5 release package (https://standard.open-contracting.org/1.1/en/schema/release_package/) */
    ReleasePackage: {
      uri: string;
      /** @constant */
      version: '1.1';
      /**
       * Format: date-time
       * @description when this package was published (OCDS publishedDate)
       */
      publishedDate: string;
      publisher: {
        name: string;
      };
      license: string;
      publicationPolicy: string;
      /** @description the OCDS extensions the releases use (metrics, transaction_milestones, contract_completion), once a contract is implemented */
      extensions?: string[];
      /** @description OCDS 1.1.5 releases, oldest first; never empty: with no release at or after `since` the answer is 404 */
      releases: {
        [key: string]: unknown;
      }[];
      /** @description only when another release follows: never an empty page */
      links?: {
        next: string;
      };
      /** @description opaque, bound to this query; pass as `cursor` for the next page */
      cursor?: string;
    };
    /** @description OCDS 1.1.5 record package (https://standard.open-contracting.org/1.1/en/schema/record_package/) */
    RecordPackage: {
      uri: string;
      /** @constant */
      version: '1.1';
      /**
       * Format: date-time
       * @description when this package was published (OCDS publishedDate)
       */
      publishedDate: string;
      publisher: {
        name: string;
      };
      license: string;
      publicationPolicy: string;
      /** @description the OCDS extensions the releases use (metrics, transaction_milestones, contract_completion), once a contract is implemented */
      extensions?: string[];
      /** @description one OCDS record: its releases and compiledRelease */
      records: {
        [key: string]: unknown;
      }[];
    };
    AuditTrail: {
      /** @enum {string} */
      recordType:
        | 'contractor'
        | 'document'
        | 'catalog-item'
        | 'budget-line'
        | 'project'
        | 'procurement-rules'
        | 'bid'
        | 'bidDocument'
        | 'scoreSheet'
        | 'challenge'
        | 'contract'
        | 'evaluator'
        | 'delegation'
        | 'contractor-user'
        | 'staff'
        | 'dispatch'
        | 'delivery'
        | 'financial-report'
        | 'inspection'
        | 'acceptance'
        | 'opinion'
        | 'panel-signature'
        | 'milestone'
        | 'payment';
      recordId: string;
      entries: components['schemas']['AuditEntry'][];
      chain: {
        verified: boolean;
        length: number;
        brokenAtSeq?: number;
        problem?: string;
      };
      anchoredBy: {
        date: string;
        seq: number;
        verified: boolean;
        problem?: string;
      } | null;
      cursor?: string;
    };
    AuditEntry: {
      /** @enum {string} */
      recordType:
        | 'contractor'
        | 'document'
        | 'catalog-item'
        | 'budget-line'
        | 'project'
        | 'procurement-rules'
        | 'bid'
        | 'bidDocument'
        | 'scoreSheet'
        | 'challenge'
        | 'contract'
        | 'evaluator'
        | 'delegation'
        | 'contractor-user'
        | 'staff'
        | 'dispatch'
        | 'delivery'
        | 'financial-report'
        | 'inspection'
        | 'acceptance'
        | 'opinion'
        | 'panel-signature'
        | 'milestone'
        | 'payment';
      recordId: string;
      seq: number;
      at: string;
      actor: components['schemas']['Actor'];
      action: string;
      data: unknown;
      prevHash: string;
      hash: string;
    };
    /** @description who acted: a user or a partner portal, by token subject and role */
    Actor: {
      sub: string;
      role: string;
      /** @description a partner portal (sub) acting for this contractor under the scope it delegated (On-Behalf-Of) */
      onBehalfOf?: {
        contractorId: string;
        scope: string;
      };
    };
    PublicationAccepted: {
      projectId: string;
      /** @description the procurement workflow execution that publishes the notice */
      executionArn: string;
      /**
       * Format: date-time
       * @description when bidding closes (exclusive), on a whole second
       */
      bidDeadline: string;
      /**
       * @description the notice appears on the project within moments
       * @constant
       */
      status: 'publishing';
    };
    PublishProject: {
      /**
       * Format: date-time
       * @description when bidding closes (exclusive), on a whole second; at least the method’s minimum period after publication (R-PROC-2), at most 180 days
       */
      bidDeadline: string;
    };
    /** @description A sealed bid (R-PROC-5): nobody but its contractor reads it before the deadline */
    Bid: {
      /** @description stable across revisions */
      id: string;
      projectId: string;
      contractorId: string;
      /**
       * @description R-QUAL-1
       * @enum {string}
       */
      contractorKind: 'social_organization' | 'public_institution' | 'enterprise' | 'natural_person';
      contractorName: string;
      nonProfit: boolean;
      /** @description absent while the bid is sealed (see `sealed`) */
      price?: number;
      /** @description absent while the bid is sealed (see `sealed`) */
      proposal?: {
        summary: string;
      };
      /** @description until CloseBidding opens the bids after the deadline, price and proposal are stored only sealed with a key (R-PROC-5) and nobody reads them, the bidder included (as at an electronic bid opening, 开标解密): the SHA-256 of the sealed content is the receipt of what is stored; the submitting or revising answer shows what was sent */
      sealed?: {
        sha256: string;
      };
      documentIds: string[];
      /** @description 1 at submission, +1 per revision */
      revision: number;
      /**
       * Format: date-time
       * @description when the bid was first submitted
       */
      submittedAt: string;
      /**
       * Format: date-time
       * @description when the bid was last revised; absent before its first revision
       */
      revisedAt?: string;
      /** @description compliance review (符合性审查): neither scored nor the price baseline (R-PROC-3) */
      disqualified?: {
        reason: string;
        by: {
          sub: string;
          role: string;
        };
        /**
         * Format: date-time
         * @description when the bid was disqualified
         */
        at: string;
      };
      version: number;
    };
    /** @description The first PUT submits the bid, later ones revise it until the deadline (R-PROC-1) */
    SubmitBid: {
      /** @description integer fen (分); not above the project’s estimatedAmount, a quotation above the budget is invalid (R-FUND-2) */
      price: number;
      proposal: {
        summary: string;
      };
    };
    BidDocumentUpload: {
      documentId: string;
      document: components['schemas']['BidDocument'];
      upload: {
        url: string;
        fields: {
          [key: string]: string;
        };
        /**
         * Format: date-time
         * @description when the upload form expires: post the file before
         */
        expiresAt: string;
      };
    };
    BidDocument: {
      documentId: string;
      projectId: string;
      contractorId: string;
      fileName: string;
      /** @enum {string} */
      contentType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/ofd';
      size: number;
      sha256?: string;
      /**
       * @description verified once the uploaded object matches what was declared and S3 created it before the deadline
       * @enum {string}
       */
      status: 'pending' | 'verified' | 'rejected';
      reason?: string;
      /**
       * Format: date-time
       * @description when the document was declared and its upload form given out
       */
      requestedAt: string;
      /**
       * Format: date-time
       * @description when S3 created the uploaded file, judged against the bid deadline to the millisecond (R-PROC-1)
       */
      uploadedAt?: string;
      /**
       * Format: date-time
       * @description when the verifier checked the uploaded file (verified or rejected)
       */
      verifiedAt?: string;
      version: number;
      download?: {
        url: string;
        /**
         * Format: date-time
         * @description when the download link stops working
         */
        expiresAt: string;
      };
    };
    RequestBidDocumentUpload: {
      /** @description the file’s name as shown to readers: 1–200 characters, no path, no control, line-break or bidi character */
      fileName: string & (unknown & unknown & unknown);
      /** @enum {string} */
      contentType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/ofd';
      /** @description bytes, 1 to 20 MiB */
      size: number;
      sha256?: string;
    };
    /** @description Compliance review (符合性审查) after the deadline, before scoring (R-PROC-3) */
    DisqualifyBid: {
      reason: string;
    };
    /** @description Replaces the panel; allowed while approved, published or bidding_closed and before the round’s first sheet. Before the bid deadline the purchaser sets it; from the deadline on only the bureau, with a reason (R-PROC-5) */
    AssignEvaluators: {
      /** @description R-PROC-3: active members of the evaluator pool, distinct, an odd number, at least 5 for open and invited tenders (评标委员会 5 人以上单数), at least 3 otherwise, at most 21 */
      evaluatorIds: string[];
      /** @description R-PROC-5: required from the bid deadline on, when only the bureau may change the panel; kept on the panel history and in the audit entry */
      reason?: string;
    };
    /** @description What an evaluator needs to score a project */
    EvaluatorProject: {
      id: string;
      title: string;
      /** @enum {string} */
      status:
        | 'draft'
        | 'submitted'
        | 'approved'
        | 'published'
        | 'bidding_closed'
        | 'evaluated'
        | 'awarded'
        | 'contracted'
        | 'unsuccessful'
        | 'cancelled';
      /**
       * Format: date-time
       * @description when bidding closes (exclusive), on a whole second
       */
      bidDeadline?: string;
      /** @description 0 until bidding closes */
      scoringRound: number;
      evaluationCriteria: {
        quality: {
          code: string;
          description: string;
          weight: number;
          /** @description scored from the evaluation record, not by evaluators (R-PROC-6) */
          pastPerformance?: boolean;
        }[];
        /** @description scored by formula: lowest valid price ÷ bid price × priceWeight */
        priceWeight: number;
      };
    };
    ScoreSheet: {
      projectId: string;
      /** @description 1 at the first scoring; a sustained challenge with rescore starts the next */
      round: number;
      evaluatorId: string;
      scores: {
        bidId: string;
        criterionCode: string;
        score: number;
      }[];
      /**
       * Format: date-time
       * @description when the evaluator last submitted the sheet
       */
      submittedAt: string;
      version: number;
    };
    /** @description One evaluator’s whole sheet for the current round; replaceable until the round is complete */
    SubmitScores: {
      /** @description every valid bid on every quality criterion the evaluators score (not the past-performance one, R-PROC-6) */
      scores: {
        bidId: string;
        criterionCode: string;
        /** @description 0–100 with at most one decimal (R-PROC-3) */
        score: number;
      }[];
    };
    /** @description Sheets by round, then evaluator */
    ScoreSheetList: {
      projectId: string;
      sheets: components['schemas']['ScoreSheet'][];
    };
    /** @description R-PROC-5: the result of a documented draw between bids that no rule ranks apart */
    DrawResult: {
      /** @description the bids tied for the first place, in the drawn order */
      order: string[];
      /** @description who witnessed the draw (R-PROC-5) */
      witnessedBy: string[];
    };
    /** @description R-PROC-5: the system draws the panel from the active evaluator pool with a seed published on the project’s panel record */
    DrawPanel: {
      /** @description R-PROC-3: how many to draw: an odd number, at least the method’s minimum */
      size: number;
      /** @description draw only among active members with this field of expertise */
      expertise?: string;
      /** @description R-PROC-5: required from the bid deadline on, when only the bureau may change the panel; kept on the panel history and in the audit entry */
      reason?: string;
    };
    /** @description A member of the evaluator pool (评审专家库) */
    PoolMember: {
      sub: string;
      name: string;
      expertise: string[];
      /** @enum {string} */
      status: 'active' | 'retired';
      /**
       * Format: date-time
       * @description when the evaluator joined the pool
       */
      registeredAt: string;
      registeredBy: {
        sub: string;
        role: string;
      };
      retired?: {
        /**
         * Format: date-time
         * @description when the evaluator was retired
         */
        at: string;
        by: {
          sub: string;
          role: string;
        };
        reason: string;
      };
      version: number;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    /** @description R-PROC-3: the bureau states that this user (token sub) is an evaluator: 201 registered, 200 updated or unchanged */
    RegisterEvaluator: {
      name: string;
      /** @description fields of expertise (专业领域), each once */
      expertise: string[];
    };
    /** @description R-PROC-3: a retired evaluator sits on no new panel; the entry stays, dated */
    RetireEvaluator: {
      reason: string;
    };
    /** @description R-PROC-5: a bidder’s challenge to the award, filed inside the standstill window */
    Challenge: {
      id: string;
      projectId: string;
      /** @description the bidder that filed it */
      contractorId: string;
      /** @description the scoring round whose award it contests */
      round: number;
      grounds: string;
      /**
       * Format: date-time
       * @description when the challenge was filed, inside the standstill (R-PROC-5)
       */
      filedAt: string;
      /** @enum {string} */
      status: 'open' | 'dismissed' | 'sustained';
      answer?: {
        /** @enum {string} */
        outcome: 'dismissed' | 'sustained';
        /** @enum {string} */
        remedy?: 'rescore' | 'cancel';
        reply: string;
        publicReason?: string;
        by: {
          sub: string;
          role: string;
        };
        /**
         * Format: date-time
         * @description when the bureau answered the challenge
         */
        at: string;
      };
      version: number;
    };
    FileChallenge: {
      /** @description the facts and reasons the award is contested on, in writing (政府采购质疑) */
      grounds: string;
    };
    AnswerChallenge: {
      /**
       * @description dismissed: the standstill goes on; sustained: the remedy applies
       * @enum {string}
       */
      outcome: 'dismissed' | 'sustained';
      /**
       * @description sustained only: rescore withdraws the award and sends the project back to scoring; cancel cancels the project
       * @enum {string}
       */
      remedy?: 'rescore' | 'cancel';
      /** @description the written answer to the challenger */
      reply: string;
      /** @description cancel only, and then required: the published reason (R-SUP-3) */
      publicReason?: string;
    };
    /** @description A service contract from the standard template (R-CON-1..4) */
    Contract: {
      id: string;
      projectId: string;
      bidId: string;
      purchaserId: string;
      contractorId: string;
      /** @description committed with the second signature (R-FUND-2) */
      budgetLineId: string;
      /** @description R-CON-1: the district's standard template and its version */
      template: {
        templateId: string;
        version: number;
      };
      title: string;
      catalogCode: string;
      /** @description service term, both days included */
      term: {
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        start: string;
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        end: string;
      };
      quantity: {
        /** @description in the unit: 0.001 to 1 000 000 000, at most 3 decimals */
        value: number;
        unit: string;
      };
      serviceStandard: components['schemas']['ServiceStandard'];
      /** @description the awarded price, integer fen */
      price: number;
      /** @constant */
      currency: 'CNY';
      /** @description R-CON-2..4: content, term, quantity, quality standard, price, settlement, rights and obligations, liability for breach, no subcontracting, financial reporting and supervision */
      clauses: {
        /** @enum {string} */
        key:
          | 'content'
          | 'term'
          | 'quantity'
          | 'quality_standard'
          | 'price'
          | 'settlement'
          | 'rights_obligations'
          | 'breach_liability'
          | 'no_subcontracting'
          | 'financial_reporting_supervision';
        titleZh: string;
        titleEn: string;
        /** @description the template text with the project and award filled in: what both sides sign */
        textZh: string;
      }[];
      paymentMilestones: {
        seq: number;
        /**
         * @description the last one is paid only on a passed acceptance (R-ACC-3)
         * @enum {string}
         */
        event: 'signing' | 'mid_term_review' | 'acceptance_passed';
        /** @description percent, at most two decimals */
        percent: number;
        /** @description 1/100 %; the milestones add up to 10 000 */
        basisPoints: number;
        /** @description integer fen; the milestones add up to the price exactly */
        amount: number;
        note?: string;
      }[];
      acceptancePlan: components['schemas']['AcceptancePlan'];
      /**
       * @description draft → signed_by_one → signed → completed (the last milestone paid) or terminated (for breach); the second signature commits the budget line (R-FUND-2)
       * @enum {string}
       */
      status: 'draft' | 'signed_by_one' | 'signed' | 'completed' | 'terminated';
      signatures: {
        purchaser?: {
          by: components['schemas']['Actor'];
          /**
           * Format: date-time
           * @description when this side signed the contract
           */
          at: string;
        };
        contractor?: {
          by: components['schemas']['Actor'];
          /**
           * Format: date-time
           * @description when this side signed the contract
           */
          at: string;
        };
      };
      /**
       * Format: date-time
       * @description when the last milestone was paid and the contract completed
       */
      completedAt?: string;
      /** @description terminated for breach by the bureau (R-CON-3, R-FUND-2) */
      termination?: {
        reason: string;
        liability: string;
        by: components['schemas']['Actor'];
        /**
         * Format: date-time
         * @description when the bureau terminated the contract
         */
        at: string;
        /** @description the unpaid remainder released from the budget line’s commitment, integer fen */
        released: number;
      };
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    /** @description 履约验收方案: agreed in the contract (财库〔2021〕22号 第二十四条), shown to both sides (R-ACC-1..3) */
    AcceptancePlan: {
      /** @description how the panel inspects: on-site inspection, records review, recipient survey */
      method: string;
      /** @description the service standard’s indicators the panel measures, with their targets (R-ACC-1) */
      indicators: {
        code: string;
        description: string;
        unit: string;
        /** @description in the unit: −1 000 000 000 to 1 000 000 000, at most 4 decimals */
        target: number;
        /**
         * @description how a measured value is judged against target at acceptance
         * @enum {string}
         */
        comparison: '>=' | '<=' | '=';
        /** @description a mandatory indicator that misses its target fails the acceptance (R-ACC-1) */
        mandatory: boolean;
      }[];
      /** @description one acceptance per milestone paid on a review or a passed acceptance (分期验收) */
      stages: {
        /** @description the payment milestone this stage’s acceptance releases */
        milestoneSeq: number;
        /** @enum {string} */
        event: 'mid_term_review' | 'acceptance_passed';
        /**
         * Format: date
         * @description the Shanghai date from which the purchaser opens this stage’s acceptance
         */
        from: string;
      }[];
      recipients: {
        /** @description service recipients invited, drawn from the delivery records */
        sampleSize: number;
        /** @description fewer opinions than this fail the acceptance (R-ACC-2) */
        minimumOpinions: number;
        /** @description basis points of opinions scoring 4–5 below which the acceptance fails; default 8 000 (80 %) */
        satisfiedShareBp: number;
        /** @description days the recipients have to answer their invitations */
        answerDays: number;
      };
      panel: {
        /** @description members whose signatures complete the panel’s decision */
        quorum: number;
      };
      rectification: {
        /** @description rectification rounds before the acceptance fails for good */
        maxRounds: number;
        /** @description days the contractor has to rectify, per round */
        days: number;
        /** @description basis points of the milestone deducted per rectification round (the liability clause) */
        deductionBpPerRound: number;
      };
      /** @description days from a passed acceptance within which the milestone is paid: default 30, at most 60 (国务院令第802号) */
      paymentTermDays: number;
      /** @description basis points of dispatched staff with a social-work qualification the contract requires (R-STAFF-1) */
      minimumQualifiedShareBp: number;
      /** @description planned quantities over the term, against which progress is measured (R-SUP-1) */
      delivery: {
        /** @description what a delivery record counts against */
        code: string;
        description: string;
        unit: string;
        /** @description planned over the whole term, in the unit */
        planned: number;
      }[];
    };
    /** @description A contractor’s delegation to a partner portal (issue 12 §1) */
    Delegation: {
      contractorId: string;
      portalId: string;
      scopes: ('documents' | 'bids' | 'contracts' | 'deliveries')[];
      /**
       * Format: date-time
       * @description when the delegation lapses: the portal acts for the contractor until then
       */
      validUntil: string;
      /**
       * @description active until validUntil unless revoked; a portal acts for the contractor only while active
       * @enum {string}
       */
      status: 'active' | 'expired' | 'revoked';
      consentReference?: string;
      grantedBy: components['schemas']['Actor'];
      /**
       * Format: date-time
       * @description when the delegation was last granted
       */
      grantedAt: string;
      revoked?: {
        by: components['schemas']['Actor'];
        /**
         * Format: date-time
         * @description when the delegation was revoked
         */
        at: string;
        reason?: string;
      };
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    /** @description Grants a partner portal the right to act for the contractor (header On-Behalf-Of) on the routes of these scopes, until validUntil. If-None-Match: * creates it, If-Match with the ETag read replaces it (also after a revocation: a new grant). By the contractor's own user, or by the bureau on the contractor's written consent */
    GrantDelegation: {
      /** @description what the portal may do as the contractor, each once: documents (evidence, eligibility, the contractor's profile), bids (bids, bid documents, challenges), contracts (read and sign), deliveries. Only the contractor's own user grants bids and contracts; the bureau grants documents and deliveries */
      scopes: ('documents' | 'bids' | 'contracts' | 'deliveries')[];
      /**
       * Format: date-time
       * @description when the delegation lapses: after now, at most one year ahead (ISO 8601 with offset)
       */
      validUntil: string;
      /** @description required when the bureau grants: the reference of the contractor's written consent (e.g. the letter's number) */
      consentReference?: string;
    };
    /** @description Revokes the delegation from now on, dated; it is never deleted, and a new grant (PUT with If-Match) replaces it */
    RevokeDelegation: {
      reason?: string;
    };
    /** @description A person on a contractor's roster (R-CON-3, R-STAFF-1) */
    StaffMember: {
      id: string;
      contractorId: string;
      name: string;
      /** @description in full for the bureau and the contractor itself; masked (first 6 and last 2 characters) for everyone else */
      residentId: string;
      /** @enum {string} */
      role: 'caregiver' | 'coordinator' | 'social_worker' | 'other';
      qualification?: {
        /** @enum {string} */
        level: 'assistant_social_worker' | 'social_worker' | 'senior_social_worker';
        certificateNumber: string;
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        validUntil: string;
      };
      /**
       * Format: date
       * @description calendar date, YYYY-MM-DD, Asia/Shanghai
       */
      joinedOn: string;
      left?: {
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        on: string;
        reason?: string;
        by: components['schemas']['Actor'];
        /**
         * Format: date-time
         * @description when the leaving was recorded
         */
        at: string;
      };
      evidence?: {
        documentId: string;
        /** @enum {string} */
        kind: 'labour_contract' | 'social_insurance_record';
        fileName: string;
        contentType: string;
        size: number;
        sha256?: string;
        /** @enum {string} */
        status: 'pending' | 'verified' | 'rejected';
        reason?: string;
        /**
         * Format: date-time
         * @description when the employment evidence was received and checked
         */
        uploadedAt?: string;
        /**
         * Format: date-time
         * @description when the verifier settled the employment evidence
         */
        verifiedAt?: string;
        /**
         * Format: date-time
         * @description when the employment evidence was declared
         */
        createdAt: string;
      };
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    /** @description Adds a person to the contractor's roster (R-CON-3); employment evidence follows through POST .../evidence */
    CreateStaffMember: {
      name: string;
      /** @description the resident ID number (GB 11643, check digit verified): sealed; shown in full only to the bureau and the contractor itself */
      residentId: string;
      /** @enum {string} */
      role: 'caregiver' | 'coordinator' | 'social_worker' | 'other';
      /** @description a social-work qualification (R-STAFF-1): counts toward the contract’s qualified share while valid */
      qualification?: {
        /**
         * @description 助理社会工作师 (assistant_social_worker), 社会工作师 (social_worker), 高级社会工作师 (senior_social_worker)
         * @enum {string}
         */
        level: 'assistant_social_worker' | 'social_worker' | 'senior_social_worker';
        certificateNumber: string;
        /**
         * Format: date
         * @description the last day the certificate is valid (Shanghai date)
         */
        validUntil: string;
      };
      /**
       * Format: date
       * @description the day the person joined the contractor (Shanghai date), not after today
       */
      joinedOn: string;
    };
    /** @description Dates the staff member’s leaving; the record stays (never deleted) */
    LeaveStaffRoster: {
      /**
       * Format: date
       * @description the last day on the roster (Shanghai date)
       */
      on: string;
      reason?: string;
    };
    StaffEvidenceUpload: {
      documentId: string;
      staff: components['schemas']['StaffMember'];
      upload: {
        url: string;
        fields: {
          [key: string]: string;
        };
        /**
         * Format: date-time
         * @description when the upload form expires: post the file before
         */
        expiresAt: string;
      };
    };
    /** @description Declares the employment evidence of a staff member and returns a presigned POST; the verifier checks the upload */
    RequestStaffEvidenceUpload: {
      /**
       * @description labour contract (劳动合同) or social-insurance record (社保缴纳记录): the person is the contractor’s own employee (R-CON-3)
       * @enum {string}
       */
      kind: 'labour_contract' | 'social_insurance_record';
      /** @description the file’s name as shown to readers: 1–200 characters, no path, no control, line-break or bidi character */
      fileName: string & (unknown & unknown & unknown);
      /** @enum {string} */
      contentType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/ofd';
      /** @description bytes, 1 to 20 MiB */
      size: number;
      sha256?: string;
    };
    /** @description A person of the roster dispatched to a place for a period of a contract (R-CON-3, R-STAFF-2) */
    Dispatch: {
      id: string;
      contractId: string;
      contractorId: string;
      staffId: string;
      place: {
        /** @enum {string} */
        kind: 'service_center' | 'town' | 'village' | 'institution';
        purchaserId: string;
        code?: string;
      };
      period: {
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        start: string;
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        end: string;
      };
      /** @description the person's name, role and masked resident ID (first 6 and last 2 characters) when dispatched */
      person?: {
        name: string;
        residentId: string;
        role: string;
      };
      /** @description holds a social-work qualification valid on the first day (R-STAFF-1) */
      qualified: boolean;
      /**
       * Format: date-time
       * @description the last instant the dispatch covers, when it was ended early
       */
      endedAt?: string;
      ended?: {
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        on: string;
        reason?: string;
        by: components['schemas']['Actor'];
        /**
         * Format: date-time
         * @description when the early end was recorded
         */
        at: string;
      };
      createdBy?: components['schemas']['Actor'];
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    /** @description Dispatches a person of the contractor's roster to a place for a period of the contract (R-CON-3) */
    CreateDispatch: {
      staffId: string;
      place: {
        /**
         * @description the district service center, a town, a village or community, or a support institution
         * @enum {string}
         */
        kind: 'service_center' | 'town' | 'village' | 'institution';
        /** @description the purchaser the place belongs to: the district bureau for the service center, else the town (区买乡用, R-STAFF-2) */
        purchaserId: string;
        /** @description a village's id (the district's villages), or an institution's name */
        code?: string;
      };
      period: {
        /**
         * Format: date
         * @description the first day dispatched (Shanghai date), within the contract’s term
         */
        start: string;
        /**
         * Format: date
         * @description the last day dispatched (Shanghai date), within the contract’s term
         */
        end: string;
      };
    };
    /** @description Ends a dispatch early, dated; the record stays */
    EndDispatch: {
      /**
       * Format: date
       * @description the last day the dispatch covers (Shanghai date), within its period
       */
      on: string;
      reason?: string;
    };
    StaffingShare: {
      /** @description people dispatched under the contract, each once */
      dispatched: number;
      /** @description of them, those holding a social-work qualification valid at their start */
      qualified: number;
      /** @description qualified / dispatched in basis points */
      shareBp: number;
      /** @description the acceptance plan's minimumQualifiedShareBp (R-STAFF-1) */
      minimumBp: number;
      met: boolean;
    };
    /** @description A delivery record (issue 13 §2) */
    Delivery: {
      id: string;
      contractId: string;
      contractorId: string;
      purchaserId: string;
      catalogCode: string;
      lineCode: string;
      unit: string;
      indicatorCode?: string;
      /** @description the recipient: the contractor, portals, finance and auditors see the village and the pseudonymous reference only */
      recipient: {
        villageId: string;
        townId: string;
        /** @description pseudonymous reference: a keyed hash of the resident ID */
        ref: string;
        /** @description in clear for the purchaser’s staff only */
        name?: string;
        /** @description in clear for the purchaser’s staff only */
        residentId?: string;
        /** @description in clear for the purchaser’s staff only */
        phone?: string;
      };
      staffId: string;
      dispatchId: string;
      /**
       * Format: date-time
       * @description when the delivered service started: within the contract’s term
       */
      start: string;
      /**
       * Format: date-time
       * @description when the delivered service ended: at or after start, not in the future
       */
      end: string;
      quantity: number;
      notes?: string;
      evidenceReference?: string;
      portalRecordId?: string;
      recordedBy: components['schemas']['Actor'];
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    /** @description One service delivered under a signed contract, by a dispatched member of the contractor’s own staff */
    CreateDelivery: {
      /** @description the service delivered: the contract's catalog code */
      catalogCode: string;
      /** @description the delivery-plan line it counts against (the contract's acceptancePlan.delivery[].code) */
      lineCode: string;
      /** @description the service-standard indicator it bears on (the contract's acceptancePlan.indicators[].code) */
      indicatorCode?: string;
      /** @description the recipient: the village in clear, the person sealed */
      recipient: {
        /** @description the village or community served: one of the contract's purchaser's (any of the district for the bureau's) */
        villageId: string;
        /** @description personal data: sealed at once, shown in clear to the purchaser’s staff only */
        name: string;
        /** @description personal data (GB 11643, check digit verified): sealed, and kept as a keyed hash, the pseudonymous reference */
        residentId: string;
        /** @description personal data, for the acceptance’s invitation: sealed */
        phone?: string;
      };
      /** @description the rostered person who delivered it: dispatched under this contract to that place at that time (R-CON-3) */
      staffId: string;
      /**
       * Format: date-time
       * @description when the delivered service started: within the contract’s term
       */
      start: string;
      /**
       * Format: date-time
       * @description when the delivered service ended: at or after start, not in the future
       */
      end: string;
      /** @description in the unit: 0.001 to 1 000 000 000, at most 3 decimals */
      quantity: number;
      /** @description what was done, for the purchaser */
      notes?: string;
      /** @description where the evidence is kept (a form number, a photo archive reference) */
      evidenceReference?: string;
    };
    /** @description Each row’s answer, in the order sent */
    DeliveryBatchResult: {
      results: {
        index: number;
        recordId: string;
        /**
         * @description created: recorded now; duplicate: recorded by an earlier request (its id); invalid: see errors, nothing written
         * @enum {string}
         */
        status: 'created' | 'duplicate' | 'invalid';
        /** @description the delivery record’s id (created or duplicate) */
        id?: string;
        errors?: {
          /** @description dot path in the request body, e.g. records.17.staffId */
          field: string;
          detail: string;
          rule?: string;
        }[];
      }[];
      created: number;
      duplicate: number;
      invalid: number;
    };
    /** @description A day’s delivery records from a partner portal (or the contractor), answered row by row */
    CreateDeliveryBatch: {
      /** @description 1–500 rows. A row the schema refuses (a wrong type or format, an unknown field) is a 400 for the whole batch naming it (records.<i>.<field>): nothing is written. A well-formed row a rule refuses (not dispatched, R-CON-3; not a line of the plan; a village outside the purchaser's area; an ID whose check digit fails; outside the term or in the future) is answered invalid on its own and never stops the others */
      records: components['schemas']['DeliveryBatchRow'][];
    };
    /** @description One record of a batch: CreateDelivery and the portal’s recordId */
    DeliveryBatchRow: {
      /** @description the portal’s own id of the record: the same recordId again (a retry) answers duplicate with the id it has */
      recordId: string;
      /** @description the service delivered: the contract's catalog code */
      catalogCode: string;
      /** @description the delivery-plan line it counts against (the contract's acceptancePlan.delivery[].code) */
      lineCode: string;
      /** @description the service-standard indicator it bears on (the contract's acceptancePlan.indicators[].code) */
      indicatorCode?: string;
      /** @description the recipient: the village in clear, the person sealed */
      recipient: {
        /** @description the village or community served: one of the contract's purchaser's (any of the district for the bureau's) */
        villageId: string;
        /** @description personal data: sealed at once, shown in clear to the purchaser’s staff only */
        name: string;
        /** @description personal data (GB 11643, check digit verified): sealed, and kept as a keyed hash, the pseudonymous reference */
        residentId: string;
        /** @description personal data, for the acceptance’s invitation: sealed */
        phone?: string;
      };
      /** @description the rostered person who delivered it: dispatched under this contract to that place at that time (R-CON-3) */
      staffId: string;
      /**
       * Format: date-time
       * @description when the delivered service started: within the contract’s term
       */
      start: string;
      /**
       * Format: date-time
       * @description when the delivered service ended: at or after start, not in the future
       */
      end: string;
      /** @description in the unit: 0.001 to 1 000 000 000, at most 3 decimals */
      quantity: number;
      /** @description what was done, for the purchaser */
      notes?: string;
      /** @description where the evidence is kept (a form number, a photo archive reference) */
      evidenceReference?: string;
    };
    /** @description Planned against delivered per delivery line, from the counters kept with each record: one read (R-SUP-1) */
    Progress: {
      contractId: string;
      /**
       * Format: date
       * @description today in Asia/Shanghai
       */
      asOf: string;
      /** @description the share of the term elapsed by the end of asOf */
      elapsedShare: number;
      lines: {
        code: string;
        description: string;
        unit: string;
        planned: number;
        delivered: number;
        records: number;
        expectedByToday: number;
        /**
         * @description on_track: delivered ≥ expected; at_risk: ≥ 90 % of expected; behind: below 90 % (R-SUP-1)
         * @enum {string}
         */
        status: 'on_track' | 'at_risk' | 'behind';
      }[];
    };
    /** @description A contractor's quarterly financial report on a contract (R-CON-4) */
    FinancialReport: {
      contractId: string;
      /** @description the calendar quarter reported on, YYYY-Qn (2026-Q2 is April to June) */
      period: string;
      contractorId: string;
      purchaserId: string;
      /** @description received in the quarter, integer fen */
      income: number;
      expenditure: {
        /** @description staff costs in the quarter: wages and social insurance of the staff who delivered, integer fen */
        staff: number;
        /** @description materials and supplies used for the service in the quarter, integer fen */
        materials: number;
        /** @description administration costs charged to the contract in the quarter, integer fen */
        administration: number;
      };
      /** @description staff + materials + administration, integer fen */
      totalExpenditure: number;
      notes?: string;
      documents: components['schemas']['DocumentReference'][];
      /**
       * @description under_review until the purchaser accepts or returns it; a returned report is resubmitted
       * @enum {string}
       */
      status: 'under_review' | 'accepted' | 'returned';
      /** @description how many times it was submitted */
      submissions: number;
      submittedBy: components['schemas']['Actor'];
      /**
       * Format: date-time
       * @description when the report was last submitted
       */
      submittedAt: string;
      /** @description the latest review: after a resubmission, the return it answers */
      review?: {
        /** @enum {string} */
        decision: 'accepted' | 'returned';
        reason?: string;
        by: components['schemas']['Actor'];
        /**
         * Format: date-time
         * @description when the purchaser reviewed the report
         */
        at: string;
      };
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    /** @description A supporting document by reference (voucher or ledger); uploads are not part of supervision records */
    DocumentReference: {
      /** @description what the document is, e.g. 2026年第二季度工资发放表 */
      title: string;
      /** @description where the purchaser finds it: the voucher number or the ledger reference in the contractor’s books */
      reference: string;
    };
    /** @description A quarter's financial report on the contract (R-CON-4). If-None-Match: * submits it, If-Match with the ETag read resubmits it after a return; a report under review or accepted is not replaced */
    SubmitFinancialReport: {
      /** @description what the contractor received for this contract in the quarter, integer fen */
      income: number;
      expenditure: {
        /** @description staff costs in the quarter: wages and social insurance of the staff who delivered, integer fen */
        staff: number;
        /** @description materials and supplies used for the service in the quarter, integer fen */
        materials: number;
        /** @description administration costs charged to the contract in the quarter, integer fen */
        administration: number;
      };
      /** @description explanations for the purchaser */
      notes?: string;
      /** @description supporting documents by reference, at most 50 */
      documents: components['schemas']['DocumentReference'][];
    };
    /** @description The purchaser accepts a financial report under review, or returns it with a reason (R-CON-4) */
    ReviewFinancialReport: {
      /**
       * @description accept the report, or return it for correction
       * @enum {string}
       */
      decision: 'accepted' | 'returned';
      /** @description required when returned: what the contractor must correct */
      reason?: string;
    };
    /** @description A purchaser's inspection (spot check) of a contract and its findings (R-SUP-1) */
    Inspection: {
      id: string;
      contractId: string;
      contractorId: string;
      purchaserId: string;
      /**
       * Format: date
       * @description calendar date, YYYY-MM-DD, Asia/Shanghai
       */
      date: string;
      place: string;
      checked: string;
      findings: {
        n: number;
        description: string;
        /**
         * @description minor, or major (a breach of the service standard)
         * @enum {string}
         */
        severity: 'minor' | 'major';
        /**
         * Format: date
         * @description calendar date, YYYY-MM-DD, Asia/Shanghai
         */
        responseDueBy: string;
        /**
         * @description overdue: awaiting a response past responseDueBy (Asia/Shanghai, as of the read)
         * @enum {string}
         */
        status: 'awaiting_response' | 'overdue' | 'responded' | 'closed';
        responses: {
          text: string;
          documents: components['schemas']['DocumentReference'][];
          by: components['schemas']['Actor'];
          /**
           * Format: date-time
           * @description when the contractor responded
           */
          at: string;
          /** @description sent after the due date */
          late: boolean;
        }[];
        reopenings: {
          reason: string;
          /**
           * Format: date
           * @description calendar date, YYYY-MM-DD, Asia/Shanghai
           */
          responseDueBy: string;
          by: components['schemas']['Actor'];
          /**
           * Format: date-time
           * @description when the purchaser reopened the finding
           */
          at: string;
        }[];
        closed?: {
          note?: string;
          by: components['schemas']['Actor'];
          /**
           * Format: date-time
           * @description when the finding was closed
           */
          at: string;
        };
      }[];
      /**
       * @description open while any finding is not closed
       * @enum {string}
       */
      status: 'open' | 'closed';
      /** @description how many findings are overdue as of the read */
      overdueFindings: number;
      inspectedBy: components['schemas']['Actor'];
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    /** @description A purchaser's spot check of a signed contract and its findings (R-SUP-1) */
    RecordInspection: {
      /**
       * Format: date
       * @description the day of the spot check (Asia/Shanghai): within the term, not after today
       */
      date: string;
      /** @description where: the service center, town, village or institution visited */
      place: string;
      /** @description what was checked (records, visits, staff on duty …) */
      checked: string;
      /** @description the findings, each awaiting the contractor’s response; none when all was in order */
      findings: {
        /** @description what was found */
        description: string;
        /**
         * @description minor, or major (a breach of the service standard)
         * @enum {string}
         */
        severity: 'minor' | 'major';
        /**
         * Format: date
         * @description the last day for the contractor's response (Asia/Shanghai): today or later
         */
        responseDueBy: string;
      }[];
    };
    /** @description The contractor's response to a finding awaiting one (R-SUP-1); If-Match with the inspection's ETag */
    RespondToFinding: {
      /** @description what the contractor did or will do about the finding */
      text: string;
      /** @description supporting documents by reference, at most 50 */
      documents?: components['schemas']['DocumentReference'][];
    };
    /** @description The purchaser closes a finding the contractor has answered (R-SUP-1); If-Match with the inspection's ETag */
    CloseFinding: {
      /** @description why the response settles it */
      note?: string;
    };
    /** @description The purchaser finds a response not enough: the finding awaits a response again, by a new day (R-SUP-1); If-Match with the inspection's ETag */
    ReopenFinding: {
      /** @description why the response is not enough */
      reason: string;
      /**
       * Format: date
       * @description the new last day for the contractor's response (Asia/Shanghai): today or later
       */
      responseDueBy: string;
    };
    /** @description The acceptance just opened, with the invitations to hand over */
    OpenedAcceptance: {
      id: string;
      contractId: string;
      purchaserId: string;
      contractorId: string;
      milestoneSeq: number;
      /**
       * @description interrupted: its workflow failed beyond its retries (workflow.failure); the milestone may be opened again. failed: final for the milestone (R-ACC-3)
       * @enum {string}
       */
      status:
        | 'collecting_opinions'
        | 'inspecting'
        | 'rectification'
        | 'passed'
        | 'failed'
        | 'cancelled'
        | 'interrupted';
      round: number;
      panel: {
        sub: string;
        /** @enum {string} */
        role: 'bureau' | 'town' | 'evaluator';
      }[];
      quorum: number;
      /** @description the recipients the delivery records served, how many were drawn (uniformly), and the recorded seed */
      sample: {
        population: number;
        size: number;
        seed: string;
      };
      /** @description the recipients invited (village, pseudonymous reference): for the opener's side only (the bureau, the purchasing town; R-ACC-2) */
      invitations?: {
        invitationId: string;
        village: string;
        reference: string;
      }[];
      /** @description how many recipients were invited and how many answered: what everyone but the opener’s side sees of the sample (R-ACC-2) */
      recipients?: {
        invited: number;
        /** @description how many answered in the current round */
        answered?: number;
        /** @description each round's opinions counted, from the acceptance's first round to the current one: every inspection asks the same recipients again (R-ACC-2) */
        rounds?: {
          round: number;
          answered: number;
          /** @description how many answered 4 or 5 */
          satisfied: number;
          satisfiedShareBp: number | null;
        }[];
      };
      /**
       * Format: date-time
       * @description when the current round's answers are due (set again for each round)
       */
      answerBy: string;
      opinionsClosed?: {
        /** @description the round whose opinions closed */
        round?: number;
        /**
         * Format: date-time
         * @description when the wait for opinions ended
         */
        at: string;
        received: number;
        minimum: number;
        /** @description fewer than the minimum had come in when the wait for opinions closed (the record of the close; the decision’s own count is rounds[].rule.opinions) */
        short: boolean;
      };
      measurements?: {
        round: number;
        values: {
          [key: string]: number;
        };
        by: components['schemas']['Actor'];
        /**
         * Format: date-time
         * @description when the measurements were recorded
         */
        at: string;
      };
      rounds: {
        round: number;
        rule: {
          /** @enum {string} */
          outcome: 'passed' | 'failed';
          reasons: ('mandatory_indicator_missed' | 'too_few_opinions' | 'satisfied_share_below_threshold')[];
          indicators: {
            code: string;
            description: string;
            unit: string;
            target: number;
            /** @enum {string} */
            comparison: '>=' | '<=' | '=';
            mandatory: boolean;
            measured: number;
            met: boolean;
          }[];
          opinions: {
            received: number;
            minimum: number;
            satisfied: number;
            satisfiedShareBp: number | null;
            thresholdBp: number;
          };
        };
        /** @enum {string} */
        decision: 'passed' | 'failed';
        failedBy: {
          sub: string;
          reason: string;
        }[];
        signatures: {
          sub: string;
          /** @enum {string} */
          verdict: 'confirm' | 'fail';
        }[];
        /**
         * Format: date-time
         * @description when the round was decided
         */
        decidedAt: string;
        /** @enum {string} */
        next: 'passed' | 'rectification' | 'failed';
        /** Format: date */
        rectificationDueBy?: string;
        /**
         * Format: date-time
         * @description when the next round is inspected
         */
        reinspectAt?: string;
      }[];
      /** @description the contract ended before the decision (R-ACC-3): the acceptance was cancelled, its milestone not made payable */
      cancellation?: {
        reason: string;
        /** @enum {string} */
        contractStatus: 'terminated' | 'completed';
        /**
         * Format: date-time
         * @description when the acceptance was cancelled
         */
        at: string;
      };
      /** @description the interrupted acceptance of this milestone whose rectification rounds this one carries on from: its first round is rounds + 1, their deduction stands (R-ACC-3) */
      continues?: {
        acceptanceId: string;
        rounds: number;
      };
      workflow: {
        executionArn?: string;
        /** @enum {string} */
        waitingFor?: 'opinions' | 'panel' | 'rectification';
        failure?: {
          error: string;
          cause: string;
          /**
           * Format: date-time
           * @description when the workflow failed
           */
          at: string;
        };
      };
      openedBy: components['schemas']['Actor'];
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
      /** @description each invited recipient with the token to hand over (it answers once per round): shown once, in this 201 only (a replay omits the tokens) */
      tokens: {
        invitationId: string;
        village: string;
        reference: string;
        /** @description the recipient's name, for the purchaser to hand the invitation over */
        name?: string;
        token?: string;
        /**
         * Format: date-time
         * @description when the first round's answers are due
         */
        expiresAt: string;
      }[];
    };
    /** @description Opens the acceptance of one stage: the panel, and a sample of the recipients the delivery records served, each invited once (R-ACC-1, R-ACC-2) */
    OpenAcceptance: {
      /** @description the payment milestone whose stage of the contract's acceptance plan is accepted (from the stage's date on) */
      milestoneSeq: number;
      /** @description the inspection panel (验收小组): at least the plan's quorum of distinct members, each a bureau or town user or an evaluator */
      panel: {
        /** @description the member's token subject */
        sub: string;
        /** @enum {string} */
        role: 'bureau' | 'town' | 'evaluator';
      }[];
    };
    /** @description The acceptance of one stage of a contract (R-ACC-1..4) */
    Acceptance: {
      id: string;
      contractId: string;
      purchaserId: string;
      contractorId: string;
      milestoneSeq: number;
      /**
       * @description interrupted: its workflow failed beyond its retries (workflow.failure); the milestone may be opened again. failed: final for the milestone (R-ACC-3)
       * @enum {string}
       */
      status:
        | 'collecting_opinions'
        | 'inspecting'
        | 'rectification'
        | 'passed'
        | 'failed'
        | 'cancelled'
        | 'interrupted';
      round: number;
      panel: {
        sub: string;
        /** @enum {string} */
        role: 'bureau' | 'town' | 'evaluator';
      }[];
      quorum: number;
      /** @description the recipients the delivery records served, how many were drawn (uniformly), and the recorded seed */
      sample: {
        population: number;
        size: number;
        seed: string;
      };
      /** @description the recipients invited (village, pseudonymous reference): for the opener's side only (the bureau, the purchasing town; R-ACC-2) */
      invitations?: {
        invitationId: string;
        village: string;
        reference: string;
      }[];
      /** @description how many recipients were invited and how many answered: what everyone but the opener’s side sees of the sample (R-ACC-2) */
      recipients?: {
        invited: number;
        /** @description how many answered in the current round */
        answered?: number;
        /** @description each round's opinions counted, from the acceptance's first round to the current one: every inspection asks the same recipients again (R-ACC-2) */
        rounds?: {
          round: number;
          answered: number;
          /** @description how many answered 4 or 5 */
          satisfied: number;
          satisfiedShareBp: number | null;
        }[];
      };
      /**
       * Format: date-time
       * @description when the current round's answers are due (set again for each round)
       */
      answerBy: string;
      opinionsClosed?: {
        /** @description the round whose opinions closed */
        round?: number;
        /**
         * Format: date-time
         * @description when the wait for opinions ended
         */
        at: string;
        received: number;
        minimum: number;
        /** @description fewer than the minimum had come in when the wait for opinions closed (the record of the close; the decision’s own count is rounds[].rule.opinions) */
        short: boolean;
      };
      measurements?: {
        round: number;
        values: {
          [key: string]: number;
        };
        by: components['schemas']['Actor'];
        /**
         * Format: date-time
         * @description when the measurements were recorded
         */
        at: string;
      };
      rounds: {
        round: number;
        rule: {
          /** @enum {string} */
          outcome: 'passed' | 'failed';
          reasons: ('mandatory_indicator_missed' | 'too_few_opinions' | 'satisfied_share_below_threshold')[];
          indicators: {
            code: string;
            description: string;
            unit: string;
            target: number;
            /** @enum {string} */
            comparison: '>=' | '<=' | '=';
            mandatory: boolean;
            measured: number;
            met: boolean;
          }[];
          opinions: {
            received: number;
            minimum: number;
            satisfied: number;
            satisfiedShareBp: number | null;
            thresholdBp: number;
          };
        };
        /** @enum {string} */
        decision: 'passed' | 'failed';
        failedBy: {
          sub: string;
          reason: string;
        }[];
        signatures: {
          sub: string;
          /** @enum {string} */
          verdict: 'confirm' | 'fail';
        }[];
        /**
         * Format: date-time
         * @description when the round was decided
         */
        decidedAt: string;
        /** @enum {string} */
        next: 'passed' | 'rectification' | 'failed';
        /** Format: date */
        rectificationDueBy?: string;
        /**
         * Format: date-time
         * @description when the next round is inspected
         */
        reinspectAt?: string;
      }[];
      /** @description the contract ended before the decision (R-ACC-3): the acceptance was cancelled, its milestone not made payable */
      cancellation?: {
        reason: string;
        /** @enum {string} */
        contractStatus: 'terminated' | 'completed';
        /**
         * Format: date-time
         * @description when the acceptance was cancelled
         */
        at: string;
      };
      /** @description the interrupted acceptance of this milestone whose rectification rounds this one carries on from: its first round is rounds + 1, their deduction stands (R-ACC-3) */
      continues?: {
        acceptanceId: string;
        rounds: number;
      };
      workflow: {
        executionArn?: string;
        /** @enum {string} */
        waitingFor?: 'opinions' | 'panel' | 'rectification';
        failure?: {
          error: string;
          cause: string;
          /**
           * Format: date-time
           * @description when the workflow failed
           */
          at: string;
        };
      };
      openedBy: components['schemas']['Actor'];
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    /** @description What a recipient's invitation asks */
    Invitation: {
      contractTitle: string;
      items: {
        code: string;
        description: string;
        unit: string;
      }[];
      /**
       * Format: date-time
       * @description when the current round's answers are due
       */
      expiresAt: string;
      /** @description what to answer */
      asks: string;
    };
    /** @description What an invitation asks: the contract, its service items and what to answer */
    InvitationLookup: {
      /** @description the invitation's token as handed to the recipient (single use; sent in the body, never in a URL) */
      token: string;
    };
    /** @description The opinion was received */
    OpinionReceipt: {
      /** @constant */
      received: true;
      /**
       * Format: date-time
       * @description when the opinion was received
       */
      answeredAt: string;
    };
    /** @description A service recipient's opinion (R-ACC-2): once per invitation; no name, no identity */
    SubmitOpinion: {
      /** @description the invitation's token as handed to the recipient (single use; sent in the body, never in a URL) */
      token: string;
      /** @description 1 very dissatisfied … 5 very satisfied; 4 and 5 count as satisfied */
      satisfaction: number;
      /** @description the service items (the contract's delivery lines, by code) the recipient was served, each once */
      items: string[];
      /** @description a comment, at most 500 characters */
      comment?: string;
    };
    /** @description The panel's measured values for the current round (R-ACC-1); the rule's outcome follows from them and the opinions */
    RecordMeasurements: {
      /** @description the measured value of every indicator of the acceptance plan, each once, for the current round */
      values: {
        /** @description an indicator code of the acceptance plan */
        code: string;
        /** @description the measured value, in the indicator’s unit */
        value: number;
      }[];
    };
    /** @description A panel member's signature */
    PanelSignature: {
      acceptanceId: string;
      round: number;
      sub: string;
      /** @enum {string} */
      verdict: 'confirm' | 'fail';
      reason?: string;
      /**
       * Format: date-time
       * @description when the member signed
       */
      signedAt: string;
      /** @description how many members have signed this round */
      signed: number;
      quorum: number;
    };
    /** @description A panel member's signature for the current round (one per member per round) */
    SignAcceptance: {
      /**
       * @description confirm the rule's outcome, or fail the result with a written reason; a signature never passes what the rule fails
       * @enum {string}
       */
      verdict: 'confirm' | 'fail';
      /** @description required with fail: why the member fails the result */
      reason?: string;
    };
    /** @description A payment of one milestone (R-ACC-3, R-FUND-2) */
    Payment: {
      /** @description <contractId>.p<seq>: one payment per milestone */
      id: string;
      contractId: string;
      seq: number;
      purchaserId: string;
      contractorId: string;
      budgetLineId: string;
      /** @description what was paid: the milestone’s amount less the deduction, integer fen */
      amount: number;
      /** @description the milestone’s scheduled amount, integer fen */
      milestoneAmount: number;
      /** @description the liability clause’s deduction, integer fen */
      deduction: number;
      acceptanceId?: string;
      reference?: string;
      paidBy: components['schemas']['Actor'];
      /**
       * Format: date-time
       * @description when the payment was made
       */
      paidAt: string;
      /**
       * @description completed when this was the last milestone
       * @enum {string}
       */
      contractStatus: 'signed' | 'completed';
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    /** @description Pays one payment milestone of the contract: it must be payable (its acceptance passed, R-ACC-3; the signing advance from the signature), not withheld, and every earlier milestone paid. The amount is always the milestone’s payable (its amount less the deduction), never sent */
    PayMilestone: {
      /** @description the payment milestone’s sequence number (1 = the first) */
      milestoneSeq: number;
      /** @description the treasury’s payment reference (支付凭证号), for the record */
      reference?: string;
    };
    /** @description A payment milestone of a signed contract (R-ACC-3, R-FUND-2) */
    Milestone: {
      contractId: string;
      purchaserId: string;
      contractorId: string;
      budgetLineId: string;
      seq: number;
      /** @enum {string} */
      event: 'signing' | 'mid_term_review' | 'acceptance_passed';
      /** @description the schedule’s amount, integer fen */
      amount: number;
      /**
       * @description scheduled → payable (its acceptance passed; the signing advance at signature) → paid; payable ⇄ withheld; cancelled when the contract is terminated
       * @enum {string}
       */
      status: 'scheduled' | 'payable' | 'withheld' | 'paid' | 'cancelled';
      acceptance?: {
        id: string;
        /**
         * Format: date-time
         * @description when the acceptance passed
         */
        passedAt: string;
        rectificationRounds: number;
      };
      /** @description what the liability clause deducts for rectification rounds, integer fen */
      deduction: number;
      /** @description what is paid: amount − deduction, integer fen */
      payable: number;
      /**
       * Format: date-time
       * @description when the milestone became payable: the payment clock starts
       */
      payableSince?: string;
      /**
       * Format: date
       * @description the Shanghai date it is due by: the plan’s payment term (default 30, at most 60 days)
       */
      dueBy?: string;
      withheld?: {
        reason: string;
        by: components['schemas']['Actor'];
        /**
         * Format: date-time
         * @description when the milestone was withheld
         */
        at: string;
      };
      /** @description every withholding and its release, in order (never silent) */
      holds: {
        reason: string;
        by: components['schemas']['Actor'];
        /**
         * Format: date-time
         * @description when the milestone was withheld
         */
        at: string;
        /**
         * Format: date-time
         * @description when the hold was released
         */
        releasedAt?: string;
        releasedBy?: components['schemas']['Actor'];
        releaseNote?: string;
      }[];
      payment?: {
        id: string;
        /** @description what was paid, integer fen */
        amount: number;
        /**
         * Format: date-time
         * @description when the milestone was paid
         */
        paidAt: string;
      };
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
    };
    /** @description A payable or withheld milestone on the purchaser’s due list */
    DueMilestone: {
      contractId: string;
      purchaserId: string;
      contractorId: string;
      budgetLineId: string;
      seq: number;
      /** @enum {string} */
      event: 'signing' | 'mid_term_review' | 'acceptance_passed';
      /** @description the schedule’s amount, integer fen */
      amount: number;
      /**
       * @description scheduled → payable (its acceptance passed; the signing advance at signature) → paid; payable ⇄ withheld; cancelled when the contract is terminated
       * @enum {string}
       */
      status: 'scheduled' | 'payable' | 'withheld' | 'paid' | 'cancelled';
      acceptance?: {
        id: string;
        /**
         * Format: date-time
         * @description when the acceptance passed
         */
        passedAt: string;
        rectificationRounds: number;
      };
      /** @description what the liability clause deducts for rectification rounds, integer fen */
      deduction: number;
      /** @description what is paid: amount − deduction, integer fen */
      payable: number;
      /**
       * Format: date-time
       * @description when the milestone became payable: the payment clock starts
       */
      payableSince?: string;
      /**
       * Format: date
       * @description the Shanghai date it is due by: the plan’s payment term (default 30, at most 60 days)
       */
      dueBy?: string;
      withheld?: {
        reason: string;
        by: components['schemas']['Actor'];
        /**
         * Format: date-time
         * @description when the milestone was withheld
         */
        at: string;
      };
      /** @description every withholding and its release, in order (never silent) */
      holds: {
        reason: string;
        by: components['schemas']['Actor'];
        /**
         * Format: date-time
         * @description when the milestone was withheld
         */
        at: string;
        /**
         * Format: date-time
         * @description when the hold was released
         */
        releasedAt?: string;
        releasedBy?: components['schemas']['Actor'];
        releaseNote?: string;
      }[];
      payment?: {
        id: string;
        /** @description what was paid, integer fen */
        amount: number;
        /**
         * Format: date-time
         * @description when the milestone was paid
         */
        paidAt: string;
      };
      version: number;
      /**
       * Format: date-time
       * @description when the record was created
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description when the record last changed (its latest version)
       */
      updatedAt: string;
      /**
       * @description as of today in Asia/Shanghai: due through dueBy, overdue after it; a withheld one is listed but not due
       * @enum {string}
       */
      state: 'due' | 'overdue' | 'withheld';
      daysOverdue: number;
    };
    /** @description Withholds a payable milestone pending corrective action, never silently: the reason is recorded and shown */
    WithholdMilestone: {
      /** @description why the payment is withheld: the corrective action awaited (2 CFR 200.339), shown to the contractor */
      reason: string;
    };
    /** @description Releases a withheld milestone: payable again, its due date moved by the days it was held (the clock paused) */
    ReleaseMilestone: {
      /** @description what was corrected, or why the hold ends */
      note: string;
    };
    /** @description Terminates a signed contract for breach: every unpaid milestone is cancelled and the unpaid remainder released from the budget line’s commitment (R-FUND-2) */
    TerminateContract: {
      /** @description the breach the contract is terminated for */
      reason: string;
      /** @description the liability for breach fixed under the contract’s clause (违约责任), e.g. a penalty or damages */
      liability: string;
    };
  };
  responses: {
    /** @description Invalid request: `errors[]` names each field (`in`: body, query, path or header) */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:assistance:problem:validation",
         *       "title": "Invalid request",
         *       "status": 400,
         *       "detail": "invalid: validUntill",
         *       "instance": "/v1/contractors/ctr_01kjp1srh0k3m9q2x7vd/documents",
         *       "errors": [
         *         {
         *           "in": "body",
         *           "field": "validUntill",
         *           "pointer": "#/validUntill",
         *           "detail": "unknown field"
         *         }
         *       ]
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description No bearer token, or one the gateway refuses (expired, wrong issuer or audience): the gateway answers `{"message":"Unauthorized"}` as `application/json`. A token the gateway accepts but the API does not (an ID token, no role) gets `application/problem+json`. */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "message": "Unauthorized"
         *     }
         */
        'application/json': {
          /** @constant */
          message: 'Unauthorized';
        };
        /**
         * @example {
         *       "type": "about:blank",
         *       "title": "Unauthorized",
         *       "status": 401,
         *       "detail": "send the access token",
         *       "instance": "/v1/contractors/ctr_01kjp1srh0k3m9q2x7vd"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The role may not use this route (or a user in more than one role group) */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "about:blank",
         *       "title": "Forbidden",
         *       "status": 403,
         *       "detail": "the town role may not POST /v1/catalog/items",
         *       "instance": "/v1/catalog/items"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Not found, or not visible to this caller (another tenant answers exactly like a record that does not exist) */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:assistance:problem:not_found",
         *       "title": "Not Found",
         *       "status": 404,
         *       "detail": "contractor ctr_01kjp1srh0k3m9q2x7vd not found",
         *       "instance": "/v1/contractors/ctr_01kjp1srh0k3m9q2x7vd"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Conflicts with the current state (the `detail` says which; a policy rule, when one decides, in `rule`) */
    Conflict: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:assistance:problem:conflict",
         *       "title": "Conflict",
         *       "status": 409,
         *       "detail": "bids are sealed until the bid deadline 2026-04-10T17:00:00+08:00",
         *       "instance": "/v1/projects/prj_01kkb709j0n4q8s2v6xz/bids",
         *       "rule": "R-PROC-5"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description If-Match does not hold the current version (or If-None-Match: * and it exists already) */
    PreconditionFailed: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:assistance:problem:stale",
         *       "title": "Precondition Failed",
         *       "status": 412,
         *       "detail": "the project changed since you read it (version 7): read it again",
         *       "instance": "/v1/projects/prj_01kkb709j0n4q8s2v6xz"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The body is larger than the gateway takes (API Gateway answers `{"message":"Request Entity Too Large"}` as `application/json`, before any handler) */
    ContentTooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "message": "Request Entity Too Large"
         *     }
         */
        'application/json': {
          /** @constant */
          message: 'Request Entity Too Large';
        };
      };
    };
    /** @description The body is not `application/json` */
    UnsupportedMediaType: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "about:blank",
         *       "title": "Unsupported Media Type",
         *       "status": 415,
         *       "detail": "send the body as application/json",
         *       "instance": "/v1/contractors"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Refused by a policy rule (the rule ID is in `rule`), or an Idempotency-Key reused with another body */
    UnprocessableContent: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:assistance:problem:refused",
         *       "title": "Refused by rule",
         *       "status": 422,
         *       "detail": "title: matches the negative list (NEG-FUND-DISBURSEMENT: 资金发放)",
         *       "instance": "/v1/projects",
         *       "rule": "R-CAT-3"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description If-Match is required */
    PreconditionRequired: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "about:blank",
         *       "title": "Precondition Required",
         *       "status": 428,
         *       "detail": "send If-Match with the ETag you read",
         *       "instance": "/v1/projects/prj_01kkb709j0n4q8s2v6xz",
         *       "errors": [
         *         {
         *           "in": "header",
         *           "field": "If-Match",
         *           "pointer": "#/If-Match",
         *           "detail": "required on updates"
         *         }
         *       ]
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Too many writes from this caller (retry after `Retry-After` seconds), or its daily allowance of documents is used up */
    TooManyRequests: {
      headers: {
        'Retry-After': components['headers']['RetryAfter'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:assistance:problem:rate_limited",
         *       "title": "Too Many Requests",
         *       "status": 429,
         *       "detail": "more than 10 writes at once or 2 per second from this caller; try again in 1 s",
         *       "instance": "/v1/projects/prj_01kkb709j0n4q8s2v6xz/bid"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description `no-store`: answers with a token are never cached */
    CacheControlPrivate: string;
    /** @description `public, max-age=60` on the public disclosure and catalog, `max-age=300` on this document and /docs, a year (`immutable`) on the renderer /docs loads; refusals `no-store` */
    CacheControlPublic: string;
    /** @description the record’s version as a strong ETag (`"3"`): send it as If-Match to change the record */
    ETag: string;
    /** @description `true` when this is the first answer to an earlier request with the same Idempotency-Key, replayed */
    IdempotencyReplayed: 'true';
    /** @description seconds to wait before retrying */
    RetryAfter: number;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPublic'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "ok"
           *     }
           */
          'application/json': {
            /** @constant */
            status: 'ok';
          };
        };
      };
    };
  };
  healthDeep: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "ok",
           *       "services": {
           *         "table": "ok",
           *         "bucket": "ok"
           *       }
           *     }
           */
          'application/json': {
            /** @enum {string} */
            status: 'ok' | 'degraded';
            services: {
              [key: string]: string;
            };
          };
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description See the body */
      503: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "ok",
           *       "services": {
           *         "table": "ok",
           *         "bucket": "ok"
           *       }
           *     }
           */
          'application/json': {
            /** @enum {string} */
            status: 'ok' | 'degraded';
            services: {
              [key: string]: string;
            };
          };
        };
      };
    };
  };
  openapi: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPublic'];
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
    };
  };
  docs: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPublic'];
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
    };
  };
  docsScript: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPublic'];
          [name: string]: unknown;
        };
        content: {
          'text/javascript': string;
        };
      };
    };
  };
  getPublicCatalog: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPublic'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Catalog'];
        };
      };
    };
  };
  addCatalogItem: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddCatalogItem'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/public/catalog` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CatalogItem'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
    };
  };
  refineStandard: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ServiceStandard'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CatalogItem'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  listContractors: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "ctr_01kjp1srh0k3m9q2x7vd",
           *           "kind": "social_organization",
           *           "name": "示范区阳光社会工作服务中心",
           *           "creditCode": "52330110MJ8765431G",
           *           "nonProfit": true,
           *           "contact": {
           *             "name": "王丽华",
           *             "phone": "13857101234",
           *             "email": "wanglihua@yangguang-sw.org.cn"
           *           },
           *           "flags": {
           *             "creditListHit": false,
           *             "annualReportFailed": false
           *           },
           *           "conditions": [
           *             {
           *               "condition": 1,
           *               "status": "approved",
           *               "documentId": "doc_01kjp22xg0p8r2w6t4ha",
           *               "validUntil": "2027-03-01",
           *               "decidedBy": "3c1f8a52-7d4e-4b9a-9f0e-2a6b5c8d1e47",
           *               "decidedAt": "2026-03-04T10:12:30+08:00",
           *               "reason": "材料齐全，与原件一致"
           *             },
           *             {
           *               "condition": 2,
           *               "status": "approved",
           *               "documentId": "doc_01kjp22xg0p8r2w6t4ha",
           *               "validUntil": "2027-03-01",
           *               "decidedBy": "3c1f8a52-7d4e-4b9a-9f0e-2a6b5c8d1e47",
           *               "decidedAt": "2026-03-04T10:12:30+08:00",
           *               "reason": "材料齐全，与原件一致"
           *             },
           *             {
           *               "condition": 3,
           *               "status": "approved",
           *               "documentId": "doc_01kjp22xg0p8r2w6t4ha",
           *               "validUntil": "2027-03-01",
           *               "decidedBy": "3c1f8a52-7d4e-4b9a-9f0e-2a6b5c8d1e47",
           *               "decidedAt": "2026-03-04T10:12:30+08:00",
           *               "reason": "材料齐全，与原件一致"
           *             },
           *             {
           *               "condition": 4,
           *               "status": "approved",
           *               "documentId": "doc_01kjp22xg0p8r2w6t4ha",
           *               "validUntil": "2027-03-01",
           *               "decidedBy": "3c1f8a52-7d4e-4b9a-9f0e-2a6b5c8d1e47",
           *               "decidedAt": "2026-03-04T10:12:30+08:00",
           *               "reason": "材料齐全，与原件一致"
           *             },
           *             {
           *               "condition": 5,
           *               "status": "approved",
           *               "documentId": "doc_01kjp22xg0p8r2w6t4ha",
           *               "validUntil": "2027-03-01",
           *               "decidedBy": "3c1f8a52-7d4e-4b9a-9f0e-2a6b5c8d1e47",
           *               "decidedAt": "2026-03-04T10:12:30+08:00",
           *               "reason": "材料齐全，与原件一致"
           *             },
           *             {
           *               "condition": 6,
           *               "status": "approved",
           *               "documentId": "doc_01kjp22xg0p8r2w6t4ha",
           *               "validUntil": "2027-03-01",
           *               "decidedBy": "3c1f8a52-7d4e-4b9a-9f0e-2a6b5c8d1e47",
           *               "decidedAt": "2026-03-04T10:12:30+08:00",
           *               "reason": "材料齐全，与原件一致"
           *             },
           *             {
           *               "condition": 7,
           *               "status": "approved",
           *               "documentId": "doc_01kjp22xg0p8r2w6t4ha",
           *               "validUntil": "2027-03-01",
           *               "decidedBy": "3c1f8a52-7d4e-4b9a-9f0e-2a6b5c8d1e47",
           *               "decidedAt": "2026-03-04T10:12:30+08:00",
           *               "reason": "材料齐全，与原件一致"
           *             },
           *             {
           *               "condition": 8,
           *               "status": "approved",
           *               "documentId": "doc_01kjp22xg0p8r2w6t4ha",
           *               "validUntil": "2027-03-01",
           *               "decidedBy": "3c1f8a52-7d4e-4b9a-9f0e-2a6b5c8d1e47",
           *               "decidedAt": "2026-03-04T10:12:30+08:00",
           *               "reason": "材料齐全，与原件一致"
           *             }
           *           ],
           *           "version": 9,
           *           "createdAt": "2026-03-02T09:15:00+08:00",
           *           "updatedAt": "2026-03-04T10:12:30+08:00"
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['Contractor'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  registerContractor: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterContractor'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/contractors/{id}` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Contractor'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getContractor: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `documents` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Contractor'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listDocuments: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `documents` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "documentId": "doc_01kjp22xg0p8r2w6t4ha",
           *           "contractorId": "ctr_01kjp1srh0k3m9q2x7vd",
           *           "condition": 3,
           *           "revision": 0,
           *           "fileName": "2025年度财务审计报告.pdf",
           *           "contentType": "application/pdf",
           *           "size": 1843200,
           *           "sha256": "9f2c4a1e7b3d5f8a0c6e2b4d8f1a3c5e7b9d0f2a4c6e8b1d3f5a7c9e0b2d4f6a",
           *           "validUntil": "2027-03-01",
           *           "status": "verified",
           *           "uploadedAt": "2026-03-02T09:21:07+08:00",
           *           "verifiedAt": "2026-03-02T09:21:09+08:00",
           *           "createdAt": "2026-03-02T09:20:00+08:00",
           *           "version": 3,
           *           "download": {
           *             "url": "https://assistance-documents.s3.cn-north-1.amazonaws.com.cn/contractors/ctr_01kjp1srh0k3m9q2x7vd/conditions/3/doc_01kjp22xg0p8r2w6t4ha?X-Amz-Expires=300&X-Amz-Signature=…",
           *             "expiresAt": "2026-03-04T10:17:30+08:00"
           *           }
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['ContractorDocument'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  requestDocumentUpload: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `documents` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RequestDocumentUpload'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/contractors/{id}/documents/{documentId}` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentUpload'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getDocument: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `documents` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
        documentId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ContractorDocument'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  decideCondition: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        condition: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ConditionDecision'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Contractor'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  setFlags: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ContractorFlags'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Contractor'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  getEligibility: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `documents` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Eligibility'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  findContractorByCreditCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        creditCode: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Contractor'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createContractorUser: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateContractorUser'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/contractors/{id}` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ContractorUser'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listBudgetLines: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        purchaserId?: string;
        fiscalYear?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "bl_01ke8ggm80a7c3e9g2jm",
           *           "purchaserId": "pur-town-1",
           *           "fiscalYear": 2026,
           *           "source": "working_funds",
           *           "amount": 120000000,
           *           "committed": 45600000,
           *           "paid": 0,
           *           "available": 74400000,
           *           "currency": "CNY",
           *           "version": 2,
           *           "createdAt": "2026-01-06T10:00:00+08:00",
           *           "updatedAt": "2026-04-28T15:40:12+08:00"
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['BudgetLine'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createBudgetLine: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateBudgetLine'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/budget-lines/{id}` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BudgetLine'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
    };
  };
  getBudgetLine: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BudgetLine'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getProcurementRules: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProcurementRules'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  setProcurementRules: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ProcurementRulesInput'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProcurementRules'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  listProjects: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        purchaserId?: string;
        status?:
          | 'draft'
          | 'submitted'
          | 'approved'
          | 'published'
          | 'bidding_closed'
          | 'evaluated'
          | 'awarded'
          | 'contracted'
          | 'unsuccessful'
          | 'cancelled';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "prj_01kkb709j0n4q8s2v6xz",
           *           "purchaserId": "pur-town-1",
           *           "fiscalYear": 2026,
           *           "title": "2026年度东山镇困难群众对象排查服务",
           *           "catalogCode": "A-TARGET-SCREENING",
           *           "budgetLineId": "bl_01ke8ggm80a7c3e9g2jm",
           *           "estimatedAmount": 48000000,
           *           "quantity": {
           *             "value": 1200,
           *             "unit": "户"
           *           },
           *           "term": {
           *             "start": "2026-06-01",
           *             "end": "2026-12-31"
           *           },
           *           "procurementMethod": "competitive_consultation",
           *           "allowNaturalPersons": false,
           *           "evaluationCriteria": {
           *             "quality": [
           *               {
           *                 "code": "service_plan",
           *                 "description": "服务方案的针对性与可行性",
           *                 "weight": 40
           *               },
           *               {
           *                 "code": "team",
           *                 "description": "项目团队的社工资质与经验",
           *                 "weight": 30
           *               },
           *               {
           *                 "code": "past_performance",
           *                 "description": "以往同类服务的履约评价",
           *                 "weight": 10,
           *                 "pastPerformance": true
           *               }
           *             ],
           *             "priceWeight": 20
           *           },
           *           "paymentMilestones": [
           *             {
           *               "event": "signing",
           *               "percent": 30
           *             },
           *             {
           *               "event": "mid_term_review",
           *               "percent": 40
           *             },
           *             {
           *               "event": "acceptance_passed",
           *               "percent": 30,
           *               "note": "终期验收合格后支付"
           *             }
           *           ],
           *           "currency": "CNY",
           *           "serviceStandard": {
           *             "summary": "入户排查辖区内可能符合最低生活保障、特困人员供养或临时救助条件的家庭，逐户填写排查表并提交排查报告。",
           *             "indicators": [
           *               {
           *                 "code": "households_screened_pct",
           *                 "description": "已走访并完成排查的分配户数占比",
           *                 "unit": "%",
           *                 "target": 100,
           *                 "comparison": ">="
           *               },
           *               {
           *                 "code": "screening_report_days",
           *                 "description": "走访至提交排查报告的天数",
           *                 "unit": "days",
           *                 "target": 5,
           *                 "comparison": "<="
           *               }
           *             ]
           *           },
           *           "serviceStandardRefined": false,
           *           "invitedContractorIds": [],
           *           "status": "published",
           *           "timeline": [
           *             {
           *               "at": "2026-03-10T14:30:00+08:00",
           *               "status": "draft",
           *               "event": "created",
           *               "by": {
           *                 "sub": "8e2d4b61-0a3c-4f57-b8d9-6c1e2f3a4b5d",
           *                 "role": "town"
           *               }
           *             },
           *             {
           *               "at": "2026-03-11T09:02:41+08:00",
           *               "status": "submitted",
           *               "event": "submitted",
           *               "by": {
           *                 "sub": "8e2d4b61-0a3c-4f57-b8d9-6c1e2f3a4b5d",
           *                 "role": "town"
           *               }
           *             },
           *             {
           *               "at": "2026-03-12T16:20:05+08:00",
           *               "status": "approved",
           *               "event": "approved",
           *               "by": {
           *                 "sub": "3c1f8a52-7d4e-4b9a-9f0e-2a6b5c8d1e47",
           *                 "role": "bureau"
           *               }
           *             },
           *             {
           *               "at": "2026-03-25T10:00:03+08:00",
           *               "status": "published",
           *               "event": "published",
           *               "by": {
           *                 "sub": "workflow",
           *                 "role": "system"
           *               }
           *             }
           *           ],
           *           "evaluatorIds": [
           *             "e1a2b3c4-0001-4d5e-8f90-1a2b3c4d5e6f",
           *             "e1a2b3c4-0002-4d5e-8f90-1a2b3c4d5e6f",
           *             "e1a2b3c4-0003-4d5e-8f90-1a2b3c4d5e6f",
           *             "e1a2b3c4-0004-4d5e-8f90-1a2b3c4d5e6f",
           *             "e1a2b3c4-0005-4d5e-8f90-1a2b3c4d5e6f"
           *           ],
           *           "panel": {
           *             "at": "2026-04-08T09:30:00+08:00",
           *             "by": {
           *               "sub": "8e2d4b61-0a3c-4f57-b8d9-6c1e2f3a4b5d",
           *               "role": "town"
           *             },
           *             "method": "drawn",
           *             "evaluatorIds": [
           *               "e1a2b3c4-0001-4d5e-8f90-1a2b3c4d5e6f",
           *               "e1a2b3c4-0002-4d5e-8f90-1a2b3c4d5e6f",
           *               "e1a2b3c4-0003-4d5e-8f90-1a2b3c4d5e6f",
           *               "e1a2b3c4-0004-4d5e-8f90-1a2b3c4d5e6f",
           *               "e1a2b3c4-0005-4d5e-8f90-1a2b3c4d5e6f"
           *             ],
           *             "afterDeadline": false,
           *             "draw": {
           *               "algorithm": "sha256-rank/v1",
           *               "size": 5,
           *               "expertise": "social_work",
           *               "seedInputs": {
           *                 "projectId": "prj_01kkb709j0n4q8s2v6xz",
           *                 "bidDeadline": "2026-04-10T17:00:00+08:00",
           *                 "drawnAt": "2026-04-08T09:30:00+08:00",
           *                 "nonce": "q9ZxT2mL4vR8wK1c",
           *                 "auditHead": "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1",
           *                 "poolDigest": "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e"
           *               },
           *               "seed": "3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c",
           *               "pool": [
           *                 "e1a2b3c4-0001-4d5e-8f90-1a2b3c4d5e6f",
           *                 "e1a2b3c4-0002-4d5e-8f90-1a2b3c4d5e6f",
           *                 "e1a2b3c4-0003-4d5e-8f90-1a2b3c4d5e6f",
           *                 "e1a2b3c4-0004-4d5e-8f90-1a2b3c4d5e6f",
           *                 "e1a2b3c4-0005-4d5e-8f90-1a2b3c4d5e6f",
           *                 "e1a2b3c4-0006-4d5e-8f90-1a2b3c4d5e6f",
           *                 "e1a2b3c4-0007-4d5e-8f90-1a2b3c4d5e6f"
           *               ]
           *             }
           *           },
           *           "scoringRound": 1,
           *           "tender": {
           *             "publishedAt": "2026-03-25T10:00:03+08:00",
           *             "bidDeadline": "2026-04-10T17:00:00+08:00",
           *             "minimumBids": 2
           *           },
           *           "workflow": {
           *             "executionArn": "arn:aws-cn:states:cn-north-1:111122223333:execution:Assistance-Procurement:prj_01kkb709j0n4q8s2v6xz-publish",
           *             "startedAt": "2026-03-25T10:00:00+08:00",
           *             "waitingFor": "bid_deadline"
           *           },
           *           "createdBy": {
           *             "sub": "8e2d4b61-0a3c-4f57-b8d9-6c1e2f3a4b5d",
           *             "role": "town"
           *           },
           *           "version": 7,
           *           "createdAt": "2026-03-10T14:30:00+08:00",
           *           "updatedAt": "2026-04-08T09:30:00+08:00"
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['Project'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createProject: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateProject'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/projects/{id}` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
    };
  };
  getProject: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  updateProject: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateProject'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  submitProject: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  approveProject: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  cancelProject: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CancelProject'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  listAnnouncements: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPublic'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "prj_01kkb709j0n4q8s2v6xz-v7-tender",
           *           "kind": "procurement_notice",
           *           "projectId": "prj_01kkb709j0n4q8s2v6xz",
           *           "ocid": "ocds-xxxxxx-prj_01kkb709j0n4q8s2v6xz",
           *           "releaseId": "prj_01kkb709j0n4q8s2v6xz-v7-tender",
           *           "purchaser": {
           *             "id": "pur-town-1",
           *             "nameZh": "东山镇人民政府",
           *             "nameEn": "Dongshan Town Government"
           *           },
           *           "title": {
           *             "zh": "东山镇人民政府 2026年度东山镇困难群众对象排查服务 竞争性磋商公告",
           *             "en": "Dongshan Town Government: procurement notice (competitive consultation)"
           *           },
           *           "summary": {
           *             "zh": "预算金额480,000.00元，响应文件递交截止时间2026年4月10日17:00。",
           *             "en": "Budget CNY 480,000.00; bids close 2026-04-10 17:00 (UTC+8)."
           *           },
           *           "publishedAt": "2026-03-25T10:00:03+08:00",
           *           "links": {
           *             "record": "/v1/public/ocds/records/ocds-xxxxxx-prj_01kkb709j0n4q8s2v6xz"
           *           }
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['Announcement'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
    };
  };
  listOcdsReleases: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        since?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPublic'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReleasePackage'];
        };
      };
      400: components['responses']['BadRequest'];
      404: components['responses']['NotFound'];
    };
  };
  getOcdsRecord: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        ocid: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPublic'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecordPackage'];
        };
      };
      400: components['responses']['BadRequest'];
    };
  };
  getAuditTrail: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        recordType:
          | 'contractor'
          | 'document'
          | 'catalog-item'
          | 'budget-line'
          | 'project'
          | 'procurement-rules'
          | 'bid'
          | 'bidDocument'
          | 'scoreSheet'
          | 'challenge'
          | 'contract'
          | 'evaluator'
          | 'delegation'
          | 'contractor-user'
          | 'staff'
          | 'dispatch'
          | 'delivery'
          | 'financial-report'
          | 'inspection'
          | 'acceptance'
          | 'opinion'
          | 'panel-signature'
          | 'milestone'
          | 'payment';
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditTrail'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  publishProject: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PublishProject'];
      };
    };
    responses: {
      /** @description Success */
      202: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicationAccepted'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  getOwnBid: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `bids` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Bid'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  submitBid: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `bids` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
        /** @description the ETag you read, to replace it (required unless If-None-Match: * is sent) */
        'If-Match'?: string;
        /** @description `*` to create it the first time (412 if it exists already) */
        'If-None-Match'?: '*';
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubmitBid'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Bid'];
        };
      };
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/projects/{id}/bid` */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Bid'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listBids: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "bid_01knp1z2z0b5d7f3h9kn",
           *           "projectId": "prj_01kkb709j0n4q8s2v6xz",
           *           "contractorId": "ctr_01kjp1srh0k3m9q2x7vd",
           *           "contractorKind": "social_organization",
           *           "contractorName": "示范区阳光社会工作服务中心",
           *           "nonProfit": true,
           *           "price": 45600000,
           *           "proposal": {
           *             "summary": "组建8人社工团队，分三个片区入户排查1200户，每周报送进度，发现急难情况24小时内转介。"
           *           },
           *           "documentIds": [
           *             "bdoc_01knp287y0c2e4g6j8mp"
           *           ],
           *           "revision": 1,
           *           "submittedAt": "2026-04-08T16:05:00+08:00",
           *           "revisedAt": "2026-04-09T10:42:18+08:00",
           *           "version": 4
           *         }
           *       ]
           *     }
           */
          'application/json': {
            items: components['schemas']['Bid'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  requestBidDocumentUpload: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `bids` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RequestBidDocumentUpload'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/projects/{id}/bids/{contractorId}/documents/{documentId}` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BidDocumentUpload'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getBidDocument: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `bids` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
        contractorId: string;
        documentId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BidDocument'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  disqualifyBid: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        contractorId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DisqualifyBid'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Bid'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  assignEvaluators: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AssignEvaluators'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  listEvaluatorProjects: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "prj_01kkb709j0n4q8s2v6xz",
           *           "title": "2026年度东山镇困难群众对象排查服务",
           *           "status": "bidding_closed",
           *           "bidDeadline": "2026-04-10T17:00:00+08:00",
           *           "scoringRound": 1,
           *           "evaluationCriteria": {
           *             "quality": [
           *               {
           *                 "code": "service_plan",
           *                 "description": "服务方案的针对性与可行性",
           *                 "weight": 40
           *               },
           *               {
           *                 "code": "team",
           *                 "description": "项目团队的社工资质与经验",
           *                 "weight": 30
           *               },
           *               {
           *                 "code": "past_performance",
           *                 "description": "以往同类服务的履约评价",
           *                 "weight": 10,
           *                 "pastPerformance": true
           *               }
           *             ],
           *             "priceWeight": 20
           *           }
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['EvaluatorProject'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listScoreSheets: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScoreSheetList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  submitScores: {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag you read, to replace it (required unless If-None-Match: * is sent) */
        'If-Match'?: string;
        /** @description `*` to create it the first time (412 if it exists already) */
        'If-None-Match'?: '*';
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubmitScores'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScoreSheet'];
        };
      };
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/projects/{id}/scores` */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScoreSheet'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  recordDraw: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DrawResult'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  drawPanel: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DrawPanel'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  registerEvaluator: {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag you read, to replace it (required unless If-None-Match: * is sent) */
        'If-Match'?: string;
        /** @description `*` to create it the first time (412 if it exists already) */
        'If-None-Match'?: '*';
      };
      path: {
        sub: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterEvaluator'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PoolMember'];
        };
      };
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/evaluators` */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PoolMember'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  retireEvaluator: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        sub: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RetireEvaluator'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PoolMember'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  listEvaluators: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "sub": "e1a2b3c4-0001-4d5e-8f90-1a2b3c4d5e6f",
           *           "name": "陈志远",
           *           "expertise": [
           *             "social_work",
           *             "social_assistance_policy"
           *           ],
           *           "status": "active",
           *           "registeredAt": "2026-02-16T11:00:00+08:00",
           *           "registeredBy": {
           *             "sub": "3c1f8a52-7d4e-4b9a-9f0e-2a6b5c8d1e47",
           *             "role": "bureau"
           *           },
           *           "version": 1,
           *           "updatedAt": "2026-02-16T11:00:00+08:00"
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['PoolMember'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listChallenges: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `bids` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "chl_01kpm9vc80r3t5v7x9zb",
           *           "projectId": "prj_01kkb709j0n4q8s2v6xz",
           *           "contractorId": "ctr_01kjq8w2m0f5h7k9n3q5",
           *           "round": 1,
           *           "grounds": "评审专家对我方服务方案“团队”项的评分未说明扣分理由，请求复核。",
           *           "filedAt": "2026-04-20T10:00:00+08:00",
           *           "status": "dismissed",
           *           "answer": {
           *             "outcome": "dismissed",
           *             "reply": "经复核，评分符合磋商文件规定的评分标准，维持原评审结果。",
           *             "by": {
           *               "sub": "3c1f8a52-7d4e-4b9a-9f0e-2a6b5c8d1e47",
           *               "role": "bureau"
           *             },
           *             "at": "2026-04-23T14:30:00+08:00"
           *           },
           *           "version": 2
           *         }
           *       ]
           *     }
           */
          'application/json': {
            items: components['schemas']['Challenge'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  fileChallenge: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `bids` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['FileChallenge'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/projects/{id}/challenges` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Challenge'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      429: components['responses']['TooManyRequests'];
    };
  };
  answerChallenge: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        challengeId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AnswerChallenge'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Challenge'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  getContract: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `contracts` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Contract'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listContracts: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        contractorId?: string;
      };
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `contracts` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "con_01kq7tzmz0d6f8h2k4nq",
           *           "projectId": "prj_01kkb709j0n4q8s2v6xz",
           *           "bidId": "bid_01knp1z2z0b5d7f3h9kn",
           *           "purchaserId": "pur-town-1",
           *           "contractorId": "ctr_01kjp1srh0k3m9q2x7vd",
           *           "budgetLineId": "bl_01ke8ggm80a7c3e9g2jm",
           *           "template": {
           *             "templateId": "district-social-assistance-service",
           *             "version": 1
           *           },
           *           "title": "2026年度东山镇困难群众对象排查服务",
           *           "catalogCode": "A-TARGET-SCREENING",
           *           "term": {
           *             "start": "2026-06-01",
           *             "end": "2026-12-31"
           *           },
           *           "quantity": {
           *             "value": 1200,
           *             "unit": "户"
           *           },
           *           "serviceStandard": {
           *             "summary": "入户排查辖区内可能符合最低生活保障、特困人员供养或临时救助条件的家庭，逐户填写排查表并提交排查报告。",
           *             "indicators": [
           *               {
           *                 "code": "households_screened_pct",
           *                 "description": "已走访并完成排查的分配户数占比",
           *                 "unit": "%",
           *                 "target": 100,
           *                 "comparison": ">="
           *               },
           *               {
           *                 "code": "screening_report_days",
           *                 "description": "走访至提交排查报告的天数",
           *                 "unit": "days",
           *                 "target": 5,
           *                 "comparison": "<="
           *               }
           *             ]
           *           },
           *           "price": 45600000,
           *           "currency": "CNY",
           *           "clauses": [
           *             {
           *               "key": "content",
           *               "titleZh": "服务内容",
           *               "titleEn": "Service content",
           *               "textZh": "乙方按服务标准为甲方提供对象排查服务。"
           *             },
           *             {
           *               "key": "price",
           *               "titleZh": "合同价款",
           *               "titleEn": "Price",
           *               "textZh": "合同总价为人民币456,000.00元。"
           *             },
           *             {
           *               "key": "no_subcontracting",
           *               "titleZh": "禁止转包",
           *               "titleEn": "No subcontracting",
           *               "textZh": "乙方不得将本合同服务转包或分包给第三方。"
           *             }
           *           ],
           *           "paymentMilestones": [
           *             {
           *               "seq": 1,
           *               "event": "signing",
           *               "percent": 30,
           *               "basisPoints": 3000,
           *               "amount": 13680000
           *             },
           *             {
           *               "seq": 2,
           *               "event": "mid_term_review",
           *               "percent": 40,
           *               "basisPoints": 4000,
           *               "amount": 18240000
           *             },
           *             {
           *               "seq": 3,
           *               "event": "acceptance_passed",
           *               "percent": 30,
           *               "basisPoints": 3000,
           *               "amount": 13680000,
           *               "note": "终期验收合格后支付"
           *             }
           *           ],
           *           "acceptancePlan": {
           *             "method": "现场检查、服务记录抽查与服务对象满意度调查相结合",
           *             "indicators": [
           *               {
           *                 "code": "households_screened_pct",
           *                 "description": "已走访并完成排查的分配户数占比",
           *                 "unit": "%",
           *                 "target": 100,
           *                 "comparison": ">=",
           *                 "mandatory": true
           *               },
           *               {
           *                 "code": "screening_report_days",
           *                 "description": "走访至提交排查报告的天数",
           *                 "unit": "days",
           *                 "target": 5,
           *                 "comparison": "<=",
           *                 "mandatory": true
           *               }
           *             ],
           *             "stages": [
           *               {
           *                 "milestoneSeq": 2,
           *                 "event": "mid_term_review",
           *                 "from": "2026-09-15"
           *               },
           *               {
           *                 "milestoneSeq": 3,
           *                 "event": "acceptance_passed",
           *                 "from": "2026-12-01"
           *               }
           *             ],
           *             "recipients": {
           *               "sampleSize": 10,
           *               "minimumOpinions": 5,
           *               "satisfiedShareBp": 8000,
           *               "answerDays": 14
           *             },
           *             "panel": {
           *               "quorum": 3
           *             },
           *             "rectification": {
           *               "maxRounds": 2,
           *               "days": 30,
           *               "deductionBpPerRound": 500
           *             },
           *             "paymentTermDays": 30,
           *             "minimumQualifiedShareBp": 3000,
           *             "delivery": [
           *               {
           *                 "code": "households_screened",
           *                 "description": "入户排查户数",
           *                 "unit": "户",
           *                 "planned": 1200
           *               }
           *             ]
           *           },
           *           "status": "signed",
           *           "signatures": {
           *             "contractor": {
           *               "by": {
           *                 "sub": "b7a9c3d1-5e2f-4a68-9b0c-1d2e3f4a5b6c",
           *                 "role": "contractor"
           *               },
           *               "at": "2026-04-28T09:15:00+08:00"
           *             },
           *             "purchaser": {
           *               "by": {
           *                 "sub": "8e2d4b61-0a3c-4f57-b8d9-6c1e2f3a4b5d",
           *                 "role": "town"
           *               },
           *               "at": "2026-04-28T15:40:12+08:00"
           *             }
           *           },
           *           "version": 3,
           *           "createdAt": "2026-04-28T00:05:00+08:00",
           *           "updatedAt": "2026-04-28T15:40:12+08:00"
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['Contract'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  signContract: {
    parameters: {
      query?: never;
      header: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `contracts` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Contract'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
      429: components['responses']['TooManyRequests'];
    };
  };
  setAcceptancePlan: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AcceptancePlan'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Contract'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  grantDelegation: {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag you read, to replace it (required unless If-None-Match: * is sent) */
        'If-Match'?: string;
        /** @description `*` to create it the first time (412 if it exists already) */
        'If-None-Match'?: '*';
      };
      path: {
        id: string;
        portalId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['GrantDelegation'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Delegation'];
        };
      };
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/contractors/{id}/delegations` */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Delegation'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
      429: components['responses']['TooManyRequests'];
    };
  };
  revokeDelegation: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        portalId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RevokeDelegation'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Delegation'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listDelegations: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "contractorId": "ctr_01kjp1srh0k3m9q2x7vd",
           *           "portalId": "5r8ahm1t0kq3lq2d6e8c4p7j9b",
           *           "scopes": [
           *             "documents",
           *             "bids"
           *           ],
           *           "validUntil": "2027-03-01T23:59:59+08:00",
           *           "status": "active",
           *           "consentReference": "授权委托书 YG-2026-007",
           *           "grantedBy": {
           *             "sub": "b7a9c3d1-5e2f-4a68-9b0c-1d2e3f4a5b6c",
           *             "role": "contractor"
           *           },
           *           "grantedAt": "2026-03-02T09:40:00+08:00",
           *           "version": 1,
           *           "createdAt": "2026-03-02T09:40:00+08:00",
           *           "updatedAt": "2026-03-02T09:40:00+08:00"
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['Delegation'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listStaff: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "stf_01kq8a1b20c3d4e5f6g7",
           *           "contractorId": "ctr_01kjp1srh0k3m9q2x7vd",
           *           "name": "张建国",
           *           "residentId": "330110198503120022",
           *           "role": "social_worker",
           *           "qualification": {
           *             "level": "social_worker",
           *             "certificateNumber": "SW2021330110123",
           *             "validUntil": "2029-06-30"
           *           },
           *           "joinedOn": "2025-09-01",
           *           "evidence": {
           *             "documentId": "doc_01kq8a3c40h8j9k0m1n2",
           *             "kind": "labour_contract",
           *             "fileName": "张建国劳动合同.pdf",
           *             "contentType": "application/pdf",
           *             "size": 524288,
           *             "sha256": "0707070707070707070707070707070707070707070707070707070707070707",
           *             "status": "verified",
           *             "uploadedAt": "2026-04-29T10:02:11+08:00",
           *             "verifiedAt": "2026-04-29T10:02:12+08:00",
           *             "createdAt": "2026-04-29T10:00:00+08:00"
           *           },
           *           "version": 3,
           *           "createdAt": "2026-04-29T09:55:00+08:00",
           *           "updatedAt": "2026-04-29T10:02:12+08:00"
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['StaffMember'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createStaff: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateStaffMember'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/contractors/{id}/staff/{staffId}` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffMember'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getStaff: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
        staffId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffMember'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  leaveStaff: {
    parameters: {
      query?: never;
      header: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        staffId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LeaveStaffRoster'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffMember'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
      429: components['responses']['TooManyRequests'];
    };
  };
  requestStaffEvidenceUpload: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
        staffId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RequestStaffEvidenceUpload'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/contractors/{id}/staff/{staffId}` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffEvidenceUpload'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listDispatches: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "dsp_01kqa0b1c2p3q4r5s6t7",
           *           "contractId": "con_01kq7tzmz0d6f8h2k4nq",
           *           "contractorId": "ctr_01kjp1srh0k3m9q2x7vd",
           *           "staffId": "stf_01kq8a1b20c3d4e5f6g7",
           *           "place": {
           *             "kind": "village",
           *             "purchaserId": "pur-town-1",
           *             "code": "vil-1-1"
           *           },
           *           "period": {
           *             "start": "2026-05-01",
           *             "end": "2026-12-31"
           *           },
           *           "person": {
           *             "name": "张建国",
           *             "residentId": "330110**********22",
           *             "role": "social_worker"
           *           },
           *           "qualified": true,
           *           "version": 1,
           *           "createdAt": "2026-04-30T09:00:00+08:00",
           *           "updatedAt": "2026-04-30T09:00:00+08:00"
           *         }
           *       ],
           *       "staffing": {
           *         "dispatched": 1,
           *         "qualified": 1,
           *         "shareBp": 10000,
           *         "minimumBp": 3000,
           *         "met": true
           *       }
           *     }
           */
          'application/json': {
            items: components['schemas']['Dispatch'][];
            staffing: components['schemas']['StaffingShare'];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createDispatch: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDispatch'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/contracts/{id}/dispatches` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Dispatch'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      429: components['responses']['TooManyRequests'];
    };
  };
  endDispatch: {
    parameters: {
      query?: never;
      header: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        dispatchId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EndDispatch'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Dispatch'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listDispatchedStaff: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "dsp_01kqa0b1c2p3q4r5s6t7",
           *           "contractId": "con_01kq7tzmz0d6f8h2k4nq",
           *           "contractorId": "ctr_01kjp1srh0k3m9q2x7vd",
           *           "staffId": "stf_01kq8a1b20c3d4e5f6g7",
           *           "place": {
           *             "kind": "village",
           *             "purchaserId": "pur-town-1",
           *             "code": "vil-1-1"
           *           },
           *           "period": {
           *             "start": "2026-05-01",
           *             "end": "2026-12-31"
           *           },
           *           "person": {
           *             "name": "张建国",
           *             "residentId": "330110**********22",
           *             "role": "social_worker"
           *           },
           *           "qualified": true,
           *           "version": 1,
           *           "createdAt": "2026-04-30T09:00:00+08:00",
           *           "updatedAt": "2026-04-30T09:00:00+08:00"
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['Dispatch'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listDeliveries: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "dlv_01kqc4r8m0x2m7p3k9q4v6wz8a",
           *           "contractId": "con_01kq7tzmz0d6f8h2k4nq",
           *           "contractorId": "ctr_01kjp1srh0k3m9q2x7vd",
           *           "purchaserId": "pur-town-1",
           *           "catalogCode": "A-TARGET-SCREENING",
           *           "lineCode": "households_screened",
           *           "unit": "户",
           *           "indicatorCode": "households_screened_pct",
           *           "recipient": {
           *             "villageId": "vil-1-1",
           *             "townId": "pur-town-1",
           *             "ref": "5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c"
           *           },
           *           "staffId": "stf_01kq8a1b20c3d4e5f6g7",
           *           "dispatchId": "dsp_01kqa0b1c2p3q4r5s6t7",
           *           "start": "2026-06-03T09:00:00+08:00",
           *           "end": "2026-06-03T10:30:00+08:00",
           *           "quantity": 1,
           *           "notes": "入户走访，填写排查表，家庭收入材料已拍照留存",
           *           "evidenceReference": "PC-2026-06-0031",
           *           "recordedBy": {
           *             "sub": "b7a9c3d1-5e2f-4a68-9b0c-1d2e3f4a5b6c",
           *             "role": "contractor"
           *           },
           *           "version": 1,
           *           "createdAt": "2026-06-03T18:20:11+08:00",
           *           "updatedAt": "2026-06-03T18:20:11+08:00"
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['Delivery'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createDelivery: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDelivery'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/contracts/{id}/deliveries/{deliveryId}` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Delivery'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      429: components['responses']['TooManyRequests'];
    };
  };
  createDeliveryBatch: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDeliveryBatch'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryBatchResult'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getDelivery: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
        deliveryId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Delivery'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getProgress: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Progress'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  submitFinancialReport: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
        /** @description the ETag you read, to replace it (required unless If-None-Match: * is sent) */
        'If-Match'?: string;
        /** @description `*` to create it the first time (412 if it exists already) */
        'If-None-Match'?: '*';
      };
      path: {
        id: string;
        period: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubmitFinancialReport'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FinancialReport'];
        };
      };
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/contracts/{id}/financial-reports` */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FinancialReport'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
      429: components['responses']['TooManyRequests'];
    };
  };
  reviewFinancialReport: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        period: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReviewFinancialReport'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FinancialReport'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  listFinancialReports: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "contractId": "con_01kq7tzmz0d6f8h2k4nq",
           *           "period": "2026-Q2",
           *           "contractorId": "ctr_01kjp1srh0k3m9q2x7vd",
           *           "purchaserId": "pur-town-1",
           *           "income": 14040000,
           *           "expenditure": {
           *             "staff": 9860000,
           *             "materials": 1250000,
           *             "administration": 730000
           *           },
           *           "totalExpenditure": 11840000,
           *           "notes": "二季度完成入户排查 1,212 户；材料费含排查表印制。",
           *           "documents": [
           *             {
           *               "title": "2026年第二季度工资发放表",
           *               "reference": "记账凭证 2026-06-028"
           *             }
           *           ],
           *           "status": "accepted",
           *           "submissions": 2,
           *           "submittedBy": {
           *             "sub": "b7a9c3d1-5e2f-4a68-9b0c-1d2e3f4a5b6c",
           *             "role": "contractor"
           *           },
           *           "submittedAt": "2026-07-12T16:20:00+08:00",
           *           "review": {
           *             "decision": "accepted",
           *             "by": {
           *               "sub": "8e2d4b61-0a3c-4f57-b8d9-6c1e2f3a4b5d",
           *               "role": "town"
           *             },
           *             "at": "2026-07-15T10:05:00+08:00"
           *           },
           *           "version": 4,
           *           "createdAt": "2026-07-06T09:30:00+08:00",
           *           "updatedAt": "2026-07-15T10:05:00+08:00"
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['FinancialReport'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listInspections: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "ins_01kt2c7hq0f3h5k7m9pr",
           *           "contractId": "con_01kq7tzmz0d6f8h2k4nq",
           *           "contractorId": "ctr_01kjp1srh0k3m9q2x7vd",
           *           "purchaserId": "pur-town-1",
           *           "date": "2026-07-02",
           *           "place": "东山镇东溪村",
           *           "checked": "抽查 20 户排查表与入户记录，核对在岗人员",
           *           "findings": [
           *             {
           *               "n": 1,
           *               "description": "3 户排查表缺少户主签字",
           *               "severity": "minor",
           *               "responseDueBy": "2026-07-16",
           *               "status": "closed",
           *               "responses": [
           *                 {
           *                   "text": "已补签并复核其余排查表",
           *                   "documents": [
           *                     {
           *                       "title": "补签排查表扫描件",
           *                       "reference": "台账 DS-2026-07-03"
           *                     }
           *                   ],
           *                   "by": {
           *                     "sub": "b7a9c3d1-5e2f-4a68-9b0c-1d2e3f4a5b6c",
           *                     "role": "contractor"
           *                   },
           *                   "at": "2026-07-09T15:00:00+08:00",
           *                   "late": false
           *                 }
           *               ],
           *               "reopenings": [],
           *               "closed": {
           *                 "note": "复核无误",
           *                 "by": {
           *                   "sub": "8e2d4b61-0a3c-4f57-b8d9-6c1e2f3a4b5d",
           *                   "role": "town"
           *                 },
           *                 "at": "2026-07-10T09:00:00+08:00"
           *               }
           *             }
           *           ],
           *           "status": "closed",
           *           "overdueFindings": 0,
           *           "inspectedBy": {
           *             "sub": "8e2d4b61-0a3c-4f57-b8d9-6c1e2f3a4b5d",
           *             "role": "town"
           *           },
           *           "version": 3,
           *           "createdAt": "2026-07-02T17:40:00+08:00",
           *           "updatedAt": "2026-07-10T09:00:00+08:00"
           *         }
           *       ],
           *       "cursor": "eyJrIjoiUFJPSkVDVCMwMUpGM1EifQ.Xk2s"
           *     }
           */
          'application/json': {
            items: components['schemas']['Inspection'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  recordInspection: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RecordInspection'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/contracts/{id}/inspections/{inspectionId}` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Inspection'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
    };
  };
  getInspection: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
        inspectionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Inspection'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  respondToFinding: {
    parameters: {
      query?: never;
      header: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        inspectionId: string;
        n: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RespondToFinding'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Inspection'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
      429: components['responses']['TooManyRequests'];
    };
  };
  closeFinding: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        inspectionId: string;
        n: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CloseFinding'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Inspection'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  reopenFinding: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        inspectionId: string;
        n: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReopenFinding'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Inspection'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  openAcceptance: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OpenAcceptance'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/contracts/{id}/acceptances/{acceptanceId}` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OpenedAcceptance'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
    };
  };
  getAcceptance: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `deliveries` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
        acceptanceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Acceptance'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  lookupInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['InvitationLookup'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPublic'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Invitation'];
        };
      };
      400: components['responses']['BadRequest'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
    };
  };
  submitOpinion: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubmitOpinion'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPublic'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OpinionReceipt'];
        };
      };
      400: components['responses']['BadRequest'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
    };
  };
  recordMeasurements: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        acceptanceId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RecordMeasurements'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Acceptance'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  signAcceptance: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        acceptanceId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SignAcceptance'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          /** @description where the created record is read: `GET /v1/contracts/{id}/acceptances/{acceptanceId}` */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PanelSignature'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  payMilestone: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key and body returns the first answer (`Idempotency-Replayed: true`) and creates nothing; the same key with another body is 422. Remembered 24 hours, per caller and path. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PayMilestone'];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          /** @description where the created record is read: `GET /v1/contracts/{id}/milestones` */
          Location?: string;
          'Idempotency-Replayed': components['headers']['IdempotencyReplayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Payment'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
    };
  };
  listMilestones: {
    parameters: {
      query?: never;
      header?: {
        /** @description a partner portal only: the id of the contractor it acts for, which must have delegated `contracts` to it (403 otherwise, with the reason) */
        'On-Behalf-Of'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "contractId": "con_01kq7tzmz0d6f8h2k4nq",
           *       "contractStatus": "signed",
           *       "items": [
           *         {
           *           "contractId": "con_01kq7tzmz0d6f8h2k4nq",
           *           "purchaserId": "pur-town-1",
           *           "contractorId": "ctr_01kjp1srh0k3m9q2x7vd",
           *           "budgetLineId": "bl_01ke8ggm80a7c3e9g2jm",
           *           "seq": 2,
           *           "event": "mid_term_review",
           *           "amount": 19200000,
           *           "status": "paid",
           *           "acceptance": {
           *             "id": "acc_01kt3m5n70a2b4c6d8e0",
           *             "passedAt": "2026-09-18T16:20:00+08:00",
           *             "rectificationRounds": 1
           *           },
           *           "deduction": 960000,
           *           "payable": 18240000,
           *           "payableSince": "2026-09-18T16:20:00+08:00",
           *           "dueBy": "2026-10-23",
           *           "holds": [
           *             {
           *               "reason": "第三季度财务报告未按期提交，待整改后支付",
           *               "by": {
           *                 "sub": "3c1f8a52-7d4e-4b9a-9f0e-2a6b5c8d1e47",
           *                 "role": "bureau"
           *               },
           *               "at": "2026-09-20T10:00:00+08:00",
           *               "releasedAt": "2026-09-25T15:30:00+08:00",
           *               "releasedBy": {
           *                 "sub": "4d2e6f80-1b3c-4a5d-9e7f-8a0b1c2d3e4f",
           *                 "role": "finance"
           *               },
           *               "releaseNote": "已补交第三季度财务报告并经审核"
           *             }
           *           ],
           *           "payment": {
           *             "id": "con_01kq7tzmz0d6f8h2k4nq.p2",
           *             "amount": 18240000,
           *             "paidAt": "2026-10-12T11:05:00+08:00"
           *           },
           *           "version": 5,
           *           "createdAt": "2026-04-20T15:00:00+08:00",
           *           "updatedAt": "2026-10-12T11:05:00+08:00"
           *         }
           *       ]
           *     }
           */
          'application/json': {
            contractId: string;
            contractStatus: string;
            items: components['schemas']['Milestone'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listDue: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        purchaserId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "purchaserId": "pur-town-1",
           *       "today": "2027-02-10",
           *       "items": [
           *         {
           *           "contractId": "con_01kq7tzmz0d6f8h2k4nq",
           *           "purchaserId": "pur-town-1",
           *           "contractorId": "ctr_01kjp1srh0k3m9q2x7vd",
           *           "budgetLineId": "bl_01ke8ggm80a7c3e9g2jm",
           *           "seq": 3,
           *           "event": "acceptance_passed",
           *           "amount": 14400000,
           *           "status": "payable",
           *           "acceptance": {
           *             "id": "acc_01kx9p2q40f6g8h0j2k4",
           *             "passedAt": "2027-01-08T10:00:00+08:00",
           *             "rectificationRounds": 0
           *           },
           *           "deduction": 0,
           *           "payable": 14400000,
           *           "payableSince": "2027-01-08T10:00:00+08:00",
           *           "dueBy": "2027-02-07",
           *           "version": 2,
           *           "createdAt": "2026-04-20T15:00:00+08:00",
           *           "updatedAt": "2027-01-08T10:00:00+08:00",
           *           "holds": [],
           *           "state": "overdue",
           *           "daysOverdue": 3
           *         }
           *       ]
           *     }
           */
          'application/json': {
            purchaserId: string;
            /**
             * Format: date
             * @description the Shanghai date the states are judged on
             */
            today: string;
            items: components['schemas']['DueMilestone'][];
            cursor?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  withholdMilestone: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        seq: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WithholdMilestone'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Milestone'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  releaseMilestone: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
        seq: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReleaseMilestone'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Milestone'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  terminateContract: {
    parameters: {
      query?: never;
      header: {
        /** @description the ETag you read */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TerminateContract'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          'Cache-Control': components['headers']['CacheControlPrivate'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Contract'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['UnprocessableContent'];
      428: components['responses']['PreconditionRequired'];
    };
  };
}

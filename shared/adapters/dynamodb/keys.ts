/** Key builders for the access patterns documented in table-design.ts. */
export const keys = {
  contractor: (id: string) => ({ PK: `CONTRACTOR#${id}`, SK: 'PROFILE' }),
  contractorIndex: (createdAt: string, id: string) => ({
    GSI1PK: 'CONTRACTORS',
    GSI1SK: `${createdAt}#${id}`,
  }),
  creditCode: (code: string) => ({ PK: `CREDITCODE#${code}`, SK: 'CREDITCODE' }),
  document: (contractorId: string, documentId: string) => ({
    PK: `CONTRACTOR#${contractorId}`,
    SK: `DOC#${documentId}`,
  }),
  /**
   * Issue 11 §6: a town reads the contacts of a contractor that bid on one of its own projects once that bid
   * deadline has passed (before it, a contact shown would tell who bid, R-PROC-5). One item per bid, written with
   * the first submission, sorted by the deadline (UTC) so the earliest is read first. Prefix TOWNCONTACT#: written
   * by the bid route, read by GET /v1/contractors/{id} (declare it there, issue 11 §2).
   */
  townContactPartition: (purchaserId: string, contractorId: string) =>
    `TOWNCONTACT#${purchaserId}#${contractorId}`,
  townContact: (purchaserId: string, contractorId: string, deadlineUtc: string, projectId: string) => ({
    PK: `TOWNCONTACT#${purchaserId}#${contractorId}`,
    SK: `${deadlineUtc}#${projectId}`,
  }),
  /**
   * Issue 12 §1: a contractor's delegation to a partner portal (shared/domain/delegation.ts), one item per portal in
   * the contractor's own partition, so the contractor's and the bureau's list is one Query and the portal's own is
   * one GetItem. Prefix DELEGATION#: written by the delegation routes, read by every delegable route through the
   * request pipeline (`tableRightsOf` adds the read, shared/http/route-def.ts; declare nothing there).
   */
  delegation: (contractorId: string, portalId: string) => ({
    PK: `DELEGATION#${contractorId}`,
    SK: `PORTAL#${portalId}`,
  }),
  delegationPartition: (contractorId: string) => `DELEGATION#${contractorId}`,
  /** Issue 12 §1: a contractor's user (its login's record), in the contractor's partition. */
  contractorUser: (contractorId: string, username: string) => ({
    PK: `CONTRACTOR#${contractorId}`,
    SK: `USER#${username}`,
  }),
  catalogItem: (code: string) => ({ PK: 'CATALOG', SK: `ITEM#${code}` }),
  negativeListEntry: (code: string) => ({ PK: 'CATALOG', SK: `NEG#${code}` }),
  purchaser: (id: string) => ({ PK: `PURCHASER#${id}`, SK: 'PROFILE' }),
  purchaserIndex: (level: string, id: string) => ({ GSI1PK: 'PURCHASERS', GSI1SK: `${level}#${id}` }),
  procurementRules: (purchaserId: string) => ({ PK: `PURCHASER#${purchaserId}`, SK: 'PROCUREMENT-RULES' }),
  budgetLine: (id: string) => ({ PK: `BUDGET#${id}`, SK: 'LINE' }),
  budgetLinePartition: (purchaserId: string) => `BUDGETLINES#${purchaserId}`,
  budgetLineIndex: (purchaserId: string, fiscalYear: number, createdAt: string, id: string) => ({
    GSI1PK: `BUDGETLINES#${purchaserId}`,
    GSI1SK: `${fiscalYear}#${createdAt}#${id}`,
  }),
  budgetMovement: (
    lineId: string,
    kind: 'COMMIT' | 'PAY' | 'RELEASE',
    causeType: string,
    causeId: string,
  ) => ({
    PK: `BUDGET#${lineId}`,
    SK: `MOVE#${kind}#${causeType}#${causeId}`,
  }),
  project: (id: string) => ({ PK: `PROJECT#${id}`, SK: 'PROJECT' }),
  projectPartition: (purchaserId: string) => `PROJECTS#${purchaserId}`,
  projectIndex: (purchaserId: string, status: string, createdAt: string, id: string) => ({
    GSI1PK: `PROJECTS#${purchaserId}`,
    GSI1SK: `${status}#${createdAt}#${id}`,
  }),
  /**
   * The procurement of a project lives in the project's partition: one bid per contractor (the natural key makes
   * "one bid each" a key condition), its documents, the evaluators' score sheets per round, the challenges, and
   * the callback the workflow is parked on.
   */
  bid: (projectId: string, contractorId: string) => ({
    PK: `PROJECT#${projectId}`,
    SK: `BID#${contractorId}`,
  }),
  bidDocument: (projectId: string, contractorId: string, documentId: string) => ({
    PK: `PROJECT#${projectId}`,
    SK: `BIDDOC#${contractorId}#${documentId}`,
  }),
  /** The lookup from an opaque bid-document object key to its bid (R-PROC-5: the key names no one). */
  bidObject: (objectId: string) => ({ PK: `BIDOBJECT#${objectId}`, SK: 'BIDOBJECT' }),
  projectItems: (projectId: string) => `PROJECT#${projectId}`,
  scoreSheet: (projectId: string, round: number, evaluatorId: string) => ({
    PK: `PROJECT#${projectId}`,
    SK: `SCORES#${String(round).padStart(3, '0')}#${evaluatorId}`,
  }),
  scoreSheetPrefix: (round: number) => `SCORES#${String(round).padStart(3, '0')}#`,
  challenge: (projectId: string, challengeId: string) => ({
    PK: `PROJECT#${projectId}`,
    SK: `CHALLENGE#${challengeId}`,
  }),
  projectCallback: (projectId: string) => ({ PK: `PROJECT#${projectId}`, SK: 'CALLBACK' }),
  /** An evaluator's assignments, so an evaluator can list the projects to score. */
  evaluatorAssignment: (evaluatorId: string, projectId: string) => ({
    PK: `EVALUATOR#${evaluatorId}`,
    SK: `PROJECT#${projectId}`,
  }),
  evaluatorPartition: (evaluatorId: string) => `EVALUATOR#${evaluatorId}`,
  /**
   * The evaluator pool (评审专家库, R-PROC-3): one partition, one item per registered evaluator, read whole by a
   * draw. Rights: partition `EVALUATORPOOL` (read, put, check), declared by the pool and panel routes.
   */
  evaluatorPoolMember: (sub: string) => ({ PK: 'EVALUATORPOOL', SK: `MEMBER#${sub}` }),
  evaluatorPoolPartition: () => 'EVALUATORPOOL',
  contract: (id: string) => ({ PK: `CONTRACT#${id}`, SK: 'CONTRACT' }),
  contractIndex: (contractorId: string, createdAt: string, id: string) => ({
    GSI1PK: `CONTRACTS#${contractorId}`,
    GSI1SK: `${createdAt}#${id}`,
  }),
  contractPartition: (contractorId: string) => `CONTRACTS#${contractorId}`,
  /**
   * Issue 13 (delivery to payment). Each kind of record has a partition prefix of its own, so a route's rights name
   * exactly what it touches (issue 11 §2):
   * - STAFF in the contractor's partition: the roster (R-CON-3, R-STAFF-1), read with its evidence documents;
   * - PERSON#<keyed hash of the resident id>: one person's dispatches across every contractor, one item, so an
   *   overlapping dispatch by another contractor is a condition on its version (R-CON-3);
   * - DISPATCH#<contractId>: the contract's dispatches; listed per town on GSI1 (区买乡用, R-STAFF-2);
   * - DELIVERY#<contractId>: delivery records, the recipients served (pseudonymous) and the progress counters;
   * - SUPERVISION#<contractId>: quarterly financial reports and inspections with their findings (R-CON-4, R-SUP-1);
   * - ACCEPTANCE#<contractId>: acceptances, recipients' opinions, panel signatures, the parked callback (R-ACC-1..4);
   * - INVITATION#<hash of the token>: a recipient's single-use invitation, found by its token alone (R-ACC-2);
   * - MILESTONE#<contractId>: payment milestones and their payments; payable ones listed per purchaser on GSI1,
   *   oldest due first (R-ACC-3, R-FUND-2).
   */
  staff: (contractorId: string, staffId: string) => ({
    PK: `CONTRACTOR#${contractorId}`,
    SK: `STAFF#${staffId}`,
  }),
  staffPrefix: () => 'STAFF#',
  /** One active roster entry per person and contractor: a marker beside the roster, dated when the person leaves. */
  rosterPerson: (contractorId: string, personHash: string) => ({
    PK: `CONTRACTOR#${contractorId}`,
    SK: `PERSON#${personHash}`,
  }),
  personDispatches: (personHash: string) => ({ PK: `PERSON#${personHash}`, SK: 'DISPATCHES' }),
  dispatch: (contractId: string, dispatchId: string) => ({
    PK: `DISPATCH#${contractId}`,
    SK: `DISPATCH#${dispatchId}`,
  }),
  dispatchPartition: (contractId: string) => `DISPATCH#${contractId}`,
  dispatchIndex: (placePurchaserId: string, start: string, dispatchId: string) => ({
    GSI1PK: `DISPATCHED#${placePurchaserId}`,
    GSI1SK: `${start}#${dispatchId}`,
  }),
  dispatchedPartition: (placePurchaserId: string) => `DISPATCHED#${placePurchaserId}`,
  delivery: (contractId: string, deliveryId: string) => ({
    PK: `DELIVERY#${contractId}`,
    SK: `RECORD#${deliveryId}`,
  }),
  deliveryPartition: (contractId: string) => `DELIVERY#${contractId}`,
  /**
   * A contract's delivery records newest service first (GET …/deliveries): on GSI1, sorted by the service's start
   * in UTC, so the record's id need not carry the start (a batch row's id is its recordId's hash alone, issue 13
   * §2). Prefix DELIVERIES#: written with each record, read by the list route (its `table.index`).
   */
  deliveryIndex: (contractId: string, startUtc: string, deliveryId: string) => ({
    GSI1PK: `DELIVERIES#${contractId}`,
    GSI1SK: `${startUtc}#${deliveryId}`,
  }),
  deliveriesPartition: (contractId: string) => `DELIVERIES#${contractId}`,
  deliveryRecipient: (contractId: string, recipientRef: string) => ({
    PK: `DELIVERY#${contractId}`,
    SK: `RECIPIENT#${recipientRef}`,
  }),
  deliveryProgress: (contractId: string) => ({ PK: `DELIVERY#${contractId}`, SK: 'PROGRESS' }),
  financialReport: (contractId: string, period: string) => ({
    PK: `SUPERVISION#${contractId}`,
    SK: `REPORT#${period}`,
  }),
  inspection: (contractId: string, inspectionId: string) => ({
    PK: `SUPERVISION#${contractId}`,
    SK: `INSPECTION#${inspectionId}`,
  }),
  supervisionPartition: (contractId: string) => `SUPERVISION#${contractId}`,
  acceptance: (contractId: string, acceptanceId: string) => ({
    PK: `ACCEPTANCE#${contractId}`,
    SK: `ACCEPTANCE#${acceptanceId}`,
  }),
  acceptancePartition: (contractId: string) => `ACCEPTANCE#${contractId}`,
  /** A recipient's opinion in one round: an invitation answers once per round (R-ACC-2), so the round is in the key. */
  opinion: (contractId: string, acceptanceId: string, round: number, invitationId: string) => ({
    PK: `ACCEPTANCE#${contractId}`,
    SK: `OPINION#${acceptanceId}#${String(round).padStart(2, '0')}#${invitationId}`,
  }),
  panelSignature: (contractId: string, acceptanceId: string, round: number, sub: string) => ({
    PK: `ACCEPTANCE#${contractId}`,
    SK: `SIGNATURE#${acceptanceId}#${String(round).padStart(2, '0')}#${sub}`,
  }),
  acceptanceCallback: (contractId: string, acceptanceId: string) => ({
    PK: `ACCEPTANCE#${contractId}`,
    SK: `CALLBACK#${acceptanceId}`,
  }),
  invitation: (tokenHash: string) => ({ PK: `INVITATION#${tokenHash}`, SK: 'INVITATION' }),
  milestone: (contractId: string, seq: number) => ({
    PK: `MILESTONE#${contractId}`,
    SK: `SEQ#${String(seq).padStart(2, '0')}`,
  }),
  milestonePartition: (contractId: string) => `MILESTONE#${contractId}`,
  /** Payable milestones of a purchaser, oldest due first; the attributes go when it is paid or cancelled. */
  milestoneDueIndex: (purchaserId: string, dueBy: string, contractId: string, seq: number) => ({
    GSI1PK: `PAYABLE#${purchaserId}`,
    GSI1SK: `${dueBy}#${contractId}#${String(seq).padStart(2, '0')}`,
  }),
  payablePartition: (purchaserId: string) => `PAYABLE#${purchaserId}`,
  payment: (contractId: string, seq: number) => ({
    PK: `MILESTONE#${contractId}`,
    SK: `PAYMENT#${String(seq).padStart(2, '0')}`,
  }),
  /** Public disclosure (R-SUP-3): sort keys start with the UTC instant so `since` is a key range. */
  publicReleasePartition: () => 'PUBLIC#RELEASES',
  publicRelease: (utcDate: string, releaseId: string) => ({
    PK: 'PUBLIC#RELEASES',
    SK: `${utcDate}#${releaseId}`,
  }),
  ocidPartition: (ocid: string) => `OCID#${ocid}`,
  ocidRelease: (ocid: string, utcDate: string, releaseId: string) => ({
    PK: `OCID#${ocid}`,
    SK: `RELEASE#${utcDate}#${releaseId}`,
  }),
  announcementPartition: () => 'PUBLIC#ANNOUNCEMENTS',
  announcement: (utcDate: string, id: string) => ({ PK: 'PUBLIC#ANNOUNCEMENTS', SK: `${utcDate}#${id}` }),
  // The audit anchor's items (AUDITDAY#, AUDITHEADS# on GSI1, DIGEST#) are built in ./audit-heads.ts.
  auditPartition: (recordType: string, id: string) => `AUDIT#${recordType}#${id}`,
  auditEntry: (recordType: string, id: string, seq: number) => ({
    PK: `AUDIT#${recordType}#${id}`,
    SK: String(seq).padStart(10, '0'),
  }),
  idempotency: (scope: string, key: string) => ({ PK: `IDEMPOTENCY#${scope}#${key}`, SK: 'IDEMPOTENCY' }),
  /** A contractor's declared documents of one business day (shared/use-cases/document-quota.ts). */
  documentQuota: (contractorId: string, day: string) => ({ PK: `QUOTA#${contractorId}`, SK: `DOCS#${day}` }),
  /**
   * A caller's token bucket (shared/adapters/dynamodb/rate-buckets.ts, issue 11 §3). Prefix RATE#: every
   * rate-limited route updates it (UpdateItem), so its table rights must declare `update: ['RATE#']`.
   */
  rateBucket: (sub: string, bucket: string) => ({ PK: `RATE#${sub}`, SK: `BUCKET#${bucket}` }),
  healthProbe: () => ({ PK: 'HEALTH', SK: 'PROBE' }),
  workflowProbe: (id: string) => ({ PK: `WORKFLOWPROBE#${id}`, SK: 'PROBE' }),
  /** Embedded stack only: the workflow runner's executions (infra/local/sfn-store.ts). */
  workflowExecution: (workflow: string, name: string) => ({
    PK: `EXECUTION#${workflow}#${name}`,
    SK: 'EXECUTION',
  }),
  runningExecutionIndex: (workflow: string, startDate: string, name: string) => ({
    GSI1PK: `EXECUTIONS#RUNNING#${workflow}`,
    GSI1SK: `${startDate}#${name}`,
  }),
} as const;

export type ItemKey = { PK: string; SK: string };

export const KEY_ATTRIBUTES = [
  'PK',
  'SK',
  'GSI1PK',
  'GSI1SK',
  'recordType',
  'auditSeq',
  'auditHash',
  'expiresAt',
] as const;

/** The stored item without keys and bookkeeping: the domain value. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const value: Record<string, unknown> = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete value[attribute];
  return value as T;
}

/**
 * The one table's key design, read by the CDK stateful stack and by the embedded stack's table creation,
 * so the two can never disagree. Access patterns:
 *
 * | pattern                                   | key                                                     |
 * |-------------------------------------------|---------------------------------------------------------|
 * | contractor by id (one GetItem)            | PK=CONTRACTOR#<id>            SK=PROFILE                |
 * | contractor's documents, newest first      | PK=CONTRACTOR#<id>            SK begins_with DOC#       |
 * | credit code uniqueness (R-QUAL-3)         | PK=CREDITCODE#<code>          SK=CREDITCODE             |
 * | contractors in registration order         | GSI1PK=CONTRACTORS            GSI1SK=<createdAt>#<id>   |
 * | a contractor's delegations to portals      | PK=DELEGATION#<contractorId>  SK=PORTAL#<portal sub>    |
 * | document by S3 key (verifier)             | the key holds both ids: contractors/<id>/conditions/<n>/<docId> |
 * | catalog items and negative list           | PK=CATALOG                    SK=ITEM#<code> / NEG#<code> |
 * | purchasers (district, towns, villages)    | PK=PURCHASER#<id>             SK=PROFILE                |
 * | purchasers of the district                | GSI1PK=PURCHASERS             GSI1SK=<level>#<id>       |
 * | procurement rules of a purchaser          | PK=PURCHASER#<id>             SK=PROCUREMENT-RULES      |
 * | budget line by id (R-FUND-1)              | PK=BUDGET#<id>                SK=LINE                   |
 * | a line's commitments and payments         | PK=BUDGET#<id>                SK=MOVE#<COMMIT|PAY|RELEASE>#<causeType>#<causeId> (a termination's release: MOVE#RELEASE#termination#<contractId>) |
 * | a purchaser's budget lines, by year       | GSI1PK=BUDGETLINES#<purchaser> GSI1SK=<fiscalYear>#<createdAt>#<id> |
 * | project by id                             | PK=PROJECT#<id>               SK=PROJECT                |
 * | a purchaser's projects, by status         | GSI1PK=PROJECTS#<purchaser>   GSI1SK=<status>#<createdAt>#<id> |
 * | a project's bids (one per contractor)     | PK=PROJECT#<id>               SK begins_with BID#       |
 * | a bid's documents                         | PK=PROJECT#<id>               SK begins_with BIDDOC#<contractorId># |
 * | bid document by S3 key (verifier)         | PK=BIDOBJECT#<objectId>       SK=BIDOBJECT → the bid document; the key contractors/bids/<objectId> names no one (R-PROC-5) |
 * | score sheets of a round (R-PROC-3)        | PK=PROJECT#<id>               SK begins_with SCORES#<round, 3 digits># |
 * | challenges of a project (R-PROC-5)        | PK=PROJECT#<id>               SK begins_with CHALLENGE# |
 * | the callback a workflow is parked on      | PK=PROJECT#<id>               SK=CALLBACK               |
 * | an evaluator's assigned projects          | PK=EVALUATOR#<sub>            SK=PROJECT#<id>           |
 * | contract by id (R-CON-1)                  | PK=CONTRACT#<id>              SK=CONTRACT               |
 * | a contractor's contracts                  | GSI1PK=CONTRACTS#<contractorId> GSI1SK=<createdAt>#<id> |
 * | a contractor's roster (R-CON-3, R-STAFF-1) | PK=CONTRACTOR#<id>            SK=STAFF#<staffId>        |
 * | one active roster entry per person (marker) | PK=CONTRACTOR#<id>          SK=PERSON#<personHash>    |
 * | one person's dispatches, every contractor (R-CON-3) | PK=PERSON#<keyed hash of the resident ID> SK=DISPATCHES |
 * | a contract's dispatches                   | PK=DISPATCH#<contractId>      SK=DISPATCH#<dispatchId>  |
 * | staff dispatched to a purchaser's places (R-STAFF-2) | GSI1PK=DISPATCHED#<purchaserId> GSI1SK=<start>#<dispatchId> |
 * | a contract's delivery record by id (R-CON-4) | PK=DELIVERY#<contractId> SK=RECORD#dlv_<26 chars>     |
 * | a contract's delivery records, newest service first | GSI1PK=DELIVERIES#<contractId> GSI1SK=<start UTC>#<deliveryId> |
 * | a contract's recipients served (pseudonymous) | PK=DELIVERY#<contractId> SK=RECIPIENT#<keyed hash of the resident ID> |
 * | a contract's delivery counters (R-SUP-1)  | PK=DELIVERY#<contractId>      SK=PROGRESS               |
 * | a contract's payment milestones (R-ACC-3) | PK=MILESTONE#<contractId>     SK begins_with SEQ#<seq, 2 digits> |
 * | a milestone's payment, one (R-FUND-2)     | PK=MILESTONE#<contractId>     SK=PAYMENT#<seq, 2 digits> |
 * | a purchaser's payable and withheld milestones, oldest due first | GSI1PK=PAYABLE#<purchaserId> GSI1SK=<dueBy>#<contractId>#<seq> |
 * | public OCDS releases since a time (R-SUP-3) | PK=PUBLIC#RELEASES          SK=<UTC date-time>#<releaseId> |
 * | one process's releases → its record      | PK=OCID#<ocid>                SK=RELEASE#<UTC date-time>#<releaseId> |
 * | public announcements, newest first        | PK=PUBLIC#ANNOUNCEMENTS       SK=<UTC date-time>#<releaseId> |
 * | audit chain of a record (R-SUP-2)         | PK=AUDIT#<recordType>#<id>    SK=<seq, 10 digits>       |
 * | chain heads recorded on a day (digest)    | PK=AUDITDAY#<date>            SK=<recordType>#<id>      |
 * | days a record's head was recorded         | GSI1PK=AUDITHEADS#<recordType>#<id> GSI1SK=<date>       |
 * | the signed digest of a day (issue 11 §5)  | PK=DIGEST#<date>              SK=DIGEST  (audit-heads.ts) |
 * | idempotent creation                       | PK=IDEMPOTENCY#<principal>#<route>#<key>  SK=IDEMPOTENCY (TTL) |
 * | workflow probe record                     | PK=WORKFLOWPROBE#<id>         SK=PROBE                  |
 * | workflow execution (embedded stack only)  | PK=EXECUTION#<workflow>#<name> SK=EXECUTION             |
 * | running executions to resume (embedded)   | GSI1PK=EXECUTIONS#RUNNING#<workflow> GSI1SK=<startDate>#<name> |
 *
 * Budget arithmetic is enforced by DynamoDB at write time (R-FUND-2): a commitment is an Update with
 * `available >= :x` (conditions cannot add, so the line stores `available` = amount − committed and `unpaid`
 * = committed − paid beside the totals, and every Update moves them together). Each movement is also an
 * immutable item keyed by its cause (a contract, an acceptance), so one cause never commits twice.
 * A project's index entry carries its status, so "a purchaser's projects in one status" is a key prefix;
 * without a status the list is grouped by status, newest first within each.
 *
 * Public disclosure (R-SUP-3, R-PROC-5): each release is written twice in the transaction of the project change
 * that causes it (append-only, `attribute_not_exists`): once in the time-ordered feed, once under its ocid so a
 * record compiles from one small partition with a strongly consistent Query (a GSI would save a write but
 * answer eventually, and a harvester reading a record right after a release would miss it). Sort keys start
 * with the UTC instant (`toISOString()`), not the stored +08:00 form, so `since` in any offset is a key range.
 * Hot partitions: the feed and the announcements are one partition each, fine for a district's few releases
 * a day (a partition takes 1 000 writes/s and 3 000 reads/s; reads are cacheable, `cache-control: public`).
 * If a province ever shares the table, shard by time bucket (`PUBLIC#RELEASES#<yyyy-mm>`; a reader walks the
 * buckets in order and the cursor names its bucket) rather than by hash, which would make every page a
 * scatter-gather merge.
 *
 * Delegations (issue 12 §1): one item per contractor and portal, never deleted (a revocation is dated on it, a new
 * grant replaces it with If-Match, the audit chain `AUDIT#delegation#<contractorId>.<portal sub>` keeps every
 * version). The contractor's user and the bureau list the partition; a portal reads only its own item (GetItem),
 * so it never learns which other portals act for the contractor. Every request of a portal acting for a contractor
 * reads its item strongly consistently, so a revocation holds from the moment it lands. The lapse is `validUntil`,
 * not the table's TTL attribute `expiresAt`: an expired delegation stays, to be read and renewed.
 *
 * Acceptances (issue 13 §3, docs/acceptance.md): `ACCEPTANCE#<contractId>` holds each acceptance, its opinions
 * (`OPINION#<acceptanceId>#<round>#<invitationId>`), the panel's signatures (`SIGNATURE#<acceptanceId>#<round>#<sub>`), the
 * parked callback (`CALLBACK#<acceptanceId>`) and one marker per milestone naming its acceptance (`OPEN#m<seq>`, so
 * two openings of one milestone cannot both land). A recipient's invitation is `INVITATION#<sha256 of its token>`:
 * found by the token alone, never by a scan; it carries the table's TTL attribute `expiresAt` (epoch seconds, past
 * the last answer deadline the plan's rounds can reach, plus a year), so spent invitations go by themselves; whether
 * it may answer now is the acceptance's (collecting opinions, its round, before its `answerBy`), and `answeredRound`
 * keeps it to one answer per round.
 *
 * Workflow executions exist in the table only on the embedded stack (Step Functions keeps them on AWS):
 * the runner rewrites an execution's item after every top-level transition (current state, its input and,
 * while parked, its wait deadline or task token). A RUNNING item also carries the GSI1 entry
 * EXECUTIONS#RUNNING#<workflow>; a closed one drops it, so the index lists exactly what to resume on start.
 */
export const tableDesign = {
  partitionKey: 'PK',
  sortKey: 'SK',
  timeToLiveAttribute: 'expiresAt',
  globalIndexes: [{ indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' }],
} as const;

export type GlobalIndexName = (typeof tableDesign.globalIndexes)[number]['indexName'];

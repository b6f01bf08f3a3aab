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
 * | document by S3 key (verifier)             | the key holds both ids: contractors/<id>/conditions/<n>/<docId> |
 * | catalog items and negative list           | PK=CATALOG                    SK=ITEM#<code> / NEG#<code> |
 * | purchasers (district, towns, villages)    | PK=PURCHASER#<id>             SK=PROFILE                |
 * | purchasers of the district                | GSI1PK=PURCHASERS             GSI1SK=<level>#<id>       |
 * | audit chain of a record (R-SUP-2)         | PK=AUDIT#<recordType>#<id>    SK=<seq, 10 digits>       |
 * | idempotent creation                       | PK=IDEMPOTENCY#<principal>#<route>#<key>  SK=IDEMPOTENCY (TTL) |
 */
export const tableDesign = {
  partitionKey: 'PK',
  sortKey: 'SK',
  timeToLiveAttribute: 'expiresAt',
  globalIndexes: [{ indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' }],
} as const;

export type GlobalIndexName = (typeof tableDesign.globalIndexes)[number]['indexName'];

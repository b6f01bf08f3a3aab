/**
 * R-SUP-2 (issue 11 §5): audit entries, public disclosures and OCDS releases are written once and never changed.
 * The code writes them append-only (`attribute_not_exists(PK)`); these explicit Deny statements, which the house
 * function adds to every function's role, make it hold by construction: a bug in any of the functions, or a
 * function's credentials in the wrong hands, can no longer update, delete or expire such an item. An explicit
 * Deny wins over every Allow, whatever grants a role is given later (infra/constructs/bind.ts).
 *
 * What IAM cannot express: an overwriting PutItem. IAM sees the action, the partition key and the attribute names,
 * never whether the item exists or what the request's ConditionExpression says; PutItem on these prefixes must stay
 * allowed because that is how entries are appended. The overwrite guard remains the condition in
 * `auditItem` (shared/adapters/dynamodb/record-store.ts) and the releases' writers; the stream archive (see
 * docs/retention.md) is what would show an overwrite afterwards.
 */
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { keys } from '#shared/adapters/dynamodb/keys';
import { DIGEST_PREFIX } from '#shared/adapters/dynamodb/audit-keys';
import { tableDesign } from '#shared/adapters/dynamodb/table-design';

/** `AUDIT#<type>#<id>` → `AUDIT#`: the fixed head of a partition key, up to and including its first `#`. */
const headOf = (partition: string): string => {
  const end = partition.indexOf('#');
  if (end < 1) throw new Error(`partition ${partition} has no prefix`);
  return partition.slice(0, end + 1);
};

/**
 * The partition prefixes whose items are immutable, read from the key builders themselves (keys.ts) so a renamed
 * prefix moves the deny with it: the audit chains, the public feeds (releases, announcements), the OCDS records.
 */
export const IMMUTABLE_PARTITION_PREFIXES: readonly string[] = [
  ...new Set([
    headOf(keys.auditPartition('type', 'id')),
    headOf(keys.publicReleasePartition()),
    headOf(keys.announcementPartition()),
    headOf(keys.ocidPartition('ocid')),
    // The signed daily digests of chain heads (issue 11 §5).
    DIGEST_PREFIX,
  ]),
];

/** IAM `StringLike` patterns for those prefixes. */
export const IMMUTABLE_PARTITION_PATTERNS: readonly string[] = IMMUTABLE_PARTITION_PREFIXES.map(
  (prefix) => `${prefix}*`,
);

/**
 * Every way to change or remove an existing item: UpdateItem and DeleteItem (also as parts of TransactWriteItems,
 * which IAM authorizes item by item), BatchWriteItem (whose PutRequest overwrites unconditionally; no function
 * batch-writes these partitions), and PartiQL's UPDATE and DELETE.
 */
export const IMMUTABLE_DENIED_ACTIONS: readonly string[] = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];

export const NO_UPDATE_OR_DELETE_SID = 'ImmutableItemsNoUpdateOrDelete';
export const NO_TIME_TO_LIVE_SID = 'ImmutableItemsNoTimeToLive';

/**
 * The statements. Resource `*`: the deny holds for any table, so it needs no reference to the stateful stack and
 * no function can escape it through another table. `ForAnyValue`: one protected key in a request is enough.
 */
export function immutableItemsDenyStatements(): PolicyStatement[] {
  const onProtectedPartitions = {
    'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [...IMMUTABLE_PARTITION_PATTERNS] },
  };
  return [
    new PolicyStatement({
      sid: NO_UPDATE_OR_DELETE_SID,
      effect: Effect.DENY,
      actions: [...IMMUTABLE_DENIED_ACTIONS],
      resources: ['*'],
      conditions: onProtectedPartitions,
    }),
    // No TTL attribute ever on such an item: DynamoDB would delete it silently, with no caller to deny.
    // `dynamodb:Attributes` holds the attribute names of the written item.
    new PolicyStatement({
      sid: NO_TIME_TO_LIVE_SID,
      effect: Effect.DENY,
      actions: ['dynamodb:PutItem', 'dynamodb:PartiQLInsert'],
      resources: ['*'],
      conditions: {
        ...onProtectedPartitions,
        'ForAnyValue:StringEquals': { 'dynamodb:Attributes': [tableDesign.timeToLiveAttribute] },
      },
    }),
  ];
}

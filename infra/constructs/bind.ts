/**
 * Bind a function to the table or the document bucket in one call: the least-privilege grant and the
 * environment variable the handler reads (shared/config.ts) are set together and can never drift. The grant is
 * what its route, event handler or task declares (issue 11 §2, shared/http/route-def.ts), and nothing else.
 */
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { BucketRights, KeyPrefix, TableRights } from '#shared/http/route-def';
import { BUCKET_NAME_ENV, TABLE_NAME_ENV } from '#shared/config';
import { USER_POOL_ID_ENV } from '#shared/adapters/cognito/user-directory';
import { acknowledgeWildcardResource, referenceFrom } from '#infra/constructs/nag';

/** The one secondary index of the key design (shared/adapters/dynamodb/table-design.ts). */
export const INDEX_NAME = 'GSI1';

/**
 * How each declared right becomes IAM actions. No Scan anywhere (architecture.md): every read is a GetItem or a
 * Query, and nothing calls BatchGetItem or DescribeTable, so neither is granted. Writes are TransactWriteItems,
 * which IAM authorizes item by item as the PutItem, UpdateItem, DeleteItem or ConditionCheckItem of each
 * ("Using IAM with DynamoDB transactions", DynamoDB developer guide: permissions for Put, Update, Delete and Get
 * are those of the underlying PutItem, UpdateItem, DeleteItem and GetItem; ConditionCheck needs
 * dynamodb:ConditionCheckItem; https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html),
 * so each item's key meets the condition of its own action's statement.
 */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
  index: ['dynamodb:Query'],
  put: ['dynamodb:PutItem'],
  update: ['dynamodb:UpdateItem'],
  delete: ['dynamodb:DeleteItem'],
  check: ['dynamodb:ConditionCheckItem'],
} as const satisfies Record<Exclude<keyof TableRights, 'audit'>, readonly string[]>;

/**
 * A declared prefix as a `dynamodb:LeadingKeys` pattern: `PROJECT#` → `PROJECT#*`, an exact key as itself.
 *
 * `dynamodb:LeadingKeys` holds the partition key value(s) of the request ("Using IAM policy conditions for
 * fine-grained access control", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html).
 * `ForAllValues:StringLike`: every key of the request must match one of the patterns. Note that ForAllValues is
 * also true when the request carries no key at all (a Scan): no statement here grants Scan, so none can use that.
 * For a Query the key is the value of the key condition's partition key; on an index that is the index's partition
 * key (GSI1PK, e.g. `PROJECTS#<purchaser>`), which is why index rights are declared by the index's prefixes. The
 * developer guide's examples show table keys only, and we found no page that states the index case in so many words:
 * this reading is the one that makes `index/GSI1` statements meaningful, and the CDK test holds every Query grant on
 * the index to index prefixes only, so a wrong reading would refuse (not widen) index queries on AWS.
 */
export const leadingKeyPattern = (prefix: KeyPrefix): string =>
  prefix.endsWith('#') ? `${prefix}*` : prefix;

const onLeadingKeys = (prefixes: readonly KeyPrefix[]) => ({
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map(leadingKeyPattern) },
});

export interface TableBinding {
  table: ITable;
  rights: TableRights;
}

export interface BucketBinding {
  bucket: IBucket;
  rights: BucketRights;
}

/** One statement per declared right, each on its partitions only; nothing when nothing is declared. */
export function bindTable(fn: LambdaFunction, { table, rights }: TableBinding): void {
  const tableArn = referenceFrom(fn, table, table.tableArn);
  const indexArn = `${tableArn}/index/${INDEX_NAME}`;
  for (const [right, actions] of Object.entries(TABLE_ACTIONS) as [
    keyof typeof TABLE_ACTIONS,
    readonly string[],
  ][]) {
    const prefixes = rights[right];
    if (!prefixes?.length) continue;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: [...actions],
        resources: [right === 'index' ? indexArn : tableArn],
        conditions: onLeadingKeys(prefixes),
      }),
    );
  }
  fn.addEnvironment(TABLE_NAME_ENV, table.tableName);
}

/**
 * Reading an object is s3:GetObject, and s3:GetObjectVersion when the request names a version (the verifier reads
 * the version of its event; downloads are presigned with the verified VersionId, issue 11 §4). A presigned POST or
 * GET acts with this role's rights, so the upload routes need s3:PutObject on their prefix and nothing more.
 * s3:ListBucket (HeadBucket, and a 404 rather than a 403 for a missing key) only where declared.
 */
const OBJECT_ACTIONS = {
  get: ['s3:GetObject', 's3:GetObjectVersion'],
  put: ['s3:PutObject'],
  tag: ['s3:PutObjectTagging', 's3:PutObjectVersionTagging'],
} as const;

export function bindBucket(fn: LambdaFunction, { bucket, rights }: BucketBinding): void {
  const bucketArn = referenceFrom(fn, bucket, bucket.bucketArn);
  for (const [right, actions] of Object.entries(OBJECT_ACTIONS) as [
    keyof typeof OBJECT_ACTIONS,
    readonly string[],
  ][]) {
    const patterns = rights[right];
    if (!patterns?.length) continue;
    const resources = patterns.map((pattern) => `${bucketArn}/${pattern}`);
    fn.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources }));
    for (const resource of resources) {
      acknowledgeWildcardResource(
        fn.role ?? fn,
        resource,
        'Object keys are chosen per request under this one key pattern (routes.ts declares it) and presigned URLs act with this role; only the actions listed, no s3:*.',
      );
    }
  }
  if (rights.list)
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucketArn] }));
  fn.addEnvironment(BUCKET_NAME_ENV, bucket.bucketName);
}

/**
 * What creating a contractor's login needs of the user pool (issue 12 §1, docs/contractor-users.md), and nothing
 * more: no AdminGetUser, AdminDeleteUser, AdminUpdateUserAttributes or ListUsers, so the function can neither read
 * other users nor move one to another contractor or group.
 */
const USER_POOL_ACTIONS = ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup'] as const;

/** The two admin actions on the one pool, and USER_POOL_ID (shared/adapters/cognito/user-directory.ts) with them. */
export function bindUserPool(fn: LambdaFunction, userPool: IUserPool): void {
  const poolArn = referenceFrom(fn, userPool, userPool.userPoolArn);
  fn.addToRolePolicy(new PolicyStatement({ actions: [...USER_POOL_ACTIONS], resources: [poolArn] }));
  fn.addEnvironment(USER_POOL_ID_ENV, referenceFrom(fn, userPool, userPool.userPoolId));
}

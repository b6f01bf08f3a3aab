/**
 * Bind a function to the table or the document bucket in one call: the least-privilege grant and the
 * environment variable the handler reads (shared/config.ts) are set together and can never drift.
 */
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Access } from '#functions/routes';
import { BUCKET_NAME_ENV, TABLE_NAME_ENV } from '#shared/config';
import { acknowledgeWildcardResource, referenceFrom } from '#infra/constructs/nag';

/**
 * No Scan anywhere (architecture.md): every read is a GetItem or a Query. Writes are TransactWriteItems,
 * which IAM authorizes as the Put/Update/Delete/ConditionCheck of each item.
 */
const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:DescribeTable'];
const TABLE_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];

/**
 * Presigned GET runs as the function's role, so it needs s3:GetObject; presigned POST needs s3:PutObject.
 * s3:ListBucket lets a read of a missing key answer 404 rather than 403, and HeadBucket (health) work.
 */
const OBJECT_READ = ['s3:GetObject'];
const OBJECT_WRITE = ['s3:PutObject'];
const BUCKET_READ = ['s3:ListBucket'];

export interface TableBinding {
  table: ITable;
  access: Access;
}

export interface BucketBinding {
  bucket: IBucket;
  access: Access;
}

export function bindTable(fn: LambdaFunction, { table, access }: TableBinding): void {
  const tableArn = referenceFrom(fn, table, table.tableArn);
  const indexArns = `${tableArn}/index/*`;
  fn.addToRolePolicy(new PolicyStatement({ actions: TABLE_READ, resources: [tableArn, indexArns] }));
  if (access === 'readwrite') {
    fn.addToRolePolicy(new PolicyStatement({ actions: TABLE_WRITE, resources: [tableArn] }));
  }
  fn.addEnvironment(TABLE_NAME_ENV, table.tableName);
  acknowledgeWildcardResource(
    fn.role ?? fn,
    indexArns,
    'Query on the global secondary indexes of this one table only (GSI1 and any index added to its key design).',
  );
}

export function bindBucket(fn: LambdaFunction, { bucket, access }: BucketBinding): void {
  const bucketArn = referenceFrom(fn, bucket, bucket.bucketArn);
  const objectArns = `${bucketArn}/*`;
  const objectActions = access === 'readwrite' ? [...OBJECT_READ, ...OBJECT_WRITE] : OBJECT_READ;
  fn.addToRolePolicy(new PolicyStatement({ actions: objectActions, resources: [objectArns] }));
  fn.addToRolePolicy(new PolicyStatement({ actions: BUCKET_READ, resources: [bucketArn] }));
  fn.addEnvironment(BUCKET_NAME_ENV, bucket.bucketName);
  acknowledgeWildcardResource(
    fn.role ?? fn,
    objectArns,
    'Object keys are chosen per request (contractors/<id>/...) and presigned URLs act with this role, so the grant must cover the objects of this one bucket; the actions are only those listed, no s3:*.',
  );
}

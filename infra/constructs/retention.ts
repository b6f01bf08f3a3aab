/**
 * Issue 11 §6: procurement files are kept at least 15 years (政府采购法 第四十二条: 采购文件的保存期限为从采购结束之日起
 * 至少保存十五年). Every figure of the retention design is declared here, once; docs/retention.md says what is kept,
 * where and for how long, and what is not done yet.
 */
import { Duration, RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectLockRetention,
  ObjectOwnership,
  StorageClass,
  type IBucket,
  type LifecycleRule,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '#infra/constructs/nag';
import { DISCARD_TAG } from '#shared/adapters/s3/discard-tag';

export const RETENTION_YEARS = 15;

/**
 * 15 years in days with every leap day they can hold (15 × 365 + 4 = 5 479): "at least 15 years" never falls a
 * day short. S3 lifecycle and AWS Backup count in days only.
 */
export const PROCUREMENT_FILE_RETENTION = Duration.days(
  RETENTION_YEARS * 365 + Math.ceil(RETENTION_YEARS / 4),
);

/** AWS Backup keeps a recovery point in cold storage at least 90 days; a monthly backup is cold after that. */
export const BACKUP_COLD_AFTER = Duration.days(90);

/**
 * Vault Lock in compliance mode: after this grace period (AWS's minimum, 72 hours) nobody, the root user
 * included, can shorten the retention, remove the lock or delete a recovery point before its 15 years.
 */
export const VAULT_LOCK_GRACE = Duration.days(3);

/**
 * S3 Glacier Instant Retrieval: archive pricing, yet read by the same GetObject in milliseconds, so a presigned
 * download of any version keeps working. Deep Archive or Flexible Retrieval would need a restore first, and a
 * reviewer's pinned download would fail with InvalidObjectState.
 */
export const ARCHIVE_STORAGE_CLASS = StorageClass.GLACIER_INSTANT_RETRIEVAL;

/** A document is read while its procurement or qualification review is active; after that rarely. */
export const CURRENT_DOCUMENT_ARCHIVE_AFTER = Duration.days(180);
/** A replaced revision is read only when someone looks back. */
export const REPLACED_DOCUMENT_ARCHIVE_AFTER = Duration.days(30);

/** Set by the verifier on the versions it refused (shared/adapters/s3/discard-tag.ts); only they expire. */
export { DISCARD_TAG };

/**
 * How long a refused upload stays: beyond the windows in which its refusal can be contested (质疑 7 working days
 * after the award notice, 投诉 15 working days after the reply, 行政复议 60 days), so the bytes exist while anyone
 * can still ask about them. The record of the refusal (its reason and the object's hash) is kept with the record.
 */
export const DISCARDED_UPLOAD_EXPIRY = Duration.days(180);

export const DOCUMENT_RULE_IDS = {
  procurementFiles: 'ProcurementFiles15Years',
  discardedUploads: 'DiscardedUploadsExpire',
} as const;

/**
 * The document bucket's lifecycle. "Final" bid and evidence objects are every object in the bucket that the
 * verifier did not tag {@link DISCARD_TAG}: the bucket holds nothing else (evidence under `contractors/<id>/
 * conditions/`, bid documents under their own prefix), so the rules filter by tag, not by key prefix, and survive
 * any change of the key layout. Current versions never expire: S3 cannot know when a procurement ended, and its
 * 15 years run from then; deleting files past that is an appraisal decision (档案鉴定), not a timer.
 */
export function documentLifecycleRules(): LifecycleRule[] {
  return [
    {
      id: DOCUMENT_RULE_IDS.procurementFiles,
      abortIncompleteMultipartUploadAfter: Duration.days(7),
      transitions: [{ storageClass: ARCHIVE_STORAGE_CLASS, transitionAfter: CURRENT_DOCUMENT_ARCHIVE_AFTER }],
      noncurrentVersionTransitions: [
        { storageClass: ARCHIVE_STORAGE_CLASS, transitionAfter: REPLACED_DOCUMENT_ARCHIVE_AFTER },
      ],
      // Every replaced revision stays retrievable for 15 years after it was replaced.
      noncurrentVersionExpiration: PROCUREMENT_FILE_RETENTION,
    },
    {
      id: DOCUMENT_RULE_IDS.discardedUploads,
      tagFilters: { [DISCARD_TAG.key]: DISCARD_TAG.value },
      // A delete marker over the current version, then the version itself the day after it is noncurrent.
      expiration: DISCARDED_UPLOAD_EXPIRY,
      noncurrentVersionExpiration: Duration.days(1),
    },
  ];
}

/**
 * The bucket the audit archiver writes every audit entry to (issue 11 §5): S3 Object Lock in compliance mode, each
 * object version locked for 15 years from its creation, by default, whoever writes it. Compliance mode cannot be
 * lifted, not even by the root user, so a copy of the chain exists that no insider can rewrite.
 */
export function auditArchiveBucket(scope: Construct, id: string, accessLogs: IBucket): Bucket {
  return new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    encryption: BucketEncryption.S3_MANAGED,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    objectLockEnabled: true,
    objectLockDefaultRetention: ObjectLockRetention.compliance(PROCUREMENT_FILE_RETENTION),
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: 'audit-archive/',
    lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

export const BACKUP_RULE_NAME = 'Monthly15Years';

/**
 * AWS Backup of the table: a monthly recovery point kept 15 years in a vault under compliance-mode Vault Lock.
 * Point-in-time recovery (35 days) covers every second of the recent past; the monthly points cover the rest:
 * audit entries and releases are append-only, so each month's point holds every entry written before it.
 */
export class TableBackup extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: { table: ITable }) {
    super(scope, id);
    const { table } = props;
    this.vault = new BackupVault(this, 'Vault', {
      // The vault's access policy denies deleting a recovery point or shortening its lifecycle to everyone,
      // from the first deploy, before the lock's grace period ends.
      blockRecoveryPointDeletion: true,
      lockConfiguration: { minRetention: PROCUREMENT_FILE_RETENTION, changeableFor: VAULT_LOCK_GRACE },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.plan = new BackupPlan(this, 'Plan', { backupVault: this.vault });
    this.plan.addRule(
      new BackupPlanRule({
        ruleName: BACKUP_RULE_NAME,
        // 02:00 on the 1st, Beijing time: after the month's last working day, before the next one starts.
        scheduleExpression: Schedule.cron({ day: '1', hour: '2', minute: '0' }),
        scheduleExpressionTimezone: TimeZone.ASIA_SHANGHAI,
        startWindow: Duration.hours(2),
        completionWindow: Duration.days(1),
        deleteAfter: PROCUREMENT_FILE_RETENTION,
        // DynamoDB recovery points move to cold storage only with AWS Backup's advanced DynamoDB features (on by
        // default for accounts that started with AWS Backup after November 2021); without them AWS Backup ignores
        // this setting (docs/retention.md).
        moveToColdStorageAfter: BACKUP_COLD_AFTER,
      }),
    );
    this.role = this.backupRole(table);
    this.plan.addSelection('Table', {
      resources: [BackupResource.fromDynamoDbTable(table)],
      role: this.role,
      // Not AWSBackupServiceRolePolicyForBackup (a managed policy over every resource of every service).
      disableDefaultBackupPolicy: true,
    });
  }

  /** What AWS Backup needs to back up this one table, and nothing else. */
  private backupRole(table: ITable): Role {
    const stack = Stack.of(this);
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('backup.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: `AWS Backup of the ${table.node.id} table only`,
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: [
          'dynamodb:DescribeTable',
          'dynamodb:ListTagsOfResource',
          // Advanced DynamoDB backup features: the recovery point lives in the vault, under its lock.
          'dynamodb:StartAwsBackupJob',
          // Without them, DynamoDB's own on-demand backup, which AWS Backup then manages.
          'dynamodb:CreateBackup',
        ],
        resources: [table.tableArn],
      }),
    );
    const backups = `${table.tableArn}/backup/*`;
    role.addToPolicy(
      new PolicyStatement({
        actions: ['dynamodb:DescribeBackup', 'dynamodb:DeleteBackup'],
        resources: [backups],
      }),
    );
    acknowledgeWildcardResource(
      role,
      backups,
      'DynamoDB names on-demand backups of this one table table/<name>/backup/<id> with an id chosen at backup time; AWS Backup describes them and deletes them when their 15 years are over.',
    );
    return role;
  }
}

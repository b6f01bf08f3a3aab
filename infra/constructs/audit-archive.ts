/**
 * Issue 11 §5 (R-SUP-2): an audit trail an insider cannot rewrite unnoticed. Lives in the stateful stack beside
 * the table, its stream, the Object Lock archive bucket and the digest key, so nothing here references a later
 * stack; the Operations stack alarms it (`addAlarms`), the Platform stack's audit route reads the key's public half
 * (`allowVerify`, wired in infra/stacks/assistance.ts).
 *
 * - **The archiver**: a house function fed by the table's stream (NEW_AND_OLD_IMAGES) through an event source
 *   mapping filtered to `AUDIT#` items and to changes or removals of `PUBLIC#`/`OCID#` items; it writes each audit
 *   entry to the archive (compliance mode, 15 years: retention.ts) and each forbidden change under `tamper/`.
 *   Partial batch responses, halving on error, 10 retries, then the batch's description to an SQS queue; alarms on
 *   that queue, on the iterator age (records leave the stream after 24 hours) and on any tamper record.
 * - **The digest**: a house function run by EventBridge Scheduler every day at 00:30 Asia/Shanghai, which signs the
 *   previous day's chain heads with an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY). The key's policy denies
 *   kms:Sign to every principal but that function's role, whatever IAM grants (an explicit Deny wins); the audit
 *   route may read the public key only.
 */
import { Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Metric,
  TreatMissingData,
  type IAlarmAction,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ARCHIVED_STREAM_CHANGES, auditArchiveFunctions } from '#functions/audit-archive/functions';
import { AUDIT_DAY_PREFIX, DIGEST_PREFIX } from '#shared/adapters/dynamodb/audit-keys';
import { AUDIT_DIGEST_KEY_ENV } from '#shared/adapters/kms/signer';
import { AUDIT_ARCHIVE_BUCKET_ENV } from '#shared/adapters/s3/audit-archive';
import { alarmOnDeadLetters } from '#infra/constructs/alarms';
import { bindTable } from '#infra/constructs/bind';
import { HouseFunction } from '#infra/constructs/house-function';
import { acknowledgeWildcardResource, referenceFrom } from '#infra/constructs/nag';

const { auditArchiver, auditDigest } = auditArchiveFunctions;

/** 00:30 in Shanghai: the day is over, and the archiver has had half an hour to see its last entries. */
export const DIGEST_SCHEDULE = { minute: '30', hour: '0' } as const;
export const DIGEST_TIME_ZONE = TimeZone.ASIA_SHANGHAI;

/** Stream records are kept 24 hours: an archiver this far behind is losing time to catch up. */
export const ITERATOR_AGE_ALARM = Duration.hours(1);
export const ARCHIVER_RETRIES = 10;

/** The archiver's log line for a forbidden change (functions/audit-archive/archive-audit-entries.ts), counted. */
export const TAMPER_METRIC = { namespace: 'Assistance/Audit', metricName: 'ImmutableItemChanged' } as const;

/** The archiver's Lambda filter patterns, from the one declaration the local poller applies too. */
export const ARCHIVER_FILTERS = ARCHIVED_STREAM_CHANGES.map(({ partitionPrefixes, events }) => ({
  ...(events ? { eventName: FilterRule.or(...events) } : {}),
  dynamodb: { Keys: { PK: { S: partitionPrefixes.map((prefix) => ({ prefix })) } } },
}));

export interface AuditArchiveProps {
  readonly table: ITable;
  /** The Object Lock bucket (retention.ts auditArchiveBucket). */
  readonly bucket: IBucket;
}

export class AuditArchive extends Construct {
  readonly archiver: HouseFunction;
  readonly digest: HouseFunction;
  readonly digestKey: Key;
  /** Stream batches the archiver gave up on (their shard, sequence range and error). */
  readonly archiverFailures: Queue;
  /** Scheduler invocations of the digest function that failed all their retries. */
  readonly digestFailures: Queue;
  readonly schedule: Schedule;
  readonly tamperMetric: Metric;

  constructor(scope: Construct, id: string, props: AuditArchiveProps) {
    super(scope, id);
    const { table, bucket } = props;
    if (!table.tableStreamArn) throw new Error('AuditArchive: the table needs a stream (NEW_AND_OLD_IMAGES)');

    this.archiverFailures = this.deadLetters('ArchiverFailures', 'the audit archiver’s stream batches');
    this.digestFailures = this.deadLetters('DigestFailures', 'the scheduled digest invocations');

    // The archiver: the stream in, the archive and the day's heads out.
    this.archiver = new HouseFunction(this, 'Archiver', {
      module: auditArchiver.handler,
      description: auditArchiver.summary,
      environment: { [AUDIT_ARCHIVE_BUCKET_ENV]: bucket.bucketName },
    });
    bindTable(this.archiver, { table, rights: { update: [AUDIT_DAY_PREFIX] } });
    this.allowArchiveWrites(this.archiver, bucket, ['audit/*', 'tamper/*']);
    this.archiver.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        // 25 records, two writes each, well inside the house function's 10 s.
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        retryAttempts: ARCHIVER_RETRIES,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.archiverFailures),
        filters: ARCHIVER_FILTERS.map((pattern) => FilterCriteria.filter(pattern)),
      }),
    );
    // dynamodb:ListStreams, which the mapping grants, supports no resource-level permission (Resource "*", as
    // X-Ray's actions: the house function acknowledges AwsSolutions-IAM5[Resource::*] for its role already).
    const tamperLog = this.archiver.logGroup;
    this.tamperMetric = new Metric({
      ...TAMPER_METRIC,
      statistic: 'Sum',
      period: Duration.minutes(5),
    });
    new MetricFilter(this, 'TamperFilter', {
      logGroup: tamperLog,
      filterPattern: FilterPattern.booleanValue('$.tamper', true),
      metricNamespace: TAMPER_METRIC.namespace,
      metricName: TAMPER_METRIC.metricName,
      metricValue: '1',
    });

    // The digest key: signs nothing but the digest function's requests.
    this.digest = new HouseFunction(this, 'Digest', {
      module: auditDigest.handler,
      description: auditDigest.summary,
      environment: { [AUDIT_ARCHIVE_BUCKET_ENV]: bucket.bucketName },
    });
    this.digestKey = new Key(this, 'DigestKey', {
      description:
        'Signs the daily digest of audit chain heads (issue 11 §5); kms:Sign for the digest function only',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      // A digest signed years ago must still verify: the key outlives any stack change.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const digestRole = this.digest.role;
    if (!digestRole) throw new Error('AuditArchive: the digest function has no role');
    this.digestKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'SignOnlyTheDigestFunction',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:Sign'],
        resources: ['*'],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': digestRole.roleArn } },
      }),
    );
    this.digest.addToRolePolicy(
      new PolicyStatement({ actions: ['kms:Sign', 'kms:GetPublicKey'], resources: [this.digestKey.keyArn] }),
    );
    this.digest.addEnvironment(AUDIT_DIGEST_KEY_ENV, this.digestKey.keyArn);
    bindTable(this.digest, {
      table,
      rights: { read: [AUDIT_DAY_PREFIX, DIGEST_PREFIX], put: [DIGEST_PREFIX] },
    });
    this.allowArchiveWrites(this.digest, bucket, ['digests/*']);

    // The scheduler's own role, trusted from this account only, invoking this one function.
    const scheduleRole = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invokes the audit digest function only',
    });
    acknowledgeWildcardResource(
      scheduleRole,
      `${this.digest.functionArn}:*`,
      'lambda:InvokeFunction on the digest function and its versions or aliases (the scheduler target grants both forms); no other function.',
    );
    this.schedule = new Schedule(this, 'DailyDigest', {
      description: 'Signs the previous day’s audit chain heads, 00:30 Asia/Shanghai (issue 11 §5)',
      schedule: ScheduleExpression.cron({ ...DIGEST_SCHEDULE, timeZone: DIGEST_TIME_ZONE }),
      target: new LambdaInvoke(this.digest, {
        role: scheduleRole,
        input: ScheduleTargetInput.fromObject({}),
        deadLetterQueue: this.digestFailures,
        retryAttempts: 10,
        maxEventAge: Duration.hours(12),
      }),
    });
  }

  /** The audit route checks digests with the key's public half: kms:GetPublicKey, never kms:Sign. */
  allowVerify(fn: IFunction & { addEnvironment(key: string, value: string): unknown }): void {
    const keyArn = referenceFrom(fn, this.digestKey, this.digestKey.keyArn);
    fn.addToRolePolicy(new PolicyStatement({ actions: ['kms:GetPublicKey'], resources: [keyArn] }));
    fn.addEnvironment(AUDIT_DIGEST_KEY_ENV, keyArn);
  }

  /** Dead letters, the iterator age, forbidden changes: each notifies the operations topic. */
  addAlarms(scope: Construct, topic: ITopic): Alarm[] {
    const action: IAlarmAction = new SnsAction(topic);
    const alarm = (name: string, props: ConstructorParameters<typeof Alarm>[2]) => {
      const created = new Alarm(scope, name, props);
      created.addAlarmAction(action);
      created.addOkAction(action);
      return created;
    };
    return [
      alarmOnDeadLetters(scope, 'AuditArchiverFailures', this.archiverFailures, topic),
      alarmOnDeadLetters(scope, 'AuditDigestFailures', this.digestFailures, topic),
      alarm('AuditArchiverIteratorAge', {
        metric: this.archiver.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
        threshold: ITERATOR_AGE_ALARM.toMilliseconds(),
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription:
          'Audit archiver: the oldest stream record waits over an hour; records leave the stream after 24 hours (issue 11 §5).',
      }),
      alarm('AuditImmutableItemChanged', {
        metric: this.tamperMetric,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription:
          'An audit, public or OCDS item was changed or removed; both images are in the audit archive under tamper/ (R-SUP-2).',
      }),
    ];
  }

  private deadLetters(id: string, what: string): Queue {
    const queue = new Queue(this, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is the dead-letter queue of ${what}; a DLQ of a DLQ would add nothing.`,
    });
    return queue;
  }

  /** s3:PutObject on the given key patterns of the archive only: the archive is written, never read or deleted. */
  private allowArchiveWrites(fn: HouseFunction, bucket: IBucket, patterns: readonly string[]): void {
    const resources = patterns.map((pattern) => `${bucket.bucketArn}/${pattern}`);
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources }));
    for (const resource of resources) {
      acknowledgeWildcardResource(
        fn.role ?? fn,
        resource,
        'One object per audit entry, tamper record or digest, keyed by record and sequence or date, under this one prefix of the Object Lock archive; PutObject only.',
      );
    }
  }
}

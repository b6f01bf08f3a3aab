/**
 * Issue 11 §5 (R-SUP-2): the stream archiver's event source mapping, the daily digest's schedule and the digest
 * key's policy (only the digest function signs; the audit route reads the public key), as synthesized.
 */
import type { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ARCHIVER_RETRIES, ITERATOR_AGE_ALARM } from '#infra/constructs/audit-archive';
import { buildDeployment, logicalId } from './deployment';

const { stateful, operations, all, templateOf, functionOf } = buildDeployment();
const template = templateOf(stateful);
const { archiver, digest, digestKey, archiverFailures, digestFailures } = stateful.auditTrail;

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const grants = (pattern: string, action: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action);

/** Every identity-policy statement of every stack, with the role it is attached to. */
function identityStatements(): { stack: Stack; roles: unknown[]; statement: Statement }[] {
  return all.flatMap((stack) =>
    Object.values(templateOf(stack).findResources('AWS::IAM::Policy')).flatMap((policy) => {
      const { PolicyDocument, Roles } = (
        policy as { Properties: { PolicyDocument: { Statement: Statement[] }; Roles: unknown[] } }
      ).Properties;
      return PolicyDocument.Statement.map((statement) => ({ stack, roles: Roles, statement }));
    }),
  );
}

const mentionsKey = (resource: unknown) => JSON.stringify(resource ?? '').includes(logicalId(digestKey));

describe('the audit archiver’s feed (issue 11 §5)', () => {
  it('reads the table’s stream from its start, filtered to audit items and changes of public and OCDS items', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(archiver) },
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stateful.table), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 25,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: ARCHIVER_RETRIES,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(archiverFailures), 'Arn'] } },
      },
      FilterCriteria: {
        Filters: [
          { Pattern: JSON.stringify({ dynamodb: { Keys: { PK: { S: [{ prefix: 'AUDIT#' }] } } } }) },
          {
            Pattern: JSON.stringify({
              eventName: ['MODIFY', 'REMOVE'],
              dynamodb: {
                Keys: { PK: { S: [{ prefix: 'PUBLIC#' }, { prefix: 'OCID#' }, { prefix: 'DIGEST#' }] } },
              },
            }),
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('writes to the archive only (PutObject under audit/ and tamper/) and updates only the day’s heads', () => {
    const own = identityStatements().filter(({ roles }) =>
      JSON.stringify(roles).includes(logicalId(archiver.role as never)),
    );
    const s3 = own.filter(({ statement }) => actionsOf(statement).some((a) => a.startsWith('s3:')));
    expect(s3.map(({ statement }) => actionsOf(statement))).toEqual([['s3:PutObject']]);
    expect(JSON.stringify(s3[0]?.statement.Resource)).toMatch(/audit\/\*.*tamper\/\*/);
    expect(JSON.stringify(s3[0]?.statement.Resource)).toContain(logicalId(stateful.auditArchive));
    const table = own.filter(
      ({ statement }) =>
        statement.Effect === 'Allow' &&
        actionsOf(statement).some((a) =>
          ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem'].includes(a),
        ),
    );
    expect(table.map(({ statement }) => [actionsOf(statement), statement.Condition])).toEqual([
      [['dynamodb:UpdateItem'], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUDITDAY#*'] } }],
    ]);
  });

  it('alarms on its dead letters, its iterator age and any changed immutable item, on the operations topic', () => {
    const alarms = templateOf(operations);
    alarms.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Namespace: 'AWS/Lambda',
      Statistic: 'Maximum',
      Threshold: ITERATOR_AGE_ALARM.toMilliseconds(),
      AlarmActions: [Match.anyValue()],
    });
    alarms.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ImmutableItemChanged',
      Namespace: 'Assistance/Audit',
      Threshold: 1,
    });
    const queueAlarms = Object.values(
      alarms.findResources('AWS::CloudWatch::Alarm', {
        Properties: { MetricName: 'ApproximateNumberOfMessagesVisible' },
      }),
    ).map((alarm) => JSON.stringify(alarm));
    for (const queue of [archiverFailures, digestFailures]) {
      expect(queueAlarms.some((alarm) => alarm.includes(logicalId(queue)))).toBe(true);
    }
    // Errors and throttles of both functions, as for every function of an earlier stack.
    expect(Object.keys(operations.alarmedFunctions)).toEqual(expect.arrayContaining(['Archiver', 'Digest']));
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.tamper IS TRUE }',
      MetricTransformations: [
        Match.objectLike({ MetricNamespace: 'Assistance/Audit', MetricName: 'ImmutableItemChanged' }),
      ],
    });
  });
});

describe('the daily signed digest (issue 11 §5)', () => {
  it('runs every day at 00:30 Asia/Shanghai, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 0 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [logicalId(digest), 'Arn'] },
        Input: '{}',
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(digestFailures), 'Arn'] } },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 10 }),
      }),
    });
  });

  it('signs with an asymmetric P-256 key that is kept when the stack goes', () => {
    template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }),
      DeletionPolicy: 'Retain',
    });
  });

  it('lets only the digest function sign: the key policy denies kms:Sign to every other principal', () => {
    const key = template.findResources('AWS::KMS::Key')[logicalId(digestKey)] as {
      Properties: { KeyPolicy: { Statement: Statement[] } };
    };
    const deny = key.Properties.KeyPolicy.Statement.find((s) => s.Sid === 'SignOnlyTheDigestFunction');
    expect(deny).toEqual({
      Sid: 'SignOnlyTheDigestFunction',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:Sign',
      Resource: '*',
      Condition: {
        ArnNotEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [logicalId(digest.role as never), 'Arn'] } },
      },
    });
  });

  it('grants kms:Sign on the key to the digest function’s role and to no other role of any stack', () => {
    const signers = identityStatements().filter(
      ({ statement }) =>
        statement.Effect === 'Allow' &&
        actionsOf(statement).some((action) => grants(action, 'kms:Sign')) &&
        (mentionsKey(statement.Resource) || statement.Resource === '*'),
    );
    expect(signers.map(({ roles }) => roles)).toEqual([[{ Ref: logicalId(digest.role as never) }]]);
  });

  it('lets the audit route read the public key, and nothing else of the key', () => {
    const { stack, fn } = functionOf('getAuditTrail');
    const own = identityStatements().filter(
      ({ stack: s, roles, statement }) =>
        s === stack &&
        JSON.stringify(roles).includes(stack.getLogicalId(fn.role?.node.defaultChild as never)) &&
        actionsOf(statement).some((a) => a.startsWith('kms:')),
    );
    expect(own.map(({ statement }) => actionsOf(statement))).toEqual([['kms:GetPublicKey']]);
    templateOf(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ AUDIT_DIGEST_KEY_ID: Match.anyValue() }) },
      Description: Match.stringLikeRegexp('audit'),
    });
  });

  it('lets the digest function read the day’s heads and digests, put digests, and write digests/ in the archive', () => {
    const own = identityStatements().filter(
      ({ roles, statement }) =>
        JSON.stringify(roles).includes(logicalId(digest.role as never)) &&
        statement.Effect === 'Allow' &&
        actionsOf(statement).some((a) => a.startsWith('dynamodb:') || a.startsWith('s3:')),
    );
    expect(
      own.map(({ statement }) => [
        actionsOf(statement),
        statement.Condition ?? JSON.stringify(statement.Resource),
      ]),
    ).toEqual([
      [
        ['dynamodb:GetItem', 'dynamodb:Query'],
        { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUDITDAY#*', 'DIGEST#*'] } },
      ],
      [['dynamodb:PutItem'], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['DIGEST#*'] } }],
      [['s3:PutObject'], expect.stringContaining('digests/*')],
    ]);
  });
});

/**
 * Issue 11 §6 (procurement files kept at least 15 years, 政府采购法 第四十二条) and §5 (R-SUP-2: an audit trail an
 * insider cannot rewrite), as synthesized: the table's backup plan and locked vault, the document bucket's
 * lifecycle, the locked audit archive and its stream, and the deny on immutable items in every function's role.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import { auditKeys } from '#shared/adapters/dynamodb/audit-keys';
import { tableDesign } from '#shared/adapters/dynamodb/table-design';
import { bidDocumentObjectKey } from '#shared/domain/bid';
import { documentObjectKey } from '#shared/domain/contractor';
import {
  IMMUTABLE_DENIED_ACTIONS,
  IMMUTABLE_PARTITION_PATTERNS,
  NO_TIME_TO_LIVE_SID,
  NO_UPDATE_OR_DELETE_SID,
} from '#infra/constructs/immutable-items';
import { BACKUP_RULE_NAME, DISCARD_TAG, DOCUMENT_RULE_IDS } from '#infra/constructs/retention';
import { BACKUP_JOB_FAILURE_METRICS } from '#infra/constructs/backup-alarms';
import { buildDeployment, logicalId } from './deployment';

// One synthesis for the file: every template below comes from the same assembly.
const { stateful, operations, all, templateOf } = buildDeployment();
const template = templateOf(stateful);

/** 15 calendar years can hold 4 leap days: 15 × 365 + 4 = 5 479 days, never less than 15 years. */
const FIFTEEN_YEARS_IN_DAYS = 15 * 365 + 4;
const ref = (id: string) => ({ Ref: id });
const getAtt = (id: string, attribute: string) => ({ 'Fn::GetAtt': [id, attribute] });

/** A synthesized resource as the assertions library gives it (loosely typed JSON). */
type Resource = ReturnType<Template['findResources']>[string];
const only = (t: Template, type: string): [string, Resource] => {
  const found = Object.entries(t.findResources(type)) as [string, Resource][];
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
};

describe('table backup (AWS Backup, issue 11 §6)', () => {
  // Looked up in each test, so each fails on its own when the resource is missing.
  const vault = () => only(template, 'AWS::Backup::BackupVault')[1];
  const tableArn = getAtt(logicalId(stateful.table), 'Arn');

  it('keeps recovery points in a vault under compliance-mode Vault Lock with a 15-year minimum', () => {
    expect(vault().DeletionPolicy).toBe('Retain');
    // ChangeableForDays set = compliance mode: after 3 days the lock can be neither changed nor removed.
    expect(vault().Properties.LockConfiguration).toEqual({
      MinRetentionDays: FIFTEEN_YEARS_IN_DAYS,
      ChangeableForDays: 3,
    });
  });

  it('denies deleting a recovery point or shortening its lifecycle to everyone, before the lock holds', () => {
    expect(vault().Properties.AccessPolicy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: expect.arrayContaining([
            'backup:DeleteRecoveryPoint',
            'backup:UpdateRecoveryPointLifecycle',
          ]),
        }),
      ]),
    );
  });

  it('backs the table up monthly into that vault, kept 15 years, cold after 90 days', () => {
    const [vaultId] = only(template, 'AWS::Backup::BackupVault');
    const [, plan] = only(template, 'AWS::Backup::BackupPlan');
    expect(plan.Properties.BackupPlan.BackupPlanRule).toEqual([
      expect.objectContaining({
        RuleName: BACKUP_RULE_NAME,
        TargetBackupVault: getAtt(vaultId, 'BackupVaultName'),
        ScheduleExpression: 'cron(0 2 1 * ? *)',
        ScheduleExpressionTimezone: 'Asia/Shanghai',
        Lifecycle: { DeleteAfterDays: FIFTEEN_YEARS_IN_DAYS, MoveToColdStorageAfterDays: 90 },
      }),
    ]);
  });

  it('selects the table, with a role of its own that holds no managed policy', () => {
    const [planId] = only(template, 'AWS::Backup::BackupPlan');
    const [, selection] = only(template, 'AWS::Backup::BackupSelection');
    expect(selection.Properties.BackupPlanId).toEqual(getAtt(planId, 'BackupPlanId'));
    expect(selection.Properties.BackupSelection.Resources).toEqual([tableArn]);
    const roleId = logicalId(stateful.backup.role);
    expect(selection.Properties.BackupSelection.IamRoleArn).toEqual(getAtt(roleId, 'Arn'));
    const role = template.findResources('AWS::IAM::Role')[roleId] as Resource;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'backup.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    ]);
  });

  it('alarms the operations topic on any failed, aborted or expired job of that vault', () => {
    const [vaultId] = only(template, 'AWS::Backup::BackupVault');
    // The vault's name as the operations stack imports it from the stateful stack.
    const exports = Object.values(template.findOutputs('*')).filter(
      (output) =>
        output.Export && JSON.stringify(output.Value) === JSON.stringify(getAtt(vaultId, 'BackupVaultName')),
    ) as { Export: { Name: string } }[];
    expect(exports).toHaveLength(1);
    const vaultName = { 'Fn::ImportValue': exports[0]?.Export.Name };
    const topic = { Ref: logicalId(operations.alarmTopic) };
    const alarms = Object.values(templateOf(operations).findResources('AWS::CloudWatch::Alarm')).filter(
      (alarm) => JSON.stringify(alarm.Properties.Metrics ?? []).includes('AWS/Backup'),
    );
    expect(alarms).toHaveLength(1);
    const [alarm] = alarms as [Resource];
    expect(alarm.Properties).toMatchObject({
      AlarmActions: [topic],
      OKActions: [topic],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    const watched = (
      alarm.Properties.Metrics as { MetricStat?: { Metric: Record<string, unknown> } }[]
    ).flatMap((query) => (query.MetricStat ? [query.MetricStat.Metric] : []));
    expect(watched).toEqual(
      BACKUP_JOB_FAILURE_METRICS.map((metricName) => ({
        Namespace: 'AWS/Backup',
        MetricName: metricName,
        Dimensions: [{ Name: 'BackupVaultName', Value: vaultName }],
      })),
    );
  });

  it('grants that role DynamoDB backup actions on this table and its backups only', () => {
    const roleId = logicalId(stateful.backup.role);
    const statements = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [ref(roleId)] } }),
    ).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[],
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const action of [statement.Action].flat()) expect(String(action)).toMatch(/^dynamodb:[A-Za-z]+$/);
      const resources = [statement.Resource].flat();
      for (const resource of resources) {
        expect([tableArn, { 'Fn::Join': ['', [tableArn, '/backup/*']] }]).toContainEqual(resource);
      }
    }
  });
});

describe('document bucket lifecycle (issue 11 §6)', () => {
  const documentsId = logicalId(stateful.bucket);
  const documents = template.findResources('AWS::S3::Bucket')[documentsId] as Resource;
  type Rule = Resource;
  const rules = documents.Properties.LifecycleConfiguration.Rules as Rule[];
  const rule = (id: string) => rules.find((candidate) => candidate.Id === id);

  it('keeps every replaced revision 15 years (not 365 days) and moves it to archive storage', () => {
    expect(rule(DOCUMENT_RULE_IDS.procurementFiles)).toEqual({
      Id: DOCUMENT_RULE_IDS.procurementFiles,
      Status: 'Enabled',
      NoncurrentVersionExpiration: { NoncurrentDays: FIFTEEN_YEARS_IN_DAYS },
      NoncurrentVersionTransitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 30 }],
      Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 180 }],
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
    });
  });

  it('covers every evidence and bid document key, and expires nothing final', () => {
    // "Final" = every object the verifier did not tag as discarded; the rule has no prefix, so any key layout.
    // Called with ids for either signature of the bid key builder (ids in the key, or one opaque id).
    const bidKey = (bidDocumentObjectKey as (...ids: string[]) => string)(
      '0123456789abcdef0123456789abcdef',
      'p1',
      'd2',
    );
    const keysOfDocuments = [documentObjectKey('c1', 3, 'd1'), bidKey];
    const untagged = rules.filter((candidate) => !candidate.TagFilters);
    for (const key of keysOfDocuments) {
      const applying = untagged.filter((candidate) => key.startsWith(candidate.Prefix ?? ''));
      expect(applying.map((candidate) => candidate.Id)).toContain(DOCUMENT_RULE_IDS.procurementFiles);
      for (const candidate of applying) {
        expect(candidate.ExpirationInDays).toBeUndefined();
        expect(candidate.ExpirationDate).toBeUndefined();
        expect(candidate.NoncurrentVersionExpiration?.NoncurrentDays ?? Infinity).toBeGreaterThanOrEqual(
          FIFTEEN_YEARS_IN_DAYS,
        );
      }
    }
  });

  it('expires uploads the verifier tagged as discarded, and only those', () => {
    expect(rule(DOCUMENT_RULE_IDS.discardedUploads)).toEqual({
      Id: DOCUMENT_RULE_IDS.discardedUploads,
      Status: 'Enabled',
      TagFilters: [{ Key: DISCARD_TAG.key, Value: DISCARD_TAG.value }],
      ExpirationInDays: 180,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
    });
    expect(rules).toHaveLength(2);
  });
});

describe('audit archive and stream (issue 11 §5)', () => {
  const archiveId = () => logicalId(stateful.auditArchive);
  const archive = () => template.findResources('AWS::S3::Bucket')[archiveId()] as Resource;

  it('is a versioned, retained bucket whose every object version is locked 15 years in compliance mode', () => {
    expect(archive().DeletionPolicy).toBe('Retain');
    expect(archive().Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: FIFTEEN_YEARS_IN_DAYS } },
      },
    });
  });

  it('is private, TLS-only and access-logged to the log bucket', () => {
    expect(archive().Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(archive().Properties.LoggingConfiguration.LogFilePrefix).toBe('audit-archive/');
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: ref(archiveId()),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('gets every table change with the item before and after it through a stream', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });
});

describe('immutable items in every function role (R-SUP-2)', () => {
  type Statement = {
    Sid?: string;
    Effect: string;
    Action: string | string[];
    Resource: unknown;
    Condition?: unknown;
  };
  const glob = (pattern: string) =>
    new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  const protectedKey = (pk: string) => IMMUTABLE_PARTITION_PATTERNS.some((pattern) => glob(pattern).test(pk));

  const functions = all.flatMap((stack) => {
    const t = templateOf(stack);
    return Object.entries(t.findResources('AWS::Lambda::Function')).map(([id, fn]) => {
      const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const statements = Object.values(
        t.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([ref(roleId)]) } }),
      ).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
      return [`${stack.stackName}/${id}`, statements] as const;
    });
  });

  it('reaches every function of the deployment: all of them (more than 60) carry both denies', () => {
    const sids = (statements: readonly Statement[]) => statements.map((statement) => statement.Sid);
    const guarded = functions.filter(([, statements]) =>
      [NO_UPDATE_OR_DELETE_SID, NO_TIME_TO_LIVE_SID].every((sid) => sids(statements).includes(sid)),
    );
    expect(functions.length).toBeGreaterThan(60);
    expect(guarded.length).toBe(functions.length);
  });

  it.each(functions)(
    '%s may not update, delete or batch-write an audit, public or OCDS item',
    (_, statements) => {
      const deny = statements.find((statement) => statement.Sid === NO_UPDATE_OR_DELETE_SID);
      expect(deny).toMatchObject({ Effect: 'Deny', Resource: '*' });
      expect([deny?.Action].flat().sort()).toEqual([...IMMUTABLE_DENIED_ACTIONS].sort());
      expect(deny?.Condition).toEqual({
        'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [...IMMUTABLE_PARTITION_PATTERNS] },
      });
    },
  );

  it.each(functions)('%s may not write such an item with a TTL attribute', (_, statements) => {
    // The attribute the table itself expires items by.
    const [, table] = only(template, 'AWS::DynamoDB::Table');
    expect(table.Properties.TimeToLiveSpecification.AttributeName).toBe(tableDesign.timeToLiveAttribute);
    const deny = statements.find((statement) => statement.Sid === NO_TIME_TO_LIVE_SID);
    expect(deny).toMatchObject({ Effect: 'Deny', Resource: '*' });
    expect([deny?.Action].flat().sort()).toEqual(['dynamodb:PartiQLInsert', 'dynamodb:PutItem']);
    expect(deny?.Condition).toEqual({
      'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [...IMMUTABLE_PARTITION_PATTERNS] },
      'ForAnyValue:StringEquals': { 'dynamodb:Attributes': [tableDesign.timeToLiveAttribute] },
    });
  });

  it('covers the partition keys the key builders make for audit entries, public feeds and OCDS records', () => {
    for (const { PK } of [
      keys.auditEntry('project', 'p1', 1),
      keys.auditEntry('contractor', 'c1', 12),
      keys.publicRelease('2026-12-06T03:00:00.000Z', 'r1'),
      keys.announcement('2026-12-06T03:00:00.000Z', 'a1'),
      keys.ocidRelease('ocds-abc-p1', '2026-12-06T03:00:00.000Z', 'r1'),
      // The signed daily digest the audit route anchors chains to (issue 11 §5).
      auditKeys.auditDigest('2026-12-05'),
    ]) {
      expect(protectedKey(PK), PK).toBe(true);
    }
  });

  it('leaves the records that change by design writable', () => {
    for (const { PK } of [
      keys.project('p1'),
      keys.bid('p1', 'c1'),
      keys.contractor('c1'),
      keys.contract('k1'),
      keys.budgetLine('b1'),
      keys.purchaser('u1'),
      keys.catalogItem('A-01'),
      keys.idempotency('s', 'k'),
      keys.projectCallback('p1'),
      keys.evaluatorAssignment('e1', 'p1'),
      keys.workflowProbe('w1'),
      // The archiver records each day's heads there (an update per entry).
      auditKeys.auditDay('2026-12-05', 'contractor', 'c1'),
    ]) {
      expect(protectedKey(PK), PK).toBe(false);
    }
  });
});

/**
 * Issue 11 §6: a monthly backup that did not happen is a month of procurement files with no locked copy. AWS Backup
 * publishes job counts per vault in `AWS/Backup`; any failed, aborted or expired (never started in its window) job of
 * the table's vault notifies the operations topic, as every other alarm does (infra/constructs/alarms.ts).
 */
import { Duration } from 'aws-cdk-lib';
import type { IBackupVault } from 'aws-cdk-lib/aws-backup';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/** Jobs start once a month: one hour's sum is the job's outcome, reported when AWS Backup reports it. */
export const BACKUP_ALARM_PERIOD = Duration.hours(1);

/** The job outcomes that leave the month without a recovery point. */
export const BACKUP_JOB_FAILURE_METRICS = [
  'NumberOfBackupJobsFailed',
  'NumberOfBackupJobsAborted',
  'NumberOfBackupJobsExpired',
] as const;

export function alarmOnBackupJobs(scope: Construct, name: string, vault: IBackupVault, topic: ITopic): Alarm {
  const metrics = Object.fromEntries(
    BACKUP_JOB_FAILURE_METRICS.map((metricName, i) => [
      `m${i}`,
      new Metric({
        namespace: 'AWS/Backup',
        metricName,
        dimensionsMap: { BackupVaultName: vault.backupVaultName },
        statistic: 'Sum',
        period: BACKUP_ALARM_PERIOD,
      }),
    ]),
  );
  const alarm = new Alarm(scope, `${name}JobsFailed`, {
    metric: new MathExpression({
      expression: Object.keys(metrics)
        .map((id) => `FILL(${id}, 0)`)
        .join(' + '),
      usingMetrics: metrics,
      period: BACKUP_ALARM_PERIOD,
      label: 'Backup jobs failed, aborted or expired',
    }),
    threshold: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    alarmDescription: `${name}: a backup job of the table failed, was aborted or never started; this month has no locked recovery point until it is run again (docs/retention.md).`,
  });
  const action = new SnsAction(topic);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  return alarm;
}

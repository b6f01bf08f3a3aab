/**
 * Issue 9 §5: where an operator looks. The one alarm topic (the deployer subscribes to its ARN, output
 * `AlarmTopicArn`; context `alarmEmail` adds an email subscription), the API 5xx-rate alarm, the alarms of
 * functions deployed before this stack (the stateful stack's Cognito trigger) and of the table's backups (issue 11
 * §6), and the one dashboard.
 * Deployed after the ApiStack and before the routes stacks, whose alarms notify its topic: references go one way.
 */
import { CfnOutput, CrossStackReferences, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Dashboard } from 'aws-cdk-lib/aws-cloudwatch';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  AlarmTopic,
  alarmOnApiErrorRate,
  alarmOnFunction,
  operationsDashboard,
} from '#infra/constructs/alarms';
import { alarmOnBackupJobs } from '#infra/constructs/backup-alarms';
import { HouseFunction } from '#infra/constructs/house-function';
import { TableBackup } from '#infra/constructs/retention';
import { AuditArchive } from '#infra/constructs/audit-archive';

export interface OperationsStackProps extends StackProps {
  readonly api: IHttpApi;
  /** Stacks deployed before this one whose functions are alarmed here (they cannot reference the topic). */
  readonly earlierStacks: readonly Stack[];
  /** The token every stack name starts with, for the dashboard's searches. */
  readonly namePrefix: string;
  readonly alarmEmail?: string;
}

export class OperationsStack extends Stack {
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;
  /** Functions of earlier stacks alarmed here, by construct id. */
  readonly alarmedFunctions: Record<string, HouseFunction> = {};
  /** Backups of earlier stacks whose jobs are alarmed here, by construct id. */
  readonly alarmedBackups: Record<string, TableBackup> = {};

  constructor(scope: Construct, id: string, props: OperationsStackProps) {
    super(scope, id, props);
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    this.alarmTopic = new AlarmTopic(this, 'Alarms', { email: props.alarmEmail }).topic;
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topicArn,
      description: 'Subscribe to receive every alarm (aws sns subscribe --protocol email ...)',
    });
    const alarms = new Construct(this, 'AlarmsOf');
    alarmOnApiErrorRate(alarms, props.api, this.alarmTopic);
    for (const stack of props.earlierStacks) {
      for (const fn of stack.node.findAll().filter((c): c is HouseFunction => c instanceof HouseFunction)) {
        alarmOnFunction(alarms, fn.node.id, fn, this.alarmTopic);
        this.alarmedFunctions[fn.node.id] = fn;
      }
      for (const backup of stack.node.findAll().filter((c): c is TableBackup => c instanceof TableBackup)) {
        alarmOnBackupJobs(alarms, backup.node.id, backup.vault, this.alarmTopic);
        this.alarmedBackups[backup.node.id] = backup;
      }
      // Issue 11 §5: the archiver's dead letters and iterator age, the digest's dead letters, tampering.
      for (const archive of stack.node
        .findAll()
        .filter((c): c is AuditArchive => c instanceof AuditArchive)) {
        archive.addAlarms(alarms, this.alarmTopic);
      }
    }
    this.dashboard = operationsDashboard(this, 'Dashboard', { api: props.api, namePrefix: props.namePrefix });
  }
}

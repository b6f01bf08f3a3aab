/**
 * One workflow of functions/workflows.ts on AWS: a Standard state machine from the very ASL file the
 * embedded runner runs, one house function per task (bound as the table says), each function's ARN
 * substituted for its `${Key}`. Logging ALL to its own log group and X-Ray tracing are fixed here, once.
 */
import { ArnFormat, Aws, Names, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import path from 'node:path';
import type { RESERVED_SUBSTITUTIONS, WorkflowDef } from '#functions/workflows';
import { stateMachineArnEnv } from '#shared/adapters/sfn/env';
import { houseRuleViolations, readAslText, repoRoot } from '#infra/workflows/asl';
import { bindBucket, bindTable } from '#infra/constructs/bind';
import { tableRightsOf } from '#shared/http/route-def';
import { HouseFunction, LOG_RETENTION } from '#infra/constructs/house-function';

export interface WorkflowProps {
  /** The workflow's name in the table (also its ARN variable: stateMachineArnEnv). */
  readonly name: string;
  readonly def: WorkflowDef;
  readonly table: ITable;
  readonly bucket: IBucket;
}

export class Workflow extends Construct {
  readonly name: string;
  readonly stateMachine: StateMachine;
  /** Task key → its function. */
  readonly functions: Record<string, HouseFunction> = {};

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    this.name = props.name;
    // A file that breaks the house rules never reaches a deployment (the tests say which rule).
    const violations = houseRuleViolations(props.def, readAslText(props.def));
    if (violations.length > 0) throw new Error(`${props.def.asl}:\n  ${violations.join('\n  ')}`);

    for (const [key, task] of Object.entries(props.def.tasks)) {
      const fn = new HouseFunction(this, key, { module: task.handler, description: task.summary });
      const tableRights = tableRightsOf(task);
      if (tableRights) bindTable(fn, { table: props.table, rights: tableRights });
      if (task.bucket) bindBucket(fn, { bucket: props.bucket, rights: task.bucket });
      this.functions[key] = fn;
    }

    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('states.amazonaws.com') });
    // Exactly the task functions, unqualified as the ASL names them: no `:*` version wildcard.
    role.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: Object.values(this.functions).map((fn) => fn.functionArn),
      }),
    );
    const reserved: Record<(typeof RESERVED_SUBSTITUTIONS)[number], string> = { Partition: Aws.PARTITION };
    // Named, so a task answering its own workflow's callbacks can be granted the ARN without referencing the
    // state machine, whose definition already references the task (a reference would be a cycle).
    const stateMachineName = Names.uniqueResourceName(this, { maxLength: 80, separator: '-' });
    const ownArn = Stack.of(this).formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    for (const [key, task] of Object.entries(props.def.tasks)) {
      if (!task.respond) continue;
      this.functions[key]?.addToRolePolicy(
        new PolicyStatement({
          actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
          resources: [ownArn],
        }),
      );
    }
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      comment: props.def.summary,
      definitionBody: DefinitionBody.fromFile(path.join(repoRoot, props.def.asl)),
      definitionSubstitutions: {
        ...reserved,
        ...Object.fromEntries(Object.entries(this.functions).map(([key, fn]) => [key, fn.functionArn])),
      },
      role,
      logs: {
        destination: new LogGroup(this, 'Logs', { retention: LOG_RETENTION }),
        level: LogLevel.ALL,
        // Every event, without inputs and outputs: they carry sealed bids and personal data, which the
        // execution history shows only to those allowed to read it (R-PROC-5, personal data rules).
        includeExecutionData: false,
      },
      tracingEnabled: true,
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Step Functions log delivery (logs:CreateLogDelivery and the other vended-log actions) and X-Ray tracing (xray:PutTraceSegments, xray:GetSamplingRules...) support no resource-level permissions, so Resource must be "*"; the CDK adds exactly those actions.',
    });
  }
}

/** What a function may do with a workflow. */
export interface WorkflowAccess {
  /** states:StartExecution. */
  start?: boolean;
  /** states:SendTaskSuccess and states:SendTaskFailure: completes the workflow's callback tasks. */
  respond?: boolean;
  /** states:SendTaskFailure only: ends the workflow's callback tasks, never completes one. */
  abort?: boolean;
}

/**
 * Bind a function to a workflow in one call: the grant and the ARN variable the port reads
 * (shared/adapters/sfn/workflows.ts) are set together and can never drift.
 */
export function bindWorkflow(fn: LambdaFunction, workflow: Workflow, access: WorkflowAccess): void {
  const arn = workflow.stateMachine.stateMachineArn;
  const actions = [
    ...(access.start ? ['states:StartExecution'] : []),
    ...(access.respond ? ['states:SendTaskSuccess', 'states:SendTaskFailure'] : []),
    ...(access.abort && !access.respond ? ['states:SendTaskFailure'] : []),
  ];
  if (actions.length === 0) throw new Error(`bindWorkflow(${workflow.name}): nothing to grant`);
  // SendTask* of a callback is authorized against the token's state machine (as CDK's grantTaskResponse
  // scopes it), so the grant names this one state machine rather than "*".
  fn.addToRolePolicy(new PolicyStatement({ actions, resources: [arn] }));
  fn.addEnvironment(stateMachineArnEnv(workflow.name), arn);
}

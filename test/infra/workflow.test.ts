import { readFileSync } from 'node:fs';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Table, AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { workflows, type WorkflowDef } from '#functions/workflows';
import { stateMachineArnEnv } from '#shared/adapters/sfn/env';
import { TRANSIENT_ERRORS } from '#shared/adapters/sfn/task-errors';
import { allStates, houseRuleViolations, parseAsl, readAslText } from '#infra/workflows/asl';
import { localSupportProblems } from '#infra/local/sfn-definition';
import { HouseFunction, LOG_RETENTION } from '#infra/constructs/house-function';
import { Workflow, bindWorkflow } from '#infra/constructs/workflow';
import { addAssistanceStacks } from '#infra/stacks/assistance';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context?: Record<string, unknown>;
};
// The deployed wiring with cdk.json's feature flags; bundling skipped, so no esbuild run in tests.
const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const { routeStacks } = addAssistanceStacks(app);
/** A workflow lives in the routes stack of its task functions (issue 9 §1). */
const stackOfWorkflow = (name: string) => {
  const stack = Object.values(routeStacks).find((candidate) => candidate.workflows[name]);
  if (!stack) throw new Error(`no stack builds workflow ${name}`);
  return stack;
};

const entries = Object.entries(workflows) as [string, WorkflowDef][];
const logicalId = (construct: IConstruct) =>
  Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

describe.each(entries)('workflow %s: its ASL file', (_, def) => {
  const text = readAslText(def);

  it('follows the house rules: every Task retries the transient errors and catches everything', () => {
    expect(houseRuleViolations(def, text)).toEqual([]);
  });

  it('has at least one Task, each with a Retry and a Catch (read from the file itself)', () => {
    const tasks = allStates(parseAsl(text)).filter(({ state }) => state.Type === 'Task');
    expect(tasks.length).toBeGreaterThan(0);
    for (const { name, state } of tasks) {
      expect(state.Retry?.length, `${name} Retry`).toBeGreaterThan(0);
      expect(state.Catch?.length, `${name} Catch`).toBeGreaterThan(0);
    }
  });

  it('runs on the embedded runner as it runs on AWS (no feature aws-local-stepfunctions lacks)', () => {
    expect(localSupportProblems(parseAsl(text))).toEqual([]);
  });
});

describe('the house rule check itself', () => {
  const def = { tasks: { Work: { handler: 'functions/x', summary: 'x' } } };
  const asl = (work: Record<string, unknown>) =>
    JSON.stringify({
      StartAt: 'Work',
      States: {
        Work: { Type: 'Task', Resource: '${Work}', Next: 'Done', ...work },
        Record: {
          Type: 'Task',
          Resource: '${Work}',
          Retry: [{ ErrorEquals: [...TRANSIENT_ERRORS] }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    });
  const retry = [{ ErrorEquals: [...TRANSIENT_ERRORS] }];
  const catchAll = [{ ErrorEquals: ['States.ALL'], Next: 'Record' }];

  it('passes a compliant file', () => {
    expect(houseRuleViolations(def, asl({ Retry: retry, Catch: catchAll }))).toEqual([]);
  });

  it('fails a Task without Retry, with a partial Retry, or without a catch-all', () => {
    expect(houseRuleViolations(def, asl({ Catch: catchAll }))).toEqual([
      `Work: no Retry for ${TRANSIENT_ERRORS.join(', ')}`,
    ]);
    expect(
      houseRuleViolations(def, asl({ Retry: [{ ErrorEquals: ['TransientTaskError'] }], Catch: catchAll })),
    ).toEqual([expect.stringMatching(/^Work: no Retry for Lambda\.ServiceException/)]);
    expect(
      houseRuleViolations(def, asl({ Retry: retry, Catch: [{ ErrorEquals: ['X'], Next: 'Record' }] })),
    ).toEqual(['Work: no Catch for States.ALL']);
  });

  it('fails a task function the table does not declare, and a declared task the file never uses', () => {
    expect(houseRuleViolations(def, asl({ Resource: '${Other}', Retry: retry, Catch: catchAll }))).toEqual([
      'Work: ${Other} is not a task of the workflow table',
      '${Other} is neither a task nor reserved',
    ]);
    const unused = { tasks: { ...def.tasks, Spare: { handler: 'functions/y', summary: 'y' } } };
    expect(houseRuleViolations(unused, asl({ Retry: retry, Catch: catchAll }))).toEqual([
      'task Spare is never used',
    ]);
  });
});

describe.each(entries)('workflow %s on AWS', (name, def) => {
  const stack = stackOfWorkflow(name);
  const template = Template.fromStack(stack);
  const workflow = stack.workflows[name] as Workflow;
  const stateMachineId = logicalId(workflow.stateMachine);
  const resource = template.findResources('AWS::StepFunctions::StateMachine')[stateMachineId];

  it('is a Standard state machine defined by its ASL file, logging ALL events, traced', () => {
    // This workflow's own state machine, not any state machine of the stack.
    expect(resource?.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      DefinitionS3Location: { Bucket: expect.anything(), Key: expect.stringMatching(/\.json$/) },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [
          { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } },
        ],
      },
      TracingConfiguration: { Enabled: true },
    });
  });

  it("substitutes each task's function ARN and the partition, and nothing else", () => {
    const expected = Object.fromEntries(
      Object.keys(def.tasks).map((key) => [
        key,
        { 'Fn::GetAtt': [logicalId(workflow.functions[key]!), 'Arn'] },
      ]),
    );
    expect(resource?.Properties.DefinitionSubstitutions).toEqual({
      Partition: { Ref: 'AWS::Partition' },
      ...expected,
    });
  });

  it('may invoke exactly its task functions', () => {
    const roleId = logicalId(workflow.stateMachine.role);
    const policies = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
    );
    const invoke = policies
      .flatMap(
        (policy) =>
          policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
      )
      .filter((statement) => [statement.Action].flat().some((action) => action.startsWith('lambda:')));
    expect(invoke).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        Effect: 'Allow',
        Resource: expect.arrayContaining(Object.values(expectedArns(workflow))),
      },
    ]);
    expect((invoke[0]?.Resource as unknown[]).length).toBe(Object.keys(def.tasks).length);
  });

  it('logs to its own log group, kept as long as every other log', () => {
    const logGroupId = (
      resource?.Properties.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn[
        'Fn::GetAtt'
      ] as string[]
    )[0] as string;
    expect(template.findResources('AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(
      LOG_RETENTION,
    );
  });

  it.each(Object.entries(def.tasks))(
    'task %s answers callbacks of its own state machine only when declared, by name (no reference cycle)',
    (key, task) => {
      const fn = workflow.functions[key] as HouseFunction;
      const roleId = logicalId(fn.role!);
      const statements = Object.values(
        template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
      )
        .flatMap(
          (policy) => policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[],
        )
        .filter((statement) => [statement.Action].flat().some((a) => String(a).startsWith('states:')));
      if (!task.respond) {
        expect(statements).toEqual([]);
        return;
      }
      const name = resource?.Properties.StateMachineName as string;
      expect(name).toMatch(/^[A-Za-z0-9-]{1,80}$/);
      expect(statements).toEqual([
        {
          // CDK sorts the actions of a statement.
          Action: ['states:SendTaskFailure', 'states:SendTaskSuccess'],
          Effect: 'Allow',
          Resource: {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':states:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                `:stateMachine:${name}`,
              ],
            ],
          },
        },
      ]);
    },
  );

  it.each(Object.entries(def.tasks))('task %s is a house function bound as declared', (key, task) => {
    const fn = workflow.functions[key] as HouseFunction;
    const props = template.findResources('AWS::Lambda::Function')[logicalId(fn)]?.Properties;
    expect(props).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
    });
    expect(props.Environment.Variables.TABLE_NAME !== undefined).toBe(task.table !== undefined);
    expect(props.Environment.Variables.BUCKET_NAME !== undefined).toBe(task.bucket !== undefined);
  });
});

function expectedArns(workflow: Workflow) {
  return Object.fromEntries(
    Object.entries(workflow.functions).map(([key, fn]) => [key, { 'Fn::GetAtt': [logicalId(fn), 'Arn'] }]),
  );
}

describe('bindWorkflow', () => {
  function stackWithWorkflow() {
    const testApp = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(testApp, 'Bound');
    const table = new Table(stack, 'Table', { partitionKey: { name: 'PK', type: AttributeType.STRING } });
    const workflow = new Workflow(stack, 'Probe', {
      name: 'probe',
      def: workflows.probe,
      table,
      bucket: new Bucket(stack, 'B'),
    });
    const starter = new HouseFunction(stack, 'Starter', { module: 'functions/platform/health' });
    const answerer = new HouseFunction(stack, 'Answerer', { module: 'functions/platform/health' });
    bindWorkflow(starter, workflow, { start: true });
    bindWorkflow(answerer, workflow, { respond: true });
    return { stack, workflow, starter, answerer, template: Template.fromStack(stack) };
  }

  it('grants exactly the asked actions on that one state machine and sets its ARN variable', () => {
    const { workflow, starter, answerer, template: t } = stackWithWorkflow();
    const arn = { Ref: logicalId(workflow.stateMachine) };
    const statementsOf = (fn: HouseFunction) =>
      Object.values(
        t.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: logicalId(fn.role!) }] } }),
      )
        .flatMap(
          (policy) => policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[],
        )
        .filter((statement) => JSON.stringify(statement.Action).includes('states:'));
    expect(statementsOf(starter)).toEqual([
      { Action: 'states:StartExecution', Effect: 'Allow', Resource: arn },
    ]);
    expect(statementsOf(answerer)).toEqual([
      { Action: ['states:SendTaskSuccess', 'states:SendTaskFailure'], Effect: 'Allow', Resource: arn },
    ]);
    for (const fn of [starter, answerer]) {
      const variables =
        t.findResources('AWS::Lambda::Function')[logicalId(fn)]?.Properties.Environment.Variables;
      expect(variables[stateMachineArnEnv('probe')]).toEqual(arn);
    }
  });

  it('refuses a binding that grants nothing', () => {
    const { workflow, starter } = stackWithWorkflow();
    expect(() => bindWorkflow(starter, workflow, {})).toThrow(/nothing to grant/);
  });
});

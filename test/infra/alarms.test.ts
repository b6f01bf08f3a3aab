/**
 * Issue 9 §5: each alarm an operator wants exists, derived from the route, event-handler and workflow tables,
 * and notifies the one topic on ALARM and OK.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { eventHandlers, routes } from '#functions/routes';
import { workflows, type WorkflowDef } from '#functions/workflows';
import { API_5XX_MIN_REQUESTS, API_5XX_RATE_PERCENT } from '#infra/constructs/alarms';
import { HouseFunction, SERVICE_NAME, repoRoot } from '#infra/constructs/house-function';
import { BUSINESS_METRICS, NAMESPACE as BUSINESS_NAMESPACE } from '#shared/adapters/metrics/business-metrics';
import { functionEntries } from '../../bench/bundles';
import { buildDeployment, importOf, logicalId } from './deployment';
import { auditArchiveFunctions } from '#functions/audit-archive/functions';

/** Functions fed by the table's stream also alarm when they fall behind it (issue 11 §5). */
const STREAM_CONSUMERS = new Set<string>([auditArchiveFunctions.auditArchiver.handler]);

const deployment = buildDeployment();
const { operations, api, stateful, templateOf, functionOf, workflowStackOf } = deployment;
const operationsTemplate = templateOf(operations);
const topicId = logicalId(operations.alarmTopic);
const topicImport = importOf(operationsTemplate, topicId);

/** How the topic reads in the stack of `construct`: a Ref at home, an import elsewhere. */
const topicAsSeenFrom = (construct: IConstruct) =>
  Stack.of(construct) === operations ? { Ref: topicId } : topicImport;

function expectAlarm(template: Template, owner: IConstruct, properties: Record<string, unknown>) {
  const topic = topicAsSeenFrom(owner);
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    ...properties,
    AlarmActions: [topic],
    OKActions: [topic],
    TreatMissingData: 'notBreaching',
  });
}

/** A routes stack alarms its own functions: the alarm sits beside the function it watches. */
function expectFunctionAlarms(template: Template, fn: IConstruct) {
  for (const metricName of ['Errors', 'Throttles']) {
    expectAlarm(template, fn, {
      Namespace: 'AWS/Lambda',
      MetricName: metricName,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(fn) } }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  }
}

const functionNames = [...Object.keys(routes), ...Object.keys(eventHandlers)];

describe('Lambda errors and throttles, per function', () => {
  it.each(functionNames)('%s has an errors alarm and a throttles alarm beside it', (name) => {
    const { stack, fn } = functionOf(name);
    expectFunctionAlarms(templateOf(stack), fn);
  });

  it.each(
    (Object.entries(workflows) as [string, WorkflowDef][]).flatMap(([workflow, def]) =>
      Object.keys(def.tasks).map((task) => [workflow, task] as const),
    ),
  )(
    'workflow %s task %s has a throttles alarm and no errors alarm (tasks throw by design)',
    (workflow, task) => {
      const stack = workflowStackOf(workflow);
      const fn = stack.workflows[workflow]!.functions[task]!;
      const template = templateOf(stack);
      expect(alarmedMetrics(template, { Ref: logicalId(fn) })).toEqual(['Throttles']);
      expectAlarm(template, fn, {
        Namespace: 'AWS/Lambda',
        MetricName: 'Throttles',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(fn) } }],
        Threshold: 1,
      });
    },
  );

  it('the stateful stack’s functions (the Cognito trigger) are alarmed in the operations stack', () => {
    const alarmed = Object.values(operations.alarmedFunctions);
    expect(alarmed.length).toBeGreaterThan(0);
    for (const fn of alarmed) {
      expect(Stack.of(fn)).toBe(stateful);
      for (const metricName of ['Errors', 'Throttles']) {
        expectAlarm(operationsTemplate, operations, {
          MetricName: metricName,
          Dimensions: [{ Name: 'FunctionName', Value: importOf(templateOf(stateful), logicalId(fn)) }],
        });
      }
    }
  });
});

/** The metric names of the alarms in `template` on the function whose name reads `functionName` there. */
function alarmedMetrics(template: Template, functionName: unknown): string[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm'))
    .filter(
      ({ Properties: p }) =>
        p.Namespace === 'AWS/Lambda' &&
        JSON.stringify(p.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: functionName }]),
    )
    .map(({ Properties: p }) => p.MetricName as string)
    .sort();
}

interface AslState {
  Type: string;
  Next?: string;
  Default?: string;
  Choices?: { Next: string }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
}

/**
 * Why a task function needs no Errors alarm: whatever its Retry does not absorb is caught (States.ALL) into a path
 * that can only end in a Fail state (RecordFailure, then Failed), so ExecutionsFailed fires; an uncaught error
 * fails the execution directly. Only the specific catches (ProjectCancelled → Cancelled) may end well.
 */
describe.each(Object.entries(workflows) as [string, WorkflowDef][])('workflow %s ASL', (_, def) => {
  const states = (
    JSON.parse(readFileSync(path.join(repoRoot, def.asl), 'utf8')) as { States: Record<string, AslState> }
  ).States;
  const exits = (state: AslState) => [
    ...(state.Next ? [state.Next] : []),
    ...(state.Default ? [state.Default] : []),
    ...(state.Choices ?? []).map((choice) => choice.Next),
    ...(state.Catch ?? []).map((c) => c.Next),
  ];
  /** The state types that end every path from `start`. */
  function endings(start: string): Set<string> {
    const seen = new Set<string>();
    const ends = new Set<string>();
    const queue = [start];
    while (queue.length > 0) {
      const name = queue.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const state = states[name]!;
      const next = exits(state);
      if (next.length === 0) ends.add(state.Type);
      queue.push(...next);
    }
    return ends;
  }
  const catchAll = Object.entries(states).flatMap(([name, state]) =>
    (state.Catch ?? [])
      .filter((c) => c.ErrorEquals.includes('States.ALL'))
      .map((c) => [name, c.Next] as const),
  );

  it('catches task failures, and every catch-all path ends in a Fail state (ExecutionsFailed)', () => {
    expect(catchAll.length).toBeGreaterThan(0);
    for (const [from, to] of catchAll) expect([...endings(to)], `${from} → ${to}`).toEqual(['Fail']);
  });
});

/**
 * Coverage from the templates, not the tables: every AWS::Lambda::Function synthesized is a house function of a
 * table entry (functionEntries(), what the bench measures) and carries its alarms, so a function deployed outside
 * the tables fails here.
 */
describe('every function in the synthesized templates', () => {
  /**
   * CDK-internal functions (custom-resource providers), by logical id, with why they carry no alarm. None today:
   * house functions create their own log groups (no LogRetention provider), the bucket's EventBridge switch is
   * set on the CfnBucket (no BucketNotifications handler), and nothing sets autoDeleteObjects.
   */
  const CDK_INTERNAL: Record<string, string> = {};
  const entries = functionEntries();
  const deployed = deployment.all.flatMap((stack) => {
    const byLogicalId = new Map(
      stack.node
        .findAll()
        .filter((c): c is CfnFunction => c instanceof CfnFunction && Stack.of(c) === stack)
        .map((cfn) => [stack.getLogicalId(cfn), cfn.node.scope] as const),
    );
    return Object.keys(templateOf(stack).findResources('AWS::Lambda::Function'))
      .filter((id) => !(id in CDK_INTERNAL))
      .map((id) => ({ stack, id, fn: byLogicalId.get(id) }));
  });

  it('are the house functions of functionEntries(), each entry deployed once', () => {
    const modules = deployed.map(({ stack, id, fn }) =>
      fn instanceof HouseFunction ? fn.module : `${stack.stackName}/${id}: not a house function`,
    );
    expect(modules.sort()).toEqual(entries.map((entry) => entry.handler).sort());
  });

  it('each carries its alarms: errors and throttles, throttles only for a workflow task', () => {
    const kindOf = new Map(entries.map((entry) => [entry.handler, entry.kind]));
    for (const { stack, id, fn } of deployed) {
      const kind = fn instanceof HouseFunction ? kindOf.get(fn.module) : undefined;
      const streamFed = fn instanceof HouseFunction && STREAM_CONSUMERS.has(fn.module);
      const expected =
        kind === 'task'
          ? ['Throttles']
          : streamFed
            ? ['Errors', 'IteratorAge', 'Throttles']
            : ['Errors', 'Throttles'];
      // Alarmed beside it (Ref) or in a later stack (the export of its Ref, as the Cognito trigger is).
      const exported = Object.values(templateOf(stack).findOutputs('*', { Value: { Ref: id } })).length > 0;
      const alarmed = deployment.all.flatMap((other) =>
        other === stack
          ? alarmedMetrics(templateOf(other), { Ref: id })
          : exported
            ? alarmedMetrics(templateOf(other), importOf(templateOf(stack), id))
            : [],
      );
      expect(alarmed.sort(), `${stack.stackName}/${id} (${kind ?? 'outside the tables'})`).toEqual(expected);
    }
  });
});

describe.each(Object.keys(workflows))('workflow %s', (name) => {
  it.each(['ExecutionsFailed', 'ExecutionsTimedOut'])('alarms on %s', (metricName) => {
    const stack = workflowStackOf(name);
    const stateMachine = stack.workflows[name]!.stateMachine;
    expectAlarm(templateOf(stack), stateMachine, {
      Namespace: 'AWS/States',
      MetricName: metricName,
      Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: logicalId(stateMachine) } }],
      Statistic: 'Sum',
      Threshold: 1,
    });
  });
});

describe.each(Object.keys(eventHandlers))('dead-letter queue of %s', (name) => {
  it('alarms as soon as one message is visible', () => {
    const { stack } = functionOf(name);
    const queue = stack.deadLetterQueues[name]!;
    expectAlarm(templateOf(stack), queue, {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(queue), 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });
});

describe('API 5xx rate', () => {
  it(`alarms above ${API_5XX_RATE_PERCENT} % of requests over 5 minutes, once there are enough requests`, () => {
    const apiId = importOf(templateOf(api), logicalId(api.api));
    const metric = (metricName: string) => ({
      Metric: {
        Namespace: 'AWS/ApiGateway',
        MetricName: metricName,
        Dimensions: [{ Name: 'ApiId', Value: apiId }],
      },
      Period: 300,
      Stat: 'Sum',
    });
    expectAlarm(operationsTemplate, operations, {
      Threshold: API_5XX_RATE_PERCENT,
      ComparisonOperator: 'GreaterThanThreshold',
      Metrics: Match.arrayWith([
        Match.objectLike({
          Expression: `IF(requests >= ${API_5XX_MIN_REQUESTS}, 100 * errors / requests, 0)`,
          ReturnData: true,
        }),
        { Id: 'errors', MetricStat: metric('5xx'), ReturnData: false },
        { Id: 'requests', MetricStat: metric('Count'), ReturnData: false },
      ]),
    });
  });
});

describe('the alarm topic', () => {
  it('is encrypted with a rotated key CloudWatch may use, and accepts TLS only', () => {
    operationsTemplate.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
    });
    operationsTemplate.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    operationsTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
          }),
        ]),
      },
    });
  });

  it('is an output the deployer subscribes to; context alarmEmail adds an email subscription', () => {
    operationsTemplate.hasOutput('AlarmTopicArn', { Value: { Ref: topicId } });
    expect(operationsTemplate.findResources('AWS::SNS::Subscription')).toEqual({});
    const withEmail = buildDeployment({ alarmEmail: 'ops@example.cn' });
    withEmail.templateOf(withEmail.operations).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.cn',
    });
  });
});

describe('the dashboard', () => {
  // The body is a Fn::Join of JSON text and references; the references stand in as REF.
  const rendered = Object.values(operationsTemplate.findResources('AWS::CloudWatch::Dashboard'))[0]
    ?.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  const body = rendered['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'REF')).join('');
  const widgets = (JSON.parse(body) as { widgets: { properties: { metrics?: unknown[] } }[] }).widgets;
  const graphed = JSON.stringify(widgets.flatMap((widget) => widget.properties.metrics ?? []));

  it.each([
    ['API requests, latency, 4xx, 5xx', ['"Count"', '"Latency"', '"4xx"', '"5xx"']],
    ['Lambda errors, throttles, duration', ['AWS/Lambda', 'Errors', 'Throttles', 'Duration']],
    ['workflow executions', ['AWS/States', 'ExecutionsStarted', 'ExecutionsFailed', 'ExecutionsTimedOut']],
    ['dead-letter queue depth', ['AWS/SQS', 'ApproximateNumberOfMessagesVisible']],
    // Every metric the handlers count (BidsRevised included), in the namespace they count it in.
    ['business metrics', [BUSINESS_NAMESPACE, ...BUSINESS_METRICS, 'BidsRevised', SERVICE_NAME]],
  ])('graphs %s', (_, needles) => {
    for (const needle of needles) expect(graphed).toContain(needle);
  });
});

/**
 * Issue 9 §5: the alarms an operator wants and the one dashboard. Every alarm notifies one SNS topic on ALARM
 * and on OK; where no data means nothing happened (no errors, no executions, an empty queue) it is not breaching.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SearchExpression,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { SERVICE_NAME } from '#infra/constructs/house-function';
// The business metrics the handlers publish through Powertools Metrics (EMF), declared once where they are counted.
import { BUSINESS_METRICS, NAMESPACE as BUSINESS_NAMESPACE } from '#shared/adapters/metrics/business-metrics';

/** Every alarm looks at five-minute periods. */
export const ALARM_PERIOD = Duration.minutes(5);
/** API 5xx rate (per cent of requests) above which the API alarms (issue 9 §5). */
export const API_5XX_RATE_PERCENT = 1;
/** Below this many requests in a period the 5xx rate says nothing (one 500 of ten requests is 10 %). */
export const API_5XX_MIN_REQUESTS = 20;

/** The one topic every alarm notifies: encrypted with a key CloudWatch may use, TLS-only publishing. */
export class AlarmTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: { email?: string }) {
    super(scope, id);
    const stack = Stack.of(this);
    const key = new Key(this, 'Key', {
      description: 'Encrypts the operations alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch publishes alarm notifications as its service principal, so it must be able to use the key.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Assistance procurement alarms',
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
  }
}

function alarm(
  scope: Construct,
  id: string,
  topic: ITopic,
  props: { metric: IMetric; description: string; threshold?: number; comparison?: ComparisonOperator },
): Alarm {
  const created = new Alarm(scope, id, {
    metric: props.metric,
    threshold: props.threshold ?? 1,
    comparisonOperator: props.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    alarmDescription: props.description,
  });
  const action = new SnsAction(topic);
  created.addAlarmAction(action);
  created.addOkAction(action);
  return created;
}

function errorsAlarm(scope: Construct, name: string, fn: IFunction, topic: ITopic): Alarm {
  return alarm(scope, `${name}Errors`, topic, {
    metric: fn.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
    description: `${name}: Lambda errors (unhandled error, timeout or crash) in 5 minutes; its log group has the request ids.`,
  });
}

function throttlesAlarm(scope: Construct, name: string, fn: IFunction, topic: ITopic): Alarm {
  return alarm(scope, `${name}Throttles`, topic, {
    metric: fn.metricThrottles({ period: ALARM_PERIOD, statistic: 'Sum' }),
    description: `${name}: Lambda throttled invocations in 5 minutes (account or function concurrency exhausted).`,
  });
}

/** Issue 9 §5: a function that fails (unhandled error, timeout, crash) or is throttled, per function. */
export function alarmOnFunction(scope: Construct, name: string, fn: IFunction, topic: ITopic): Alarm[] {
  return [errorsAlarm(scope, name, fn, topic), throttlesAlarm(scope, name, fn, topic)];
}

/**
 * Issue 9 §5: a workflow task function, throttles only. No Errors alarm: tasks throw by design (TransientTaskError
 * on a lost race, retried; ProjectCancelled, caught), and every failure the ASL does not retry away ends in its
 * Fail state, which the state machine's ExecutionsFailed alarm reports (test/infra/alarms.test.ts checks the ASL).
 */
export function alarmOnTaskFunction(scope: Construct, name: string, fn: IFunction, topic: ITopic): Alarm[] {
  return [throttlesAlarm(scope, name, fn, topic)];
}

/**
 * Issue 9 §5: failed and timed-out executions per state machine. Aborted executions are not alarmed: only an
 * operator's StopExecution aborts one (no code of ours stops executions), and it needs no alarm to know.
 */
export function alarmOnWorkflow(
  scope: Construct,
  name: string,
  stateMachine: IStateMachine,
  topic: ITopic,
): Alarm[] {
  return [
    alarm(scope, `${name}ExecutionsFailed`, topic, {
      metric: stateMachine.metricFailed({ period: ALARM_PERIOD, statistic: 'Sum' }),
      description: `${name} workflow: an execution failed (its failure is recorded on the record it was driving).`,
    }),
    alarm(scope, `${name}ExecutionsTimedOut`, topic, {
      metric: stateMachine.metricTimedOut({ period: ALARM_PERIOD, statistic: 'Sum' }),
      description: `${name} workflow: an execution timed out.`,
    }),
  ];
}

/** Issue 9 §5: any message in a dead-letter queue is an event the product lost until someone replays it. */
export function alarmOnDeadLetters(scope: Construct, name: string, queue: IQueue, topic: ITopic): Alarm {
  return alarm(scope, `${name}Visible`, topic, {
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: 'Maximum' }),
    description: `${name}: messages are waiting in the dead-letter queue; inspect and replay them.`,
  });
}

/** Issue 9 §5: the share of API requests answered 5xx, once there are enough requests to say so. */
export function apiErrorRate(api: IHttpApi): MathExpression {
  return new MathExpression({
    expression: `IF(requests >= ${API_5XX_MIN_REQUESTS}, 100 * errors / requests, 0)`,
    usingMetrics: {
      errors: api.metricServerError({ period: ALARM_PERIOD, statistic: 'Sum' }),
      requests: api.metricCount({ period: ALARM_PERIOD, statistic: 'Sum' }),
    },
    period: ALARM_PERIOD,
    label: 'API 5xx %',
  });
}

export function alarmOnApiErrorRate(scope: Construct, api: IHttpApi, topic: ITopic): Alarm {
  return alarm(scope, 'Api5xxRate', topic, {
    metric: apiErrorRate(api),
    threshold: API_5XX_RATE_PERCENT,
    comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
    description: `API: more than ${API_5XX_RATE_PERCENT} % of requests answered 5xx in 5 minutes (at least ${API_5XX_MIN_REQUESTS} requests).`,
  });
}

/**
 * SEARCH expressions over the product's resources, whose generated names all start with the stack name
 * prefix: the dashboard references no other stack, and a function or queue a new stack adds appears by itself.
 */
function search(schema: string, metricName: string, terms: string, statistic: string): SearchExpression {
  return new SearchExpression({
    expression: `SEARCH('{${schema}} MetricName="${metricName}" ${terms}', '${statistic}', ${ALARM_PERIOD.toSeconds()})`,
    period: ALARM_PERIOD,
  });
}

export interface OperationsDashboardProps {
  readonly api: IHttpApi;
  /** The token every stack name starts with (`Assistance` of `Assistance-Procurement`). */
  readonly namePrefix: string;
}

/** Issue 9 §5: the one dashboard an operator opens first. */
export function operationsDashboard(
  scope: Construct,
  id: string,
  props: OperationsDashboardProps,
): Dashboard {
  const { api, namePrefix } = props;
  const period = ALARM_PERIOD;
  const lambda = (metricName: string, statistic: string) =>
    search('AWS/Lambda,FunctionName', metricName, `FunctionName=${namePrefix}`, statistic);
  const states = (metricName: string) =>
    search('AWS/States,StateMachineArn', metricName, `StateMachineArn=${namePrefix}`, 'Sum');
  const business = (metricName: string) =>
    new Metric({
      namespace: BUSINESS_NAMESPACE,
      metricName,
      dimensionsMap: { service: SERVICE_NAME },
      statistic: 'Sum',
      period: Duration.hours(1),
    });
  const dashboard = new Dashboard(scope, id, { defaultInterval: Duration.hours(12) });
  dashboard.addWidgets(
    new TextWidget({
      markdown: `# ${namePrefix}: API, functions, workflows, dead letters\nAlarms notify the topic in the Operations stack's outputs.`,
      width: 24,
      height: 2,
    }),
  );
  dashboard.addWidgets(
    new GraphWidget({
      title: 'API requests',
      left: [api.metricCount({ period, statistic: 'Sum' })],
      width: 6,
    }),
    new GraphWidget({
      title: 'API latency (p50, p99)',
      left: [
        api.metricLatency({ period, statistic: 'p50' }),
        api.metricLatency({ period, statistic: 'p99' }),
      ],
      width: 6,
    }),
    new GraphWidget({
      title: 'API 4xx and 5xx',
      left: [
        api.metricClientError({ period, statistic: 'Sum' }),
        api.metricServerError({ period, statistic: 'Sum' }),
      ],
      width: 6,
    }),
    new GraphWidget({ title: 'API 5xx rate (%)', left: [apiErrorRate(api)], width: 6 }),
  );
  dashboard.addWidgets(
    new GraphWidget({ title: 'Lambda errors', left: [lambda('Errors', 'Sum')], width: 8 }),
    new GraphWidget({ title: 'Lambda throttles', left: [lambda('Throttles', 'Sum')], width: 8 }),
    new GraphWidget({ title: 'Lambda duration (p99)', left: [lambda('Duration', 'p99')], width: 8 }),
  );
  dashboard.addWidgets(
    new GraphWidget({
      title: 'Workflow executions started, succeeded',
      left: [states('ExecutionsStarted'), states('ExecutionsSucceeded')],
      width: 8,
    }),
    new GraphWidget({
      title: 'Workflow executions failed, timed out, aborted',
      left: [states('ExecutionsFailed'), states('ExecutionsTimedOut'), states('ExecutionsAborted')],
      width: 8,
    }),
    new GraphWidget({
      title: 'Dead-letter queue depth',
      left: [
        search(
          'AWS/SQS,QueueName',
          'ApproximateNumberOfMessagesVisible',
          `QueueName=${namePrefix} QueueName=DeadLetters`,
          'Maximum',
        ),
      ],
      width: 8,
    }),
  );
  dashboard.addWidgets(
    ...BUSINESS_METRICS.map(
      (metricName) =>
        new GraphWidget({
          title: `${metricName} (per hour)`,
          left: [business(metricName)],
          width: Math.max(6, Math.floor(24 / BUSINESS_METRICS.length)),
        }),
    ),
  );
  return dashboard;
}

/**
 * One capability group's functions, API routes, event wiring, workflows and their alarms (issue 9 §1, §5).
 * Built from its slice of the route, event-handler and workflow tables (infra/stacks/capabilities.ts): one
 * function and one `HttpRoute` per route, on the one API with the one authorizer, both from the ApiStack.
 * Routes are built here as `new HttpRoute(this, …)`, never `api.addRoutes()`, which would put them in the
 * API's stack (aws-cdk#18006). Everything here can be destroyed and redeployed at will.
 */
import {
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import {
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type IHttpApi,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Match, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { tableRightsOf, type RightsHolder } from '#functions/routes';
import { routeScopes } from '#shared/http/route-scopes';
import {
  alarmOnDeadLetters,
  alarmOnFunction,
  alarmOnTaskFunction,
  alarmOnWorkflow,
} from '#infra/constructs/alarms';
import { bindBucket, bindTable, bindUserPool } from '#infra/constructs/bind';
import { HouseFunction } from '#infra/constructs/house-function';
import { Workflow } from '#infra/constructs/workflow';
import type { CapabilitySlice } from '#infra/stacks/capabilities';
import type { StatefulResources } from '#infra/stacks/stateful-stack';

export interface RoutesStackProps extends StackProps, CapabilitySlice {
  readonly stateful: StatefulResources;
  readonly httpApi: IHttpApi;
  /** The ApiStack's JWT authorizer, passed in and never constructed here (aws-cdk#18742). */
  readonly authorizer: IHttpRouteAuthorizer;
  /** Every alarm of this stack notifies it (the OperationsStack's topic). */
  readonly alarmTopic: ITopic;
}

/** What a function needs to be built and bound: shared by API routes and event handlers. */
interface FunctionDef extends RightsHolder {
  handler: string;
  summary: string;
}

/** EventBridge retries delivery for up to this long before the event goes to the DLQ. */
const EVENT_DELIVERY = { retryAttempts: 8, maxEventAge: Duration.hours(2) } as const;

export class RoutesStack extends Stack {
  /** Route or event-handler name → its function. */
  readonly functions: Record<string, HouseFunction> = {};
  readonly workflows: Record<string, Workflow> = {};
  readonly routes: Record<string, HttpRoute> = {};
  readonly deadLetterQueues: Record<string, Queue> = {};
  private readonly stateful: StatefulResources;
  private readonly alarms: Construct;

  constructor(scope: Construct, id: string, props: RoutesStackProps) {
    super(scope, id, props);
    // Strong (Export/ImportValue): the stateful stack cannot drop a table or bucket still in use here,
    // and the grants' explicit imports (infra/constructs/nag.ts) use the same mechanism.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    this.stateful = props.stateful;
    this.alarms = new Construct(this, 'Alarms');
    this.addRoutes(props);
    this.addEventHandlers(props);
    this.addWorkflows(props);
  }

  /**
   * One house function per definition, granted exactly what it declares (and the pipeline's own writes that
   * follow from its flags, `tableRightsOf`), with its errors and throttles alarmed.
   */
  private boundFunction(name: string, def: FunctionDef, topic: ITopic): HouseFunction {
    const fn = new HouseFunction(this, name, { module: def.handler, description: def.summary });
    const tableRights = tableRightsOf(def);
    if (tableRights) bindTable(fn, { table: this.stateful.table, rights: tableRights });
    if (def.bucket) bindBucket(fn, { bucket: this.stateful.bucket, rights: def.bucket });
    // Issue 12 §1: the routes that create contractors' logins, with the two admin actions on the pool.
    if (def.userPool) bindUserPool(fn, this.stateful.userPool);
    alarmOnFunction(this.alarms, name, fn, topic);
    this.functions[name] = fn;
    return fn;
  }

  private addRoutes({ routes, httpApi, authorizer, alarmTopic }: RoutesStackProps): void {
    const none = new HttpNoneAuthorizer();
    for (const [name, route] of routes) {
      const isPublic = route.auth === 'public';
      const httpRoute = new HttpRoute(this, `${name}Route`, {
        httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(
          `${name}Integration`,
          this.boundFunction(name, route, alarmTopic),
        ),
        authorizer: isPublic ? none : authorizer,
        // A token must carry one of these (an ID token carries none): shared/http/route-scopes.ts.
        ...(isPublic ? {} : { authorizationScopes: routeScopes(route) }),
      });
      if (isPublic) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design (routes.ts auth: 'public'): read-only, no personal data.`,
        });
      }
      this.routes[name] = httpRoute;
    }
  }

  private addEventHandlers({ eventHandlers, alarmTopic }: RoutesStackProps): void {
    const { bucket } = this.stateful;
    for (const [name, def] of eventHandlers) {
      const fn = this.boundFunction(name, def, alarmTopic);
      // One queue for both ways an event can be lost: EventBridge failing to deliver it, and the
      // function failing on it after Lambda's own asynchronous retries.
      const deadLetters = new Queue(this, `${name}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(deadLetters).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is the dead-letter queue of the ${name} rule target and of its function's failed invocations; a DLQ of a DLQ would add nothing.`,
      });
      alarmOnDeadLetters(this.alarms, `${name}DeadLetters`, deadLetters, alarmTopic);
      this.deadLetterQueues[name] = deadLetters;
      fn.configureAsyncInvoke({ onFailure: new SqsDestination(deadLetters), retryAttempts: 2 });

      new Rule(this, `${name}Trigger`, {
        description: def.summary,
        eventPattern: {
          source: ['aws.s3'],
          detailType: ['Object Created'],
          detail: {
            bucket: { name: [bucket.bucketName] },
            object: { key: Match.prefix(def.s3KeyPrefix) },
          },
        },
        targets: [new LambdaFunction(fn, { ...EVENT_DELIVERY, deadLetterQueue: deadLetters })],
      });
    }
  }

  /**
   * One state machine per workflow of this capability group, its task functions beside it. The functions that
   * start or answer it are bound by `bindWorkflows` (infra/stacks/assistance.ts), which may be in other stacks.
   */
  private addWorkflows({ workflows, alarmTopic }: RoutesStackProps): void {
    for (const [name, def] of workflows) {
      const workflow = new Workflow(this, `${name}Workflow`, {
        name,
        def,
        table: this.stateful.table,
        bucket: this.stateful.bucket,
      });
      this.workflows[name] = workflow;
      for (const [key, fn] of Object.entries(workflow.functions)) {
        // Throttles only: tasks throw by design, and real failures reach the ExecutionsFailed alarm below.
        alarmOnTaskFunction(this.alarms, `${name}${key}`, fn, alarmTopic);
      }
      alarmOnWorkflow(this.alarms, name, workflow.stateMachine, alarmTopic);
    }
  }
}

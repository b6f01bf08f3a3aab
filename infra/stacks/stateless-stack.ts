/**
 * Functions, the HTTP API and event wiring: everything here can be destroyed and redeployed at will.
 * Built from the one route table (functions/routes.ts): one function and one API route per entry,
 * one function and one EventBridge rule per event handler; and from the one workflow table
 * (functions/workflows.ts): one state machine per workflow. Nothing is declared twice.
 */
import {
  CfnOutput,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type CfnStage,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Match, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { eventHandlers, routes, type Access, type RouteDef } from '#functions/routes';
import { workflows, type WorkflowDef } from '#functions/workflows';
import { bindBucket, bindTable } from '#infra/constructs/bind';
import { HouseFunction, LOG_RETENTION } from '#infra/constructs/house-function';
import { Workflow, bindWorkflow } from '#infra/constructs/workflow';
import type { StatefulResources } from '#infra/stacks/stateful-stack';

export interface StatelessStackProps extends StackProps {
  readonly stateful: StatefulResources;
  /** Browser origins allowed to call the API. @default none (no CORS preflight) */
  readonly allowedOrigins?: readonly string[];
}

/** What a function needs to be built and bound: shared by API routes and event handlers. */
interface FunctionDef {
  handler: string;
  summary: string;
  table?: Access;
  bucket?: Access;
}

/** Default route throttling of the stage: a district's staff and one partner portal, with headroom. */
export const API_THROTTLE = { burstLimit: 200, rateLimit: 100 } as const;

/** One JSON line per request; never bodies or headers, which may carry personal data. */
export const ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
} as const;

/** EventBridge retries delivery for up to this long before the event goes to the DLQ. */
const EVENT_DELIVERY = { retryAttempts: 8, maxEventAge: Duration.hours(2) } as const;

export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly functions: Record<string, HouseFunction> = {};
  readonly workflows: Record<string, Workflow> = {};
  private readonly stateful: StatefulResources;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    // Strong (Export/ImportValue): the stateful stack cannot drop a table or bucket still in use here,
    // and the grants' explicit imports (infra/constructs/nag.ts) use the same mechanism.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    this.stateful = props.stateful;
    this.api = this.createApi(props.allowedOrigins ?? []);
    this.addRoutes();
    this.addEventHandlers();
    this.addWorkflows();
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
  }

  /** One house function per definition, granted exactly what the definition says and nothing else. */
  private boundFunction(name: string, def: FunctionDef): HouseFunction {
    const fn = new HouseFunction(this, name, { module: def.handler, description: def.summary });
    if (def.table) bindTable(fn, { table: this.stateful.table, access: def.table });
    if (def.bucket) bindBucket(fn, { bucket: this.stateful.bucket, access: def.bucket });
    this.functions[name] = fn;
    return fn;
  }

  private createApi(allowedOrigins: readonly string[]): HttpApi {
    const api = new HttpApi(this, 'Api', {
      description: 'Grassroots social-assistance procurement API',
      corsPreflight: allowedOrigins.length
        ? {
            allowOrigins: [...allowedOrigins],
            allowMethods: [CorsHttpMethod.ANY],
            allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match'],
            exposeHeaders: ['ETag', 'Location'],
            maxAge: Duration.hours(1),
          }
        : undefined,
    });
    const stage = api.defaultStage?.node.defaultChild as CfnStage | undefined;
    if (!stage) throw new Error('HttpApi has no default stage');
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: LOG_RETENTION });
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify(ACCESS_LOG_FORMAT),
    };
    stage.defaultRouteSettings = {
      throttlingBurstLimit: API_THROTTLE.burstLimit,
      throttlingRateLimit: API_THROTTLE.rateLimit,
      detailedMetricsEnabled: true,
    };
    return api;
  }

  private addRoutes(): void {
    const { userPool, userClient, portalClient } = this.stateful;
    // Cognito access tokens carry no `aud`; API Gateway then checks `client_id` against the audience.
    const jwt = new HttpJwtAuthorizer(
      'CognitoJwt',
      `https://cognito-idp.${this.region}.${this.urlSuffix}/${userPool.userPoolId}`,
      { jwtAudience: [userClient.userPoolClientId, portalClient.userPoolClientId] },
    );
    const none = new HttpNoneAuthorizer();

    for (const [name, route] of Object.entries(routes) as [string, RouteDef][]) {
      const isPublic = route.auth === 'public';
      const authorizer: IHttpRouteAuthorizer = isPublic ? none : jwt;
      const httpRoutes = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${name}Integration`, this.boundFunction(name, route)),
        authorizer,
      });
      if (isPublic) {
        for (const httpRoute of httpRoutes) {
          Validations.of(httpRoute).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${route.method} ${route.path} is public by design (routes.ts auth: 'public'): read-only, no personal data.`,
          });
        }
      }
    }
  }

  private addEventHandlers(): void {
    const { bucket } = this.stateful;
    for (const [name, def] of Object.entries(eventHandlers)) {
      const fn = this.boundFunction(name, def);
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

  /** One state machine per workflow; the functions the table names may start it or answer its callbacks. */
  private addWorkflows(): void {
    for (const [name, def] of Object.entries(workflows) as [string, WorkflowDef][]) {
      const workflow = new Workflow(this, `${name}Workflow`, {
        name,
        def,
        table: this.stateful.table,
        bucket: this.stateful.bucket,
      });
      this.workflows[name] = workflow;
      const bind = (functionName: string, access: { start?: boolean; respond?: boolean }) => {
        const fn = this.functions[functionName];
        if (!fn) throw new Error(`workflow ${name}: no function ${functionName} in the route table`);
        bindWorkflow(fn, workflow, access);
      };
      for (const functionName of def.startedBy ?? []) bind(functionName, { start: true });
      for (const functionName of def.callbacks ?? []) bind(functionName, { respond: true });
    }
  }
}

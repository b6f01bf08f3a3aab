/**
 * The one HTTP API and its one JWT authorizer (issue 9 §1). Routes are not built here: each capability's
 * routes stack adds its own `HttpRoute`s (aws-cdk#18006), and the authorizer is created here, beside the API,
 * and handed to them as an imported reference, so no routes stack constructs it (aws-cdk#18742).
 *
 * The `$default` stage is built by `ApiStageStack`, deployed after the routes stacks (issue 11 §3): its per-route
 * throttles name route keys, and API Gateway refuses a stage whose RouteSettings name a route not yet created.
 */
import {
  CfnOutput,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpStage,
  type CfnStage,
  type IHttpApi,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { RouteDef } from '#functions/routes';
import {
  CORS_ALLOW_HEADERS,
  CORS_ALLOW_METHODS,
  CORS_EXPOSE_HEADERS,
  CORS_MAX_AGE_SECONDS,
} from '#infra/local/cors';
import { LOG_RETENTION } from '#infra/constructs/house-function';
import type { StatefulResources } from '#infra/stacks/stateful-stack';

export interface ApiStackProps extends StackProps {
  readonly stateful: StatefulResources;
  /**
   * Browser origins allowed to call the API (context `allowedOrigins`, issue 12 §5): exact https origins, http for
   * localhost only, never a wildcard (checked by addAssistanceStacks, infra/local/cors.ts deploymentOrigins). @default none (no CORS: a browser
   * portal cannot call the API)
   */
  readonly allowedOrigins?: readonly string[];
}

/** Default route throttling of the stage: a district's staff and one partner portal, with headroom. */
export const API_THROTTLE = { burstLimit: 200, rateLimit: 100 } as const;

/**
 * Per-route throttles (issue 11 §3; a route's limit on an HTTP API is shared by every caller, the per-caller limit
 * is the token bucket of shared/http/rate-limit.ts). The routes that write a bid get a limit far above any honest
 * rush (50 bidders), so that the per-caller bucket, not this shared limit, is what a hostile contractor meets: a
 * refusal by the bucket costs its function milliseconds of the 50 it holds (infra/constructs/rush-limits.ts). A
 * caller above this rate still takes the route's quota from everyone (review of issue 11; docs/architecture.md says
 * what would close that). Public routes get less, so scraping the public feed cannot take the concurrency bids need.
 */
export const BID_ROUTE_THROTTLE = { burstLimit: 4000, rateLimit: 2000 } as const;
export const PUBLIC_ROUTE_THROTTLE = { burstLimit: 40, rateLimit: 20 } as const;

/** A contractor writing its bid or a bid document (the deadline rush). */
export const isBidWrite = (route: RouteDef) =>
  route.handler.startsWith('functions/bids/') &&
  (route.method === 'PUT' || route.method === 'POST') &&
  route.auth !== 'public' &&
  route.auth.includes('contractor');

/** Route key → throttle, for every route that does not run on the stage's default. */
export function routeThrottles(
  routes: Record<string, RouteDef>,
): Record<string, { burstLimit: number; rateLimit: number }> {
  const throttles: Record<string, { burstLimit: number; rateLimit: number }> = {};
  for (const route of Object.values(routes)) {
    const throttle = isBidWrite(route)
      ? BID_ROUTE_THROTTLE
      : route.auth === 'public'
        ? PUBLIC_ROUTE_THROTTLE
        : undefined;
    if (throttle) throttles[`${route.method} ${route.path}`] = throttle;
  }
  return throttles;
}

/**
 * One JSON line per request; never bodies or headers, which may carry personal data. Never the caller's `sub`
 * either (review of issue 11): with the route key and the time it said who bid before the deadline, to anyone
 * reading the access logs. An operator correlates a request with its function's log by `requestId`.
 */
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
} as const;

export class ApiStack extends Stack {
  readonly api: HttpApi;
  /** The Cognito JWT authorizer itself (its resource lives here). */
  readonly jwtAuthorizer: HttpAuthorizer;
  /** What routes stacks attach: a reference to `jwtAuthorizer`, so binding it constructs nothing. */
  readonly authorizer: IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    // Strong (Export/ImportValue): a routes stack cannot be left pointing at an API or authorizer that is gone.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    this.api = this.createApi(props.allowedOrigins ?? []);
    const { userPool, userClient, portalClient } = props.stateful;
    // Cognito access tokens carry no `aud`; API Gateway then checks `client_id` against the audience. A Cognito ID
    // token's `aud` is the user client's id, so it passes this authorizer too (no audience or issuer tells the two
    // apart): every handler refuses it by its `token_use` (shared/http/principal.ts, issue 11 §2), as on the
    // embedded stack. Refusing it here as well needs route scopes (authorizationScopes), which ID tokens lack.
    this.jwtAuthorizer = new HttpAuthorizer(this, 'CognitoJwt', {
      httpApi: this.api,
      type: HttpAuthorizerType.JWT,
      authorizerName: 'CognitoJwt',
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: `https://cognito-idp.${this.region}.${this.urlSuffix}/${userPool.userPoolId}`,
      jwtAudience: [userClient.userPoolClientId, portalClient.userPoolClientId],
    });
    this.authorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'CognitoJwtReference', {
      authorizerId: this.jwtAuthorizer.authorizerId,
      authorizerType: HttpAuthorizerType.JWT,
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
  }

  private createApi(allowedOrigins: readonly string[]): HttpApi {
    const api = new HttpApi(this, 'Api', {
      description: 'Grassroots social-assistance procurement API',
      // ApiStageStack builds the $default stage once the routes exist.
      createDefaultStage: false,
      // API Gateway answers the preflight itself and adds Allow-Origin and Expose-Headers to every answer of an
      // allowed origin (the embedded stack's gateway does the same from the same lists). No credentials: the API
      // reads a bearer token, never a cookie.
      corsPreflight: allowedOrigins.length
        ? {
            allowOrigins: [...allowedOrigins],
            allowMethods: CORS_ALLOW_METHODS.map((method) => CorsHttpMethod[method]),
            allowHeaders: [...CORS_ALLOW_HEADERS],
            exposeHeaders: [...CORS_EXPOSE_HEADERS],
            allowCredentials: false,
            maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
          }
        : undefined,
    });
    return api;
  }
}

export interface ApiStageStackProps extends StackProps {
  readonly api: IHttpApi;
  /** The route table: which routes get throttles of their own. */
  readonly routes: Record<string, RouteDef>;
}

/**
 * The API's `$default` stage, deployed after every routes stack: it deploys automatically (routes added later go
 * live without touching it), logs every request as one JSON line, throttles by default and per route.
 */
export class ApiStageStack extends Stack {
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: ApiStageStackProps) {
    super(scope, id, props);
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: props.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
    });
    const stage = this.stage.node.defaultChild as CfnStage;
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
    // A route's settings replace the default's whole: detailed metrics are repeated. RouteSettings is a free-form
    // map in the L1 (keys are route keys), so its values are written as CloudFormation spells them.
    stage.routeSettings = Object.fromEntries(
      Object.entries(routeThrottles(props.routes)).map(([routeKey, throttle]) => [
        routeKey,
        {
          ThrottlingBurstLimit: throttle.burstLimit,
          ThrottlingRateLimit: throttle.rateLimit,
          DetailedMetricsEnabled: true,
        },
      ]),
    );
  }
}

/**
 * The one HTTP API and its one JWT authorizer (issue 9 §1). Routes are not built here: each capability's
 * routes stack adds its own `HttpRoute`s (aws-cdk#18006), and the authorizer is created here, beside the API,
 * and handed to them as an imported reference, so no routes stack constructs it (aws-cdk#18742).
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
  type CfnStage,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { LOG_RETENTION } from '#infra/constructs/house-function';
import type { StatefulResources } from '#infra/stacks/stateful-stack';

export interface ApiStackProps extends StackProps {
  readonly stateful: StatefulResources;
  /** Browser origins allowed to call the API. @default none (no CORS preflight) */
  readonly allowedOrigins?: readonly string[];
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
    // The default stage deploys automatically, so routes added by other stacks go live without touching this one.
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
}

import { readFileSync } from 'node:fs';
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { eventHandlers, routes, type RouteDef } from '#functions/routes';
import { LOG_RETENTION } from '#infra/constructs/house-function';
import { addAssistanceStacks } from '#infra/stacks/assistance';
import { API_THROTTLE } from '#infra/stacks/stateless-stack';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context?: Record<string, unknown>;
};
// The deployed wiring with cdk.json's feature flags; bundling skipped, so no esbuild run in tests.
const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const { stateful, stateless } = addAssistanceStacks(app);
const template = Template.fromStack(stateless);
const statefulTemplate = Template.fromStack(stateful);

const routeEntries = Object.entries(routes) as [string, RouteDef][];
const publicRoutes = routeEntries.filter(([, route]) => route.auth === 'public');
const protectedRoutes = routeEntries.filter(([, route]) => route.auth !== 'public');

const TABLE_WRITES = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:TransactWriteItems',
  'dynamodb:ConditionCheckItem',
];
const BUCKET_WRITES = ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'];

const logicalId = (stack: Stack, construct: IConstruct) =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);

function functionOf(name: string) {
  const fn = stateless.functions[name];
  if (!fn?.role) throw new Error(`no function ${name}`);
  return { fn, functionId: logicalId(stateless, fn), roleId: logicalId(stateless, fn.role) };
}

/** Every action any policy attached to the function's role allows (wildcards left as written). */
function allowedActions(name: string): string[] {
  const { roleId } = functionOf(name);
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  return Object.values(policies)
    .flatMap(
      (policy) =>
        policy.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[] }[],
    )
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) => [statement.Action].flat());
}

function environmentOf(name: string): Record<string, unknown> {
  const { functionId } = functionOf(name);
  const resource = template.findResources('AWS::Lambda::Function')[functionId];
  return resource?.Properties.Environment.Variables ?? {};
}

describe('house functions (both stacks)', () => {
  it.each([
    ['stateful', statefulTemplate],
    ['stateless', template],
  ])('every function in the %s stack runs Node 24 on arm64 with active tracing and source maps', (_, t) => {
    const functions = Object.values(t.findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: 1024,
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
        LoggingConfig: { LogGroup: expect.anything() },
      });
    }
  });

  it.each([
    ['stateful', statefulTemplate],
    ['stateless', template],
  ])('every log group in the %s stack has a retention period', (_, t) => {
    const groups = Object.values(t.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(LOG_RETENTION);
  });

  it('defaults to a 10 s timeout', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 10 });
  });
});

describe('one function per route, bound as the route table says', () => {
  it.each(routeEntries)('%s: table access set iff declared, with TABLE_NAME', (name, route) => {
    const actions = allowedActions(name);
    const environment = environmentOf(name);
    if (route.table) {
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      expect(environment.TABLE_NAME).toBeDefined();
    } else {
      expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
      expect(environment.TABLE_NAME).toBeUndefined();
    }
    const writes = actions.filter((action) => TABLE_WRITES.includes(action));
    if (route.table === 'readwrite') expect(writes).toContain('dynamodb:PutItem');
    else expect(writes).toEqual([]);
  });

  it.each(routeEntries)('%s: bucket access set iff declared, with BUCKET_NAME', (name, route) => {
    const actions = allowedActions(name);
    const environment = environmentOf(name);
    if (route.bucket) {
      expect(actions).toContain('s3:GetObject');
      expect(environment.BUCKET_NAME).toBeDefined();
    } else {
      expect(actions.filter((action) => action.startsWith('s3:'))).toEqual([]);
      expect(environment.BUCKET_NAME).toBeUndefined();
    }
    const writes = actions.filter((action) => BUCKET_WRITES.includes(action));
    if (route.bucket === 'readwrite') expect(writes).toEqual(['s3:PutObject']);
    else expect(writes).toEqual([]);
  });

  it('getContractor (read-only) cannot write to the table', () => {
    const actions = allowedActions('getContractor');
    expect(actions).toContain('dynamodb:GetItem');
    expect(actions).not.toContain('dynamodb:PutItem');
    expect(actions).not.toContain('dynamodb:TransactWriteItems');
  });

  it('no function may Scan the table (architecture.md: no Scan)', () => {
    for (const [name] of routeEntries) expect(allowedActions(name)).not.toContain('dynamodb:Scan');
  });
});

describe('HTTP API', () => {
  it('has exactly the routes of the route table', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.RouteKey as string,
    );
    expect(routeKeys.sort()).toEqual(routeEntries.map(([, route]) => `${route.method} ${route.path}`).sort());
  });

  it.each(protectedRoutes)('%s requires a JWT', (_, route) => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: `${route.method} ${route.path}`,
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: Match.anyValue() },
    });
  });

  it.each(publicRoutes)('%s is public (no authorizer)', (_, route) => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: `${route.method} ${route.path}`,
      AuthorizationType: 'NONE',
      AuthorizerId: Match.absent(),
    });
  });

  it('verifies JWTs from the user pool for both app clients', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: {
          'Fn::Join': [
            '',
            Match.arrayWith(['https://cognito-idp.', { Ref: 'AWS::Region' }, { Ref: 'AWS::URLSuffix' }]),
          ],
        },
        Audience: [
          { 'Fn::ImportValue': Match.stringLikeRegexp('UserClient') },
          { 'Fn::ImportValue': Match.stringLikeRegexp('PortalClient') },
        ],
      },
    });
  });

  it('logs every request as JSON on the default stage and throttles by default', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
        Format: Match.serializedJson(
          Match.objectLike({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
      DefaultRouteSettings: Match.objectLike({
        ThrottlingBurstLimit: API_THROTTLE.burstLimit,
        ThrottlingRateLimit: API_THROTTLE.rateLimit,
      }),
    });
  });
});

describe.each(Object.entries(eventHandlers))('event handler %s', (name, def) => {
  it('is bound as declared', () => {
    const actions = allowedActions(name);
    expect(actions.includes('dynamodb:PutItem')).toBe(def.table === 'readwrite');
    expect(actions.includes('s3:GetObject')).toBe(def.bucket !== undefined);
    expect(actions.includes('s3:PutObject')).toBe(false);
  });

  it('runs on S3 "Object Created" under its key prefix in the document bucket, with retries and a DLQ', () => {
    const { functionId } = functionOf(name);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: {
          bucket: { name: [stateless.resolve(stateful.bucket.bucketName)] },
          object: { key: [{ prefix: def.s3KeyPrefix }] },
        },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [functionId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: Match.anyValue(), MaximumEventAgeInSeconds: Match.anyValue() },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${name}DeadLetters`), 'Arn'] } },
        }),
      ],
    });
  });

  it('sends failed invocations to the same encrypted, TLS-only dead-letter queue', () => {
    const { functionId } = functionOf(name);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId },
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${name}DeadLetters`), 'Arn'] } },
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('browser origins (context `allowedOrigins`)', () => {
  const origins = ['https://portal.example.cn', 'https://staff.example.cn'];
  const withOrigins = new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], allowedOrigins: origins.join(',') },
  });
  const stacks = addAssistanceStacks(withOrigins);

  it('lets those origins POST presigned uploads to the document bucket', () => {
    Template.fromStack(stacks.stateful).hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      CorsConfiguration: {
        CorsRules: [Match.objectLike({ AllowedMethods: ['POST'], AllowedOrigins: origins })],
      },
    });
  });

  it('lets those origins call the API, and no CORS is configured without them', () => {
    Template.fromStack(stacks.stateless).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: origins }),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
    statefulTemplate.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      CorsConfiguration: Match.absent(),
    });
  });
});

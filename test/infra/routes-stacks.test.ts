import { auditArchiveFunctions } from '#functions/audit-archive/functions';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { eventHandlers, routes, tableRightsOf, type RouteDef } from '#functions/routes';
import { workflows } from '#functions/workflows';
import { LOG_RETENTION } from '#infra/constructs/house-function';
import { API_THROTTLE } from '#infra/stacks/api-stack';
import { STACK_NAMES } from '#infra/stacks/assistance';
import {
  CAPABILITY_STACKS,
  RESOURCE_BUDGET,
  assertCapabilitiesListedOnce,
  stackOf,
  workflowStackOf,
} from '#infra/stacks/capabilities';
import { buildDeployment, importOf, logicalId } from './deployment';

const deployment = buildDeployment();
const { stateful, api, all, templateOf, functionOf } = deployment;
const apiTemplate = templateOf(api);
const statefulTemplate = templateOf(stateful);

const routeEntries = Object.entries(routes) as [string, RouteDef][];
const publicRoutes = routeEntries.filter(([, route]) => route.auth === 'public');
const protectedRoutes = routeEntries.filter(([, route]) => route.auth !== 'public');
const routeKey = (route: RouteDef) => `${route.method} ${route.path}`;

const TABLE_WRITES = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:TransactWriteItems',
  'dynamodb:ConditionCheckItem',
];
const BUCKET_WRITES = ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'];

function located(name: string) {
  const { stack, fn } = functionOf(name);
  if (!fn.role) throw new Error(`no role for ${name}`);
  return { stack, template: templateOf(stack), functionId: logicalId(fn), roleId: logicalId(fn.role) };
}

/** Every action any policy attached to the function's role allows (wildcards left as written). */
function allowedActions(name: string): string[] {
  const { template, roleId } = located(name);
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
  const { template, functionId } = located(name);
  const resource = template.findResources('AWS::Lambda::Function')[functionId];
  return resource?.Properties.Environment.Variables ?? {};
}

/** The logical id of the function the user pool calls before it issues a token, in a stack that has one. */
function preTokenTriggerOf(t: Template): string | undefined {
  const pools = Object.values(t.findResources('AWS::Cognito::UserPool'));
  const arn = pools.map((pool) => pool.Properties.LambdaConfig?.PreTokenGenerationConfig?.LambdaArn)[0] as
    { 'Fn::GetAtt': [string, string] } | undefined;
  return arn?.['Fn::GetAtt'][0];
}

const tableName = importOf(statefulTemplate, logicalId(stateful.table));
const bucketName = importOf(statefulTemplate, logicalId(stateful.bucket));

const stacksWithFunctions = all
  .map((stack) => [stack.stackName, templateOf(stack)] as [string, Template])
  .filter(([, template]) => Object.keys(template.findResources('AWS::Lambda::Function')).length > 0);

describe('the stacks (issue 9 §1)', () => {
  it('are the stateful, API and operations stacks and one routes stack per capability group', () => {
    expect(all.map((stack) => stack.stackName).sort()).toEqual(Object.values(STACK_NAMES).sort());
  });

  it.each(all.map((stack) => [stack.stackName, stack] as const))(
    `%s holds at most ${RESOURCE_BUDGET} CloudFormation resources`,
    (name, stack) => {
      const count = Object.keys(templateOf(stack).toJSON().Resources ?? {}).length;
      expect(count, `${name}: ${count} resources`).toBeLessThanOrEqual(RESOURCE_BUDGET);
    },
  );

  it('fails the synth for a capability that has no stack, naming where to add it', () => {
    expect(() => stackOf('functions/delivery/accept-delivery')).toThrow(
      /capability "delivery" .* has no stack: add it to CAPABILITY_STACKS/,
    );
    expect(() => stackOf('shared/elsewhere')).toThrow(/functions\/<capability>/);
  });

  it('fails the synth for a capability listed in two stacks, instead of sending it to the first', () => {
    expect(() => assertCapabilitiesListedOnce()).not.toThrow();
    const twice = {
      ...CAPABILITY_STACKS,
      Delivery: { capabilities: ['delivery', 'bids'], description: 'x' },
    };
    expect(() => assertCapabilitiesListedOnce(twice)).toThrow(
      /lists a capability in more than one stack: "bids" in Procurement and Delivery/,
    );
  });

  it('keeps a workflow with its task functions, and refuses tasks split across stacks', () => {
    expect(workflowStackOf('procurement', workflows.procurement)).toBe('Procurement');
    const split = {
      ...workflows.probe,
      tasks: {
        A: { handler: 'functions/bids/x', summary: 'x' },
        B: { handler: 'functions/budget/y', summary: 'y' },
      },
    };
    expect(() => workflowStackOf('split', split)).toThrow(/must live in one capability stack/);
  });

  it('puts each route in the stack of its capability folder', () => {
    for (const [name, route] of routeEntries) {
      expect(functionOf(name).stack.stackName, name).toBe(STACK_NAMES[stackOf(route.handler)]);
    }
  });
});

describe('house functions (every stack)', () => {
  it.each(stacksWithFunctions)(
    'every function in %s runs Node 24 on arm64 with active tracing and its own log group',
    (_, t) => {
      const functions = Object.values(t.findResources('AWS::Lambda::Function'));
      const logGroups = t.findResources('AWS::Logs::LogGroup');
      const groupsUsed = new Set<string>();
      for (const fn of functions) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
          MemorySize: 1024,
          LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
        });
        // Its own: a log group of this stack that no other function writes to.
        const group = (fn.Properties.LoggingConfig.LogGroup as { Ref: string }).Ref;
        expect(Object.keys(logGroups)).toContain(group);
        groupsUsed.add(group);
      }
      expect(groupsUsed.size).toBe(functions.length);
    },
  );

  it.each(stacksWithFunctions)('every log group in %s has a retention period', (_, t) => {
    for (const group of Object.values(t.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBe(LOG_RETENTION);
    }
  });

  // Every function, not one: a single function left at another timeout fails (issue 10 §2). The Cognito
  // pre-token trigger alone is given 5 s (stateful-stack.ts): Cognito waits at most 5 s for a trigger.
  it.each(stacksWithFunctions)(
    'every function in %s has a 10 s timeout (the pre-token trigger 5 s)',
    (_, t) => {
      const functions = Object.entries(t.findResources('AWS::Lambda::Function'));
      const trigger = preTokenTriggerOf(t);
      for (const [id, fn] of functions) {
        expect(fn.Properties.Timeout, id).toBe(id === trigger ? 5 : 10);
      }
    },
  );

  it('gives the 5 s exception to the pre-token trigger alone, and every other function 10 s', () => {
    const timeouts = stacksWithFunctions.flatMap(([, t]) =>
      Object.values(t.findResources('AWS::Lambda::Function')).map((fn) => fn.Properties.Timeout as number),
    );
    // One function per route and event handler, one per workflow task, the trigger, the audit archiver and digest.
    const taskCount = Object.values(workflows).reduce((n, w) => n + Object.keys(w.tasks).length, 0);
    const expected =
      routeEntries.length +
      Object.keys(eventHandlers).length +
      taskCount +
      1 +
      Object.keys(auditArchiveFunctions).length;
    expect(timeouts).toHaveLength(expected);
    expect(timeouts.filter((timeout) => timeout === 10)).toHaveLength(expected - 1);
    expect(timeouts.filter((timeout) => timeout === 5)).toHaveLength(1);
  });
});

describe('one function per route, bound as the route table says', () => {
  it.each(routeEntries)('%s: table access set iff declared, with TABLE_NAME', (name, route) => {
    const actions = allowedActions(name);
    const environment = environmentOf(name);
    if (route.table) {
      // Which actions, on which partitions: test/infra/least-privilege.test.ts.
      expect(actions.some((action) => action.startsWith('dynamodb:'))).toBe(true);
      expect(environment.TABLE_NAME).toEqual(tableName);
    } else {
      expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
      expect(environment.TABLE_NAME).toBeUndefined();
    }
    const writes = actions.filter((action) => TABLE_WRITES.includes(action));
    // Which writes, on which partitions: test/infra/least-privilege.test.ts. A route that puts nothing may still
    // update its caller's RATE# bucket (issue 11 §3), and nothing else.
    const rights = tableRightsOf(route);
    if (rights?.put) expect(writes).toContain('dynamodb:PutItem');
    else expect(writes).toEqual(rights?.update ? ['dynamodb:UpdateItem'] : []);
  });

  it.each(routeEntries)('%s: bucket access set iff declared, with BUCKET_NAME', (name, route) => {
    const actions = allowedActions(name);
    const environment = environmentOf(name);
    if (route.bucket) {
      expect(actions.some((action) => action.startsWith('s3:'))).toBe(true);
      expect(environment.BUCKET_NAME).toEqual(bucketName);
    } else {
      expect(actions.filter((action) => action.startsWith('s3:'))).toEqual([]);
      expect(environment.BUCKET_NAME).toBeUndefined();
    }
    const writes = actions.filter((action) => BUCKET_WRITES.includes(action));
    if (route.bucket && 'put' in route.bucket) expect(writes).toEqual(['s3:PutObject']);
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

describe('the one HTTP API and its one authorizer (issue 9 §1)', () => {
  const apiId = importOf(apiTemplate, logicalId(api.api));
  const authorizerId = importOf(apiTemplate, logicalId(api.jwtAuthorizer));
  const allRoutes = all.flatMap((stack) =>
    Object.values(templateOf(stack).findResources('AWS::ApiGatewayV2::Route')).map((resource) => ({
      stack: stack.stackName,
      properties: resource.Properties as Record<string, unknown>,
    })),
  );
  const routesWithKey = (key: string) => allRoutes.filter(({ properties }) => properties.RouteKey === key);

  it('has exactly the routes of the route table, each key once across all stacks', () => {
    const keys = allRoutes.map(({ properties }) => properties.RouteKey as string);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(routeEntries.map(([, route]) => routeKey(route)).sort());
  });

  it('builds no route in the API stack (aws-cdk#18006)', () => {
    expect(apiTemplate.findResources('AWS::ApiGatewayV2::Route')).toEqual({});
  });

  it.each(routeEntries)('%s is a route of the one API, in its capability stack', (_, route) => {
    const [found, ...others] = routesWithKey(routeKey(route));
    expect(others).toEqual([]);
    expect(found?.stack).toBe(STACK_NAMES[stackOf(route.handler)]);
    expect(found?.properties.ApiId).toEqual(apiId);
  });

  it.each(protectedRoutes)('%s requires a JWT from the one authorizer', (_, route) => {
    expect(routesWithKey(routeKey(route))[0]?.properties).toMatchObject({
      AuthorizationType: 'JWT',
      AuthorizerId: authorizerId,
    });
  });

  it.each(publicRoutes)('%s is public (no authorizer)', (_, route) => {
    const properties = routesWithKey(routeKey(route))[0]?.properties;
    expect(properties?.AuthorizationType).toBe('NONE');
    expect(properties?.AuthorizerId).toBeUndefined();
  });

  it('has exactly one authorizer, in the API stack: JWTs from the user pool for both app clients', () => {
    for (const stack of all.filter((candidate) => candidate !== api)) {
      expect(templateOf(stack).findResources('AWS::ApiGatewayV2::Authorizer'), stack.stackName).toEqual({});
    }
    apiTemplate.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    apiTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
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

  it('invokes each route function only from the one API', () => {
    for (const [name] of routeEntries) {
      const { template, functionId } = located(name);
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
        SourceArn: { 'Fn::Join': ['', Match.arrayWith([apiId])] },
      });
    }
  });

  it('deploys its default stage automatically, logs every request as JSON and throttles by default', () => {
    // The stage is built after the routes stacks (issue 11 §3, test/infra/rush-limits.test.ts).
    templateOf(deployment.stage).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
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

  it('outputs the API URL', () => {
    apiTemplate.hasOutput('ApiUrl', { Value: Match.anyValue() });
  });
});

describe.each(Object.entries(eventHandlers))('event handler %s', (name, def) => {
  it('is bound as declared', () => {
    const actions = allowedActions(name);
    expect(actions.includes('dynamodb:PutItem')).toBe((def.table.put?.length ?? 0) > 0);
    expect(actions.includes('s3:GetObject')).toBe(def.bucket !== undefined);
    expect(actions.includes('s3:PutObject')).toBe(false);
  });

  it('runs on S3 "Object Created" under its key prefix in the document bucket, with retries and a DLQ', () => {
    const { stack, template, functionId } = located(name);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: {
          bucket: { name: [importOf(statefulTemplate, logicalId(stateful.bucket))] },
          object: { key: [{ prefix: def.s3KeyPrefix }] },
        },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [functionId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: Match.anyValue(), MaximumEventAgeInSeconds: Match.anyValue() },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(stack.deadLetterQueues[name]!), 'Arn'] } },
        }),
      ],
    });
  });

  it('sends failed invocations to the same encrypted, TLS-only dead-letter queue', () => {
    const { stack, template, functionId } = located(name);
    const queueId = logicalId(stack.deadLetterQueues[name]!);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId },
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    // Under the queues' customer key (issue 11 §6, infra/constructs/customer-keys.ts).
    const queue = template.findResources('AWS::SQS::Queue')[queueId];
    expect(queue?.Properties).toMatchObject({ KmsMasterKeyId: expect.anything() });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
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
  const withOrigins = buildDeployment({ allowedOrigins: origins.join(',') });

  it('lets those origins POST presigned uploads to the document bucket', () => {
    withOrigins.templateOf(withOrigins.stateful).hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      CorsConfiguration: {
        CorsRules: [Match.objectLike({ AllowedMethods: ['POST'], AllowedOrigins: origins })],
      },
    });
  });

  it('lets those origins call the API, and no CORS is configured without them', () => {
    withOrigins.templateOf(withOrigins.api).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: origins }),
    });
    apiTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
    statefulTemplate.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      CorsConfiguration: Match.absent(),
    });
  });
});

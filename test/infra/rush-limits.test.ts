/**
 * The deadline rush on AWS (issue 11 §3): per-route throttles on the stage, reserved concurrency that caps public
 * functions and holds some for bids, bid functions no slower to time out than CloseBidding waits for, and an access
 * log that does not name the caller (review of issue 11).
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routes, type RouteDef } from '#functions/routes';
import { BID_FUNCTION_CONCURRENCY, PUBLIC_FUNCTION_CONCURRENCY } from '#infra/constructs/rush-limits';
import {
  ACCESS_LOG_FORMAT,
  API_THROTTLE,
  BID_ROUTE_THROTTLE,
  PUBLIC_ROUTE_THROTTLE,
} from '#infra/stacks/api-stack';
import { BID_FUNCTION_TIMEOUT_SECONDS } from '#shared/domain/bid-closing';
import { buildDeployment, logicalId } from './deployment';

const deployment = buildDeployment();
const { api, stage, routeStacks, templateOf, functionOf } = deployment;
const stageTemplate = templateOf(stage);
const routeEntries = Object.entries(routes) as [string, RouteDef][];
const routeKey = (route: RouteDef) => `${route.method} ${route.path}`;
const BID_WRITES = ['submitBid', 'requestBidDocumentUpload'];
const publicRoutes = routeEntries.filter(([, route]) => route.auth === 'public').map(([name]) => name);

function functionProperties(name: string): Record<string, unknown> {
  const { stack, fn } = functionOf(name);
  const resource = templateOf(stack).findResources('AWS::Lambda::Function')[logicalId(fn)];
  if (!resource) throw new Error(`no function resource for ${name}`);
  return resource.Properties as Record<string, unknown>;
}

const stageProperties = () => {
  const stages = Object.values(stageTemplate.findResources('AWS::ApiGatewayV2::Stage'));
  expect(stages).toHaveLength(1);
  return stages[0]!.Properties as {
    AccessLogSettings: { Format: string };
    RouteSettings: Record<string, { ThrottlingBurstLimit: number; ThrottlingRateLimit: number }>;
  };
};

describe('per-route throttles (issue 11 §3)', () => {
  it('the stage is built after every routes stack (its route settings name their routes) and the API stack has none', () => {
    templateOf(api).resourceCountIs('AWS::ApiGatewayV2::Stage', 0);
    stageTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: Match.objectLike({
        ThrottlingBurstLimit: API_THROTTLE.burstLimit,
        ThrottlingRateLimit: API_THROTTLE.rateLimit,
      }),
    });
    for (const stack of Object.values(routeStacks)) expect(stage.dependencies).toContain(stack);
  });

  it('the routes that write a bid have their own throttle, above the default', () => {
    const settings = stageProperties().RouteSettings;
    for (const name of BID_WRITES) {
      expect(settings[routeKey(routes[name as keyof typeof routes] as RouteDef)]).toEqual({
        ThrottlingBurstLimit: BID_ROUTE_THROTTLE.burstLimit,
        ThrottlingRateLimit: BID_ROUTE_THROTTLE.rateLimit,
        DetailedMetricsEnabled: true,
      });
    }
    expect(BID_ROUTE_THROTTLE.rateLimit).toBeGreaterThan(API_THROTTLE.rateLimit);
  });

  it('every public route is throttled lower than the default; other routes keep the default', () => {
    const settings = stageProperties().RouteSettings;
    for (const name of publicRoutes) {
      expect(settings[routeKey(routes[name as keyof typeof routes] as RouteDef)]).toEqual({
        ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit,
        ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit,
        DetailedMetricsEnabled: true,
      });
    }
    expect(PUBLIC_ROUTE_THROTTLE.rateLimit).toBeLessThan(API_THROTTLE.rateLimit);
    expect(Object.keys(settings).sort()).toEqual(
      [...BID_WRITES, ...publicRoutes]
        .map((name) => routeKey(routes[name as keyof typeof routes] as RouteDef))
        .sort(),
    );
  });
});

describe('reserved concurrency (issue 11 §3)', () => {
  it.each(publicRoutes)('public function %s is capped', (name) => {
    expect(functionProperties(name).ReservedConcurrentExecutions).toBe(PUBLIC_FUNCTION_CONCURRENCY);
  });

  it.each(BID_WRITES)('bid function %s holds concurrency of its own', (name) => {
    expect(functionProperties(name).ReservedConcurrentExecutions).toBe(BID_FUNCTION_CONCURRENCY);
  });

  it('no other route function reserves any (the rest share the pool)', () => {
    const others = routeEntries
      .map(([name]) => name)
      .filter((name) => !BID_WRITES.includes(name) && !publicRoutes.includes(name));
    expect(
      others.filter((name) => functionProperties(name).ReservedConcurrentExecutions !== undefined),
    ).toEqual([]);
  });
});

describe('bids in flight at the close (issue 11 §3, R-PROC-1)', () => {
  it.each(BID_WRITES)('%s times out within the time CloseBidding waits for it', (name) => {
    expect(functionProperties(name).Timeout).toBeLessThanOrEqual(BID_FUNCTION_TIMEOUT_SECONDS);
  });
});

describe('access log (review of issue 11)', () => {
  it('names no caller: neither the sub nor any other claim of the token', () => {
    const format = stageProperties().AccessLogSettings.Format;
    expect(format).not.toMatch(/claims|sub/);
    expect(JSON.parse(format)).toEqual(ACCESS_LOG_FORMAT);
    expect(JSON.stringify(ACCESS_LOG_FORMAT)).not.toMatch(/\$context\.authorizer\.claims/);
  });
});

/**
 * Issue 12 §5: CORS from one deployment setting (context `allowedOrigins`) on the HTTP API and on the document
 * bucket (the presigned POST from a portal's page), from the one policy the embedded stack answers with too
 * (infra/local/cors.ts). The guards on the setting itself are in production-guards.test.ts.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#functions/routes';
import { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS, CORS_EXPOSE_HEADERS } from '#infra/local/cors';
import { buildDeployment } from './deployment';

const ORIGINS = ['https://portal.example.com', 'https://second-portal.example.org', 'http://localhost:5173'];

describe('with allowedOrigins', () => {
  let deployment: ReturnType<typeof buildDeployment>;
  beforeAll(() => {
    deployment = buildDeployment({ allowedOrigins: ORIGINS.join(',') });
    // The synth is the slow part: in the hook, whose timeout is longer than a test's.
    deployment.templateOf(deployment.api);
  });

  it('the HTTP API answers preflights for exactly those origins, with what a portal sends and reads', () => {
    deployment.templateOf(deployment.api).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ORIGINS,
        AllowMethods: Match.arrayWith(['GET', 'POST', 'PUT']),
        AllowHeaders: [...CORS_ALLOW_HEADERS],
        ExposeHeaders: [...CORS_EXPOSE_HEADERS],
        AllowCredentials: false,
        MaxAge: 3600,
      },
    });
  });

  it('a portal may send the bearer token, JSON, Idempotency-Key, If-Match, If-None-Match, On-Behalf-Of; read ETag, Location, Idempotency-Replayed, Retry-After', () => {
    expect(CORS_ALLOW_HEADERS).toEqual(
      expect.arrayContaining([
        'authorization',
        'content-type',
        'idempotency-key',
        'if-match',
        'if-none-match',
        'on-behalf-of',
      ]),
    );
    expect(CORS_EXPOSE_HEADERS).toEqual(
      expect.arrayContaining(['etag', 'location', 'idempotency-replayed', 'retry-after']),
    );
  });

  it('every method of the route table is allowed', () => {
    const methods = new Set(Object.values(routes).map((route) => route.method));
    for (const method of methods) expect(CORS_ALLOW_METHODS, method).toContain(method);
  });

  it('the document bucket lets those origins POST an upload form, and read its ETag and Location', () => {
    deployment.templateOf(deployment.stateful).hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          {
            AllowedMethods: ['POST'],
            AllowedOrigins: ORIGINS,
            AllowedHeaders: ['*'],
            ExposedHeaders: ['etag', 'location'],
            MaxAge: 3600,
          },
        ],
      },
    });
    // Only the document bucket: the audit archive and the access logs are never posted to from a browser.
    const withCors = deployment
      .templateOf(deployment.stateful)
      .findResources('AWS::S3::Bucket', { Properties: { CorsConfiguration: Match.anyValue() } });
    expect(Object.keys(withCors)).toHaveLength(1);
  });
});

describe("without allowedOrigins (the repo's cdk.json)", () => {
  let deployment: ReturnType<typeof buildDeployment>;
  beforeAll(() => {
    deployment = buildDeployment();
    deployment.templateOf(deployment.api);
  });

  it('neither the API nor any bucket has a CORS configuration: no browser origin is let in by default', () => {
    const api = deployment.templateOf(deployment.api).findResources('AWS::ApiGatewayV2::Api') as Record<
      string,
      { Properties: Record<string, unknown> }
    >;
    expect(Object.values(api).map((resource) => resource.Properties.CorsConfiguration)).toEqual([undefined]);
    expect(
      deployment
        .templateOf(deployment.stateful)
        .findResources('AWS::S3::Bucket', { Properties: { CorsConfiguration: Match.anyValue() } }),
    ).toEqual({});
  });
});

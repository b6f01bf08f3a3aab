/**
 * Issue 12 §3, strict input, nothing lost, in the request pipeline every route shares (shared/http/api-handler.ts):
 * an operation that reads no query refuses a parameter, naming it, and one that reads no body refuses a body that
 * says something, instead of dropping either without a word. The schemas' own strictness is test/unit/schema-strict.
 */
import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { routes } from '#functions/routes';
import type { RouteDef } from '#functions/routes';
import { api, ok } from '#shared/http/api-handler';
import { CONTRACTOR_ID, apiEvent, claims, lambdaContext, problem } from './support';
import type { RequestOptions } from './support';

const PROJECT_ID = 'prj_01jabcdefg0123456789';
const seen: unknown[] = [];
const build = (route: RouteDef) =>
  api(
    route,
    (request) => {
      seen.push(request.body ?? request.query);
      return Promise.resolve(ok({}));
    },
    {
      idempotency: { find: () => Promise.resolve(undefined), claim: () => ({ write: () => ({}) }) as never },
      rateLimit: () => Promise.resolve({ allowed: true }) as never,
      delegations: () => Promise.resolve(undefined),
    },
  );
const call = (route: RouteDef, options: RequestOptions) =>
  build(route)(apiEvent(route, options), lambdaContext()) as Promise<APIGatewayProxyStructuredResultV2>;

describe('nothing the caller sends is dropped (issue 12 §3)', () => {
  it('a route without query parameters refuses one, naming each; with none it runs', async () => {
    const route = routes.getContractor;
    const base = { claims: claims.bureau, params: { id: CONTRACTOR_ID } };

    const refused = problem(await call(route, { ...base, query: { include: 'documents', lang: 'zh' } }), 400);
    const accepted = await call(route, base);

    expect(refused.errors).toEqual([
      expect.objectContaining({ in: 'query', field: 'include' }),
      expect.objectContaining({ in: 'query', field: 'lang' }),
    ]);
    expect(accepted.statusCode).toBe(200);
  });

  it('a public static document (the reference page, its renderer) ignores parameters, as a file server does', async () => {
    const answers = await Promise.all(
      [routes.docs, routes.docsScript, routes.openapi].map((route) => call(route, { query: { v: '2.5.4' } })),
    );

    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
  });

  it('a route without a body refuses one that says something, naming the body; none, empty or {} runs', async () => {
    const route = routes.approveProject;
    const base = { claims: claims.bureau, params: { id: PROJECT_ID }, headers: { 'if-match': '"1"' } };

    const refused = problem(await call(route, { ...base, body: { note: '同意立项' } }), 400);
    const array = problem(await call(route, { ...base, body: '[]' }), 400);
    const answers = await Promise.all([
      call(route, base),
      call(route, { ...base, body: '' }),
      call(route, { ...base, body: ' {} ' }),
    ]);

    expect(refused.errors).toEqual([
      expect.objectContaining({ in: 'body', detail: expect.stringMatching(/no body/) }),
    ]);
    expect(array.status).toBe(400);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
  });

  it('an unknown body field is named with the field it most likely meant', async () => {
    const route = routes.registerContractor;
    const body = {
      kind: 'social_organization',
      name: '阳光社会工作服务中心',
      creditCode: '53100000500019795A',
      nonProfit: true,
      contact: { name: '李明', phone: '13800000000' },
      nonProfitt: true,
    };

    const refused = problem(await call(route, { claims: claims.bureau, body }), 400);

    expect(refused.errors).toEqual([
      expect.objectContaining({
        in: 'body',
        field: 'nonProfitt',
        detail: expect.stringMatching(/"nonProfit"/),
      }),
    ]);
  });
});

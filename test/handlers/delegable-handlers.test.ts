/**
 * Issue 12 §1: every handler of a delegable route looks the delegation up (the `delegations` option of api(),
 * shared/http/api-handler.ts). Walks the route table: each delegable handler is sent a portal's valid request for a
 * contractor that delegated nothing to it, and must answer the delegation's own 403 after one strongly consistent
 * GetItem of DELEGATION#, before its own reads. A handler built without the lookup answers "… yet" instead.
 */
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { routes } from '#functions/routes';
import { OPENAPI_EXAMPLES } from '#infra/openapi/examples';
import type { RouteDef } from '#functions/routes';
import { PORTAL_SCOPE } from '#shared/http/principal';
import { api, ok } from '#shared/http/api-handler';
import type { RequestOptions } from './support';
import { CONTRACTOR_ID, DOCUMENT_ID, apiEvent, lambdaContext, problem } from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const example = (component: string) => OPENAPI_EXAMPLES.components?.[component];
const PROJECT_ID = 'prj_01jabcdefg0123456789';

/** A request each route accepts up to the delegation check: valid parameters, body and preconditions. */
const REQUESTS: Record<string, RequestOptions> = {
  submitBid: {
    headers: { 'if-none-match': '*' },
    body: { price: 100_000, proposal: { summary: '服务方案' } },
  },
  requestDocumentUpload: {
    body: { condition: 1, fileName: 'a.pdf', contentType: 'application/pdf', size: 1024 },
  },
  requestBidDocumentUpload: { body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 1024 } },
  fileChallenge: { body: { grounds: '评分与采购文件规定的评审标准不符。' } },
  signContract: { headers: { 'if-match': '"1"' } },
  // Issue 13: the bodies of the reference's examples, which the OpenAPI test validates against each schema.
  createStaff: { body: example('CreateStaffMember') },
  leaveStaff: { headers: { 'if-match': '"1"' }, body: example('LeaveStaffRoster') },
  requestStaffEvidenceUpload: { body: example('RequestStaffEvidenceUpload') },
  createDispatch: { body: example('CreateDispatch') },
  endDispatch: { headers: { 'if-match': '"1"' }, body: example('EndDispatch') },
  createDelivery: { body: example('CreateDelivery') },
  createDeliveryBatch: { body: example('CreateDeliveryBatch') },
  submitFinancialReport: { headers: { 'if-none-match': '*' }, body: example('SubmitFinancialReport') },
  respondToFinding: { headers: { 'if-match': '"1"' }, body: example('RespondToFinding') },
};
const PARAMS: Record<string, string> = {
  id: CONTRACTOR_ID,
  contractorId: CONTRACTOR_ID,
  documentId: DOCUMENT_ID,
  staffId: 'stf_01jabcdefg0123456789',
  dispatchId: 'dsp_01jabcdefg0123456789',
  deliveryId: 'dlv_01jabcdefg0123456789',
  inspectionId: 'ins_01jabcdefg0123456789',
  acceptanceId: 'acc_01jabcdefg0123456789',
  period: '2026-Q2',
  n: '1',
};
const paramsOf = (route: RouteDef) =>
  Object.fromEntries(
    [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [
      name!,
      name === 'id' && !route.path.startsWith('/v1/contractors') ? PROJECT_ID : PARAMS[name!]!,
    ]),
  );

type Handler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: ReturnType<typeof lambdaContext>,
) => Promise<APIGatewayProxyStructuredResultV2>;

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(UpdateCommand).resolves({});
});

const delegable = Object.entries(routes).filter(([, r]) => (r as RouteDef).delegable !== undefined) as [
  string,
  RouteDef,
][];

describe('every delegable handler looks the delegation up (issue 12 §1)', () => {
  it('a delegable route cannot be built without the delegation lookup; another route needs none', () => {
    expect(() => api(routes.getOwnBid, () => Promise.resolve(ok({})))).toThrow(
      /is delegable: pass the delegation lookup/,
    );
    expect(() => api(routes.listBids, () => Promise.resolve(ok({})))).not.toThrow();
    // A portal acting for a contractor runs as it: a delegable route must be a contractor's.
    const notContractors = { ...routes.listBids, delegable: 'bids' } as const;
    expect(() =>
      api(notContractors, () => Promise.resolve(ok({})), { delegations: () => Promise.resolve(undefined) }),
    ).toThrow(/delegable but not a contractor's route/);
  });

  it('walks at least the fourteen delegable routes of issue 12', () => {
    expect(delegable.length).toBeGreaterThanOrEqual(14);
  });

  for (const [name, route] of delegable) {
    it(`${name}: refuses 403 on the delegation it read`, async () => {
      const { handler } = (await import(`../../${route.handler}`)) as { handler: Handler };
      const request = REQUESTS[name] ?? {};
      const result = await handler(
        apiEvent(route, {
          ...request,
          params: paramsOf(route),
          claims: { sub: 'portal-a', client_id: 'portal-a', scope: PORTAL_SCOPE },
          headers: { ...request.headers, 'on-behalf-of': CONTRACTOR_ID },
        }),
        lambdaContext(),
      );
      const body = problem(result, 403);
      const reads = ddbMock.commandCalls(GetCommand).map((c) => c.args[0].input);
      expect(body.detail).toBe(`contractor ${CONTRACTOR_ID} has not delegated anything to this portal`);
      expect(reads).toEqual([
        expect.objectContaining({
          Key: { PK: `DELEGATION#${CONTRACTOR_ID}`, SK: 'PORTAL#portal-a' },
          ConsistentRead: true,
        }),
      ]);
    });
  }
});

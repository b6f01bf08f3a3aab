/**
 * Issue 12 §1: the delegation routes (grant, revoke, list) and a portal acting for a contractor through the request
 * pipeline (`On-Behalf-Of`, shared/http/api-handler.ts), against a mocked table: one transaction with its audit
 * entry per change (R-SUP-2), every refusal a problem+json with its reason.
 */
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { GetCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as grantHandler } from '#functions/delegations/grant-delegation';
import { handler as revokeHandler } from '#functions/delegations/revoke-delegation';
import { handler as listHandler } from '#functions/delegations/list-delegations';
import { handler as eligibilityHandler } from '#functions/contractors/get-eligibility';
import { handler as getContractorHandler } from '#functions/contractors/get-contractor';
import { handler as uploadHandler } from '#functions/contractors/request-document-upload';
import { handler as registerHandler } from '#functions/contractors/register-contractor';
import { routes, tableRightsOf } from '#functions/routes';
import type { RouteDef } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Delegation } from '#shared/domain/delegation';
import { PORTAL_SCOPE } from '#shared/http/principal';
import { PORTAL_WRITES } from '#shared/http/rate-limit';
import { routeScopes } from '#shared/http/route-scopes';
import type { Claims, RequestOptions, Result } from './support';
import {
  CONTRACTOR_ID,
  OTHER_CONTRACTOR_ID,
  apiEvent,
  canceled,
  claims,
  contractor,
  contractorItem,
  head,
  json,
  lambdaContext,
  problem,
  putItem,
  transactItems,
} from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2026-03-10T02:00:00.000Z');
const PORTAL = 'portal-a';
const portalClaims = (sub = PORTAL): Claims => ({ sub, client_id: sub, scope: PORTAL_SCOPE });
const own = claims.contractor(CONTRACTOR_ID);
const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();

const delegation = (overrides: Partial<Delegation> = {}): Delegation => ({
  contractorId: CONTRACTOR_ID,
  portalId: PORTAL,
  scopes: ['documents', 'bids'],
  validUntil: '2026-04-09T10:00:00.000+08:00',
  grantedBy: { sub: 'u-c', role: 'contractor' },
  grantedAt: '2026-03-10T09:00:00.000+08:00',
  version: 1,
  createdAt: '2026-03-10T09:00:00.000+08:00',
  updatedAt: '2026-03-10T09:00:00.000+08:00',
  ...overrides,
});
const delegationItem = (d: Delegation) => ({
  ...keys.delegation(d.contractorId, d.portalId),
  recordType: 'delegation',
  ...d,
  ...head(d.version),
});

/** The table as GetItem sees it: items by `PK|SK`. */
function arrange(items: Record<string, unknown>[]): void {
  const byKey = new Map(items.map((item) => [`${String(item.PK)}|${String(item.SK)}`, item]));
  ddbMock.on(GetCommand).callsFake((input: GetCommandInput) => {
    const key = input.Key as { PK: string; SK: string };
    return { Item: byKey.get(`${key.PK}|${key.SK}`) };
  });
  ddbMock.on(TransactWriteCommand).resolves({});
  ddbMock.on(UpdateCommand).resolves({});
}

const call = (handler: typeof grantHandler, route: RouteDef, options: RequestOptions) =>
  handler(apiEvent(route, options), lambdaContext()) as Promise<Result>;

const grant = (options: Partial<RequestOptions> & { body?: unknown }, portalId = PORTAL) =>
  call(grantHandler, routes.grantDelegation, {
    claims: own,
    params: { id: CONTRACTOR_ID, portalId },
    headers: { 'if-none-match': '*' },
    body: { scopes: ['documents', 'bids'], validUntil: inDays(30) },
    ...options,
  });

beforeEach(() => {
  ddbMock.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('PUT /v1/contractors/{id}/delegations/{portalId}', () => {
  it("grants with If-None-Match: *, by the contractor's own user: the record and its audit entry in one transaction (R-SUP-2)", async () => {
    arrange([contractorItem(contractor())]);

    const result = await grant({});

    expect(result.statusCode).toBe(201);
    expect(result.headers?.etag).toBe('"1"');
    expect(json(result)).toMatchObject({
      contractorId: CONTRACTOR_ID,
      portalId: PORTAL,
      scopes: ['documents', 'bids'],
      status: 'active',
      grantedBy: { sub: 'u-c', role: 'contractor' },
      version: 1,
    });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(putItem(items, 0)).toMatchObject({
      ...keys.delegation(CONTRACTOR_ID, PORTAL),
      recordType: 'delegation',
      validUntil: '2026-04-09T10:00:00.000+08:00',
    });
    expect(putItem(items, 0)).not.toHaveProperty('expiresAt');
    expect(items[0]?.Put?.ConditionExpression).toBe('attribute_not_exists(PK)');
    expect(putItem(items, 1)).toMatchObject({
      PK: `AUDIT#delegation#${CONTRACTOR_ID}.${PORTAL}`,
      action: 'delegation.granted',
      actor: { sub: 'u-c', role: 'contractor' },
    });
  });

  it('lets the bureau grant documents and deliveries on the written consent, and refuses it bids (403, why)', async () => {
    arrange([contractorItem(contractor())]);
    const bureau = { claims: claims.bureau, body: { scopes: ['documents'], validUntil: inDays(30) } };

    const withoutConsent = problem(await grant(bureau), 400);
    expect(withoutConsent.errors?.[0]).toMatchObject({ in: 'body', field: 'consentReference' });
    const consented = {
      scopes: ['documents', 'deliveries'],
      validUntil: inDays(30),
      consentReference: '授权书 17',
    };
    expect((await grant({ ...bureau, body: consented })).statusCode).toBe(201);
    const bids = problem(
      await grant({ ...bureau, body: { ...consented, scopes: ['documents', 'bids'] } }),
      403,
    );
    expect(bids.detail).toMatch(/only the contractor's own user may delegate bids/);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it("leaves what the contractor's own user granted or revoked to it: the bureau may not revive or widen it (review of issue 12 §1)", async () => {
    const consented = {
      claims: claims.bureau,
      headers: { 'if-match': '"2"' },
      body: { scopes: ['documents'], validUntil: inDays(30), consentReference: '授权书 18' },
    };
    const revokedByContractor = delegation({
      version: 2,
      revoked: { by: { sub: 'u-c', role: 'contractor' }, at: '2026-03-10T09:30:00.000+08:00' },
    });
    arrange([contractorItem(contractor()), delegationItem(revokedByContractor)]);

    const revived = problem(await grant(consented), 403);

    expect(revived.detail).toMatch(/the contractor's own user revoked this delegation/);
    arrange([contractorItem(contractor()), delegationItem(delegation({ version: 2 }))]);
    expect(problem(await grant(consented), 403).detail).toMatch(/own user granted this delegation/);
    // What the bureau granted, or revoked, stays the bureau's to change on consent.
    arrange([
      contractorItem(contractor()),
      delegationItem(
        delegation({ version: 2, grantedBy: { sub: 'u-bureau', role: 'bureau' }, scopes: ['documents'] }),
      ),
    ]);
    expect((await grant(consented)).statusCode).toBe(200);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('answers 404 to another contractor, 403 to a portal (it never grants itself), 404 for no contractor', async () => {
    arrange([contractorItem(contractor({ id: OTHER_CONTRACTOR_ID }))]);

    problem(await grant({ params: { id: OTHER_CONTRACTOR_ID, portalId: PORTAL } }), 404);
    problem(await grant({ claims: portalClaims() }), 403);
    problem(
      await grant({
        claims: claims.bureau,
        body: { scopes: ['documents'], validUntil: inDays(1), consentReference: 'x' },
      }),
      404,
    );
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('is strict: an unknown field is a 400 naming it (issue 12 §3)', async () => {
    arrange([contractorItem(contractor())]);
    const body = problem(
      await grant({ body: { scopes: ['documents'], validUntil: inDays(1), validUntill: 'x' } }),
      400,
    );
    expect(body.errors?.map((e) => e.field)).toContain('validUntill');
  });

  it('refuses a lapse more than a year ahead, naming validUntil', async () => {
    arrange([contractorItem(contractor())]);
    const body = problem(await grant({ body: { scopes: ['documents'], validUntil: inDays(367) } }), 400);
    expect(body.errors?.[0]?.field).toBe('validUntil');
  });

  it('creates only with If-None-Match: * and replaces only with the current If-Match (428, 412)', async () => {
    arrange([contractorItem(contractor()), delegationItem(delegation({ version: 2 }))]);

    problem(await grant({ headers: {} }), 428);
    expect(problem(await grant({}), 412).detail).toMatch(/send If-Match/);
    problem(await grant({ headers: { 'if-match': '"1"' } }), 412);
    const replaced = await grant({
      headers: { 'if-match': '"2"' },
      body: { scopes: ['contracts'], validUntil: inDays(10) },
    });

    expect(replaced.statusCode).toBe(200);
    expect(json(replaced)).toMatchObject({ scopes: ['contracts'], version: 3 });
    const items = transactItems(ddbMock);
    expect(items[0]?.Put?.ConditionExpression).toBe('version = :expected');
    expect(putItem(items, 1)).toMatchObject({ action: 'delegation.replaced', seq: 3 });
  });
  it('of two grants from one read, the one whose write loses its condition answers 412, never 409 (issue 12 §3)', async () => {
    arrange([contractorItem(contractor())]);
    ddbMock.on(TransactWriteCommand).rejectsOnce(canceled('ConditionalCheckFailed', 'None'));

    const lost = problem(await grant({}), 412);

    expect(lost.detail).toMatch(/created meanwhile/);
  });
});

describe('POST /v1/contractors/{id}/delegations/{portalId}/revoke', () => {
  const revoke = (options: Partial<RequestOptions>) =>
    call(revokeHandler, routes.revokeDelegation, {
      claims: claims.bureau,
      params: { id: CONTRACTOR_ID, portalId: PORTAL },
      headers: { 'if-match': '"1"' },
      body: { reason: '合作结束' },
      ...options,
    });

  it('revokes, dated and by whom, in one transaction with its audit entry; never a delete', async () => {
    arrange([contractorItem(contractor()), delegationItem(delegation())]);

    const result = await revoke({});

    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({
      status: 'revoked',
      version: 2,
      revoked: {
        by: { sub: 'u-bureau', role: 'bureau' },
        at: '2026-03-10T10:00:00.000+08:00',
        reason: '合作结束',
      },
    });
    const items = transactItems(ddbMock);
    expect(items.map((i) => Object.keys(i)[0])).toEqual(['Put', 'Put']);
    expect(putItem(items, 1)).toMatchObject({ action: 'delegation.revoked' });
  });

  it('answers 409 for a revoked one, 404 for none, 412 when stale, 403 to the portal itself', async () => {
    arrange([
      contractorItem(contractor()),
      delegationItem(
        delegation({
          version: 2,
          revoked: { by: { sub: 'u-c', role: 'contractor' }, at: '2026-03-10T09:30:00.000+08:00' },
        }),
      ),
    ]);
    problem(await revoke({ headers: { 'if-match': '"2"' } }), 409);
    problem(await revoke({}), 412);
    problem(await revoke({ params: { id: CONTRACTOR_ID, portalId: 'portal-b' } }), 404);
    problem(await revoke({ claims: portalClaims(), headers: { 'if-match': '"2"' } }), 403);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('GET /v1/contractors/{id}/delegations', () => {
  const list = (claimsOf: Claims, id = CONTRACTOR_ID) =>
    call(listHandler, routes.listDelegations, { claims: claimsOf, params: { id } });

  it("shows the contractor's user and the bureau every portal's, a portal only its own", async () => {
    const b = delegation({ portalId: 'portal-b', scopes: ['documents'] });
    arrange([contractorItem(contractor()), delegationItem(delegation()), delegationItem(b)]);
    ddbMock.on(QueryCommand).resolves({ Items: [delegationItem(delegation()), delegationItem(b)] });

    for (const caller of [own, claims.bureau]) {
      const all = await list(caller);
      expect(all.statusCode).toBe(200);
      expect(json<{ items: Delegation[] }>(all).items.map((d) => d.portalId)).toEqual([PORTAL, 'portal-b']);
    }
    const portal = await list(portalClaims());
    expect(json<{ items: Delegation[] }>(portal).items.map((d) => d.portalId)).toEqual([PORTAL]);
    expect(ddbMock.commandCalls(QueryCommand)).toHaveLength(2);
  });

  it('answers a portal without a delegation 404, unless it registered the contractor (an empty list)', async () => {
    arrange([
      contractorItem(contractor()),
      contractorItem(
        contractor({ id: OTHER_CONTRACTOR_ID, registeredBy: { sub: 'portal-c', role: 'portal' } }),
      ),
    ]);
    problem(await list(portalClaims('portal-b')), 404);
    problem(await list(portalClaims('portal-b'), 'ctr_01jnotthere000000000'), 404);
    const registrant = await list(portalClaims('portal-c'), OTHER_CONTRACTOR_ID);
    expect(json(registrant)).toEqual({ items: [] });
    problem(await list(own, OTHER_CONTRACTOR_ID), 404);
  });
});

describe('a portal acting for a contractor (On-Behalf-Of)', () => {
  const asPortal = (sub = PORTAL, contractorId = CONTRACTOR_ID): Partial<RequestOptions> => ({
    claims: portalClaims(sub),
    headers: { 'on-behalf-of': contractorId },
  });
  const eligibility = (options: Partial<RequestOptions>) =>
    call(eligibilityHandler, routes.getEligibility, { params: { id: CONTRACTOR_ID }, ...options });

  it('acts as the contractor within the delegated scope', async () => {
    arrange([contractorItem(contractor()), delegationItem(delegation())]);
    const result = await eligibility(asPortal());
    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({ contractorId: CONTRACTOR_ID });
    const lookup = ddbMock
      .commandCalls(GetCommand)
      .find((c) => c.args[0].input.Key?.PK === `DELEGATION#${CONTRACTOR_ID}`);
    expect(lookup?.args[0].input).toMatchObject({
      Key: keys.delegation(CONTRACTOR_ID, PORTAL),
      ConsistentRead: true,
    });
  });

  it('is refused 403 with the reason: no delegation, another portal, revoked, expired, another scope', async () => {
    const cases: [string, Delegation | undefined, Partial<RequestOptions>, RegExp][] = [
      ['none', undefined, asPortal(), /has not delegated anything to this portal/],
      ['another portal', delegation(), asPortal('portal-b'), /has not delegated anything to this portal/],
      [
        'revoked',
        delegation({
          revoked: { by: { sub: 'u-c', role: 'contractor' }, at: '2026-03-10T09:30:00.000+08:00' },
        }),
        asPortal(),
        /revoked its delegation to this portal at 2026-03-10T09:30/,
      ],
      ['expired', delegation({ validUntil: '2026-03-10T09:59:59.999+08:00' }), asPortal(), /expired at/],
      [
        'another scope',
        delegation({ scopes: ['bids'] }),
        asPortal(),
        /has delegated bids to this portal, not documents/,
      ],
    ];
    for (const [name, stored, options, reason] of cases) {
      ddbMock.reset();
      arrange([contractorItem(contractor()), ...(stored ? [delegationItem(stored)] : [])]);
      const body = problem(await eligibility(options), 403);
      expect(body.detail, name).toMatch(reason);
      expect(body.type).toBe('urn:assistance:problem:delegation');
      // Refused before the handler read anything of the contractor's.
      expect(
        ddbMock.commandCalls(GetCommand).map((c) => c.args[0].input.Key?.PK),
        name,
      ).toEqual([`DELEGATION#${CONTRACTOR_ID}`]);
    }
  });

  it('answers the same 403 for a contractor that does not exist (no enumeration)', async () => {
    arrange([]);
    const body = problem(
      await eligibility({
        ...asPortal(PORTAL, 'ctr_01jnotthere000000000'),
        params: { id: 'ctr_01jnotthere000000000' },
      }),
      403,
    );
    expect(body.detail).toBe('contractor ctr_01jnotthere000000000 has not delegated anything to this portal');
  });

  it('acts only for the contractor named: another contractor is 404 as for the contractor itself', async () => {
    arrange([
      contractorItem(contractor()),
      contractorItem(contractor({ id: OTHER_CONTRACTOR_ID })),
      delegationItem(delegation()),
    ]);
    problem(await eligibility({ ...asPortal(), params: { id: OTHER_CONTRACTOR_ID } }), 404);
  });

  it('refuses On-Behalf-Of from anyone but a portal, on a route that is not delegable, or malformed', async () => {
    arrange([contractorItem(contractor()), delegationItem(delegation())]);
    const byContractor = problem(
      await eligibility({ claims: own, headers: { 'on-behalf-of': CONTRACTOR_ID } }),
      403,
    );
    expect(byContractor.detail).toMatch(/only a partner portal acts on behalf of a contractor/);
    const register = problem(
      await call(registerHandler, routes.registerContractor, { ...asPortal(), body: { name: 'x' } }),
      403,
    );
    expect(register.detail).toMatch(/POST \/v1\/contractors: the route is not delegable/);
    const malformed = problem(await eligibility({ ...asPortal(), headers: { 'on-behalf-of': 'a b' } }), 400);
    expect(malformed.errors).toEqual([expect.objectContaining({ in: 'header', field: 'On-Behalf-Of' })]);
  });

  it('keeps a portal without the header where it was: 403 on a contractor route, its own registrations readable', async () => {
    arrange([
      contractorItem(contractor({ registeredBy: { sub: PORTAL, role: 'portal' } })),
      delegationItem(delegation()),
    ]);
    const refused = problem(await eligibility({ claims: portalClaims() }), 403);
    expect(refused.detail).toBe('the portal role may not GET /v1/contractors/{id}/eligibility');
    const read = await call(getContractorHandler, routes.getContractor, {
      claims: portalClaims(),
      params: { id: CONTRACTOR_ID },
    });
    expect(read.statusCode).toBe(200);
    expect(
      ddbMock
        .commandCalls(GetCommand)
        .every((c) => c.args[0].input.Key?.PK !== `DELEGATION#${CONTRACTOR_ID}`),
    ).toBe(true);
  });

  it("names both in the audit entry of a delegated write, and takes the token from the portal's own bucket", async () => {
    // Presigning signs locally with whatever credentials the client resolves; no request is sent.
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    arrange([contractorItem(contractor()), delegationItem(delegation())]);
    const result = await call(uploadHandler, routes.requestDocumentUpload, {
      ...asPortal(),
      headers: { 'on-behalf-of': CONTRACTOR_ID, 'idempotency-key': 'portal-upload-1' },
      params: { id: CONTRACTOR_ID },
      body: { condition: 1, fileName: '登记证书.pdf', contentType: 'application/pdf', size: 1024 },
    });
    expect(result.statusCode, result.body).toBe(201);
    const audit = transactItems(ddbMock)
      .map((i) => i.Put?.Item)
      .find((item) => String(item?.PK).startsWith('AUDIT#document#'));
    expect(audit?.actor).toEqual({
      sub: PORTAL,
      role: 'portal',
      onBehalfOf: { contractorId: CONTRACTOR_ID, scope: 'documents' },
    });
    // Its Idempotency-Keys are the portal's per contractor acted for: the same key for another contractor on the
    // same path (a project's bid documents) is another request.
    const remembered = transactItems(ddbMock)
      .map((i) => String(i.Put?.Item?.PK))
      .find((pk) => pk.startsWith('IDEMPOTENCY#'));
    expect(remembered).toBe(
      `IDEMPOTENCY#${PORTAL}>${CONTRACTOR_ID}#POST /v1/contractors/${CONTRACTOR_ID}/documents#portal-upload-1`,
    );
    const buckets = ddbMock.commandCalls(UpdateCommand).map((c) => c.args[0].input.Key);
    expect(buckets).toContainEqual(keys.rateBucket(PORTAL, PORTAL_WRITES.bucket));
  });
});

describe('what a delegable route needs besides its own rights', () => {
  it('lets a portal token through the gateway (the portal scope) and reads DELEGATION# (issue 11 §2)', () => {
    const delegable = Object.values(routes).filter((r: RouteDef) => r.delegable !== undefined) as RouteDef[];
    expect(delegable.length).toBeGreaterThanOrEqual(14);
    for (const route of delegable) {
      expect(routeScopes(route), route.path).toContain(PORTAL_SCOPE);
      expect(tableRightsOf(route)?.read, route.path).toContain('DELEGATION#');
    }
    for (const route of Object.values(routes) as RouteDef[]) {
      // The delegation routes read their own records, and the audit route a delegation's trail; the others none.
      if (route.delegable || route.auth === 'public' || route.auth.includes('portal')) continue;
      if (route.handler.startsWith('functions/delegations/')) continue;
      if (route.handler === 'functions/audit/get-audit-trail') continue;
      expect(routeScopes(route), route.path).not.toContain(PORTAL_SCOPE);
      expect(tableRightsOf(route)?.read ?? [], route.path).not.toContain('DELEGATION#');
    }
  });
});

/**
 * Every route × every role × own / other tenant, over HTTP on the embedded stack.
 * Expectations are written out here, not derived from the route table, so a wrong table fails this test.
 * Contractor routes: "own" is the contractor of the caller (or registered by its portal). Purchaser routes
 * (budget lines, rules, projects, R-BUY-1): "own" is pur-town-1, the town caller's purchaser, "other" pur-town-2.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#functions/routes';
import { ROLES, routes } from '#functions/routes';
import { api, token, waitFor } from '../support/stack-client';
import { DEFAULT_RULES } from '#shared/domain/procurement-rules';
import { PDF_BYTES, socialOrganization, uploadWithPresignedPost } from '../support/fixtures';

type Tenant = 'own' | 'other';
/** What a caller gets: allowed (2xx), forbidden role (403), or another tenant's record (404). */
type Outcome = 200 | 201 | 403 | 404;

const PORTAL_SUB = 'portal-client-a';
let ownId: string;
let ownDocumentId: string;
let otherId: string;
let otherDocumentId: string;
const lineIds: Record<Tenant, string> = { own: '', other: '' };
const projectIds: Record<Tenant, string> = { own: '', other: '' };

/** The caller's identity is fixed; the tenant picks whose record it reaches for. */
async function caller(role: Role): Promise<string> {
  switch (role) {
    case 'contractor':
      return token('contractor', { contractorId: ownId });
    case 'portal':
      return token('portal', { sub: PORTAL_SUB });
    default:
      return token(role);
  }
}

async function uploadVerified(contractorId: string, asToken: string): Promise<string> {
  const { json } = await api<{ documentId: string; upload: { url: string; fields: Record<string, string> } }>(
    'POST',
    `/v1/contractors/${contractorId}/documents`,
    {
      token: asToken,
      body: { condition: 1, fileName: 'a.pdf', contentType: 'application/pdf', size: PDF_BYTES.length },
    },
  );
  await uploadWithPresignedPost(json.upload, PDF_BYTES, 'application/pdf');
  await waitFor(async () => {
    const doc = await api<{ status: string }>(
      'GET',
      `/v1/contractors/${contractorId}/documents/${json.documentId}`,
      { token: asToken },
    );
    return doc.json.status === 'verified';
  });
  return json.documentId;
}

beforeAll(async () => {
  const portal = await token('portal', { sub: PORTAL_SUB });
  ownId = (
    await api<{ id: string }>('POST', '/v1/contractors', { token: portal, body: socialOrganization() })
  ).json.id;
  const bureau = await token('bureau');
  otherId = (
    await api<{ id: string }>('POST', '/v1/contractors', { token: bureau, body: socialOrganization() })
  ).json.id;
  ownDocumentId = await uploadVerified(ownId, bureau);
  otherDocumentId = await uploadVerified(otherId, bureau);
  for (const tenant of ['own', 'other'] as const) {
    lineIds[tenant] = (
      await api<{ id: string }>('POST', '/v1/budget-lines', { token: bureau, body: lineBody(tenant) })
    ).json.id;
    projectIds[tenant] = (await draft(tenant)).id;
  }
});

const PURCHASER: Record<Tenant, string> = { own: 'pur-town-1', other: 'pur-town-2' };
const lineBody = (t: Tenant) => ({
  purchaserId: PURCHASER[t],
  fiscalYear: 2033,
  source: 'working_funds',
  amount: 1_000_000_000,
});
const projectContent = (t: Tenant) => ({
  title: '矩阵测试照料护理服务',
  catalogCode: 'C-CAREGIVING',
  budgetLineId: lineIds[t],
  estimatedAmount: 1_000_000,
  quantity: { value: 10, unit: '小时' },
  term: { start: '2033-03-01', end: '2033-06-30' },
  procurementMethod: 'competitive_consultation',
  evaluationCriteria: { quality: [{ code: 'plan', description: '服务方案', weight: 80 }], priceWeight: 20 },
});
/** A fresh draft, by a bureau user no matrix caller is, so four eyes never decides an approve case. */
async function draft(t: Tenant): Promise<{ id: string; version: number }> {
  const submitter = await token('bureau', { sub: 'matrix-submitter' });
  const created = await api<{ id: string; version: number }>('POST', '/v1/projects', {
    token: submitter,
    body: { purchaserId: PURCHASER[t], ...projectContent(t) },
  });
  return created.json;
}
async function submitted(t: Tenant): Promise<{ id: string; version: number }> {
  const { id, version } = await draft(t);
  const done = await api<{ version: number }>('POST', `/v1/projects/${id}/submit`, {
    token: await token('bureau', { sub: 'matrix-submitter' }),
    headers: { 'if-match': `"${version}"` },
  });
  return { id, version: done.json.version };
}
const etagAt = async (path: string) =>
  (await api('GET', path, { token: await token('bureau') })).headers.get('etag') ?? '';

const idFor = (tenant: Tenant) => (tenant === 'own' ? ownId : otherId);
const docFor = (tenant: Tenant) => (tenant === 'own' ? ownDocumentId : otherDocumentId);
const etagOf = async (id: string) =>
  (await api('GET', `/v1/contractors/${id}`, { token: await token('bureau') })).headers.get('etag') ?? '';

interface Case {
  route: keyof typeof routes;
  /** Expected outcome per role for the own tenant's record, and for the other tenant's. */
  expect: Record<Role, [own: Outcome, other: Outcome]>;
  call(tenant: Tenant, asToken: string): Promise<{ status: number }>;
}

const staff = (ok: Outcome): Record<Role, [Outcome, Outcome]> => ({
  bureau: [ok, ok],
  town: [ok, ok],
  auditor: [ok, ok],
  finance: [ok, ok],
  contractor: [ok, 404],
  portal: [403, 403],
  evaluator: [403, 403],
});
const bureauOnly = (ok: Outcome): Record<Role, [Outcome, Outcome]> => ({
  bureau: [ok, ok],
  town: [403, 403],
  auditor: [403, 403],
  finance: [403, 403],
  contractor: [403, 403],
  portal: [403, 403],
  evaluator: [403, 403],
});
const evidence = (ok: Outcome): Record<Role, [Outcome, Outcome]> => ({
  ...bureauOnly(ok),
  contractor: [ok, 404],
});
/** R-BUY-1: staff read every purchaser, a town only its own. */
const purchaserReaders = (ok: Outcome): Record<Role, [Outcome, Outcome]> => ({
  bureau: [ok, ok],
  town: [ok, 404],
  auditor: [ok, ok],
  finance: [ok, ok],
  contractor: [403, 403],
  portal: [403, 403],
  evaluator: [403, 403],
});
/** The bureau changes every purchaser's projects, a town only its own. */
const purchaserWriters = (ok: Outcome): Record<Role, [Outcome, Outcome]> => ({
  ...bureauOnly(ok),
  town: [ok, 404],
});

const cases: Case[] = [
  {
    route: 'registerContractor',
    expect: { ...bureauOnly(201), portal: [201, 201] },
    call: async (_t, asToken) =>
      api('POST', '/v1/contractors', { token: asToken, body: socialOrganization() }),
  },
  {
    route: 'listContractors',
    expect: { ...staff(200), contractor: [403, 403] },
    call: async (_t, asToken) => api('GET', '/v1/contractors?limit=5', { token: asToken }),
  },
  {
    route: 'getContractor',
    expect: { ...staff(200), portal: [200, 404] },
    call: async (t, asToken) => api('GET', `/v1/contractors/${idFor(t)}`, { token: asToken }),
  },
  {
    route: 'getEligibility',
    expect: staff(200),
    call: async (t, asToken) => api('GET', `/v1/contractors/${idFor(t)}/eligibility`, { token: asToken }),
  },
  {
    route: 'requestDocumentUpload',
    expect: evidence(201),
    call: async (t, asToken) =>
      api('POST', `/v1/contractors/${idFor(t)}/documents`, {
        token: asToken,
        body: { condition: 2, fileName: 'b.pdf', contentType: 'application/pdf', size: 100 },
      }),
  },
  {
    route: 'listDocuments',
    expect: evidence(200),
    call: async (t, asToken) => api('GET', `/v1/contractors/${idFor(t)}/documents`, { token: asToken }),
  },
  {
    route: 'getDocument',
    expect: evidence(200),
    call: async (t, asToken) =>
      api('GET', `/v1/contractors/${idFor(t)}/documents/${docFor(t)}`, { token: asToken }),
  },
  {
    route: 'decideCondition',
    expect: bureauOnly(200),
    call: async (t, asToken) =>
      api('PUT', `/v1/contractors/${idFor(t)}/conditions/1/decision`, {
        token: asToken,
        headers: { 'if-match': await etagOf(idFor(t)) },
        body: { documentId: docFor(t), decision: 'approved', reason: '符合条件' },
      }),
  },
  {
    route: 'setFlags',
    expect: bureauOnly(200),
    call: async (t, asToken) =>
      api('PUT', `/v1/contractors/${idFor(t)}/flags`, {
        token: asToken,
        headers: { 'if-match': await etagOf(idFor(t)) },
        body: { creditListHit: false, annualReportFailed: false, note: '复核通过' },
      }),
  },
  {
    route: 'getAuditTrail',
    expect: { ...bureauOnly(200), auditor: [200, 200] },
    call: async (t, asToken) => api('GET', `/v1/audit/contractor/${idFor(t)}`, { token: asToken }),
  },
  {
    route: 'addCatalogItem',
    expect: bureauOnly(201),
    call: async (t, asToken) =>
      api('POST', '/v1/catalog/items', {
        token: asToken,
        body: {
          code: `C-MATRIX-${t.toUpperCase()}-${Date.now().toString(36).toUpperCase()}`,
          group: 'C',
          nameZh: '助餐服务',
          nameEn: 'Meal service',
          standard: {
            summary: '送餐上门',
            indicators: [
              { code: 'meals', description: '送餐次数', unit: '次', target: 100, comparison: '>=' },
            ],
          },
        },
      }),
  },
  {
    route: 'refineStandard',
    expect: bureauOnly(200),
    call: async (_t, asToken) => {
      const catalog = await api<{ items: { code: string; version: number }[] }>('GET', '/v1/public/catalog');
      const item = catalog.json.items.find((i) => i.code === 'C-CAREGIVING');
      return api('PUT', '/v1/catalog/items/C-CAREGIVING/standard', {
        token: asToken,
        headers: { 'if-match': `"${item?.version}"` },
        body: {
          summary: '日常照料',
          indicators: [
            { code: 'hours', description: '服务时长', unit: '小时', target: 1000, comparison: '>=' },
          ],
        },
      });
    },
  },
  {
    route: 'createBudgetLine',
    expect: { ...purchaserWriters(201), finance: [201, 201] },
    call: async (t, asToken) => api('POST', '/v1/budget-lines', { token: asToken, body: lineBody(t) }),
  },
  {
    route: 'listBudgetLines',
    expect: purchaserReaders(200),
    call: async (t, asToken) =>
      api('GET', `/v1/budget-lines?purchaserId=${PURCHASER[t]}&fiscalYear=2033`, { token: asToken }),
  },
  {
    route: 'getBudgetLine',
    expect: purchaserReaders(200),
    call: async (t, asToken) => api('GET', `/v1/budget-lines/${lineIds[t]}`, { token: asToken }),
  },
  {
    route: 'getProcurementRules',
    expect: purchaserReaders(200),
    call: async (t, asToken) =>
      api('GET', `/v1/purchasers/${PURCHASER[t]}/procurement-rules`, { token: asToken }),
  },
  {
    route: 'setProcurementRules',
    expect: bureauOnly(200),
    call: async (t, asToken) => {
      const path = `/v1/purchasers/${PURCHASER[t]}/procurement-rules`;
      return api('PUT', path, {
        token: asToken,
        headers: { 'if-match': await etagAt(path) },
        body: DEFAULT_RULES,
      });
    },
  },
  {
    route: 'createProject',
    expect: purchaserWriters(201),
    call: async (t, asToken) =>
      api('POST', '/v1/projects', {
        token: asToken,
        body: { purchaserId: PURCHASER[t], ...projectContent(t) },
      }),
  },
  {
    route: 'listProjects',
    expect: purchaserReaders(200),
    call: async (t, asToken) => api('GET', `/v1/projects?purchaserId=${PURCHASER[t]}`, { token: asToken }),
  },
  {
    route: 'getProject',
    expect: purchaserReaders(200),
    call: async (t, asToken) => api('GET', `/v1/projects/${projectIds[t]}`, { token: asToken }),
  },
  {
    route: 'updateProject',
    expect: purchaserWriters(200),
    call: async (t, asToken) => {
      const path = `/v1/projects/${projectIds[t]}`;
      return api('PUT', path, {
        token: asToken,
        headers: { 'if-match': await etagAt(path) },
        body: projectContent(t),
      });
    },
  },
  {
    route: 'submitProject',
    expect: purchaserWriters(200),
    call: async (t, asToken) => {
      const { id, version } = await draft(t);
      return api('POST', `/v1/projects/${id}/submit`, {
        token: asToken,
        headers: { 'if-match': `"${version}"` },
      });
    },
  },
  {
    route: 'approveProject',
    expect: bureauOnly(200),
    call: async (t, asToken) => {
      const { id, version } = await submitted(t);
      return api('POST', `/v1/projects/${id}/approve`, {
        token: asToken,
        headers: { 'if-match': `"${version}"` },
      });
    },
  },
  {
    route: 'cancelProject',
    expect: purchaserWriters(200),
    call: async (t, asToken) => {
      const { id, version } = await draft(t);
      return api('POST', `/v1/projects/${id}/cancel`, {
        token: asToken,
        headers: { 'if-match': `"${version}"` },
        body: { reason: 'duplicate', note: '矩阵测试' },
      });
    },
  },
];

describe('authorization matrix: role × tenant for every route', () => {
  it('covers every non-public route in the route table', () => {
    const protectedRoutes = Object.entries(routes)
      .filter(([, r]) => r.auth !== 'public')
      .map(([name]) => name);
    expect(cases.map((c) => c.route).sort()).toEqual(protectedRoutes.sort());
  });

  for (const testCase of cases) {
    for (const role of ROLES) {
      for (const [index, tenant] of (['own', 'other'] as const).entries()) {
        const expected = testCase.expect[role][index];
        it(`${testCase.route}: ${role} on ${tenant} tenant → ${expected}`, async () => {
          const { status } = await testCase.call(tenant, await caller(role));
          expect(status).toBe(expected);
        });
      }
    }
  }

  it('refuses every protected route without a token (401) and serves public ones', async () => {
    expect((await api('GET', `/v1/contractors/${ownId}`)).status).toBe(401);
    expect((await api('GET', '/v1/public/catalog')).status).toBe(200);
    expect((await api('GET', '/health')).status).toBe(200);
  });
});

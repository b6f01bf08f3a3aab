/**
 * Issue 13's routes (test/support/delivery.ts DELIVERY_CAPABILITIES: staff, deliveries, supervision, acceptances,
 * payments; and setAcceptancePlan) × every role × own / other tenant, over HTTP on the embedded stack, as
 * authorization-matrix.test.ts does for the routes before them (that file leaves these to this one).
 * Expectations are written out here, not derived from the route table, so a wrong table fails this test.
 *
 * Tenants: "own" is the matrix contractor (the contractor role's caller) and its contracts with pur-town-1 (the town
 * role's purchaser, R-BUY-1); "other" is another contractor and its contracts with pur-town-2. Roster routes are a
 * contractor's (own = the matrix contractor's roster), contract routes a contract's, purchaser routes a purchaser's.
 * The district's staff (bureau, finance, auditor) read every tenant; a town its own purchaser's contracts; a contractor
 * its own. A contractor's roster is read by the bureau, the auditor (masked) and the contractor only (R-BUY-1).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role, RouteDef } from '#functions/routes';
import { ROLES, responseSchema, routes } from '#functions/routes';
import { api as stackApi, token, waitFor } from '../support/stack-client';
import type { ApiOptions, ApiResponse } from '../support/stack-client';
import { eligibleContractor, etag, unique } from '../support/procurement';
import {
  VILLAGE,
  addDays,
  currentTerm,
  deliveryBody,
  deliveryRouteNames,
  dispatched,
  draftedContract,
  newResidentId,
  placeOf,
  rosteredStaff,
  signedContract,
  todayInShanghai,
  type Contract,
  type Party,
  type SignedContract,
} from '../support/delivery';

type Tenant = 'own' | 'other';
const TENANTS = ['own', 'other'] as const;
/** What a caller gets: allowed (2xx), forbidden role (403), another tenant's record (404). */
type Outcome = 200 | 201 | 403 | 404;

/** Issue 12 §1: the own contractor delegates every scope to PORTAL_SUB and only `documents` to SCOPED_PORTAL. */
const PORTAL_SUB = 'delivery-portal-a';
const SCOPED_PORTAL = 'delivery-portal-scoped';
/** A portal acting for a contractor: its token followed by ` on-behalf-of=<contractorId>` (sent as the header). */
const ON_BEHALF = ' on-behalf-of=';
const actingFor = (portalToken: string, contractorId: string) => `${portalToken}${ON_BEHALF}${contractorId}`;
function api<T = unknown>(method: string, path: string, options: ApiOptions = {}): Promise<ApiResponse<T>> {
  const [bearer, onBehalfOf] = options.token?.split(ON_BEHALF) ?? [];
  if (onBehalfOf === undefined) return stackApi<T>(method, path, options);
  return stackApi<T>(method, path, {
    ...options,
    token: bearer,
    headers: { ...options.headers, 'on-behalf-of': onBehalfOf },
  });
}

const PURCHASER: Record<Tenant, string> = { own: 'pur-town-1', other: 'pur-town-2' };
/**
 * Seven milestones on the main contracts (the signing advance, five mid-term reviews, the final acceptance), so that
 * each allowed call that opens an acceptance has a stage of its own.
 */
const MILESTONES = [
  { event: 'signing', percent: 10 },
  ...Array.from({ length: 5 }, () => ({ event: 'mid_term_review' as const, percent: 15 })),
  { event: 'acceptance_passed', percent: 15 },
] as const;

/** Six procurements run at once here: time for each to publish and take its bid before the deadline. */
const CLOSING_SECONDS = 40;

const contractors = {} as Record<Tenant, Party>;
/** Signed: every route of a contract except the ones below. */
const main = {} as Record<Tenant, SignedContract>;
/** Signed: the signing advance paid (payMilestone), then terminated (terminateContract). */
const spare = {} as Record<Tenant, SignedContract>;
/** Drafted, signed by nobody: setAcceptancePlan. */
const drafts = {} as Record<Tenant, SignedContract>;
/** A rostered person with verified evidence, dispatched under the main contract around today (the records' staff). */
const worker = {} as Record<Tenant, { id: string; dispatchId: string }>;
/** A rostered person with verified evidence, dispatched by the cases (each on days of its own). */
const spareStaff = {} as Record<Tenant, string>;
const deliveryIds = {} as Record<Tenant, string>;
const inspectionIds = {} as Record<Tenant, string>;
/** A financial report's period per tenant (under review), for the lists. */
const reportPeriods = {} as Record<Tenant, string>;

/** The quarters of the term that have started (YYYY-Qn), oldest first: each report case takes one of its own. */
function startedQuarters(): string[] {
  const { start } = currentTerm();
  const today = todayInShanghai();
  const quarters: string[] = [];
  for (let year = Number(start.slice(0, 4)); year <= Number(today.slice(0, 4)); year++) {
    for (let q = 1; q <= 4; q++) {
      const first = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
      const last = addDays(
        `${q === 4 ? year + 1 : year}-${String(q * 3 + 1 - (q === 4 ? 12 : 0)).padStart(2, '0')}-01`,
        -1,
      );
      if (last >= start && first <= today) quarters.push(`${year}-Q${q}`);
    }
  }
  return quarters;
}
const quarters: Record<Tenant, string[]> = { own: [], other: [] };
const nextQuarter = (t: Tenant): string => {
  const period = quarters[t].shift();
  if (!period) throw new Error(`no quarter left for ${t}`);
  return period;
};
/**
 * Days after today on which the cases dispatch the tenant's spare person, each case on days no other case uses (the
 * main contract's term runs 90 days past today; the worker's dispatch ends 30 days from today).
 */
const nextDay: Record<Tenant, number> = { own: 35, other: 35 };
const freshDays = (t: Tenant, n: number) => {
  const first = addDays(todayInShanghai(), nextDay[t]);
  nextDay[t] += n;
  return { start: first, end: addDays(first, n - 1) };
};

/** The caller's identity is fixed; the tenant picks whose record it reaches for. */
async function caller(role: Role): Promise<string> {
  switch (role) {
    case 'contractor':
      return contractors.own.token;
    case 'portal':
      return token('portal', { sub: PORTAL_SUB });
    case 'town':
      return token('town', { purchaserId: PURCHASER.own, sub: 'delivery-matrix-town' });
    case 'evaluator':
      return token('evaluator', { sub: 'delivery-matrix-evaluator' });
    default:
      return token(role, { sub: `delivery-matrix-${role}` });
  }
}
const bureau = () => token('bureau', { sub: 'delivery-matrix-fixtures' });

async function delegate(contractorId: string, portalId: string, scopes: string[], asToken: string) {
  const granted = await api('PUT', `/v1/contractors/${contractorId}/delegations/${portalId}`, {
    token: asToken,
    headers: { 'if-none-match': '*' },
    body: {
      scopes,
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      consentReference: '矩阵测试授权书',
    },
  });
  expect(granted.status, granted.text).toBe(201);
}

/** An acceptance plan whose stages open from the term's first day, with a sample of one recipient. */
const openablePlan = (plan: Contract['acceptancePlan']): Contract['acceptancePlan'] => ({
  ...plan,
  stages: plan.stages.map((s) => ({ ...s, from: currentTerm().start })),
  recipients: { ...plan.recipients, sampleSize: 1, minimumOpinions: 1 },
  panel: { quorum: 3 },
});

/**
 * The panels of the acceptances here: the own tenant's names the matrix's bureau, town and evaluator callers (so each
 * may sign and read it), the other tenant's the matrix's bureau caller and two members who are no matrix caller.
 */
const PANELS: Record<Tenant, { sub: string; role: 'bureau' | 'town' | 'evaluator' }[]> = {
  own: [
    { sub: 'delivery-matrix-bureau', role: 'bureau' },
    { sub: 'delivery-matrix-town', role: 'town' },
    { sub: 'delivery-matrix-evaluator', role: 'evaluator' },
  ],
  other: [
    { sub: 'delivery-matrix-bureau', role: 'bureau' },
    { sub: 'delivery-other-town', role: 'town' },
    { sub: 'delivery-other-evaluator', role: 'evaluator' },
  ],
};
/** The fixture acceptance per tenant (milestone 2): its recipient has answered, the panel measured, nobody signed. */
const acceptanceIds = {} as Record<Tenant, string>;
/** The next stage an allowed openAcceptance call opens (2 is the fixture's; 3–7 are left). */
const nextStage: Record<Tenant, number> = { own: 3, other: 3 };
/** Each plan indicator at its target: what the panel measures here. */
const onTarget = (t: Tenant) =>
  main[t].contract.acceptancePlan.indicators.map((i) => ({ code: i.code, value: i.target }));

const inspectionBody = () => ({
  date: todayInShanghai(),
  place: '东山镇综合服务站',
  checked: '服务记录与在岗人员',
  findings: [
    {
      description: '部分服务记录缺少服务对象签字',
      severity: 'minor',
      responseDueBy: addDays(todayInShanghai(), 10),
    },
  ],
});
const reportBody = () => ({
  income: 300_000,
  expenditure: { staff: 200_000, materials: 30_000, administration: 20_000 },
  documents: [{ title: '工资发放表', reference: 'PZ-2026-001' }],
});

beforeAll(async () => {
  [contractors.own, contractors.other] = await Promise.all([eligibleContractor(), eligibleContractor()]);
  const fixtureBureau = await bureau();
  await Promise.all([
    delegate(
      contractors.own.id,
      PORTAL_SUB,
      ['documents', 'bids', 'contracts', 'deliveries'],
      contractors.own.token,
    ),
    delegate(contractors.own.id, SCOPED_PORTAL, ['documents'], contractors.own.token),
  ]);
  await Promise.all(
    TENANTS.map(async (t) => {
      const contractor = contractors[t];
      const purchaser = PURCHASER[t];
      [main[t], spare[t], drafts[t]] = await Promise.all([
        signedContract({
          purchaser,
          contractor,
          paymentMilestones: [...MILESTONES],
          acceptancePlan: openablePlan,
          closesInSeconds: CLOSING_SECONDS,
        }),
        signedContract({ purchaser, contractor, closesInSeconds: CLOSING_SECONDS }),
        draftedContract({ purchaser, contractor, closesInSeconds: CLOSING_SECONDS }),
      ]);
      const [work, free] = await Promise.all([
        rosteredStaff(contractor.id, fixtureBureau),
        rosteredStaff(contractor.id, fixtureBureau),
      ]);
      spareStaff[t] = free.id;
      const dispatch = await dispatched(main[t].contractId, contractor.token, work.id, placeOf(purchaser));
      worker[t] = { id: work.id, dispatchId: dispatch.id };
      const delivery = await api<{ id: string }>('POST', `/v1/contracts/${main[t].contractId}/deliveries`, {
        token: contractor.token,
        body: deliveryBody(main[t].contract, work.id, VILLAGE[purchaser]!),
      });
      expect(delivery.status, delivery.text).toBe(201);
      deliveryIds[t] = delivery.json.id;
      const inspection = await api<{ id: string }>(
        'POST',
        `/v1/contracts/${main[t].contractId}/inspections`,
        {
          token: fixtureBureau,
          body: inspectionBody(),
        },
      );
      expect(inspection.status, inspection.text).toBe(201);
      inspectionIds[t] = inspection.json.id;
      quarters[t] = startedQuarters();
      reportPeriods[t] = nextQuarter(t);
      const report = await api(
        'PUT',
        `/v1/contracts/${main[t].contractId}/financial-reports/${reportPeriods[t]}`,
        {
          token: contractor.token,
          headers: { 'if-none-match': '*' },
          body: reportBody(),
        },
      );
      expect(report.status, report.text).toBe(201);
      acceptanceIds[t] = await inspectingAcceptance(t, fixtureBureau);
    }),
  );
}, 400_000);

/** Opens milestone 2's acceptance, answers its one invitation, waits for the panel's turn and measures (bureau). */
async function inspectingAcceptance(t: Tenant, asToken: string): Promise<string> {
  const opened = await api<{ id: string; tokens: { token?: string }[] }>(
    'POST',
    contractPath(t, '/acceptances'),
    { token: asToken, body: { milestoneSeq: 2, panel: PANELS[t] } },
  );
  expect(opened.status, opened.text).toBe(201);
  const { id } = opened.json;
  for (const { token: invitation } of opened.json.tokens) {
    const answered = await api('POST', '/v1/opinions', {
      body: {
        token: invitation,
        satisfaction: 5,
        items: [main[t].contract.acceptancePlan.delivery[0]!.code],
      },
    });
    expect(answered.status, answered.text).toBe(200);
  }
  const inspecting = await waitFor(
    async () => {
      const read = await api<{ status: string; version: number }>(
        'GET',
        contractPath(t, `/acceptances/${id}`),
        {
          token: asToken,
        },
      );
      return read.json.status === 'inspecting' ? read.json : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  const measured = await api('PUT', contractPath(t, `/acceptances/${id}/measurements`), {
    token: asToken,
    headers: { 'if-match': etag(inspecting.version) },
    body: { values: onTarget(t) },
  });
  expect(measured.status, measured.text).toBe(200);
  return id;
}

// ---- per-call state: every allowed call changes a record of its own ----

const contractPath = (t: Tenant, rest = '') => `/v1/contracts/${main[t].contractId}${rest}`;
const versionOf = async (path: string) =>
  (await api<{ version: number }>('GET', path, { token: await bureau() })).json.version;

/** A fresh person on the tenant's contractor's roster (by the bureau), not verified. */
async function freshStaff(t: Tenant): Promise<{ id: string; version: number }> {
  const created = await api<{ id: string; version: number }>(
    'POST',
    `/v1/contractors/${contractors[t].id}/staff`,
    {
      token: await bureau(),
      body: {
        name: '李娜',
        residentId: newResidentId(),
        role: 'caregiver',
        joinedOn: addDays(todayInShanghai(), -100),
      },
    },
  );
  expect(created.status, created.text).toBe(201);
  return created.json;
}

/** A fresh inspection of the tenant's main contract with one finding; `answered`: the contractor has responded. */
async function freshFinding(t: Tenant, answered: boolean): Promise<{ id: string; version: number }> {
  const recorded = await api<{ id: string; version: number }>('POST', contractPath(t, '/inspections'), {
    token: await bureau(),
    body: inspectionBody(),
  });
  expect(recorded.status, recorded.text).toBe(201);
  if (!answered) return recorded.json;
  const responded = await api<{ id: string; version: number }>(
    'POST',
    contractPath(t, `/inspections/${recorded.json.id}/findings/1/response`),
    {
      token: contractors[t].token,
      headers: { 'if-match': etag(recorded.json.version) },
      body: { text: '已补齐签字并加强培训' },
    },
  );
  expect(responded.status, responded.text).toBe(200);
  return responded.json;
}

/** A fresh financial report of the tenant's main contract, under review. */
async function freshReport(t: Tenant): Promise<{ period: string; version: number }> {
  const period = nextQuarter(t);
  const submitted = await api<{ version: number }>('PUT', contractPath(t, `/financial-reports/${period}`), {
    token: contractors[t].token,
    headers: { 'if-none-match': '*' },
    body: reportBody(),
  });
  expect(submitted.status, submitted.text).toBe(201);
  return { period, version: submitted.json.version };
}

interface MilestoneView {
  seq: number;
  status: string;
  version: number;
  contractId: string;
}
/** The main contract's signing advance, payable or withheld as `state` asks (changed by the bureau if not). */
async function advanceIn(t: Tenant, state: 'payable' | 'withheld'): Promise<MilestoneView> {
  const read = async () =>
    (
      await api<{ items: MilestoneView[] }>('GET', contractPath(t, '/milestones'), { token: await bureau() })
    ).json.items.find((m) => m.seq === 1)!;
  const m = await read();
  if (m.status === state) return m;
  const changed = await api(
    'POST',
    contractPath(t, `/milestones/1/${state === 'payable' ? 'release' : 'withhold'}`),
    {
      token: await bureau(),
      headers: { 'if-match': etag(m.version) },
      body: state === 'payable' ? { note: '整改完成' } : { reason: '待整改服务记录' },
    },
  );
  expect(changed.status, changed.text).toBe(200);
  return read();
}

// ---- the matrix ----

interface Case {
  route: string;
  rule?: string;
  expect: Record<Role, [own: Outcome, other: Outcome]>;
  call(tenant: Tenant, asToken: string, role: Role): Promise<ApiResponse<unknown>>;
  list?: ListRule;
}
type Item = Record<string, unknown>;
const COLLECTION_KEYS = ['items', 'entries', 'sheets'] as const;
type CollectionKey = (typeof COLLECTION_KEYS)[number];
interface ListRule {
  key: CollectionKey;
  path(tenant: Tenant): string;
  id(item: Item): string;
  expect(tenant: Tenant, role: Role): { owner: Record<string, unknown>; has: string[]; hasNot: string[] };
}

function collectionKeyOf(route: RouteDef): CollectionKey | undefined {
  if (route.method !== 'GET' || route.auth === 'public') return undefined;
  const shape = (responseSchema(route) as { shape?: Record<string, unknown> } | null)?.shape ?? {};
  return COLLECTION_KEYS.find((k) => k in shape);
}

async function allItems(first: ApiResponse<unknown>, path: string, asToken: string, key: CollectionKey) {
  let page = first.json as Record<string, unknown>;
  const items: Item[] = [];
  for (let pages = 1; ; pages++) {
    expect(Array.isArray(page[key]), `${path}: the answer holds ${key}[]`).toBe(true);
    items.push(...(page[key] as Item[]));
    const cursor = page.cursor;
    if (typeof cursor !== 'string') return items;
    expect(pages, `${path}: more than 50 pages`).toBeLessThan(50);
    const next = await api(
      'GET',
      `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`,
      {
        token: asToken,
      },
    );
    expect(next.status).toBe(200);
    page = next.json as Record<string, unknown>;
  }
}

const get = (path: (t: Tenant) => string) => async (t: Tenant, asToken: string) =>
  api('GET', path(t), { token: asToken });
const byId = (item: Item) => String(item.id);
const otherThan = (t: Tenant): Tenant => (t === 'own' ? 'other' : 'own');

/** Contract readers (R-BUY-1): the district's staff every contract, a town its purchaser's, a contractor its own. */
const contractReaders = (ok: Outcome): Record<Role, [Outcome, Outcome]> => ({
  bureau: [ok, ok],
  town: [ok, 404],
  finance: [ok, ok],
  auditor: [ok, ok],
  contractor: [ok, 404],
  portal: [403, 403],
  evaluator: [403, 403],
});
/**
 * The roster (R-BUY-1): the bureau and the auditor every contractor's (resident IDs masked but for the bureau), a
 * contractor its own. Not a town (it reads the staff dispatched to it, listDispatchedStaff) nor finance (it pays
 * contracts, not people).
 */
const rosterReaders = (ok: Outcome): Record<Role, [Outcome, Outcome]> => ({
  ...contractReaders(ok),
  town: [403, 403],
  finance: [403, 403],
});
const none: Record<Role, [Outcome, Outcome]> = {
  bureau: [403, 403],
  town: [403, 403],
  finance: [403, 403],
  auditor: [403, 403],
  contractor: [403, 403],
  portal: [403, 403],
  evaluator: [403, 403],
};
/** The roster is changed by the bureau and by the contractor itself. */
const rosterWriters = (ok: Outcome): Record<Role, [Outcome, Outcome]> => ({
  ...none,
  bureau: [ok, ok],
  contractor: [ok, 404],
});
/** The contractor's own writes on its contract (dispatch, records, reports, responses): nobody else's. */
const contractorOnly = (ok: Outcome): Record<Role, [Outcome, Outcome]> => ({
  ...none,
  contractor: [ok, 404],
});
/** The purchaser's side: the bureau for every purchaser, a town for its own (R-BUY-1). */
const purchaserSide = (ok: Outcome): Record<Role, [Outcome, Outcome]> => ({
  ...none,
  bureau: [ok, ok],
  town: [ok, 404],
});

const cases: Case[] = [
  // ---- the acceptance plan, before anyone signs (R-ACC-1..3) ----
  {
    route: 'setAcceptancePlan',
    rule: 'R-ACC-1',
    expect: purchaserSide(200),
    call: async (t, asToken) => {
      const path = `/v1/contracts/${drafts[t].contractId}`;
      const read = await api<Contract>('GET', path, { token: await bureau() });
      return api('PUT', `${path}/acceptance-plan`, {
        token: asToken,
        headers: { 'if-match': etag(read.json.version) },
        body: { ...read.json.acceptancePlan, method: `现场检查 ${unique()}` },
      });
    },
  },
  // ---- staff roster and dispatch (issue 13 §1) ----
  {
    route: 'createStaff',
    rule: 'R-CON-3',
    expect: rosterWriters(201),
    call: async (t, asToken) =>
      api('POST', `/v1/contractors/${contractors[t].id}/staff`, {
        token: asToken,
        body: {
          name: '张伟',
          residentId: newResidentId(),
          role: 'coordinator',
          joinedOn: addDays(todayInShanghai(), -10),
        },
      }),
  },
  {
    route: 'listStaff',
    expect: rosterReaders(200),
    call: get((t) => `/v1/contractors/${contractors[t].id}/staff?limit=100`),
    list: {
      key: 'items',
      path: (t) => `/v1/contractors/${contractors[t].id}/staff?limit=100`,
      id: byId,
      expect: (t) => ({
        owner: { contractorId: contractors[t].id },
        has: [worker[t].id, spareStaff[t]],
        hasNot: [worker[otherThan(t)].id],
      }),
    },
  },
  {
    route: 'getStaff',
    expect: rosterReaders(200),
    call: get((t) => `/v1/contractors/${contractors[t].id}/staff/${worker[t].id}`),
  },
  {
    route: 'leaveStaff',
    expect: rosterWriters(200),
    call: async (t, asToken) => {
      const person = await freshStaff(t);
      return api('POST', `/v1/contractors/${contractors[t].id}/staff/${person.id}/leave`, {
        token: asToken,
        headers: { 'if-match': etag(person.version) },
        body: { on: todayInShanghai(), reason: '合同到期' },
      });
    },
  },
  {
    route: 'requestStaffEvidenceUpload',
    rule: 'R-CON-3',
    expect: rosterWriters(201),
    call: async (t, asToken) => {
      const person = await freshStaff(t);
      return api('POST', `/v1/contractors/${contractors[t].id}/staff/${person.id}/evidence`, {
        token: asToken,
        body: {
          kind: 'social_insurance_record',
          fileName: '社保.pdf',
          contentType: 'application/pdf',
          size: 120,
        },
      });
    },
  },
  {
    route: 'createDispatch',
    rule: 'R-CON-3',
    expect: contractorOnly(201),
    call: async (t, asToken) =>
      api('POST', contractPath(t, '/dispatches'), {
        token: asToken,
        body: { staffId: spareStaff[t], place: placeOf(PURCHASER[t]), period: freshDays(t, 1) },
      }),
  },
  {
    route: 'endDispatch',
    expect: contractorOnly(200),
    call: async (t, asToken) => {
      const period = freshDays(t, 2);
      const made = await dispatched(
        main[t].contractId,
        contractors[t].token,
        spareStaff[t],
        placeOf(PURCHASER[t]),
        period,
      );
      return api('POST', contractPath(t, `/dispatches/${made.id}/end`), {
        token: asToken,
        headers: { 'if-match': etag(made.version) },
        body: { on: period.start, reason: '提前结束' },
      });
    },
  },
  {
    route: 'listDispatches',
    rule: 'R-STAFF-1',
    expect: contractReaders(200),
    call: get((t) => contractPath(t, '/dispatches')),
    list: {
      key: 'items',
      path: (t) => contractPath(t, '/dispatches'),
      id: byId,
      expect: (t) => ({
        owner: { contractId: main[t].contractId, contractorId: contractors[t].id },
        has: [worker[t].dispatchId],
        hasNot: [worker[otherThan(t)].dispatchId],
      }),
    },
  },
  {
    route: 'listDispatchedStaff',
    rule: 'R-STAFF-2',
    // 区买乡用: the bureau sees every place's staff, a town the staff dispatched to it.
    expect: purchaserSide(200),
    call: get((t) => `/v1/purchasers/${PURCHASER[t]}/dispatched-staff?limit=100`),
    list: {
      key: 'items',
      path: (t) => `/v1/purchasers/${PURCHASER[t]}/dispatched-staff?limit=100`,
      id: byId,
      expect: (t) => ({
        owner: { place: { purchaserId: PURCHASER[t] } },
        has: [worker[t].dispatchId],
        hasNot: [worker[otherThan(t)].dispatchId],
      }),
    },
  },
  // ---- delivery records and progress (issue 13 §2) ----
  {
    route: 'createDelivery',
    rule: 'R-CON-3',
    expect: contractorOnly(201),
    call: async (t, asToken) =>
      api('POST', contractPath(t, '/deliveries'), {
        token: asToken,
        body: deliveryBody(main[t].contract, worker[t].id, VILLAGE[PURCHASER[t]]!),
      }),
  },
  {
    route: 'createDeliveryBatch',
    rule: 'R-CON-3',
    expect: contractorOnly(200),
    call: async (t, asToken) =>
      api('POST', contractPath(t, '/deliveries/batch'), {
        token: asToken,
        body: {
          records: [
            {
              recordId: `matrix-${unique()}`,
              ...deliveryBody(main[t].contract, worker[t].id, VILLAGE[PURCHASER[t]]!),
            },
          ],
        },
      }),
  },
  {
    route: 'listDeliveries',
    expect: contractReaders(200),
    call: get((t) => contractPath(t, '/deliveries?limit=100')),
    list: {
      key: 'items',
      path: (t) => contractPath(t, '/deliveries?limit=100'),
      id: byId,
      expect: (t) => ({
        owner: { contractId: main[t].contractId, purchaserId: PURCHASER[t] },
        has: [deliveryIds[t]],
        hasNot: [deliveryIds[otherThan(t)]],
      }),
    },
  },
  {
    route: 'getDelivery',
    expect: contractReaders(200),
    call: get((t) => contractPath(t, `/deliveries/${deliveryIds[t]}`)),
  },
  {
    route: 'getProgress',
    rule: 'R-SUP-1',
    expect: contractReaders(200),
    call: get((t) => contractPath(t, '/progress')),
  },
  // ---- financial reports and inspections (issue 13 §2, R-CON-4, R-SUP-1) ----
  {
    route: 'submitFinancialReport',
    rule: 'R-CON-4',
    expect: contractorOnly(201),
    call: async (t, asToken, role) =>
      api(
        'PUT',
        contractPath(
          t,
          `/financial-reports/${role === 'contractor' && t === 'own' ? nextQuarter(t) : quarters[t][0]}`,
        ),
        {
          token: asToken,
          headers: { 'if-none-match': '*' },
          body: reportBody(),
        },
      ),
  },
  {
    route: 'reviewFinancialReport',
    rule: 'R-CON-4',
    expect: purchaserSide(200),
    call: async (t, asToken, role) => {
      // A report of its own for each call that may land; the refused ones reach for the list's report.
      const allowed = role === 'bureau' || (role === 'town' && t === 'own');
      const report = allowed
        ? await freshReport(t)
        : {
            period: reportPeriods[t],
            version: (
              await api<{ items: { period: string; version: number }[] }>(
                'GET',
                contractPath(t, '/financial-reports?limit=100'),
                { token: await bureau() },
              )
            ).json.items.find((r) => r.period === reportPeriods[t])!.version,
          };
      return api('POST', contractPath(t, `/financial-reports/${report.period}/review`), {
        token: asToken,
        headers: { 'if-match': etag(report.version) },
        body: { decision: 'accepted' },
      });
    },
  },
  {
    route: 'listFinancialReports',
    rule: 'R-CON-4',
    expect: contractReaders(200),
    call: get((t) => contractPath(t, '/financial-reports?limit=100')),
    list: {
      key: 'items',
      path: (t) => contractPath(t, '/financial-reports?limit=100'),
      id: (r) => `${String(r.contractId)}/${String(r.period)}`,
      expect: (t) => ({
        owner: { contractId: main[t].contractId, purchaserId: PURCHASER[t], contractorId: contractors[t].id },
        has: [`${main[t].contractId}/${reportPeriods[t]}`],
        hasNot: [`${main[otherThan(t)].contractId}/${reportPeriods[otherThan(t)]}`],
      }),
    },
  },
  {
    route: 'recordInspection',
    rule: 'R-SUP-1',
    expect: purchaserSide(201),
    call: async (t, asToken) =>
      api('POST', contractPath(t, '/inspections'), { token: asToken, body: inspectionBody() }),
  },
  {
    route: 'listInspections',
    rule: 'R-SUP-1',
    expect: contractReaders(200),
    call: get((t) => contractPath(t, '/inspections?limit=100')),
    list: {
      key: 'items',
      path: (t) => contractPath(t, '/inspections?limit=100'),
      id: byId,
      expect: (t) => ({
        owner: { contractId: main[t].contractId },
        has: [inspectionIds[t]],
        hasNot: [inspectionIds[otherThan(t)]],
      }),
    },
  },
  {
    route: 'getInspection',
    expect: contractReaders(200),
    call: get((t) => contractPath(t, `/inspections/${inspectionIds[t]}`)),
  },
  {
    route: 'respondToFinding',
    rule: 'R-SUP-1',
    expect: contractorOnly(200),
    call: async (t, asToken) => {
      const inspection = await freshFinding(t, false);
      return api('POST', contractPath(t, `/inspections/${inspection.id}/findings/1/response`), {
        token: asToken,
        headers: { 'if-match': etag(inspection.version) },
        body: { text: '已补齐签字' },
      });
    },
  },
  {
    route: 'closeFinding',
    rule: 'R-SUP-1',
    expect: purchaserSide(200),
    call: async (t, asToken) => {
      const inspection = await freshFinding(t, true);
      return api('POST', contractPath(t, `/inspections/${inspection.id}/findings/1/close`), {
        token: asToken,
        headers: { 'if-match': etag(inspection.version) },
        body: { note: '整改到位' },
      });
    },
  },
  {
    route: 'reopenFinding',
    rule: 'R-SUP-1',
    expect: purchaserSide(200),
    call: async (t, asToken) => {
      const inspection = await freshFinding(t, true);
      return api('POST', contractPath(t, `/inspections/${inspection.id}/findings/1/reopen`), {
        token: asToken,
        headers: { 'if-match': etag(inspection.version) },
        body: { reason: '仍有记录缺签', responseDueBy: addDays(todayInShanghai(), 7) },
      });
    },
  },
  // ---- acceptance (issue 13 §3, R-ACC-1, R-ACC-2); the recipients' two routes are public ----
  {
    route: 'openAcceptance',
    rule: 'R-ACC-1',
    expect: purchaserSide(201),
    call: async (t, asToken, role) => {
      // A stage of its own for each call that may land; the refused ones reach for the next one.
      const allowed = role === 'bureau' || (role === 'town' && t === 'own');
      const milestoneSeq = allowed ? nextStage[t]++ : nextStage[t];
      return api('POST', contractPath(t, '/acceptances'), {
        token: asToken,
        body: { milestoneSeq, panel: PANELS[t] },
      });
    },
  },
  {
    route: 'getAcceptance',
    rule: 'R-ACC-1',
    // The contract's readers, and the panel's members (the own panel names the matrix's evaluator). Delegable under
    // `deliveries`: a portal acting for the contractor reads what the contractor reads (the portal block below).
    expect: { ...contractReaders(200), evaluator: [200, 404] },
    call: get((t) => contractPath(t, `/acceptances/${acceptanceIds[t]}`)),
  },
  {
    // Before signAcceptance: a round's measurements are fixed once a member signs.
    route: 'recordMeasurements',
    rule: 'R-ACC-1',
    expect: purchaserSide(200),
    call: async (t, asToken) =>
      api('PUT', contractPath(t, `/acceptances/${acceptanceIds[t]}/measurements`), {
        token: asToken,
        headers: { 'if-match': etag(await versionOf(contractPath(t, `/acceptances/${acceptanceIds[t]}`))) },
        body: { values: onTarget(t) },
      }),
  },
  {
    route: 'signAcceptance',
    rule: 'R-ACC-1',
    // Panel members only: the bureau caller sits on both panels, the town and evaluator callers on the own one.
    expect: { ...none, bureau: [201, 201], town: [201, 404], evaluator: [201, 404] },
    call: async (t, asToken) =>
      api('POST', contractPath(t, `/acceptances/${acceptanceIds[t]}/signatures`), {
        token: asToken,
        // A member signs the measurements of the version they read (If-Match).
        headers: { 'if-match': etag(await versionOf(contractPath(t, `/acceptances/${acceptanceIds[t]}`))) },
        body: { verdict: 'confirm' },
      }),
  },
  // ---- payments (issue 13 §4, R-ACC-3, R-FUND-2) ----
  {
    route: 'listMilestones',
    rule: 'R-ACC-3',
    expect: contractReaders(200),
    call: get((t) => contractPath(t, '/milestones')),
    list: {
      key: 'items',
      path: (t) => contractPath(t, '/milestones'),
      id: (m) => `${String(m.contractId)}.m${String(m.seq)}`,
      expect: (t) => ({
        owner: { contractId: main[t].contractId, purchaserId: PURCHASER[t] },
        has: MILESTONES.map((_, i) => `${main[t].contractId}.m${i + 1}`),
        hasNot: [`${main[otherThan(t)].contractId}.m1`],
      }),
    },
  },
  {
    // Before payMilestone pays the spare contracts' advances: each is due until then.
    route: 'listDue',
    rule: 'R-ACC-3',
    expect: { ...none, finance: [200, 200], bureau: [200, 200], auditor: [200, 200] },
    call: get((t) => `/v1/payments/due?purchaserId=${PURCHASER[t]}&limit=100`),
    list: {
      key: 'items',
      path: (t) => `/v1/payments/due?purchaserId=${PURCHASER[t]}&limit=100`,
      id: (m) => `${String(m.contractId)}.m${String(m.seq)}`,
      expect: (t) => ({
        owner: { purchaserId: PURCHASER[t] },
        has: [`${spare[t].contractId}.m1`],
        hasNot: [`${spare[otherThan(t)].contractId}.m1`],
      }),
    },
  },
  {
    route: 'payMilestone',
    rule: 'R-ACC-3',
    expect: { ...none, finance: [201, 201] },
    call: async (t, asToken) =>
      api('POST', `/v1/contracts/${spare[t].contractId}/payments`, {
        token: asToken,
        body: { milestoneSeq: 1, reference: `ZF-${unique()}` },
      }),
  },
  {
    route: 'withholdMilestone',
    rule: 'R-ACC-3',
    expect: { ...none, finance: [200, 200], bureau: [200, 200] },
    call: async (t, asToken) => {
      const m = await advanceIn(t, 'payable');
      return api('POST', contractPath(t, '/milestones/1/withhold'), {
        token: asToken,
        headers: { 'if-match': etag(m.version) },
        body: { reason: '服务记录待整改' },
      });
    },
  },
  {
    route: 'releaseMilestone',
    rule: 'R-ACC-3',
    expect: { ...none, finance: [200, 200], bureau: [200, 200] },
    call: async (t, asToken) => {
      const m = await advanceIn(t, 'withheld');
      return api('POST', contractPath(t, '/milestones/1/release'), {
        token: asToken,
        headers: { 'if-match': etag(m.version) },
        body: { note: '整改完成' },
      });
    },
  },
  {
    route: 'terminateContract',
    rule: 'R-FUND-2',
    expect: { ...none, bureau: [200, 200] },
    call: async (t, asToken) =>
      api('POST', `/v1/contracts/${spare[t].contractId}/terminate`, {
        token: asToken,
        headers: { 'if-match': etag(await versionOf(`/v1/contracts/${spare[t].contractId}`)) },
        body: { reason: '严重违约，转包服务', liability: '按合同约定支付违约金' },
      }),
  },
];

describe('authorization matrix of issue 13: role × tenant for every delivery-to-payment route', () => {
  const ours = new Set(deliveryRouteNames());
  const inTable = (filter: (route: RouteDef) => boolean) =>
    Object.entries(routes)
      .filter(([name, r]) => ours.has(name) && filter(r as RouteDef))
      .map(([name]) => name);

  it('covers every non-public route of DELIVERY_CAPABILITIES and setAcceptancePlan', () => {
    // Each capability is in the table (the five modules are spread into it), and setAcceptancePlan is there.
    for (const name of ours) expect(routes, name).toHaveProperty(name);
    expect(cases.map((c) => c.route).sort()).toEqual(inTable((r) => r.auth !== 'public').sort());
  });

  it('has a tenant-content rule for every list route among them (issue 10 §2)', () => {
    const listRoutes = inTable((r) => collectionKeyOf(r) !== undefined).map(
      (name) => `${name}:${collectionKeyOf(routes[name as keyof typeof routes] as RouteDef)}`,
    );
    expect(listRoutes.length).toBeGreaterThanOrEqual(8);
    const ruled = cases.filter((c) => c.list).map((c) => `${c.route}:${c.list!.key}`);
    expect(ruled.sort()).toEqual(listRoutes.sort());
  });

  for (const testCase of cases) {
    for (const role of ROLES) {
      for (const [index, tenant] of TENANTS.entries()) {
        const expected = testCase.expect[role][index];
        const rule = testCase.rule ? ` (${testCase.rule})` : '';
        const content = testCase.list && expected === 200 ? ', only its tenant’s items' : '';
        it(`${testCase.route}: ${role} on ${tenant} tenant → ${expected}${content}${rule}`, async () => {
          const asToken = await caller(role);
          const response = await testCase.call(tenant, asToken, role);
          expect(response.status, response.text).toBe(expected);
          if (!testCase.list || expected !== 200) return;
          const { key, path, id } = testCase.list;
          const items = await allItems(response, path(tenant), asToken, key);
          const { owner, has, hasNot } = testCase.list.expect(tenant, role);
          for (const item of items) expect(item).toMatchObject(owner);
          const ids = items.map(id);
          expect(ids).toEqual(expect.arrayContaining(has));
          for (const foreign of hasNot) expect(ids).not.toContain(foreign);
          expect([...has, ...hasNot].every((known) => known.length > 0 && !known.includes('undefined'))).toBe(
            true,
          );
        });
      }
    }
  }

  /**
   * Issue 12 §1: on a delegable route a portal acting for the contractor that delegated the route's scope to it gets
   * what the contractor itself gets, on either tenant's record; for a contractor that delegated nothing to it, or
   * without the route's scope, 403.
   */
  describe('a portal acting for a contractor (On-Behalf-Of) on every delegable route', () => {
    const delegable = cases.filter(
      (c) => (routes[c.route as keyof typeof routes] as RouteDef).delegable !== undefined,
    );
    it('covers every delegable route among them', () => {
      expect(delegable.map((c) => c.route).sort()).toEqual(inTable((r) => r.delegable !== undefined).sort());
    });
    for (const testCase of delegable) {
      const scope = (routes[testCase.route as keyof typeof routes] as RouteDef).delegable;
      for (const [index, tenant] of TENANTS.entries()) {
        const expected = testCase.expect.contractor[index];
        it(`${testCase.route}: portal for its delegating contractor (${scope}) on ${tenant} tenant → ${expected}`, async () => {
          const response = await testCase.call(
            tenant,
            actingFor(await caller('portal'), contractors.own.id),
            'contractor',
          );
          expect(response.status, response.text).toBe(expected);
        });
        it(`${testCase.route}: portal for a contractor that delegated nothing to it, on ${tenant} tenant → 403`, async () => {
          const response = await testCase.call(
            tenant,
            actingFor(await caller('portal'), contractors.other.id),
            'contractor',
          );
          expect(response.status).toBe(403);
          expect((response.json as { detail?: string }).detail).toBe(
            `contractor ${contractors.other.id} has not delegated anything to this portal`,
          );
        });
        it(`${testCase.route}: portal without the ${scope} scope, on ${tenant} tenant → 403`, async () => {
          const scoped = await token('portal', { sub: SCOPED_PORTAL });
          const response = await testCase.call(tenant, actingFor(scoped, contractors.own.id), 'contractor');
          expect(response.status).toBe(403);
          expect((response.json as { detail?: string }).detail).toBe(
            `contractor ${contractors.own.id} has delegated documents to this portal, not ${scope}`,
          );
        });
      }
    }
  });
});

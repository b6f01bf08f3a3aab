/**
 * Every route × every role × own / other tenant, over HTTP on the embedded stack.
 * Expectations are written out here, not derived from the route table, so a wrong table fails this test.
 * Contractor routes: "own" is the contractor of the caller (or registered by its portal). Purchaser routes
 * (budget lines, rules, projects, R-BUY-1): "own" is pur-town-1, the town caller's purchaser, "other" pur-town-2.
 * Procurement routes (issue 3): beforeAll runs, per tenant, projects into the states the routes need. The
 * matrix's evaluator sits on the own tenant's panels only; its contractor bids on the own tenant's projects
 * and, a notice being public to every eligible contractor, on both open notices. Every other project of the
 * other tenant is one they have no part in; its bidders are three other contractors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#functions/routes';
import { ROLES, responseSchema, routes } from '#functions/routes';
import type { RouteDef } from '#functions/routes';
import { api as stackApi, token, waitFor } from '../support/stack-client';
import type { ApiOptions, ApiResponse } from '../support/stack-client';
import { DEFAULT_RULES } from '#shared/domain/procurement-rules';
import { PDF_BYTES, deadlineIn, socialOrganization, uploadWithPresignedPost } from '../support/fixtures';
import { eligibleContractor, etag, qualifyContractor, unique } from '../support/procurement';
import { enrolEvaluators } from '../support/evaluator-pool';
import { PERIOD_OVERRIDE_SECONDS } from '../support/embedded-stack.global';
import { deliveryRouteNames } from '../support/delivery';

type Tenant = 'own' | 'other';
/**
 * What a caller gets: allowed (2xx; 202 for a publication the workflow carries out), forbidden role (403),
 * another tenant's record (404), or, where an allowed caller can only meet a closed window, refused (422).
 */
type Outcome = 200 | 201 | 202 | 403 | 404 | 422;

const PORTAL_SUB = 'portal-client-a';
/**
 * Issue 12 §1: the own contractor delegates every scope to PORTAL_SUB, and only `deliveries` (which no route of the
 * table takes yet) to SCOPED_PORTAL; the other contractor delegates `documents` to SCOPED_PORTAL (by the bureau, on
 * its written consent) and nothing to PORTAL_SUB.
 */
const SCOPED_PORTAL = 'portal-client-scoped';
/**
 * A portal acting for a contractor is written as its token followed by ` on-behalf-of=<contractorId>`; this file's
 * `api` sends it as the On-Behalf-Of header, so every case's call runs unchanged for a delegated portal.
 */
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
const inADay = () => new Date(Date.now() + 86_400_000).toISOString();
/** A delegation granted with If-None-Match: * (the contractor's own user, or the bureau on written consent). */
async function delegate(contractorId: string, portalId: string, scopes: string[], asToken: string) {
  const granted = await api('PUT', `/v1/contractors/${contractorId}/delegations/${portalId}`, {
    token: asToken,
    headers: { 'if-none-match': '*' },
    body: { scopes, validUntil: inADay(), consentReference: '矩阵测试授权书' },
  });
  expect(granted.status, granted.text).toBe(201);
}
/** Evaluators are JWT subjects; the matrix's evaluator is on the own tenant's panels only. */
const MATRIX_EVALUATOR = 'matrix-evaluator';
const PANEL: Record<Tenant, string[]> = {
  own: [MATRIX_EVALUATOR, 'matrix-panel-2', 'matrix-panel-3'],
  other: ['matrix-panel-4', 'matrix-panel-5', 'matrix-panel-6'],
};
let ownId: string;
let ownDocumentId: string;
let otherId: string;
/** The contractors' unified social credit codes (issue 12 §2: the portal finds its contractor again by it). */
let ownCode: string;
/** The own contractor's registered contact e-mail (contactEmails[0] is the portal's registration). */
let ownContactEmail: string;
let otherCode: string;
let otherDocumentId: string;
const lineIds: Record<Tenant, string> = { own: '', other: '' };
const projectIds: Record<Tenant, string> = { own: '', other: '' };

interface Bidder {
  id: string;
  token: string;
}
/** Three eligible bidders per tenant: own = the matrix's contractor and two rivals, other = three rivals. */
const bidders: Record<Tenant, Bidder[]> = { own: [], other: [] };

/** Projects in the states the procurement routes need, one set per tenant. */
interface Procurement {
  /** Published, bids open for a day; the matrix's contractor has bid. */
  open: string;
  /** Deadline passed, bidding closed, nobody has scored; the first bidder declared `document` in time. */
  closed: { id: string; document: { contractorId: string; documentId: string } };
  /** Like `closed`, for the compliance review alone (a disqualification ends its scoring). */
  review: string;
  /** Evaluated with the first two bids tied (`order`); the workflow waits for the draw. */
  tied: { id: string; order: string[] };
  /** Scored (the panel's sheets in), awarded to the first bidder, standstill over, contract drafted. */
  awarded: { id: string; contractId: string };
  /** Awarded to the second bidder; the first bidder's challenge, filed in the standstill, is still open. */
  challenged: { id: string; challenge: { id: string; version: number } };
}
const fixtures = {} as Record<Tenant, Procurement>;
/** A second own-tenant contract: the town signs for the purchaser where the bureau has not (each signs once). */
let townSignedContractId: string;

/** The caller's identity is fixed; the tenant picks whose record it reaches for. */
async function caller(role: Role): Promise<string> {
  switch (role) {
    case 'contractor':
      return token('contractor', { contractorId: ownId });
    case 'portal':
      return token('portal', { sub: PORTAL_SUB });
    case 'evaluator':
      return token('evaluator', { sub: MATRIX_EVALUATOR });
    default:
      return token(role);
  }
}

async function uploadVerified(contractorId: string, asToken: string, condition = 1): Promise<string> {
  const { json } = await api<{ documentId: string; upload: { url: string; fields: Record<string, string> } }>(
    'POST',
    `/v1/contractors/${contractorId}/documents`,
    {
      token: asToken,
      body: { condition, fileName: 'a.pdf', contentType: 'application/pdf', size: PDF_BYTES.length },
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
  const [portal, bureau] = await Promise.all([token('portal', { sub: PORTAL_SUB }), token('bureau')]);
  // A panel names members of the evaluator pool only (R-PROC-3): both tenants' panels are in it.
  await enrolEvaluators([...PANEL.own, ...PANEL.other]);
  const register = async (asToken: string) => {
    // A contact e-mail of its own: a portal asks for a contractor's login at that address only (issue 12 §1).
    const body = {
      ...socialOrganization(),
      contact: { name: '李明', phone: '13800000000', email: `office-${unique()}@example.org` },
    };
    contactEmails.push(body.contact.email);
    const registered = await api<{ id: string }>('POST', '/v1/contractors', { token: asToken, body });
    expect(registered.status, registered.text).toBe(201);
    return [registered.json.id, body.creditCode] as const;
  };
  const contactEmails: string[] = [];
  [[ownId, ownCode], [otherId, otherCode]] = await Promise.all([register(portal), register(bureau)]);
  ownContactEmail = contactEmails[0] ?? '';
  const ownUser = await token('contractor', { contractorId: ownId });
  await Promise.all([
    delegate(ownId, PORTAL_SUB, ['documents', 'bids', 'contracts', 'deliveries'], ownUser),
    delegate(ownId, SCOPED_PORTAL, ['deliveries'], ownUser),
    delegate(otherId, SCOPED_PORTAL, ['documents'], bureau),
  ]);
  const [ownDocuments, otherDocument, rivals] = await Promise.all([
    qualifyContractor(ownId),
    uploadVerified(otherId, bureau),
    Promise.all([eligibleContractor(), eligibleContractor(), eligibleContractor()]),
    ...(['own', 'other'] as const).map(async (tenant) => {
      lineIds[tenant] = (
        await api<{ id: string }>('POST', '/v1/budget-lines', { token: bureau, body: lineBody(tenant) })
      ).json.id;
      projectIds[tenant] = (await draft(tenant)).id;
    }),
  ]);
  ownDocumentId = ownDocuments[0]!;
  otherDocumentId = otherDocument;
  const [first, second, third] = rivals;
  bidders.own = [{ id: ownId, token: await caller('contractor') }, first, second];
  bidders.other = [first, second, third];
  [fixtures.own, fixtures.other, townSignedContractId] = await Promise.all([
    procurement('own'),
    procurement('other'),
    awardedWithContract('own').then((p) => p.contractId),
  ]);
  // Two procurements per tenant run through bidding, scoring and a standstill: minutes on a loaded machine.
}, 360_000);

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
/** A fresh approved project, approved by the bureau (not its submitter). */
async function approved(t: Tenant): Promise<{ id: string; version: number }> {
  const { id, version } = await submitted(t);
  const done = await api<{ version: number }>('POST', `/v1/projects/${id}/approve`, {
    token: await token('bureau'),
    headers: { 'if-match': etag(version) },
  });
  expect(done.status).toBe(200);
  return { id, version: done.json.version };
}
const etagAt = async (path: string) =>
  (await api('GET', path, { token: await token('bureau') })).headers.get('etag') ?? '';

const idFor = (tenant: Tenant) => (tenant === 'own' ? ownId : otherId);
const codeFor = (tenant: Tenant) => (tenant === 'own' ? ownCode : otherCode);
const docFor = (tenant: Tenant) => (tenant === 'own' ? ownDocumentId : otherDocumentId);
const etagOf = async (id: string) =>
  (await api('GET', `/v1/contractors/${id}`, { token: await token('bureau') })).headers.get('etag') ?? '';

// ---- procurement fixtures (issue 3) ----

interface ProjectView {
  id: string;
  status: string;
  version: number;
  workflow?: { waitingFor?: string };
  evaluation?: { ranked: { rank: number; bidId: string; drawRequired: boolean }[] };
  contract?: { id: string };
}
interface BidView {
  id: string;
  contractorId: string;
  version: number;
}

/** Every bid is this price, so the quality scores alone order the bids. */
const PRICE = 900_000;
/**
 * Bids close this long after publication: the minimum period the test stack allows, and time to bid. The
 * workflow's PublishNotice checks the minimum again when it runs, which on a loaded machine (2 shared cores)
 * is seconds after the route accepted the deadline, and the bids and a bid document must land before it: 5 s
 * of slack was not enough under a load average of 20.
 */
const CLOSING_SECONDS = PERIOD_OVERRIDE_SECONDS + 40;
const A_DAY = 86_400;
const inSeconds = deadlineIn;

const projectOf = async (id: string) =>
  (await api<ProjectView>('GET', `/v1/projects/${id}`, { token: await token('bureau') })).json;
/** Polls the project until the workflow has moved it where `until` says. */
const projectWhen = (id: string, until: (p: ProjectView) => boolean) =>
  waitFor(
    async () => {
      const project = await projectOf(id);
      return until(project) ? project : undefined;
    },
    // The workflow steps through scoring, award and a standstill: slow when two cores are shared.
    { timeoutMs: 120_000 },
  );
/** The bids of a project whose deadline has passed, as the bureau reads them. */
async function bidsOf(projectId: string): Promise<BidView[]> {
  const bids = await api<{ items: BidView[] }>('GET', `/v1/projects/${projectId}/bids`, {
    token: await token('bureau'),
  });
  expect(bids.status).toBe(200);
  return bids.json.items;
}
const bidOf = (bids: BidView[], contractorId: string): BidView => {
  const found = bids.find((b) => b.contractorId === contractorId);
  if (!found) throw new Error(`no bid of ${contractorId}`);
  return found;
};

/** An approved project of the tenant's purchaser with the tenant's panel, published; bids close as given. */
async function published(t: Tenant, closesInSeconds: number): Promise<string> {
  const bureau = await token('bureau');
  const { id, version } = await approved(t);
  const panel = await api<{ version: number }>('PUT', `/v1/projects/${id}/evaluators`, {
    token: bureau,
    headers: { 'if-match': etag(version) },
    body: { evaluatorIds: PANEL[t] },
  });
  expect(panel.status).toBe(200);
  const accepted = await api('POST', `/v1/projects/${id}/publish`, {
    token: bureau,
    headers: { 'if-match': etag(panel.json.version) },
    // The deadline counts from the publication itself: on a loaded machine the steps before it take seconds.
    body: { bidDeadline: inSeconds(closesInSeconds) },
  });
  expect(accepted.status, accepted.text).toBe(202);
  await projectWhen(id, (p) => p.status === 'published');
  return id;
}

/** The bids placed here, by project: what a list of the project's bids must hold, and no other list. */
const bidIdsByProject = new Map<string, string[]>();
const bidIdsOf = (projectId: string) => bidIdsByProject.get(projectId) ?? [];

async function placeBid(projectId: string, bidder: Bidder): Promise<void> {
  const bid = await api<{ id: string }>('PUT', `/v1/projects/${projectId}/bid`, {
    token: bidder.token,
    headers: { 'if-none-match': '*' },
    body: { price: PRICE, proposal: { summary: '服务方案' } },
  });
  expect(bid.status).toBe(201);
  bidIdsByProject.set(projectId, [...bidIdsOf(projectId), bid.json.id]);
}

/** Published with every bidder of the tenant in; bidding closes CLOSING_SECONDS after publication. */
async function withBids(t: Tenant): Promise<string> {
  const id = await published(t, CLOSING_SECONDS);
  await Promise.all(bidders[t].map((bidder) => placeBid(id, bidder)));
  return id;
}
const biddingClosed = (id: string) => projectWhen(id, (p) => p.status === 'bidding_closed');

/** The whole panel scores: `quality[i]` for the tenant's i-th bidder on the one quality criterion. */
async function scoreAll(t: Tenant, projectId: string, quality: readonly number[]): Promise<void> {
  const bids = await bidsOf(projectId);
  const scores = bidders[t].map((bidder, i) => ({
    bidId: bidOf(bids, bidder.id).id,
    criterionCode: 'plan',
    score: quality[i],
  }));
  // One after another: each sheet checks the project's scoring state in its transaction.
  for (const sub of PANEL[t]) {
    const sheet = await api('PUT', `/v1/projects/${projectId}/scores`, {
      token: await token('evaluator', { sub }),
      headers: { 'if-none-match': '*' },
      body: { scores },
    });
    expect(sheet.status).toBe(201);
  }
}

async function closedWithDocument(t: Tenant): Promise<Procurement['closed']> {
  const id = await withBids(t);
  const owner = bidders[t][0]!;
  const declared = await api<{ documentId: string }>('POST', `/v1/projects/${id}/bid/documents`, {
    token: owner.token,
    body: { fileName: '服务方案.pdf', contentType: 'application/pdf', size: PDF_BYTES.length },
  });
  expect(declared.status).toBe(201);
  await biddingClosed(id);
  return { id, document: { contractorId: owner.id, documentId: declared.json.documentId } };
}

/** Equal prices and quality between two non-profit social organizations: only a draw decides (R-QUAL-4, R-PROC-5). */
async function tiedForFirst(t: Tenant): Promise<Procurement['tied']> {
  const id = await withBids(t);
  await biddingClosed(id);
  await scoreAll(t, id, [80, 80, 60]);
  const evaluated = await projectWhen(
    id,
    (p) => p.status === 'evaluated' && p.workflow?.waitingFor === 'draw',
  );
  const order = (evaluated.evaluation?.ranked ?? [])
    .filter((r) => r.rank === 1 && r.drawRequired)
    .map((r) => r.bidId);
  return { id, order };
}

async function awardedWithContract(t: Tenant): Promise<Procurement['awarded']> {
  const id = await withBids(t);
  await biddingClosed(id);
  await scoreAll(t, id, [90, 70, 60]);
  // Awarded, then the standstill (PERIOD_OVERRIDE_SECONDS) passes without a challenge: the contract is drafted.
  const drafted = await projectWhen(id, (p) => p.contract !== undefined);
  return { id, contractId: drafted.contract!.id };
}

async function challengedAward(t: Tenant): Promise<Procurement['challenged']> {
  const id = await withBids(t);
  await biddingClosed(id);
  await scoreAll(t, id, [70, 90, 60]);
  // The standstill lasts PERIOD_OVERRIDE_SECONDS: the first (losing) bidder challenges the moment the award
  // is out, trying until then (409: not awarded yet), so a loaded machine does not make it miss the window.
  const fileChallenge = () =>
    api<{ id: string; version: number }>('POST', `/v1/projects/${id}/challenges`, {
      token: bidders[t][0]!.token,
      body: { grounds: '评分与采购文件规定的评审标准不符。' },
    });
  let filed = await fileChallenge();
  for (const started = Date.now(); filed.status === 409 && Date.now() - started < 120_000;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    filed = await fileChallenge();
  }
  expect(filed.status, filed.text).toBe(201);
  await projectWhen(id, (p) => p.workflow?.waitingFor === 'challenges');
  return { id, challenge: { id: filed.json.id, version: filed.json.version } };
}

async function procurement(t: Tenant): Promise<Procurement> {
  const [open, closed, review, tied, awarded, challenged] = await Promise.all([
    published(t, A_DAY).then(async (id) => {
      await placeBid(id, bidders.own[0]!);
      return id;
    }),
    closedWithDocument(t),
    withBids(t).then(async (id) => (await biddingClosed(id)).id),
    tiedForFirst(t),
    awardedWithContract(t),
    challengedAward(t),
  ]);
  return { open, closed, review, tied, awarded, challenged };
}

/** The contract a signer signs: the bureau and the contractor sign the same one, the town a second own one. */
const contractFor = (t: Tenant, role: Role) =>
  t === 'own' && role === 'town' ? townSignedContractId : fixtures[t].awarded.contractId;

interface Case {
  route: keyof typeof routes;
  /** The rule the route enforces, named in the test titles. */
  rule?: string;
  /** Expected outcome per role for the own tenant's record, and for the other tenant's. */
  expect: Record<Role, [own: Outcome, other: Outcome]>;
  call(tenant: Tenant, asToken: string, role: Role): Promise<ApiResponse<unknown>>;
  /** A list route's content rule: what every allowed (200) call must hold and must not (issue 10 §2). */
  list?: ListRule;
}

/** The keys a list answer keeps its items under; a list route is a GET answering one of these, or paged. */
const COLLECTION_KEYS = ['items', 'entries', 'sheets'] as const;
type CollectionKey = (typeof COLLECTION_KEYS)[number];
type Item = Record<string, unknown>;

/**
 * What an allowed list call holds. `owner` is the tenant/purchaser/contractor fields every item must carry,
 * `has` the caller's own records, which must be there (so an empty or truncated list fails), `hasNot` the known
 * records of the other tenant, none of which may be there. Every page is read (the cursor is followed).
 */
interface ListRule {
  key: CollectionKey;
  path(tenant: Tenant): string;
  id(item: Item): string;
  expect(tenant: Tenant, role: Role): ListExpectation;
}
interface ListExpectation {
  owner: Record<string, string>;
  has: string[];
  hasNot: string[];
}

/** A list route per the route table: a non-public GET answering a collection key, or taking a cursor. */
function collectionKeyOf(route: RouteDef): CollectionKey | undefined {
  if (route.method !== 'GET' || route.auth === 'public') return undefined;
  const shape = (responseSchema(route) as { shape?: Record<string, unknown> } | null)?.shape ?? {};
  const key = COLLECTION_KEYS.find((k) => k in shape);
  const query = (route.request as { query?: { shape?: Record<string, unknown> } } | undefined)?.query;
  if (!key && query?.shape && 'cursor' in query.shape) {
    throw new Error(`${route.path} is paged but answers none of ${COLLECTION_KEYS.join(', ')}`);
  }
  return key;
}

/** Every item of a list answer, following `cursor` to the last page. */
async function allItems(
  first: ApiResponse<unknown>,
  path: string,
  asToken: string,
  key: CollectionKey,
): Promise<Item[]> {
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
      { token: asToken },
    );
    expect(next.status).toBe(200);
    page = next.json as Record<string, unknown>;
  }
}

const byId = (item: Item) => String(item.id);
const listCall =
  (path: (t: Tenant) => string) =>
  async (t: Tenant, asToken: string): Promise<ApiResponse<unknown>> =>
    api('GET', path(t), { token: asToken });
const otherThan = (t: Tenant): Tenant => (t === 'own' ? 'other' : 'own');
/** The procurement fixtures' projects of a tenant. */
const procurementProjects = (t: Tenant) => {
  const f = fixtures[t];
  return [f.open, f.closed.id, f.review, f.tied.id, f.awarded.id, f.challenged.id];
};

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
/** R-PROC-3, R-PROC-5: bids and score sheets are read by the bureau, auditors, the project's own town and its panel. */
const panelReaders = (ok: Outcome): Record<Role, [Outcome, Outcome]> => ({
  bureau: [ok, ok],
  town: [ok, 404],
  auditor: [ok, ok],
  evaluator: [ok, 404],
  finance: [403, 403],
  contractor: [403, 403],
  portal: [403, 403],
});
/** Routes of one role (a bidder's, an evaluator's): every other role is refused. */
const only = (
  role: 'contractor' | 'evaluator',
  outcomes: [Outcome, Outcome],
): Record<Role, [Outcome, Outcome]> => ({
  bureau: [403, 403],
  town: [403, 403],
  auditor: [403, 403],
  finance: [403, 403],
  contractor: [403, 403],
  portal: [403, 403],
  evaluator: [403, 403],
  [role]: outcomes,
});

const cases: Case[] = [
  {
    route: 'healthDeep',
    // Issue 11 §2: the probes of the table and the bucket are for the bureau's operators and the auditor; the
    // tenant does not matter (one table, one bucket).
    expect: { ...only('contractor', [403, 403]), bureau: [200, 200], auditor: [200, 200] },
    call: async (_t, asToken) => api('GET', '/v1/health', { token: asToken }),
  },
  {
    route: 'registerContractor',
    expect: { ...bureauOnly(201), portal: [201, 201] },
    call: async (_t, asToken) =>
      api('POST', '/v1/contractors', { token: asToken, body: socialOrganization() }),
  },
  {
    route: 'listContractors',
    expect: { ...staff(200), contractor: [403, 403] },
    call: listCall(() => '/v1/contractors?limit=100'),
    // The district's register (R-QUAL-1): every staff reader sees every contractor, the tenants' both.
    list: {
      key: 'items',
      path: () => '/v1/contractors?limit=100',
      id: byId,
      expect: () => ({ owner: {}, has: [ownId, otherId], hasNot: [] }),
    },
  },
  {
    route: 'getContractor',
    expect: { ...staff(200), portal: [200, 404] },
    call: async (t, asToken) => api('GET', `/v1/contractors/${idFor(t)}`, { token: asToken }),
  },
  {
    route: 'findContractorByCreditCode',
    rule: 'R-QUAL-3',
    // Issue 12 §2: staff find any contractor, the portal the one it registered; the other (registered by the
    // bureau) is the same 404 as an unregistered code. A contractor knows its own id: the route is not its.
    expect: { ...staff(200), contractor: [403, 403], portal: [200, 404] },
    call: async (t, asToken) =>
      api('GET', `/v1/contractors/by-credit-code/${codeFor(t)}`, { token: asToken }),
  },
  {
    route: 'createContractorUser',
    // Issue 12 §1: a login for a contractor's staff, by the bureau or by the portal that registered the contractor
    // (at the contractor's registered contact e-mail; the bureau at any address).
    expect: { ...bureauOnly(201), portal: [201, 404] },
    call: async (t, asToken, role) => {
      const n = unique();
      return api('POST', `/v1/contractors/${idFor(t)}/users`, {
        token: asToken,
        body: {
          username: `matrix-${n}`,
          email: role === 'portal' && t === 'own' ? ownContactEmail : `matrix-${n}@example.cn`,
          name: '矩阵用户',
          phone: '13700003333',
        },
      });
    },
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
    call: listCall((t) => `/v1/contractors/${idFor(t)}/documents?limit=100`),
    list: {
      key: 'items',
      path: (t) => `/v1/contractors/${idFor(t)}/documents?limit=100`,
      id: (d) => String(d.documentId),
      expect: (t) => ({
        owner: { contractorId: idFor(t) },
        has: [docFor(t)],
        hasNot: [docFor(otherThan(t))],
      }),
    },
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
    rule: 'R-SUP-2',
    expect: { ...bureauOnly(200), auditor: [200, 200] },
    call: listCall((t) => `/v1/audit/contractor/${idFor(t)}?limit=100`),
    // One record's chain: every entry is that record's, its registration (seq 1) included.
    list: {
      key: 'entries',
      path: (t) => `/v1/audit/contractor/${idFor(t)}?limit=100`,
      id: (e) => `${String(e.recordId)}#${String(e.seq)}`,
      expect: (t) => ({
        owner: { recordType: 'contractor', recordId: idFor(t) },
        has: [`${idFor(t)}#1`],
        hasNot: [`${idFor(otherThan(t))}#1`],
      }),
    },
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
    rule: 'R-BUY-1',
    expect: purchaserReaders(200),
    call: listCall((t) => `/v1/budget-lines?purchaserId=${PURCHASER[t]}&fiscalYear=2033&limit=100`),
    list: {
      key: 'items',
      path: (t) => `/v1/budget-lines?purchaserId=${PURCHASER[t]}&fiscalYear=2033&limit=100`,
      id: byId,
      expect: (t) => ({
        owner: { purchaserId: PURCHASER[t] },
        has: [lineIds[t]],
        hasNot: [lineIds[otherThan(t)]],
      }),
    },
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
    rule: 'R-BUY-1',
    expect: purchaserReaders(200),
    call: listCall((t) => `/v1/projects?purchaserId=${PURCHASER[t]}&limit=100`),
    list: {
      key: 'items',
      path: (t) => `/v1/projects?purchaserId=${PURCHASER[t]}&limit=100`,
      id: byId,
      expect: (t) => ({
        owner: { purchaserId: PURCHASER[t] },
        has: [projectIds[t], ...procurementProjects(t)],
        hasNot: [projectIds[otherThan(t)], ...procurementProjects(otherThan(t))],
      }),
    },
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
  // ---- procurement (issue 3) ----
  {
    route: 'publishProject',
    rule: 'R-PROC-1',
    expect: purchaserWriters(202),
    call: async (t, asToken) => {
      const { id, version } = await approved(t);
      return api('POST', `/v1/projects/${id}/publish`, {
        token: asToken,
        headers: { 'if-match': etag(version) },
        body: { bidDeadline: inSeconds(A_DAY) },
      });
    },
  },
  {
    route: 'submitBid',
    rule: 'R-PROC-1',
    // A notice is public to every eligible contractor, whichever the purchaser; its bid from beforeAll is revised.
    expect: only('contractor', [200, 200]),
    call: async (t, asToken) => {
      // A revision names the version read (issue 12 §3); a role without a bid of its own sends any.
      const own = await api('GET', `/v1/projects/${fixtures[t].open}/bid`, { token: asToken });
      return api('PUT', `/v1/projects/${fixtures[t].open}/bid`, {
        token: asToken,
        headers: { 'if-match': own.headers.get('etag') ?? etag(1) },
        body: { price: PRICE, proposal: { summary: '修订后的服务方案' } },
      });
    },
  },
  {
    route: 'getOwnBid',
    rule: 'R-PROC-5',
    expect: only('contractor', [200, 404]),
    call: async (t, asToken) => api('GET', `/v1/projects/${fixtures[t].closed.id}/bid`, { token: asToken }),
  },
  {
    route: 'listBids',
    rule: 'R-PROC-5',
    expect: panelReaders(200),
    call: listCall((t) => `/v1/projects/${fixtures[t].closed.id}/bids`),
    // Every bid placed on the project and nothing else: the other tenant's bids are by the same rivals.
    list: {
      key: 'items',
      path: (t) => `/v1/projects/${fixtures[t].closed.id}/bids`,
      id: byId,
      expect: (t) => ({
        owner: { projectId: fixtures[t].closed.id },
        has: bidIdsOf(fixtures[t].closed.id),
        hasNot: bidIdsOf(fixtures[otherThan(t)].closed.id),
      }),
    },
  },
  {
    route: 'requestBidDocumentUpload',
    rule: 'R-PROC-1',
    expect: only('contractor', [201, 201]),
    call: async (t, asToken) =>
      api('POST', `/v1/projects/${fixtures[t].open}/bid/documents`, {
        token: asToken,
        body: { fileName: '资质证明.pdf', contentType: 'application/pdf', size: PDF_BYTES.length },
      }),
  },
  {
    route: 'getBidDocument',
    rule: 'R-PROC-5',
    // Auditors read bids and their documents after the deadline (R-SUP-2 oversight); a bidder only its own.
    expect: { ...panelReaders(200), contractor: [200, 404] },
    call: async (t, asToken) => {
      const { id, document } = fixtures[t].closed;
      return api('GET', `/v1/projects/${id}/bids/${document.contractorId}/documents/${document.documentId}`, {
        token: asToken,
      });
    },
  },
  {
    route: 'disqualifyBid',
    rule: 'R-PROC-3',
    expect: bureauOnly(200),
    call: async (t, asToken) => {
      const projectId = fixtures[t].review;
      const bid = bidOf(await bidsOf(projectId), bidders[t][2]!.id);
      return api('POST', `/v1/projects/${projectId}/bids/${bid.contractorId}/disqualify`, {
        token: asToken,
        headers: { 'if-match': etag(bid.version) },
        body: { reason: '未按采购文件要求提供服务承诺函' },
      });
    },
  },
  {
    route: 'assignEvaluators',
    rule: 'R-PROC-3',
    expect: purchaserWriters(200),
    call: async (t, asToken) => {
      const { id, version } = await approved(t);
      return api('PUT', `/v1/projects/${id}/evaluators`, {
        token: asToken,
        headers: { 'if-match': etag(version) },
        body: { evaluatorIds: PANEL[t] },
      });
    },
  },
  {
    route: 'listEvaluatorProjects',
    rule: 'R-PROC-3',
    expect: only('evaluator', [200, 200]),
    call: listCall(() => '/v1/evaluator/projects?limit=100'),
    // The matrix's evaluator sits on the own tenant's panels only, whichever tenant the case names.
    list: {
      key: 'items',
      path: () => '/v1/evaluator/projects?limit=100',
      id: byId,
      expect: () => ({ owner: {}, has: procurementProjects('own'), hasNot: procurementProjects('other') }),
    },
  },
  {
    route: 'submitScores',
    rule: 'R-PROC-3',
    expect: only('evaluator', [201, 404]),
    call: async (t, asToken) => {
      const { id } = fixtures[t].closed;
      const scores = (await bidsOf(id)).map((b) => ({ bidId: b.id, criterionCode: 'plan', score: 75 }));
      return api('PUT', `/v1/projects/${id}/scores`, {
        token: asToken,
        headers: { 'if-none-match': '*' },
        body: { scores },
      });
    },
  },
  {
    route: 'listScoreSheets',
    rule: 'R-PROC-3',
    expect: panelReaders(200),
    call: listCall((t) => `/v1/projects/${fixtures[t].awarded.id}/scores`),
    // Staff read the whole panel's sheets; an evaluator only its own (one round: one sheet per evaluator).
    list: {
      key: 'sheets',
      path: (t) => `/v1/projects/${fixtures[t].awarded.id}/scores`,
      id: (sheet) => String(sheet.evaluatorId),
      expect: (t, role) => {
        const own = role === 'evaluator' ? [MATRIX_EVALUATOR] : PANEL[t];
        return {
          owner: { projectId: fixtures[t].awarded.id },
          has: own,
          hasNot: [...PANEL[t].filter((e) => !own.includes(e)), ...PANEL[otherThan(t)]],
        };
      },
    },
  },
  {
    route: 'recordDraw',
    rule: 'R-PROC-5',
    expect: bureauOnly(200),
    call: async (t, asToken) => {
      const { id, order } = fixtures[t].tied;
      return api('POST', `/v1/projects/${id}/draw`, {
        token: asToken,
        headers: { 'if-match': etag((await projectOf(id)).version) },
        body: { order, witnessedBy: ['区民政局监督员 王芳'] },
      });
    },
  },
  {
    route: 'drawPanel',
    rule: 'R-PROC-5',
    expect: purchaserWriters(200),
    call: async (t, asToken) => {
      const { id, version } = await approved(t);
      return api('POST', `/v1/projects/${id}/evaluators/draw`, {
        token: asToken,
        headers: { 'if-match': etag(version) },
        body: { size: 3 },
      });
    },
  },
  // The evaluator pool is the district's: the tenant does not matter.
  {
    route: 'registerEvaluator',
    rule: 'R-PROC-3',
    expect: bureauOnly(201),
    call: async (t, asToken) =>
      api('PUT', `/v1/evaluators/matrix-pool-${t}-${unique()}`, {
        token: asToken,
        headers: { 'if-none-match': '*' },
        body: { name: '矩阵测试专家', expertise: ['社会救助'] },
      }),
  },
  {
    route: 'retireEvaluator',
    rule: 'R-PROC-3',
    expect: bureauOnly(200),
    call: async (t, asToken) => {
      const sub = `matrix-retire-${t}-${unique()}`;
      await enrolEvaluators([sub]);
      return api('POST', `/v1/evaluators/${sub}/retire`, {
        token: asToken,
        headers: { 'if-match': etag(1) },
        body: { reason: '矩阵测试' },
      });
    },
  },
  {
    route: 'listEvaluators',
    rule: 'R-PROC-3',
    expect: { ...bureauOnly(200), town: [200, 200] },
    call: listCall(() => '/v1/evaluators?limit=100'),
    list: {
      key: 'items',
      path: () => '/v1/evaluators?limit=100',
      id: (m) => String(m.sub),
      expect: () => ({ owner: {}, has: [...PANEL.own, ...PANEL.other], hasNot: [] }),
    },
  },
  {
    route: 'fileChallenge',
    rule: 'R-PROC-5',
    // The own project's bidder is past the 3 s standstill (422); the other project's is not its to challenge.
    expect: only('contractor', [422, 404]),
    call: async (t, asToken) =>
      api('POST', `/v1/projects/${fixtures[t].challenged.id}/challenges`, {
        token: asToken,
        body: { grounds: '中标人的服务方案不满足采购需求。' },
      }),
  },
  {
    route: 'listChallenges',
    rule: 'R-PROC-5',
    expect: { ...purchaserReaders(200), finance: [403, 403], contractor: [200, 404] },
    call: listCall((t) => `/v1/projects/${fixtures[t].challenged.id}/challenges`),
    list: {
      key: 'items',
      path: (t) => `/v1/projects/${fixtures[t].challenged.id}/challenges`,
      id: byId,
      expect: (t, role) => ({
        owner: {
          projectId: fixtures[t].challenged.id,
          ...(role === 'contractor' ? { contractorId: ownId } : {}),
        },
        has: [fixtures[t].challenged.challenge.id],
        hasNot: [fixtures[otherThan(t)].challenged.challenge.id],
      }),
    },
  },
  {
    route: 'answerChallenge',
    rule: 'R-PROC-5',
    expect: bureauOnly(200),
    call: async (t, asToken) => {
      const { id, challenge } = fixtures[t].challenged;
      return api('POST', `/v1/projects/${id}/challenges/${challenge.id}/answer`, {
        token: asToken,
        headers: { 'if-match': etag(challenge.version) },
        body: { outcome: 'dismissed', reply: '经复核，评分符合采购文件规定的评审标准。' },
      });
    },
  },
  {
    route: 'getContract',
    rule: 'R-BUY-1',
    expect: { ...purchaserReaders(200), contractor: [200, 404] },
    call: async (t, asToken) =>
      api('GET', `/v1/contracts/${fixtures[t].awarded.contractId}`, { token: asToken }),
  },
  {
    route: 'listContracts',
    rule: 'R-BUY-1',
    // The winner's contracts; a town's page leaves out other purchasers' (checked below), a contractor lists its own.
    expect: staff(200),
    call: listCall((t) => `/v1/contracts?contractorId=${bidders[t][0]!.id}&limit=100`),
    list: {
      key: 'items',
      path: (t) => `/v1/contracts?contractorId=${bidders[t][0]!.id}&limit=100`,
      id: byId,
      expect: (t, role): ListExpectation => {
        const own = [fixtures.own.awarded.contractId, townSignedContractId];
        const other = [fixtures.other.awarded.contractId];
        // The other tenant's winner holds no pur-town-1 contract: the town's answer for it is rightly empty,
        // and the other tenant's contract (which the bureau's answer holds) must not be in it.
        if (role === 'town') {
          return {
            owner: { contractorId: bidders[t][0]!.id, purchaserId: PURCHASER.own },
            has: t === 'own' ? own : [],
            hasNot: other,
          };
        }
        return {
          owner: { contractorId: bidders[t][0]!.id },
          has: t === 'own' ? own : other,
          hasNot: t === 'own' ? other : own,
        };
      },
    },
  },
  {
    route: 'signContract',
    rule: 'R-CON-1',
    expect: { ...purchaserWriters(200), contractor: [200, 404] },
    call: async (t, asToken, role) => {
      const id = contractFor(t, role);
      const current = await api<{ version: number }>('GET', `/v1/contracts/${id}`, {
        token: await token('bureau'),
      });
      return api('POST', `/v1/contracts/${id}/sign`, {
        token: asToken,
        headers: { 'if-match': etag(current.json.version) },
      });
    },
  },
  // ---- delegations to partner portals (issue 12 §1) ----
  {
    route: 'grantDelegation',
    // The contractor's own user, and the bureau on the contractor's written consent; a portal never grants.
    expect: { ...bureauOnly(201), contractor: [201, 404] },
    call: async (t, asToken) =>
      api('PUT', `/v1/contractors/${idFor(t)}/delegations/matrix-grant-${unique()}`, {
        token: asToken,
        headers: { 'if-none-match': '*' },
        body: { scopes: ['documents'], validUntil: inADay(), consentReference: '矩阵测试授权书' },
      }),
  },
  {
    route: 'revokeDelegation',
    expect: { ...bureauOnly(200), contractor: [200, 404] },
    call: async (t, asToken) => {
      const portalId = `matrix-revoke-${unique()}`;
      await delegate(idFor(t), portalId, ['documents'], await token('bureau'));
      return api('POST', `/v1/contractors/${idFor(t)}/delegations/${portalId}/revoke`, {
        token: asToken,
        headers: { 'if-match': etag(1) },
        body: { reason: '矩阵测试' },
      });
    },
  },
  {
    route: 'listDelegations',
    // A portal lists its own delegation only, and the other contractor (no delegation, not its registration) is 404.
    expect: { ...bureauOnly(200), contractor: [200, 404], portal: [200, 404] },
    call: listCall((t) => `/v1/contractors/${idFor(t)}/delegations`),
    list: {
      key: 'items',
      path: (t) => `/v1/contractors/${idFor(t)}/delegations`,
      id: (d) => String(d.portalId),
      expect: (t, role) => {
        if (role === 'portal')
          return { owner: { contractorId: ownId }, has: [PORTAL_SUB], hasNot: [SCOPED_PORTAL] };
        return t === 'own'
          ? { owner: { contractorId: ownId }, has: [PORTAL_SUB, SCOPED_PORTAL], hasNot: [] }
          : { owner: { contractorId: otherId }, has: [SCOPED_PORTAL], hasNot: [PORTAL_SUB] };
      },
    },
  },
];

describe('authorization matrix: role × tenant for every route', () => {
  /**
   * Issue 13's routes (its capabilities in test/support/delivery.ts DELIVERY_CAPABILITIES, and setAcceptancePlan) are
   * authorization-matrix-delivery.test.ts's, which checks it covers them: a route of any other module is this file's.
   */
  const delivery = new Set(deliveryRouteNames());
  const oursInTable = (filter: (route: RouteDef) => boolean) =>
    Object.entries(routes)
      .filter(([name, r]) => !delivery.has(name) && filter(r as RouteDef))
      .map(([name]) => name);

  it('covers every non-public route in the route table but those of issue 13 (delivery matrix)', () => {
    const protectedRoutes = oursInTable((r) => r.auth !== 'public');
    expect(cases.map((c) => c.route).sort()).toEqual(protectedRoutes.sort());
  });

  it('has a tenant-content rule for every list route in the route table (issue 10 §2)', () => {
    const listRoutes = oursInTable((r) => collectionKeyOf(r) !== undefined).map(
      (name) => `${name}:${collectionKeyOf(routes[name as keyof typeof routes])}`,
    );
    // The table's lists as of issue 10: a route added later is held by the rule check below, not by this list.
    expect(listRoutes.length).toBeGreaterThanOrEqual(10);
    const ruled = cases.filter((c) => c.list).map((c) => `${c.route}:${c.list!.key}`);
    expect(ruled.sort()).toEqual(listRoutes.sort());
  });

  for (const testCase of cases) {
    for (const role of ROLES) {
      for (const [index, tenant] of (['own', 'other'] as const).entries()) {
        const expected = testCase.expect[role][index];
        const rule = testCase.rule ? ` (${testCase.rule})` : '';
        const content = testCase.list && expected === 200 ? ', only its tenant’s items' : '';
        it(`${testCase.route}: ${role} on ${tenant} tenant → ${expected}${content}${rule}`, async () => {
          const asToken = await caller(role);
          const response = await testCase.call(tenant, asToken, role);
          expect(response.status).toBe(expected);
          if (!testCase.list || expected !== 200) return;
          const { key, path, id } = testCase.list;
          const items = await allItems(response, path(tenant), asToken, key);
          const { owner, has, hasNot } = testCase.list.expect(tenant, role);
          for (const item of items) expect(item).toMatchObject(owner);
          const ids = items.map(id);
          expect(ids).toEqual(expect.arrayContaining(has));
          for (const foreign of hasNot) expect(ids).not.toContain(foreign);
          // Each known id is a real one (a fixture that failed to build must not make the check vacuous).
          expect([...has, ...hasNot].every((known) => known.length > 0 && !known.includes('undefined'))).toBe(
            true,
          );
        });
      }
    }
  }

  /**
   * Issue 12 §1: a portal × own / other contractor × scope. On a delegable route a portal acting for the contractor
   * that delegated the route's scope to it gets what the contractor itself gets, on either tenant's record; for a
   * contractor that delegated nothing to it, or without the route's scope, 403.
   */
  describe('a portal acting for a contractor (On-Behalf-Of) on every delegable route', () => {
    const delegable = cases.filter((c) => (routes[c.route] as RouteDef).delegable !== undefined);
    it('covers every delegable route of the table', () => {
      const inTable = oursInTable((r) => r.delegable !== undefined);
      expect(delegable.map((c) => c.route).sort()).toEqual(inTable.sort());
    });
    for (const testCase of delegable) {
      const scope = (routes[testCase.route] as RouteDef).delegable;
      for (const [index, tenant] of (['own', 'other'] as const).entries()) {
        const expected = testCase.expect.contractor[index];
        it(`${testCase.route}: portal for its delegating contractor (${scope}) on ${tenant} tenant → ${expected}`, async () => {
          const asToken = actingFor(await caller('portal'), ownId);
          // The contractor signed the own contract itself (its own case): the portal signs the town's other one.
          const response =
            testCase.route === 'signContract' && tenant === 'own'
              ? await api('POST', `/v1/contracts/${townSignedContractId}/sign`, {
                  token: asToken,
                  headers: {
                    'if-match': etag(
                      (
                        await api<{ version: number }>('GET', `/v1/contracts/${townSignedContractId}`, {
                          token: await token('bureau'),
                        })
                      ).json.version,
                    ),
                  },
                })
              : await testCase.call(tenant, asToken, 'contractor');
          expect(response.status, response.text).toBe(expected);
        });
        it(`${testCase.route}: portal for a contractor that delegated nothing to it, on ${tenant} tenant → 403`, async () => {
          const response = await testCase.call(
            tenant,
            actingFor(await caller('portal'), otherId),
            'contractor',
          );
          expect(response.status).toBe(403);
          expect((response.json as { detail?: string }).detail).toBe(
            `contractor ${otherId} has not delegated anything to this portal`,
          );
        });
        it(`${testCase.route}: portal without the ${scope} scope, on ${tenant} tenant → 403`, async () => {
          const scoped = await token('portal', { sub: SCOPED_PORTAL });
          const response = await testCase.call(tenant, actingFor(scoped, ownId), 'contractor');
          expect(response.status).toBe(403);
          expect((response.json as { detail?: string }).detail).toBe(
            `contractor ${ownId} has delegated deliveries to this portal, not ${scope}`,
          );
        });
      }
    }
  });

  it("listContracts: a town's page holds only its own purchaser's contracts (R-BUY-1)", async () => {
    // The other tenant's winner also bid on own-tenant projects; its pur-town-2 contract is not the town's.
    const path = `/v1/contracts?contractorId=${bidders.other[0]!.id}&limit=100`;
    type Listed = { items: { id: string; purchaserId: string }[] };
    const all = await api<Listed>('GET', path, { token: await caller('bureau') });
    expect(all.json.items.map((c) => c.id)).toContain(fixtures.other.awarded.contractId);
    const town = await api<Listed>('GET', path, { token: await caller('town') });
    expect(town.status).toBe(200);
    expect(town.json.items.map((c) => c.id)).not.toContain(fixtures.other.awarded.contractId);
    expect(town.json.items.every((c) => c.purchaserId === PURCHASER.own)).toBe(true);
  });

  it('refuses every protected route without a token (401) and serves public ones', async () => {
    expect((await api('GET', `/v1/contractors/${ownId}`)).status).toBe(401);
    expect((await api('GET', '/v1/public/catalog')).status).toBe(200);
    expect((await api('GET', '/health')).status).toBe(200);
  });
});

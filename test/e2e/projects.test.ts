/**
 * Issue 3 §1–2 end to end over HTTP on the embedded stack: budget lines, procurement rules and projects
 * from draft to approval, cancellation, and the refusals a clerk meets on the way.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, token } from '../support/stack-client';
import { apiClient, ok, problem, type Schema } from '../support/api-client';
import { DEFAULT_RULES } from '#shared/domain/procurement-rules';
import { socialOrganization } from '../support/fixtures';

type Line = Schema<'BudgetLine'>;
type Project = Schema<'Project'>;
/** An answer that is the record on success and a problem otherwise (the refusals these tests provoke). */
type Answer<T> = T & Partial<Omit<Schema<'Problem'>, 'status'>>;
type Problem = Schema<'Problem'>;

const YEAR = 2031;
const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const etag = (version: number) => `"${version}"`;

let bureauA: string;
let bureauB: string;
let town: string;

async function openLine(asToken: string, purchaserId: string, amount = 200_000_000) {
  return api<Answer<Line>>('POST', '/v1/budget-lines', {
    token: asToken,
    body: { purchaserId, fiscalYear: YEAR, source: 'special_funds', amount },
    headers: { 'idempotency-key': `line-${unique()}` },
  });
}

const projectBody = (purchaserId: string, budgetLineId: string, change: Record<string, unknown> = {}) => ({
  purchaserId,
  title: '特困人员照料护理服务项目',
  catalogCode: 'C-CAREGIVING',
  budgetLineId,
  estimatedAmount: 80_000_000,
  quantity: { value: 1500, unit: '小时' },
  term: { start: `${YEAR}-03-01`, end: `${YEAR}-12-31` },
  procurementMethod: 'competitive_consultation',
  evaluationCriteria: {
    quality: [
      { code: 'service_plan', description: '服务方案与质量保障', weight: 45 },
      { code: 'team', description: '人员配备与专业资质', weight: 30 },
    ],
    priceWeight: 25,
  },
  ...change,
});

async function createProject(asToken: string, body: Record<string, unknown>) {
  return api<Answer<Project>>('POST', '/v1/projects', {
    token: asToken,
    body,
    headers: { 'idempotency-key': `prj-${unique()}` },
  });
}

const act = (asToken: string, id: string, action: 'submit' | 'approve', version: number) => {
  const client = apiClient(asToken);
  const options = { params: { path: { id }, header: { 'If-Match': etag(version) } } };
  return action === 'submit'
    ? client.POST('/v1/projects/{id}/submit', options)
    : client.POST('/v1/projects/{id}/approve', options);
};

beforeAll(async () => {
  bureauA = await token('bureau', { sub: 'bureau-clerk-a' });
  bureauB = await token('bureau', { sub: 'bureau-chief-b' });
  town = await token('town', { purchaserId: 'pur-town-1', sub: 'town-1-clerk' });
});

describe('budget lines over HTTP (R-FUND-1, R-FUND-2, R-BUY-1)', () => {
  it('R-FUND-1: finance opens a line; it shows amount, committed, paid and available in fen', async () => {
    const opened = await openLine(await token('finance'), 'pur-district', 123_456_789);
    expect(opened.status).toBe(201);
    expect(opened.json).toMatchObject({
      purchaserId: 'pur-district',
      fiscalYear: YEAR,
      source: 'special_funds',
      amount: 123_456_789,
      committed: 0,
      paid: 0,
      available: 123_456_789,
      currency: 'CNY',
      version: 1,
    });
    expect(opened.json).not.toHaveProperty('unpaid');
    const auditor = apiClient(await token('auditor'));
    const read = await auditor.GET('/v1/budget-lines/{id}', { params: { path: { id: opened.json.id } } });
    expect(read.response.status).toBe(200);
    expect(read.response.headers.get('etag')).toBe('"1"');
    const trail = ok(
      await auditor.GET('/v1/audit/{recordType}/{id}', {
        params: { path: { recordType: 'budget-line', id: opened.json.id } },
      }),
    );
    expect(trail.chain).toEqual({ verified: true, length: 1 });
    expect(trail.entries.map((e) => e.action)).toEqual(['budget-line.opened']);
  });

  it('R-BUY-1: a town opens lines for itself only; another purchaser answers 404 naming purchaserId', async () => {
    expect((await openLine(town, 'pur-town-1')).status).toBe(201);
    const other = await openLine(town, 'pur-town-2');
    expect(other.status).toBe(404);
    expect(other.json.errors?.map((e) => e.field)).toEqual(['purchaserId']);
  });

  it('answers 404 for an unknown purchaser and 400 naming amount for a zero or fractional amount', async () => {
    expect((await openLine(bureauA, 'pur-nowhere')).status).toBe(404);
    for (const amount of [0, 12.5]) {
      const bad = await openLine(bureauA, 'pur-district', amount);
      expect(bad.status).toBe(400);
      expect(bad.json.errors?.map((e) => e.field)).toEqual(['amount']);
    }
  });

  it('R-BUY-1: lists a purchaser’s lines by year; a town listing another purchaser gets 404', async () => {
    // The town's own line and another purchaser's, both of this year: the list holds the one, not the other.
    const [own, others] = await Promise.all([openLine(town, 'pur-town-1'), openLine(bureauA, 'pur-town-2')]);
    expect([own.status, others.status]).toEqual([201, 201]);
    const mine = await api<{ items: Line[] }>('GET', `/v1/budget-lines?fiscalYear=${YEAR}&limit=100`, {
      token: town,
    });
    expect(mine.status).toBe(200);
    expect(mine.json.items.map((l) => l.id)).toContain(own.json.id);
    expect(mine.json.items.map((l) => l.id)).not.toContain(others.json.id);
    expect(mine.json.items.every((l) => l.purchaserId === 'pur-town-1')).toBe(true);
    const other = await api<Problem>('GET', '/v1/budget-lines?purchaserId=pur-town-2', { token: town });
    expect(other.status).toBe(404);
    const none = await api<{ items: Line[] }>(
      'GET',
      '/v1/budget-lines?purchaserId=pur-town-1&fiscalYear=2001',
      {
        token: bureauA,
      },
    );
    expect(none.json.items).toEqual([]);
  });

  it('pages with a cursor, and refuses a cursor of another year as a bad query', async () => {
    const opened = [
      (await openLine(bureauA, 'pur-town-3', 1_000)).json.id,
      (await openLine(bureauA, 'pur-town-3', 2_000)).json.id,
    ];
    const path = `/v1/budget-lines?purchaserId=pur-town-3&fiscalYear=${YEAR}&limit=1`;
    const first = await api<{ items: Line[]; cursor?: string }>('GET', path, { token: bureauA });
    expect(first.json.items).toHaveLength(1);
    expect(first.json.cursor).toEqual(expect.any(String));
    const next = await api<{ items: Line[] }>('GET', `${path}&cursor=${first.json.cursor}`, {
      token: bureauA,
    });
    // The second page holds one line, another than the first page's (an empty page fails here).
    expect(next.json.items).toHaveLength(1);
    expect(next.json.items[0]!.id).not.toBe(first.json.items[0]!.id);
    // Walked to the end one line a page: no line twice, none skipped (both lines just opened are met).
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api<{ items: Line[]; cursor?: string }>(
        'GET',
        cursor ? `${path}&cursor=${cursor}` : path,
        { token: bureauA },
      );
      cursor = page.json.cursor;
      // A page with a cursor is full; the last may be empty (DynamoDB's key after a full last page).
      expect(page.json.items.length).toBe(cursor ? 1 : Math.min(page.json.items.length, 1));
      seen.push(...page.json.items.map((line) => line.id));
    } while (cursor && seen.length < 500);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(opened));
    const crossed = await api<Problem>(
      'GET',
      `/v1/budget-lines?purchaserId=pur-town-3&fiscalYear=2030&cursor=${first.json.cursor}`,
      { token: bureauA },
    );
    expect(crossed.status).toBe(400);
    expect(crossed.json.errors?.map((e) => e.field)).toEqual(['cursor']);
  });
});

describe('procurement rules per purchaser (R-PROC-2, R-PROC-3)', () => {
  it('shows the defaults, takes a stricter configuration with If-Match "0", and keeps an audit chain', async () => {
    const read = await apiClient(await token('town', { purchaserId: 'pur-town-3' })).GET(
      '/v1/purchasers/{id}/procurement-rules',
      { params: { path: { id: 'pur-town-3' } } },
    );
    expect(read.response.status).toBe(200);
    expect(read.data).toMatchObject({ configured: false, version: 0, procurementLawThreshold: 100_000_000 });
    expect(ok(read).methods.competitive_negotiation).toMatchObject({
      minimumPeriodDays: 3,
      periodUnit: 'working_days',
    });
    expect(read.response.headers.get('etag')).toBe('"0"');

    const body = {
      ...structuredClone(DEFAULT_RULES),
      methods: { ...DEFAULT_RULES.methods, open_tender: { minimumPeriodDays: 25, minimumBidders: 5 } },
    };
    const put = await api<Answer<Schema<'ProcurementRules'>>>(
      'PUT',
      '/v1/purchasers/pur-town-3/procurement-rules',
      { token: bureauA, headers: { 'if-match': '"0"' }, body },
    );
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ version: 1, configured: true });

    const stale = await api<Problem>('PUT', '/v1/purchasers/pur-town-3/procurement-rules', {
      token: bureauA,
      headers: { 'if-match': '"0"' },
      body,
    });
    expect(stale.status).toBe(412);

    const looser = await api<Problem>('PUT', '/v1/purchasers/pur-town-3/procurement-rules', {
      token: bureauA,
      headers: { 'if-match': '"1"' },
      body: {
        ...body,
        methods: { ...body.methods, competitive_negotiation: { minimumPeriodDays: 2, minimumBidders: 3 } },
      },
    });
    expect(looser.status).toBe(422);
    expect(looser.json.rule).toBe('R-PROC-2');
    expect(looser.json.errors?.map((e) => e.field)).toEqual([
      'methods.competitive_negotiation.minimumPeriodDays',
    ]);

    const trail = ok(
      await apiClient(await token('auditor')).GET('/v1/audit/{recordType}/{id}', {
        params: { path: { recordType: 'procurement-rules', id: 'pur-town-3' } },
      }),
    );
    expect(trail.chain).toEqual({ verified: true, length: 1 });
  });

  it('R-BUY-1: a town reading another purchaser’s rules gets 404', async () => {
    const theirs = await apiClient(town).GET('/v1/purchasers/{id}/procurement-rules', {
      params: { path: { id: 'pur-town-2' } },
    });
    expect(theirs.response.status).toBe(404);
  });
});

describe('projects from draft to approval (R-PROC-1..4, R-CAT-3, R-CAT-4, R-FUND-2, R-SUP-2)', () => {
  let townLine: string;
  let districtLine: string;

  beforeAll(async () => {
    townLine = (await openLine(town, 'pur-town-1')).json.id;
    districtLine = (await openLine(bureauA, 'pur-district')).json.id;
  });

  it('R-PROC-1: a town drafts and submits; another bureau user approves; the timeline shows each step', async () => {
    const created = await createProject(town, projectBody('pur-town-1', townLine));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'draft', version: 1, serviceStandardRefined: false });
    // R-CAT-4: the catalog item's current standard (other files may have refined it on the shared stack).
    const catalog = ok(await apiClient().GET('/v1/public/catalog'));
    const item = catalog.items.find((i) => i.code === 'C-CAREGIVING');
    expect(created.json.serviceStandard).toEqual(item?.standard);

    const submitted = await act(town, created.json.id, 'submit', 1);
    expect(submitted.response.status).toBe(200);
    expect(ok(submitted).status).toBe('submitted');

    const approved = await act(bureauB, created.json.id, 'approve', ok(submitted).version);
    expect(approved.response.status).toBe(200);

    const read = ok(
      await apiClient(await token('finance')).GET('/v1/projects/{id}', {
        params: { path: { id: created.json.id } },
      }),
    );
    expect(read.status).toBe('approved');
    expect(read.timeline.map((e) => [e.status, e.by.sub])).toEqual([
      ['draft', 'town-1-clerk'],
      ['submitted', 'town-1-clerk'],
      ['approved', 'bureau-chief-b'],
    ]);
    const trail = ok(
      await apiClient(await token('auditor')).GET('/v1/audit/{recordType}/{id}', {
        params: { path: { recordType: 'project', id: created.json.id } },
      }),
    );
    expect(trail.chain).toEqual({ verified: true, length: 3 });
    expect(trail.entries.map((e) => e.action)).toEqual([
      'project.created',
      'project.submitted',
      'project.approved',
    ]);
  });

  it('four eyes: the bureau user who submitted may not approve; a second bureau user does', async () => {
    const created = await createProject(bureauA, projectBody('pur-district', districtLine));
    const submitted = await act(bureauA, created.json.id, 'submit', created.json.version);
    const own = await act(bureauA, created.json.id, 'approve', ok(submitted).version);
    expect(own.response.status).toBe(422);
    expect(problem(own).detail).toContain('four eyes');
    expect((await act(bureauB, created.json.id, 'approve', ok(submitted).version)).response.status).toBe(200);
  });

  it('R-SUP-3: cancels another project with a public reason; it shows on the project and stops it', async () => {
    const created = await createProject(
      town,
      projectBody('pur-town-1', townLine, {
        title: '困难群众心理疏导服务',
        catalogCode: 'C-PSYCHOLOGICAL-COUNSELING',
      }),
    );
    const cancelled = await api<Answer<Project>>('POST', `/v1/projects/${created.json.id}/cancel`, {
      token: town,
      headers: { 'if-match': etag(created.json.version) },
      body: { reason: 'requirement_changed', note: '需求调整，并入年度综合项目' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'requirement_changed', note: '需求调整，并入年度综合项目' },
    });
    expect(cancelled.json.timeline.at(-1)).toMatchObject({
      status: 'cancelled',
      note: 'requirement_changed: 需求调整，并入年度综合项目',
    });
    const again = await act(town, created.json.id, 'submit', cancelled.json.version);
    expect(again.response.status).toBe(409);
    const badReason = await api<Problem>('POST', `/v1/projects/${created.json.id}/cancel`, {
      token: town,
      headers: { 'if-match': etag(cancelled.json.version) },
      body: { reason: 'bored', note: '无' },
    });
    expect(badReason.status).toBe(400);
    expect(badReason.json.errors?.map((e) => e.field).sort()).toEqual(['note', 'reason']);
  });

  it('R-CAT-3: a negative-list item or title is refused with 422, the reason and the field', async () => {
    const code = await createProject(
      town,
      projectBody('pur-town-1', townLine, { catalogCode: 'NEG-FUND-DISBURSEMENT' }),
    );
    expect(code.status).toBe(422);
    expect(code.json).toMatchObject({ rule: 'R-CAT-3' });
    expect(code.json.detail).toContain('never through a contractor');
    expect(code.json.errors?.map((e) => e.field)).toEqual(['catalogCode']);

    const title = await createProject(
      town,
      projectBody('pur-town-1', townLine, { title: '临时救助金发放服务外包' }),
    );
    expect(title.status).toBe(422);
    expect(title.json.rule).toBe('R-CAT-3');
    expect(title.json.errors?.map((e) => e.field)).toEqual(['title']);
  });

  it('R-FUND-2: an estimate above the line’s available funds is refused naming estimatedAmount', async () => {
    const over = await createProject(
      town,
      projectBody('pur-town-1', townLine, { estimatedAmount: 200_000_001 }),
    );
    expect(over.status).toBe(422);
    expect(over.json.rule).toBe('R-FUND-2');
    expect(over.json.errors?.map((e) => e.field)).toEqual(['estimatedAmount']);
  });

  it('R-PROC-3: a price weight above the cap is refused naming the field', async () => {
    const pricey = await createProject(
      town,
      projectBody('pur-town-1', townLine, {
        evaluationCriteria: {
          quality: [{ code: 'plan', description: '服务方案', weight: 50 }],
          priceWeight: 50,
        },
      }),
    );
    expect(pricey.status).toBe(422);
    expect(pricey.json).toMatchObject({ rule: 'R-PROC-3' });
    expect(pricey.json.errors?.map((e) => e.field)).toEqual(['evaluationCriteria.priceWeight']);
  });

  it('R-BUY-1: a town cannot draft for another purchaser, nor on another purchaser’s line', async () => {
    expect((await createProject(town, projectBody('pur-town-2', townLine))).status).toBe(404);
    const theirs = await createProject(town, projectBody('pur-town-1', districtLine));
    expect(theirs.status).toBe(422);
    expect(theirs.json.errors?.map((e) => e.field)).toEqual(['budgetLineId']);
  });

  it('R-PROC-2: an invited tender naming a contractor that is not eligible is refused at submission', async () => {
    const registered = await api<{ id: string }>('POST', '/v1/contractors', {
      token: bureauA,
      body: socialOrganization(),
    });
    const others = ['ctr_0000000000aaaaaaaaaa', 'ctr_0000000000bbbbbbbbbb'];
    const created = await createProject(
      town,
      projectBody('pur-town-1', townLine, {
        procurementMethod: 'invited_tender',
        invitedContractorIds: [registered.json.id, ...others],
      }),
    );
    expect(created.status).toBe(201);
    const refused = await act(town, created.json.id, 'submit', created.json.version);
    expect(refused.response.status).toBe(422);
    expect(problem(refused).rule).toBe('R-QUAL-2');
    expect(problem(refused).errors?.map((e) => e.field)).toEqual(['invitedContractorIds.0']);
  });

  it('edits a draft with If-Match, refuses a stale one, and lists by status', async () => {
    const created = await createProject(
      town,
      projectBody('pur-town-1', townLine, {
        title: '社会救助协理员服务',
        catalogCode: 'B-ASSISTANCE-COORDINATION',
      }),
    );
    const edited = await api<Answer<Project>>('PUT', `/v1/projects/${created.json.id}`, {
      token: town,
      headers: { 'if-match': etag(created.json.version) },
      body: {
        ...projectBody('pur-town-1', townLine, {
          catalogCode: 'B-ASSISTANCE-COORDINATION',
          title: '社会救助协理员服务（修订）',
        }),
        purchaserId: undefined,
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.version).toBe(2);
    const stale = await api<Problem>('PUT', `/v1/projects/${created.json.id}`, {
      token: town,
      headers: { 'if-match': etag(1) },
      body: { ...projectBody('pur-town-1', townLine), purchaserId: undefined },
    });
    expect(stale.status).toBe(412);

    const drafts = await apiClient(town).GET('/v1/projects', {
      params: { query: { status: 'draft', limit: 100 } },
    });
    expect(drafts.response.status).toBe(200);
    expect(ok(drafts).items.map((p) => p.id)).toContain(created.json.id);
    expect(ok(drafts).items.every((p) => p.status === 'draft')).toBe(true);
    const theirs = await apiClient(town).GET('/v1/projects', {
      params: { query: { purchaserId: 'pur-town-2' } },
    });
    expect(theirs.response.status).toBe(404);
  });

  it('replays a create with the same Idempotency-Key and creates nothing more', async () => {
    const headers = { 'idempotency-key': `prj-replay-${unique()}` };
    const body = projectBody('pur-town-1', townLine, {
      title: '特困人员康复训练服务',
      catalogCode: 'C-REHABILITATION',
    });
    const first = await api<Project>('POST', '/v1/projects', { token: town, body, headers });
    const second = await api<Project>('POST', '/v1/projects', { token: town, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    expect(second.json.id).toBe(first.json.id);
  });
});

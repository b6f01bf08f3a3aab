/**
 * Issue 3 §5 end to end over HTTP on the embedded stack: approving and cancelling a project publishes OCDS
 * releases and announcements without a token, and every package received validates against the official
 * OCDS 1.1.5 schema (R-SUP-3, R-PROC-5).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CursorScope } from '#shared/adapters/dynamodb/cursor';
import { sealCursor } from '#shared/adapters/dynamodb/cursor';
import { api, token } from '../support/stack-client';
import { apiClient, ok, problem, type Schema } from '../support/api-client';
import { expectValidRecordPackage, expectValidReleasePackage } from '../support/ocds-schema';

/**
 * What these tests read of an OCDS release. The contract leaves a release to the OCDS 1.1 schema (every package is
 * checked against it by expectValidReleasePackage / expectValidRecordPackage), so this one type stays written here.
 */
interface Release {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
  tender: { status: string; procurementMethod: string; value: { amount: number; currency: string } };
}
type ReleasePackage = Omit<Schema<'ReleasePackage'>, 'releases'> & { releases: Release[] };
type RecordPackage = Omit<Schema<'RecordPackage'>, 'records'> & {
  records: { ocid: string; releases: Release[]; compiledRelease: Release }[];
};
type Announcement = Schema<'Announcement'>;
type Problem = Schema<'Problem'>;

const YEAR = 2032;
const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

let town: string;
let bureau: string;
let projectId: string;
let version: number;
let ocid: string;
let planningDate: string;

/**
 * Every answer of the feed is either a valid OCDS 1.1.5 release package (never empty) or, with nothing to send, the
 * documented 404 problem (docs/api.md, issue 10 §1).
 */
function expectFeedAnswer(page: { status: number; headers: Headers; json: unknown }): void {
  if (page.status === 404) {
    expect(page.headers.get('content-type')).toBe('application/problem+json');
    expect(page.json).toMatchObject({ type: 'urn:assistance:problem:not_found', status: 404 });
    expect((page.json as Problem).detail).toMatch(
      /^releases: no OCDS release is published (at or after .+ )?yet$/,
    );
    return;
  }
  expect(page.status).toBe(200);
  expectValidReleasePackage(page.json);
}

/** Every release since `since`, following cursors; each answer validated as it arrives. */
async function releasesSince(since: string, limit = 100): Promise<{ releases: Release[]; pages: number }> {
  const all: Release[] = [];
  let pages = 0;
  let path: string | undefined =
    `/v1/public/ocds/releases?${new URLSearchParams({ since, limit: String(limit) }).toString()}`;
  while (path) {
    const page: Awaited<ReturnType<typeof api<ReleasePackage>>> = await api<ReleasePackage>('GET', path);
    expectFeedAnswer(page);
    if (page.status === 404) {
      expect(pages, 'a next link never leads to an empty page').toBe(0);
      break;
    }
    pages += 1;
    all.push(...page.json.releases);
    const next: string | undefined = page.json.links?.next;
    expect(page.json.cursor).toBe(next ? (new URL(next).searchParams.get('cursor') ?? undefined) : undefined);
    path = next ? `${new URL(next).pathname}${new URL(next).search}` : undefined;
  }
  return { releases: all, pages };
}

async function newestAnnouncements(): Promise<Announcement[]> {
  const page = await apiClient().GET('/v1/public/announcements', { params: { query: { limit: 50 } } });
  expect(page.response.status).toBe(200);
  return ok(page).items;
}

beforeAll(async () => {
  town = await token('town', { purchaserId: 'pur-town-1', sub: 'town-1-disclosure-clerk' });
  bureau = await token('bureau', { sub: 'bureau-disclosure-chief' });
  const line = await apiClient(town).POST('/v1/budget-lines', {
    params: { header: { 'Idempotency-Key': `line-${unique()}` } },
    body: { purchaserId: 'pur-town-1', fiscalYear: YEAR, source: 'special_funds', amount: 200_000_000 },
  });
  expect(line.response.status).toBe(201);
  const created = await apiClient(town).POST('/v1/projects', {
    params: { header: { 'Idempotency-Key': `prj-${unique()}` } },
    body: {
      purchaserId: 'pur-town-1',
      title: '东山镇困难群众探访关爱服务项目',
      catalogCode: 'C-CAREGIVING',
      budgetLineId: ok(line).id,
      estimatedAmount: 12_345_678,
      quantity: { value: 800, unit: '人次' },
      term: { start: `${YEAR}-03-01`, end: `${YEAR}-12-31` },
      procurementMethod: 'competitive_consultation',
      evaluationCriteria: {
        quality: [
          { code: 'service_plan', description: '服务方案与质量保障', weight: 45 },
          { code: 'team', description: '人员配备与专业资质', weight: 30 },
        ],
        priceWeight: 25,
      },
    },
  });
  expect(created.response.status).toBe(201);
  projectId = ok(created).id;
  const submitted = await apiClient(town).POST('/v1/projects/{id}/submit', {
    params: { path: { id: projectId }, header: { 'If-Match': `"${ok(created).version}"` } },
  });
  expect(submitted.response.status).toBe(200);
  version = ok(submitted).version;
});

describe('public disclosure over HTTP (R-SUP-3, R-PROC-5)', () => {
  it('R-SUP-3: a submitted project is not public yet', async () => {
    const { releases: all } = await releasesSince(new Date(Date.now() - 60_000).toISOString());
    expect(all.some((r) => r.ocid.endsWith(`-${projectId}`))).toBe(false);
  });

  it('R-SUP-3: approval puts a planning release in the feed, a valid OCDS 1.1.5 package, read without a token', async () => {
    const since = new Date(Date.now() - 1_000).toISOString();
    const approved = await apiClient(bureau).POST('/v1/projects/{id}/approve', {
      params: { path: { id: projectId }, header: { 'If-Match': `"${version}"` } },
    });
    expect(approved.response.status).toBe(200);
    version = ok(approved).version;

    const mine = (await releasesSince(since)).releases.filter((r) => r.ocid.endsWith(`-${projectId}`));
    expect(mine).toHaveLength(1);
    const [planning] = mine;
    expect(planning).toMatchObject({
      tag: ['planning'],
      tender: {
        status: 'planned',
        procurementMethod: 'limited',
        value: { amount: 123_456.78, currency: 'CNY' },
      },
    });
    ocid = planning?.ocid ?? '';
    planningDate = planning?.date ?? '';
    expect(ocid).toBe(`ocds-xxxxxx-${projectId}`);
    const announcement = (await newestAnnouncements()).find((a) => a.ocid === ocid);
    expect(announcement).toMatchObject({ kind: 'procurement_intention', releaseId: planning?.id });
  });

  it('R-PROC-5: cancelling the approved project publishes tenderCancellation and a cancellation announcement', async () => {
    // Just after the planning release: `since` is inclusive and both are on this machine's clock.
    const since = new Date(Date.parse(planningDate) + 1).toISOString();
    const cancelled = await apiClient(town).POST('/v1/projects/{id}/cancel', {
      params: { path: { id: projectId }, header: { 'If-Match': `"${version}"` } },
      body: { reason: 'requirement_changed', note: '服务对象名单调整，需求重新论证' },
    });
    expect(cancelled.response.status).toBe(200);

    const mine = (await releasesSince(since)).releases.filter((r) => r.ocid === ocid);
    expect(mine.map((r) => r.tag)).toEqual([['tenderCancellation']]);
    expect(mine[0]?.tender.status).toBe('cancelled');
    const announcements = (await newestAnnouncements()).filter((a) => a.ocid === ocid);
    expect(announcements.map((a) => a.kind)).toEqual(['cancellation', 'procurement_intention']);
    expect(announcements[0]?.title.zh).toContain('终止公告');
    expect(announcements[0]?.links.record).toBe(`/v1/public/ocds/records/${ocid}`);
    // The clerk's note stays internal; only the public reason code and its label are published.
    expect(JSON.stringify([mine, announcements])).not.toContain('服务对象名单');
  });

  it('R-SUP-3: the record for the ocid compiles planning and cancellation into a valid record package', async () => {
    const response = await api<RecordPackage>('GET', `/v1/public/ocds/records/${ocid}`);
    expect(response.status).toBe(200);
    expectValidRecordPackage(response.json);
    const [record] = response.json.records;
    expect(record?.releases.map((r) => r.tag[0])).toEqual(['planning', 'tenderCancellation']);
    expect(record?.compiledRelease).toMatchObject({
      ocid,
      tag: ['compiled'],
      tender: { status: 'cancelled' },
    });
  });

  it('issue 10 §1: paging one release at a time gives exactly one page per release, each valid, the last without next', async () => {
    // Other stack test files publish into the same feed while this runs: the strict comparison is made on a window
    // in which the feed did not grow (the same releases before and after the paging), retried a few times otherwise.
    for (let attempt = 1; ; attempt += 1) {
      const { releases: all, pages: onePage } = await releasesSince(planningDate);
      expect(onePage).toBe(1);
      expect(all.length).toBeGreaterThanOrEqual(2);

      const { releases: paged, pages } = await releasesSince(planningDate, 1);
      // A page exactly as long as what remains has no next either.
      const exact = await releasesSince(planningDate, all.length);
      const after = await releasesSince(planningDate);
      const stable = after.releases.length === all.length;
      if (!stable && attempt < 5) continue;
      expect(stable, 'the feed stood still for one of five attempts').toBe(true);

      expect(pages).toBe(all.length);
      expect(paged.map((r) => r.id)).toEqual(all.map((r) => r.id));
      expect(exact).toMatchObject({ pages: 1 });
      expect(exact.releases.map((r) => r.id)).toEqual(all.map((r) => r.id));
      return;
    }
  });

  it('issue 10 §1: the record package of every process in the feed validates too', async () => {
    const { releases: all } = await releasesSince(planningDate);
    const ocids = [...new Set(all.map((r) => r.ocid))];
    expect(ocids).toContain(ocid);
    for (const each of ocids) {
      const response = await api<RecordPackage>('GET', `/v1/public/ocds/records/${each}`);
      expect(response.status, each).toBe(200);
      expectValidRecordPackage(response.json);
      expect(response.json.records).toHaveLength(1);
    }
  });

  it('issue 10 §1: with nothing at or after `since` the feed answers the documented 404 problem, not an empty package', async () => {
    const since = '2099-01-01T00:00:00+08:00';
    const page = await api<Problem>('GET', `/v1/public/ocds/releases?since=${encodeURIComponent(since)}`);
    expectFeedAnswer(page);
    expect(page.status).toBe(404);
    expect(page.json.detail).toBe(`releases: no OCDS release is published at or after ${since} yet`);
  });

  it('issue 10 §1: a tampered cursor is 400 naming cursor against DynamoDB Local, also with a tag computed for it', async () => {
    const since = planningDate;
    const first = await api<ReleasePackage>(
      'GET',
      `/v1/public/ocds/releases?${new URLSearchParams({ since, limit: '1' }).toString()}`,
    );
    expectFeedAnswer(first);
    const genuine = first.json.cursor ?? '';
    expect(genuine).not.toBe('');
    const scope: CursorScope = {
      attributes: ['PK', 'SK'],
      partition: { attribute: 'PK', value: 'PUBLIC#RELEASES' },
      sortAttribute: 'SK',
      sortKeyFrom: new Date(since).toISOString(),
      newestFirst: false,
    };
    const [pk, sk] = JSON.parse(Buffer.from(genuine.split('.')[0] ?? '', 'base64url').toString()) as string[];
    expect(sealCursor([pk, sk], scope), 'the scope the feed binds its cursor to').toBe(genuine);
    const tampered = [
      `${genuine.slice(0, -1)}${genuine.endsWith('A') ? 'B' : 'A'}`,
      sealCursor([pk, ''], scope),
      sealCursor([pk, 7], scope),
      sealCursor([pk, sk, 'x'], scope),
      sealCursor([pk], scope),
      sealCursor(['PUBLIC#ANNOUNCEMENTS', sk], scope),
      sealCursor([pk, '2000-01-01T00:00:00.000Z#x'], scope),
      Buffer.from(JSON.stringify({ PK: pk, SK: '' })).toString('base64url'),
    ];
    for (const cursor of tampered) {
      const query = new URLSearchParams({ since, limit: '1', cursor }).toString();
      const answer = await api<Problem>('GET', `/v1/public/ocds/releases?${query}`);
      expect(answer.status, cursor).toBe(400);
      expect(answer.json.errors?.map((e) => [e.in, e.field])).toEqual([['query', 'cursor']]);
    }
    const next = await api<ReleasePackage>(
      'GET',
      `/v1/public/ocds/releases?${new URLSearchParams({ since, limit: '1', cursor: genuine }).toString()}`,
    );
    expectFeedAnswer(next);
    expect(next.json.releases[0]?.id).not.toBe(first.json.releases[0]?.id);
  });

  it('answers 400 naming since or cursor for bad paging input, and 404 for an unknown ocid', async () => {
    const anyone = apiClient();
    const badSince = await anyone.GET('/v1/public/ocds/releases', {
      params: { query: { since: 'last-week' } },
    });
    expect(badSince.response.status).toBe(400);
    expect(problem(badSince).errors?.map((e) => e.field)).toEqual(['since']);
    const badCursor = await anyone.GET('/v1/public/announcements', { params: { query: { cursor: 'abc' } } });
    expect(badCursor.response.status).toBe(400);
    expect(problem(badCursor).errors?.map((e) => e.field)).toEqual(['cursor']);
    const unknown = await anyone.GET('/v1/public/ocds/records/{ocid}', {
      params: { path: { ocid: 'ocds-xxxxxx-prj_doesnotexist00' } },
    });
    expect(unknown.response.status).toBe(404);
  });
});

import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as getOcdsRecord } from '#functions/public/get-ocds-record';
import { handler as listAnnouncements } from '#functions/public/list-announcements';
import { handler as listOcdsReleases } from '#functions/public/list-ocds-releases';
import { routes } from '#functions/routes';
import { utcInstant } from '#shared/adapters/dynamodb/disclosure-writes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { DEMO_DISTRICT } from '#shared/domain/district-seed';
import type { Announcement, Release } from '#shared/domain/ocds';
import { disclosureFor } from '#shared/domain/ocds';
import type { Project } from '#shared/domain/project';
import { approveProject, cancelProject } from '#shared/domain/project';
import { expectValidRecordPackage, expectValidReleasePackage } from '../support/ocds-schema';
import { budgetLine, caregiving, project } from './procurement-fixtures';
import type { RequestOptions } from './support';
import { apiEvent, json, lambdaContext, problem } from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);

const town = DEMO_DISTRICT[1];
if (!town) throw new Error('seed changed');
const ctx = { ocidPrefix: 'ocds-xxxxxx', purchaser: town, budgetLine: budgetLine(), catalogItem: caregiving };
const chief = { sub: 'u-chief', role: 'bureau' };
const submitted: Project = project({
  status: 'submitted',
  version: 2,
  timeline: [
    ...project().timeline,
    {
      at: '2025-03-05T09:00:00.000+08:00',
      status: 'submitted',
      event: 'submit',
      by: { sub: 'u-town', role: 'town' },
    },
  ],
});
const approved = approveProject(submitted, { actor: chief, now: '2025-03-10T10:00:00.000+08:00' });
const cancelled = cancelProject(
  approved,
  { reason: 'budget_withdrawn', note: '年度预算调减' },
  { actor: chief, now: '2025-03-12T16:30:00.000+08:00' },
);
const planning = disclosureFor(submitted, approved, ctx);
const cancellation = disclosureFor(approved, cancelled, ctx);
const [planningRelease] = planning.releases as [Release];
const [cancellationRelease] = cancellation.releases as [Release];
const OCID = planningRelease.ocid;

const feedItem = (r: Release) => ({
  ...keys.publicRelease(utcInstant(r.date), r.id),
  recordType: 'ocds-release',
  release: r,
});
const ocidItem = (r: Release) => ({
  ...keys.ocidRelease(r.ocid, utcInstant(r.date), r.id),
  recordType: 'ocds-release',
  release: r,
});
const announcementItem = (a: Announcement) => ({
  ...keys.announcement(utcInstant(a.publishedAt), a.id),
  recordType: 'announcement',
  ...a,
});

// Public routes: no claims, as API Gateway sends them without an authorizer block.
const announcements = (options: RequestOptions = {}) =>
  listAnnouncements(apiEvent(routes.listAnnouncements, options), lambdaContext());
const releases = (options: RequestOptions = {}) =>
  listOcdsReleases(apiEvent(routes.listOcdsReleases, options), lambdaContext());
const record = (options: RequestOptions = {}) =>
  getOcdsRecord(apiEvent(routes.getOcdsRecord, options), lambdaContext());

/** A key as a client might forge a cursor of it (the layout cursors had before issue 10). */
const forgedCursor = (key: Record<string, string>) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** N valid releases of N processes, a day apart: planning releases of otherwise equal projects. */
function feedOf(n: number): Release[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `prj_01jfeed${String(i).padStart(13, '0')}`;
    const draft = project({ ...submitted, id });
    const day = String(10 + i).padStart(2, '0');
    const next = approveProject(draft, { actor: chief, now: `2025-04-${day}T10:00:00.000+08:00` });
    return disclosureFor(draft, next, ctx).releases[0] as Release;
  });
}

/**
 * The feed's partition as DynamoDB answers a Query: the key range from `since`, ExclusiveStartKey, Limit, and a
 * LastEvaluatedKey whenever the page is full, whether or not anything follows (DynamoDB cannot know).
 */
function feedPartition(feed: readonly Release[]) {
  const items = feed.map(feedItem).sort((a, b) => a.SK.localeCompare(b.SK));
  return (input: QueryCommandInput) => {
    const values = input.ExpressionAttributeValues ?? {};
    if (values[':pk'] !== 'PUBLIC#RELEASES') return { Items: [] };
    const inRange = items.filter((i) => i.SK >= String(values[':from'] ?? ''));
    const after = input.ExclusiveStartKey?.SK as string | undefined;
    const start = after === undefined ? 0 : inRange.findIndex((i) => i.SK > after);
    const page = start < 0 ? [] : inRange.slice(start, start + (input.Limit ?? 1000));
    const last = page.at(-1);
    return {
      Items: page,
      ...(page.length === input.Limit && last ? { LastEvaluatedKey: { PK: last.PK, SK: last.SK } } : {}),
    };
  };
}

interface FeedPage {
  releases: Release[];
  cursor?: string;
  links?: { next: string };
}

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(QueryCommand).resolves({ Items: [] });
});

describe('GET /v1/public/announcements (R-SUP-3, R-PROC-5)', () => {
  it('R-SUP-3: answers without a token, newest first, each with a link to its OCDS record', async () => {
    ddbMock
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'PUBLIC#ANNOUNCEMENTS' } })
      .resolves({ Items: [...cancellation.announcements, ...planning.announcements].map(announcementItem) });

    const result = await announcements();

    expect(result.statusCode).toBe(200);
    const body = json<{ items: (Announcement & { links: { record: string } })[] }>(result);
    expect(body.items.map((a) => a.kind)).toEqual(['cancellation', 'procurement_intention']);
    expect(body.items[0]).toMatchObject({
      releaseId: cancellationRelease.id,
      title: {
        zh: expect.stringContaining('终止公告') as string,
        en: expect.stringContaining('Cancellation') as string,
      },
      links: { record: `/v1/public/ocds/records/${OCID}` },
    });
    expect(body.items[0]).not.toHaveProperty('recordType');
    expect(result.headers?.['cache-control']).toBe('public, max-age=60');
    const query = ddbMock.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(query).toMatchObject({ ScanIndexForward: false, Limit: 25 });
  });

  it('R-PROC-5: pages with a cursor and refuses a forged one with 400 naming cursor', async () => {
    const last = keys.announcement('2025-03-12T08:30:00.000Z', 'x');
    ddbMock.on(QueryCommand).resolves({ Items: [], LastEvaluatedKey: last });
    const first = json<{ cursor: string }>(await announcements({ query: { limit: '1' } }));
    expect(first.cursor).toEqual(expect.any(String));
    expect(first.cursor).not.toContain(forgedCursor(last)); // opaque (issue 10 §1)
    await announcements({ query: { cursor: first.cursor } });
    expect(ddbMock.commandCalls(QueryCommand)[1]?.args[0].input.ExclusiveStartKey).toEqual(last);

    for (const forged of [forgedCursor(keys.project('prj_1')), forgedCursor(last), `${first.cursor}A`]) {
      expect(
        problem(await announcements({ query: { cursor: forged } }), 400).errors?.map((e) => e.field),
      ).toEqual(['cursor']);
    }
  });
});

describe('GET /v1/public/ocds/releases (R-SUP-3)', () => {
  it('R-SUP-3: returns a valid OCDS 1.1.5 release package, oldest first, from `since` as a key range in UTC', async () => {
    ddbMock
      .on(QueryCommand, {
        ExpressionAttributeValues: { ':pk': 'PUBLIC#RELEASES', ':from': '2025-03-10T00:00:00.000Z' },
      })
      .resolves({ Items: [planningRelease, cancellationRelease].map(feedItem) });

    const result = await releases({ query: { since: '2025-03-10T08:00:00+08:00' } });

    expect(result.statusCode).toBe(200);
    const body = json<{ releases: Release[]; version: string; publishedDate: string; uri: string }>(result);
    expectValidReleasePackage(body);
    expect(body.releases.map((r) => r.tag)).toEqual([['planning'], ['tenderCancellation']]);
    expect(body).toMatchObject({ version: '1.1', publishedDate: cancellationRelease.date });
    expect(body.uri).toMatch(/^https:\/\/api\.example\.test\/v1\/public\/ocds\/releases\?since=/);
    expect(ddbMock.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      KeyConditionExpression: 'PK = :pk AND SK >= :from',
      ScanIndexForward: true,
    });
  });

  it('R-SUP-3: gives the next page as links.next and cursor, and it continues after the page', async () => {
    ddbMock.on(QueryCommand).callsFake(feedPartition([planningRelease, cancellationRelease]));

    const body = json<FeedPage>(await releases({ query: { limit: '1' } }));

    expectValidReleasePackage(body);
    expect(body.releases.map((r) => r.id)).toEqual([planningRelease.id]);
    expect(new URL(body.links?.next ?? '').searchParams.get('cursor')).toBe(body.cursor);
    const next = json<FeedPage>(await releases({ query: { limit: '1', cursor: body.cursor ?? '' } }));
    expectValidReleasePackage(next);
    expect(next.releases.map((r) => r.id)).toEqual([cancellationRelease.id]);
  });

  it.each([1, 2, 3, 5])(
    'issue 10 §1: paging %i at a time over 5 releases gives exactly the pages needed, each valid, the last without next',
    async (limit) => {
      const feed = feedOf(5);
      ddbMock.on(QueryCommand).callsFake(feedPartition(feed));
      const pages: FeedPage[] = [];
      let url: string | undefined = `https://api.example.test/v1/public/ocds/releases?limit=${limit}`;
      while (url && pages.length < 10) {
        const query = Object.fromEntries(new URL(url).searchParams);
        const result = await releases({ query });
        expect(result.statusCode, result.body).toBe(200);
        const page = json<FeedPage>(result);
        expectValidReleasePackage(page);
        pages.push(page);
        url = page.links?.next;
        expect(page.cursor).toBe(url ? (new URL(url).searchParams.get('cursor') ?? undefined) : undefined);
      }

      expect(pages).toHaveLength(Math.ceil(feed.length / limit));
      expect(pages.flatMap((p) => p.releases.map((r) => r.id))).toEqual(feed.map((r) => r.id));
      // One Query per page, reading one release past it: never more than needed.
      const queries = ddbMock.commandCalls(QueryCommand).map((c) => c.args[0].input);
      expect(queries).toHaveLength(pages.length);
      for (const q of queries) expect(q.Limit).toBe(limit + 1);
    },
  );

  it('issue 10 §1: when DynamoDB stops a page early (its 1 MB limit), the feed reads on before deciding on next', async () => {
    // DynamoDB answering one release per request, with a LastEvaluatedKey, as when each page hits 1 MB.
    const feed = feedOf(5);
    const partition = feedPartition(feed);
    ddbMock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
      const answer = partition({ ...input, Limit: 1 });
      const [item] = answer.Items;
      const more = item !== undefined && item.SK < (feed.map(feedItem).at(-1)?.SK ?? '');
      return { Items: answer.Items, ...(more ? { LastEvaluatedKey: { PK: item.PK, SK: item.SK } } : {}) };
    });
    const pages: FeedPage[] = [];
    let query: Record<string, string> | undefined = { limit: '2' };
    while (query && pages.length < 10) {
      const page: FeedPage = json<FeedPage>(await releases({ query }));
      expectValidReleasePackage(page);
      pages.push(page);
      query = page.cursor ? { limit: '2', cursor: page.cursor } : undefined;
    }

    expect(pages.map((p) => p.releases.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.releases.map((r) => r.id))).toEqual(feed.map((r) => r.id));
    expect(pages.at(-1)?.links).toBeUndefined();
  });

  it('issue 10 §1: however many times DynamoDB stops early, the feed reads on until it knows whether a release follows', async () => {
    // One release per request, and a LastEvaluatedKey even with the last one (DynamoDB may stop at 1 MB exactly
    // there): only the next, empty answer says nothing follows. A page of 5 needs 6 requests to know.
    const feed = feedOf(5);
    const partition = feedPartition(feed);
    ddbMock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
      const answer = partition({ ...input, Limit: 1 });
      const [item] = answer.Items;
      return { Items: answer.Items, ...(item ? { LastEvaluatedKey: { PK: item.PK, SK: item.SK } } : {}) };
    });

    const page = json<FeedPage>(await releases({ query: { limit: '5' } }));

    expectValidReleasePackage(page);
    expect(page.releases.map((r) => r.id)).toEqual(feed.map((r) => r.id));
    expect(page.links).toBeUndefined();
    expect(page.cursor).toBeUndefined();
    expect(ddbMock).toHaveReceivedCommandTimes(QueryCommand, 6);
  });

  it('issue 10 §1: a district with nothing published, or nothing at or after `since`, answers 404 problem+json, not an empty package', async () => {
    ddbMock.on(QueryCommand).callsFake(feedPartition([]));
    const none = problem(await releases(), 404);
    expect(none.detail).toBe('releases: no OCDS release is published yet');

    ddbMock.on(QueryCommand).callsFake(feedPartition(feedOf(2)));
    const since = '2026-01-01T00:00:00+08:00';
    const nothingNew = problem(await releases({ query: { since } }), 404);
    expect(nothingNew.detail).toBe(`releases: no OCDS release is published at or after ${since} yet`);
    expect(nothingNew.type).toBe('urn:assistance:problem:not_found');
  });

  it('answers 400 naming since for a date-time without offset or not a date at all', async () => {
    for (const since of ['2025-03-10', 'yesterday', '2025-03-10T08:00:00']) {
      expect(problem(await releases({ query: { since } }), 400).errors?.map((e) => e.field)).toEqual([
        'since',
      ]);
    }
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
  });

  it('answers 400 naming cursor for a cursor of another `since`, of another list, or not a cursor', async () => {
    ddbMock.on(QueryCommand).callsFake(feedPartition(feedOf(3)));
    const genuine = json<FeedPage>(await releases({ query: { limit: '1' } })).cursor ?? '';
    ddbMock
      .on(QueryCommand)
      .resolves({ Items: [], LastEvaluatedKey: keys.announcement('2025-04-01T00:00:00.000Z', 'x') });
    const other = json<{ cursor: string }>(await announcements({ query: { limit: '1' } })).cursor;
    ddbMock.on(QueryCommand).callsFake(feedPartition(feedOf(3)));
    const before = forgedCursor(keys.publicRelease('2025-01-01T00:00:00.000Z', 'x'));
    for (const [since, cursor] of [
      ['2025-03-01T00:00:00Z', genuine],
      [undefined, before],
      [undefined, other],
      [undefined, 'not-a-cursor'],
    ] as const) {
      const result = await releases({ query: { ...(since ? { since } : {}), cursor } });
      expect(problem(result, 400).errors?.map((e) => e.field)).toEqual(['cursor']);
    }
  });
});

describe('GET /v1/public/ocds/records/{ocid} (R-SUP-3)', () => {
  it('R-SUP-3: compiles the process from its releases into a valid OCDS 1.1.5 record package', async () => {
    ddbMock
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': `OCID#${OCID}` } })
      .resolves({ Items: [planningRelease, cancellationRelease].map(ocidItem) });

    const result = await record({ params: { ocid: OCID } });

    expect(result.statusCode).toBe(200);
    const body = json<{
      records: { ocid: string; releases: Release[]; compiledRelease: Release }[];
      uri: string;
    }>(result);
    expectValidRecordPackage(body);
    expect(body.uri).toBe(`https://api.example.test/v1/public/ocds/records/${OCID}`);
    expect(body.records).toHaveLength(1);
    expect(body.records[0]?.releases.map((r) => r.id)).toEqual([planningRelease.id, cancellationRelease.id]);
    expect(body.records[0]?.compiledRelease).toMatchObject({
      tag: ['compiled'],
      tender: { status: 'cancelled' },
    });
  });

  it('answers 404 for an ocid with no releases and 400 naming ocid for a malformed one', async () => {
    problem(await record({ params: { ocid: 'ocds-xxxxxx-prj_unknown00000' } }), 404);
    expect(problem(await record({ params: { ocid: 'a b' } }), 400).errors?.map((e) => e.field)).toEqual([
      'ocid',
    ]);
  });
});

/**
 * Issue 3 figures: p50/p99 of bid submission (PUT /v1/projects/{id}/bid) and of the public OCDS feed at
 * 1,000 and 20,000 releases, against an embedded stack started in this process, measured like the issue 2
 * latency figures (bench/latency.ts: concurrent clients, warm-up, rounds, medians of the rounds).
 *
 * It runs in a process of its own (`measureProcurementIsolated`): the handlers' SDK clients resolve their
 * endpoint once, on first use, so in the bench's main process they would keep calling the ports of the stack
 * that section 3-4 started and stopped.
 */
import { fork } from 'node:child_process';
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { signDevToken } from '#infra/local/jwt';
import { repoRoot } from '#infra/local/paths';
import { startEmbeddedStack, type EmbeddedStack } from '#infra/local/stack';
import { keys } from '#shared/adapters/dynamodb/keys';
import { createTableClient, type TableClient } from './batch-write';
// Types only: the module itself is imported once the stack has set the environment it reads.
import type { ReleaseSource } from './feed-releases';
import { qualifiedContractor } from './bidders';
import { installCounter, type DynamoCounter } from './dynamo-counter';
import { createApi, runLoad, type Answer, type Call, type LoadPlan, type LoadResult } from './http';
import { combine } from './latency';
import { emptyPopulation } from './population';
import type { Output } from './stack-bench';
import { count, seconds } from './stats';

export const BID_LOAD = {
  /** Eligible contractors; each sends one first submission and one revision per measured project. */
  contractors: 500,
  concurrency: 16,
  /** One project per round, plus one for the warm-up: a first submission is only first once. */
  rounds: 5,
  timeLimitMs: 60_000,
  /** Publication to deadline: past the consultation minimum (10 days), so the stack needs no period override. */
  deadlineDays: 30,
  /** Fen; bids are priced at random between half of it and all of it (R-FUND-2: never above). */
  estimate: 60_000_000,
} as const;

export const FEED_LOAD = {
  /** Releases in the public feed partition when each size is measured. */
  sizes: [1_000, 20_000],
  /** Page size asked for: the largest the API allows, as a harvester would ask. */
  pageLimit: 100,
  concurrency: 16,
  warmup: 200,
  requests: 200,
  rounds: 5,
  /** (since, cursor) pairs collected from unmeasured first pages for the next-page requests. */
  cursors: 100,
  timeLimitMs: 60_000,
  /** Seeded processes are approved at random in this many days before the bench, published 1-10 days later. */
  windowDays: 365,
} as const;

/** A measured request kind: medians of the rounds (like latency.ts) and DynamoDB requests per call. */
export interface Rounds extends LoadResult {
  rounds: LoadResult[];
  /** Requests the handlers sent to DynamoDB per completed call, counted over the measured rounds. */
  dynamoPerCall: number;
}

export interface BidFigures {
  contractors: number;
  /** Writing the contractors straight into the table. */
  loadMs: number;
  /** Projects created, approved and published through the API (one per round and one for the warm-up). */
  projects: number;
  publishMs: number;
  first: Rounds;
  revision: Rounds;
}

export interface FeedSize {
  /** Releases in the public feed partition (counted), the bench's own projects' releases included. */
  releases: number;
  /** Written to reach this size, and how long it took. */
  seededReleases: number;
  seedMs: number;
  itemsPerSecond: number;
  firstPage: Rounds;
  nextPage: Rounds;
  record: Rounds;
}

export interface ProcurementFigures {
  stackReadyMs: number;
  bids: BidFigures;
  /** Smallest size first. */
  feed: FeedSize[];
}

/** What the child process sends its parent. */
export type ChildMessage =
  { kind: 'line' | 'progress'; text: string } | { kind: 'figures'; figures: ProcurementFigures };

/** Runs `measureProcurement` in a child process (bench/procurement-main.ts), relaying its output. */
export function measureProcurementIsolated(dataDir: string, out: Output): Promise<ProcurementFigures> {
  return new Promise((resolve, reject) => {
    // fork() passes on this process's execArgv: the child runs under tsx like the bench.
    const child = fork(path.join(repoRoot, 'bench', 'procurement-main.ts'), [dataDir]);
    let figures: ProcurementFigures | undefined;
    child.on('message', (message: ChildMessage) => {
      if (message.kind === 'figures') figures = message.figures;
      else out[message.kind](message.text);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (figures) resolve(figures);
      else reject(new Error(`the procurement bench exited (${code ?? signal}) without figures`));
    });
  });
}

interface Context {
  stack: EmbeddedStack;
  api: (call: Call) => Promise<Answer>;
  table: TableClient;
  counter: DynamoCounter;
  out: Output;
}

export async function measureProcurement(dataDir: string, out: Output): Promise<ProcurementFigures> {
  process.env.LOG_LEVEL ??= 'WARN';
  // Business metrics (EMF lines on stdout, issue 9 §5) would flood the output; set it to false to see them.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const stack = await startEmbeddedStack({
    dataDir,
    port: 0,
    dynamoPort: 0,
    s3Port: 0,
    sfnPort: 0,
    seed: true,
    logRequests: false,
    log: (text) => out.line(`[stack] ${text}`),
  });
  out.line(`embedded stack ready in ${seconds(stack.readyMs)} at ${stack.baseUrl}`);
  const table = createTableClient({ endpoint: stack.dynamoEndpoint, tableName: stack.tableName });
  try {
    // Imported only now: the module builds its client from the environment the stack has just set.
    const { documentClient } = await import('#shared/adapters/dynamodb/client');
    const context: Context = {
      stack,
      api: createApi(stack.baseUrl),
      table,
      counter: installCounter(documentClient),
      out,
    };
    const { figures: bids, templateProjectId } = await measureBids(context);
    const feed: FeedSize[] = [];
    const seeded: SeededFeed = { processes: [], dates: [] };
    const { releaseSource } = await import('./feed-releases');
    const source = await releaseSource(table, templateProjectId);
    for (const size of FEED_LOAD.sizes) feed.push(await measureFeedAt(context, source, seeded, size));
    return { stackReadyMs: stack.readyMs, bids, feed };
  } finally {
    table.close();
    await stack.stop();
  }
}

/** Runs measured rounds one by one, counting the handlers' DynamoDB requests during each. */
function roundsOf(counter: DynamoCounter) {
  const results: LoadResult[] = [];
  let requests = 0;
  return {
    async run(plan: LoadPlan): Promise<LoadResult> {
      counter.reset();
      const result = await runLoad(plan);
      requests += counter.total();
      results.push(result);
      return result;
    },
    figures(): Rounds {
      const combined = combine(results);
      return { ...combined, rounds: results, dynamoPerCall: requests / combined.completed };
    },
  };
}

// ---- bids ----

interface Bidder {
  id: string;
  token: string;
}

async function measureBids(context: Context): Promise<{ figures: BidFigures; templateProjectId: string }> {
  const { out } = context;
  const loadStarted = performance.now();
  const bidders = await loadBidders(context, BID_LOAD.contractors);
  const loadMs = performance.now() - loadStarted;
  out.line(`wrote ${count(bidders.length)} eligible contractors in ${seconds(loadMs, 1)}`);

  const publishStarted = performance.now();
  const projectIds = await publishProjects(context, BID_LOAD.rounds + 1);
  const publishMs = performance.now() - publishStarted;
  out.line(`published ${projectIds.length} projects through the API in ${seconds(publishMs, 1)}`);

  // The version of each bidder's bid by project, as its last answer gave it: a revision sends it as If-Match, a
  // first submission If-None-Match: * (issue 12 §3).
  const versions = new Map<string, number[]>();
  const plan = (projectId: string, expectedStatus: 201 | 200): LoadPlan => ({
    requests: bidders.length,
    concurrency: BID_LOAD.concurrency,
    timeLimitMs: BID_LOAD.timeLimitMs,
    expectedStatus,
    send: async (i) => {
      const bidder = bidders[i] as Bidder;
      const price = randomInt(BID_LOAD.estimate / 2, BID_LOAD.estimate + 1);
      const summary = expectedStatus === 201 ? '服务方案与质量保障措施' : '修订后的服务方案与质量保障措施';
      const seen = versions.get(projectId) ?? [];
      versions.set(projectId, seen);
      const version = seen[i];
      const { status, json } = await context.api({
        method: 'PUT',
        path: `/v1/projects/${projectId}/bid`,
        token: bidder.token,
        headers: version === undefined ? { 'if-none-match': '*' } : { 'if-match': etag(version) },
        body: { price, proposal: { summary } },
      });
      if (status < 300) seen[i] = (json as { version: number }).version;
      return status;
    },
  });
  const [warmupProject, ...measuredProjects] = projectIds as [string, ...string[]];
  await runLoad(plan(warmupProject, 201));
  await runLoad(plan(warmupProject, 200));
  const first = roundsOf(context.counter);
  const revision = roundsOf(context.counter);
  for (const projectId of measuredProjects) {
    const a = await first.run(plan(projectId, 201));
    const b = await revision.run(plan(projectId, 200));
    out.line(
      `bids on ${projectId}: first p50 ${a.p50Ms.toFixed(1)} p99 ${a.p99Ms.toFixed(1)} ms` +
        ` (${a.failures} failed), revision p50 ${b.p50Ms.toFixed(1)} p99 ${b.p99Ms.toFixed(1)} ms (${b.failures} failed)`,
    );
  }
  return {
    figures: {
      contractors: bidders.length,
      loadMs,
      projects: projectIds.length,
      publishMs,
      first: first.figures(),
      revision: revision.figures(),
    },
    templateProjectId: warmupProject,
  };
}

async function loadBidders(context: Context, n: number): Promise<Bidder[]> {
  const population = emptyPopulation();
  const now = new Date();
  const built = Array.from({ length: n }, () => qualifiedContractor(population, now));
  await context.table.putAll(built.flatMap((b) => b.items));
  return Promise.all(
    built.map(async ({ contractor }) => ({
      id: contractor.id,
      token: await signDevToken({
        keysDir: context.stack.keysDir,
        role: 'contractor',
        contractorId: contractor.id,
      }),
    })),
  );
}

const etag = (version: number) => `"${version}"`;

async function expectStatus<T>(answer: Promise<Answer>, status: number, what: string): Promise<T> {
  const { status: got, json } = await answer;
  if (got !== status) throw new Error(`${what} answered ${got}: ${JSON.stringify(json)}`);
  return json as T;
}

/**
 * `n` consultation projects of pur-town-1 on one budget line, each created and submitted by a town clerk,
 * approved by a second person (four eyes), published with a deadline BID_LOAD.deadlineDays away; resolves
 * once the workflow has published every notice.
 */
async function publishProjects(context: Context, n: number): Promise<string[]> {
  const { api, stack } = context;
  const [town, approver] = await Promise.all([
    signDevToken({
      keysDir: stack.keysDir,
      role: 'town',
      purchaserId: 'pur-town-1',
      sub: 'bench-town-clerk',
    }),
    signDevToken({
      keysDir: stack.keysDir,
      role: 'bureau',
      purchaserId: 'pur-district',
      sub: 'bench-bureau-approver',
    }),
  ]);
  const year = new Date().getFullYear() + 1;
  const line = await expectStatus<{ id: string }>(
    api({
      method: 'POST',
      path: '/v1/budget-lines',
      token: town,
      headers: { 'idempotency-key': `bench-line-${Date.now()}` },
      body: {
        purchaserId: 'pur-town-1',
        fiscalYear: year,
        source: 'special_funds',
        amount: n * BID_LOAD.estimate,
      },
    }),
    201,
    'POST /v1/budget-lines',
  );
  const publishOne = async (i: number): Promise<string> => {
    type Versioned = { id: string; version: number; status: string };
    const created = await expectStatus<Versioned>(
      api({
        method: 'POST',
        path: '/v1/projects',
        token: town,
        headers: { 'idempotency-key': `bench-project-${Date.now()}-${i}` },
        body: {
          purchaserId: 'pur-town-1',
          title: `东山镇困境儿童关爱服务项目（第${i + 1}标段）`,
          catalogCode: 'C-CAREGIVING',
          budgetLineId: line.id,
          estimatedAmount: BID_LOAD.estimate,
          quantity: { value: 1000, unit: '小时' },
          term: { start: `${year}-03-01`, end: `${year}-12-31` },
          procurementMethod: 'competitive_consultation',
          evaluationCriteria: {
            quality: [
              { code: 'service_plan', description: '服务方案与质量保障', weight: 50 },
              { code: 'team', description: '人员配备与专业资质', weight: 25 },
            ],
            priceWeight: 25,
          },
        },
      }),
      201,
      'POST /v1/projects',
    );
    const step = (action: string, token: string, version: number, body?: unknown) =>
      expectStatus<Versioned>(
        api({
          method: 'POST',
          path: `/v1/projects/${created.id}/${action}`,
          token,
          headers: { 'if-match': etag(version) },
          ...(body === undefined ? {} : { body }),
        }),
        action === 'publish' ? 202 : 200,
        `POST /v1/projects/{id}/${action}`,
      );
    const submitted = await step('submit', town, created.version);
    const approved = await step('approve', approver, submitted.version);
    // Whole seconds: the publish route refuses a fraction (R-PROC-1).
    const bidDeadline = new Date(
      Math.ceil(Date.now() / 1000) * 1000 + BID_LOAD.deadlineDays * 86_400_000,
    ).toISOString();
    await step('publish', town, approved.version, { bidDeadline });
    await untilPublished(context, created.id, town);
    return created.id;
  };
  return Promise.all(Array.from({ length: n }, (_, i) => publishOne(i)));
}

async function untilPublished(context: Context, projectId: string, token: string): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    const { json } = await context.api({ method: 'GET', path: `/v1/projects/${projectId}`, token });
    if ((json as { status?: string }).status === 'published') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`project ${projectId} was not published within 30 s`);
}

// ---- the OCDS feed ----

interface SeededFeed {
  processes: { ocid: string }[];
  /** UTC instants of every seeded release, for `since` values with full pages after them. */
  dates: string[];
}

/** Tops the feed up to `target` releases, then measures the first page, the next page and a record. */
async function measureFeedAt(
  context: Context,
  source: ReleaseSource,
  seeded: SeededFeed,
  target: number,
): Promise<FeedSize> {
  const { table, out } = context;
  const { processItems, RELEASES_PER_PROCESS } = await import('./feed-releases');
  const partition = keys.publicReleasePartition();
  const missing = Math.max(0, target - (await table.countPartition(partition)));
  const now = Date.now();
  const windowMs = FEED_LOAD.windowDays * 86_400_000;
  const built = Array.from({ length: Math.ceil(missing / RELEASES_PER_PROCESS) }, () =>
    processItems(
      source,
      new Date(now - 11 * 86_400_000 - randomInt(windowMs)),
      (1 + randomInt(10)) * 86_400_000 - randomInt(3_600_000),
    ),
  );
  const items = built.flatMap((b) => b.items);
  const started = performance.now();
  let reported = -1;
  await table.putAll(items, (written) => {
    const tenth = Math.floor((10 * written) / items.length);
    if (tenth === reported) return;
    reported = tenth;
    out.progress(`writing releases: ${count(Math.floor(written / 2))} / ${count(items.length / 2)}`);
  });
  const seedMs = performance.now() - started;
  for (const { process } of built) {
    seeded.processes.push({ ocid: process.ocid });
    seeded.dates.push(...process.releaseDates);
  }
  seeded.dates.sort();
  const releases = await table.countPartition(partition);
  out.line(
    `feed holds ${count(releases)} releases (${count(built.length * RELEASES_PER_PROCESS)} written in ${seconds(seedMs, 1)})`,
  );

  const limit = FEED_LOAD.pageLimit;
  // A since with two full pages after it, anywhere in the seeded range.
  const randomSince = () => seeded.dates[randomInt(seeded.dates.length - 2 * limit)] as string;
  const feedPath = (since: string, cursor?: string) =>
    `/v1/public/ocds/releases?${new URLSearchParams({ since, limit: String(limit), ...(cursor ? { cursor } : {}) })}`;
  const page = async (since: string, cursor?: string) => {
    const answer = await context.api({ method: 'GET', path: feedPath(since, cursor) });
    return { status: answer.status, json: answer.json as { releases?: unknown[]; cursor?: string } };
  };
  /** A 200 whose body is not what was asked (a short page, no record) counts as a failure. */
  const checked = (status: number, complete: boolean) => (status === 200 && !complete ? -1 : status);
  const plan = (send: () => Promise<number>, requests: number = FEED_LOAD.requests): LoadPlan => ({
    requests,
    concurrency: FEED_LOAD.concurrency,
    timeLimitMs: FEED_LOAD.timeLimitMs,
    expectedStatus: 200,
    send,
  });
  const firstPagePlan = (requests: number = FEED_LOAD.requests) =>
    plan(async () => {
      const { status, json } = await page(randomSince());
      return checked(status, json.releases?.length === limit && json.cursor !== undefined);
    }, requests);

  await runLoad(firstPagePlan(FEED_LOAD.warmup));
  const cursors: { since: string; cursor: string }[] = [];
  while (cursors.length < FEED_LOAD.cursors) {
    const since = randomSince();
    const { json } = await page(since);
    if (!json.cursor) throw new Error(`no cursor after the first page since ${since}`);
    cursors.push({ since, cursor: json.cursor });
  }

  const firstPage = roundsOf(context.counter);
  const nextPage = roundsOf(context.counter);
  const record = roundsOf(context.counter);
  for (let round = 0; round < FEED_LOAD.rounds; round++) {
    await firstPage.run(firstPagePlan());
    await nextPage.run(
      plan(async () => {
        const { since, cursor } = cursors[randomInt(cursors.length)] as { since: string; cursor: string };
        const { status, json } = await page(since, cursor);
        return checked(status, json.releases?.length === limit);
      }),
    );
    await record.run(
      plan(async () => {
        const { ocid } = seeded.processes[randomInt(seeded.processes.length)] as { ocid: string };
        const answer = await context.api({ method: 'GET', path: `/v1/public/ocds/records/${ocid}` });
        const body = answer.json as { records?: { releases?: unknown[] }[] };
        return checked(answer.status, body.records?.[0]?.releases?.length === RELEASES_PER_PROCESS);
      }),
    );
  }
  const size: FeedSize = {
    releases,
    seededReleases: built.length * RELEASES_PER_PROCESS,
    seedMs,
    itemsPerSecond: items.length / (seedMs / 1000),
    firstPage: firstPage.figures(),
    nextPage: nextPage.figures(),
    record: record.figures(),
  };
  for (const [name, r] of [
    ['first page', size.firstPage],
    ['next page', size.nextPage],
    ['record', size.record],
  ] as const) {
    out.line(
      `${name.padEnd(10)} at ${count(releases).padStart(6)} releases: p50 ${r.p50Ms.toFixed(1)}, p99 ${r.p99Ms.toFixed(1)} ms, ` +
        `${r.perSecond.toFixed(0)}/s, ${r.dynamoPerCall.toFixed(2)} DynamoDB requests per call, ${r.failures} failed`,
    );
  }
  return size;
}

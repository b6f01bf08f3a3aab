/**
 * The deadline rush (issue 11 §3) on the embedded stack: 50 eligible contractors submit and revise their bids in
 * the last 10 seconds before a deadline while one hostile contractor loops PUT …/bid. Every honest bid must land
 * (0 lost, 0 × 409 after an honest client's retries), and the count at closing must be exact. Reported: p50/p99
 * of the honest requests, the hostile loop's answers, and the transactions DynamoDB would have cancelled.
 *
 * DynamoDB Local serializes transactions and never answers TransactionConflict, so DynamoDB's rule (a transaction
 * naming an item another one holds is cancelled) is applied in front of it, on the handlers' client
 * (test/support/transaction-conflicts.ts): the conflicts counted are those AWS would have caused.
 *
 * `npm run bench -- --only rush` (or `tsx bench/rush.ts`) runs it alone and writes its section of docs/bench.md;
 * a whole `npm run bench` keeps that section.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { signDevToken } from '#infra/local/jwt';
import { repoRoot } from '#infra/local/paths';
import { startEmbeddedStack, type EmbeddedStack } from '#infra/local/stack';
import { transactionConflictRule, type ConflictTally } from '../test/support/transaction-conflicts';
import { createTableClient } from './batch-write';
import { qualifiedContractor } from './bidders';
import { createApi, type Answer, type Call } from './http';
import { emptyPopulation } from './population';
import type { Output } from './stack-bench';
import { count, percentile, seconds } from './stats';

export const RUSH = {
  honest: 50,
  /** Each honest contractor submits once, then revises this often, one after the other. */
  revisions: 2,
  /** The rush: the honest writes are spread over the last this-many ms before the deadline. */
  windowMs: 10_000,
  /** The last honest write is sent at the latest this long before the deadline. */
  lastWriteBeforeMs: 2_000,
  /** An honest client stops sending (retrying) this long before the deadline: its clock is not the server's. */
  honestStopMs: 300,
  /** Parallel loops of the hostile contractor, each sending PUT …/bid as fast as answers come. */
  hostileLoops: 8,
  /** The hostile loops go on this long past the deadline. */
  hostileAfterMs: 1_000,
  /** Publication → deadline: time to publish the notice and line everybody up. */
  leadMs: 15_000,
  periodOverrideSeconds: 3,
  estimate: 60_000_000,
} as const;

export const RUSH_TITLE = '## Deadline rush (issue 11 §3)';

export interface RushFigures {
  date: string;
  honest: number;
  honestRequests: number;
  /** Honest requests answered 2xx / retried (any other answer) / given up (not landed by the deadline). */
  honest2xx: number;
  honestRetries: number;
  honestRetryStatuses: Record<string, number>;
  honestLost: number;
  /** Honest contractors whose stored bid is not their last acknowledged one. */
  honestWrongFinal: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  hostileRequests: number;
  hostilePerSecond: number;
  hostileStatuses: Record<string, number>;
  transactions: ConflictTally;
  /** Of the conflicts, those between the hostile contractor's own concurrent requests. */
  hostileConflicts: number;
  bidsAtClose: number;
  expectedAtClose: number;
  closedStatus: string;
  closeAfterDeadlineMs: number;
  loadAverage: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const tally = (into: Record<string, number>, status: number) => {
  into[String(status)] = (into[String(status)] ?? 0) + 1;
};

/** DynamoDB's conflict rule on the handlers' client, in front of DynamoDB Local (see the file's comment). */
function installConflictRule(
  client: DynamoDBDocumentClient,
  onConflict: (heldKeys: string[]) => void,
): ConflictTally {
  const rule = transactionConflictRule({ onConflict });
  client.middlewareStack.add(
    (next, context) => async (args) =>
      // The document client's command, or the low-level one it sends (both pass this stack).
      /^TransactWrite(Items)?Command$/.test(context.commandName ?? '')
        ? rule.run(args.input as TransactWriteCommandInput, () => next(args))
        : next(args),
    { step: 'initialize', name: 'benchTransactionConflictRule', priority: 'high' },
  );
  return rule.tally;
}

export async function measureRush(dataDir: string, out: Output): Promise<RushFigures> {
  process.env.LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const stack: EmbeddedStack = await startEmbeddedStack({
    dataDir,
    port: 0,
    dynamoPort: 0,
    s3Port: 0,
    sfnPort: 0,
    seed: true,
    logRequests: false,
    periodOverrideSeconds: RUSH.periodOverrideSeconds,
    log: (text) => out.line(`[stack] ${text}`),
  });
  out.line(`embedded stack ready in ${seconds(stack.readyMs)} at ${stack.baseUrl}`);
  const table = createTableClient({ endpoint: stack.dynamoEndpoint, tableName: stack.tableName });
  try {
    const { documentClient } = await import('#shared/adapters/dynamodb/client');
    // Whose transactions collided: every bidder's items are its own, so a conflict names one bidder's bid.
    const conflictsOn = new Map<string, number>();
    const transactions = installConflictRule(documentClient, (heldKeys) => {
      const bid = heldKeys.find((key) => key.includes('|BID#')) ?? heldKeys[0] ?? '';
      const contractorId = bid.split('|BID#')[1] ?? bid;
      conflictsOn.set(contractorId, (conflictsOn.get(contractorId) ?? 0) + 1);
    });
    const api = createApi(stack.baseUrl);
    const token = (role: 'contractor' | 'town' | 'bureau', extra: Record<string, string>) =>
      signDevToken({ keysDir: stack.keysDir, role, ...extra });

    // Arrange: 51 eligible contractors (50 honest, 1 hostile) written as the qualification leaves them.
    const population = emptyPopulation();
    const now = new Date();
    const built = Array.from({ length: RUSH.honest + 1 }, () => qualifiedContractor(population, now));
    await table.putAll(built.flatMap((b) => b.items));
    const bidders = await Promise.all(
      built.map(async ({ contractor }) => ({
        id: contractor.id,
        token: await token('contractor', { contractorId: contractor.id }),
      })),
    );
    const [hostile, ...honest] = bidders as [(typeof bidders)[number], ...typeof bidders];
    out.line(`wrote ${count(bidders.length)} eligible contractors`);
    const { projectId, deadline, bureau } = await publishProject(api, token);
    out.line(`published ${projectId}, bids due ${new Date(deadline).toISOString()}`);

    // Act: the rush.
    await sleep(deadline - RUSH.windowMs - Date.now());
    transactions.sent = 0;
    transactions.conflicts = 0;
    conflictsOn.clear();
    const latencies: number[] = [];
    const retryStatuses: Record<string, number> = {};
    let honestRequests = 0;
    let honest2xx = 0;
    // A first bid sends If-None-Match: *, a revision If-Match with the version its last answer gave (issue 12 §3).
    const versionOf = new Map<string, number>();
    const bidPath = `/v1/projects/${projectId}/bid`;
    const put = async (
      bidder: { id: string; token: string },
      price: number,
      reread = true,
    ): Promise<number> => {
      const version = versionOf.get(bidder.id);
      const call: Call = {
        method: 'PUT',
        path: bidPath,
        token: bidder.token,
        headers: version === undefined ? { 'if-none-match': '*' } : { 'if-match': `"${version}"` },
        body: { price, proposal: { summary: `服务方案 ${price}` } },
      };
      const answer = await api(call).catch((): Answer => ({ status: 0, json: undefined }));
      if (answer.status >= 200 && answer.status < 300) {
        versionOf.set(bidder.id, (answer.json as { version: number }).version);
      } else if (answer.status === 412 && reread) {
        // An earlier write whose answer was lost landed after all: an honest client reads its bid again.
        const own = await api({ method: 'GET', path: bidPath, token: bidder.token }).catch(() => undefined);
        if (own?.status === 200) versionOf.set(bidder.id, (own.json as { version: number }).version);
      }
      return answer.status;
    };
    /** An honest client: sends, and on anything but 2xx waits a little and sends again, until shortly before D. */
    const honestWrite = async (bidder: { id: string; token: string }, price: number): Promise<boolean> => {
      for (let attempt = 0; Date.now() < deadline - RUSH.honestStopMs; attempt++) {
        const sent = performance.now();
        const status = await put(bidder, price);
        latencies.push(performance.now() - sent);
        honestRequests++;
        if (status >= 200 && status < 300) {
          honest2xx++;
          return true;
        }
        tally(retryStatuses, status);
        await sleep(50 + Math.random() * 100 * 2 ** Math.min(attempt, 4));
      }
      return false;
    };
    const lastAcknowledged = new Map<string, number>();
    let lost = 0;
    const honestRuns = honest.map(async (bidder, i) => {
      const writes = 1 + RUSH.revisions;
      for (let w = 0; w < writes; w++) {
        // Spread over the window: write w of each contractor in its own slice, at a random point of it.
        const slice = (RUSH.windowMs - RUSH.lastWriteBeforeMs) / writes;
        await sleep(deadline - RUSH.windowMs + w * slice + Math.random() * slice - Date.now());
        const price = RUSH.estimate - i * 100 - w;
        if (await honestWrite(bidder, price)) lastAcknowledged.set(bidder.id, price);
        else lost++;
      }
    });
    const hostileStatuses: Record<string, number> = {};
    let hostileRequests = 0;
    const hostileStarted = performance.now();
    const hostileRuns = Array.from({ length: RUSH.hostileLoops }, async () => {
      while (Date.now() < deadline + RUSH.hostileAfterMs) {
        // Its parallel loops move its bid under each other: a 412 is one more refusal it does not read after.
        tally(hostileStatuses, await put(hostile, RUSH.estimate - 1 - (hostileRequests++ % 1000), false));
      }
    });
    await Promise.all([...honestRuns, ...hostileRuns]);
    const hostileSeconds = (performance.now() - hostileStarted) / 1000;
    const loadAverage = os.loadavg()[0] ?? Number.NaN;

    // Assert: the close, then what it holds.
    const closed = await untilClosed(api, projectId, bureau);
    const listed = await api({ method: 'GET', path: `/v1/projects/${projectId}/bids`, token: bureau });
    if (listed.status !== 200)
      throw new Error(`GET …/bids answered ${listed.status}: ${JSON.stringify(listed.json)}`);
    const bids = (listed.json as { items: { contractorId: string; price: number }[] }).items;
    const stored = new Map(bids.map((bid) => [bid.contractorId, bid.price]));
    const wrongFinal = honest.filter(
      (bidder) => stored.get(bidder.id) !== lastAcknowledged.get(bidder.id),
    ).length;
    return {
      date: new Date().toISOString(),
      honest: honest.length,
      honestRequests,
      honest2xx,
      honestRetries: honestRequests - honest2xx,
      honestRetryStatuses: retryStatuses,
      honestLost: lost,
      honestWrongFinal: wrongFinal,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
      hostileRequests,
      hostilePerSecond: hostileRequests / hostileSeconds,
      hostileStatuses,
      transactions: { ...transactions },
      hostileConflicts: conflictsOn.get(hostile.id) ?? 0,
      bidsAtClose: bids.length,
      expectedAtClose: honest.length + (stored.has(hostile.id) ? 1 : 0),
      closedStatus: closed.status,
      closeAfterDeadlineMs: closed.at - deadline,
      loadAverage,
    };
  } finally {
    table.close();
    await stack.stop();
  }
}

type Api = (call: Call) => Promise<Answer>;
type Token = (role: 'contractor' | 'town' | 'bureau', extra: Record<string, string>) => Promise<string>;

/** One consultation project of pur-town-1 created, submitted, approved and published with the rush's deadline. */
async function publishProject(api: Api, token: Token) {
  const [town, bureau] = await Promise.all([
    token('town', { purchaserId: 'pur-town-1', sub: 'rush-town-clerk' }),
    token('bureau', { purchaserId: 'pur-district', sub: 'rush-bureau-approver' }),
  ]);
  const expect = async <T>(answer: Promise<Answer>, status: number, what: string): Promise<T> => {
    const { status: got, json } = await answer;
    if (got !== status) throw new Error(`${what} answered ${got}: ${JSON.stringify(json)}`);
    return json as T;
  };
  const year = new Date().getFullYear() + 2;
  const line = await expect<{ id: string }>(
    api({
      method: 'POST',
      path: '/v1/budget-lines',
      token: town,
      headers: { 'idempotency-key': `rush-line-${Date.now()}` },
      body: {
        purchaserId: 'pur-town-1',
        fiscalYear: year,
        source: 'special_funds',
        amount: RUSH.estimate * 2,
      },
    }),
    201,
    'POST /v1/budget-lines',
  );
  type Versioned = { id: string; version: number };
  const created = await expect<Versioned>(
    api({
      method: 'POST',
      path: '/v1/projects',
      token: town,
      headers: { 'idempotency-key': `rush-project-${Date.now()}` },
      body: {
        purchaserId: 'pur-town-1',
        title: '东山镇困境儿童关爱服务项目（截标压力测试）',
        catalogCode: 'C-CAREGIVING',
        budgetLineId: line.id,
        estimatedAmount: RUSH.estimate,
        quantity: { value: 1000, unit: '小时' },
        term: { start: `${year}-03-01`, end: `${year}-12-31` },
        procurementMethod: 'competitive_consultation',
        evaluationCriteria: {
          quality: [{ code: 'service_plan', description: '服务方案与质量保障', weight: 75 }],
          priceWeight: 25,
        },
      },
    }),
    201,
    'POST /v1/projects',
  );
  const step = (action: string, as: string, version: number, body?: unknown) =>
    expect<Versioned>(
      api({
        method: 'POST',
        path: `/v1/projects/${created.id}/${action}`,
        token: as,
        headers: { 'if-match': `"${version}"` },
        ...(body === undefined ? {} : { body }),
      }),
      action === 'publish' ? 202 : 200,
      `POST /v1/projects/{id}/${action}`,
    );
  const submitted = await step('submit', town, created.version);
  const approved = await step('approve', bureau, submitted.version);
  // Whole seconds: the publish route refuses a fraction (R-PROC-1).
  const deadline = Math.ceil((Date.now() + RUSH.leadMs) / 1000) * 1000;
  await step('publish', town, approved.version, { bidDeadline: new Date(deadline).toISOString() });
  for (const until = Date.now() + 10_000; Date.now() < until; await sleep(100)) {
    const { json } = await api({ method: 'GET', path: `/v1/projects/${created.id}`, token: town });
    if ((json as { status?: string }).status === 'published')
      return { projectId: created.id, deadline, bureau };
  }
  throw new Error(`project ${created.id} was not published within 10 s`);
}

async function untilClosed(api: Api, projectId: string, bureau: string) {
  for (const until = Date.now() + 60_000; Date.now() < until; await sleep(50)) {
    const { json } = await api({ method: 'GET', path: `/v1/projects/${projectId}`, token: bureau });
    const status = (json as { status?: string }).status ?? '';
    if (status !== 'published') return { status, at: Date.now() };
  }
  throw new Error(`project ${projectId} was not closed within 60 s of the deadline`);
}

const statuses = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status === '0' ? 'no answer' : status} × ${count(n)}`)
    .join(', ') || 'none';

export function renderRush(f: RushFigures): string {
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  return [
    RUSH_TITLE,
    '',
    `\`npm run bench -- --only rush\` on ${f.date} (load average ${f.loadAverage.toFixed(2)} at the end of the rush). ` +
      `${f.honest} eligible contractors submit once and revise ${RUSH.revisions} times each, one after the other, ` +
      `spread over the last ${RUSH.windowMs / 1000} s before the deadline (the last sent ${RUSH.lastWriteBeforeMs / 1000} s before it), ` +
      `retrying any answer but 2xx until ${RUSH.honestStopMs} ms before ` +
      `it; meanwhile one hostile contractor loops PUT …/bid on ${RUSH.hostileLoops} connections until ` +
      `${RUSH.hostileAfterMs / 1000} s after it. Embedded stack, DynamoDB's transaction conflict rule applied in front ` +
      'of DynamoDB Local (which serializes transactions): conflicts are those AWS would have caused.',
    '',
    '| Figure | Value | Target |',
    '| --- | --- | --- |',
    `| Honest writes acknowledged | ${count(f.honest2xx)} of ${count(f.honest * (1 + RUSH.revisions))} | all: ${pass(f.honest2xx === f.honest * (1 + RUSH.revisions))} |`,
    `| Honest writes lost (no 2xx by the deadline) | ${count(f.honestLost)} | 0: ${pass(f.honestLost === 0)} |`,
    `| Honest answers retried | ${count(f.honestRetries)} (${statuses(f.honestRetryStatuses)}) | no 409: ${pass(!f.honestRetryStatuses['409'])} |`,
    `| Stored bid ≠ last acknowledged | ${count(f.honestWrongFinal)} | 0: ${pass(f.honestWrongFinal === 0)} |`,
    `| Honest PUT latency p50 / p99 / max | ${f.p50Ms.toFixed(1)} / ${f.p99Ms.toFixed(1)} / ${f.maxMs.toFixed(1)} ms | |`,
    `| Hostile requests | ${count(f.hostileRequests)} (${f.hostilePerSecond.toFixed(0)}/s): ${statuses(f.hostileStatuses)} | |`,
    `| Bid transactions sent / cancelled by a conflict | ${count(f.transactions.sent)} / ${count(f.transactions.conflicts)}, of which ${count(f.hostileConflicts)} between the hostile contractor's own requests | honest: 0: ${pass(f.transactions.conflicts === f.hostileConflicts)} |`,
    `| Bids at closing | ${count(f.bidsAtClose)} (expected ${count(f.expectedAtClose)}), project ${f.closedStatus} ${seconds(f.closeAfterDeadlineMs)} after the deadline | exact: ${pass(f.bidsAtClose === f.expectedAtClose)} |`,
    '',
  ].join('\n');
}

/** Replaces this section of docs/bench.md (or appends it), leaving every other section as it was. */
export function spliceRush(report: string, section: string): string {
  const start = report.indexOf(RUSH_TITLE);
  if (start < 0) return `${report.trimEnd()}\n\n${section}`;
  const next = report.indexOf('\n## ', start + RUSH_TITLE.length);
  return report.slice(0, start) + section + (next < 0 ? '' : report.slice(next + 1));
}

/** The rush section of an existing report, for a whole bench run to keep. */
export function rushSectionOf(report: string): string | undefined {
  const start = report.indexOf(RUSH_TITLE);
  if (start < 0) return undefined;
  const next = report.indexOf('\n## ', start + RUSH_TITLE.length);
  return report.slice(start, next < 0 ? undefined : next + 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'assistance-rush-'));
  const out: Output = {
    line: (text) => console.log(`  ${text}`),
    progress: (text) => console.log(`  ${text}`),
  };
  try {
    const figures = await measureRush(dir, out);
    const file = path.join(repoRoot, 'docs', 'bench.md');
    const section = renderRush(figures);
    await writeFile(file, spliceRush(await readFile(file, 'utf8'), section));
    console.log(`\n${section}\n${path.relative(process.cwd(), file)}: section written`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

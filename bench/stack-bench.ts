/**
 * Targets 3 and 4 against the embedded stack started in this process: DynamoDB Local (Java), s3rver and the
 * local gateway calling the handler modules in-process, so their DynamoDB client is ours to instrument.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { ensureTable, localDynamoClient } from '#infra/local/dynamodb-local';
import { signDevToken } from '#infra/local/jwt';
import { startEmbeddedStack, type EmbeddedStack } from '#infra/local/stack';
import { installCounter, type DynamoCounter } from './dynamo-counter';
import { createApi } from './http';
import {
  latencyVerdict,
  measureAtSize,
  type LatencyFigures,
  type LoadContext,
  type Measured,
  type Phase,
  type PhaseFigures,
} from './latency';
import {
  contractorsInTable,
  createLoader,
  emptyPopulation,
  type Loader,
  type Population,
} from './population';
import { countRequests, type RequestFigures } from './request-counts';
import { count, seconds } from './stats';
import { installTableSwitch } from './table-switch';

export interface TableSizes {
  small: number;
  large: number;
}

export const SIZES: TableSizes = { small: 1_000, large: 50_000 };

/**
 * The second table of the same DynamoDB Local, kept at the small size (§4 of issue 9): measured before the large
 * table is loaded and again after, so the verdict compares two tables on the same warmed-up JVM.
 */
export const SMALL_TABLE = 'assistance-bench-small';

export interface LoadingFigures {
  table: string;
  /** Why this load ran: the small table, the large one, the small one rebuilt after the large one. */
  purpose: string;
  /** Contractors in the table afterwards. */
  target: number;
  /** Contractors bulk-loaded to get there. */
  loaded: number;
  ms: number;
  itemsPerSecond: number;
}

export interface StackFigures {
  stackReadyMs: number;
  /** DynamoDB requests the counter saw while the handler served one GET: proves it sees the handlers. */
  counterCheck: Record<string, number>;
  /** Items that GET touched and the capacity units DynamoDB Local reported for it. */
  counterCheckItems: { items: number; capacityUnits: number };
  loading: LoadingFigures[];
  /** Counted at the small table's size and again at the large table's. */
  requests: RequestFigures;
  latency: LatencyFigures;
  largeTable: string;
  smallTable: string;
}

export interface Output {
  line(text: string): void;
  /** A progress line that may be rewritten in place. */
  progress(text: string): void;
}

export async function measureStack(dataDir: string, sizes: TableSizes, out: Output): Promise<StackFigures> {
  process.env.LOG_LEVEL ??= 'WARN';
  const stack = await startEmbeddedStack({
    dataDir,
    port: 0,
    dynamoPort: 0,
    s3Port: 0,
    seed: true,
    logRequests: false,
    log: (text) => out.line(`[stack] ${text}`),
  });
  out.line(`embedded stack ready in ${seconds(stack.readyMs)} at ${stack.baseUrl}`);
  const admin = localDynamoClient(stack.dynamoEndpoint);
  const loaders = {
    large: createLoader({ endpoint: stack.dynamoEndpoint, tableName: stack.tableName }),
    small: createLoader({ endpoint: stack.dynamoEndpoint, tableName: SMALL_TABLE }),
  };
  try {
    return await measureWith(stack, admin, loaders, sizes, out);
  } finally {
    loaders.large.close();
    loaders.small.close();
    admin.destroy();
    await stack.stop();
  }
}

async function measureWith(
  stack: EmbeddedStack,
  admin: DynamoDBClient,
  loaders: { large: Loader; small: Loader },
  sizes: TableSizes,
  out: Output,
): Promise<StackFigures> {
  // Imported only now: the module builds its client from the environment the stack has just set.
  const { documentClient } = await import('#shared/adapters/dynamodb/client');
  // The switch first: the counter must see the input with the table the request really goes to.
  const tables = installTableSwitch(documentClient, stack.tableName);
  const counter = installCounter(documentClient);
  const api = createApi(stack.baseUrl);
  const token = await signDevToken({ keysDir: stack.keysDir, role: 'bureau' });
  const large: LoadContext = { api, token, population: emptyPopulation() };
  let small: LoadContext = { api, token, population: emptyPopulation() };
  const loading: LoadingFigures[] = [];

  await rebuildTable(admin, SMALL_TABLE);
  loading.push(await fill(loaders.small, small.population, sizes.small, SMALL_TABLE, 'small table', out));
  tables.use(SMALL_TABLE);
  const { counts: counterCheck, items: counterCheckItems } = await checkCounter(small, counter);
  out.line(
    `counter sees the handlers: one GET made ${describeCounts(counterCheck)}, touched ` +
      `${counterCheckItems.items} item (${counterCheckItems.capacityUnits} capacity units)`,
  );
  const smallCounts = await countRequests({ ...small, counter });
  describeCounted(smallCounts).forEach(out.line);
  const smallBefore = await measurePhase(small, 'small, before', SMALL_TABLE, out);

  tables.use(undefined);
  loading.push(await fill(loaders.large, large.population, sizes.large, stack.tableName, 'large table', out));
  const largeCounts = await countRequests({ ...large, counter });
  describeCounted(largeCounts).forEach(out.line);
  const largeFigures = await measurePhase(large, 'large', stack.tableName, out);

  // The POSTs above grew the small table past its size: rebuild it to exactly the small size, on the warm JVM.
  small = { ...small, population: emptyPopulation() };
  await rebuildTable(admin, SMALL_TABLE);
  loading.push(
    await fill(loaders.small, small.population, sizes.small, SMALL_TABLE, 'small table, rebuilt', out),
  );
  tables.use(SMALL_TABLE);
  const smallAfter = await measurePhase(small, 'small, after', SMALL_TABLE, out);
  tables.use(undefined);

  const counted = [...smallCounts.counted, ...largeCounts.counted];
  return {
    stackReadyMs: stack.readyMs,
    counterCheck,
    counterCheckItems,
    loading,
    requests: { counted, pass: counted.every((c) => c.pass) },
    latency: latencyVerdict(smallBefore, largeFigures, smallAfter),
    largeTable: stack.tableName,
    smallTable: SMALL_TABLE,
  };
}

async function measurePhase(
  context: LoadContext,
  phase: Phase,
  table: string,
  out: Output,
): Promise<PhaseFigures> {
  const figures: PhaseFigures = { phase, table, ...(await measureAtSize(context)) };
  describeSize(figures).forEach(out.line);
  return figures;
}

/** Drops the table if it exists and creates it empty, with the key design of the handlers' table. */
async function rebuildTable(admin: DynamoDBClient, table: string): Promise<void> {
  try {
    await admin.send(new DeleteTableCommand({ TableName: table }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await ensureTable(admin, table);
}

async function fill(
  loader: Loader,
  population: Population,
  target: number,
  table: string,
  purpose: string,
  out: Output,
): Promise<LoadingFigures> {
  const before = contractorsInTable(population);
  const loadedBefore = population.ids.length;
  const started = performance.now();
  let reported = -1;
  await loader.fillTo(population, target, (done, total) => {
    const tenth = Math.floor((10 * done) / total);
    if (tenth === reported) return;
    reported = tenth;
    out.progress(`loading contractors into ${table}: ${count(before + done)} / ${count(target)}`);
  });
  const ms = performance.now() - started;
  // Two items per contractor: the record and its credit-code marker.
  const loaded = population.ids.length - loadedBefore;
  const itemsPerSecond = (2 * loaded) / (ms / 1000);
  out.line(
    `${purpose}: loaded ${count(loaded)} contractors into ${table} in ${seconds(ms, 1)} ` +
      `(${count(Math.round(itemsPerSecond))} items/s)`,
  );
  return { table, purpose, target, loaded, ms, itemsPerSecond };
}

async function checkCounter(
  context: LoadContext,
  counter: DynamoCounter,
): Promise<{ counts: Record<string, number>; items: { items: number; capacityUnits: number } }> {
  counter.reset();
  counter.measureItems(true);
  const id = context.population.ids[0] as string;
  const { status } = await context.api({
    method: 'GET',
    path: `/v1/contractors/${id}`,
    token: context.token,
  });
  counter.measureItems(false);
  if (status !== 200) throw new Error(`GET /v1/contractors/${id} answered ${status}`);
  const counts = counter.snapshot();
  if (counter.total() === 0)
    throw new Error('the counting middleware saw no request: the handlers use another DynamoDB client');
  // The GET found its contractor, so it read one item: zero means the item counter does not see the answers.
  if (counter.items() === 0) throw new Error('the item counter saw no item read by a GET that answered 200');
  return { counts, items: { items: counter.items(), capacityUnits: counter.capacityUnits() } };
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([operation, n]) => `${n} ${operation}`)
    .join(', ');
}

function describeCounted(figures: RequestFigures): string[] {
  return figures.counted.map(
    (c) =>
      `${c.label.padEnd(42)} at ${count(c.contractors).padStart(6)} contractors: ${c.perCall.toFixed(2)} ` +
      `DynamoDB requests, ${c.itemsPerCall.toFixed(2)} items, ${c.capacityPerCall.toFixed(2)} capacity units per call`,
  );
}

function describeSize(size: PhaseFigures): string[] {
  const part = (name: string, r: Measured) => {
    const rounds = r.rounds.map((round) => round.p99Ms.toFixed(0)).join('/');
    return (
      `${name.padEnd(18)} at ${count(r.contractors).padStart(6)} contractors: p50 ${r.p50Ms.toFixed(1)}, ` +
      `p99 ${r.p99Ms.toFixed(1)} (rounds ${rounds}), max ${r.maxMs.toFixed(1)} ms, ${r.perSecond.toFixed(0)}/s`
    );
  };
  return [part(`GET ${size.phase}`, size.get), part(`POST ${size.phase}`, size.post)];
}

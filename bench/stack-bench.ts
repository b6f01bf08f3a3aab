/**
 * Targets 3 and 4 against the embedded stack started in this process: DynamoDB Local (Java), s3rver and the
 * local gateway calling the handler modules in-process, so their DynamoDB client is ours to instrument.
 */
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
  type SizeFigures,
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

export interface TableSizes {
  small: number;
  large: number;
}

export const SIZES: TableSizes = { small: 1_000, large: 50_000 };

export interface LoadingFigures {
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
  loading: LoadingFigures[];
  requests: RequestFigures;
  latency: LatencyFigures;
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
  const loader = createLoader({ endpoint: stack.dynamoEndpoint, tableName: stack.tableName });
  try {
    return await measureWith(stack, loader, sizes, out);
  } finally {
    loader.close();
    await stack.stop();
  }
}

async function measureWith(
  stack: EmbeddedStack,
  loader: Loader,
  sizes: TableSizes,
  out: Output,
): Promise<StackFigures> {
  // Imported only now: the module builds its client from the environment the stack has just set.
  const { documentClient } = await import('#shared/adapters/dynamodb/client');
  const counter = installCounter(documentClient);
  const population = emptyPopulation();
  const context: LoadContext = {
    api: createApi(stack.baseUrl),
    token: await signDevToken({ keysDir: stack.keysDir, role: 'bureau' }),
    population,
  };

  const loading = [await fill(loader, population, sizes.small, out)];
  const counterCheck = await checkCounter(context, counter);
  out.line(`counter sees the handlers: one GET made ${describeCounts(counterCheck)}`);

  const requests = await countRequests({ ...context, counter });
  for (const c of requests.counted)
    out.line(`${c.label.padEnd(42)} ${c.perCall.toFixed(2)} DynamoDB requests per call`);

  const small = await measureAtSize(context);
  describeSize(small).forEach(out.line);
  loading.push(await fill(loader, population, sizes.large, out));
  const large = await measureAtSize(context);
  describeSize(large).forEach(out.line);

  return {
    stackReadyMs: stack.readyMs,
    counterCheck,
    loading,
    requests,
    latency: latencyVerdict(small, large),
  };
}

async function fill(
  loader: Loader,
  population: Population,
  target: number,
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
    out.progress(`loading contractors: ${count(before + done)} / ${count(target)}`);
  });
  const ms = performance.now() - started;
  // Two items per contractor: the record and its credit-code marker.
  const loaded = population.ids.length - loadedBefore;
  const itemsPerSecond = (2 * loaded) / (ms / 1000);
  out.line(
    `loaded ${count(loaded)} contractors in ${seconds(ms, 1)} (${count(Math.round(itemsPerSecond))} items/s)`,
  );
  return { target, loaded, ms, itemsPerSecond };
}

async function checkCounter(context: LoadContext, counter: DynamoCounter): Promise<Record<string, number>> {
  counter.reset();
  const id = context.population.ids[0] as string;
  const { status } = await context.api({
    method: 'GET',
    path: `/v1/contractors/${id}`,
    token: context.token,
  });
  if (status !== 200) throw new Error(`GET /v1/contractors/${id} answered ${status}`);
  const seen = counter.snapshot();
  if (counter.total() === 0)
    throw new Error('the counting middleware saw no request: the handlers use another DynamoDB client');
  return seen;
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([operation, n]) => `${n} ${operation}`)
    .join(', ');
}

function describeSize(size: SizeFigures): string[] {
  const part = (name: string, r: Measured) => {
    const rounds = r.rounds.map((round) => round.p99Ms.toFixed(0)).join('/');
    return (
      `${name.padEnd(4)} at ${count(r.contractors).padStart(6)} contractors: p50 ${r.p50Ms.toFixed(1)}, ` +
      `p99 ${r.p99Ms.toFixed(1)} (rounds ${rounds}), max ${r.maxMs.toFixed(1)} ms, ${r.perSecond.toFixed(0)}/s`
    );
  };
  return [part('GET', size.get), part('POST', size.post)];
}

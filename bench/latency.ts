/**
 * Target 3: GET and POST latency under concurrent load at two table sizes. Reads hit random bulk-loaded
 * contractors; each POST registers a new contractor with a fresh valid credit code.
 */
import { randomInt } from 'node:crypto';
import type { Answer, Call, LoadPlan, LoadResult } from './http';
import { runLoad } from './http';
import { contractorsInTable, registrationBody, type Population } from './population';
import { median } from './stats';

export const LOAD = {
  concurrency: 16,
  /** DynamoDB Local's JIT: after a start the first ~1,000 GETs run 3-4× slower, so warm up well past that. */
  warmupGets: 1_500,
  warmupPosts: 300,
  gets: 2_000,
  posts: 500,
  /** Each measurement is repeated; the figures are the medians of the rounds (a single p99 is noisy on 2 cores). */
  rounds: 5,
  timeLimitMs: 60_000,
  ratioLimit: 1.2,
} as const;

export interface LoadContext {
  api: (call: Call) => Promise<Answer>;
  token: string;
  population: Population;
}

/** Medians of the rounds' p50, p99 and rate; the largest max; totals of completed and failed requests. */
export interface Measured extends LoadResult {
  /** Contractors in the table when the measured requests started (bulk-loaded plus registered by POSTs). */
  contractors: number;
  rounds: LoadResult[];
}

export interface SizeFigures {
  get: Measured;
  post: Measured;
}

/** Which table a measurement ran on, and when (§4 of issue 9: the small table is measured before and after). */
export type Phase = 'small, before' | 'large' | 'small, after';

export interface PhaseFigures extends SizeFigures {
  phase: Phase;
  /** The DynamoDB table the handlers were pointed at. */
  table: string;
}

export interface Ratio {
  p50: number;
  p99: number;
}

export interface LatencyFigures {
  /** In the order measured: small before the large load, large, small again after it. */
  sizes: PhaseFigures[];
  /** Large ÷ small-after: both measured after the large load, on the same warmed-up DynamoDB Local. The verdict. */
  get: Ratio;
  post: Ratio;
  /** Large ÷ small-before, as the bench measured it before issue 9: reported to show the warm-up's share. */
  getBefore: Ratio;
  postBefore: Ratio;
  pass: boolean;
}

const ratio = (large: Measured, small: Measured): Ratio => ({
  p50: large.p50Ms / small.p50Ms,
  p99: large.p99Ms / small.p99Ms,
});

/** The verdict (§4 of issue 9): GET p99, large ÷ small measured after the large table was loaded. */
export function latencyVerdict(
  smallBefore: PhaseFigures,
  large: PhaseFigures,
  smallAfter: PhaseFigures,
): LatencyFigures {
  const sizes = [smallBefore, large, smallAfter];
  const clean = sizes.every((s) => [s.get, s.post].every((r) => r.failures === 0 && !r.timedOut));
  const get = ratio(large.get, smallAfter.get);
  return {
    sizes,
    get,
    post: ratio(large.post, smallAfter.post),
    getBefore: ratio(large.get, smallBefore.get),
    postBefore: ratio(large.post, smallBefore.post),
    pass: clean && get.p99 <= LOAD.ratioLimit,
  };
}

/** GETs (warm-up, then measured) before POSTs, so the GETs see the table at the size just loaded. */
export async function measureAtSize(context: LoadContext): Promise<SizeFigures> {
  const get = await measure(context, getPlan(context, LOAD.warmupGets), getPlan(context, LOAD.gets));
  const post = await measure(context, postPlan(context, LOAD.warmupPosts), postPlan(context, LOAD.posts));
  return { get, post };
}

async function measure(context: LoadContext, warmup: LoadPlan, measured: LoadPlan): Promise<Measured> {
  await runLoad(warmup);
  const contractors = contractorsInTable(context.population);
  const rounds: LoadResult[] = [];
  for (let round = 0; round < LOAD.rounds; round++) rounds.push(await runLoad(measured));
  return { contractors, rounds, ...combine(rounds) };
}

/** Medians of the rounds' p50, p99 and rate; the largest max; totals of completed and failed requests. */
export function combine(rounds: readonly LoadResult[]): LoadResult {
  const of = (pick: (r: LoadResult) => number) => rounds.map(pick);
  return {
    completed: of((r) => r.completed).reduce((a, b) => a + b, 0),
    failures: of((r) => r.failures).reduce((a, b) => a + b, 0),
    timedOut: rounds.some((r) => r.timedOut),
    p50Ms: median(of((r) => r.p50Ms)),
    p99Ms: median(of((r) => r.p99Ms)),
    maxMs: Math.max(...of((r) => r.maxMs)),
    perSecond: median(of((r) => r.perSecond)),
    loadAverage: Math.max(...of((r) => r.loadAverage)),
  };
}

function getPlan(context: LoadContext, requests: number): LoadPlan {
  const { ids } = context.population;
  return {
    requests,
    concurrency: LOAD.concurrency,
    timeLimitMs: LOAD.timeLimitMs,
    expectedStatus: 200,
    send: async () => {
      const id = ids[randomInt(ids.length)] as string;
      const { status } = await context.api({
        method: 'GET',
        path: `/v1/contractors/${id}`,
        token: context.token,
      });
      return status;
    },
  };
}

function postPlan(context: LoadContext, requests: number): LoadPlan {
  return {
    requests,
    concurrency: LOAD.concurrency,
    timeLimitMs: LOAD.timeLimitMs,
    expectedStatus: 201,
    send: async () => {
      const body = registrationBody(context.population);
      const { status } = await context.api({
        method: 'POST',
        path: '/v1/contractors',
        token: context.token,
        body,
      });
      if (status === 201) context.population.registered++;
      return status;
    },
  };
}

/**
 * Target 4: DynamoDB requests per API call, and the items they touch, counted by the middleware on the handlers'
 * shared client while the calls run one at a time (nothing else talks to DynamoDB meanwhile). Run at both table
 * sizes (§4 of issue 9): a read that touches 1 item at 1,000 and at 50,000 contractors cannot grow with the table.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoCounter } from './dynamo-counter';
import type { Answer, Call } from './http';
import { contractorsInTable, registrationBody, type Population } from './population';

export const READS = 100;
export const WRITES = 20;

export interface CountedCall {
  label: string;
  calls: number;
  /** Calls that did not answer with the expected status. */
  failures: number;
  perCall: number;
  /** Requests per call by operation. */
  operations: Record<string, number>;
  /** Items the requests read or wrote, per call (`itemsOf` in dynamo-counter.ts). */
  itemsPerCall: number;
  /** Capacity units DynamoDB Local reported, per call. */
  capacityPerCall: number;
  /** Contractors in the table when the calls started. */
  contractors: number;
  /** What the target says this should be, per call. */
  expected: number;
  /** Items a read should touch, per call; writes are reported only. */
  expectedItems?: number;
  pass: boolean;
}

export interface RequestFigures {
  counted: CountedCall[];
  pass: boolean;
}

interface CountContext {
  api: (call: Call) => Promise<Answer>;
  token: string;
  population: Population;
  counter: DynamoCounter;
}

export async function countRequests(context: CountContext): Promise<RequestFigures> {
  const ids = context.population.ids.slice(0, READS);
  const get = (suffix: string) => (i: number) => ({
    method: 'GET' as const,
    path: `/v1/contractors/${ids[i % ids.length]}${suffix}`,
    token: context.token,
  });
  const post = (withKey: boolean) => () => ({
    method: 'POST' as const,
    path: '/v1/contractors',
    token: context.token,
    body: registrationBody(context.population),
    ...(withKey ? { headers: { 'idempotency-key': `bench-${randomUUID()}` } } : {}),
  });
  context.counter.measureItems(true);
  try {
    const counted = [
      await count(context, 'GET /v1/contractors/{id}', READS, 200, { requests: 1, items: 1 }, get('')),
      await count(
        context,
        'GET /v1/contractors/{id}/eligibility',
        READS,
        200,
        { requests: 1, items: 1 },
        get('/eligibility'),
      ),
      await count(context, 'POST /v1/contractors', WRITES, 201, { requests: 1 }, post(false)),
      await count(
        context,
        'POST /v1/contractors + Idempotency-Key',
        WRITES,
        201,
        { requests: 2 },
        post(true),
      ),
    ];
    return { counted, pass: counted.every((c) => c.pass) };
  } finally {
    context.counter.measureItems(false);
  }
}

async function count(
  context: CountContext,
  label: string,
  calls: number,
  expectedStatus: number,
  expected: { requests: number; items?: number },
  build: (i: number) => Call,
): Promise<CountedCall> {
  let failures = 0;
  const contractors = contractorsInTable(context.population);
  context.counter.reset();
  for (let i = 0; i < calls; i++) {
    const call = build(i);
    const { status } = await context.api(call);
    if (status !== expectedStatus) failures++;
    else if (call.method === 'POST') context.population.registered++;
  }
  const operations = Object.fromEntries(
    Object.entries(context.counter.snapshot()).map(([operation, n]) => [operation, n / calls]),
  );
  const perCall = context.counter.total() / calls;
  const itemsPerCall = context.counter.items() / calls;
  return {
    label,
    calls,
    failures,
    perCall,
    operations,
    itemsPerCall,
    capacityPerCall: context.counter.capacityUnits() / calls,
    contractors,
    expected: expected.requests,
    ...(expected.items === undefined ? {} : { expectedItems: expected.items }),
    pass:
      failures === 0 &&
      perCall === expected.requests &&
      (expected.items === undefined || itemsPerCall === expected.items),
  };
}

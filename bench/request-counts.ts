/**
 * Target 4: DynamoDB requests per API call, counted by the middleware on the handlers' shared client while
 * the calls run one at a time (nothing else talks to DynamoDB meanwhile).
 */
import { randomUUID } from 'node:crypto';
import type { DynamoCounter } from './dynamo-counter';
import type { Answer, Call } from './http';
import { registrationBody, type Population } from './population';

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
  /** What the target says this should be, per call. */
  expected: number;
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
  const counted = [
    await count(context, 'GET /v1/contractors/{id}', READS, 200, 1, get('')),
    await count(context, 'GET /v1/contractors/{id}/eligibility', READS, 200, 1, get('/eligibility')),
    await count(context, 'POST /v1/contractors', WRITES, 201, 1, post(false)),
    await count(context, 'POST /v1/contractors + Idempotency-Key', WRITES, 201, 2, post(true)),
  ];
  return { counted, pass: counted.every((c) => c.pass) };
}

async function count(
  context: CountContext,
  label: string,
  calls: number,
  expectedStatus: number,
  expected: number,
  build: (i: number) => Call,
): Promise<CountedCall> {
  let failures = 0;
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
  return {
    label,
    calls,
    failures,
    perCall,
    operations,
    expected,
    pass: failures === 0 && perCall === expected,
  };
}

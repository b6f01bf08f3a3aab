/** The bench's HTTP calls to the embedded gateway (127.0.0.1 only) and a bounded concurrent load runner. */
import os from 'node:os';
import { percentile } from './stats';

export interface Call {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** Bearer token; none for the public routes. */
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  json: unknown;
}

export function createApi(baseUrl: string): (call: Call) => Promise<Answer> {
  const origin = new URL(baseUrl);
  if (origin.hostname !== '127.0.0.1') throw new Error(`the bench only calls 127.0.0.1, not ${origin.host}`);
  return async (call) => {
    const headers: Record<string, string> = {
      ...(call.token === undefined ? {} : { authorization: `Bearer ${call.token}` }),
      ...call.headers,
    };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(new URL(call.path, origin), {
      method: call.method,
      headers,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  };
}

export interface LoadPlan {
  requests: number;
  concurrency: number;
  /** Workers stop taking new requests after this long, whatever is left. */
  timeLimitMs: number;
  /** Sends request number `i` and returns the HTTP status. */
  send: (i: number) => Promise<number>;
  expectedStatus: number;
}

export interface LoadResult {
  completed: number;
  /** Answers with another status than expected, or failed calls. */
  failures: number;
  timedOut: boolean;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  perSecond: number;
  /** The machine's 1-minute load average when the phase ended (other processes compete for the cores). */
  loadAverage: number;
}

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + plan.timeLimitMs;
  const worker = async (): Promise<void> => {
    while (next < plan.requests && performance.now() < deadline) {
      const i = next++;
      const sent = performance.now();
      const status = await plan.send(i).catch(() => 0);
      latencies.push(performance.now() - sent);
      if (status !== plan.expectedStatus) failures++;
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  const wallMs = performance.now() - started;
  return {
    completed: latencies.length,
    failures,
    timedOut: latencies.length < plan.requests,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: Math.max(...latencies),
    perSecond: latencies.length / (wallMs / 1000),
    loadAverage: os.loadavg()[0] ?? Number.NaN,
  };
}
